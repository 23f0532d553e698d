// The check that keeps the runtime package standing alone: every module of its build loads Node's built-ins or
// its own files, nothing else (no npm package, nothing of the tools). scripts/build.js runs it on each build.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { builtinModules } = require('node:module');

// What a file loads: require("x") calls of the CommonJS build, `import ... from 'x'` lines of the ESM entries.
const LOADED = /\brequire\((["'])([^"'\n]+)\1\)|^import [^'"\n]* from (["'])([^"'\n]+)\3/gm;

/** Every file under a folder, as paths relative to it (sorted, '/' separators). */
function filesUnder(dir, prefix = '') {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) =>
      entry.isDirectory()
        ? filesUnder(path.join(dir, entry.name), `${prefix}${entry.name}/`)
        : [`${prefix}${entry.name}`],
    )
    .sort();
}

const isBuiltin = (specifier) => specifier.startsWith('node:') || builtinModules.includes(specifier.split('/')[0]);

/**
 * Whether a relative specifier of `from` (a file of `dist`) names a file inside `dist`; undefined when it names none.
 */
function insideDist(dist, from, specifier) {
  const base = path.resolve(dist, path.dirname(from), specifier);
  const inside = !path.relative(dist, base).startsWith('..');
  for (const ending of ['.js', '/index.js', '']) {
    const candidate = `${base}${ending}`;
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return inside;
  }
  return undefined;
}

/**
 * Fails the build when a module of the runtime's build (`dist`) loads a package other than Node's built-ins or a
 * file outside `dist`: the runtime a merchant installs has no dependency. A string that only reads like an import
 * (a message quoting one) names no file and is left alone.
 */
function checkRuntime(dist) {
  const problems = [];
  for (const file of filesUnder(dist).filter((f) => /\.(js|mjs)$/.test(f))) {
    for (const match of fs.readFileSync(path.join(dist, file), 'utf8').matchAll(LOADED)) {
      const specifier = match[2] ?? match[4];
      if (specifier.startsWith('.')) {
        if (insideDist(dist, file, specifier) === false)
          problems.push(`${file} loads ${specifier}, outside the runtime package`);
      } else if (!isBuiltin(specifier)) problems.push(`${file} loads the package ${specifier}`);
    }
  }
  if (problems.length > 0) throw new Error(`the runtime package must stand alone:\n  ${problems.join('\n  ')}`);
}

module.exports = { checkRuntime };
