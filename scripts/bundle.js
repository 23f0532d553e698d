// Puts the CommonJS modules an entry reaches through literal relative `require('./x')` calls into one sources file
// beside the entry, which becomes their loader (no dependency), so loading the package reads two files instead of
// resolving and reading sixty: each module is compiled under its own filename (stack traces unchanged), registered in
// `require.cache` under it before it runs, and requires anything else (built-ins, computed paths such as the
// generated descriptors) through Node as before.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');

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

const PARAMETERS = ['exports', 'require', 'module', '__filename', '__dirname'];

/**
 * V8's code cache of each module (what `vm.compileFunction` would otherwise parse and compile at every load), made
 * with this Node, for the sources file's `sourceBytes`: its first line is JSON, `{"modules": {name: [start, end]}}`;
 * then a copy of the sources file, which the loader compares with the sources file it read (V8 itself checks only a
 * source's length, so an edit that kept every module's length would otherwise run the old code); then the bytes of
 * each module's cache. V8 refuses a cache made by another version or with other V8 flags (the module is then compiled
 * from source), which is why the file's name holds the V8 version: another Node finds no file, not a refused one.
 */
function codeCache(modules, dir, sourceBytes) {
  const spans = {};
  const parts = [];
  let at = 0;
  for (const [name, body] of modules) {
    const filename = path.join(dir, name);
    const { cachedData } = vm.compileFunction(body, PARAMETERS, { filename, produceCachedData: true });
    if (cachedData === undefined) continue;
    spans[name] = [at, at + cachedData.length];
    parts.push(cachedData);
    at += cachedData.length;
  }
  return Buffer.concat([Buffer.from(`${JSON.stringify({ modules: spans })}\n`, 'latin1'), sourceBytes, ...parts]);
}

/**
 * Rewrites `entry` (a tsc CommonJS file) as a loader of it and every module it reaches, whose sources go in one file
 * beside it (`index.js` -> `index.modules`): Node then compiles a loader of a few KB instead of a file holding every
 * module as a string literal (scanned, decoded and internalized before the first module runs). The sources file is
 * Latin-1 when every character fits, so reading it is a copy rather than a UTF-8 decode. A module already in
 * `require.cache` (loaded through another entry, e.g. the internal one) is reused, and one the bundle ran is what a
 * later plain `require` of its file returns: one instance of each module whichever entry loads it first. Beside
 * them, V8's code cache of the modules for this Node (`codeCache`), used while the sources file is the one it was made
 * for: an edited sources file is compiled from source. Returns the number of modules bundled.
 */
function bundleEntry(entry, keep = () => true) {
  const files = closure(entry, keep);
  const dir = path.dirname(entry);
  const name = (file) => path.relative(dir, file).split(path.sep).join('/');
  // Each module's source, and where it starts and ends in the sources file.
  const spans = {};
  const bodies = new Map();
  let sources = '';
  for (const [file, source] of files) {
    const body = source.replace(/^#!.*\n/, '').replace(/\n\/\/# sourceMappingURL=.*\s*$/, '\n');
    spans[name(file)] = [sources.length, sources.length + body.length];
    bodies.set(name(file), body);
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
    // ES module loader and the source-map support with it).
    'const Module = entryModule.constructor;',
    "const path = require('node:path');",
    "const vm = require('node:vm');",
    `const sourcesFile = path.join(__dirname, ${JSON.stringify(sourcesFile)});`,
    'const sourceBytes = fs.readFileSync(sourcesFile);',
    `const sources = sourceBytes.toString(${JSON.stringify(encoding)});`,
    `if (sources.length !== ${sources.length})`,
    '  throw new Error(`${sourcesFile} does not go with ${__filename} (scripts/bundle.js writes both): rebuild them`);',
    "// V8's code cache of the modules, made by the build for one V8 version (the file's name holds it) and used only",
    '// if the copy of the sources file it holds is the sources file as read (a byte comparison; scripts/bundle.js).',
    `const codeCacheFile = path.join(__dirname, \`${sourcesFile}.\${process.versions.v8}.cache\`);`,
    '// Dropped once the entry has loaded (modules loaded later, on first use, compile from source): only the sources',
    '// string stays referenced, not the bytes read.',
    'let codeCache = readCodeCache(sourceBytes);',
    'function readCodeCache(sourceBytes) {',
    '  let bytes;',
    '  try {',
    '    bytes = fs.readFileSync(codeCacheFile);',
    '  } catch {',
    '    return undefined; // none for this Node (or unreadable): the modules are compiled from source',
    '  }',
    '  const copyStart = bytes.indexOf(10) + 1;',
    '  const at = copyStart + sourceBytes.length;',
    '  if (copyStart === 0 || at > bytes.length) return undefined;',
    '  if (bytes.compare(sourceBytes, 0, sourceBytes.length, copyStart, at) !== 0) return undefined;',
    "  return { bytes, at, modules: JSON.parse(bytes.toString('latin1', 0, copyStart - 1)).modules };",
    '}',
    `const spans = ${JSON.stringify(spans)};`,
    `const links = ${JSON.stringify(links)};`,
    'function load(name, parent) {',
    '  const filename =',
    "    name.startsWith('../') || path.sep !== '/' ? path.join(__dirname, name) : `${__dirname}/${name}`;",
    '  const cached = require.cache[filename];',
    '  if (cached !== undefined) return cached.exports;',
    '  const module = new Module(filename, parent);',
    '  module.filename = filename;',
    '  module.paths = entryModule.paths;',
    '  require.cache[filename] = module;',
    '  run(name, module);',
    '  return module.exports;',
    '}',
    'function run(name, module) {',
    '  const own = links[name];',
    '  const local = (request) => {',
    '    const target = own[request];',
    '    return target === undefined ? module.require(request) : load(target, module);',
    '  };',
    '  local.resolve = (request, options) => Module.createRequire(module.filename).resolve(request, options);',
    '  local.cache = require.cache;',
    '  local.main = require.main;',
    `  const parameters = ${JSON.stringify(PARAMETERS)};`,
    '  const [start, end] = spans[name];',
    '  const options = { filename: module.filename };',
    '  const cached = codeCache?.modules[name];',
    '  if (cached !== undefined)',
    '    options.cachedData = codeCache.bytes.subarray(codeCache.at + cached[0], codeCache.at + cached[1]);',
    '  const fn = vm.compileFunction(sources.slice(start, end), parameters, options);',
    '  fn.call(module.exports, module.exports, local, module, module.filename, path.dirname(module.filename));',
    '  module.loaded = true;',
    '}',
    `run(${JSON.stringify(name(entry))}, entryModule);`,
    'codeCache = undefined;',
    '})(module);',
    '',
  ].join('\n');
  const sourceBytes = Buffer.from(sources, encoding);
  fs.writeFileSync(path.join(dir, sourcesFile), sourceBytes);
  fs.writeFileSync(entry, out);
  fs.writeFileSync(path.join(dir, `${sourcesFile}.${process.versions.v8}.cache`), codeCache(bodies, dir, sourceBytes));
  return files.size;
}

module.exports = { bundleEntry };
