// Entry point of `make conformance` (see run.ts): node scripts/ts-run.js tools/conformance/main.ts [--corpus DIR]
import { main } from './run';

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(2);
  },
);
