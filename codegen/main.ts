// Repository entry point used by `make generate` and `make check-generated`:
//   node scripts/ts-run.js codegen/main.ts [--check] [--strict] [--print-model] [--out DIR] [--runtime SPEC] [INPUT...]
// Broken references in the contract are printed as warnings on stderr; --strict makes them fatal.
import { generate, loadModel } from './index';

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
const runtimeImport = option('--runtime') ?? '../src/descriptor';
const inputs = args.length > 0 ? args : ['wsdl'];

if (printModel) {
  process.stdout.write(`${JSON.stringify(loadModel(inputs), null, 2)}\n`);
} else {
  const result = generate({ inputs, outDir, runtimeImport, check, strict });
  for (const warning of result.warnings) console.error(`warning: ${warning}`);
  const changes = [...result.written.map((f) => `${check ? 'stale' : 'wrote'}   ${outDir}/${f}`), ...result.deleted.map((f) => `${check ? 'extra' : 'deleted'} ${outDir}/${f}`)];
  for (const line of changes) console.log(line);
  if (check && changes.length > 0) {
    console.error(`${outDir}/ differs from what the contract produces: run 'make generate' and commit the result.`);
    process.exit(1);
  }
  console.log(`${outDir}/: ${result.written.length} written, ${result.deleted.length} deleted, ${result.unchanged} unchanged${check ? ' (check)' : ''}`);
}
