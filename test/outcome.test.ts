// A payment whose reply is lost is looked up, never resent.
import { createClient, OutcomeUnknownError } from '../src';
import { startSimulator, DEFAULT_MERCHANT, type RunningSimulator } from '../src/simulator/server';

let simulator: RunningSimulator;
beforeAll(async () => {
  simulator = await startSimulator();
});
afterAll(async () => simulator.close());

const order = (reference: string, cardNumber: string, trigger: string) => ({
  amount: 4200,
  currencyCode: '978',
  cardNumber,
  cardExpiryDate: '203012',
  orderChannel: 'INTERNET' as const,
  transactionReference: reference,
  customerId: trigger,
});

test.each([
  ['a dropped connection, approved card', 'FAULT_DROP', '4200000000000000', 'approved'],
  ['a dropped connection, refused card', 'FAULT_DROP', '4100000000000514', 'refused'],
  ['a truncated reply', 'FAULT_TRUNCATED', '4200000000000000', 'approved'],
  ['a reply with a forged seal', 'FAULT_BAD_SEAL', '4200000000000000', 'approved'],
  ['a reply slower than the timeout', 'FAULT_SLOW_1500', '4200000000000000', 'approved'],
])('%s (%s): looked up with getTransactionData, sent once', async (_label, trigger, card, outcome) => {
  const sent: string[] = [];
  const client = createClient({ ...DEFAULT_MERCHANT, environment: simulator.url, timeoutMs: 800, logger: (e) => sent.push(e.operation) });
  // The trigger travels in customerId: the lookup sends only the reference, so it is not faulted too.
  const reference = `OUTCOME-${trigger.slice(6, 10)}-${card.slice(-4)}`;
  const error = await client.checkout.cardOrder(order(reference, card, trigger)).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(OutcomeUnknownError);
  const resolution = (error as OutcomeUnknownError).resolution;
  expect(resolution).toMatchObject({ outcome, transactionReference: reference });
  expect(sent.filter((op) => op === 'checkout.cardOrder')).toHaveLength(1);
  expect(sent).toContain('diagnostic.getTransactionData');
  // Give the slow reply time to arrive before the simulator closes.
  await new Promise((resolve) => setTimeout(resolve, trigger.startsWith('FAULT_SLOW') ? 800 : 0));
  client.close();
});

test('a payment the gateway has no trace of stays unknown (25 is not a refusal: it may be in process)', async () => {
  const client = createClient({ ...DEFAULT_MERCHANT, environment: simulator.url });
  await expect(client.resolvePayment('NEVER-SENT')).resolves.toMatchObject({ outcome: 'unknown', reason: expect.stringMatching(/no transaction/) });
  client.close();
});

test('when the lookup fails too, the outcome stays unknown', async () => {
  const client = createClient({ ...DEFAULT_MERCHANT, environment: simulator.url, retry: false });
  await expect(client.resolvePayment('FAULT_HTTP500')).resolves.toMatchObject({ outcome: 'unknown' });
  client.close();
});

test('resolveUnknownOutcomes: false leaves the transport error as it is', async () => {
  const client = createClient({ ...DEFAULT_MERCHANT, environment: simulator.url, resolveUnknownOutcomes: false });
  await expect(client.checkout.cardOrder(order('OUTCOME-RAW', '4200000000000000', 'FAULT_DROP'))).rejects.toMatchObject({ name: 'TransportError', outcomeUnknown: true });
  client.close();
});
