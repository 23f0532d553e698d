// Load: concurrent workers run whole payment lifecycles on the simulator, each keeping its own books;
// afterwards every transaction's amount and status is checked against what the gateway reports.
import { createClient } from '../../src/runtime';
import { startSimulator, DEFAULT_MERCHANT, type RunningSimulator } from '../../src/tools/simulator/server';

const WORKERS = 8;
const LIFECYCLES = 60;

let simulator: RunningSimulator;
beforeAll(async () => {
  simulator = await startSimulator();
});
afterAll(async () => simulator.close());

interface Expected {
  amount: number;
  current: number;
  captured: number;
  refunded: number;
  status: string;
}

test(`${WORKERS} workers x ${LIFECYCLES} payment lifecycles keep every amount right`, async () => {
  const client = createClient({ ...DEFAULT_MERCHANT, environment: simulator.url, retry: false });
  const books = new Map<string, Expected>();
  let calls = 0;
  const started = performance.now();
  const latencies: number[] = [];
  const timed = async <T>(promise: Promise<T>): Promise<T> => {
    const t0 = performance.now();
    try {
      return await promise;
    } finally {
      latencies.push(performance.now() - t0);
      calls++;
    }
  };
  const worker = async (w: number): Promise<void> => {
    for (let i = 0; i < LIFECYCLES; i++) {
      const reference = `LOAD-W${w}-${i}`;
      const amount = 500 + ((w * 7919 + i * 104729) % 20000);
      const validation = i % 3 === 0;
      await timed(
        client.checkout.cardOrder({
          amount,
          currencyCode: '978',
          cardNumber: '4200000000000000',
          cardExpiryDate: '203012',
          orderChannel: 'INTERNET',
          transactionReference: reference,
          captureMode: validation ? 'VALIDATION' : 'AUTHOR_CAPTURE',
        }),
      );
      const book: Expected = {
        amount,
        current: amount,
        captured: 0,
        refunded: 0,
        status: validation ? 'TO_VALIDATE' : 'TO_CAPTURE',
      };
      if (validation) {
        const part = Math.floor(amount * 0.8);
        await timed(
          client.cashManagement.validate({
            transactionReference: reference,
            operationAmount: part,
            currencyCode: '978',
          }),
        );
        book.current = part;
        book.status = 'TO_CAPTURE';
      } else if (i % 3 === 1) {
        const cancel = Math.floor(amount / 4);
        await timed(
          client.cashManagement.cancel({
            transactionReference: reference,
            operationAmount: cancel,
            currencyCode: '978',
            operationOrigin: 'LOAD',
          }),
        );
        book.current -= cancel;
      }
      books.set(reference, book);
    }
  };
  await Promise.all(Array.from({ length: WORKERS }, (_, w) => worker(w)));
  simulator.runSettlementBatch();
  for (const book of books.values()) {
    book.captured = book.current;
    book.status = 'CAPTURED';
  }
  // Refund a third of the captured transactions, concurrently.
  await Promise.all(
    [...books.entries()]
      .filter((_, i) => i % 3 === 2)
      .map(async ([reference, book]) => {
        const refund = Math.floor(book.captured / 2);
        await timed(
          client.cashManagement.refund({
            transactionReference: reference,
            operationAmount: refund,
            currencyCode: '978',
          }),
        );
        book.refunded = refund;
      }),
  );
  const elapsed = performance.now() - started;
  const mismatches: string[] = [];
  await Promise.all(
    [...books.entries()].map(async ([reference, book]) => {
      const data = await client.diagnostic.getTransactionData({ transactionReference: reference });
      const expectedCurrent = book.captured - book.refunded;
      if (
        data.originAmount !== book.amount ||
        data.currentAmount !== expectedCurrent ||
        data.transactionStatus !== book.status
      ) {
        mismatches.push(
          `${reference}: origin ${data.originAmount}/${book.amount} current ${data.currentAmount}/` +
            `${expectedCurrent} status ${data.transactionStatus}/${book.status}`,
        );
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  const p = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!.toFixed(1);
  process.stdout.write(
    `load: ${books.size} transactions, ${calls} sealed calls in ${(elapsed / 1000).toFixed(2)} s (` +
      `${Math.round((calls / elapsed) * 1000)} calls/s, ${WORKERS} workers), latency p50 ${p(0.5)} ms p99 ` +
      `${p(0.99)} ms, ${mismatches.length} mismatches\n`,
  );
  expect(mismatches).toEqual([]);
  expect(books.size).toBe(WORKERS * LIFECYCLES);
  client.close();
});
