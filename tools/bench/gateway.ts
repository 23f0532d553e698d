// The sealing gateway's cost: a legacy caller's unsealed SOAP cardOrder through the gateway (own process) to the
// simulator (own process), against our library calling the simulator directly from this process. Rows: added
// latency (sequential), the gateway's CPU per call against the library's, and calls/s at 16 in flight.
import * as http from 'node:http';
import * as path from 'node:path';
import { createClient } from '../../src/runtime';
import { BENCH_DIR, fmt, log, median, percentile, ROOT, row, startChild, type Result } from './lib';
import { CARD_ORDER_REQUEST } from './fixtures';
import { MERCHANT } from './fixtures';

const SEQ_ROUNDS = 3;
const SEQ_CALLS = 300;
const WARMUP = 200;
const IN_FLIGHT = 16;
const RATE_MS = 5_000;

type Call = (reference: string) => Promise<void>;

/** A legacy caller: a hand-written SOAP 1.1 cardOrder without seal, keyVersion, merchantId or interfaceVersion. */
function legacyCall(url: string): Call {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const fields = { ...CARD_ORDER_REQUEST } as Record<string, unknown>;
  return (reference) => {
    const inner = Object.entries({ ...fields, transactionReference: reference })
      .map(([k, v]) => `<ns:${k}>${String(v)}</ns:${k}>`)
      .join('');
    const body = Buffer.from(
      `<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope ` +
        `xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" ` +
        `xmlns:ns="urn:sips:cn:contract:office:checkout:v2"><soapenv:Body><ns:cardOrder><ns:input>${inner}` +
        `</ns:input></ns:cardOrder></soapenv:Body></soapenv:Envelope>`,
      'utf8',
    );
    return new Promise<void>((resolve, reject) => {
      const request = http.request(
        url,
        {
          method: 'POST',
          agent,
          headers: {
            'Content-Type': 'text/xml; charset=utf-8',
            SOAPAction: '""',
            'Content-Length': String(body.length),
          },
        },
        (response) => {
          let text = '';
          response.on('data', (chunk) => (text += chunk));
          response.on('end', () =>
            response.statusCode === 200 && text.includes('<responseCode>00</responseCode>')
              ? resolve()
              : reject(new Error(`HTTP ${response.statusCode}: ${text.slice(0, 200)}`)),
          );
        },
      );
      request.on('error', reject);
      request.end(body);
    });
  };
}

