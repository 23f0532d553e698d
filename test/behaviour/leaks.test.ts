// No secret key, full card number, CSC or IBAN in errors, logs or serialised errors, whatever fails.
import { inspect } from 'node:util';
import { createClient, SogenactifError, type ExchangeEvent } from '../../src/runtime';
import { startSimulator, DEFAULT_MERCHANT, type RunningSimulator } from '../../src/tools/simulator/server';

const SECRETS = [DEFAULT_MERCHANT.secretKey, 'WRONG-KEY-0042'];
const PANS = [
  '4200000000000000',
  '4100000000000514',
  '4100000000000548',
  '4100000000000340',
  '4100000000000993',
  '4111111111111112',
];
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
  const good = createClient({
    ...DEFAULT_MERCHANT,
    environment: simulator.url,
    timeoutMs: 500,
    retry: false,
    logger: (e) => events.push(e),
  });
  const wrongKey = createClient({
    ...DEFAULT_MERCHANT,
    secretKey: 'WRONG-KEY-0042',
    environment: simulator.url,
    retry: false,
    logger: (e) => events.push(e),
  });
  const pay = (client: typeof good, card: string, reference: string, extra: Record<string, unknown> = {}) =>
    client.checkout.cardOrder({
      amount: 1000,
      currencyCode: '978',
      cardNumber: card,
      cardExpiryDate: '203012',
      cardCSCValue: CSC,
      orderChannel: 'INTERNET',
      transactionReference: reference,
      ...extra,
    });
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
    good.wallet.addDirectDebit({
      merchantWalletId: 'LEAK-W',
      paymentMeanBrand: 'SEPA_DIRECT_DEBIT',
      customerAccount: IBAN,
    }),
    good.paymentMeanInfo.getCardData({ cardNumber: '9999999999999995' }),
  ];
  for (const outcome of await Promise.allSettled(attempts))
    captured.push(outcome.status === 'fulfilled' ? outcome.value : outcome.reason);
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

// ---- Issue 12, item 11: the IBAN of a direct debit, and what the CLI is given ----
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { mask, redact } from '../../src/runtime';
import { run } from '../../src/tools/cli/program';
import { captureIo } from '../support/cli-io';

test("a direct debit's customerAccount (an IBAN) is logged masked, by the descriptor and by name", async () => {
  const events: ExchangeEvent[] = [];
  const client = createClient({
    ...DEFAULT_MERCHANT,
    environment: simulator.url,
    retry: false,
    logger: (e) => events.push(e),
  });
  await client.checkout
    .directDebitOrder({
      amount: 1000,
      currencyCode: '978',
      orderChannel: 'INTERNET',
      paymentMeanBrand: 'SEPA_DIRECT_DEBIT',
      mandateAuthentMethod: 'ELECTRONIC',
      mandateUsage: 'RECURRENT',
      customerAccount: IBAN,
      transactionReference: 'LEAK-DD1',
    })
    .catch(() => undefined); // refused (no mandate): what matters is what was logged
  client.close();
  expect(events.length).toBeGreaterThan(0);
  expectClean(JSON.stringify(events));
  expect(JSON.stringify(events)).toContain(mask(IBAN, 'iban'));
  // Without any descriptor: masked by its name and its IBAN shape (does not wait for a dictionary edit).
  expect(
    JSON.stringify(
      redact({ customerAccount: IBAN, bankAccountNumber: 'FR76 3000 6000 0112 3456 7890 189', note: 'x' }),
    ),
  ).not.toMatch(/1234567890|3456 7890/);
});

describe('the CLI never echoes what it was given', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leaks-cli-'));
  const credentials = {
    SOGENACTIF_MERCHANT_ID: DEFAULT_MERCHANT.merchantId,
    SOGENACTIF_SECRET_KEY: DEFAULT_MERCHANT.secretKey,
    SOGENACTIF_KEY_VERSION: '1',
  };
  const cases: [string, () => Promise<{ code: number; text: string }>][] = [
    [
      'a malformed --data file holding a PAN and a CSC',
      async () => {
        const file = path.join(dir, 'bad.json');
        fs.writeFileSync(file, `{"cardNumber": "${PANS[0]}", "cardCSCValue": "${CSC}", oops}`);
        const io = captureIo({ ...credentials, SOGENACTIF_ENV: simulator.url });
        return { code: await run(['call', 'checkout.cardOrder', '--data', file], io), text: io.out + io.err };
      },
    ],
    [
      'a malformed --data on standard input (the JSON error quotes text after the fault)',
      async () => {
        const io = captureIo(
          { ...credentials, SOGENACTIF_ENV: simulator.url },
          `{"cardCSCValue": ${CSC}, "cardNumber": ${PANS[1]}x}`,
        );
        return { code: await run(['call', 'checkout.cardOrder', '--data', '-'], io), text: io.out + io.err };
      },
    ],
    [
      'a bad --merchant value holding a key',
      async () => {
        const io = captureIo();
        return {
          code: await run(['simulate', '--port', '0', '--merchant', `not-a-merchant:${SECRETS[1]}:x`], io),
          text: io.out + io.err,
        };
      },
    ],
    [
      'an environment URL with a password',
      async () => {
        const file = path.join(dir, 'ok.json');
        fs.writeFileSync(file, JSON.stringify({ transactionReference: 'X' }));
        const io = captureIo({ ...credentials, SOGENACTIF_ENV: 'https://user:ENV-PASSWORD-77@office.example/' });
        return {
          code: await run(['call', 'diagnostic.getTransactionData', '--data', file], io),
          text: io.out + io.err,
        };
      },
    ],
    [
      'an unparsable environment URL holding a password',
      async () => {
        const io = captureIo();
        return {
          code: await run(['fetch-wsdl', '--env', 'htp:/user:ENV-PASSWORD-77@@', '--out', dir], io),
          text: io.out + io.err,
        };
      },
    ],
  ];
  test.each(cases)('%s: usage error, value not repeated', async (_label, act) => {
    const { code, text } = await act();
    expect(code).toBe(2);
    expectClean(text);
    expect(text).not.toContain('ENV-PASSWORD-77');
    expect(text).not.toContain(CSC);
  });
});
