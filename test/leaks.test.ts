// No secret key, full card number, CSC or IBAN in errors, logs or serialised errors, whatever fails.
import { inspect } from 'node:util';
import { createClient, SogenactifError, type ExchangeEvent } from '../src';
import { startSimulator, DEFAULT_MERCHANT, type RunningSimulator } from '../src/simulator/server';

const SECRETS = [DEFAULT_MERCHANT.secretKey, 'WRONG-KEY-0042'];
const PANS = ['4200000000000000', '4100000000000514', '4100000000000548', '4100000000000340', '4100000000000993', '4111111111111112'];
const CSC = '987';
const IBAN = 'FR7630006000011234567890189';

let simulator: RunningSimulator;
beforeAll(async () => {
  simulator = await startSimulator();
});
afterAll(async () => simulator.close());

function expectClean(text: string): void {
  for (const secret of [...SECRETS, ...PANS, IBAN, IBAN.slice(4)]) expect(text).not.toContain(secret);
  expect(text).not.toMatch(new RegExp(`cardCSCValue["':= ]+${CSC}`));
}

test('errors, their JSON and inspect output, and the redacted log carry no secret, PAN, CSC or IBAN', async () => {
  const events: ExchangeEvent[] = [];
  const captured: unknown[] = [];
  const good = createClient({ ...DEFAULT_MERCHANT, environment: simulator.url, timeoutMs: 500, retry: false, logger: (e) => events.push(e) });
  const wrongKey = createClient({ ...DEFAULT_MERCHANT, secretKey: 'WRONG-KEY-0042', environment: simulator.url, retry: false, logger: (e) => events.push(e) });
  const pay = (client: typeof good, card: string, reference: string, extra: Record<string, unknown> = {}) =>
    client.checkout.cardOrder({ amount: 1000, currencyCode: '978', cardNumber: card, cardExpiryDate: '203012', cardCSCValue: CSC, orderChannel: 'INTERNET', transactionReference: reference, ...extra });
  const attempts: Promise<unknown>[] = [
    pay(good, PANS[0]!, 'LEAK-1'),
    ...PANS.slice(1).map((card, i) => pay(good, card, `LEAK-D${i}`)),
    pay(good, PANS[0]!, 'LEAK-1'), // 94 duplicate
    pay(good, PANS[0]!, 'LEAK-F1', { customerId: 'FAULT_DROP' }),
    pay(good, PANS[0]!, 'LEAK-F2', { customerId: 'FAULT_HTTP500' }),
    pay(good, PANS[0]!, 'LEAK-F3', { customerId: 'FAULT_TRUNCATED' }),
    pay(good, PANS[0]!, 'LEAK-F4', { customerId: 'FAULT_SLOW_900' }),
    pay(good, PANS[0]!, 'LEAK-F5', { cardCSCValue: 'abc', amount: 10.5 }), // invalid locally
    pay(wrongKey, PANS[0]!, 'LEAK-K1'),
    good.wallet.addCard({ merchantWalletId: 'LEAK-W', cardNumber: PANS[0]!, cardExpiryDate: '203012' }),
    good.wallet.addCard({ merchantWalletId: 'LEAK-W', cardNumber: PANS[0]!, cardExpiryDate: '203012' }), // 94
    good.wallet.addDirectDebit({ merchantWalletId: 'LEAK-W', paymentMeanBrand: 'SEPA_DIRECT_DEBIT', customerAccount: IBAN }),
    good.paymentMeanInfo.getCardData({ cardNumber: '9999999999999995' }),
  ];
  for (const outcome of await Promise.allSettled(attempts)) captured.push(outcome.status === 'fulfilled' ? outcome.value : outcome.reason);
  await new Promise((resolve) => setTimeout(resolve, 500));
  const errors = captured.filter((c): c is SogenactifError => c instanceof SogenactifError);
  expect(errors.length).toBeGreaterThanOrEqual(10);
  for (const error of errors) {
    expectClean(error.message);
    expectClean(JSON.stringify(error));
    expectClean(inspect(error, { depth: 8 }));
    expectClean(JSON.stringify(error.response ?? {}));
  }
  expect(events.length).toBeGreaterThanOrEqual(attempts.length);
  expectClean(JSON.stringify(events));
  // The log still says what happened, masked the way the gateway masks.
  expect(JSON.stringify(events)).toContain('4200##########00');
  good.close();
  wrongKey.close();
});
