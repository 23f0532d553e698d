// Two gateway instances on one PostgreSQL journal (issue 22, item 5): instance A, a `sogenactif-gateway` process,
// is killed with SIGKILL while a payment it journaled is in flight; instance B, started on the same journal,
// recovers it by lookup: the verdict is the simulator's own, and the payment was performed once.
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Pool } from 'pg';
import { postgresJournal } from '../../src/runtime';
import { startGateway } from '../../src/runtime/gateway';
import { DEFAULT_MERCHANT, startSimulator, type RunningSimulator } from '../../src/tools/simulator';
import { paymentsSent, simulatorVerdict } from '../journal/crash-helpers';
import { startTestPostgres } from '../journal/pg-server';

const server = startTestPostgres();
if ('skipped' in server) process.stderr.write(`\nSKIPPED gateway shared-journal test: ${server.skipped}\n\n`);
const withServer = 'skipped' in server ? test.skip : test;
const url = 'url' in server ? server.url : '';

let simulator: RunningSimulator;
let pool: Pool;
let child: ChildProcess | undefined;
beforeAll(async () => {
  if (!url) return;
  simulator = await startSimulator();
  pool = new Pool({ connectionString: url, max: 4 });
});
afterAll(async () => {
  child?.kill('SIGKILL');
  if (!url) return;
  await pool.end();
  await simulator.close();
  if ('stop' in server) server.stop();
});

/** Starts gateway A as its own process (the bin, from source) on the shared journal; resolves with its URL. */
function startInstanceA(keysFile: string): Promise<string> {
  const env = { ...process.env, GATEWAY_TEST_KEY: DEFAULT_MERCHANT.secretKey };
  child = spawn(
    process.execPath,
    [
      'scripts/ts-run.js',
      'src/runtime/gateway/bin.ts',
      '--upstream',
      simulator.url,
      '--keys',
      keysFile,
      '--port',
      '0',
      '--postgres',
      url,
    ],
    { env, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  return new Promise((resolve, reject) => {
    let err = '';
    child!.stderr!.on('data', (chunk: Buffer) => {
      err += chunk.toString();
      const listening = /"event":"listening","url":"([^"]+)"/.exec(err);
      if (listening) resolve(listening[1]!);
    });
    child!.once('exit', (code) => reject(new Error(`gateway A exited ${code}: ${err}`)));
  });
}

withServer(
  'instance A killed mid-payment: instance B on the same PostgreSQL journal recovers it, performed once',
  async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gateway-shared-'));
    const keysFile = path.join(dir, 'keys.json');
    fs.writeFileSync(
      keysFile,
      JSON.stringify({
        merchants: [
          {
            merchantId: DEFAULT_MERCHANT.merchantId,
            keys: [{ version: DEFAULT_MERCHANT.keyVersion, secretEnv: 'GATEWAY_TEST_KEY' }],
          },
        ],
      }),
    );
    const aUrl = await startInstanceA(keysFile);
    const reference = `GWSHARED${Date.now()}`;
    // The simulator holds the reply 5 s after doing the work: A dies with the payment journaled as sent, reply unread.
    const order = {
      amount: 2500,
      currencyCode: '978',
      cardNumber: '4200000000000000',
      cardExpiryDate: '203012',
      orderChannel: 'INTERNET',
      transactionReference: reference,
      orderId: 'FAULT_SLOW_5000',
    };
    const pending = fetch(`${aUrl}/rs-services/v2/checkout/cardOrder`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(order),
    }).catch(() => 'connection lost');
    const journal = postgresJournal(pool);
    for (let i = 0; i < 200; i++) {
      const [entry] = await journal.list({ transactionReference: reference });
      if (entry?.state === 'sent' && paymentsSent(simulator, reference) === 1) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect((await journal.list({ transactionReference: reference })).map((e) => e.state)).toEqual(['sent']);
    child!.kill('SIGKILL');
    expect(await pending).toBe('connection lost');

    const b = await startGateway({
      upstream: simulator.url,
      merchants: [
        {
          merchantId: DEFAULT_MERCHANT.merchantId,
          keys: [{ version: DEFAULT_MERCHANT.keyVersion, secret: DEFAULT_MERCHANT.secretKey }],
        },
      ],
      port: 0,
      journal,
      recoverEveryMs: 0,
      log: () => undefined,
    });
    try {
      // B's start-up recovery may still be inside the simulator's slow reply window: recover until the entry is final.
      let state = '';
      for (let i = 0; i < 20 && !['approved', 'refused', 'never-performed', 'needs-review'].includes(state); i++) {
        await b.recover();
        state = (await journal.list({ transactionReference: reference }))[0]!.state;
        if (state === 'sent' || state === 'unknown') await new Promise((resolve) => setTimeout(resolve, 500));
      }
      expect(state).toBe('approved');
      expect(simulatorVerdict(simulator, reference)).toBe('approved');
      expect(paymentsSent(simulator, reference)).toBe(1);
    } finally {
      await b.close();
    }
  },
  60_000,
);
