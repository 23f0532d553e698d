// postgresJournal against a real PostgreSQL server started here (scripts/pg-test-server.sh; SKIPPED with the reason
// when none can start): the store's contract, claims that never overlap (FOR UPDATE SKIP LOCKED), and processes
// killed mid-payment recovered by two `sogenactif recover` processes at once, each entry looked up exactly once.
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { Pool } from 'pg';
import { createClient, postgresJournal, type JournalEntry, type RecoveryReport } from '../../src/runtime';
import { DEFAULT_MERCHANT, startSimulator, type RunningSimulator } from '../../src/tools/simulator/server';
import {
  APPROVED_CARD,
  lookupsSent,
  payAndKill,
  paymentsSent,
  REFUSED_CARD,
  simulatorVerdict,
  type CrashPoint,
} from './crash-helpers';
import { startTestPostgres } from './pg-server';

const server = startTestPostgres();
if ('skipped' in server) process.stderr.write(`\nSKIPPED PostgreSQL journal tests: ${server.skipped}\n\n`);
const withServer = 'skipped' in server ? test.skip : test;
const url = 'url' in server ? server.url : '';

let pool: Pool;
let simulator: RunningSimulator;
beforeAll(async () => {
  if (!url) return;
  pool = new Pool({ connectionString: url, max: 6 });
  simulator = await startSimulator();
});
afterAll(async () => {
  if (!url) return;
  await pool.end();
  await simulator.close();
  if ('stop' in server) server.stop();
});

const entry = (id: string, over: Partial<JournalEntry> = {}): JournalEntry => {
  const at = new Date().toISOString();
  return {
    id,
    operation: 'checkout.cardOrder',
    category: 'payment',
    merchantId: DEFAULT_MERCHANT.merchantId,
    transactionReference: `REF-${id}`,
    amount: 1000,
    currencyCode: '978',
    request: { amount: '1000', orderId: 'é€' },
    state: 'intent',
    createdAt: at,
    updatedAt: at,
    attempts: 0,
    ...over,
  };
};

