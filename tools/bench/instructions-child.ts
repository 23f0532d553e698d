// call-cpu-stages in instructions: one process run under callgrind by instructions.ts. The cardOrder call and each of
// its stages run in windows that callgrind counts alone: process.getuid() zeroes its counters (--zero-before=getuid)
// and process.getgid() dumps them (--dump-before=getgid). Prints the windows' names, in order, as JSON.
// Stages run in two windows each (NAME#1, NAME#2) of half the calls.
// Usage (by instructions.ts): node --single-threaded --predictable scripts/ts-run.js instructions-child.ts SPEC.json
import * as fs from 'node:fs';
import type { Fixtures } from './fixtures';

import './from-build';
const { oursCalls, stageFunctions } = require('./call-stages') as typeof import('./call-stages');
const { fixturesFromReplies } = require('./fixtures') as typeof import('./fixtures');

interface Spec {
  readonly replies: Readonly<Record<keyof Fixtures, string>>;
  /** Iterations in each counted window. */
  readonly calls: number;
  /** Calls before the call's window (JIT tiers, inline caches), and iterations before each stage's window. */
  readonly warmup: number;
  readonly stageWarmup: number;
}

async function window(name: string, names: string[], n: number, body: () => unknown): Promise<void> {
  process.getuid!();
  for (let i = 0; i < n; i++) await body();
  process.getgid!();
  names.push(name);
}

void (async () => {
  const spec = JSON.parse(fs.readFileSync(process.argv[2]!, 'utf8')) as Spec;
  const fixtures = fixturesFromReplies(spec.replies);
  const names: string[] = [];
  const ours = await oursCalls(fixtures, spec.warmup + spec.calls + 16);
  const call = ours.calls.cardOrder!;
  for (let i = 0; i < spec.warmup; i++) await call();
  await window('call', names, spec.calls, call);
  ours.close();
  // The call has warmed the functions every stage runs: each stage's own warm-up is short.
  const { sync, transport } = stageFunctions(fixtures.cardOrder);
  // Each stage in two windows of half the calls: the parent keeps the lower, so a one-off event (a collection, a
  // recompilation) in one of them does not count as the stage's cost.
  const half = Math.ceil(spec.calls / 2);
  for (const [name, stage] of Object.entries(sync)) {
    for (let i = 0; i < spec.stageWarmup; i++) stage();
    for (const part of ['#1', '#2']) {
      // A synchronous loop: no await between iterations, as the stage runs inside the call.
      process.getuid!();
      for (let i = 0; i < half; i++) stage();
      process.getgid!();
      names.push(name + part);
    }
  }
  for (let i = 0; i < spec.stageWarmup; i++) await transport();
  await window('transport#1', names, half, transport);
  await window('transport#2', names, half, transport);
  process.stdout.write(`${JSON.stringify(names)}\n`);
})();
