#!/usr/bin/env node
// Builds dist/: tsc (CommonJS + declarations), then an ESM entry that re-exports the CommonJS one,
// so both require('sogenactif-office') and import { ... } from 'sogenactif-office' work (and the same for
// 'sogenactif-office-tools/simulator'); then the two packages in dist-runtime/ and dist-tools/ (see packages.js).
'use strict';
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const { writeRuntimePackage, writeToolsPackage } = require('./packages');
fs.rmSync(path.join(root, 'dist'), { recursive: true, force: true });
execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', path.join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
// The lazily loaded generated exports are a CommonJS module with hand-written declarations (see src/lazy.ts).
for (const file of ['generated-exports.js', 'generated-exports.d.ts']) fs.copyFileSync(path.join(root, 'src', file), path.join(root, 'dist/src', file));
// The generated values (descriptors, enums, client factories) that the CommonJS entry defines as getters loading
// their service's modules on first read (src/lazy.ts). An ESM entry that read them all at import would load all
// fifty generated modules; it exports each as a stand-in that reads the CommonJS value on first use instead.
const generatedNames = new Set(Object.values(require(path.join(root, 'dist/generated/manifest.js')).generatedExports).flat());
// Written into each ESM entry that has generated names: `lazyObject` is a Proxy over the real object (enums,
// descriptors, the services table) read on first use; functions get a plain wrapper.
const LAZY_HELPERS = [
  '/** A stand-in for an object of the generated code: the object itself is read (and its modules loaded) on first use. */',
  'function lazyObject(read) {',
  '  let value;',
  '  const real = () => (value ??= read());',
  '  return new Proxy(Object.create(null), {',
  '    get: (_, key) => Reflect.get(real(), key),',
  '    has: (_, key) => Reflect.has(real(), key),',
  '    ownKeys: () => Reflect.ownKeys(real()),',
  '    getOwnPropertyDescriptor: (_, key) => {',
  '      const found = Reflect.getOwnPropertyDescriptor(real(), key);',
  '      return found && { ...found, configurable: true };',
  '    },',
  '    getPrototypeOf: () => Reflect.getPrototypeOf(real()),',
  '    set: () => false,',
  '    defineProperty: () => false,',
  '    deleteProperty: () => false,',
  '  });',
  '}',
];
/** An ESM file beside a CommonJS entry, re-exporting each of its names (generated values without loading them). */
function esmEntry(relative) {
  const entry = path.join(root, relative);
  const exported = require(entry);
  const names = Object.keys(exported).filter((name) => name !== 'default' && name !== '__esModule').sort();
  const lazy = names.filter((name) => generatedNames.has(name));
  const line = (name) => {
    if (!generatedNames.has(name)) return `export const ${name} = cjs.${name};`;
    return typeof exported[name] === 'function'
      ? `export function ${name}(...args) { return cjs.${name}(...args); }`
      : `export const ${name} = /* @__PURE__ */ lazyObject(() => cjs.${name});`;
  };
  const esm = [
    '// ESM entry: re-exports the CommonJS build; the generated values are read from it on first use (see scripts/build.js).',
    // require() through createRequire rather than `import cjs from`: Node's import of a CommonJS file first lexes it
    // and every module it re-exports to find the export names, work this entry does not need.
    "import { createRequire } from 'node:module';",
    `const cjs = createRequire(import.meta.url)('./${path.basename(relative)}');`,
    ...(lazy.length > 0 ? LAZY_HELPERS : []),
    ...names.map(line),
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
const runtimeFiles = writeRuntimePackage(root, path.join(root, 'dist-runtime'));
console.log(`dist-runtime/: the sogenactif-office package (${runtimeFiles} files of dist/, its README, package.json)`);
const toolsFiles = writeToolsPackage(root, path.join(root, 'dist-tools'));
console.log(`dist-tools/: the sogenactif-office-tools package (${toolsFiles} files of dist/, wsdl/, package.json); the runtime half of dist/ loads no package`);
