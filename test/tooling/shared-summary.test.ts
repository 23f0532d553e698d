// `make shared-summary`, the last step of `make test`: one line naming what a plain clone (no ../shared) skips.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

test.each([
  // given SHARED, want the line
  [
    '/nonexistent-shared',
    new RegExp(
      String.raw`^SKIPPED without \/nonexistent-shared \(research material beside the repository, not part of a` +
        String.raw` clone\); seed coverage \(test\/interop\/contract-coverage\.test\.ts: .*\); node-soap` +
        String.raw` conformance \(make conformance: .*\)$`,
    ),
  ],
  ['test/fixtures/no-such-dir', /^SKIPPED without test\/fixtures\/no-such-dir /],
])('SHARED=%s', (shared, want) => {
  const out = execFileSync('make', ['-s', 'shared-summary', `SHARED=${shared}`], { encoding: 'utf8' });
  expect(out.trim().split('\n')).toHaveLength(1);
  expect(out.trim()).toMatch(want);
});

test('with both pieces present it says they ran', () => {
  const shared = fs.mkdtempSync(path.join(os.tmpdir(), 'shared-'));
  fs.mkdirSync(path.join(shared, 'seeds'));
  fs.writeFileSync(path.join(shared, 'seeds', 'office-server-methods.txt'), '');
  fs.mkdirSync(path.join(shared, 'corpus', 'node-soap'), { recursive: true });
  try {
    expect(execFileSync('make', ['-s', 'shared-summary', `SHARED=${shared}`], { encoding: 'utf8' }).trim()).toBe(
      `${shared} present: seed coverage and node-soap conformance ran`,
    );
  } finally {
    fs.rmSync(shared, { recursive: true, force: true });
  }
});
