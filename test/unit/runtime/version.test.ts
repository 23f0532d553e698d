// src/runtime/version.ts: interface version numbers and their numeric order.
import { compareVersions, versionNumber } from '../../../src/runtime/version';

test.each<[string, string | undefined]>([
  ['IR_WS_2.55', '2.55'],
  ['MR_WS_2.58', '2.58'],
  ['2.21', undefined],
  ['IR_WS', undefined],
])('versionNumber(%s) is %s', (given, want) => expect(versionNumber(given)).toBe(want));

test.each<[string, string, number]>([
  ['2.9', '2.21', -1],
  ['2.21', '2.58', -1],
  ['2.58', '2.58', 0],
  ['2.0', '2', 0],
  ['3.0', '2.58', 1],
])('compareVersions(%s, %s) has the sign %d', (a, b, want) => expect(Math.sign(compareVersions(a, b))).toBe(want));