async function rate(call: Call, tag: string): Promise<{ rate: number; latencies: number[] }> {
  let sequence = 0;
  const latencies: number[] = [];
  const end = performance.now() + RATE_MS;
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async () => {
      while (performance.now() < end) {
        const t0 = performance.now();
        await call(`${tag}${++sequence}`);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  return { rate: latencies.length / (RATE_MS / 1000), latencies };
}

export async function runGateway(): Promise<Result[]> {
  log(
    `gateway: legacy SOAP caller -> gateway (process) -> simulator (process), against the library -> simulator; ` +
      `${SEQ_ROUNDS}×${SEQ_CALLS} sequential, then ${IN_FLIGHT} in flight for ${RATE_MS / 1000} s`,
  );
  const simulator = await startChild(process.execPath, [
    path.join(ROOT, 'scripts/ts-run.js'),
    path.join(BENCH_DIR, 'simulator-child.ts'),
  ]);
  const gateway = await startChild(process.execPath, [
    path.join(ROOT, 'scripts/ts-run.js'),
    path.join(BENCH_DIR, 'gateway-child.ts'),
    simulator.ready.url as string,
  ]);
  const client = createClient({ ...MERCHANT, environment: simulator.ready.url as string, retry: false });
  try {
    const run = `${process.pid.toString(36)}${Date.now().toString(36)}`;
    const calls: Record<'gateway' | 'library', Call> = {
      gateway: legacyCall(`${gateway.ready.url as string}/services/v2/checkout`),
      library: async (reference) => {
        const result = (await client.checkout.cardOrder({
          ...CARD_ORDER_REQUEST,
          transactionReference: reference,
        } as never)) as { responseCode: string };
        if (result.responseCode !== '00') throw new Error(`library: ${result.responseCode}`);
      },
    };
    for (const [name, call] of Object.entries(calls))
      for (let i = 0; i < WARMUP; i++) await call(`W${name[0]}${run}${i}`);
    const seq: Record<string, number[]> = { gateway: [], library: [] };
    const cpu: Record<string, number[]> = { gateway: [], library: [] };
    const simulatorCpu: Record<string, number[]> = { gateway: [], library: [] };
    for (let round = 0; round < SEQ_ROUNDS; round++) {
      for (const [name, call] of Object.entries(calls)) {
        const gatewayBefore = await gateway.cpuUs();
        const simulatorBefore = await simulator.cpuUs();
        const mine = process.cpuUsage();
        for (let i = 0; i < SEQ_CALLS; i++) {
          const t0 = performance.now();
          await call(`Q${name[0]}${run}${round}-${i}`);
          seq[name]!.push(performance.now() - t0);
        }
        const used = process.cpuUsage(mine);
        // The gateway's CPU is its process's; the library's is this process's (the caller's side of the gateway run is
        // a bare http.request).
        cpu[name]!.push(
          name === 'gateway'
            ? ((await gateway.cpuUs()) - gatewayBefore) / SEQ_CALLS
            : (used.user + used.system) / SEQ_CALLS,
        );
        simulatorCpu[name]!.push(((await simulator.cpuUs()) - simulatorBefore) / SEQ_CALLS);
      }
    }
    const loadGateway = await rate(calls.gateway, `R${run}g`);
    const loadLibrary = await rate(calls.library, `R${run}l`);
    const added = median(seq.gateway!) - median(seq.library!);
    const where =
      'sealed cardOrders with unique references; the simulator and the gateway each in their own process on ' +
      '127.0.0.1, all processes sharing the two cores';
    return [
      row({
        name: 'gateway-latency',
        ours: Number(fmt(median(seq.gateway!), 3)),
        baseline: Number(fmt(median(seq.library!), 3)),
        unit: 'ms',
        includes:
          `median wall time of one sequential cardOrder: a legacy caller's unsealed SOAP request through the ` +
          `gateway (validate, seal, send, verify, pass on) vs the library calling the simulator directly; ` +
          `${where}; ${SEQ_ROUNDS}×${SEQ_CALLS} samples per side after ${WARMUP} warm-up calls.`,
        details: [
          `added by the gateway: ${fmt(added, 3)} ms per call (median); p99 gateway ` +
            `${fmt(percentile(seq.gateway!, 99), 2)} ms, library ${fmt(percentile(seq.library!, 99), 2)}` +
            ` ms; simulator CPU per call ${fmt(median(simulatorCpu.gateway!), 0)} / ` +
            `${fmt(median(simulatorCpu.library!), 0)} µs`,
        ],
      }),
      row({
        name: 'gateway-cpu',
        ours: Number(fmt(median(cpu.gateway!), 0)),
        baseline: Number(fmt(median(cpu.library!), 0)),
        unit: 'us',
        includes:
          'CPU µs per sequential cardOrder: the gateway process (HTTP server, caller request read and checked, ' +
          "the client's seal/send/verify, the log line, metrics) vs the library in the caller's process " +
          '(client work plus its HTTP).',
        details: [
          `rounds: gateway ${cpu.gateway!.map((v) => fmt(v, 0)).join(', ')} µs; library ` +
            `${cpu.library!.map((v) => fmt(v, 0)).join(', ')} µs`,
        ],
      }),
      row({
        name: 'gateway-rate-16',
        ours: Math.round(loadGateway.rate),
        baseline: Math.round(loadLibrary.rate),
        unit: 'calls/s',
        includes:
          `sustained cardOrders per second with ${IN_FLIGHT} in flight for ${RATE_MS / 1000}` +
          ` s: through the gateway vs the library direct (ratio: higher is better here); ${where}.`,
        details: [
          `median latency: gateway ${fmt(median(loadGateway.latencies), 2)} ms, library ` +
            `${fmt(median(loadLibrary.latencies), 2)} ms; p99 ${fmt(percentile(loadGateway.latencies, 99), 2)} / ` +
            `${fmt(percentile(loadLibrary.latencies, 99), 2)} ms`,
        ],
      }),
    ];
  } finally {
    client.close();
    await gateway.stop();
    await simulator.stop();
  }
}
