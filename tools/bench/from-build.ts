// For the benches run under callgrind: the runtime, the generated code and the tools load from their builds (dist/,
// which `make bench` makes first), as cold-start loads them; transpiling their sources under callgrind would take
// minutes. Only the bench's own files stay TypeScript. Import this module before anything of the project.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROOT } from './lib';

const BUILT: readonly (readonly [string, string])[] = [
  ['src/runtime/', 'packages/runtime/dist/src/runtime/'],
  ['generated/', 'packages/runtime/dist/generated/'],
  ['src/tools/', 'packages/tools/dist/src/tools/'],
  ['codegen/', 'packages/tools/dist/codegen/'],
];
const Module = require('node:module') as { _resolveFilename: (request: string, ...rest: unknown[]) => string };
const resolveSource = Module._resolveFilename;
Module._resolveFilename = function resolveToBuild(request: string, ...rest: unknown[]): string {
  const file = resolveSource.call(this, request, ...rest);
  const relative = path.relative(ROOT, file);
  const match = BUILT.find(([source]) => relative.startsWith(source) && relative.endsWith('.ts'));
  if (!match) return file;
  const built = path.join(ROOT, match[1], relative.slice(match[0].length).replace(/\.ts$/, '.js'));
  if (!fs.existsSync(built)) throw new Error(`${built} is missing: run 'make build' (make bench builds first)`);
  return built;
};
