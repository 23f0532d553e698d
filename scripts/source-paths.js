// The packages' names mapped to their source files, read from tsconfig.json's `paths`: used by scripts/ts-run.js
// and jest.config.js so that `sogenactif-office/internal` (how the tools import the runtime) runs from the sources.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');

/** `{ 'sogenactif-office/internal': '/abs/src/runtime/internal.ts', ... }` from tsconfig.json. */
function sourcePaths() {
  const { compilerOptions } = JSON.parse(fs.readFileSync(path.join(ROOT, 'tsconfig.json'), 'utf8'));
  return Object.fromEntries(
    Object.entries(compilerOptions.paths).map(([name, [target]]) => [name, path.join(ROOT, target)]),
  );
}

module.exports = { sourcePaths };
