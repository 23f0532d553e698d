// `sogenactif recover` and `sogenactif journal list|show|reconcile` through a fresh createProgram(): tables, --json,
// exit 0 when every entry is final and 4 when some remain unknown, a locked journal refused.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { run } from '../../src/tools/cli/program';
import { createClient, fileJournal, type JournalEntry } from '../../src/runtime';
import { DEFAULT_MERCHANT, startSimulator, type RunningSimulator } from '../../src/tools/simulator/server';
import { captureIo } from '../support/cli-io';

let simulator: RunningSimulator;
let dir: string;
let file: string;
let env: Record<string, string>;
const since = new Date(Date.now() - 3600_000).toISOString();

const entry = (id: string, reference: string, state: JournalEntry['state'], ageMs: number): JournalEntry => {
  const at = new Date(Date.now() - ageMs).toISOString();
  return {
    id,
    operation: 'checkout.cardOrder',
    category: 'payment',
    merchantId: DEFAULT_MERCHANT.merchantId,
    transactionReference: reference,
    amount: 1500,
    currencyCode: '978',
    request: { amount: '1500' },
    state,
    createdAt: at,
    updatedAt: at,
    attempts: 0,
  };
};

beforeAll(async () => {
  simulator = await startSimulator();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'journal-cli-'));
  file = path.join(dir, 'journal.jsonl');
  env = {
    SOGENACTIF_MERCHANT_ID: DEFAULT_MERCHANT.merchantId,
    SOGENACTIF_SECRET_KEY: DEFAULT_MERCHANT.secretKey,
    SOGENACTIF_KEY_VERSION: '1',
    SOGENACTIF_ENV: simulator.url,
  };
  // What a crashed process left: a payment that went through (sent), an intent never sent 20 minutes ago, a fresh one.
  const client = createClient({ ...DEFAULT_MERCHANT, environment: simulator.url });
  await client.checkout.cardOrder({
    amount: 1500,
    currencyCode: '978',
    cardNumber: '4200000000000000',
    cardExpiryDate: '203012',
    orderChannel: 'INTERNET',
    transactionReference: 'JCLI-PAID',
  });
  client.close();
  const journal = fileJournal(file);
  await journal.recordIntent(entry('paid', 'JCLI-PAID', 'intent', 1000));
  await journal.recordSent('paid', new Date().toISOString());
  await journal.recordIntent(entry('never', 'JCLI-NEVER', 'intent', 20 * 60_000));
  await journal.recordIntent(entry('young', 'JCLI-YOUNG', 'intent', 0));
  await journal.close();
});
afterAll(async () => {
  await simulator.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

test('recover settles what it can, prints a table and exits 4 while an entry remains unknown', async () => {
  const io = captureIo(env);
  expect(await run(['recover', '--journal', file, '--grace-ms', '600000'], io)).toBe(4);
  expect(io.out).toMatch(/^reference\s+operation\s+was\s+now\s+reason/);
  expect(io.out).toMatch(/JCLI-PAID\s+checkout\.cardOrder\s+sent\s+approved/);
  expect(io.out).toMatch(/JCLI-NEVER\s+checkout\.cardOrder\s+intent\s+never-performed/);
  expect(io.out).toMatch(/JCLI-YOUNG\s+checkout\.cardOrder\s+intent\s+unknown/);
  expect(io.out).toMatch(/3 looked up, 2 settled, 1 still open/);
  // Nothing is due again yet: --json says so, and the exit code still says an entry is open.
  const again = captureIo(env);
  expect(await run(['recover', '--journal', file, '--grace-ms', '600000', '--json'], again)).toBe(4);
  expect(JSON.parse(again.out)).toMatchObject({ entries: [], settled: 0, open: 1, allFinal: false });
  expect(
    simulator.exchanges().filter((e) => e.operation === 'cardOrder' && e.request.transactionReference === 'JCLI-PAID'),
  ).toHaveLength(1);
});

test('journal list filters by state, reference and date; show prints one entry', async () => {
  const io = captureIo(env);
  expect(
    await run(
      ['journal', 'list', '--journal', file, '--state', 'approved', '--state', 'never-performed', '--json'],
      io,
    ),
  ).toBe(0);
  expect((JSON.parse(io.out) as JournalEntry[]).map((e) => [e.transactionReference, e.state])).toEqual([
    ['JCLI-NEVER', 'never-performed'],
    ['JCLI-PAID', 'approved'],
  ]);
  const table = captureIo(env);
  expect(await run(['journal', 'list', '--journal', file, '--open', '--since', since], table)).toBe(0);
  expect(table.out).toMatch(/JCLI-YOUNG/);
  expect(table.out).not.toMatch(/JCLI-PAID/);
  expect(table.out).toMatch(/1 entries, 1 open/);
  const shown = captureIo(env);
  expect(await run(['journal', 'show', '--journal', file, 'JCLI-PAID'], shown)).toBe(0);
  expect(JSON.parse(shown.out)).toEqual([
    expect.objectContaining({
      id: 'paid',
      state: 'approved',
      outcome: expect.objectContaining({ by: 'recovery', transactionStatus: 'TO_CAPTURE' }),
    }),
  ]);
  const missing = captureIo(env);
  expect(await run(['journal', 'show', '--journal', file, 'NOPE'], missing)).toBe(1);
  expect(missing.err).toMatch(/no journal entry with id or reference NOPE/);
  const bad = captureIo(env);
  expect(await run(['journal', 'list', '--journal', file, '--state', 'paid'], bad)).toBe(2);
});

test('journal reconcile compares with the gateway: a table, and exit 0 without mismatch', async () => {
  const io = captureIo(env);
  expect(await run(['journal', 'reconcile', '--journal', file, '--since', since], io)).toBe(0);
  expect(io.out).toMatch(/JCLI-PAID\s+checkout\.cardOrder\s+approved\s+TO_CAPTURE\s+1500\s+1500\s+AUTHOR\s+match/);
  expect(io.out).toMatch(/JCLI-NEVER\s+checkout\.cardOrder\s+never-performed\s+not found.*match/);
  expect(io.out).toMatch(/3 entries, 0 mismatches, 1 unresolved/);
});

test('recover refuses a journal file another writer holds, and a missing store', async () => {
  const holder = fileJournal(file);
  try {
    const io = captureIo(env);
    expect(await run(['recover', '--journal', file], io)).toBe(1);
    expect(JSON.parse(io.err)).toMatchObject({ error: 'JournalError', reason: 'locked' });
  } finally {
    await holder.close();
  }
  const none = captureIo(env);
  expect(await run(['recover'], none)).toBe(2);
  expect(none.err).toMatch(/--journal PATH or --postgres URL/);
});
