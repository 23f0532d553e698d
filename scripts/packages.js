// Splits the one compiled tree (dist/) into the two published packages: `sogenactif-office`, the runtime (the
// repo root's package.json, no dependency), assembled in dist-runtime/, and `sogenactif-office-tools` (CLI,
// generator, simulator, the contract), assembled in dist-tools/ with its imports of the runtime rewritten. Each
// gets its own README for npm (packages/runtime/README.md, packages/tools/README.md), not the repository's.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { builtinModules } = require('node:module');

/** The folders of dist/ that belong to the tools package; the rest of dist/ is the runtime. */
const TOOLS_FOLDERS = ['src/cli', 'src/simulator', 'src/contract', 'codegen'];
/** The tools package's own dependencies (pinned to the versions the repo's devDependencies install). */
const TOOLS_DEPENDENCIES = ['commander', 'fast-xml-parser', 'pg', 'soap', 'ts-morph'];
const RUNTIME = 'sogenactif-office';
const TOOLS = 'sogenactif-office-tools';
// require("x"), from 'x', import("x"): the module specifiers of compiled JavaScript and declarations.
const SPECIFIER = /(\brequire\(|\bfrom |\bimport\()(["'])([^"'\n]+)\2/g;
// What a runtime file loads: require("x") calls of the CommonJS build, `import ... from 'x'` lines of the ESM entries.
const LOADED = /\brequire\((["'])([^"'\n]+)\1\)|^import [^'"\n]* from (["'])([^"'\n]+)\3/gm;

/** Every file under a folder, as paths relative to it (sorted, '/' separators). */
function filesUnder(dir, prefix = '') {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(path.join(dir, entry.name), `${prefix}${entry.name}/`) : [`${prefix}${entry.name}`],
  ).sort();
}

const isTools = (relative) => TOOLS_FOLDERS.some((folder) => relative === folder || relative.startsWith(`${folder}/`));
const isBuiltin = (specifier) => specifier.startsWith('node:') || builtinModules.includes(specifier.split('/')[0]);

/**
 * The file (relative to dist/, without its .js/.d.ts/.mjs ending) that a relative specifier in `from` names, or
 * undefined when none does (text in a string that only looks like an import, such as the generator's templates).
 */
function resolveInDist(dist, from, specifier) {
  const base = path.relative(dist, path.resolve(dist, path.dirname(from), specifier)).split(path.sep).join('/');
  const declaration = from.endsWith('.d.ts');
  const endings = declaration ? ['.d.ts', '/index.d.ts'] : ['.js', '/index.js', ''];
  for (const ending of endings) {
    const candidate = `${base}${ending}`;
    if (fs.existsSync(path.join(dist, candidate)) && fs.statSync(path.join(dist, candidate)).isFile()) {
      return candidate.replace(/(\.d\.ts|\.js|\.mjs)$/, '');
    }
  }
  return undefined;
}

/**
 * Fails the build when a runtime file of dist/ loads a tools file or any package other than Node's built-ins:
 * the runtime a merchant installs has no dependency.
 */
function checkRuntime(dist) {
  const problems = [];
  for (const file of filesUnder(dist).filter((f) => !isTools(f) && /\.(js|mjs)$/.test(f))) {
    for (const match of fs.readFileSync(path.join(dist, file), 'utf8').matchAll(LOADED)) {
      const specifier = match[2] ?? match[4];
      if (specifier.startsWith('.')) {
        const target = resolveInDist(dist, file, specifier);
        if (target !== undefined && isTools(target)) problems.push(`${file} loads the tools module ${specifier}`);
      } else if (!isBuiltin(specifier)) problems.push(`${file} loads the package ${specifier}`);
    }
  }
  if (problems.length > 0) throw new Error(`the runtime package must stand alone:\n  ${problems.join('\n  ')}`);
}

/** One compiled tools file with each import of a runtime module pointed at the installed runtime package. */
function rewriteToolsFile(dist, file, text) {
  return text.replace(SPECIFIER, (whole, opening, quote, specifier) => {
    if (!specifier.startsWith('.')) return whole;
    const target = resolveInDist(dist, file, specifier);
    return target === undefined || isTools(target) ? whole : `${opening}${quote}${RUNTIME}/dist/${target}${quote}`;
  });
}

/** The tools package's manifest, its version and pins taken from the root package.json. */
function toolsManifest(rootManifest) {
  const dependencies = { [RUNTIME]: rootManifest.version };
  for (const name of TOOLS_DEPENDENCIES) {
    const version = rootManifest.devDependencies[name];
    if (!version) throw new Error(`package.json: devDependencies has no ${name}, which the tools package needs`);
    dependencies[name] = version;
  }
  const simulator = './dist/src/simulator/index';
  return {
    name: TOOLS,
    version: rootManifest.version,
    description: 'CLI (sogenactif), code generator and local simulator for the Sogenactif Office Server web services; the runtime is sogenactif-office.',
    license: rootManifest.license,
    bin: { sogenactif: './dist/src/cli/main.js' },
    typesVersions: { '*': { simulator: [`${simulator}.d.ts`] } },
    exports: {
      './simulator': { types: `${simulator}.d.ts`, import: `${simulator}.mjs`, require: `${simulator}.js` },
      './package.json': './package.json',
    },
    files: ['dist', 'wsdl', 'README.md'],
    engines: rootManifest.engines,
    dependencies,
  };
}

/** The runtime package's manifest: the root package.json without what only the repository uses (scripts, devDependencies, `private`, which keeps the root from being published with the repository's README). */
function runtimeManifest(rootManifest) {
  const { scripts, devDependencies, files, private: _private, ...published } = rootManifest;
  return { ...published, files: ['dist'] };
}

/**
 * Writes the runtime package to `out`: the runtime half of dist/ (every folder but the tools ones) with the
 * contract the gateway serves (dist/wsdl), its README and its package.json. Returns the number of files of dist/.
 */
function writeRuntimePackage(root, out) {
  const dist = path.join(root, 'dist');
  checkRuntime(dist);
  fs.rmSync(out, { recursive: true, force: true });
  let files = 0;
  for (const file of filesUnder(dist).filter((f) => !isTools(f))) {
    const target = path.join(out, 'dist', file);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.copyFileSync(path.join(dist, file), target);
    fs.chmodSync(target, fs.statSync(path.join(dist, file)).mode);
    files += 1;
  }
  fs.copyFileSync(path.join(root, 'packages/runtime/README.md'), path.join(out, 'README.md'));
  const rootManifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  fs.writeFileSync(path.join(out, 'package.json'), `${JSON.stringify(runtimeManifest(rootManifest), null, 2)}\n`);
  return files;
}

/**
 * Checks the runtime half of dist/ and writes the tools package to `out`: the tools folders of dist/ (same
 * layout, so the CLI and the generator find wsdl/ beside them as in the repo), wsdl/, the README, package.json.
 */
function writeToolsPackage(root, out) {
  const dist = path.join(root, 'dist');
  checkRuntime(dist);
  fs.rmSync(out, { recursive: true, force: true });
  let files = 0;
  for (const file of filesUnder(dist).filter(isTools)) {
    const target = path.join(out, 'dist', file);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    const source = path.join(dist, file);
    if (/\.(js|mjs|ts)$/.test(file)) fs.writeFileSync(target, rewriteToolsFile(dist, file, fs.readFileSync(source, 'utf8')), { mode: fs.statSync(source).mode });
    else fs.copyFileSync(source, target);
    files += 1;
  }
  fs.cpSync(path.join(root, 'wsdl'), path.join(out, 'wsdl'), { recursive: true });
  fs.copyFileSync(path.join(root, 'packages/tools/README.md'), path.join(out, 'README.md'));
  const rootManifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  fs.writeFileSync(path.join(out, 'package.json'), `${JSON.stringify(toolsManifest(rootManifest), null, 2)}\n`);
  return files;
}

module.exports = { writeRuntimePackage, writeToolsPackage, checkRuntime, rewriteToolsFile, TOOLS_FOLDERS, TOOLS_DEPENDENCIES };
