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
// Written into each ESM entry that has generated names: `lazyObject(name)` is a Proxy over the real object (enums,
// descriptors, the services table) read from the CommonJS entry on first use; functions get a plain wrapper. One
// handler for all the stand-ins, each stand-in's name in a Map: a stand-in costs an empty target and its Proxy
// rather than a handler and ten closures (118 of them in the main entry's import).
const LAZY_HELPERS = [
  '/** Stand-ins for objects of the generated code: each object is read (and its modules loaded) on first use. */',
  'const standInNames = new Map();',
  'const standInValues = new Map();',
  'function real(standIn) {',
  '  let value = standInValues.get(standIn);',
  '  if (value === undefined) standInValues.set(standIn, (value = cjs[standInNames.get(standIn)]));',
  '  return value;',
  '}',
  'const standInHandler = {',
  '  get: (standIn, key) => Reflect.get(real(standIn), key),',
  '  has: (standIn, key) => Reflect.has(real(standIn), key),',
  '  ownKeys: (standIn) => Reflect.ownKeys(real(standIn)),',
  '  getOwnPropertyDescriptor: (standIn, key) => {',
  '    const found = Reflect.getOwnPropertyDescriptor(real(standIn), key);',
  '    return found && { ...found, configurable: true };',
  '  },',
  '  getPrototypeOf: (standIn) => Reflect.getPrototypeOf(real(standIn)),',
  '  set: () => false,',
  '  defineProperty: () => false,',
  '  deleteProperty: () => false,',
  '};',
  'function lazyObject(name) {',
  '  const standIn = Object.create(null);',
  '  standInNames.set(standIn, name);',
  '  return new Proxy(standIn, standInHandler);',
  '}',
];
/** An ESM file beside a CommonJS entry, re-exporting each of its names (generated values without loading them). */
function esmEntry(entry) {
  const exported = require(entry);
  const names = Object.keys(exported)
    .filter((name) => name !== 'default' && name !== '__esModule')
    .sort();
  // Plain values in one destructuring of the CommonJS exports, the generated objects in one of their stand-ins:
  // a module of two statements rather than one per name (V8 parses the module twice, once to link it and once to
  // run it, so its length is paid twice).
  const plain = names.filter((name) => !generatedNames.has(name));
  const functions = names.filter((name) => generatedNames.has(name) && typeof exported[name] === 'function');
  const objects = names.filter((name) => generatedNames.has(name) && typeof exported[name] !== 'function');
  /** `export const { a, b } = from;` wrapped at 120 columns. */
  const destructure = (list, from) => {
    const lines = ['export const {'];
    for (const name of list) {
      if (lines.length > 1 && lines[lines.length - 1].length + name.length + 2 <= 120)
        lines[lines.length - 1] += ` ${name},`;
      else lines.push(`  ${name},`);
    }
    return [...lines, `} = ${from};`];
  };
  const esm = [
    '// ESM entry: re-exports the CommonJS build; the generated values are read from it on first use (see ' +
      'scripts/build.js).',
    // require() through createRequire rather than `import cjs from`: Node's import of a CommonJS file first lexes it
    // and every module it re-exports to find the export names, work this entry does not need. createRequire comes
    // from process.getBuiltinModule (Node >= 20.16) where there is one: importing node:module builds an ES module
    // of all its exports, 3% of this entry's instructions (callgrind); older Nodes import it.
    "const { createRequire } = process.getBuiltinModule?.('node:module') ?? (await import('node:module'));",
    `const cjs = createRequire(import.meta.url)('./${path.basename(entry)}');`,
    ...(plain.length > 0 ? destructure(plain, 'cjs') : []),
    ...(objects.length > 0
      ? [
          ...LAZY_HELPERS,
          'const standIns = {};',
          `for (const name of ${JSON.stringify(objects)}) standIns[name] = lazyObject(name);`,
          ...destructure(objects, 'standIns'),
        ]
      : []),
    ...functions.map((name) => `export function ${name}(...args) { return cjs.${name}(...args); }`),
    'export default cjs;',
    '',
  ].join('\n');
  fs.writeFileSync(entry.replace(/\.js$/, '.mjs'), esm);
  return names.length;
}
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
