// The simulator's business codes come from the generated code tables (ResponseCode, WalletResponseCode, ...) or the
// platform's rules, never as literals: a code field given a two-digit string, or compared with one, is a copy.
import * as fs from 'node:fs';
import * as path from 'node:path';

const folder = path.join(__dirname, '..', '..', 'src', 'tools', 'simulator');

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? sources(full) : entry.name.endsWith('.ts') ? [full] : [];
  });
}

test('no code field of the simulator is written or compared as a literal', () => {
  // `responseCode: '00'`, `[codeField]: '30'`, `.walletResponseCode === '01'`, `ok ? '00' : '05'` beside a code field.
  const literal = /(?:Code\]?:\s*|Code\s*[!=]==\s*)(?:[^,\n]*\?\s*)?'[0-9]{2}'/;
  const found = sources(folder).flatMap((file) =>
    fs
      .readFileSync(file, 'utf8')
      .split('\n')
      .map((line, i) => ({ line, at: `${path.relative(folder, file)}:${i + 1}` }))
      .filter(({ line }) => literal.test(line))
      .map(({ at, line }) => `${at}: ${line.trim()}`),
  );
  expect(found).toEqual([]);
});
