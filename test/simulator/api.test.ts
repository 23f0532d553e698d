// The simulator as a merchant's test suite uses it: the in-process API (clock, reset, masked log,
// batch), seals over the text on the wire, fault triggers, per-merchant isolation, hygiene, the dashboard.
import { execFileSync, spawn } from 'node:child_process';
import {
  createClient,
  OutcomeUnknownError,
  SoapFaultError,
  TransportError,
  type SogenactifClient,
} from '../../src/runtime';
import { computeSeal } from '../../src/runtime/seal';
import { buildEnvelope } from '../../src/runtime/wire';
import { type WireRecord } from '../../src/runtime/record';
import { services } from '../../generated';
import type { ServiceDescriptor } from '../../src/runtime/descriptor';
import {
  ClockError,
  DEFAULT_MERCHANT,
  startSimulator,
  type RunningSimulator,
  type SimulatorMerchant,
} from '../../src/tools/simulator';
import { readReplyFields } from '../support/wire-fixtures';

const OTHER: SimulatorMerchant = { merchantId: '002001000000002', secretKey: '002001000000002_KEY1', keyVersion: 1 };
const CARD = '4200000000000000';
let simulator: RunningSimulator;
const clients: SogenactifClient[] = [];
let sequence = 0;
const ref = (prefix: string): string => `${prefix}${Date.now().toString(36)}${(sequence += 1)}`;
const basic = (m: SimulatorMerchant): string =>
  `Basic ${Buffer.from(`${m.merchantId}:${m.secretKey}`).toString('base64')}`;

function clientFor(merchant: SimulatorMerchant = DEFAULT_MERCHANT): SogenactifClient {
  // The simulator's clock is moved days ahead below; its replies' date-times with it, so the client's freshness
  // window (replyMaxAgeMs, 5 minutes by default) is widened to a year for this suite.
  const made = createClient({ ...merchant, environment: simulator.url, retry: false, replyMaxAgeMs: 400 * 86_400_000 });
  clients.push(made);
  return made;
}

const order = (fields: Record<string, unknown> = {}) => ({
  amount: 1000,
  currencyCode: '978',
  cardNumber: CARD,
  cardExpiryDate: '203012',
  orderChannel: 'INTERNET' as const,
  transactionReference: ref('T'),
  ...fields,
});

/** What the call threw (or a marker for a success). */
const thrown = (call: Promise<unknown>): Promise<unknown> =>
  call.then(
    (value) => ({ unexpectedSuccess: value }),
    (error: unknown) => error,
  );

/** Posts a hand-written request: each field as the given text, sealed over exactly that text. */
async function rawCall(
  service: string,
  operation: string,
  fields: WireRecord,
  options: { sealOver?: WireRecord; merchant?: SimulatorMerchant } = {},
) {
  const descriptor = (services as unknown as Record<string, ServiceDescriptor>)[service]!.operations[operation]!;
  const merchant = options.merchant ?? DEFAULT_MERCHANT;
  const record: WireRecord = {
    interfaceVersion: descriptor.recommendedInterfaceVersion ?? '',
    merchantId: merchant.merchantId,
    keyVersion: String(merchant.keyVersion),
    ...fields,
  };
  record.seal = computeSeal({ ...record, ...options.sealOver }, merchant.secretKey);
  const response = await fetch(`${simulator.url}/services/v2/${service}`, {
    method: 'POST',
    headers: { 'Content-Type': 'text/xml; charset=utf-8', SOAPAction: `"${descriptor.soapAction}"` },
    body: buildEnvelope(descriptor, record),
  });
  const text = await response.text();
  return {
    status: response.status,
    text,
    fields: response.status === 200 ? readReplyFields(descriptor, text) : undefined,
  };
}

beforeAll(async () => {
  simulator = await startSimulator({ merchants: [DEFAULT_MERCHANT, OTHER], localAdmin: true });
});
afterAll(async () => {
  for (const c of clients) c.close();
  await simulator.close();
});

