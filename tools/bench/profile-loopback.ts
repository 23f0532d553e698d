// Profiling aid (not part of make bench): sequential loopback calls against the bench's soap.listen server,
// split into ours, our transport alone (fixed envelope) and a bare http.request, with client CPU per call.
// Usage: node [--cpu-prof] scripts/ts-run.js tools/bench/profile-loopback.ts [ours|transport|bare|all] [calls]
import * as path from 'node:path';
import { createClient } from '../../src/runtime';
import { createHttpTransport } from '../../src/runtime/transport';
import { captureFixtures, cardOrderEnvelope, makeTempDir, MERCHANT, stampedReplies, writeServerSpec } from './fixtures';
import { bareCall, BENCH_DIR, startChild } from './lib';

void (async () => {
  const which = process.argv[2] ?? 'all';
  const calls = Number(process.argv[3] ?? 3000);
  const fixtures = await captureFixtures();
  const server = await startChild(process.execPath, [
    path.join(BENCH_DIR, 'soap-server.js'),
    writeServerSpec(fixtures, makeTempDir()),
  ]);
  const base = `http://127.0.0.1:${server.ready.port as number}`;
  const url = `${base}/services/v2/checkout`;
  const client = createClient({ ...MERCHANT, environment: base, retry: false });
  const envelope = await cardOrderEnvelope(fixtures);
  const transport = createHttpTransport();
  const headers = { 'Content-Type': 'text/xml; charset=utf-8', SOAPAction: '""', Accept: 'text/xml' };
  // A stamped reply is accepted once per client (issue 19): the offline client answers each call with its own copy.
  const copies = stampedReplies(fixtures.cardOrder.reply, 'soap', calls + 600);
  let turn = 0;
  const offline = createClient({
    ...MERCHANT,
    environment: base,
    retry: false,
    transport: {
      post: async () => ({ status: 200, contentType: 'text/xml', body: copies[turn++ % copies.length]! }),
      close() {},
    },
  });
  const sides: Record<string, () => Promise<unknown>> = {
    ours: () => client.checkout.cardOrder(fixtures.cardOrder.request as never),
    transport: () =>
      transport.post({ url, body: envelope, headers, timeoutMs: 30_000, maxResponseBytes: 4 << 20, operation: 'x' }),
    // The transport after as much busy CPU as our SOAP work takes (~40 µs): is the gap scheduling, not code?
    // The transport after the same SOAP work done offline (stub transport): the SOAP code run between I/O.
    'transport+soap': async () => {
      await offline.checkout.cardOrder(fixtures.cardOrder.request as never);
      return transport.post({
        url,
        body: envelope,
        headers,
        timeoutMs: 30_000,
        maxResponseBytes: 4 << 20,
        operation: 'x',
      });
    },
    'transport+spin': () => {
      const until = performance.now() + 0.04;
      while (performance.now() < until);
      return transport.post({
        url,
        body: envelope,
        headers,
        timeoutMs: 30_000,
        maxResponseBytes: 4 << 20,
        operation: 'x',
      });
    },
    // The loopback rows' floor (lib.ts bareCall), with its own keep-alive agent.
    bare: bareCall(url, envelope),
  };
  for (const [name, call] of Object.entries(sides)) {
    if (which !== 'all' && which !== name) continue;
    for (let i = 0; i < 500; i++) await call();
    const cpu = process.cpuUsage();
    const t = performance.now();
    for (let i = 0; i < calls; i++) await call();
    const used = process.cpuUsage(cpu);
    process.stdout.write(
      `${name}: ${(((performance.now() - t) * 1000) / calls).toFixed(0)} µs wall, ` +
        `${((used.user + used.system) / calls).toFixed(0)} µs CPU per call\n`,
    );
  }
  client.close();
  transport.close();
  await server.stop();
})();
