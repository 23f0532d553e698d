// cold-start and client-memory: fresh child processes (cold-start-child.js, memory-child.js), interleaved.
import * as path from 'node:path';
import { BENCH_DIR, fmt, lastJson, log, median, ROOT, row, runChild, spread, type Result } from './lib';

const COLD_RUNS = 15;
const MEMORY_RUNS = 3;
const SIDES = ['ours', 'node-soap'] as const;

interface Figures {
  load: number;
  create: number;
  total: number;
  /** Until every service's methods were read: ours then has loaded every service's descriptors too. */
  allServicesUsed: number;
}

async function collect(runs: number, args: (side: string) => string[]): Promise<Record<string, Figures[]>> {
  const out: Record<string, Figures[]> = { ours: [], 'node-soap': [] };
  for (let run = 0; run < runs; run++) {
    for (const side of SIDES) out[side]!.push(lastJson<Figures>((await runChild(process.execPath, args(side))).stdout));
  }
  return out;
}

interface Breakdown {
  groups: Record<string, number>;
  requires: number;
  generatedFiles: number;
}

const pick = (figures: Figures[], key: keyof Figures): number[] => figures.map((f) => f[key]);

export async function runColdStart(): Promise<Result> {
  log(`cold-start: ${COLD_RUNS} fresh processes per side, interleaved`);
  // One unmeasured run each first, so both sides read their files from a warm page cache.
  await collect(1, (side) => [path.join(BENCH_DIR, 'cold-start-child.js'), side, ROOT]);
  const runs = await collect(COLD_RUNS, (side) => [path.join(BENCH_DIR, 'cold-start-child.js'), side, ROOT]);
  const m = (side: string, key: keyof Figures): number => median(pick(runs[side]!, key));
  // Where ours' module loading goes: a require hook times each module's own load (the hook adds a little).
  const breakdowns: Breakdown[] = [];
  for (let run = 0; run < 5; run++)
    breakdowns.push(
      lastJson<Breakdown>(
        (await runChild(process.execPath, [path.join(BENCH_DIR, 'cold-start-child.js'), 'ours-modules', ROOT])).stdout,
      ),
    );
  const group = (name: string): string => fmt(median(breakdowns.map((b) => b.groups[name] ?? 0)), 1);
  const groupNames = Object.keys(breakdowns[0]!.groups).filter((g) => breakdowns.some((b) => (b.groups[g] ?? 0) > 0));
  return row({
    name: 'cold-start',
    ours: Number(fmt(m('ours', 'total'), 2)),
    baseline: Number(fmt(m('node-soap', 'total'), 2)),
    unit: 'ms',
    goal: 0.05,
    includes:
      `wall ms in a fresh process from the script's first line to clients ready to call all nine services, ` +
      `module loading included; Node's own start-up excluded on both sides. Ours: require the built package ` +
      `(runtime + generated descriptors) + createClient; node-soap: require('soap') + createClientAsync on the ` +
      `nine local WSDLs. Median of ${COLD_RUNS} interleaved runs.`,
    details: [
      `runs (ms): ours ${spread(pick(runs.ours!, 'total'), 1)}, node-soap ` +
        `${spread(pick(runs['node-soap']!, 'total'), 1)}`,
      `module loading alone: ours ${fmt(m('ours', 'load'), 2)}` +
        ` ms (runtime + generated descriptors), node-soap ${fmt(m('node-soap', 'load'), 2)}` +
        ` ms (require('soap'))`,
      `ours' module loading by group (require hook, median of 5 runs, ms of each module's own load): ` +
        `${groupNames.map((g) => `${g} ${group(g)}`).join(', ')}; ${breakdowns[0]!.generatedFiles}` +
        ` generated files, ${breakdowns[0]!.requires} require calls`,
      `with every service's methods touched once (ours loads each service's descriptors on first use): ours ` +
        `${fmt(m('ours', 'allServicesUsed'), 2)} ms, node-soap ${fmt(m('node-soap', 'allServicesUsed'), 2)}` +
        ` ms, ratio ${fmt(m('ours', 'allServicesUsed') / m('node-soap', 'allServicesUsed'), 3)}`,
      `client creation alone (module loading excluded): ours ${fmt(m('ours', 'create'), 3)}` +
        ` ms (createClient), node-soap ${fmt(m('node-soap', 'create'), 2)} ms (9 × createClientAsync), ratio ` +
        `${fmt(m('ours', 'create') / m('node-soap', 'create'), 4)}`,
    ],
  });
}

export async function runMemory(): Promise<Result> {
  log(`client-memory: ${MEMORY_RUNS} fresh processes per side (--expose-gc)`);
  const runs = await collect(MEMORY_RUNS, (side) => [
    '--expose-gc',
    path.join(BENCH_DIR, 'memory-child.js'),
    side,
    ROOT,
  ]);
  const mib = (side: string, key: keyof Figures): number => median(pick(runs[side]!, key)) / (1024 * 1024);
  return row({
    name: 'client-memory',
    ours: Number(fmt(mib('ours', 'total'), 3)),
    baseline: Number(fmt(mib('node-soap', 'total'), 3)),
    unit: 'MiB',
    goal: 0.25,
    includes:
      `V8 heapUsed after two full GCs, with the clients for all nine services referenced (ours: every service's ` +
      `methods read once, so every service's descriptors are loaded), minus the same before loading anything; ` +
      `module code and data included on both sides (ours: runtime + generated descriptors + client; node-soap: ` +
      `its code + parsed WSDLs and its WSDL cache). Median of ${MEMORY_RUNS} fresh processes.`,
    details: [
      `module loading alone: ours ${fmt(mib('ours', 'load'), 3)} MiB, node-soap ` +
        `${fmt(mib('node-soap', 'load'), 3)}` +
        ` MiB; clients alone (after loading; ours including the descriptors loaded on first use): ours ` +
        `${fmt(mib('ours', 'create') * 1024, 1)} KiB, node-soap ${fmt(mib('node-soap', 'create'), 3)}` +
        ` MiB, ratio ${fmt(mib('ours', 'create') / mib('node-soap', 'create'), 4)}`,
    ],
  });
}
