// codegen: generating the whole contract (the nine WSDLs and the common.xsd they import) to a fresh folder.
// Main figure, a fresh process each (what a merchant runs once): ours is the shipped CLI,
// `node dist/src/tools/cli/main.js generate --wsdl wsdl --out DIR`; wsdl-tsclient is its CLI,
// `node node_modules/wsdl-tsclient/dist/src/cli.js --quiet -o DIR wsdl/*.wsdl`; wall time from spawn to exit.
// Also measured warm, in this process, after a warm-up run: codegen's generate() against parseAndGenerate() per WSDL.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fmt, log, median, ROOT, row, runChild, SERVICES, spread, WSDL_DIR, type Result } from './lib';

const COLD_RUNS = 5;
const WARM_RUNS = 5;

function countFiles(dir: string): number {
  let count = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true }))
    count += entry.isDirectory() ? countFiles(path.join(dir, entry.name)) : 1;
  return count;
}

export async function runCodegen(tmp: string): Promise<Result> {
  const wsdls = SERVICES.map((s) => path.join(WSDL_DIR, `${s}.wsdl`));
  const oursCli = path.join(ROOT, 'packages/tools/dist/src/tools/cli/main.js');
  const theirsCli = path.join(ROOT, 'node_modules/wsdl-tsclient/dist/src/cli.js');
  let runs = 0;
  const outDir = (side: string): string => path.join(tmp, `codegen-${side}-${runs++}`);
  const cold = {
    ours: (out: string) => runChild(process.execPath, [oursCli, 'generate', '--wsdl', WSDL_DIR, '--out', out]),
    'wsdl-tsclient': (out: string) =>
      runChild(process.execPath, ['--no-warnings', theirsCli, '--quiet', '-o', out, ...wsdls]),
  };
  log(`codegen: ${COLD_RUNS} fresh-process runs per side, interleaved, plus one unmeasured run each`);
  const coldMs: Record<string, number[]> = { ours: [], 'wsdl-tsclient': [] };
  const files: Record<string, number> = {};
  for (let run = 0; run <= COLD_RUNS; run++) {
    for (const [side, generate] of Object.entries(cold)) {
      const out = outDir(side);
      const { wallMs } = await generate(out);
      files[side] = countFiles(out);
      if (run > 0) coldMs[side]!.push(wallMs);
    }
  }

  log(`codegen: warm, in this process, ${WARM_RUNS} runs per side after a warm-up run`);
  // Loaded here, not at the top: ts-morph and TypeScript stay out of the process until the CPU benchmarks are done.
  const { generate } = await import('../../codegen');
  const { parseAndGenerate } = (await import('wsdl-tsclient')) as {
    parseAndGenerate: (wsdl: string, out: string, options?: object) => Promise<void>;
  };
  const warm = {
    ours: async (out: string) => {
      generate({ inputs: [WSDL_DIR], outDir: out, runtimeImport: 'sogenactif-office' });
    },
    'wsdl-tsclient': async (out: string) => {
      for (const wsdl of wsdls) await parseAndGenerate(wsdl, out, { quiet: true });
    },
  };
  const warmMs: Record<string, number[]> = { ours: [], 'wsdl-tsclient': [] };
  for (let run = 0; run <= WARM_RUNS; run++) {
    for (const [side, generateAll] of Object.entries(warm)) {
      const started = performance.now();
      await generateAll(outDir(side));
      if (run > 0) warmMs[side]!.push(performance.now() - started);
    }
  }
  const ours = median(coldMs.ours!);
  const theirs = median(coldMs['wsdl-tsclient']!);
  return row({
    name: 'codegen',
    ours: Number(fmt(ours, 1)),
    baseline: Number(fmt(theirs, 1)),
    unit: 'ms',
    goal: 1.0,
    includes:
      `wall ms of one fresh-process CLI run generating all nine services into an empty folder (Node start-up, ` +
      `module loading, reading, modelling, emitting, writing); median of ${COLD_RUNS}` +
      ` interleaved runs. Ours: sogenactif generate (dist build), ${files.ours}` +
      ` files, also reads wsdl/dictionary; wsdl-tsclient 1.7.1: ${files['wsdl-tsclient']} files.`,
    details: [
      `fresh-process runs (ms): ours ${spread(coldMs.ours!, 0)}, wsdl-tsclient ${spread(coldMs['wsdl-tsclient']!, 0)}`,
      `warm, in-process (modules loaded, after one warm-up run): ours ${fmt(median(warmMs.ours!), 0)} ms (` +
        `${spread(warmMs.ours!, 0)}), wsdl-tsclient ${fmt(median(warmMs['wsdl-tsclient']!), 0)} ms (` +
        `${spread(warmMs['wsdl-tsclient']!, 0)}), ratio ` +
        `${fmt(median(warmMs.ours!) / median(warmMs['wsdl-tsclient']!), 3)}`,
    ],
  });
}
