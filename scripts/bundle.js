// Puts the CommonJS modules an entry reaches through literal relative `require('./x')` calls into one sources file
// beside the entry, which becomes their loader (no dependency), so loading the package reads two files instead of
// resolving and reading sixty: each module is compiled under its own filename (stack traces unchanged), registered in
// `require.cache` under it before it runs, and requires anything else (built-ins, computed paths such as the
// generated descriptors) through Node as before.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const LITERAL_RELATIVE = /\brequire\((["'])(\.{1,2}\/[^"']*|\.{1,2})\1\)/g;

/** The file Node would load for a relative request from `from` (a .js file, or a folder's index.js), or null. */
function resolveRelative(from, request) {
  const base = path.resolve(path.dirname(from), request);
  for (const candidate of [base, `${base}.js`, path.join(base, 'index.js')]) {
    if (candidate.endsWith('.js') && fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
  }
  return null;
}

/** Every file reachable from `entry` by literal relative requires that `keep` accepts, the entry first. */
function closure(entry, keep) {
  const found = new Map([[entry, fs.readFileSync(entry, 'utf8')]]);
  for (const [file, source] of found) {
    for (const match of source.matchAll(LITERAL_RELATIVE)) {
      const target = resolveRelative(file, match[2]);
      if (target === null) throw new Error(`bundle: ${match[2]} from ${file} does not resolve to a .js file`);
      if (keep(target) && !found.has(target)) found.set(target, fs.readFileSync(target, 'utf8'));
    }
  }
  return found;
}

// tsc's re-export (`export { x } from './m'`): a getter of its own per name, defined with these attributes.
const REEXPORT = new RegExp(
  String.raw`^Object\.defineProperty\(exports, ("[\w$]+"), \{ enumerable: true, get: function \(\) ` +
    String.raw`\{ return ([\w$]+)\.([\w$]+); \} \}\);$`,
  'gm',
);

/**
 * A module's re-exports made through the loader's `__reexport` instead: `Object.defineProperty` with the same
 * attributes and a getter reading the source module's export on each access, as a closure of one function. V8
 * compiles each of tsc's getters on its first call, which an importer reading every export pays per name (the ESM
 * entry reads the entry's 66 plain values through them), and each costs its own closure and object literal at load.
 * Only a re-export whose module binding is declared earlier in the file, so that passing its value at that point is
 * the same as reading it later (tsc assigns such a binding once: `var m_1 = require(...)` or `const`).
 */
function shareReexportGetters(source) {
  return source.replace(REEXPORT, (statement, key, binding, name, at) =>
    source.lastIndexOf(`\nconst ${binding} = `, at) === -1 && source.lastIndexOf(`\nvar ${binding} = `, at) === -1
      ? statement
      : `__reexport(exports, ${key}, ${binding}, "${name}");`,
  );
}

/**
 * Rewrites `entry` (a tsc CommonJS file) as a loader of it and every module it reaches, whose sources go in one file
 * beside it (`index.js` -> `index.modules`): Node then compiles a loader of a few KB instead of a file holding every
 * module as a string literal (scanned, decoded and internalized before the first module runs). The sources file is
 * Latin-1 when every character fits, so reading it is a copy rather than a UTF-8 decode. A module already in
 * `require.cache` (loaded through another entry, e.g. the internal one) is reused, and one the bundle ran is what a
 * later plain `require` of its file returns: one instance of each module whichever entry loads it first. No V8 code
 * cache: on Node 20 a function compiled from a cache keeps the file name it was made with, so stack traces would name
 * the build machine's paths (tools/bench/README.md, start-up third pass). Returns the number of modules bundled.
 */
function bundleEntry(entry, keep = () => true) {
  const files = closure(entry, keep);
  const dir = path.dirname(entry);
  const name = (file) => path.relative(dir, file).split(path.sep).join('/');
  // Each module's source, and where it starts and ends in the sources file.
  const spans = {};
  let sources = '';
  for (const [file, source] of files) {
    const body = shareReexportGetters(source.replace(/^#!.*\n/, '').replace(/\n\/\/# sourceMappingURL=.*\s*$/, '\n'));
    spans[name(file)] = [sources.length, sources.length + body.length];
    sources += body;
  }
  const encoding = /^[\u0000-\u00ff]*$/.test(sources) ? 'latin1' : 'utf8';
  const sourcesFile = `${path.basename(entry, '.js')}.modules`;
  // Requests are resolved at build time: for each module, its literal relative requests and their names.
  const links = {};
  for (const [file, source] of files) {
    const own = {};
    for (const match of source.matchAll(LITERAL_RELATIVE)) {
      const target = resolveRelative(file, match[2]);
      if (files.has(target)) own[match[2]] = name(target);
    }
    links[name(file)] = own;
  }
  const out = [
    '"use strict";',
    `// ${files.size} CommonJS modules, their sources in ${sourcesFile} (scripts/bundle.js): each is compiled`,
    '// under its own filename and registered in require.cache, so a plain require of the same file (another entry)',
    '// gets the same instance.',
    '(function (entryModule) {',
    "const fs = require('node:fs');",
    // The class of the entry's module is node:module's Module: no load of the public node:module (which brings the
    // ES module loader and the source-map support with it). A host with its own module objects (jest gives plain
    // objects) gets node:module's.
    'const Module =',
    "  typeof entryModule.constructor._load === 'function' ? entryModule.constructor : require('node:module');",
    "const path = require('node:path');",
    "const vm = require('node:vm');",
    `const sourcesFile = path.join(__dirname, ${JSON.stringify(sourcesFile)});`,
    `const sources = fs.readFileSync(sourcesFile).toString(${JSON.stringify(encoding)});`,
    `if (sources.length !== ${sources.length})`,
    '  throw new Error(`${sourcesFile} does not go with ${__filename} (scripts/bundle.js writes both): rebuild them`);',
    `const spans = ${JSON.stringify(spans)};`,
    `const links = ${JSON.stringify(links)};`,
    '// The modules this loader ran, by file: require.cache may not keep them (a host such as jest gives its own).',
    'const ran = new Map();',
    'function load(name, parent) {',
    '  const filename =',
    "    name.startsWith('../') || path.sep !== '/' ? path.join(__dirname, name) : `${__dirname}/${name}`;",
    '  const cached = ran.get(filename) ?? require.cache[filename];',
    '  if (cached !== undefined) return cached.exports;',
    '  const module = new Module(filename, parent);',
    '  module.filename = filename;',
    '  module.paths = entryModule.paths;',
    '  ran.set(filename, module);',
    '  require.cache[filename] = module;',
    '  run(name, module);',
    '  return module.exports;',
    '}',
    "// tsc's re-export getters, written `__reexport(exports, key, m, name)` in the sources (one function to compile).",
    '// One descriptor object for all of them (Object.defineProperty reads it when called).',
    'const reexported = { enumerable: true, get: undefined };',
    'function reexport(exports, key, from, name) {',
    '  const get = function () {',
    '    return from[name];',
    '  };',
    '  reexported.get = get;',
    '  Object.defineProperty(exports, key, reexported);',
    '  reexported.get = undefined;',
    '}',
    "const parameters = ['exports', 'require', 'module', '__filename', '__dirname', '__reexport'];",
    'function run(name, module) {',
    '  const own = links[name];',
    '  const local = (request) => {',
    '    const target = own[request];',
    '    return target === undefined ? module.require(request) : load(target, module);',
    '  };',
    '  local.resolve = (request, options) => Module.createRequire(module.filename).resolve(request, options);',
    '  local.cache = require.cache;',
    '  local.main = require.main;',
    '  const span = spans[name];',
    '  const fn = vm.compileFunction(sources.slice(span[0], span[1]), parameters, { filename: module.filename });',
    '  const dirname = path.dirname(module.filename);',
    '  fn.call(module.exports, module.exports, local, module, module.filename, dirname, reexport);',
    '  module.loaded = true;',
    '}',
    `run(${JSON.stringify(name(entry))}, entryModule);`,
    '})(module);',
    '',
  ].join('\n');
  fs.writeFileSync(path.join(dir, sourcesFile), sources, encoding);
  fs.writeFileSync(entry, out);
  return files.size;
}

module.exports = { bundleEntry };
