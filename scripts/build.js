#!/usr/bin/env node
// Builds the two packages in place: packages/runtime/dist (sogenactif-office: src/runtime + generated/) and then
// packages/tools/dist (sogenactif-office-tools: src/tools + codegen/, importing the runtime as the installed package
// `sogenactif-office/internal`, the workspace link). Each gets tsc's CommonJS + declarations, ESM entries that
// re-export the CommonJS ones, and its copy of wsdl/ at dist/wsdl, the same place relative to the modules as in
// the sources, so neither looks for "source tree or build?".
'use strict';
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { checkRuntime } = require('./packages');
const { bundleEntry } = require('./bundle');
const { writeEsmEntry } = require('./esm-entry');

const root = path.resolve(__dirname, '..');
const RUNTIME = path.join(root, 'packages/runtime');
const TOOLS = path.join(root, 'packages/tools');
const tsc = (project) =>
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', project], { stdio: 'inherit' });
/** wsdl/ into `dist/wsdl` of a package: the files and folders `keep` accepts (wsdl/ itself always). */
function copyContract(dist, keep) {
  const from = path.join(root, 'wsdl');
  fs.cpSync(from, path.join(dist, 'wsdl'), { recursive: true, filter: (source) => source === from || keep(source) });
}

for (const pkg of [RUNTIME, TOOLS]) fs.rmSync(path.join(pkg, 'dist'), { recursive: true, force: true });
tsc(RUNTIME);
// The lazily loaded generated exports are a CommonJS module with hand-written declarations (see src/runtime/lazy.ts).
for (const file of ['generated-exports.js', 'generated-exports.d.ts']) {
  fs.copyFileSync(path.join(root, 'src/runtime', file), path.join(RUNTIME, 'dist/src/runtime', file));
}
// require('sogenactif-office') loads some sixty modules: the entry loads them all from one sources file beside it
// (scripts/bundle.js: index.js + index.modules), each still under its own filename and the same instance when the
// internal entry or a deep path loads it. The generated descriptors stay separate files, loaded per service on first
// use (all but the manifest).
const bundled = bundleEntry(
  path.join(RUNTIME, 'dist/src/runtime/index.js'),
  (file) => !file.includes(`${path.sep}generated${path.sep}`) || path.basename(file) === 'manifest.js',
);
// The generated values (descriptors, enums, client factories) that the CommonJS entry defines as getters loading
// their service's modules on first read (src/runtime/lazy.ts). An ESM entry that read them all at import would load
// all fifty generated modules; it exports each as a stand-in that reads the CommonJS value on first use instead.
const generatedNames = new Set(
  Object.values(require(path.join(RUNTIME, 'dist/generated/manifest.js')).generatedExports).flat(),
);
const esmEntry = (entry) => writeEsmEntry(entry, generatedNames);
const mainNames = esmEntry(path.join(RUNTIME, 'dist/src/runtime/index.js'));
// sogenactif-office/gateway: the sealing gateway (Node built-ins only), its bin, and the contract it serves.
const gatewayNames = esmEntry(path.join(RUNTIME, 'dist/src/runtime/gateway/index.js'));
fs.chmodSync(path.join(RUNTIME, 'dist/src/runtime/gateway/bin.js'), 0o755);
copyContract(
  path.join(RUNTIME, 'dist'),
  (file) => /\.(wsdl|xsd)$/.test(file) && path.dirname(file) === path.join(root, 'wsdl'),
);
checkRuntime(path.join(RUNTIME, 'dist'));
console.log(
  `packages/runtime/dist: CommonJS + declarations (the entry loading its ${bundled} modules from index.modules) + ` +
    `ESM entries (${mainNames} exports; gateway: ${gatewayNames}` +
    `), dist/wsdl for the gateway; loads Node's built-ins only`,
);

tsc(TOOLS);
// sogenactif-office-tools/simulator: the in-process simulator (it needs the soap package; the runtime does not).
const simulatorNames = esmEntry(path.join(TOOLS, 'dist/src/tools/simulator/index.js'));
fs.chmodSync(path.join(TOOLS, 'dist/src/tools/cli/main.js'), 0o755);
copyContract(path.join(TOOLS, 'dist'), () => true);
console.log(
  `packages/tools/dist: CommonJS + declarations + the simulator's ESM entry (${simulatorNames}` +
    ` exports), dist/wsdl with the dictionary`,
);
