// Child process of the crash tests: pays once through a journaled client and, at the point named by the test-only
// environment variable JOURNAL_CRASH_POINT, prints "paused" and waits to be killed with SIGKILL:
// after-intent (intent durable, nothing sent), after-reply (verified reply in hand, outcome not recorded); for the
// point after sending, the test uses a FAULT_SLOW reference and kills the child once the simulator holds the payment.
// Usage: crash-child.ts SIMULATOR_URL (file:PATH | postgres:URL) REFERENCE CARD_NUMBER
import { Pool } from 'pg';
import { createClient, fileJournal, postgresJournal, type PaymentJournal } from '../../src/runtime';

const [url, store, reference, cardNumber] = process.argv.slice(2) as [string, string, string, string];
const point = process.env.JOURNAL_CRASH_POINT;

const pause = (): Promise<never> => {
  process.stdout.write('paused\n');
  return new Promise<never>(() => setInterval(() => undefined, 1000));
};

const inner: PaymentJournal = store.startsWith('file:')
  ? fileJournal(store.slice(5))
  : postgresJournal(new Pool({ connectionString: store.slice(9), max: 2 }));
const journal: PaymentJournal = {
  ...inner,
  recordIntent: async (entry) => {
    await inner.recordIntent(entry);
    if (point === 'after-intent') await pause();
  },
  recordSent: (id, at) => inner.recordSent(id, at),
  update: async (id, change) => {
    if (point === 'after-reply') await pause();
    return inner.update(id, change);
  },
  claimDue: (options) => inner.claimDue(options),
  list: (filter) => inner.list(filter),
  get: (id) => inner.get(id),
  close: () => inner.close(),
};

const client = createClient({
  merchantId: '002001000000001',
  secretKey: '002001000000001_KEY1',
  keyVersion: 1,
  environment: url,
  journal,
  timeoutMs: 60_000,
});
client.checkout
  .cardOrder({
    amount: 2500,
    currencyCode: '978',
    cardNumber,
    cardExpiryDate: '203012',
    cardCSCValue: '987',
    orderChannel: 'INTERNET',
    transactionReference: reference,
  })
  .then(
    (reply) => process.stdout.write(`done ${reply.responseCode}\n`),
    (error: Error) => process.stdout.write(`failed ${error.name}\n`),
  );
