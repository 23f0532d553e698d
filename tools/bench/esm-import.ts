// esm-import: `import` of the built ESM entry (packages/runtime/dist/src/runtime/index.mjs) against `require` of the
// CommonJS one, each in fresh processes, interleaved; and how many generated modules each loads (an import must load
// only the manifest). The import is timed after the merchant's own ES module has loaded (esm-importer.mjs), as in
// any ESM program; the import from a cold ESM loader is in the details.
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { fmt, lastJson, log, median, ROOT, row, runChild, spread, type Result } from './lib';

const RUNS = 15;
type Kind = 'import' | 'import-cold' | 'require';
const KINDS: Kind[] = ['import', 'require', 'import-cold'];

/** The child's code: time from its first line to the entry loaded, and the generated modules in require's cache. */
function child(kind: Kind): string[] {
  const dir = path.join(ROOT, 'packages/runtime/dist/src/runtime');
  const entry = path.join(dir, kind === 'require' ? 'index.js' : 'index.mjs');
  const count = "Object.keys(require.cache).filter((f) => f.includes('/dist/generated/')).length";
  if (kind === 'require')
    return [
      '-e',
      `const t = performance.now(); require(${JSON.stringify(entry)}` +
        `); const ms = performance.now() - t; console.log(JSON.stringify({ ms, generated: ${count} }));`,
    ];
  const importer = pathToFileURL(path.join(__dirname, 'esm-importer.mjs')).href;
  return [
    '--input-type=module',
    '-e',
    (kind === 'import' ? `await import(${JSON.stringify(importer)}); ` : '') +
      `const t = performance.now(); await import(${JSON.stringify(pathToFileURL(entry).href)}` +
      `); const ms = performance.now() - t; const { createRequire } = await import('node:module'); const ` +
      `__filename = ${JSON.stringify(path.join(ROOT, 'x.js'))}` +
      `; const require = createRequire(__filename); console.log(JSON.stringify({ ms, generated: ${count} }));`,
  ];
}

export async function runEsmImport(): Promise<Result> {
  log(`esm-import: ${RUNS} fresh processes per side, interleaved`);
  // ms: the entry's load, timed inside the child; process: the whole process, spawn to exit (Node's start-up included).
  const runs: Record<Kind, { ms: number; generated: number; process: number }[]> = {
    import: [],
    require: [],
    'import-cold': [],
  };
  for (let i = 0; i <= RUNS; i++) {
    for (const kind of KINDS) {
      const result = await runChild(process.execPath, child(kind));
      const figures = lastJson<{ ms: number; generated: number }>(result.stdout);
      if (i > 0) runs[kind].push({ ...figures, process: result.wallMs }); // the first run of each warms the page cache
    }
  }
  const ms = (kind: Kind): number => median(runs[kind].map((r) => r.ms));
  const whole = (kind: Kind): number => median(runs[kind].map((r) => r.process));
  return row({
    name: 'esm-import',
    ours: Number(fmt(ms('import'), 2)),
    baseline: Number(fmt(ms('require'), 2)),
    unit: 'ms',
    goal: 1.1,
    includes:
      `wall ms in a fresh process to the package entry loaded: import of ` +
      `packages/runtime/dist/src/runtime/index.mjs (the ESM entry) by an ES module program whose own module ` +
      `has loaded (Node's first file import, paid by any ESM program, outside) against require of ` +
      `packages/runtime/dist/src/runtime/index.js; Node's own start-up excluded. Median of ${RUNS}` +
      ` interleaved runs.`,
    details: [
      `runs (ms): import ${spread(
        runs.import.map((r) => r.ms),
        1,
      )}, require ` +
        `${spread(
          runs.require.map((r) => r.ms),
          1,
        )}`,
      `import from a cold ESM loader (no module of the program's loaded before): ${fmt(ms('import-cold'), 2)} ms ` +
        `(${fmt(ms('import-cold') / ms('require'), 2)} × require); runs ${spread(
          runs['import-cold'].map((r) => r.ms),
          1,
        )}`,
      `whole processes, spawn to exit (Node's start-up included, as the issue-20 table's "130 / 90 ms" was taken; ` +
        `each child also counts the generated modules after its timing): the cold ESM program ` +
        `${fmt(whole('import-cold'), 1)} ms, the require one ${fmt(whole('require'), 1)} ms: ` +
        `${fmt(whole('import-cold') / whole('require'), 3)}`,
      `generated modules loaded: import ${runs.import[0]!.generated}, require ${runs.require[0]!.generated}` +
        ` (of 50; a service's modules load on its first use)`,
    ],
  });
}
