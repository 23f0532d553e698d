// A merchant's integration written only from the README: its 3-D Secure block run as printed (its output compared
// with the README's), then a day over both wires with acs.authenticate as the buyer: 3-D Secure success and failure,
// a partial cancel, a lookup, settlement, a refund and a decline, each error read through the documented guards.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  createClient,
  isAuthenticationFailedError,
  isDeclinedError,
  redirectionForm,
  type SogenactifClient,
  type Wire,
} from '../../src/runtime';
import { acs, DEFAULT_MERCHANT, startSimulator, type RunningSimulator } from '../../src/tools/simulator';

const ROOT = path.resolve(__dirname, '..', '..');
const README = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');

/** The fenced block after `<!-- merchant-flow: NAME`, and the `text` block after it ("It prints:"). */
function readmeBlock(name: string): { code: string; output: string } {
  const start = README.indexOf(`<!-- merchant-flow: ${name}`);
  if (start === -1) throw new Error(`README has no merchant-flow block ${name}`);
  const code = /```ts\n([\s\S]*?)\n```/.exec(README.slice(start));
  const output = /```text\n([\s\S]*?)\n```/.exec(README.slice(start + (code?.index ?? 0) + (code?.[0].length ?? 0)));
  if (!code || !output) throw new Error(`README block ${name} has no ts code or no printed output after it`);
  return { code: code[1]!, output: output[1]! };
}

test("the README's 3-D Secure block runs as printed and prints what the README shows", () => {
  const { code, output } = readmeBlock('three-d-secure');
  // The only change: the package names point at this repository's sources.
  const source = code
    .replace(/from 'sogenactif-office'/g, `from ${JSON.stringify(path.join(ROOT, 'src', 'runtime'))}`)
    .replace(
      /from 'sogenactif-office-tools\/simulator'/g,
      `from ${JSON.stringify(path.join(ROOT, 'src', 'tools', 'simulator'))}`,
    );
  expect(source).not.toMatch(/from 'sogenactif-office/);
  const dir = path.join(ROOT, '.tmp', 'merchant-flow');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'three-d-secure.ts');
  fs.writeFileSync(file, source);
  const printed = execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'ts-run.js'), file], {
    encoding: 'utf8',
    timeout: 60_000,
  });
  expect(printed.trimEnd()).toBe(output);
});

