// The retry policy as the client applies it, with a scripted transport: a read is resent after a lost reply, a payment
// whose reply was lost never is, a payment the gateway never got (no connection, 99) is; the attempts are bounded,
// retry: false sends once; and the logger sees every attempt, redacted (the policy table is unit/runtime/client/retry).
import {
  createClient,
  computeSeal,
  searchMandateOperation,
  TemporarilyUnavailableError,
  TransportError,
  type ExchangeEvent,
  type PostOptions,
} from '../../src/runtime';

const merchant = { merchantId: '002001000000001', secretKey: '002001000000001_KEY1', keyVersion: 1 } as const;

function reply(fields: Record<string, string>): string {
  const seal = computeSeal(fields, merchant.secretKey);
  const inner = Object.entries({ ...fields, seal })
    .map(([k, v]) => `<${k}>${v}</${k}>`)
    .join('');
  return (
    `<?xml version="1.0"?><s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><m:searchMand` +
    `ateResponse xmlns:m="urn:sips:cn:contract:office:mandate:v2"><output>${inner}` +
    `</output></m:searchMandateResponse></s:Body></s:Envelope>`
  );
}

/** A transport that plays a script of outcomes, one per attempt. */
function scripted(steps: (() => { status: number; body: string })[]) {
  const calls: PostOptions[] = [];
  return {
    calls,
    transport: {
      post: async (options: PostOptions) => {
        calls.push(options);
        const step = steps[calls.length - 1];
        if (!step) throw new Error('no more scripted replies');
        const outcome = step();
        return { status: outcome.status, contentType: 'text/xml', body: outcome.body };
      },
      close: () => undefined,
    },
  };
}

const lost = () => {
  throw new TransportError('lost', { outcomeUnknown: true });
};
const refused = () => {
  throw new TransportError('refused', { outcomeUnknown: false });
};
// acquirerResponseCode: the same reply also answers searchMandate posing as a payment, whose 00 needs an acquirer
// approval.
const ok = () => ({ status: 200, body: reply({ mandateResponseCode: '00', acquirerResponseCode: '00' }) });
const unavailable = () => ({ status: 200, body: reply({ mandateResponseCode: '99' }) });
const fast = { baseDelayMs: 1, maxDelayMs: 2 };

describe('retries', () => {
  test('a read is resent after a lost reply, then succeeds', async () => {
    const { transport, calls } = scripted([lost, lost, ok]);
    const client = createClient({ ...merchant, environment: 'PROD', transport, retry: fast });
    await expect(client.mandate.searchMandate({ customerId: 'C' })).resolves.toMatchObject({
      mandateResponseCode: '00',
    });
    expect(calls).toHaveLength(3);
    expect(new Set(calls.map((c) => c.body)).size).toBe(1);
  });

  test('a payment whose reply was lost is never resent', async () => {
    const { transport, calls } = scripted([lost, ok]);
    const client = createClient({ ...merchant, environment: 'PROD', transport, retry: fast });
    const payment = { ...searchMandateOperation, category: 'payment' as const };
    await expect(client.invoke(payment, { customerId: 'C' })).rejects.toMatchObject({
      name: 'TransportError',
      outcomeUnknown: true,
    });
    expect(calls).toHaveLength(1);
  });

  test('a payment is resent when the connection was never made, or the gateway says 99', async () => {
    const { transport, calls } = scripted([refused, unavailable, ok]);
    const client = createClient({ ...merchant, environment: 'PROD', transport, retry: fast });
    const payment = { ...searchMandateOperation, category: 'payment' as const };
    await expect(client.invoke(payment, { customerId: 'C' })).resolves.toMatchObject({ mandateResponseCode: '00' });
    expect(calls).toHaveLength(3);
  });

  test('bounded: the last error comes back after maxAttempts', async () => {
    const { transport, calls } = scripted([unavailable, unavailable, unavailable, ok]);
    const client = createClient({ ...merchant, environment: 'PROD', transport, retry: { ...fast, maxAttempts: 3 } });
    await expect(client.mandate.searchMandate({ customerId: 'C' })).rejects.toBeInstanceOf(TemporarilyUnavailableError);
    expect(calls).toHaveLength(3);
  });

  test('retry: false sends once', async () => {
    const { transport, calls } = scripted([lost, ok]);
    const client = createClient({ ...merchant, environment: 'PROD', transport, retry: false });
    await expect(client.mandate.searchMandate({ customerId: 'C' })).rejects.toBeInstanceOf(TransportError);
    expect(calls).toHaveLength(1);
  });
});

describe('logger', () => {
  test('receives every attempt, redacted, with timings', async () => {
    const events: ExchangeEvent[] = [];
    const { transport } = scripted([
      unavailable,
      () => ({
        status: 200,
        body: reply({ mandateResponseCode: '00', iban: 'FR7630006000011234567890189' } as Record<string, string>),
      }),
    ]);
    // iban is not a top-level field of searchMandate's reply: accepted here only by the opt-in for newer gateways.
    const client = createClient({
      ...merchant,
      environment: 'PROD',
      transport,
      retry: fast,
      allowUndeclaredReplyElements: true,
      logger: (e) => events.push(e),
    });
    await client.mandate.searchMandate({ customerId: 'C' });
    expect(events.map((e) => [e.attempt, e.error?.name, e.error?.retrying])).toEqual([
      [1, 'TemporarilyUnavailableError', true],
      [2, undefined, undefined],
    ]);
    expect(events[1]!.response).toMatchObject({ iban: 'FR76#####################89' });
    expect(events[0]!.request).toMatchObject({
      customerId: 'C',
      merchantId: '002001000000001',
      interfaceVersion: 'MR_WS_2.58',
    });
    expect(
      events.every((e) => e.durationMs >= 0 && e.url === 'https://office-server.sogenactif.com/services/v2/mandate'),
    ).toBe(true);
    expect(JSON.stringify(events)).not.toContain(merchant.secretKey);
    expect(JSON.stringify(events)).not.toContain('1234567890');
  });

  test('a throwing logger does not change the outcome', async () => {
    const { transport } = scripted([ok]);
    const client = createClient({
      ...merchant,
      environment: 'PROD',
      transport,
      logger: () => {
        throw new Error('log sink down');
      },
    });
    await expect(client.mandate.searchMandate({ customerId: 'C' })).resolves.toMatchObject({
      mandateResponseCode: '00',
    });
  });
});
