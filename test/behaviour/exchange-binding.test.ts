// Issue 19's attacks, through the real client, a keyless proxy on 127.0.0.1 and the simulator, on both wires: a
// replayed approval and lookup, an earlier request reflected, a decline re-split into an approval (the issue's
// layouts), and operation swaps caught by the post-write confirmation. Every forgery ends in an error.
import {
  createClient,
  InvalidResponseError,
  OutcomeUnknownError,
  SealMismatchError,
  WriteNotConfirmedError,
  type SogenactifClient,
} from '../../src/runtime';
import { sealString } from '../../src/runtime/seal';
import { startSimulator, DEFAULT_MERCHANT, type RunningSimulator } from '../../src/tools/simulator/server';
import { startMitmProxy, type Fields, type MitmProxy } from '../support/mitm-proxy';

let simulator: RunningSimulator;
let proxy: MitmProxy;
const clients: SogenactifClient[] = [];
beforeAll(async () => {
  simulator = await startSimulator();
  proxy = await startMitmProxy(simulator.url);
});
afterAll(async () => {
  for (const c of clients) c.close();
  await proxy.close();
  await simulator.close();
});
beforeEach(() => {
  proxy.hook = async (seen) => (await seen.forward()).text;
});

const WIRES = ['soap', 'json'] as const;
type Wire = (typeof WIRES)[number];
function client(wire: Wire, extra: Record<string, unknown> = {}): SogenactifClient {
  const made = createClient({
    ...DEFAULT_MERCHANT,
    environment: proxy.url,
    wire,
    retry: false,
    timeoutMs: 5000,
    ...extra,
  });
  clients.push(made);
  return made;
}
let counter = 0;
const ref = (prefix: string): string => `${prefix}${Date.now()}${counter++}`;
const order = (cardNumber: string, amount = 4200, extra: Record<string, unknown> = {}) => ({
  amount,
  currencyCode: '978',
  cardNumber,
  cardExpiryDate: '203012',
  orderChannel: 'INTERNET' as const,
  transactionReference: ref('BIND'),
  ...extra,
});
const APPROVED = '4200000000000000';
const DECLINED_51 = '4100000000000514';
const CHALLENGED = '4100000000000035';

/** Records the genuine replies of one forwarded payment and its lookup. */
async function recordApproval(wire: Wire): Promise<{ payment: Fields; lookup: Fields }> {
  const seen: { payment?: Fields; lookup?: Fields } = {};
  proxy.hook = async (exchange) => {
    const reply = await exchange.forward();
    if (exchange.operation === 'cardOrder') seen.payment = reply.fields;
    if (exchange.operation === 'getTransactionData') seen.lookup = reply.fields;
    return reply.text;
  };
  const c = client(wire);
  const { transactionReference } = await c.checkout.cardOrder(order(APPROVED, 100));
  await c.diagnostic.getTransactionData({ transactionReference: transactionReference! });
  return { payment: seen.payment!, lookup: seen.lookup! };
}

/** The replayer: nothing forwarded; every payment answered with the old approval, every lookup with the old lookup. */
function replay({ payment, lookup }: { payment: Fields; lookup: Fields }): void {
  const { transactionReference, ...approval } = payment;
  const forgedPayment = { ...approval, transactionPlatform: transactionReference! };
  const { transactionDateTime, transactionReference: lookedUp, ...found } = lookup;
  const forgedLookup = { ...found, tokenPan: `${transactionDateTime!}${lookedUp!}` };
  expect(sealString(without(forgedPayment, 'seal'))).toBe(sealString(without(payment, 'seal')));
  expect(sealString(without(forgedLookup, 'seal'))).toBe(sealString(without(lookup, 'seal')));
  proxy.hook = async (exchange) =>
    exchange.render(exchange.operation === 'getTransactionData' ? forgedLookup : forgedPayment);
}
const without = (fields: Fields, name: string): Fields =>
  Object.fromEntries(Object.entries(fields).filter(([k]) => k !== name));