describe.each<Wire>(['soap', 'json'])('a merchant day over the %s wire', (transport) => {
  let simulator: RunningSimulator;
  let client: SogenactifClient;
  const TERM_URL = 'https://shop.example/3ds-return';
  let sequence = 0;
  const reference = (): string => `MF${transport}${Date.now().toString(36)}${(sequence += 1)}`;

  beforeAll(async () => {
    simulator = await startSimulator();
    client = createClient({ ...DEFAULT_MERCHANT, environment: simulator.url, transport });
  });
  afterAll(async () => {
    client.close();
    await simulator.close();
  });

  /** Steps 1 to 4 of the README: card check, redirect form, the buyer at the ACS, what comes back to TermUrl. */
  async function checkAndAuthenticate(outcome: 'success' | 'failure' | 'attempted', amount: number) {
    const transactionReference = reference();
    const enrollment = await client.checkout.cardCheckEnrollment({
      amount,
      currencyCode: '978',
      orderChannel: 'INTERNET',
      cardNumber: '4200000000000000',
      cardExpiryDate: '203012',
      transactionReference,
    });
    expect(enrollment.redirectionStatusCode).toBe('00');
    const answer = await acs.authenticate(redirectionForm(enrollment, { termUrl: TERM_URL }), { outcome });
    expect(answer.action).toBe(TERM_URL);
    expect(answer.redirectionData).toBe(enrollment.redirectionData); // MD is redirectionData
    return {
      transactionReference,
      final: {
        messageVersion: enrollment.messageVersion!,
        redirectionData: answer.redirectionData,
        paResMessage: answer.paResMessage,
      },
    };
  }

  test('3-D Secure success, a partial cancel, the lookup, settlement and a partial refund', async () => {
    const { transactionReference, final } = await checkAndAuthenticate('success', 4990);
    const payment = await client.checkout.cardValidateAuthenticationAndOrder(final);
    expect(payment).toMatchObject({
      responseCode: '00',
      holderAuthentStatus: '3D_SUCCESS',
      holderAuthentResponseCode: '00',
      transactionReference,
      amount: 4990,
    });
    const cancelled = await client.cashManagement.cancel({
      transactionReference,
      operationAmount: 990,
      currencyCode: '978',
      operationOrigin: 'SHOP',
    });
    expect(cancelled).toMatchObject({ responseCode: '00', newAmount: 4000 });
    const looked = await client.diagnostic.getTransactionData({ transactionReference });
    expect(looked).toMatchObject({
      transactionStatus: 'TO_CAPTURE',
      holderAuthentStatus: '3D_SUCCESS',
      originAmount: 4990,
      currentAmount: 4000,
    });
    expect(await client.resolvePayment(transactionReference, { amount: 4990, currencyCode: '978' })).toMatchObject({
      outcome: 'approved',
    });
    // The bank's settlement batch (run now: moving the simulator's clock would make its replies look stale).
    expect(simulator.runSettlementBatch()).toBeGreaterThanOrEqual(1);
    const refunded = await client.cashManagement.refund({
      transactionReference,
      operationAmount: 1500,
      currencyCode: '978',
    });
    expect(refunded).toMatchObject({ responseCode: '00' });
    const after = await client.diagnostic.getTransactionData({ transactionReference });
    expect(after.transactionStatus).toBe('CAPTURED');
    expect(after.lastOperationName).toBe('CREDIT');
  });

  test('3-D Secure failure: AuthenticationFailedError with the typed reply, and nothing to cancel', async () => {
    const { transactionReference, final } = await checkAndAuthenticate('failure', 1200);
    const error = await client.checkout.cardValidateAuthenticationAndOrder(final).catch((e: unknown) => e);
    if (!isAuthenticationFailedError(error, 'checkout.cardValidateAuthenticationAndOrder')) throw error;
    expect({
      name: error.name,
      reason: error.reason,
      code: error.code,
      holderAuthentResponseCode: error.holderAuthentResponseCode,
    }).toEqual({
      name: 'AuthenticationFailedError',
      reason: '3D_FAILURE',
      code: '05',
      holderAuthentResponseCode: '01',
    });
    // error.response is CardValidateAuthenticationAndOrderResponse: its fields are typed.
    const status: string | undefined = error.response?.holderAuthentStatus;
    expect(status).toBe('3D_FAILURE');
    const cancel = await client.cashManagement
      .cancel({ transactionReference, operationAmount: 1200, currencyCode: '978', operationOrigin: 'SHOP' })
      .catch((e: { code?: string }) => e.code);
    expect(cancel).toBe('25');
  });

  test('3-D Secure attempted: accepted (3D_ATTEMPT, 03)', async () => {
    const { final } = await checkAndAuthenticate('attempted', 800);
    expect(await client.checkout.cardValidateAuthenticationAndOrder(final)).toMatchObject({
      responseCode: '00',
      holderAuthentStatus: '3D_ATTEMPT',
      holderAuthentResponseCode: '03',
    });
  });

  test(
    'a declined card: DeclinedError, the reply typed as CardOrderResponse, no reason (not an authentication ' +
      'failure)',
    async () => {
      const error = await client.checkout
        .cardOrder({
          amount: 2500,
          currencyCode: '978',
          orderChannel: 'INTERNET',
          cardNumber: '4100000000000514',
          cardExpiryDate: '203012',
          transactionReference: reference(),
        })
        .catch((e: unknown) => e);
      if (!isDeclinedError(error, 'checkout.cardOrder')) throw error;
      expect(isDeclinedError(error, 'checkout.cardValidateAuthenticationAndOrder')).toBe(false);
      expect(isAuthenticationFailedError(error)).toBe(false);
      expect({ code: error.code, acquirerResponseCode: error.acquirerResponseCode, reason: error.reason }).toEqual({
        code: '05',
        acquirerResponseCode: '51',
        reason: undefined,
      });
      const acquirer: string | undefined = error.response?.acquirerResponseCode;
      expect(acquirer).toBe('51');
    },
  );

  test('the exchanges went over the chosen wire', () => {
    const wires = new Set(simulator.exchanges().map((e) => e.wire ?? 'soap'));
    expect([...wires]).toEqual([transport]);
  });
});
