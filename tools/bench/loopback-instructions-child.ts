// Profiling aid for loopback-latency-floor (not part of make bench): the client's instructions per sequential loopback
// cardOrder, against the bench's soap.listen server started by the parent, in callgrind windows (instructions.ts):
// ours (client.checkout.cardOrder), our transport alone posting the same envelope, and a bare http.request.
// Usage: node scripts/ts-run.js tools/bench/loopback-instructions-child.ts (the parent: starts the server, runs itself
// under callgrind with --child and prints the instructions per call of each side).
import * as fs from 'node:fs';
import * as path from 'node:path';
import './from-build';
import { bareCall } from './lib';

const CALLS = Number(process.env.CALLS ?? 1000);
const WARMUP = Number(process.env.WARMUP ?? 2500);

async function child(specFile: string): Promise<void> {
  const { createClient } = require('../../src/runtime') as typeof import('../../src/runtime');
  const { createHttpTransport } =
    require('../../src/runtime/transport') as typeof import('../../src/runtime/transport');
  const { MERCHANT, CARD_ORDER_REQUEST } = require('./fixtures') as typeof import('./fixtures');
  const spec = JSON.parse(fs.readFileSync(specFile, 'utf8')) as { base: string; envelope: string };
  const url = `${spec.base}/services/v2/checkout`;
  const client = createClient({ ...MERCHANT, environment: spec.base, retry: false });
  const transport = createHttpTransport();
  const headers = { 'Content-Type': 'text/xml; charset=utf-8', SOAPAction: '""', Accept: 'text/xml' };
  const sides: Record<string, () => Promise<unknown>> = {
    ours: () => client.checkout.cardOrder(CARD_ORDER_REQUEST as never),
    transport: () =>
      transport.post({
        url,
        body: spec.envelope,
        headers,
        timeoutMs: 30_000,
        maxResponseBytes: 4 << 20,
        operation: 'x',
      }),
    // The loopback rows' floor (lib.ts bareCall), with its own keep-alive agent.
    bare: bareCall(url, spec.envelope),
  };
  const only = process.env.SIDES?.split(',');
  const names: string[] = [];
  for (const [name, call] of Object.entries(sides)) {
    if (only && !only.includes(name)) continue;
    for (let i = 0; i < WARMUP; i++) await call();
    if (process.env.MARK) console.log(`MARK ${name}`);
    process.getuid!();
    for (let i = 0; i < CALLS; i++) await call();
    process.getgid!();
    names.push(name);
  }
  client.close();
  transport.close();
  console.log(JSON.stringify(names));
}

async function parent(): Promise<void> {
  const { captureFixtures, cardOrderEnvelope, makeTempDir, writeServerSpec } = await import('./fixtures');
  const { startChild, BENCH_DIR } = await import('./lib');
  const { countWindows } = await import('./instructions');
  const fixtures = await captureFixtures();
  const dir = makeTempDir();
  const server = await startChild(process.execPath, [
    path.join(BENCH_DIR, 'soap-server.js'),
    writeServerSpec(fixtures, dir),
  ]);
  const base = `http://127.0.0.1:${server.ready.port as number}`;
  const envelope = await cardOrderEnvelope(fixtures);
  const spec = path.join(dir, 'loopback-instructions.json');
  fs.writeFileSync(spec, JSON.stringify({ base, envelope }));
  const counts = await countWindows(__filename, ['--child', spec], dir);
  await server.stop();
  for (const [name, count] of counts)
    console.log(
      `${name}: ${(count.instructions / CALLS / 1000).toFixed(1)} k instructions per call ` +
        `(GC ${(count.gc / CALLS / 1000).toFixed(1)} k)`,
    );
}

void (process.argv[2] === '--child' ? child(process.argv[3]!) : parent()).catch((error) => {
  console.error(error);
  process.exit(1);
});
