#!/usr/bin/env node
// Runs a TypeScript entry point without a build step: each .ts file is transpiled in memory
// (CommonJS, no type-checking; `make typecheck` does that). Usage: node scripts/ts-run.js FILE.ts [args...]
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const ts = require('typescript');

require.extensions['.ts'] = function compileTypeScript(module, filename) {
  const source = fs.readFileSync(filename, 'utf8');
  const { outputText } = ts.transpileModule(source, {
    fileName: filename,
    compilerOptions: {
      module: ts.ModuleKind.CommonJS,
      target: ts.ScriptTarget.ES2022,
      esModuleInterop: true,
      resolveJsonModule: true,
      sourceMap: false,
    },
  });
  module._compile(outputText, filename);
};

// The packages' own names resolve to their sources, as tsconfig.json's `paths` says (the tools import the runtime
// as `sogenactif-office/internal`): the same mapping jest.config.js reads.
const Module = require('node:module');
const { sourcePaths } = require('./source-paths');
const sources = sourcePaths();
const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function resolveToSource(request, ...rest) {
  return resolveFilename.call(this, sources[request] ?? request, ...rest);
};

const [entry, ...args] = process.argv.slice(2);
if (!entry) {
  console.error('usage: node scripts/ts-run.js FILE.ts [args...]');
  process.exit(2);
}
process.argv = [process.argv[0], path.resolve(entry), ...args];
require(path.resolve(entry));
