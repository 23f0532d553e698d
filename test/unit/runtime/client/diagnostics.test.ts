// The diagnostics_channel events (src/runtime/client/diagnostics.ts) against the simulator: start, attempt, retry,
// lookup and end for a payment, a retried 90, a lost reply and a refusal, all with one correlation id per call that the
// logger's events carry too; and no key, card number, CSC or IBAN in any event or log line.
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { CHANNELS, createClient, type ExchangeEvent, type SogenactifClient } from '../../../../src/runtime';
import { DEFAULT_MERCHANT, startSimulator, type RunningSimulator } from '../../../../src/tools/simulator';
import { CallTrace } from '../../../../src/runtime/client/diagnostics';

type Named = { channel: keyof typeof CHANNELS; message: Record<string, unknown> };
const events: Named[] = [];
const logged: ExchangeEvent[] = [];
const listeners = Object.entries(CHANNELS).map(([key, name]) => {
  const listener = (message: unknown): void =>
    void events.push({ channel: key as keyof typeof CHANNELS, message: message as Record<string, unknown> });
  subscribe(name, listener);
  return [name, listener] as const;
});

let simulator: RunningSimulator;
let client: SogenactifClient;
let sequence = 0;
const reference = (tag: string): string => `DC-${tag}${Date.now().toString(36)}${(sequence += 1)}`;
const CARD = '4200000000000000';
const order = (transactionReference: string, cardNumber = CARD) => ({
  amount: 1500,
  currencyCode: '978',
  orderChannel: 'INTERNET' as const,
  cardNumber,
  cardExpiryDate: '203012',
  cardCSCValue: '987',
  transactionReference,
});
/** The events of one call, by its correlation id. */
const ofCall = (correlationId: unknown): string[] =>
  events
    .filter((e) => e.message.correlationId === correlationId)
    .map(
      (e) =>
        `${e.channel}${e.message.outcome ? ` ${String(e.message.outcome)}` : ''}` +
        `${e.message.result ? ` ${String(e.message.result)}` : ''}`,
    );
const lastEnd = (operation: string): Record<string, unknown> =>
  [...events].reverse().find((e) => e.channel === 'end' && e.message.operation === operation)!.message;

beforeAll(async () => {
  simulator = await startSimulator();
  client = createClient({
    ...DEFAULT_MERCHANT,
    environment: simulator.url,
    retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 1 },
    logger: (event) => void logged.push(event),
  });
});
afterAll(async () => {
  for (const [name, listener] of listeners) unsubscribe(name, listener);
  client.close();
  await simulator.close();
});
beforeEach(() => {
  events.length = 0;
  logged.length = 0;
});

test(
  'a payment: start, attempt, end with one correlation id, the code, the attempts and durations; the logger ' +
    'carries the id',
  async () => {
    await client.checkout.cardOrder(order(reference('OK')));
    const end = lastEnd('checkout.cardOrder');
    expect(end).toMatchObject({
      operation: 'checkout.cardOrder',
      outcome: 'success',
      codeField: 'responseCode',
      code: '00',
      attempts: 1,
    });
    expect(typeof end.durationMs).toBe('number');
    expect(end.correlationId).toMatch(/^[0-9a-f-]{36}$/);
    expect(ofCall(end.correlationId)).toEqual(['start', 'attempt success', 'end success']);
    expect(events[0]!.message).toEqual({
      correlationId: end.correlationId,
      operation: 'checkout.cardOrder',
      wire: 'soap',
      category: 'payment',
      merchantId: DEFAULT_MERCHANT.merchantId,
    });
    expect(logged.map((e) => e.correlationId)).toEqual([end.correlationId]);
  },
);

test('90 then retried: attempt unavailable, retry, attempt, end; every event of the call shares the id', async () => {
  await expect(client.checkout.cardOrder(order(reference('FAULT_90_')))).rejects.toMatchObject({ code: '90' });
  const end = lastEnd('checkout.cardOrder');
  expect(end).toMatchObject({
    outcome: 'unavailable',
    code: '90',
    attempts: 2,
    errorName: 'TemporarilyUnavailableError',
  });
  expect(ofCall(end.correlationId)).toEqual([
    'start',
    'attempt unavailable',
    'retry unavailable',
    'attempt unavailable',
    'end unavailable',
  ]);
  expect(logged.map((e) => e.correlationId)).toEqual([end.correlationId, end.correlationId]);
});

