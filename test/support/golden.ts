// Golden-file helper: compares with test/golden/<name>, rewrites only when UPDATE_GOLDEN=1.
import * as fs from 'node:fs';
import * as path from 'node:path';

export function expectGolden(name: string, actual: string): void {
  const file = path.join(__dirname, '..', 'golden', name);
  if (process.env.UPDATE_GOLDEN === '1') {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, actual);
  }
  if (!fs.existsSync(file)) throw new Error(`golden file ${name} is missing: run with UPDATE_GOLDEN=1 and review it`);
  expect(actual).toBe(fs.readFileSync(file, 'utf8'));
}
