// The prepare step (src/runtime/client/prepare.ts): per-operation wire, URL and headers; the request record with the
// configuration's fields filled, checked and sealed; the generated transactionReference of a payment.
import {
  buildRequestRecord,
  prepareOperation,
  requestBody,
  resolveSettings,
  withReference,
} from '../../../../src/runtime/client';
import { cardOrderOperation, computeSeal, InvalidRequestError, searchMandateOperation } from '../../../../src/runtime';

const config = {
  merchantId: '002001000000001',
  secretKey: '002001000000001_KEY1',
  keyVersion: 3,
  environment: 'TEST',
} as const;

test.each([
  // given config change, operation, want wire, url, content type
  [
    {},
    searchMandateOperation,
    'soap',
    'https://office-server-sogenactif.test.sips-services.com/services/v2/mandate',
    'text/xml; charset=utf-8',
  ],
  [
    { wire: 'json' as const },
    searchMandateOperation,
    'json',
    'https://office-server-sogenactif.test.sips-services.com/rs-services/v2/mandate/searchMandate',
    'application/json; charset=utf-8',
  ],
  [
    { serviceWires: { checkout: 'json' as const } },
    cardOrderOperation,
    'json',
    'https://office-server-sogenactif.test.sips-services.com/rs-services/v2/checkout/cardOrder',
    'application/json; charset=utf-8',
  ],
])('%p %#: wire %p', (change, operation, wire, url, contentType) => {
  const prepared = prepareOperation(resolveSettings({ ...config, ...change }), operation);
  expect(prepared).toMatchObject({ name: `${operation.service}.${operation.name}`, wire, url, hasSeal: true });
  expect(prepared.headers['Content-Type']).toBe(contentType);
});

test('the record carries the configuration fields, the recommended interfaceVersion and a seal over the rest', () => {
  const settings = resolveSettings(config);
  const record = buildRequestRecord(settings, prepareOperation(settings, searchMandateOperation), { customerId: 'C1' });
  expect(record).toMatchObject({
    customerId: 'C1',
    merchantId: '002001000000001',
    keyVersion: '3',
    interfaceVersion: searchMandateOperation.recommendedInterfaceVersion,
  });
  const { seal, ...rest } = record;
  expect(seal).toBe(computeSeal(rest, config.secretKey));
  expect(requestBody(prepareOperation(settings, searchMandateOperation), record)).toContain(
    '<ns:customerId>C1</ns:customerId>',
  );
});

test.each([
  [{ merchantId: '002001000000001' }, /merchantId is set from the client configuration/],
  [{ seal: 'x' }, /seal is set from the client configuration/],
  [{ customerId: 42 }, /customerId/],
])('a request with %p is refused', (request, want) => {
  const settings = resolveSettings(config);
  expect(() => buildRequestRecord(settings, prepareOperation(settings, searchMandateOperation), request)).toThrow(
    InvalidRequestError,
  );
  expect(() => buildRequestRecord(settings, prepareOperation(settings, searchMandateOperation), request)).toThrow(want);
});

test.each([
  // given operation, request, config change, want a generated reference
  [cardOrderOperation, { amount: 100 }, {}, true],
  [cardOrderOperation, { amount: 100, transactionReference: 'MINE' }, {}, false],
  [cardOrderOperation, { amount: 100 }, { generateTransactionReferences: false }, false],
  [searchMandateOperation, { customerId: 'C1' }, {}, false],
])('withReference %#', (operation, request, change, want) => {
  const out = withReference(resolveSettings({ ...config, ...change }), operation, request) as Record<string, unknown>;
  expect(out !== request).toBe(want);
  if (want) expect(out.transactionReference).toMatch(/^[A-Za-z0-9]+$/);
});

test("a struct's own since-version (said once for its fields) refuses a field newer than the version sent", () => {
  // The generated tables state a module's since-baseline on the struct; the request fields must keep it.
  const schema = {
    structs: {
      Ask: {
        ns: 'urn:x',
        since: '2.60',
        fields: [
          { name: 'interfaceVersion', type: 'string' as const, since: '2.0' },
          { name: 'merchantId', type: 'string' as const, since: '2.0' },
          { name: 'keyVersion', type: 'integer' as const, since: '2.0' },
          { name: 'seal', type: 'string' as const, since: '2.0' },
          { name: 'novelty', type: 'string' as const },
        ],
      },
      Answer: { fields: [] },
    },
    enums: {},
  };
  const operation = {
    ...searchMandateOperation,
    name: 'ask',
    request: 'Ask',
    response: 'Answer',
    recommendedInterfaceVersion: 'MR_WS_2.55',
    schema,
  };
  const settings = resolveSettings(config);
  const prepared = prepareOperation(settings, operation);
  expect(() => buildRequestRecord(settings, prepared, { novelty: 'n' })).toThrow(
    /novelty appeared in interface version 2\.60, newer than the 2\.55 being sent/,
  );
  expect(buildRequestRecord(settings, prepared, { novelty: 'n', interfaceVersion: 'MR_WS_2.60' })).toMatchObject({
    novelty: 'n',
  });
});

test('a request key __proto__ (from JSON.parse) stays a field name: refused as no field, never the prototype', () => {
  const settings = resolveSettings(config);
  const request = JSON.parse('{"customerId":"C1","__proto__":{"polluted":"yes"}}') as object;
  expect(() => buildRequestRecord(settings, prepareOperation(settings, searchMandateOperation), request)).toThrow(
    /__proto__ is not a field of this request/,
  );
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
});
