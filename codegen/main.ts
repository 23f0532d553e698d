// Repository entry point of `make generate`, `make check-generated` and `--print-model`, the same routine as
// `sogenactif generate` (run.ts) with this repository's settings:
//   node scripts/ts-run.js codegen/main.ts [--check] [--strict] [--print-model] [--out DIR] [--runtime SPEC] [INPUT...]
import { ContractLocationError, ContractWarningsError, UnsafePatternError } from './index';
import { runGenerate } from './run';

const args = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const index = args.indexOf(name);
  if (index < 0) return undefined;
  const [, value] = args.splice(index, 2);
  return value;
};
const flag = (name: string): boolean => {
  const index = args.indexOf(name);
  if (index >= 0) args.splice(index, 1);
  return index >= 0;
};

const check = flag('--check');
const strict = flag('--strict');
const printModel = flag('--print-model');
const outDir = option('--out') ?? 'generated';
const runtimeImport = option('--runtime') ?? '../src/runtime/descriptor';
const inputs = args.length > 0 ? args : ['wsdl'];
const sink = { stdout: (text: string) => process.stdout.write(text), stderr: (text: string) => process.stderr.write(text) };

try {
  // generated/ is this repository's CommonJS code: no import extension, whatever a tsconfig says.
  const outcome = runGenerate({ inputs, outDir, runtimeImport, check, strict, printModel, importExtension: 'none', regenerateCommand: 'make generate' }, sink);
  if (outcome === 'stale') process.exitCode = 1;
} catch (error) {
  if (!(error instanceof ContractWarningsError) && !(error instanceof ContractLocationError) && !(error instanceof UnsafePatternError)) throw error;
  sink.stderr(`${error.message}\n`);
  process.exitCode = 2;
}
