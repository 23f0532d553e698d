// The ESM entries of the packages (scripts/build.js): an `.mjs` file beside a CommonJS entry that exports each of its
// names with the same value, and the generated objects as stand-ins read from the CommonJS entry on first use.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

// Written into each ESM entry that has generated names: `lazyObject(name)` is a Proxy over the real object (enums,
// descriptors, the services table) read from the CommonJS entry on first use; functions get a plain wrapper. One
// handler for all the stand-ins; each stand-in's target holds its name and, once read, its object (the traps get the
// target; no trap reports the target's own properties, all configurable, so no Proxy invariant involves them).
// `standIns` makes the stand-in a destructuring asks for, so the names are written once, in the export statement
// (a names array, a loop storing into an object and the destructuring's reads of it cost 0.45M instructions more).
const LAZY_HELPERS = [
  '/** Stand-ins for objects of the generated code: each object is read (and its modules loaded) on first use. */',
  'function real(target) {',
  '  let value = target.value;',
  '  if (value === undefined) target.value = value = cjs[target.name];',
  '  return value;',
  '}',
  'const standInHandler = {',
  '  get: (target, key) => Reflect.get(real(target), key),',
  '  has: (target, key) => Reflect.has(real(target), key),',
  '  ownKeys: (target) => Reflect.ownKeys(real(target)),',
  '  getOwnPropertyDescriptor: (target, key) => {',
  '    const found = Reflect.getOwnPropertyDescriptor(real(target), key);',
  '    return found && { ...found, configurable: true };',
  '  },',
  '  getPrototypeOf: (target) => Reflect.getPrototypeOf(real(target)),',
  '  set: () => false,',
  '  defineProperty: () => false,',
  '  deleteProperty: () => false,',
  '};',
  'const lazyObject = (name) => new Proxy({ name, value: undefined }, standInHandler);',
  'const standIns = new Proxy({}, { get: (_, name) => lazyObject(name) });',
];
/**
 * Writes the ESM file beside a CommonJS entry (`x.js` -> `x.mjs`), re-exporting each of its names: `generatedNames`
 * (a Set) are the entry's lazily loaded generated values, exported without reading them. Returns the number of names.
 */
function writeEsmEntry(entry, generatedNames) {
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
      'scripts/esm-entry.js).',
    // require() through createRequire rather than `import cjs from`: Node's import of a CommonJS file first lexes it
    // and every module it re-exports to find the export names, work this entry does not need. createRequire comes
    // from process.getBuiltinModule (Node >= 20.16) where there is one: importing node:module builds an ES module
    // of all its exports, 3% of this entry's instructions (callgrind); older Nodes import it.
    "const { createRequire } = process.getBuiltinModule?.('node:module') ?? (await import('node:module'));",
    `const cjs = createRequire(import.meta.url)('./${path.basename(entry)}');`,
    ...(plain.length > 0 ? destructure(plain, 'cjs') : []),
    ...(objects.length > 0 ? [...LAZY_HELPERS, ...destructure(objects, 'standIns')] : []),
    ...functions.map((name) => `export function ${name}(...args) { return cjs.${name}(...args); }`),
    'export default cjs;',
    '',
  ].join('\n');
  fs.writeFileSync(entry.replace(/\.js$/, '.mjs'), esm);
  return names.length;
}

module.exports = { writeEsmEntry };
