#!/usr/bin/env node
// Builds dist/: tsc (CommonJS + declarations), then an ESM entry that re-exports the CommonJS one,
// so both require('sogenactif-office') and import { ... } from 'sogenactif-office' work (and the same for
// 'sogenactif-office-tools/simulator'); then the tools package in dist-tools/ (see packages.js).
'use strict';
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const { writeToolsPackage } = require('./packages');
fs.rmSync(path.join(root, 'dist'), { recursive: true, force: true });
execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', path.join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
// The lazily loaded generated exports are a CommonJS module with hand-written declarations (see src/lazy.ts).
for (const file of ['generated-exports.js', 'generated-exports.d.ts']) fs.copyFileSync(path.join(root, 'src', file), path.join(root, 'dist/src', file));
/** An ESM file beside a CommonJS entry, re-exporting each of its names. */
function esmEntry(relative) {
  const entry = path.join(root, relative);
  const names = Object.keys(require(entry)).filter((name) => name !== 'default' && name !== '__esModule').sort();
  const esm = [
    '// ESM entry: re-exports the CommonJS build.',
    `import cjs from './${path.basename(relative)}';`,
    ...names.map((name) => `export const ${name} = cjs.${name};`),
    'export default cjs;',
    '',
  ].join('\n');
  fs.writeFileSync(entry.replace(/\.js$/, '.mjs'), esm);
  return names.length;
}
const mainNames = esmEntry('dist/src/index.js');
// sogenactif-office-tools/simulator: the in-process simulator (it needs the soap package; the runtime does not).
const simulatorNames = esmEntry('dist/src/simulator/index.js');
// sogenactif-office/gateway: the sealing gateway (Node built-ins only), its bin, and the contract it serves.
const gatewayNames = esmEntry('dist/src/gateway/index.js');
fs.chmodSync(path.join(root, 'dist/src/gateway/bin.js'), 0o755);
fs.mkdirSync(path.join(root, 'dist/wsdl'), { recursive: true });
for (const file of fs.readdirSync(path.join(root, 'wsdl')).filter((f) => /\.(wsdl|xsd)$/.test(f))) fs.copyFileSync(path.join(root, 'wsdl', file), path.join(root, 'dist/wsdl', file));
fs.chmodSync(path.join(root, 'dist/src/cli/main.js'), 0o755);
console.log(`dist/: CommonJS + declarations + ESM entries (${mainNames} exports; simulator: ${simulatorNames}; gateway: ${gatewayNames}; dist/wsdl for the gateway)`);
const toolsFiles = writeToolsPackage(root, path.join(root, 'dist-tools'));
console.log(`dist-tools/: the sogenactif-office-tools package (${toolsFiles} files of dist/, wsdl/, package.json); the runtime half of dist/ loads no package`);