describe('the package entries', () => {
  test('the main entry loads no module of the soap package; the simulator subpath does', () => {
    const probe = (arg: string): { soapModules: number } =>
      JSON.parse(
        execFileSync(process.execPath, ['scripts/ts-run.js', 'test/fixtures/main-entry-probe.ts', arg], {
          encoding: 'utf8',
        }),
      ) as { soapModules: number };
    expect(probe('main').soapModules).toBe(0);
    expect(probe('simulator').soapModules).toBeGreaterThan(0);
  });
});

describe('seals over the text on the wire', () => {
  // given: the text each element carries; want: the code (the seal is over exactly that text).
  const cases: Array<{ name: string; fields: WireRecord; want: string }> = [
    {
      name: 'an amount with a plus sign and leading zeros',
      fields: { amount: '+0002500', captureDay: '00' },
      want: '00',
    },
    { name: 'non-ASCII text (é, —, ö, 😀)', fields: { amount: '2500', orderId: 'Commande n°42 — Zoë 😀' }, want: '00' },
    {
      name: 'text with XML specials escaped on the wire',
      fields: { amount: '2500', orderId: 'a<b & "c"' },
      want: '00',
    },
  ];
  test.each(cases)('$name: $want', async ({ fields, want }) => {
    const reply = await rawCall('checkout', 'cardOrder', {
      currencyCode: '978',
      cardNumber: CARD,
      cardExpiryDate: '203012',
      orderChannel: 'INTERNET',
      transactionReference: ref('LEX'),
      ...fields,
    });
    expect(reply.fields).toMatchObject({ responseCode: want });
    if (fields.amount === '+0002500') expect(reply.fields).toMatchObject({ captureDay: 0 });
  });

  test('sealed over a re-serialised value, not the text sent: 34, and the log says the seal was invalid', async () => {
    const transactionReference = ref('RES');
    const reply = await rawCall(
      'checkout',
      'cardOrder',
      {
        amount: '+2500',
        currencyCode: '978',
        cardNumber: CARD,
        cardExpiryDate: '203012',
        orderChannel: 'INTERNET',
        transactionReference,
      },
      { sealOver: { amount: '2500' } },
    );
    expect(reply.fields).toMatchObject({ responseCode: '34' });
    expect(simulator.exchanges().at(-1)).toMatchObject({ operation: 'cardOrder', seal: 'invalid', responseCode: '34' });
  });

  test('the amount written +2500 is booked as 2500', async () => {
    const transactionReference = ref('PLUS');
    await rawCall('checkout', 'cardOrder', {
      amount: '+2500',
      currencyCode: '978',
      cardNumber: CARD,
      cardExpiryDate: '203012',
      orderChannel: 'INTERNET',
      transactionReference,
    });
    const data = await clientFor().diagnostic.getTransactionData({ transactionReference });
    expect(data).toMatchObject({ originAmount: 2500, transactionStatus: 'TO_CAPTURE' });
  });
});

