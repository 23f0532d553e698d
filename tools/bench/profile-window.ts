// Profiling aid (not part of make bench): cardOrders through createClient with a stub transport answering fresh
// stamped copies, CPU µs per call (median of 3 rounds) after a warm-up, and with PROF=FILE a CPU profile of the
// measured window only (inspector session; compilation and fixtures left out). ROOT (default: this repository)
// may be another checkout of the project, for A/B runs in alternating processes.
// Usage: [W=2000] [M=6000] [PROF=out.cpuprofile] node scripts/ts-run.js tools/bench/profile-window.ts [ROOT]
import * as inspector from 'node:inspector';
import * as path from 'node:path';

const root = path.resolve(process.argv[2] ?? path.join(__dirname, '../..'));
const { createClient } = require(path.join(root, 'src/runtime')) as typeof import('../../src/runtime');
const { captureFixtures, CARD_ORDER_REQUEST, MERCHANT, stampedReplies } = require(
  path.join(root, 'tools/bench/fixtures'),
) as typeof import('./fixtures');
const W = Number(process.env.W ?? 2000);
const M = Number(process.env.M ?? 6000);

void (async () => {
  const fixtures = await captureFixtures();
  const replies = stampedReplies(fixtures.cardOrder.reply, 'soap', W + M + 16);
  let turn = 0;
  const transport = {
    post: () => Promise.resolve({ status: 200, contentType: 'text/xml; charset=utf-8', body: replies[turn++]! }),
    close() {},
  };
  const client = createClient({ ...MERCHANT, environment: 'http://127.0.0.1:9', transport, retry: false });
  for (let i = 0; i < W; i++) await client.checkout.cardOrder(CARD_ORDER_REQUEST as never);
  const session = process.env.PROF ? new inspector.Session() : undefined;
  const post = (method: string, params: object = {}): Promise<unknown> =>
    new Promise((resolve, reject) =>
      session!.post(method, params, (error, result) => (error ? reject(error) : resolve(result))),
    );
  if (session) {
    session.connect();
    await post('Profiler.enable');
    await post('Profiler.setSamplingInterval', { interval: 50 });
    await post('Profiler.start');
  }
  const rounds: number[] = [];
  for (let r = 0; r < 3; r++) {
    const cpu = process.cpuUsage();
    for (let i = 0; i < M / 3; i++) await client.checkout.cardOrder(CARD_ORDER_REQUEST as never);
    const used = process.cpuUsage(cpu);
    rounds.push((used.user + used.system) / (M / 3));
  }
  if (session)
    require('node:fs').writeFileSync(
      process.env.PROF!,
      JSON.stringify(((await post('Profiler.stop')) as { profile: unknown }).profile),
    );
  process.stdout.write(
    `${rounds.sort((a, b) => a - b)[1]!.toFixed(1)} µs CPU per cardOrder (median of 3 rounds of ${M / 3})\n`,
  );
  client.close();
})();
