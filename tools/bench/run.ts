// `make bench`: each benchmark for ours and for the baseline in the same run, a table on stdout, and
// tools/bench/results.json: [{ name, ours, baseline, unit, ratio }] with ratio = ours / baseline (lower is better).
// Needs the build (dist/) for the fresh-process benchmarks: `make bench` builds first. BENCH_STRICT=1 makes a missed
// goal exit 1; BENCH_ONLY=name,... runs a subset. What each figure includes: tools/bench/README.md.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCallCpu } from './call-cpu';
import { runCodegen } from './codegen';
import { captureFixtures, makeTempDir } from './fixtures';
import { runGeneratedLines, runInstallFootprint, runTscCost } from './footprint';
import { BENCH_DIR, fmt, log, ROOT, type Result, type Row } from './lib';
import { runGateway } from './gateway';
import { runJournal } from './journal';
import { runJsonWire } from './json-wire';
import { runLoopback } from './loopback';
import { runParsers } from './parsers';
import { runSimulatorLoad } from './simulator-load';
import { runEsmImport } from './esm-import';
import { runColdStart, runMemory } from './startup';

/**
 * BENCH_ONLY, a comma-separated list of call-cpu, parsers, loopback, json, cold-start, esm-import, client-memory,
 * simulator, gateway, journal, codegen, footprint and lines, runs only those (no results.json).
 */
const only = process.env.BENCH_ONLY ? new Set(process.env.BENCH_ONLY.split(',').map((s) => s.trim())) : undefined;
const wanted = (name: string): boolean => !only || only.has(name);

const ORDER = [
  'cold-start',
  'esm-import',
  'call-cpu',
  'call-cpu-stages',
  'json-call-cpu',
  'loopback-latency',
  'loopback-latency-floor',
  'loopback-concurrent',
  'loopback-concurrent-floor',
  'json-loopback-latency',
  'gateway-latency',
  'gateway-cpu',
  'gateway-rate-16',
  'journal-payment-latency',
  'journal-50-per-second',
  'journal-capacity',
  'journal-recovery-rate',
  'codegen',
  'client-memory',
  'install-size',
  'install-packages',
  'tools-install-size',
  'tsc-cost',
  'generated-lines',
  'generated-lines-schema',
  'generated-lines-types',
  'generated-lines-operations',
];

