// Profiling aid for loopback-latency-floor (not part of make bench): the client's instructions per sequential loopback
// cardOrder, against the bench's soap.listen server started by the parent, in callgrind windows (instructions.ts):
// ours (client.checkout.cardOrder), our transport alone posting the same envelope, and a bare http.request.
// Usage: node scripts/ts-run.js tools/bench/loopback-instructions-child.ts (the parent: starts the server, runs itself
// under callgrind with --child and prints the instructions per call of each side).
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import { ROOT } from './lib';

const BUILT: readonly (readonly [string, string])[] = [
  ['src/runtime/', 'packages/runtime/dist/src/runtime/'],
  ['generated/', 'packages/runtime/dist/generated/'],
  ['src/tools/', 'packages/tools/dist/src/tools/'],
];
const Module = require('node:module') as { _resolveFilename: (request: string, ...rest: unknown[]) => string };
const resolveSource = Module._resolveFilename;
Module._resolveFilename = function resolveToBuild(request: string, ...rest: unknown[]): string {
  const file = resolveSource.call(this, request, ...rest);
  const relative = path.relative(ROOT, file);
  const match = BUILT.find(([source]) => relative.startsWith(source) && relative.endsWith('.ts'));
  return match ? path.join(ROOT, match[1], relative.slice(match[0].length).replace(/\.ts$/, '.js')) : file;
};

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
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
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
    bare: () =>
      new Promise<void>((resolve, reject) => {
        const body = Buffer.from(spec.envelope);
        const request = http.request(
          url,
          { method: 'POST', agent, headers: { ...headers, 'Content-Length': String(body.length) } },
          (response) => {
            response.on('data', () => {});
            response.on('end', () => resolve());
          },
        );
        request.on('error', reject);
        request.end(body);
      }),
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
  agent.destroy();
  console.log(JSON.stringify(names));
}

async function parent(): Promise<void> {
  const { captureFixtures, makeTempDir, writeServerSpec, MERCHANT } = await import('./fixtures');
  const { startChild, BENCH_DIR } = await import('./lib');
  const { countWindows } = await import('./instructions');
  const { createClient } = await import('../../src/runtime');
  const fixtures = await captureFixtures();
  const dir = makeTempDir();
  const server = await startChild(process.execPath, [
    path.join(BENCH_DIR, 'soap-server.js'),
    writeServerSpec(fixtures, dir),
  ]);
  const base = `http://127.0.0.1:${server.ready.port as number}`;
  let envelope = '';
  const recorder = createClient({
    ...MERCHANT,
    environment: base,
    retry: false,
    transport: {
      post: async (o) => (
        (envelope = o.body),
        { status: 200, contentType: 'text/xml', body: fixtures.cardOrder.reply }
      ),
      close() {},
    },
  });
  await recorder.checkout.cardOrder(fixtures.cardOrder.request as never);
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