describe.each(WIRES)('a keyless man in the middle, %s wire', (wire) => {
  test(
    'replay of an old approval for a new cardOrder (its reference moved into transactionPlatform): never ' +
      'approved, and the replayed lookup does not confirm it',
    async () => {
      replay(await recordApproval(wire));
      // Another process of the merchant (a fresh client: nothing remembered): the binding refuses it.
      const fresh = client(wire);
      const error = await fresh.checkout.cardOrder(order(APPROVED, 99_900)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(OutcomeUnknownError);
      expect((error as OutcomeUnknownError).cause).toBeInstanceOf(InvalidResponseError);
      expect(((error as OutcomeUnknownError).cause as Error).message).toMatch(/transactionReference is missing/);
      expect((error as OutcomeUnknownError).resolution.outcome).toBe('unknown');
      const resolution = await fresh.resolvePayment(ref('NEVERSENT'), { amount: 99_900, currencyCode: '978' });
      expect(resolution.outcome).toBe('unknown');
      expect(resolution.reason).toMatch(/transactionReference is missing/);
    },
  );

  test('the same replay to the client that accepted the original: refused as a replayed seal', async () => {
    const c = client(wire, { resolveUnknownOutcomes: false });
    let first: Fields | undefined;
    proxy.hook = async (exchange) => {
      const reply = await exchange.forward();
      first = reply.fields;
      return reply.text;
    };
    await expect(c.checkout.cardOrder(order(APPROVED, 100))).resolves.toMatchObject({ responseCode: '00' });
    // The genuine reply this client accepted, sent again with its reference moved: seen twice.
    const { transactionReference, ...rest } = first!;
    proxy.hook = async (exchange) => exchange.render({ ...rest, transactionPlatform: transactionReference! });
    const error = await c.checkout.cardOrder(order(APPROVED, 100)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SealMismatchError);
    expect((error as Error).message).toMatch(/already accepted a reply with this seal/);
  });

  test('an earlier request of this client, re-split into an approval with its own seal: refused', async () => {
    const c = client(wire, { resolveUnknownOutcomes: false });
    let earlier: Fields | undefined;
    proxy.hook = async (exchange) => {
      earlier = exchange.fields;
      return (await exchange.forward()).text;
    };
    await c.checkout.cardOrder(order(DECLINED_51)).catch(() => undefined);
    const { seal, ...sealed } = earlier!;
    const text = sealString(sealed);
    const at = text.indexOf('00');
    const forged = {
      acceptanceSystemApplicationId: text.slice(0, at),
      responseCode: '00',
      tokenPan: text.slice(at + 2),
      seal: seal!,
    };
    proxy.hook = async (exchange) => exchange.render(forged);
    const error = await c.checkout.cardOrder(order(APPROVED)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SealMismatchError);
    expect((error as Error).message).toMatch(/seal of a request this client sent/);
  });

  test(
    "a genuine decline re-split into an approval (the date-time's +00:00 as responseCode): refused, and the " +
      'lookup says refused',
    async () => {
      proxy.hook = async (exchange) => {
        const reply = await exchange.forward();
        if (exchange.operation !== 'cardOrder') return reply.text;
        const { seal, ...sealed } = reply.fields;
        const text = sealString(sealed);
        const reference = sealed.transactionReference!;
        const at = text.lastIndexOf('00', text.length - reference.length - 1);
        const forged = {
          preAuthorisationProfile: text.slice(0, at),
          responseCode: '00',
          responseCodeDetail: text.slice(at + 2, text.length - reference.length),
          transactionReference: reference,
          seal: seal!,
        };
        expect(sealString(without(forged, 'seal'))).toBe(text);
        return exchange.render(forged);
      };
      const error = await client(wire)
        .checkout.cardOrder(order(DECLINED_51))
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(OutcomeUnknownError);
      expect(((error as OutcomeUnknownError).cause as Error).message).toMatch(
        /acquirerResponseCode is missing beside responseCode 00/,
      );
      expect((error as OutcomeUnknownError).resolution.outcome).toBe('refused');
    },
  );

  test(
    'a payment named by the legacy s10 pair: the genuine approval names the pair; an approval for another pair ' +
      'is refused',
    async () => {
      const s10 = () => ({ s10TransactionId: String(100000 + Math.floor(Math.random() * 900000)) });
      const { transactionReference: _unused, ...legacy } = order(APPROVED, 100);
      let recorded = '';
      proxy.hook = async (exchange) => {
        const reply = await exchange.forward();
        recorded = reply.text;
        return reply.text;
      };
      const first = s10();
      const genuine = await client(wire).checkout.cardOrder({ ...legacy, s10TransactionReference: first });
      expect(genuine.transactionReference).toMatch(new RegExp(`^\\d{8}${first.s10TransactionId}$`));
      // The genuine approval, replayed as it was (nested pair included) to another process for another pair.
      proxy.hook = async () => recorded;
      const error = await client(wire, { resolveUnknownOutcomes: false })
        .checkout.cardOrder({ ...legacy, s10TransactionReference: s10() })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InvalidResponseError);
      expect((error as Error).message).toMatch(/s10TransactionReference differs from the pair sent/);
    },
  );

  test('{"errorFieldName":"510041","responseCode":"00",...}: refused', async () => {
    proxy.hook = async (exchange) => {
      const reply = await exchange.forward();
      if (exchange.operation !== 'cardOrder') return reply.text;
      const f = reply.fields;
      expect([f.acquirerResponseCode, f.complementaryCode, f.maskedPan!.slice(0, 4)]).toEqual(['51', '00', '4100']);
      const forged = {
        errorFieldName: '510041',
        responseCode: '00',
        responseCodeDetail: `${f.maskedPan!.slice(4)}${f.paymentMeanBrand!}${f.responseCode!}${f.scoreColor!}`,
        transactionDateTime: f.transactionDateTime!,
        transactionReference: f.transactionReference!,
        seal: f.seal!,
      };
      expect(sealString(without(forged, 'seal'))).toBe(sealString(without(f, 'seal')));
      return exchange.render(forged);
    };
    const error = await client(wire, { resolveUnknownOutcomes: false })
      .checkout.cardOrder(order(DECLINED_51))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect((error as Error).message).toMatch(/errorFieldName is present beside responseCode 00/);
  });
});