function table(results: readonly Result[]): string {
  const header = ['benchmark', 'ours', 'baseline', 'unit', 'ratio', 'goal', ''];
  const lines = results.map((r) => [
    r.name,
    String(r.ours),
    r.baseline === null ? '-' : String(r.baseline),
    r.unit,
    r.ratio === null ? '-' : fmt(r.ratio, 3),
    r.goal === undefined ? '-' : `≤ ${r.goal}`,
    r.goal === undefined || r.ratio === null ? '' : r.ratio <= r.goal ? 'met' : 'MISSED',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const format = (cells: string[]): string =>
    cells
      .map((c, i) => (i === 0 || i === 3 || i === 6 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [format(header), widths.map((w) => '-'.repeat(w)).join('  '), ...lines.map(format)].join('\n');
}

async function main(): Promise<void> {
  const started = performance.now();
  const loadAtStart = os.loadavg();
  for (const file of ['packages/runtime/dist/src/runtime/index.js', 'packages/tools/dist/src/tools/cli/main.js']) {
    if (!fs.existsSync(path.join(ROOT, file)))
      throw new Error(`${file} is missing: run 'make bench' (it builds first) or 'make build'`);
  }
  const cpus = os.cpus();
  log(`bench: Node ${process.version}, ${cpus.length} × ${cpus[0]?.model ?? 'unknown CPU'}`);
  const tmp = makeTempDir();
  const results: Result[] = [];
  let parserLines: string[] = [];
  try {
    log('fixtures: one cardOrder and one getTransactionData through the simulator');
    const fixtures = await captureFixtures();
    // In-process CPU work first, before anything heavy (ts-morph, TypeScript) is loaded into this process.
    if (wanted('call-cpu')) results.push(...(await runCallCpu(fixtures, tmp)));
    if (wanted('parsers')) {
      log('parsers: the XML parser options on the two replies');
      parserLines = await runParsers(fixtures);
    }
    if (wanted('loopback')) results.push(...(await runLoopback(fixtures, tmp)));
    if (wanted('json')) results.push(...(await runJsonWire()));
    if (wanted('cold-start')) results.push(await runColdStart());
    if (wanted('esm-import')) results.push(await runEsmImport());
    if (wanted('client-memory')) results.push(await runMemory());
    if (wanted('simulator')) results.push(...(await runSimulatorLoad()));
    if (wanted('gateway')) results.push(...(await runGateway()));
    if (wanted('journal')) results.push(...(await runJournal()));
    if (wanted('codegen')) results.push(await runCodegen(tmp));
    if (wanted('footprint')) {
      const footprint = await runInstallFootprint(tmp);
      results.push(...footprint.results, await runTscCost(footprint.runtimeProject));
    }
    if (wanted('lines')) results.push(...(await runGeneratedLines(tmp)));
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }

  results.sort((a, b) => (ORDER.indexOf(a.name) + 1 || 99) - (ORDER.indexOf(b.name) + 1 || 99));
  const rows: Row[] = results.map(({ name, ours, baseline, unit, ratio }) => ({ name, ours, baseline, unit, ratio }));
  // A partial run (BENCH_ONLY) prints its figures but leaves results.json alone, unless BENCH_MERGE=1 puts its rows
  // in place of the same rows there (the others stay from their own run).
  const output = path.join(BENCH_DIR, 'results.json');
  const merge = only !== undefined && process.env.BENCH_MERGE === '1';
  if (!only) fs.writeFileSync(output, `${JSON.stringify(rows, null, 2)}\n`);
  else if (merge) {
    const kept = (JSON.parse(fs.readFileSync(output, 'utf8')) as Row[]).filter(
      (r) => !rows.some((mine) => mine.name === r.name),
    );
    const merged = [...kept, ...rows].sort(
      (a, b) => (ORDER.indexOf(a.name) + 1 || 99) - (ORDER.indexOf(b.name) + 1 || 99),
    );
    fs.writeFileSync(output, `${JSON.stringify(merged, null, 2)}\n`);
  }

  const out: string[] = [];
  out.push(
    '',
    `sogenactif-office benchmarks: ours against node-soap ${require('soap/package.json').version}` +
      ` (codegen: wsdl-tsclient ${require('wsdl-tsclient/package.json').version}), same run`,
  );
  const load = (l: number[]): string => l.map((v) => v.toFixed(2)).join(' ');
  out.push(
    `Node ${process.version}, ${cpus.length} cores (${cpus[0]?.model ?? 'unknown CPU'}` +
      `); ratio = ours / baseline, lower is better`,
  );
  out.push(
    `load average at start ${load(loadAtStart)}, at end ${load(os.loadavg())}` +
      ` (other work on the machine inflates wall-clock figures on both sides)`,
    '',
  );
  out.push(table(results), '');
  for (const r of results) {
    out.push(`${r.name}: ${r.includes}`);
    for (const d of r.details) out.push(`    ${d}`);
  }
  if (parserLines.length)
    out.push('', 'XML parser options for replies (call-cpu):', ...parserLines.map((l) => `    ${l}`));
  out.push(
    '',
    (only
      ? merge
        ? `partial run (BENCH_ONLY), its rows merged into ${path.relative(ROOT, output)}`
        : 'partial run (BENCH_ONLY), results.json not written'
      : `wrote ${path.relative(ROOT, output)}`) + `; bench took ${fmt((performance.now() - started) / 1000, 1)} s`,
  );
  process.stdout.write(`${out.join('\n')}\n`);

  const missed = results.filter((r) => r.goal !== undefined && r.ratio !== null && r.ratio > r.goal);
  if (missed.length > 0 && process.env.BENCH_STRICT === '1') {
    process.stderr.write(`goals missed: ${missed.map((r) => r.name).join(', ')}\n`);
    process.exit(1);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
