// Readers that build objects from keys a reply chooses (issue 19, item 4): `__proto__`, `constructor` and
// `prototype` never become keys (nor the prototype) of a wire record or a typed result, on either wire; a
// byte order mark is read alike on both wires.
import {
  createClient,
  createHttpTransport,
  DeclinedError,
  OutcomeUnknownError,
  type Transport,
} from '../../src/runtime';
import { parseJsonRecord } from '../../src/runtime/wire/json/index';
import { computeSeal } from '../../src/runtime/seal';
import { startSimulator, DEFAULT_MERCHANT, type RunningSimulator } from '../../src/tools/simulator/server';
import { readRecord, readReply } from '../../src/runtime/wire';
import { coerceRecord, type WireRecord } from '../../src/runtime/record';
import { cardOrderOperation } from '../../generated/checkout';
import { parseXml } from '../../src/runtime/wire/soap/xml';

let simulator: RunningSimulator;
beforeAll(async () => {
  simulator = await startSimulator();
});
afterAll(async () => simulator.close());

/** A transport that forwards to the simulator and hands cardOrder's reply body to `edit` before the client reads it. */
function editing(edit: (body: string) => string): Transport {
  const inner = createHttpTransport();
  return {
    post: async (options) => {
      const reply = await inner.post(options);
      return /cardOrder/.test(options.url) || /cardOrder/.test(options.body.slice(0, 400))
        ? { ...reply, body: edit(reply.body) }
        : reply;
    },
    close: () => inner.close(),
  };
}

/** A refused card (05/05 in the simulator) with a fresh reference. */
const refusedOrder = (reference: string) => ({
  amount: 1234,
  currencyCode: '978',
  cardNumber: '4100000000000005',
  cardExpiryDate: '203012',
  orderChannel: 'INTERNET' as const,
  transactionReference: reference,
});

/**
 * The attack of the issue on the JSON wire, with the seal recomputed with the key so that only the reader is
 * tested: the genuine decline's responseCode moved under `__proto__` as "00". Before the fix the typed result
 * inherited `responseCode "00"` from that object and the client returned an approval.
 */
function protoApproval(body: string): string {
  const fields = JSON.parse(body) as Record<string, unknown>;
  delete fields.seal;
  delete fields.responseCode;
  const forged = `{"__proto__":{"responseCode":"00"},${JSON.stringify(fields).slice(1)}`;
  // The seal the reader will verify: over the record the JSON reader builds (the __proto__ key included).
  const record = parseJsonRecord(forged);
  return `${forged.slice(0, -1)},"seal":${JSON.stringify(computeSeal(record, DEFAULT_MERCHANT.secretKey))}}`;
}

/**
 * The same on the SOAP wire: responseCode moved into a `<__proto__>` element as "00", the seal recomputed over what the
 * reader builds.
 */
function protoApprovalSoap(body: string): string {
  const unsealed = body
    .replace(
      /<([\w:]*)responseCode>05<\/\1responseCode>/,
      '<$1__proto__><$1responseCode>00</$1responseCode></$1__proto__>',
    )
    .replace(/<([\w:]*)seal>[0-9a-f]+<\/\1seal>/, '');
  const read = readReply(cardOrderOperation, unsealed);
  const seal = computeSeal((read as { record: WireRecord }).record, DEFAULT_MERCHANT.secretKey);
  return unsealed.replace(/(<([\w:]*)output>)/, `$1<$2seal>${seal}</$2seal>`);
}

describe('__proto__ and constructor in a reply', () => {
  // A guard: on f9eef0a the SOAP reader made the element the record's prototype, but the typed result was not fooled.
  test('SOAP: the same forgery with a <__proto__> element is never an approval either', async () => {
    const client = createClient({
      ...DEFAULT_MERCHANT,
      environment: simulator.url,
      allowUndeclaredReplyElements: true,
      transport: editing(protoApprovalSoap),
    });
    const outcome = await client.checkout.cardOrder(refusedOrder(`PROTOS${Date.now()}`)).then(
      (result) => ({ approved: result.responseCode }),
      (error: unknown) => error,
    );
    expect(outcome).toBeInstanceOf(OutcomeUnknownError);
    expect((outcome as OutcomeUnknownError).resolution?.outcome).toBe('refused');
    client.close();
  });

  test('JSON: a refused card whose reply carries "__proto__":{"responseCode":"00"} is never an approval', async () => {
    const client = createClient({
      ...DEFAULT_MERCHANT,
      environment: simulator.url,
      wire: 'json',
      allowUndeclaredReplyElements: true,
      transport: editing(protoApproval),
    });
    const reference = `PROTO${Date.now()}`;
    const outcome = await client.checkout.cardOrder(refusedOrder(reference)).then(
      (result) => ({ approved: result.responseCode }),
      (error: unknown) => error,
    );
    // The reply has no responseCode of its own: unusable, so the payment was looked up, and the lookup says refused.
    expect(outcome).toBeInstanceOf(OutcomeUnknownError);
    expect((outcome as OutcomeUnknownError).resolution?.outcome).toBe('refused');
    client.close();
  });

  test('JSON and SOAP readers keep such keys as own data, never as the prototype', () => {
    const json = parseJsonRecord('{"__proto__":{"responseCode":"00"},"constructor":"x","transactionReference":"T1"}');
    expect(Object.getPrototypeOf(json)).toBeNull();
    expect(json.responseCode).toBeUndefined();
    expect(Object.keys(json)).toEqual(['__proto__', 'constructor', 'transactionReference']);
    const xml = parseXml(
      '<output><__proto__><responseCode>00</responseCode></__proto__><constructor>1</constructor><constructor>2' +
        '</constructor><toString>3</toString></output>',
    );
    const soap = readRecord(xml, undefined, { structs: {}, enums: {} });
    expect(soap.responseCode).toBeUndefined();
    expect(Object.keys(soap).sort()).toEqual(['__proto__', 'constructor', 'toString']);
    // Two undeclared <constructor> elements are a list of two, not [Object, '1', '2'] built on an inherited value.
    expect(soap.constructor).toEqual(['1', '2']);
  });

  test('the typed result never has __proto__, constructor or prototype keys, nor an inherited value from them', () => {
    const record = parseJsonRecord(
      '{"__proto__":{"responseCode":"00"},"constructor":{"prototype":{"x":"1"}},"prototype":"p",' +
        '"other":{"__proto__":{"a":"1"},"b":"2"}}',
    );
    const typed = coerceRecord(record as WireRecord, { fields: [] }, { structs: {}, enums: {} });
    expect(Object.getPrototypeOf(typed)).toBe(Object.prototype);
    expect(Object.keys(typed)).toEqual(['other']);
    expect((typed as { responseCode?: string }).responseCode).toBeUndefined();
    expect(typed.other).toEqual({ b: '2' });
    expect(Object.getPrototypeOf(typed.other)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).responseCode).toBeUndefined(); // nothing polluted globally
  });
});

