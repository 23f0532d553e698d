// Entry point of `make conformance` (see test/conformance/run.ts): node scripts/ts-run.js scripts/conformance.ts [--corpus DIR]
import { main } from '../test/conformance/run';

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(2);
  },
);
