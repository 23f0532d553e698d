// codegen/run.ts, the routine behind `sogenactif generate` and `make generate`: the lines it reports and
// its outcome for a fresh folder, an unchanged one, a stale one and --print-model.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runGenerate, type RunOptions } from '../../../codegen/run';

const INPUT = 'test/fixtures/versions/mandate-2.58';
// The fixture imports the package contract's common.xsd, outside its own folder: named, as a merchant would.
const ALLOW_OUTSIDE = ['wsdl'];

function run(options: Partial<RunOptions> & { outDir: string }) {
  const lines = { out: '', err: '' };
  const outcome = runGenerate(
    {
      inputs: [INPUT],
      allowOutside: ALLOW_OUTSIDE,
      runtimeImport: 'sogenactif-office',
      importExtension: 'none',
      regenerateCommand: 'make generate',
      ...options,
    },
    { stdout: (t) => (lines.out += t), stderr: (t) => (lines.err += t) },
  );
  return { outcome, ...lines };
}

describe('runGenerate', () => {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'codegen-run-'));
  afterAll(() => fs.rmSync(out, { recursive: true, force: true }));

  test.each<[string, () => void, Partial<RunOptions>, { outcome: string; out: RegExp; err: RegExp }]>([
    [
      'a fresh folder: every file written',
      () => undefined,
      {},
      { outcome: 'ok', out: /wrote {3}.*mandate\/types\.ts[\s\S]*: \d+ written, 0 deleted, 0 unchanged\n$/, err: /^$/ },
    ],
    [
      'unchanged: a check passes',
      () => undefined,
      { check: true },
      { outcome: 'ok', out: /: 0 stale, 0 extra, \d+ unchanged\n$/, err: /^$/ },
    ],
    [
      'an edited file and a leftover one: stale, named with the command that regenerates',
      () => {
        fs.appendFileSync(path.join(out, 'mandate/types.ts'), '// edited\n');
        fs.copyFileSync(path.join(out, 'mandate/index.ts'), path.join(out, 'mandate/old.ts'));
      },
      { check: true },
      {
        outcome: 'stale',
        out: /stale {3}.*mandate\/types\.ts\nextra .*mandate\/old\.ts\n.*: 1 stale, 1 extra/,
        err: /differs from what the contract produces: run 'make generate' and commit the result\.\n$/,
      },
    ],
  ])('%s', (_label, given, options, want) => {
    given();
    const result = run({ outDir: out, ...options });
    expect(result.outcome).toBe(want.outcome);
    expect(result.out).toMatch(want.out);
    expect(result.err).toMatch(want.err);
  });

  test('--print-model prints the model and writes nothing', () => {
    const result = run({ outDir: path.join(out, 'none'), printModel: true });
    expect(JSON.parse(result.out)).toMatchObject({ kind: 'contract', services: [{ name: 'mandate' }] });
    expect(fs.existsSync(path.join(out, 'none'))).toBe(false);
  });
});