describe('clock, batch, log and reset', () => {
  test('captureDay 2: still TO_CAPTURE after one night, CAPTURED after the second', async () => {
    const client = clientFor();
    const transactionReference = ref('CLK');
    await client.checkout.cardOrder(order({ transactionReference, captureDay: 2 }));
    simulator.clock.advance(1);
    expect(await client.diagnostic.getTransactionData({ transactionReference })).toMatchObject({
      transactionStatus: 'TO_CAPTURE',
    });
    expect(simulator.clock.advance(1)).toBeGreaterThanOrEqual(1);
    expect(await client.diagnostic.getTransactionData({ transactionReference })).toMatchObject({
      transactionStatus: 'CAPTURED',
      currentAmount: 1000,
    });
  });

  test('expiry dates age: a card valid this month is refused 54 once the clock has moved two months on', async () => {
    const client = clientFor();
    const now = simulator.clock.now();
    const thisMonth = `${now.getUTCFullYear()}${String(now.getUTCMonth() + 1).padStart(2, '0')}`;
    await expect(client.checkout.cardOrder(order({ cardExpiryDate: thisMonth }))).resolves.toMatchObject({
      responseCode: '00',
    });
    simulator.clock.advance(62);
    const error = await thrown(client.checkout.cardOrder(order({ cardExpiryDate: thisMonth })));
    expect(error).toMatchObject({ code: '54' });
  });

  test.each([-1, 1.5, Number.NaN, 5000])('clock.advance(%p) is refused with a ClockError', (days) => {
    expect(() => simulator.clock.advance(days)).toThrow(ClockError);
  });

  test('the exchange log masks card numbers and records seal verdicts', async () => {
    await clientFor()
      .checkout.cardOrder(order({ cardNumber: '4100000000000005' }))
      .catch(() => undefined);
    await createClient({ ...DEFAULT_MERCHANT, secretKey: 'WRONG-KEY', environment: simulator.url, retry: false })
      .mandate.searchMandate({ customerId: 'C' })
      .catch(() => undefined);
    const log = simulator.exchanges();
    const text = JSON.stringify(log);
    expect(text).not.toContain('4100000000000005');
    expect(text).not.toContain(CARD);
    expect(text).toContain('4100##########05');
    expect(log.at(-2)).toMatchObject({ operation: 'cardOrder', responseCode: '05', seal: 'valid' });
    expect(log.at(-1)).toMatchObject({ operation: 'searchMandate', responseCode: '34', seal: 'invalid' });
    expect(simulator.exchanges(OTHER.merchantId).every((e) => e.merchantId === OTHER.merchantId)).toBe(true);
  });

  test('reset(): no transactions, no log, the demo data back, the clock at real time', async () => {
    const local = await startSimulator();
    try {
      const client = createClient({ ...DEFAULT_MERCHANT, environment: local.url, retry: false });
      const transactionReference = ref('RST');
      await client.checkout.cardOrder(order({ transactionReference }));
      await client.wallet.signOff({ merchantWalletId: 'WALLET-0001' });
      local.clock.advance(3);
      local.reset();
      expect(local.state.transactions.size).toBe(0);
      expect(local.exchanges()).toEqual([]);
      expect(local.clock.offsetDays).toBe(0);
      expect(Math.abs(local.clock.now().getTime() - Date.now())).toBeLessThan(5000);
      await expect(client.wallet.getWalletData({ merchantWalletId: 'WALLET-0001' })).resolves.toMatchObject({
        walletResponseCode: '00',
      });
      expect(await thrown(client.diagnostic.getTransactionData({ transactionReference }))).toMatchObject({
        code: '25',
      });
      client.close();
    } finally {
      await local.close();
    }
  });
});

