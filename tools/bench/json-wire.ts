// json-call-cpu and json-loopback-latency: the Office JSON wire beside SOAP, both through our client, same run.
// CPU: the typed cardOrder with a transport answering the canned sealed reply of each wire (captured from the
// simulator), so only our work is counted (validate, seal, serialise, parse, verify, coerce, outcome).
// Loopback: sequential cardOrders against the simulator in its own process over each wire (keep-alive).
import * as path from 'node:path';
import { createClient } from '../../src/runtime';
import { createHttpTransport, type Transport } from '../../src/runtime/transport';
import { fmt, log, measure, median, percentile, row, spread, startChild, type Result } from './lib';
import { CARD_ORDER_REQUEST, MERCHANT, stampedReplies } from './fixtures';

const BATCH = 2000;
const ROUNDS = 7;
const WARMUP = 3000;
const SEQ_CALLS = 400;
const SEQ_ROUNDS = 5;

type Wire = 'soap' | 'json';
/**
 * The request of the canned calls: its transactionReference is the one the captured reply echoes (the reply checks
 * compare them).
 */
const cannedRequest = (wire: Wire): object => ({ ...CARD_ORDER_REQUEST, transactionReference: `BENCHJSON${wire}` });

/** One cardOrder per wire through the simulator, the verbatim replies kept. */
async function captureReplies(url: string): Promise<Record<Wire, string>> {
  const http = createHttpTransport();
  const out: Partial<Record<Wire, string>> = {};
  for (const wire of ['soap', 'json'] as const) {
    const recording: Transport = {
      async post(options) {
        const reply = await http.post(options);
        out[wire] = reply.body;
        return reply;
      },
      close: () => undefined,
    };
    const client = createClient({ ...MERCHANT, environment: url, wire, transport: recording, retry: false });
    await client.checkout.cardOrder(cannedRequest(wire) as never);
  }
  http.close();
  return out as Record<Wire, string>;
}

export async function runJsonWire(): Promise<Result[]> {
  log('json: the JSON wire beside SOAP (our client, simulator in its own process)');
  const child = await startChild(process.execPath, [
    path.join('scripts', 'ts-run.js'),
    path.join('tools', 'bench', 'simulator-child.ts'),
  ]);
  const url = String(child.ready.url);
  try {
    const replies = await captureReplies(url);
    // CPU per call, interleaved rounds.
    const clients = Object.fromEntries(
      (['soap', 'json'] as const).map((wire) => {
        // Each call gets its own stamped copy (a client refuses a stamped reply seen twice, issue 19).
        const copies = stampedReplies(replies[wire], wire, WARMUP + ROUNDS * BATCH + 16);
        let turn = 0;
        const canned: Transport = {
          post: () =>
            Promise.resolve({
              status: 200,
              contentType: wire === 'json' ? 'application/json' : 'text/xml; charset=utf-8',
              body: copies[turn++ % copies.length]!,
            }),
          close: () => undefined,
        };
        return [wire, createClient({ ...MERCHANT, environment: url, wire, transport: canned, retry: false })];
      }),
    ) as Record<Wire, ReturnType<typeof createClient>>;
    const cpu: Record<Wire, number[]> = { soap: [], json: [] };
    for (const wire of ['soap', 'json'] as const)
      for (let i = 0; i < WARMUP; i++) await clients[wire].checkout.cardOrder(cannedRequest(wire) as never);
    for (let round = 0; round < ROUNDS; round++) {
      for (const wire of ['soap', 'json'] as const) {
        const { cpuUs } = await measure(async () => {
          for (let i = 0; i < BATCH; i++) await clients[wire].checkout.cardOrder(cannedRequest(wire) as never);
        });
        cpu[wire].push(cpuUs / BATCH);
      }
    }
    // Loopback latency against the simulator, sequential, unique references.
    const live = Object.fromEntries(
      (['soap', 'json'] as const).map((wire) => [
        wire,
        createClient({ ...MERCHANT, environment: url, wire, retry: false }),
      ]),
    ) as Record<Wire, ReturnType<typeof createClient>>;
    const latency: Record<Wire, number[]> = { soap: [], json: [] };
    const p99: Record<Wire, number[]> = { soap: [], json: [] };
    let n = 0;
    for (let round = 0; round < SEQ_ROUNDS; round++) {
      for (const wire of ['soap', 'json'] as const) {
        const samples: number[] = [];
        for (let i = 0; i < SEQ_CALLS; i++) {
          const started = performance.now();
          await live[wire].checkout.cardOrder({
            ...CARD_ORDER_REQUEST,
            transactionReference: `BJ${wire}${n++}`,
          } as never);
          samples.push(performance.now() - started);
        }
        latency[wire].push(median(samples));
        p99[wire].push(percentile(samples, 99));
      }
    }
    for (const wire of ['soap', 'json'] as const) live[wire].close();
    const bytes = (wire: Wire): number => Buffer.byteLength(replies[wire]);
    return [
      row({
        name: 'json-call-cpu',
        ours: Number(fmt(median(cpu.json), 1)),
        baseline: Number(fmt(median(cpu.soap), 1)),
        unit: 'µs/call',
        includes:
          'ours = cardOrder over JSON, baseline = the same over SOAP (both our client, canned sealed replies, ' +
          'no network)',
        details: [
          `JSON ${spread(cpu.json)} µs, SOAP ${spread(cpu.soap)} µs over ${ROUNDS} rounds of ${BATCH}; reply ` +
            `${bytes('json')} B JSON vs ${bytes('soap')} B SOAP`,
        ],
      }),
      row({
        name: 'json-loopback-latency',
        ours: Number(fmt(median(latency.json), 3)),
        baseline: Number(fmt(median(latency.soap), 3)),
        unit: 'ms/call',
        includes:
          'ours = cardOrder over JSON, baseline = over SOAP, sequential against the simulator in its own ' +
          'process (its business rules included)',
        details: [
          `p99 JSON ${fmt(median(p99.json), 2)} ms, SOAP ${fmt(median(p99.soap), 2)} ms; ${SEQ_ROUNDS}` +
            ` rounds of ${SEQ_CALLS}`,
        ],
      }),
    ];
  } finally {
    await child.stop();
  }
}