test(
  'a lost reply: the attempt fails, the lookup (getTransactionData, same id) says approved, the call ends ' +
    'outcome-unknown',
  async () => {
    await expect(client.checkout.cardOrder(order(reference('FAULT_DROP_')))).rejects.toMatchObject({
      name: 'OutcomeUnknownError',
    });
    const end = lastEnd('checkout.cardOrder');
    expect(end).toMatchObject({ outcome: 'outcome-unknown', attempts: 1 });
    expect(ofCall(end.correlationId)).toEqual([
      'start',
      'attempt transport',
      'attempt success',
      'lookup approved',
      'end outcome-unknown',
    ]);
    const lookupAttempt = events.find(
      (e) => e.channel === 'attempt' && e.message.attemptOperation === 'diagnostic.getTransactionData',
    );
    expect(lookupAttempt?.message).toMatchObject({
      correlationId: end.correlationId,
      operation: 'checkout.cardOrder',
      code: '00',
    });
    expect(events.find((e) => e.channel === 'lookup')?.message).toMatchObject({
      purpose: 'lost-reply',
      result: 'approved',
    });
  },
);

test('a refusal: end declined with code and acquirer code; a post-write confirmation is a lookup event', async () => {
  await expect(client.checkout.cardOrder(order(reference('NO'), '4100000000000514'))).rejects.toMatchObject({
    name: 'DeclinedError',
  });
  expect(lastEnd('checkout.cardOrder')).toMatchObject({
    outcome: 'declined',
    code: '05',
    acquirerResponseCode: '51',
    errorName: 'DeclinedError',
  });
  const transactionReference = reference('CF');
  await client.checkout.cardOrder(order(transactionReference));
  await client.cashManagement.cancel(
    { transactionReference, operationAmount: 100, currencyCode: '978', operationOrigin: 'SHOP' },
    { confirm: true },
  );
  const end = lastEnd('cashManagement.cancel');
  expect(ofCall(end.correlationId)).toEqual([
    'start',
    'attempt success',
    'attempt success',
    'lookup confirmed',
    'end success',
  ]);
});

test('invalid locally: start and end invalid-request, no attempt', async () => {
  await expect(client.checkout.cardOrder({ ...order(reference('BAD')), currencyCode: 'EUR' })).rejects.toMatchObject({
    name: 'InvalidRequestError',
  });
  const end = lastEnd('checkout.cardOrder');
  expect(ofCall(end.correlationId)).toEqual(['start', 'end invalid-request']);
  expect(end.attempts).toBe(0);
});

test('leak check: no secret key, card number, CSC or IBAN in any event or log line, whatever the outcome', async () => {
  const iban = 'FR7630006000011234567890189';
  await client.checkout.cardOrder(order(reference('LK')));
  await client.checkout.cardOrder(order(reference('LK'), '4100000000000514')).catch(() => undefined);
  await client.checkout.cardOrder(order(reference('FAULT_DROP_LK'))).catch(() => undefined);
  await client.mandate.initializeMandate({
    customerId: 'CUST-LEAK',
    iban,
    merchantReturnUrl: 'https://shop.example/back',
    mandateUsage: 'RECURRENT',
  });
  const text = JSON.stringify(events) + JSON.stringify(logged);
  expect(events.length).toBeGreaterThan(10);
  for (const secret of [DEFAULT_MERCHANT.secretKey, CARD, '4100000000000514', '"987"', iban, iban.slice(4, 20)])
    expect(text).not.toContain(secret);
  // Events carry only scalars: names, codes, counts, durations, ids.
  for (const { message } of events)
    for (const value of Object.values(message)) expect(['string', 'number']).toContain(typeof value);
});

test('without subscribers nothing is published and calls work the same', async () => {
  for (const [name, listener] of listeners) unsubscribe(name, listener);
  await client.checkout.cardOrder(order(reference('NS')));
  expect(events).toEqual([]);
  for (const [name, listener] of listeners) subscribe(name, listener);
});

test("a call's trace makes its correlation id on first read only, the same on every read", () => {
  const crypto = require('node:crypto') as typeof import('node:crypto');
  const made = jest.spyOn(crypto, 'randomUUID');
  try {
    const trace = new CallTrace('checkout.cardOrder');
    expect(made).not.toHaveBeenCalled();
    const id = trace.correlationId;
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(trace.fields()).toEqual({ correlationId: id, operation: 'checkout.cardOrder' });
    expect(Object.getOwnPropertyDescriptor(trace.fields(), 'correlationId')?.value).toBe(id);
    expect(made).toHaveBeenCalledTimes(1);
  } finally {
    made.mockRestore();
  }
});