describe('fault triggers', () => {
  // given: a transactionReference carrying a trigger with a uniqueness suffix; want: the reply is dropped once,
  // and the lookup carrying the same reference resolves the payment as approved.
  test.each(['FAULT_DROP', 'FAULT_DROP123', 'FAULT_DROP_123', 'FAULT_DROP-abc'])(
    '%s + suffix in transactionReference: dropped once, the lookup is not faulted',
    async (trigger) => {
      const transactionReference = `${trigger}${ref('-')}`.slice(0, 35);
      const client = clientFor();
      // The client's own lookup (same reference, so the same trigger) is not faulted: it sees the approval.
      const error = await thrown(client.checkout.cardOrder(order({ transactionReference })));
      expect(error).toBeInstanceOf(OutcomeUnknownError);
      expect((error as OutcomeUnknownError).resolution).toMatchObject({ outcome: 'approved', transactionReference });
      expect((error as OutcomeUnknownError).cause).toBeInstanceOf(TransportError);
      await expect(client.diagnostic.getTransactionData({ transactionReference })).resolves.toMatchObject({
        transactionStatus: 'TO_CAPTURE',
        originAmount: 1000,
      });
      expect(
        simulator
          .exchanges()
          .filter((e) => e.request.transactionReference === transactionReference)
          .map((e) => [e.operation, e.fault ?? '']),
      ).toEqual(expect.arrayContaining([['cardOrder', 'DROP']]));
    },
  );

  test('FAULT_SLOW_<ms>_<suffix> waits that long, once per transaction', async () => {
    const transactionReference = `FAULT_SLOW_300_${ref('')}`;
    const client = clientFor();
    let started = Date.now();
    await client.checkout.cardOrder(order({ transactionReference }));
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    started = Date.now();
    await client.diagnostic.getTransactionData({ transactionReference });
    expect(Date.now() - started).toBeLessThan(250);
  });

  test('triggers that leave nothing done fire on every attempt (FAULT_90_x twice: 90 twice)', async () => {
    const client = clientFor();
    const transactionReference = `FAULT_90_${ref('')}`;
    for (let i = 0; i < 2; i += 1)
      expect(await thrown(client.checkout.cardOrder(order({ transactionReference })))).toMatchObject({ code: '90' });
  });

  test.each([
    ['FAULT_DORP', 'transactionReference'],
    ['FAULT_SLOW', 'customerId'],
    ['x-FAULT_nope', 'orderId'],
  ])('an unknown trigger %s in %s is refused with a SOAP Client fault naming it', async (value, field) => {
    // A SOAP fault answering a payment is looked up (nothing was recorded: the lookup finds no transaction).
    const error = await thrown(clientFor().checkout.cardOrder(order({ [field]: value })));
    expect(error).toBeInstanceOf(OutcomeUnknownError);
    expect((error as OutcomeUnknownError).resolution.outcome).toBe('unknown');
    const fault = (error as OutcomeUnknownError).cause;
    expect(fault).toBeInstanceOf(SoapFaultError);
    expect((fault as SoapFaultError).faultString).toMatch(
      new RegExp(`unknown fault trigger "${value.replace(/^x-/, '')}" in ${field}; known: FAULT_SLOW_<ms>, FAULT_DROP`),
    );
  });

  test('DEFAULT_… is not a trigger', async () => {
    await expect(clientFor().checkout.cardOrder(order({ customerId: 'DEFAULT_CUSTOMER' }))).resolves.toMatchObject({
      responseCode: '00',
    });
  });
});

describe('per-merchant isolation', () => {
  test("merchant B cannot duplicate A's transaction", async () => {
    const transactionReference = ref('ISO');
    await clientFor().checkout.cardOrder(order({ transactionReference }));
    const b = clientFor(OTHER);
    const duplicate = {
      fromTransactionReference: transactionReference,
      amount: 100,
      currencyCode: '978',
      captureDay: 0,
      captureMode: 'AUTHOR_CAPTURE',
      merchantTransactionDateTime: '2026-11-27T10:00:00+01:00',
      orderChannel: 'INTERNET',
      returnContext: 'r',
    };
    expect(
      await thrown(
        b.cashManagement.duplicate({
          ...duplicate,
          fromMerchantId: DEFAULT_MERCHANT.merchantId,
          transactionReference: ref('D'),
        } as never),
      ),
    ).toMatchObject({ code: '25' });
    expect(
      await thrown(b.cashManagement.duplicate({ ...duplicate, transactionReference: ref('D') } as never)),
    ).toMatchObject({ code: '25' });
    // A's own duplicate works.
    await expect(
      clientFor().cashManagement.duplicate({ ...duplicate, transactionReference: ref('D') } as never),
    ).resolves.toMatchObject({ responseCode: '00' });
  });

  test("merchant B cannot use A's hosted-fields session nor A's payment token", async () => {
    const a = clientFor();
    const b = clientFor(OTHER);
    const { merchantSessionToken } = await a.authentication.hostedFieldsInitialize({
      customerIpAddress: '10.0.0.1',
    } as never);
    expect(
      await thrown(
        b.token.paymentTokenGenerate({
          merchantSessionToken: merchantSessionToken!,
          cardNumber: CARD,
          cardExpiryDate: '203012',
        } as never),
      ),
    ).toMatchObject({ code: '12', errorFieldName: 'merchantSessionToken' });
    const { paymentToken } = await a.token.paymentTokenGenerate({
      merchantSessionToken: merchantSessionToken!,
      cardNumber: CARD,
      cardExpiryDate: '203012',
    } as never);
    // The token stands for the card (the number sent beside it is the one the token replaces).
    expect(await thrown(b.checkout.cardOrder(order({ paymentToken })))).toMatchObject({
      code: '12',
      errorFieldName: 'paymentToken',
    });
    await expect(a.checkout.cardOrder(order({ paymentToken }))).resolves.toMatchObject({ responseCode: '00' });
  });

  test("merchant B cannot finalise A's 3-D Secure session", async () => {
    const enrollment = await clientFor().checkout.cardCheckEnrollment({
      ...order(),
      merchantReturnUrl: 'https://shop.example/back',
    } as never);
    expect(
      await thrown(
        clientFor(OTHER).checkout.cardValidateAuthenticationAndOrder({
          redirectionData: enrollment.redirectionData!,
          messageVersion: '0.1',
          paResMessage: `Y:${enrollment.redirectionData}`,
        } as never),
      ),
    ).toMatchObject({ code: '25' });
  });
});