withServer(
  'the store: table created (by two instances at once), entries written, read back and filtered; a final state ' +
    'stays final',
  async () => {
    const [a, b] = [
      postgresJournal(pool, { table: 'journal_contract' }),
      postgresJournal(pool, { table: 'journal_contract' }),
    ];
    await Promise.all([
      a.recordIntent(entry('c1')),
      b.recordIntent(entry('c2', { createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z' })),
    ]);
    await a.recordSent('c1', '2026-12-07T10:00:00.000Z');
    await a.update('c1', { state: 'approved', at: '2026-12-07T10:00:01.000Z', outcome: { by: 'reply', code: '00' } });
    await a.update('c1', { state: 'unknown', at: '2026-12-07T10:00:02.000Z' });
    await a.recordSent('c1', '2026-12-07T10:00:03.000Z');
    expect(await b.get('c1')).toEqual({
      ...entry('c1'),
      createdAt: expect.any(String),
      updatedAt: '2026-12-07T10:00:01.000Z',
      state: 'approved',
      sentAt: '2026-12-07T10:00:00.000Z',
      outcome: { by: 'reply', code: '00' },
    });
    expect((await b.list({ open: true })).map((e) => e.id)).toEqual(['c2']);
    expect((await b.list({ since: new Date('2026-06-01') })).map((e) => e.id)).toEqual(['c1']);
    expect((await b.list({ state: ['approved', 'intent'] })).map((e) => e.id)).toEqual(['c2', 'c1']);
    expect((await b.list({ transactionReference: 'REF-c2' })).map((e) => e.id)).toEqual(['c2']);
    await expect(a.recordIntent(entry('c1'))).rejects.toMatchObject({
      name: 'JournalError',
      reason: 'write-failed',
      nothingSent: true,
    });
    await a.close();
    await expect(a.recordIntent(entry('c3'))).rejects.toMatchObject({ reason: 'closed' });
  },
);

withServer(
  'instances creating the table at the same moment all succeed (the catalogue race of CREATE TABLE IF NOT ' + 'EXISTS)',
  async () => {
    for (let round = 0; round < 5; round++) {
      const table = `journal_race_${round}`;
      const journals = Array.from({ length: 6 }, () => postgresJournal(pool, { table }));
      await Promise.all(journals.map((j, i) => j.recordIntent(entry(`race${round}-${i}`))));
      expect(await journals[0]!.list()).toHaveLength(6);
    }
  },
);

withServer(
  'claims by concurrent recoverers never overlap (SKIP LOCKED) and a lease keeps a claimed entry out',
  async () => {
    const table = 'journal_claims';
    const writer = postgresJournal(pool, { table });
    for (let i = 0; i < 60; i++) await writer.recordIntent(entry(`k${String(i).padStart(2, '0')}`));
    const pools = [
      new Pool({ connectionString: url, max: 2 }),
      new Pool({ connectionString: url, max: 2 }),
      new Pool({ connectionString: url, max: 2 }),
    ];
    try {
      const now = new Date();
      const claimers = pools.map((p) => postgresJournal(p, { table }));
      const seen: string[][] = [[], [], []];
      for (let round = 0; round < 8; round++) {
        const claims = await Promise.all(
          claimers.map((c, i) =>
            c.claimDue({ merchantId: DEFAULT_MERCHANT.merchantId, now, limit: 4, leaseMs: 60_000, owner: `r${i}` }),
          ),
        );
        claims.forEach((claimed, i) => seen[i]!.push(...claimed.map((e) => e.id)));
      }
      const all = seen.flat();
      expect(new Set(all).size).toBe(all.length);
      expect(all.length).toBe(60);
      // Every one claimed and leased: nothing is due until the lease ends, then everything is again.
      expect(
        await claimers[0]!.claimDue({
          merchantId: DEFAULT_MERCHANT.merchantId,
          now,
          limit: 100,
          leaseMs: 60_000,
          owner: 'late',
        }),
      ).toHaveLength(0);
      expect(
        await claimers[0]!.claimDue({
          merchantId: DEFAULT_MERCHANT.merchantId,
          now: new Date(now.getTime() + 61_000),
          limit: 100,
          leaseMs: 60_000,
          owner: 'late',
        }),
      ).toHaveLength(60);
    } finally {
      await Promise.all(pools.map((p) => p.end()));
    }
  },
);

const cli = path.resolve('src/tools/cli/main.ts');
const tsRun = path.resolve('scripts/ts-run.js');

/** `sogenactif recover --postgres URL --json` in its own process. */
function recoverProcess(): Promise<{ code: number | null; report: RecoveryReport }> {
  const env = {
    ...process.env,
    SOGENACTIF_MERCHANT_ID: DEFAULT_MERCHANT.merchantId,
    SOGENACTIF_SECRET_KEY: DEFAULT_MERCHANT.secretKey,
    SOGENACTIF_KEY_VERSION: '1',
    SOGENACTIF_ENV: simulator.url,
  };
  const proc = spawn(
    process.execPath,
    [tsRun, cli, 'recover', '--postgres', url, '--grace-ms', '2000', '--batch-size', '3', '--json'],
    { env, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let out = '';
  proc.stdout.on('data', (data: Buffer) => {
    out += data.toString();
  });
  return new Promise((resolve, reject) =>
    proc.once('exit', (code) => {
      try {
        resolve({ code, report: JSON.parse(out) as RecoveryReport });
      } catch {
        reject(new Error(`recover printed no JSON (exit ${code}): ${out}`));
      }
    }),
  );
}

/** A recovering process (recover-child.ts): resolves with its report once it was told to go and finished. */
function recoveringProcess(): { ready: Promise<void>; go: () => void; done: Promise<RecoveryReport> } {
  const proc = spawn(
    process.execPath,
    [tsRun, path.resolve('test/journal/recover-child.ts'), simulator.url, url, '2000'],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  );
  let out = '';
  let signalReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => {
    signalReady = resolve;
  });
  proc.stdout.on('data', (data: Buffer) => {
    out += data.toString();
    if (out.startsWith('ready\n')) signalReady();
  });
  const done = new Promise<RecoveryReport>((resolve, reject) =>
    proc.once('exit', () => {
      try {
        resolve(JSON.parse(out.slice('ready\n'.length)) as RecoveryReport);
      } catch {
        reject(new Error(`the recovering process printed no report: ${out}`));
      }
    }),
  );
  return { ready, go: () => proc.stdin.end('go\n'), done };
}

withServer(
  "processes killed mid-payment are recovered by two recovering processes at once: the simulator's verdicts, " +
    'each entry looked up once, nothing resent',
  async () => {
    const crashes: [CrashPoint, string][] = [
      ['after-intent', APPROVED_CARD],
      ['after-send', APPROVED_CARD],
      ['after-send', REFUSED_CARD],
      ['after-reply', APPROVED_CARD],
      ['after-reply', REFUSED_CARD],
    ];
    const references: string[] = [];
    for (const [point, card] of crashes) {
      const reference =
        `PG${point.replace(/-/g, '').toUpperCase()}${card.slice(-4)}` +
        `${point === 'after-send' ? 'FAULT_SLOW_8000' : ''}`;
      await payAndKill(simulator, `postgres:${url}`, point, reference, card);
      references.push(reference);
    }
    // More volume, as a fleet of instances killed at once would leave: payments that went through, journaled as sent.
    const journal = postgresJournal(pool);
    const client = createClient({ ...DEFAULT_MERCHANT, environment: simulator.url });
    for (let i = 0; i < 24; i++) {
      const reference = `PGFLEET${i}`;
      await client.checkout
        .cardOrder({
          amount: 1000,
          currencyCode: '978',
          cardNumber: i % 3 === 0 ? REFUSED_CARD : APPROVED_CARD,
          cardExpiryDate: '203012',
          orderChannel: 'INTERNET',
          transactionReference: reference,
        })
        .catch(() => undefined);
      await journal.recordIntent(entry(`fleet${i}`, { transactionReference: reference, state: 'intent' }));
      await journal.recordSent(`fleet${i}`, new Date().toISOString());
      references.push(reference);
    }
    client.close();
    const open = await journal.list({ open: true });
    expect(open.map((e) => e.transactionReference).sort()).toEqual([...references].sort());
    // The grace period (2 s) of the intent that was never sent has passed by now.
    await new Promise((resolve) =>
      setTimeout(resolve, Math.max(0, Date.parse(open[0]!.createdAt) + 2100 - Date.now())),
    );

    // Two recovering processes, told to start at the same moment.
    const recoverers = [recoveringProcess(), recoveringProcess()];
    await Promise.all(recoverers.map((r) => r.ready));
    for (const r of recoverers) r.go();
    const [first, second] = await Promise.all(recoverers.map((r) => r.done));
    const ids = [...first!.entries, ...second!.entries].map((r) => r.entry.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBe(references.length);
    expect(first!.entries.length).toBeGreaterThan(0);
    expect(second!.entries.length).toBeGreaterThan(0);

    for (const reference of references) {
      const [settled] = await journal.list({ transactionReference: reference });
      expect([reference, settled!.state]).toEqual([reference, simulatorVerdict(simulator, reference)]);
      expect([reference, lookupsSent(simulator, reference)]).toEqual([reference, 1]);
      expect(paymentsSent(simulator, reference)).toBe(reference.startsWith('PGAFTERINTENT') ? 0 : 1);
    }
    // Nothing left: `sogenactif recover --postgres` finds every entry final and exits 0.
    const third = await recoverProcess();
    expect(third.code).toBe(0);
    expect(third.report).toMatchObject({ entries: [], open: 0, allFinal: true });
  },
  240_000,
); // eight child processes, each compiling the sources on start: slow on a busy machine