describe('a byte order mark', () => {
  test.each(['soap', 'json'] as const)(
    '%s: a genuine reply preceded by a UTF-8 BOM is read as the same reply',
    async (wire) => {
      const client = createClient({
        ...DEFAULT_MERCHANT,
        environment: simulator.url,
        wire,
        transport: editing((body) => `\uFEFF${body}`),
      });
      const error = await client.checkout.cardOrder(refusedOrder(`BOM${wire}${Date.now()}`)).catch((e: unknown) => e);
      // The genuine decline, read and verified: a DeclinedError (not an unreadable reply) on both wires.
      expect(error).toBeInstanceOf(DeclinedError);
      expect((error as DeclinedError).code).toBe('05');
      client.close();
    },
  );

  test('the JSON reader skips one leading BOM and nothing else', () => {
    expect(parseJsonRecord('\uFEFF{"a":"1"}').a).toBe('1');
    expect(() => parseJsonRecord('\uFEFF\uFEFF{"a":"1"}')).toThrow(/unexpected character|must be an object/);
  });
});

describe('names and text a reply chooses, elsewhere', () => {
  test('a code such as "constructor" finds no inherited entry in a code table', async () => {
    const { errorFromReply } = await import('../../src/runtime/errors');
    const { cardOrderOperation } = await import('../../generated/checkout');
    const error = errorFromReply(cardOrderOperation, 'checkout.cardOrder', {
      responseCode: 'constructor',
      acquirerResponseCode: 'toString',
    });
    expect(error?.codeMeaning).toBe('code not in the documented list');
    expect(error?.acquirerResponseMeaning).toBeUndefined();
  });

  test('the logger masks by own names only: "constructor" or "toString" are not sensitivity names', async () => {
    const { sensitivityOf } = await import('../../src/runtime/redact');
    expect(sensitivityOf('constructor', 'x')).toBeUndefined();
    expect(sensitivityOf('toString', 'x')).toBeUndefined();
    expect(sensitivityOf('cardNumber', '4100000000000005')).toBe('pan');
  });

  test('an error quoting a reply (a SOAP fault string) stays on one line', async () => {
    const fault =
      '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><soap:Fault><faultcode>' +
      'soap:Server</faultcode><faultstring>boom&#10;2026-12-07 INFO payment ' +
      'approved&#13;&#x2028;x</faultstring></soap:Fault></soap:Body></soap:Envelope>';
    const client = createClient({
      ...DEFAULT_MERCHANT,
      environment: 'http://127.0.0.1:9',
      retry: false,
      transport: { post: async () => ({ status: 500, contentType: 'text/xml', body: fault }), close: () => undefined },
    });
    const error = (await client.diagnostic
      .getTransactionData({ transactionReference: 'T1' })
      .catch((e: unknown) => e)) as Error;
    expect(error.name).toBe('SoapFaultError');
    expect(error.message).toContain('boom\\n2026-12-07 INFO payment approved\\r\\u2028x');
    expect(error.message).not.toMatch(/[\n\r\u2028]/);
  });
});

describe('a request with untyped content', () => {
  test('a key named __proto__ under an xs:any field is sent as an element, never as the prototype', async () => {
    const { buildWireRecord } = await import('../../src/runtime/record');
    const issues: { field: string; problem: string }[] = [];
    const value = JSON.parse('{"x":{"__proto__":{"polluted":"1"},"y":"2"}}') as Record<string, unknown>;
    const wire = buildWireRecord({ fields: [{ name: 'x', type: 'any' }] }, value, {
      schema: { structs: {}, enums: {} },
      issues,
    });
    expect(issues).toEqual([]);
    const x = wire.x as Record<string, unknown>;
    expect(Object.keys(x)).toEqual(['__proto__', 'y']);
    expect(x.polluted).toBeUndefined();
  });
});
