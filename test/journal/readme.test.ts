// The README's "Payment journal and recovery" example, run verbatim in a child process: its two imports resolve to
// this repository's sources, and the journal it opens holds an intent a crashed process left a day ago.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

test('the README recovery example runs as written: it recovers, pays, reconciles', () => {
  const readme = fs.readFileSync('README.md', 'utf8');
  const block = /<!-- journal-example[^>]*-->\n```ts\n([\s\S]*?)\n```/.exec(readme)?.[1];
  expect(block).toBeDefined();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'journal-readme-'));
  try {
    // The packages the example imports, pointing at the sources (ts-run compiles them).
    const shim = (name: string, target: string): void => {
      fs.mkdirSync(path.join(dir, 'node_modules', name), { recursive: true });
      fs.writeFileSync(
        path.join(dir, 'node_modules', name, 'index.js'),
        `module.exports = require(${JSON.stringify(path.resolve(target))});\n`,
      );
    };
    shim('sogenactif-office', 'src/runtime/index.ts');
    shim('sogenactif-office-tools/simulator', 'src/tools/simulator/index.ts');
    fs.writeFileSync(path.join(dir, 'example.ts'), block!);
    const at = new Date(Date.now() - 24 * 3600_000 + 60_000).toISOString();
    const left = {
      id: 'left-behind',
      operation: 'checkout.cardOrder',
      category: 'payment',
      merchantId: '002001000000001',
      transactionReference: 'LEFTBEHIND1',
      amount: 900,
      currencyCode: '978',
      request: {},
      state: 'intent',
      createdAt: at,
      updatedAt: at,
      attempts: 0,
    };
    fs.writeFileSync(path.join(dir, 'payments.journal'), `${JSON.stringify({ op: 'intent', entry: left })}\n`);
    const out = execFileSync(process.execPath, [path.resolve('scripts/ts-run.js'), 'example.ts'], {
      cwd: dir,
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(out).toMatch(/^order LEFTBEHIND1: never-performed\npaid: 00 SO\w{30}\n2 entries, 0 mismatches\n$/);
    const journal = fs.readFileSync(path.join(dir, 'payments.journal'), 'utf8');
    expect(journal).not.toContain('4200000000000000');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
