// src/runtime/wire/json (protocols.json): given/want for each direction of the JSON wire: a request serialised
// (headers, URL, body), a reply read (the JSON interface has no fault: its errors are replies with a code), and a
// caller's request read on the server side.
import type { OperationDescriptor, SchemaTables, ServiceDescriptor } from '../../../../src/runtime/descriptor';
import { JsonSyntaxError, protocols, RequestShapeError, WireSyntaxError } from '../../../../src/runtime/wire';
import { NIL, type WireRecord } from '../../../../src/runtime/record';
import { operation } from '../../../support/wire-fixtures';

const json = protocols.json;

const schema: SchemaTables = {
  structs: {
    Order: {
      fields: [
        { name: 'id', type: 'integer' },
        { name: 'amount', type: 'number' },
        { name: 'note', type: 'string', nillable: true },
        { name: 'code', type: 'string' },
        { name: 'lines', type: { struct: 'Line' }, list: 'repeated' },
        { name: 'tags', type: 'string', list: 'repeated' },
      ],
    },
    Line: {
      fields: [
        { name: 'sku', type: 'string' },
        { name: 'quantity', type: 'integer' },
      ],
    },
  },
  enums: {},
};
const order = operation({ service: 'shop', name: 'placeOrder', schema, request: 'Order', response: 'Order' });

describe('a request serialised', () => {
  test('headers: JSON both ways', () => {
    expect(json.headers(order)).toEqual({
      'Content-Type': 'application/json; charset=utf-8',
      Accept: 'application/json',
    });
  });

  test.each<[string, Partial<OperationDescriptor>, string, string]>([
    [
      'the method name',
      {},
      'TEST',
      'https://office-server-sogenactif.test.sips-services.com/rs-services/v2/shop/placeOrder',
    ],
    [
      "the documentation's path where it differs",
      { jsonPath: 'PlaceOrder' },
      'PROD',
      'https://office-server.sogenactif.com/rs-services/v2/shop/PlaceOrder',
    ],
    ['under a base URL', {}, 'http://127.0.0.1:8080', 'http://127.0.0.1:8080/rs-services/v2/shop/placeOrder'],
  ])('url: %s', (_label, overrides, environment, want) => {
    expect(json.url(environment, { ...order, ...overrides })).toBe(want);
  });

  test.each<[string, WireRecord, string]>([
    [
      'integer and number fields as JSON numbers, the rest as strings',
      { id: '7', amount: '10.50', code: '007' },
      '{"id":7,"amount":10.50,"code":"007"}',
    ],
    ['a number field whose text is not a number stays a string', { amount: 'ten' }, '{"amount":"ten"}'],
    [
      'nil as null, lists as arrays, containers as objects',
      { note: NIL, tags: ['a', 'b'], lines: [{ sku: 'X', quantity: '2' }] },
      '{"note":null,"tags":["a","b"],"lines":[{"sku":"X","quantity":2}]}',
    ],
    ['characters JSON escapes', { code: 'a"b\\c\n\u0001' }, '{"code":"a\\"b\\\\c\\n\\u0001"}'],
    [
      'the record order, not the descriptor order (the seal is computed over the values sent)',
      { code: 'c', id: '1' },
      '{"code":"c","id":1}',
    ],
  ])('body: %s', (_label, record, want) => {
    expect(json.body(order, record)).toBe(want);
  });
});

describe('a reply read', () => {
  test.each<[string, string, boolean]>([
    ['application/json', '', true],
    ['application/problem+json', '', true],
    ['', ' {"a":"1"}', true],
    ['text/xml', '<a/>', false],
    ['text/html', '<html></html>', false],
  ])('accepts %p with body %p: %p', (contentType, body, want) => {
    expect(json.accepts(contentType, body)).toBe(want);
  });

  test.each<[string, string, WireRecord]>([
    [
      "each scalar's text as received: a number's digits, true/false by name, null left out",
      '{"id":7.10,"ok":true,"note":null,"code":"00"}',
      { id: '7.10', ok: 'true', code: '00' },
    ],
    [
      'nested objects and lists; a null list item is nil',
      '{"lines":[{"sku":"X"},null],"tags":[]}',
      { lines: [{ sku: 'X' }, NIL], tags: [] },
    ],
    ['a byte order mark skipped, escapes decoded', '\uFEFF{"code":"\\u00e9\\n"}', { code: 'é\n' }],
  ])('a record: %s', (_label, text, want) => {
    const read = json.read(order, text);
    expect(read.kind).toBe('record');
    expect(
      read.kind === 'record' && JSON.parse(JSON.stringify(read.record, (_k, v: unknown) => (v === NIL ? '<nil>' : v))),
    ).toEqual(JSON.parse(JSON.stringify(want, (_k, v: unknown) => (v === NIL ? '<nil>' : v))));
  });

  test.each<[string, string, RegExp]>([
    ['not an object', '["a"]', /a JSON message must be an object at offset 0/],
    ['a duplicated key (two values for one sealed field)', '{"code":"00","code":"05"}', /duplicated key "code"/],
    ['text after the object', '{"a":"1"} x', /text after the JSON object/],
    ['unterminated', '{"a":"1', /unterminated string/],
  ])('refused as a WireSyntaxError: %s', (_label, text, message) => {
    expect(() => json.read(order, text)).toThrow(JsonSyntaxError);
    expect(() => json.read(order, text)).toThrow(WireSyntaxError);
    expect(() => json.read(order, text)).toThrow(message);
  });
});

describe("a caller's request read (the gateway, the simulator)", () => {
  const service: ServiceDescriptor = {
    name: 'shop',
    namespace: 'urn:o',
    operations: { placeOrder: { ...order, jsonPath: 'PlaceOrder' } },
  };

  test.each<[string, string, Record<string, unknown>]>([
    ["the documentation's path", 'PlaceOrder', { id: '1' }],
    ['the method name', 'placeOrder', { id: '1' }],
  ])('found by %s', (_label, segment, want) => {
    const read = json.readRequest(service, '{"id":1}', segment);
    expect([read.operation.name, { ...read.record }]).toEqual(['placeOrder', want]);
  });

  test.each<[string, string, string, Pick<RequestShapeError, 'kind' | 'field' | 'problem'>, RegExp]>([
    [
      'no such operation',
      'cancelOrder',
      '{}',
      { kind: 'operation', field: '(path)', problem: 'must name an operation of the service' },
      /no operation shop\/cancelOrder/,
    ],
    [
      'not JSON',
      'placeOrder',
      '<a/>',
      { kind: 'syntax', field: '(body)', problem: 'must be a JSON object' },
      /the request is not a JSON object \(a JSON message must be an object at offset 0\)/,
    ],
  ])('refused: %s', (_label, segment, body, want, message) => {
    let error: unknown;
    try {
      json.readRequest(service, body, segment);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(RequestShapeError);
    expect(error).toMatchObject(want);
    expect((error as Error).message).toMatch(message);
  });
});