describe('hygiene', () => {
  test.each(['javascript:alert(1)', 'data:text/html,x', 'not a url'])(
    'merchantReturnUrl %p is refused with 30',
    async (merchantReturnUrl) => {
      const initialize = {
        amount: 1000,
        currencyCode: '978',
        orderChannel: 'INTERNET',
        transactionReference: ref('URL'),
        paymentMeanBrand: 'PAYPAL',
        merchantReturnUrl,
      };
      expect(await thrown(clientFor().checkout.paymentProviderInitialize(initialize as never))).toMatchObject({
        code: '30',
        errorFieldName: 'merchantReturnUrl',
      });
    },
  );

  test('a javascript: TermUrl posted to the ACS page is refused (400), never rendered as a form action', async () => {
    const enrollment = await clientFor().checkout.cardCheckEnrollment({
      ...order(),
      merchantReturnUrl: 'https://shop.example/back',
    } as never);
    const response = await fetch(enrollment.redirectionUrl!, {
      method: 'POST',
      body: new URLSearchParams({
        PaReq: enrollment.paReqMessage!,
        TermUrl: 'javascript:alert(1)',
        MD: enrollment.redirectionData!,
      }),
    });
    expect(response.status).toBe(400);
    expect(await response.text()).not.toContain('javascript:');
  });

  // given: who asks; want: the HTTP status of each admin action.
  const admin: Array<{ who: string; headers: Record<string, string>; via: 'loopback'; want: Record<string, number> }> =
    [
      {
        who: 'a merchant with its credentials',
        headers: { Authorization: basic(OTHER) },
        via: 'loopback',
        want: { '/simulator/batch': 200, '/simulator/clock?days=0': 403, '/simulator/reset': 403 },
      },
      {
        who: 'wrong credentials',
        headers: { Authorization: `Basic ${Buffer.from(`${OTHER.merchantId}:x`).toString('base64')}` },
        via: 'loopback',
        want: { '/simulator/batch': 401, '/simulator/clock?days=0': 401, '/simulator/reset': 401 },
      },
      {
        who: 'a form post from another site',
        headers: { Origin: 'https://evil.example' },
        via: 'loopback',
        want: { '/simulator/batch': 403, '/simulator/clock?days=0': 403, '/simulator/reset': 403 },
      },
      {
        who: 'the local operator (localAdmin)',
        headers: {},
        via: 'loopback',
        want: { '/simulator/batch': 200, '/simulator/clock?days=0': 200 },
      },
    ];
  test.each(admin)('admin actions for $who', async ({ headers, want }) => {
    const got: Record<string, number> = {};
    for (const endpoint of Object.keys(want))
      got[endpoint] = (await fetch(`${simulator.url}${endpoint}`, { method: 'POST', headers })).status;
    expect(got).toEqual(want);
  });

  test('without localAdmin, the batch and the dashboard need credentials', async () => {
    const closed = await startSimulator();
    try {
      expect((await fetch(`${closed.url}/simulator/batch`, { method: 'POST' })).status).toBe(401);
      expect((await fetch(`${closed.url}/`)).status).toBe(401);
      expect((await fetch(`${closed.url}/`, { headers: { Authorization: basic(DEFAULT_MERCHANT) } })).status).toBe(200);
    } finally {
      await closed.close();
    }
  });

  test('an oversized body gets 413 (SOAP and form posts)', async () => {
    const big = 'x'.repeat(1024 * 1024 + 10);
    expect(
      (
        await fetch(`${simulator.url}/services/v2/checkout`, {
          method: 'POST',
          headers: { 'Content-Type': 'text/xml' },
          body: big,
        })
      ).status,
    ).toBe(413);
    expect((await fetch(`${simulator.url}/simulator/acs`, { method: 'POST', body: big })).status).toBe(413);
  });

  test.each([
    ['malformed XML', '<soapenv:Envelope'],
    ['not an envelope', '<a/>'],
    [
      'an unknown body element',
      '<e:Envelope xmlns:e="http://schemas.xmlsoap.org/soap/envelope/"><e:Body><nothing/></e:Body></e:Envelope>',
    ],
  ])('%s: a SOAP Client fault with a message, never a stack trace', async (_name, body) => {
    const response = await fetch(`${simulator.url}/services/v2/checkout`, {
      method: 'POST',
      headers: { 'Content-Type': 'text/xml' },
      body,
    });
    const text = await response.text();
    expect(response.status).toBe(500);
    expect(text).toContain('<faultcode>soap:Client</faultcode>');
    expect(text).not.toMatch(/\bat \S+ \(|\.js:\d+|\.ts:\d+/);
  });

  test('a listed approved card with a past expiry date is refused 54 (as the README table says)', async () => {
    for (const cardNumber of ['4200000000000000', '5017679110380400']) {
      expect(
        await thrown(clientFor().checkout.cardOrder(order({ cardNumber, cardExpiryDate: '202001' }))),
      ).toMatchObject({ code: '54' });
    }
  });
});

describe('the dashboard', () => {
  test('lists transactions with status and amounts, masked exchanges with seal verdicts, the controls', async () => {
    const transactionReference = ref('DASH');
    await clientFor().checkout.cardOrder(order({ transactionReference, amount: 4321 }));
    const response = await fetch(`${simulator.url}/`, { headers: { Authorization: basic(DEFAULT_MERCHANT) } });
    const html = await response.text();
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(html).toContain(`data-reference="${transactionReference}"`);
    expect(html).toMatch(
      new RegExp(`${transactionReference}</code></td><td class="status">TO_CAPTURE</td><td>43.21 EUR`),
    );
    expect(html).toContain('seal-valid');
    for (const control of ['id="run-batch"', 'id="advance-clock"', 'id="reset"']) expect(html).toContain(control);
    expect(html).not.toContain(CARD);
    // A merchant sees only its own transactions.
    const other = await (await fetch(`${simulator.url}/`, { headers: { Authorization: basic(OTHER) } })).text();
    expect(other).not.toContain(transactionReference);
  });
});

describe('sogenactif simulate', () => {
  /** Starts the CLI, returns its URL once it listens, and the process to stop. */
  async function simulate(args: string[]): Promise<{ url: string; stop: () => Promise<void> }> {
    const child = spawn(
      process.execPath,
      ['scripts/ts-run.js', 'src/tools/cli/main.ts', 'simulate', '--port', '0', ...args],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString('utf8');
        const found = /listening on (http\S+)/.exec(output);
        if (found && output.includes('Dashboard:')) resolve(found[1]!);
      });
      child.once('exit', (code) => reject(new Error(`simulate exited with ${code}: ${output}`)));
    });
    return {
      url,
      stop: () => new Promise<void>((resolve) => (child.once('exit', () => resolve()), child.kill('SIGTERM'))),
    };
  }

  // given: the flag; want: the dashboard's status for a request from this machine without credentials.
  test.each([
    [['--local-admin'], 200],
    [[], 401],
  ])('with %j the dashboard at / answers %i', async (args, want) => {
    const cli = await simulate(args);
    try {
      const response = await fetch(`${cli.url}/`);
      expect(response.status).toBe(want);
      if (want === 200) expect(await response.text()).toContain('<h1>Sogenactif Office simulator</h1>');
    } finally {
      await cli.stop();
    }
  });
});
