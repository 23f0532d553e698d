// src/runtime/wire/soap/envelope.ts and write.ts: request envelopes in descriptor order (attributes, simple content,
// nil, untyped content, xs:any, bare and RPC bodies, qualified wrappers, SOAP 1.2).
import type { OperationDescriptor } from '../../../../../src/runtime/descriptor';
import { buildEnvelope } from '../../../../../src/runtime/wire';
import { envelope, operation, XSI } from '../../../../support/wire-fixtures';

describe('request envelopes', () => {
  test.each<[string, Partial<OperationDescriptor>, object, string]>([
    [
      'attributes on the start tag (unqualified, in the element namespace, in another one)',
      {},
      { id: 1, version: '2', lang: 'fr', origin: 'web' },
      '<ns:order xmlns:ns="urn:o" version="2" ns:lang="fr" xmlns:a1="urn:other" ' +
        'a1:origin="web"><ns:id>1</ns:id></ns:order>',
    ],
    [
      'simple content with attributes',
      {},
      { id: 1, version: '2', amount: { $value: '10.50', currency: 'EUR', estimated: true } },
      '<ns:order xmlns:ns="urn:o" version="2"><ns:id>1</ns:id><ns:amount currency="EUR" ' +
        'estimated="true">10.50</ns:amount></ns:order>',
    ],
    [
      'null on a nillable field is xsi:nil, also for a list item',
      {},
      { id: 1, version: '2', note: null, tags: ['a', null] },
      `<ns:order xmlns:ns="urn:o" version="2"><ns:id>1</ns:id><ns:note ${XSI}/><ns:tags>a</ns:tags><ns:tags ` +
        `${XSI}/></ns:order>`,
    ],
    [
      'untyped content: text, children, repeated children, attributes and text beside children',
      {},
      { id: 1, version: '2', extra: { a: 'x', b: [1, 2], c: { $attributes: { k: 'v&"' }, $value: 't' } } },
      '<ns:order xmlns:ns="urn:o" version="2"><ns:id>1</ns:id><extra><a>x</a><b>1</b><b>2</b><c ' +
        'k="v&amp;&quot;">t</c></extra></ns:order>',
    ],
    [
      'xs:any: properties the schema does not name become elements',
      { request: 'Open' },
      { known: 'k', other: { deep: '1' } },
      '<ns:order xmlns:ns="urn:o"><known>k</known><other><deep>1</deep></other></ns:order>',
    ],
    [
      'bare document style: the parts directly in the Body',
      { request: 'Parts', requestElement: '' },
      { first: 'a', second: 2 },
      '<first>a</first><second>2</second>',
    ],
    ['an empty bare request is an empty Body', { request: 'Empty', requestElement: '' }, {}, ''],
    [
      'RPC: the operation wrapper, its parts unqualified',
      { request: 'Parts', requestElement: 'op', style: 'rpc' },
      { first: 'a', second: 2 },
      '<ns:op xmlns:ns="urn:o"><first>a</first><second>2</second></ns:op>',
    ],
    [
      'a body element in no namespace takes no prefix',
      { request: 'Parts', namespace: '' },
      { first: 'a', second: 2 },
      '<order><first>a</first><second>2</second></order>',
    ],
    [
      'a qualified wrapper',
      { request: 'Parts', requestWrapper: 'input', requestWrapperNamespace: 'urn:o' },
      { first: 'a', second: 2 },
      '<ns:order xmlns:ns="urn:o"><ns:input><first>a</first><second>2</second></ns:input></ns:order>',
    ],
  ])('%s', (_label, overrides, request, want) => {
    const { body, issues } = envelope(operation(overrides), request);
    expect(issues).toEqual([]);
    expect(body).toBe(want);
  });

  test('SOAP 1.2 envelope namespace', () => {
    const text = buildEnvelope(operation({ soapVersion: '1.2', request: 'Empty' }), {});
    expect(text).toContain('xmlns:soapenv="http://www.w3.org/2003/05/soap-envelope"');
  });
});

describe('a plain wire record is written from its own keys', () => {
  // A plain record (or one of no prototype) has its fields visited from its own keys, in descriptor order whatever
  // the keys' order; any other record has every field of the struct read. Both write the same bytes.
  class Record {
    constructor(fields: object) {
      Object.assign(this, fields);
    }
  }
  const records: object[] = [
    { id: '1', version: '2', note: 'a & b < c', tags: ['x', 'y'] },
    { tags: ['x'], note: 'n', id: '1', version: '2' },
    { tags: ['x'], note: 'n', id: '1', version: '2' },
    { amount: { currency: 'EUR', $value: '1.50' }, extra: { any: 'thing' }, id: '7', lang: 'fr', version: '2' },
    { id: '1', version: '2', unknown: 'not written' },
    { id: '1', version: '2', tags: ['a', undefined, 'b'] },
    {},
  ];
  test.each(records.map((record, i) => [i, record] as const))('record %i', (_i, record) => {
    for (const op of [operation({}), operation({ requestWrapper: 'input', requestWrapperNamespace: 'urn:o' })]) {
      const want = buildEnvelope(op, new Record(record) as never);
      expect(buildEnvelope(op, record as never)).toBe(want);
      expect(buildEnvelope(op, Object.assign(Object.create(null) as object, record) as never)).toBe(want);
    }
  });

  test('an undefined list item writes an empty element, as the joined pieces did', () => {
    expect(buildEnvelope(operation({}), { id: '1', version: '2', tags: ['a', undefined] } as never)).toContain(
      '<ns:tags>a</ns:tags><ns:tags></ns:tags>',
    );
  });
});
