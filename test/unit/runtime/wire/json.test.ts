// The Office JSON wire: the body we write, the reply reader (text kept as received for the seal), and the
// client over JSON with a scripted transport (URL, headers, seal, typed results and errors).
import { createClient, DeclinedError, SealMismatchError, TransportError } from '../../../../src/runtime';
import { cashManagementSchema, cancelOperation } from '../../../../generated/cashManagement';
import { searchMandateOperation } from '../../../../generated/mandate';
import { buildJsonBody, jsonUrl, JsonSyntaxError, parseJsonRecord } from '../../../../src/runtime/wire/json/index';
import { computeSeal, sealString } from '../../../../src/runtime/seal';
import type { PostOptions, Transport } from '../../../../src/runtime/transport';
import { buildWireRecord, structOf } from '../../../../src/runtime/record';

const merchant = { merchantId: '002001000000001', secretKey: '002001000000001_KEY1', keyVersion: 1 } as const;

describe('the request body', () => {
  test('amounts are JSON numbers, codes strings, containers objects, lists arrays; the seal is over that JSON', () => {
    // Without the seal, which is computed over the other fields (as the client does).
    const struct = {
      fields: structOf(cashManagementSchema, cancelOperation.request).fields.filter((f) => f.name !== 'seal'),
    };
    const issues: { field: string; problem: string }[] = [];
    const wire = buildWireRecord(
      struct,
      {
        currencyCode: '978',
        interfaceVersion: 'CR_WS_2.3',
        merchantId: '002001000000001',
        operationAmount: 120,
        operationOrigin: 'SO_BATCH',
        transactionReference: 'TREFEXA2012',
        keyVersion: 1,
      },
      { schema: cashManagementSchema, issues },
    );
    expect(issues).toEqual([]);
    wire.seal = computeSeal(wire, merchant.secretKey);
    const body = buildJsonBody(wire, struct, cashManagementSchema);
    const parsed = JSON.parse(body) as Record<string, unknown>;
    expect(parsed).toMatchObject({
      currencyCode: '978',
      operationAmount: 120,
      keyVersion: 1,
      transactionReference: 'TREFEXA2012',
    });
    // The facts file's worked example: the seal string and HMAC over the JSON values.
    expect(sealString(parsed as never)).toBe('978CR_WS_2.3002001000000001120SO_BATCHTREFEXA2012');
    expect(parsed.seal).toBe('a55ca75cfe12c812e886d24ad05ad811c35899ebb71be2f2c626f87fae2be342');
  });

  test('the JSON endpoint of an operation', () => {
    expect(jsonUrl('TEST', searchMandateOperation)).toBe(
      'https://office-server-sogenactif.test.sips-services.com/rs-services/v2/mandate/searchMandate',
    );
    expect(jsonUrl('PROD', { service: 'mandate', name: 'getPdfMandate', jsonPath: 'getPDFMandate' })).toBe(
      'https://office-server.sogenactif.com/rs-services/v2/mandate/getPDFMandate',
    );
  });
});

