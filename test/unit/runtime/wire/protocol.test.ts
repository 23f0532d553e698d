// src/runtime/wire/index.ts: the one seam. Each wire's protocol is found by its name, and what one side writes the
// other side reads back: a request written by the client's `body` is read by the server's `readRequest` into the same
// record, field text for field text, on both wires.
import type { ServiceDescriptor } from '../../../../src/runtime/descriptor';
import { isWire, protocols, type Wire } from '../../../../src/runtime/wire';
import { buildWireRecord, NIL, type WireRecord } from '../../../../src/runtime/record';
import { operation, schema } from '../../../support/wire-fixtures';

test('protocols: one per wire, each under its own name', () => {
  expect(Object.keys(protocols).sort()).toEqual(['json', 'soap']);
  for (const wire of Object.keys(protocols) as Wire[]) {
    expect(protocols[wire].wire).toBe(wire);
    expect(isWire(wire)).toBe(true);
  }
  expect([isWire('rest'), isWire(undefined), isWire('SOAP')]).toEqual([false, false, false]);
});

const parts = operation({ name: 'op', request: 'Parts', response: 'Parts' });
const order = operation({ name: 'place', requestElement: 'place', jsonPath: 'Place' });
const service: ServiceDescriptor = { name: 's', namespace: 'urn:o', operations: { op: parts, place: order } };

/** The record as JSON with NIL shown, for comparing records across wires. */
const shown = (record: WireRecord): unknown =>
  JSON.parse(JSON.stringify(record, (_key, value: unknown) => (value === NIL ? '<nil>' : value)));

/**
 * What the server reads of a record the client wrote: the record itself, except that the JSON wire's null (a nil
 * field) reads as absent, as the seal rule reads it (the JSON interface has no nil: null is no value).
 */
const readBack = (wire: Wire, record: WireRecord): WireRecord =>
  wire === 'json' ? Object.fromEntries(Object.entries(record).filter(([, value]) => value !== NIL)) : record;

test.each<[string, Wire, typeof parts, object, string | undefined]>([
  ['SOAP, flat fields', 'soap', parts, { first: 'a & <b>', second: 2 }, undefined],
  ['JSON, flat fields', 'json', parts, { first: 'a & <b>', second: 2 }, 'op'],
  [
    'SOAP, attributes, simple content, a nil and a list',
    'soap',
    order,
    { id: 7, version: '2', note: null, tags: ['x', 'y'], amount: { $value: '10.50', currency: 'EUR' } },
    undefined,
  ],
  [
    'JSON, nested object, a nil and a list (found by its documented path)',
    'json',
    order,
    { id: 7, version: '2', note: null, tags: ['x', 'y'], amount: { $value: '10.50', currency: 'EUR' } },
    'Place',
  ],
])("%s: the client's body read back by the server's readRequest", (_label, wire, op, request, segment) => {
  const issues: { field: string; problem: string }[] = [];
  const record = buildWireRecord(schema.structs[op.request]!, request, { schema, issues });
  expect(issues).toEqual([]);
  const protocol = protocols[wire];
  const read = protocol.readRequest(service, protocol.body(op, record), segment);
  expect(read.operation).toBe(op);
  expect(shown(read.record)).toEqual(shown(readBack(wire, record)));
  expect(Object.values(record)).toContain(op === order ? NIL : 'a & <b>');
});

test.each([
  [
    'soap',
    { status: 400, side: 'Client', reason: 'bad <request>' },
    500,
    'text/xml; charset=utf-8',
    '<faultcode>soap:Client</faultcode><faultstring>bad &lt;request&gt;</faultstring>',
  ],
  [
    'soap',
    {
      status: 413,
      side: 'Client',
      reason: 'too large',
      beforeProcessing: true,
      code: 'x:Big',
      namespaces: { x: 'urn:x' },
    },
    413,
    'text/xml; charset=utf-8',
    '<faultcode>x:Big</faultcode><faultstring>too large</faultstring>',
  ],
  [
    'json',
    { status: 404, side: 'Client', reason: 'no operation s/x' },
    404,
    'application/json; charset=utf-8',
    '{"error":"no operation s/x"}',
  ],
  [
    'json',
    { status: 409, side: 'Server', reason: 'lost', beforeProcessing: false, json: { gatewayError: { code: 'C' } } },
    409,
    'application/json; charset=utf-8',
    '{"gatewayError":{"code":"C"}}',
  ],
] as const)('errorAnswer on %s: %j', (wire, error, status, contentType, body) => {
  const answer = protocols[wire].errorAnswer(error);
  expect([answer.status, answer.contentType]).toEqual([status, contentType]);
  expect(answer.body).toContain(body);
});
