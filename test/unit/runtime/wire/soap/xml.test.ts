// src/runtime/wire/soap/xml.ts: what the XML reader's nodes say beyond their text (xsi:nil under any prefix).
import { isNil, type XmlNode } from '../../../../../src/runtime/wire/soap/xml';

describe('isNil: xsi:nil under any prefix', () => {
  const node = (attributes: Record<string, string>): XmlNode =>
    ({ name: 'a', local: 'a', namespace: '', attributes, children: [], text: '' }) as unknown as XmlNode;
  test.each<[Record<string, string>, boolean]>([
    [{ 'xsi:nil': 'true' }, true],
    [{ 'i:nil': ' 1 ' }, true],
    [{ 'xsi:nil': 'false' }, false],
    [{ nil: 'true' }, false],
    [{ 'xmlns:xsi': 'http://www.w3.org/2001/XMLSchema-instance' }, false],
    [{}, false],
  ])('%j -> %s', (attributes, want) => {
    expect(isNil(node(attributes))).toBe(want);
  });
});
