// The simulator's sustained rate of sealed cardOrders, and their p99 latency, on this machine's two cores:
// the simulator in one process, our client driving it from this one with a fixed number of calls in flight.
// No baseline. The reported load point is the smallest number in flight that reaches the saturated rate;
// a deeper queue is shown beside it (same rate, longer latency).
import * as path from 'node:path';
import { createClient } from '../../src/runtime';
import { BENCH_DIR, fmt, log, median, percentile, ROOT, row, startChild, type Result, type ServerChild } from './lib';
import { CARD_ORDER_REQUEST, MERCHANT } from './fixtures';

const IN_FLIGHT = Number(process.env.BENCH_SIM_IN_FLIGHT ?? 4);
const DEEPER = 16;
const WARMUP_MS = 2_000;
const MEASURE_MS = 10_000;

interface LoadPoint {
  readonly inFlight: number;
  readonly rate: number;
  readonly latencies: number[];
  readonly clientCpuUs: number;
  readonly serverCpuUs: number;
}

async function drive(simulator: ServerChild, inFlight: number, tag: string): Promise<LoadPoint> {
  const client = createClient({ ...MERCHANT, environment: simulator.ready.url as string, retry: false });
  let sequence = 0;
  const latencies: number[] = [];
  let failures = 0;
  const windowStart = performance.now() + WARMUP_MS;
  const windowEnd = windowStart + MEASURE_MS;
  let clientCpu: NodeJS.CpuUsage | undefined;
  let serverCpu: Promise<number> | undefined;
  const marker = setTimeout(() => {
    clientCpu = process.cpuUsage();
    serverCpu = simulator.cpuUs();
  }, WARMUP_MS);
  try {
    await Promise.all(
      Array.from({ length: inFlight }, async () => {
        while (performance.now() < windowEnd) {
          const reference = `S${tag}-${process.pid}-${++sequence}`;
          const t0 = performance.now();
          try {
            const result = (await client.checkout.cardOrder({
              ...CARD_ORDER_REQUEST,
              transactionReference: reference,
            } as never)) as { responseCode: string };
            if (result.responseCode !== '00') failures++;
          } catch {
            failures++;
          }
          const t1 = performance.now();
          if (t0 >= windowStart && t1 <= windowEnd) latencies.push(t1 - t0);
        }
      }),
    );
  } finally {
    clearTimeout(marker);
    client.close();
  }
  if (failures > 0) throw new Error(`simulator: ${failures} cardOrders failed`);
  const used = process.cpuUsage(clientCpu);
  const serverUsed = (await simulator.cpuUs()) - (await serverCpu!);
  // CPU spans the window plus the calls still finishing after it: per call is an approximation (±1%).
  const calls = latencies.length;
  return {
    inFlight,
    rate: calls / (MEASURE_MS / 1000),
    latencies,
    clientCpuUs: (used.user + used.system) / calls,
    serverCpuUs: serverUsed / calls,
  };
}

export async function runSimulatorLoad(): Promise<Result[]> {
  log(
    `simulator: sealed cardOrders, ${IN_FLIGHT} then ${DEEPER} in flight, ${WARMUP_MS / 1000} s warm-up then ` +
      `${MEASURE_MS / 1000} s measured each`,
  );
  const simulator = await startChild(process.execPath, [
    path.join(ROOT, 'scripts/ts-run.js'),
    path.join(BENCH_DIR, 'simulator-child.ts'),
  ]);
  try {
    const main = await drive(simulator, IN_FLIGHT, 'a');
    const deeper = await drive(simulator, DEEPER, 'b');
    const describe = (p: LoadPoint): string =>
      `${p.inFlight} in flight: ${fmt(p.rate, 0)} calls/s, median ${fmt(median(p.latencies), 2)} ms, p90 ` +
      `${fmt(percentile(p.latencies, 90), 2)} ms, p99 ${fmt(percentile(p.latencies, 99), 2)} ms, max ` +
      `${fmt(Math.max(...p.latencies), 1)} ms; CPU per call: simulator ${fmt(p.serverCpuUs, 0)}` +
      ` µs, our client ${fmt(p.clientCpuUs, 0)} µs`;
    const note =
      `sealed cardOrders (unique references; the simulator verifies the request seal, runs the payment rules, ` +
      `seals the reply; our client verifies it) from our client in this process to the simulator in a child ` +
      `process on 127.0.0.1, both processes sharing the two cores; ${IN_FLIGHT}` +
      ` calls in flight; calls started and finished inside a ${MEASURE_MS / 1000} s window after ` +
      `${WARMUP_MS / 1000} s warm-up.`;
    return [
      row({
        name: 'simulator-cardorder-rate',
        ours: Math.round(main.rate),
        baseline: null,
        unit: 'calls/s',
        includes: note,
        details: [describe(main), describe(deeper)],
      }),
      row({
        name: 'simulator-cardorder-p99',
        ours: Number(fmt(percentile(main.latencies, 99), 2)),
        baseline: null,
        unit: 'ms',
        includes: `p99 latency of the same calls (${IN_FLIGHT} in flight).`,
        details: [],
      }),
    ];
  } finally {
    await simulator.stop();
  }
}