/**
 * A payment to act on: captureMode VALIDATION (TO_VALIDATE) or a challenged card (PENDING), made without the proxy's
 * tricks.
 */
async function transactionFor(wire: Wire, card: string, extra: Record<string, unknown> = {}): Promise<string> {
  const c = client(wire);
  const { transactionReference } = await c.checkout.cardOrder(order(card, 3000, extra));
  return transactionReference!;
}

/** The proxy forwards `from` as `to` and hands the reply back re-split into `from`'s reply (`layout`). */
function swap(from: string, to: string, layout: (reply: Fields) => Fields = (reply) => reply): void {
  proxy.hook = async (exchange) => {
    if (exchange.operation !== from) return (await exchange.forward()).text;
    const reply = await exchange.forward(to);
    const forged = layout(reply.fields);
    expect(sealString(without(forged, 'seal'))).toBe(sealString(without(reply.fields, 'seal')));
    return exchange.render(forged, from);
  };
}

describe.each(WIRES)('operation swaps, %s wire', (wire) => {
  test(
    'validate swapped for cancel: reported done without confirmation (the seal cannot tell); ' +
      'WriteNotConfirmedError with confirmWrites',
    async () => {
      const reference = await transactionFor(wire, APPROVED, { captureMode: 'VALIDATION' });
      swap('validate', 'cancel');
      const unconfirmed = await client(wire).cashManagement.validate({
        transactionReference: reference,
        operationAmount: 1000,
        currencyCode: '978',
        operationOrigin: 'TEST',
      });
      // The residual the README states: the gateway cancelled 1000.
      expect(unconfirmed).toMatchObject({ responseCode: '00' });
      const other = await transactionFor(wire, APPROVED, { captureMode: 'VALIDATION' });
      const error = await client(wire, { confirmWrites: true })
        .cashManagement.validate({
          transactionReference: other,
          operationAmount: 1000,
          currencyCode: '978',
          operationOrigin: 'TEST',
        })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(WriteNotConfirmedError);
      expect((error as WriteNotConfirmedError).mismatches.join('; ')).toMatch(
        /lastOperationName is CANCEL where VALIDATE was asked/,
      );
      expect((error as Error).message).toMatch(/the gateway did something else/);
    },
  );

  test('acceptChallenge swapped for refuseChallenge: WriteNotConfirmedError with the per-call confirm', async () => {
    const reference = await transactionFor(wire, CHALLENGED);
    swap('acceptChallenge', 'refuseChallenge');
    const error = await client(wire)
      .cashManagement.acceptChallenge({ transactionReference: reference }, { confirm: true })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WriteNotConfirmedError);
    expect((error as WriteNotConfirmedError).mismatches.join('; ')).toMatch(
      /transactionStatus is REFUSED \(refused\) where approved was expected/,
    );
  });

  test(
    "refuseChallenge swapped for acceptChallenge (the issue's: the capture's fields absorbed into " +
      "errorFieldName): refused by the reply's shape",
    async () => {
      const reference = await transactionFor(wire, CHALLENGED);
      swap('refuseChallenge', 'acceptChallenge', (reply) => {
        const { acquirerResponseCode, authorisationId, captureLimitDate, seal, ...rest } = reply;
        return {
          ...rest,
          errorFieldName: `${acquirerResponseCode!}${authorisationId!}${captureLimitDate!}`,
          seal: seal!,
        };
      });
      const error = await client(wire)
        .cashManagement.refuseChallenge({ transactionReference: reference })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InvalidResponseError);
      expect((error as Error).message).toMatch(/errorFieldName is present beside responseCode 00/);
    },
  );

  test(
    'a cancel reply of another transaction replayed to another process: WriteNotConfirmedError (cash replies ' +
      'name no reference)',
    async () => {
      const first = await transactionFor(wire, APPROVED);
      let recorded: Fields | undefined;
      proxy.hook = async (exchange) => {
        const reply = await exchange.forward();
        if (exchange.operation === 'cancel') recorded = reply.fields;
        return reply.text;
      };
      await client(wire).cashManagement.cancel({
        transactionReference: first,
        operationAmount: 3000,
        currencyCode: '978',
        operationOrigin: 'TEST',
      });
      const second = await transactionFor(wire, APPROVED);
      proxy.hook = async (exchange) =>
        exchange.operation === 'cancel' ? exchange.render(recorded!) : (await exchange.forward()).text;
      const error = await client(wire, { confirmWrites: true })
        .cashManagement.cancel({
          transactionReference: second,
          operationAmount: 3000,
          currencyCode: '978',
          operationOrigin: 'TEST',
        })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(WriteNotConfirmedError);
      expect((error as WriteNotConfirmedError).mismatches.join('; ')).toMatch(
        /lastOperationName is AUTHOR where CANCEL was asked/,
      );
    },
  );

  test('a genuine cancel with confirmWrites is confirmed', async () => {
    const reference = await transactionFor(wire, APPROVED);
    await expect(
      client(wire, { confirmWrites: true }).cashManagement.cancel({
        transactionReference: reference,
        operationAmount: 1000,
        currencyCode: '978',
        operationOrigin: 'TEST',
      }),
    ).resolves.toMatchObject({ responseCode: '00', newAmount: 2000 });
  });
});

