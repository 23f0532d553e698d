// The journaled client against the simulator: what each call records (approved, refused, a cash operation, a lost
// reply resolved by the lookup), no secret in the file, a journal that cannot write stops the call before sending,
// and reconcile's two money mismatches.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  createClient,
  DeclinedError,
  fileJournal,
  JournalError,
  OutcomeUnknownError,
  type FileJournal,
  type JournalEntry,
  type PaymentJournal,
} from '../../src/runtime';
import { DEFAULT_MERCHANT, startSimulator, type RunningSimulator } from '../../src/tools/simulator/server';

let simulator: RunningSimulator;
let dir: string;
let journal: FileJournal;
let file: string;
beforeAll(async () => {
  simulator = await startSimulator();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'journal-client-'));
});
beforeEach(() => {
  file = path.join(dir, `${expect.getState().currentTestName!.replace(/\W+/g, '-').slice(0, 60)}.jsonl`);
  journal = fileJournal(file);
});
afterEach(() => journal.close());
afterAll(async () => {
  await simulator.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const card = (cardNumber: string, transactionReference: string, extra: Record<string, unknown> = {}) => ({
  amount: 1250,
  currencyCode: '978',
  cardNumber,
  cardExpiryDate: '203012',
  cardCSCValue: '987',
  orderChannel: 'INTERNET' as const,
  transactionReference,
  ...extra,
});

test('payments, refusals and cash operations are journaled with their outcome, and no secret is written', async () => {
  const client = createClient({ ...DEFAULT_MERCHANT, environment: simulator.url, journal });
  try {
    await client.checkout.cardOrder(card('4200000000000000', 'JCLIENT1'));
    await expect(client.checkout.cardOrder(card('4100000000000514', 'JCLIENT2'))).rejects.toThrow(DeclinedError);
    await client.cashManagement.cancel({
      transactionReference: 'JCLIENT1',
      operationAmount: 250,
      currencyCode: '978',
      operationOrigin: 'BATCH',
    });
    await client.diagnostic.getTransactionData({ transactionReference: 'JCLIENT1' }); // a read: not journaled
  } finally {
    client.close();
  }
  await journal.close();
  const entries = await fileJournal(file, { readOnly: true }).list();
  expect(entries.map((e) => [e.operation, e.transactionReference, e.amount, e.state, e.outcome?.code])).toEqual([
    ['checkout.cardOrder', 'JCLIENT1', 1250, 'approved', '00'],
    ['checkout.cardOrder', 'JCLIENT2', 1250, 'refused', '05'],
    ['cashManagement.cancel', 'JCLIENT1', 250, 'approved', '00'],
  ]);
  expect(entries[1]!.outcome).toMatchObject({ by: 'reply', error: 'DeclinedError', acquirerResponseCode: '51' });
  expect(entries[0]!.request).toMatchObject({
    amount: '1250',
    orderChannel: 'INTERNET',
    merchantId: DEFAULT_MERCHANT.merchantId,
  });
  expect(entries[0]!.request).not.toHaveProperty('cardNumber');
  expect(entries[0]!.request).not.toHaveProperty('cardCSCValue');
  expect(entries[0]!.request).not.toHaveProperty('seal');
  const text = fs.readFileSync(file, 'utf8');
  for (const secret of ['4200000000000000', '4100000000000514', '"987"', 'cardCSCValue', DEFAULT_MERCHANT.secretKey])
    expect(text).not.toContain(secret);
});

test('a lost reply is journaled with what the client lookup found', async () => {
  const client = createClient({ ...DEFAULT_MERCHANT, environment: simulator.url, journal });
  try {
    await expect(client.checkout.cardOrder(card('4200000000000000', 'JLOST-FAULT_DROP'))).rejects.toThrow(
      OutcomeUnknownError,
    );
  } finally {
    client.close();
  }
  await journal.close();
  const [entry] = await fileJournal(file, { readOnly: true }).list();
  expect(entry).toMatchObject({
    state: 'approved',
    outcome: { by: 'lookup', error: 'OutcomeUnknownError', transactionStatus: 'TO_CAPTURE' },
  });
});

test('a journal that cannot make the intent durable stops the call: JournalError, nothing sent', async () => {
  const broken: PaymentJournal = {
    recordIntent: () => Promise.reject(Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' })),
    recordSent: () => Promise.resolve(),
    update: () => Promise.resolve(),
    claimDue: () => Promise.resolve([]),
    list: () => Promise.resolve([]),
    get: () => Promise.resolve(undefined),
    close: () => Promise.resolve(),
  };
  const client = createClient({ ...DEFAULT_MERCHANT, environment: simulator.url, journal: broken });
  const before = simulator.exchanges().length;
  try {
    const error = await client.checkout.cardOrder(card('4200000000000000', 'JBROKEN1')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(JournalError);
    expect(error).toMatchObject({
      kind: 'journal',
      reason: 'write-failed',
      nothingSent: true,
      message: expect.stringMatching(/ENOSPC.*nothing was sent/),
    });
    expect(JSON.stringify(error)).not.toContain('4200000000000000');
  } finally {
    client.close();
  }
  expect(simulator.exchanges().length).toBe(before);
  expect([...simulator.state.transactions.values()].some((t) => t.transactionReference === 'JBROKEN1')).toBe(false);
});

test('a hanging journal (a pool never answering) ends the call at its deadline: JournalError, none sent', async () => {
  const hung: PaymentJournal = {
    recordIntent: () => new Promise<void>(() => undefined),
    recordSent: () => Promise.resolve(),
    update: () => Promise.resolve(),
    claimDue: () => Promise.resolve([]),
    list: () => Promise.resolve([]),
    get: () => Promise.resolve(undefined),
    close: () => Promise.resolve(),
  };
  const client = createClient({ ...DEFAULT_MERCHANT, environment: simulator.url, journal: hung, timeoutMs: 300 });
  const before = simulator.exchanges().length;
  try {
    const error = await client.checkout.cardOrder(card('4200000000000000', 'JHUNG1')).catch((e: unknown) => e);
    expect(error).toMatchObject({
      kind: 'journal',
      reason: 'write-failed',
      nothingSent: true,
      message: expect.stringMatching(/within the call's deadline; nothing was sent/),
    });
  } finally {
    client.close();
  }
  expect(simulator.exchanges().length).toBe(before);
});

test('a closed file journal refuses the next intent, and nothing is sent', async () => {
  const client = createClient({ ...DEFAULT_MERCHANT, environment: simulator.url, journal });
  await journal.close();
  const before = simulator.exchanges().length;
  try {
    await expect(client.checkout.cardOrder(card('4200000000000000', 'JCLOSED1'))).rejects.toMatchObject({
      name: 'JournalError',
      reason: 'closed',
    });
  } finally {
    client.close();
  }
  expect(simulator.exchanges().length).toBe(before);
});

test('createClient refuses a journal that is not a PaymentJournal, naming the field', () => {
  expect(() =>
    createClient({ ...DEFAULT_MERCHANT, environment: simulator.url, journal: {} as PaymentJournal }),
  ).toThrow(/journal must be a PaymentJournal/);
});

test('recover and reconcile need a journal', async () => {
  const client = createClient({ ...DEFAULT_MERCHANT, environment: simulator.url });
  // Both return promises: the refusal is a rejection, never a synchronous throw.
  await expect(client.recover()).rejects.toThrow(/recover needs a journal/);
  await expect(client.reconcile({ since: new Date(0) })).rejects.toThrow(/reconcile needs a journal/);
  client.close();
});

test('reconcile reports charged-but-not-recorded and recorded-but-not-charged', async () => {
  const since = new Date(Date.now() - 1000);
  const client = createClient({ ...DEFAULT_MERCHANT, environment: simulator.url, journal });
  try {
    await client.checkout.cardOrder(card('4200000000000000', 'JREC-OK'));
    await client.checkout.cardOrder(card('4200000000000000', 'JREC-LOST'));
    // The order system lost track: the journal says refused where the gateway charged the card.
    const lost = (await journal.list({ transactionReference: 'JREC-LOST' }))[0]!;
    await journal.update(lost.id, { state: 'refused', at: new Date().toISOString() });
    // The journal says approved, the gateway never saw the reference.
    const at = new Date().toISOString();
    const ghost: JournalEntry = {
      id: 'ghost',
      operation: 'checkout.cardOrder',
      category: 'payment',
      merchantId: DEFAULT_MERCHANT.merchantId,
      transactionReference: 'JREC-GHOST',
      amount: 1250,
      currencyCode: '978',
      request: {},
      state: 'intent',
      createdAt: at,
      updatedAt: at,
      attempts: 0,
    };
    await journal.recordIntent(ghost);
    await journal.update('ghost', { state: 'approved', at });
    const report = await client.reconcile({ since });
    const verdicts = Object.fromEntries(report.rows.map((row) => [row.transactionReference, row.verdict]));
    expect(verdicts).toEqual({
      'JREC-OK': 'match',
      'JREC-LOST': 'charged-not-recorded',
      'JREC-GHOST': 'recorded-not-charged',
    });
    expect(report.mismatches).toBe(2);
    expect(report.rows.find((row) => row.transactionReference === 'JREC-OK')).toMatchObject({
      gatewayStatus: 'TO_CAPTURE',
      originAmount: 1250,
      lastOperationName: 'AUTHOR',
    });
  } finally {
    client.close();
  }
});