describe('the reply reader', () => {
  test.each([
    [
      'numbers keep their digits as received',
      '{"amount": 1000.0, "newAmount": 0}',
      { amount: '1000.0', newAmount: '0' },
    ],
    ['null is left out, booleans keep their names', '{"a": null, "b": true, "c": false}', { b: 'true', c: 'false' }],
    ['escapes are decoded', '{"s": "caf\\u00e9 \\"q\\" \\\\ \\/"}', { s: 'café "q" \\ /' }],
    [
      'containers and lists',
      '{"list": [{"x": "1"}, {"x": "2"}], "c": {"d": "e"}}',
      { list: [{ x: '1' }, { x: '2' }], c: { d: 'e' } },
    ],
  ])('%s', (_label, text, want) => {
    expect(parseJsonRecord(text)).toEqual(want);
  });

  test.each([
    [
      'a duplicated key (two values for one sealed field)',
      '{"responseCode": "05", "responseCode": "00"}',
      /duplicated key "responseCode"/,
    ],
    ['text after the object', '{"a": "1"} {"a": "2"}', /text after the JSON object/],
    ['a top-level array', '[1]', /must be an object/],
    ['deep nesting', `${'{"a":'.repeat(300)}"x"${'}'.repeat(300)}`, /nesting deeper than 256/],
    ['a raw control character', '{"a": "x\ny"}', /control character/],
    ['a bad escape', '{"a": "\\x41"}', /bad escape/],
  ])('refused: %s', (_label, text, want) => {
    expect(() => parseJsonRecord(text)).toThrow(JsonSyntaxError);
    expect(() => parseJsonRecord(text)).toThrow(want);
  });

  test('a key named __proto__ is data, not a prototype', () => {
    const record = parseJsonRecord('{"__proto__": {"polluted": "yes"}, "a": "1"}');
    expect(Object.keys(record)).toEqual(['__proto__', 'a']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  test('a 4.6 MB reply with 160,000 keys is read whole', () => {
    const make = (n: number) => `{${Array.from({ length: n }, (_, i) => `"k${i}":"${'v'.repeat(20)}"`).join(',')}}`;
    const small = parseJsonRecord(make(20_000));
    const large = parseJsonRecord(make(160_000));
    expect(Object.keys(small)).toHaveLength(20_000);
    expect(Object.keys(large)).toHaveLength(160_000);
  });
});

describe('the client over JSON', () => {
  function scripted(
    reply: (request: PostOptions) => { status?: number; contentType?: string; body: string },
  ): Transport & { sent: PostOptions[] } {
    const sent: PostOptions[] = [];
    return {
      sent,
      post: async (request) => {
        sent.push(request);
        const r = reply(request);
        return { status: r.status ?? 200, contentType: r.contentType ?? 'application/json', body: r.body };
      },
      close: () => undefined,
    };
  }
  const sealed = (fields: Record<string, unknown>) =>
    JSON.stringify({ ...fields, seal: computeSeal(fields as never, merchant.secretKey) });

  test('one-line switch: posts JSON to rs-services, reads the sealed JSON reply into typed fields', async () => {
    const transport = scripted(() => ({
      body: sealed({ mandateResponseCode: '00', mandateList: [{ mandateId: 'M1', mandateStatus: 'ACTIVE' }] }),
    }));
    const client = createClient({ ...merchant, environment: 'http://127.0.0.1:9', wire: 'json', transport: transport });
    const result = await client.mandate.searchMandate({ customerId: 'CUST-1' });
    expect(result).toMatchObject({
      mandateResponseCode: '00',
      mandateList: [{ mandateId: 'M1', mandateStatus: 'ACTIVE' }],
    });
    const request = transport.sent[0]!;
    expect(request.url).toBe('http://127.0.0.1:9/rs-services/v2/mandate/searchMandate');
    expect(request.headers['Content-Type']).toMatch(/^application\/json/);
    const body = JSON.parse(request.body) as Record<string, unknown>;
    expect(body).toMatchObject({
      customerId: 'CUST-1',
      interfaceVersion: 'MR_WS_2.58',
      merchantId: merchant.merchantId,
      keyVersion: 1,
    });
    expect(body.seal).toBe(computeSeal(body as never, merchant.secretKey));
    client.close();
  });

  test('per service: serviceWires picks JSON for one service only', async () => {
    const transport = scripted((r) =>
      r.url.includes('/rs-services/')
        ? { body: sealed({ mandateResponseCode: '00' }) }
        : { contentType: 'text/xml', body: '<x/>' },
    );
    const client = createClient({
      ...merchant,
      environment: 'http://127.0.0.1:9',
      serviceWires: { mandate: 'json' },
      transport: transport,
      retry: false,
    });
    await client.mandate.searchMandate({ customerId: 'C' });
    await client.diagnostic.getTransactionData({ transactionReference: 'T1' }).catch(() => undefined);
    expect(transport.sent.map((r) => r.url.replace('http://127.0.0.1:9', ''))).toEqual([
      '/rs-services/v2/mandate/searchMandate',
      '/services/v2/diagnostic',
    ]);
    client.close();
  });

  test('a decline is a DeclinedError; a bad seal a SealMismatchError; an HTML page a TransportError', async () => {
    const order = {
      amount: 100,
      currencyCode: '978',
      cardNumber: '4100000000000005',
      cardExpiryDate: '203012',
      orderChannel: 'INTERNET' as const,
      transactionReference: 'JSON1',
    };
    const declined = scripted(() => ({
      body: sealed({ responseCode: '05', acquirerResponseCode: '05', transactionReference: 'JSON1' }),
    }));
    const c1 = createClient({ ...merchant, environment: 'http://127.0.0.1:9', wire: 'json', transport: declined });
    await expect(c1.checkout.cardOrder(order)).rejects.toBeInstanceOf(DeclinedError);
    const forged = scripted(() => ({
      body: JSON.stringify({ responseCode: '00', transactionReference: 'JSON1', seal: '0'.repeat(64) }),
    }));
    const c2 = createClient({
      ...merchant,
      environment: 'http://127.0.0.1:9',
      wire: 'json',
      transport: forged,
      resolveUnknownOutcomes: false,
    });
    await expect(c2.checkout.cardOrder(order)).rejects.toBeInstanceOf(SealMismatchError);
    const html = scripted(() => ({ status: 503, contentType: 'text/html', body: '<html>maintenance</html>' }));
    const c3 = createClient({
      ...merchant,
      environment: 'http://127.0.0.1:9',
      wire: 'json',
      transport: html,
      resolveUnknownOutcomes: false,
    });
    await expect(c3.checkout.cardOrder(order)).rejects.toBeInstanceOf(TransportError);
  });

  test('a JSON reply passes the same checks as a SOAP one: undeclared keys, echoes, algorithm', async () => {
    const order = {
      amount: 100,
      currencyCode: '978',
      cardNumber: '4200000000000000',
      cardExpiryDate: '203012',
      orderChannel: 'INTERNET' as const,
      transactionReference: 'JSON2',
    };
    const run = async (reply: Record<string, unknown>) => {
      const transport = scripted(() => ({ body: sealed(reply) }));
      const client = createClient({
        ...merchant,
        environment: 'http://127.0.0.1:9',
        wire: 'json',
        transport: transport,
        resolveUnknownOutcomes: false,
      });
      return client.checkout.cardOrder(order).catch((e: unknown) => e);
    };
    await expect(run({ responseCode: '00', transactionReference: 'JSON2', injected: '00' })).resolves.toMatchObject({
      name: 'InvalidResponseError',
      message: expect.stringContaining('does not declare for this operation (injected)'),
    });
    await expect(run({ responseCode: '00', transactionReference: 'OTHER' })).resolves.toMatchObject({
      name: 'InvalidResponseError',
      message: expect.stringContaining('transactionReference'),
    });
    // sealAlgorithm is not declared in this reply: refused as undeclared before the algorithm check would refuse it.
    await expect(
      run({ responseCode: '00', transactionReference: 'JSON2', sealAlgorithm: 'SHA-256' }),
    ).resolves.toMatchObject({ name: expect.stringMatching(/^(InvalidResponseError|SealMismatchError)$/) });
    // An approval bound to this exchange (issue 19): acquirer approval, authorisation, masked card, fresh date-time.
    const approval = {
      responseCode: '00',
      acquirerResponseCode: '00',
      authorisationId: '123456',
      maskedPan: '4200##########00',
      transactionDateTime: new Date().toISOString(),
      transactionReference: 'JSON2',
    };
    await expect(run(approval)).resolves.toMatchObject({ responseCode: '00' });
    await expect(run({ responseCode: '00', transactionReference: 'JSON2' })).resolves.toMatchObject({
      name: 'InvalidResponseError',
      message: expect.stringContaining('acquirerResponseCode is missing beside responseCode 00'),
    });
  });

  test('a bad wire name is refused when the client is created', () => {
    expect(() => createClient({ ...merchant, environment: 'TEST', wire: 'xml' as never })).toThrow(
      /wire must be 'soap' or 'json'/,
    );
    expect(() => createClient({ ...merchant, environment: 'TEST', transport: 'xml' as never })).toThrow(
      /transport must be a Transport object \(\{ post, close \}\); the wire is set by wire: 'soap' or 'json'/,
    );
    expect(() =>
      createClient({ ...merchant, environment: 'TEST', serviceWires: { mandate: 'rest' as never } }),
    ).toThrow(/serviceWires\.mandate must be 'soap' or 'json'/);
    expect(() =>
      createClient({ ...merchant, environment: 'TEST', serviceTransports: { mandate: 'rest' as never } }),
    ).toThrow(/serviceTransports\.mandate must be 'soap' or 'json'/);
  });
});

test('describe shows both endpoints of an operation, as the searchMandate page lists them', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { describeContract } =
    require('../../../../codegen/inspect/describe') as typeof import('../../../../codegen/inspect/describe');
  const { loadModel } = require('../../../../codegen') as typeof import('../../../../codegen');
  const [mandate] = describeContract(loadModel(['wsdl']), 'mandate.searchMandate');
  expect(mandate!.operations[0]!.endpoints).toEqual({
    PROD: {
      soap: 'https://office-server.sogenactif.com/services/v2/mandate',
      json: 'https://office-server.sogenactif.com/rs-services/v2/mandate/searchMandate',
    },
    TEST: {
      soap: 'https://office-server-sogenactif.test.sips-services.com/services/v2/mandate',
      json: 'https://office-server-sogenactif.test.sips-services.com/rs-services/v2/mandate/searchMandate',
    },
  });
});