describe.each(WIRES)('the same holes in other kinds of operation, %s wire', (wire) => {
  test(
    'wallet: an addCard reply replayed to another process for another card is refused (maskedPan), to the same ' +
      'client as a replayed seal',
    async () => {
      const wallet = ref('W').slice(0, 21);
      let recorded = '';
      proxy.hook = async (exchange) => {
        const reply = await exchange.forward();
        recorded = reply.text;
        return reply.text;
      };
      const c = client(wire);
      await expect(
        c.wallet.addCard({ merchantWalletId: wallet, cardNumber: APPROVED, cardExpiryDate: '203012' }),
      ).resolves.toMatchObject({ walletResponseCode: '00' });
      proxy.hook = async () => recorded;
      const other = await client(wire)
        .wallet.addCard({ merchantWalletId: wallet, cardNumber: '5017679110380400', cardExpiryDate: '203012' })
        .catch((e: unknown) => e);
      expect(other).toBeInstanceOf(InvalidResponseError);
      expect((other as Error).message).toMatch(/maskedPan does not agree with the card sent/);
      const again = await c.wallet
        .addCard({ merchantWalletId: wallet, cardNumber: APPROVED, cardExpiryDate: '203012' })
        .catch((e: unknown) => e);
      expect(again).toBeInstanceOf(SealMismatchError);
    },
  );

  test('mandate: the data of another mandate replayed for getMandateData is refused (mandateId)', async () => {
    let recorded = '';
    proxy.hook = async (exchange) => {
      const reply = await exchange.forward();
      recorded = reply.text;
      return reply.text;
    };
    await expect(client(wire).mandate.getMandateData({ mandateId: 'SDD-MANDATE-000002' })).resolves.toMatchObject({
      mandateStatus: 'REVOKED',
    });
    proxy.hook = async () => recorded;
    const error = await client(wire)
      .mandate.getMandateData({ mandateId: 'SDD-MANDATE-000001' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect((error as Error).message).toMatch(/mandateId differs from the value sent/);
  });
});
