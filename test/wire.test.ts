// src/wire.ts beyond the Sogenactif shape: attributes, simple content, nil, untyped content, bare and
// RPC bodies, SOAP 1.2, and reading replies back through the same descriptors.
import type { OperationDescriptor, SchemaTables } from '../src/descriptor';
import type { FieldIssue } from '../src/errors';
import { buildEnvelope, buildWireRecord, envelopeText, readReplyFields, ReplyShapeError } from '../src/wire';

const schema: SchemaTables = {
  structs: {
    Order: {
      fields: [
        { name: 'id', ns: 'urn:o', type: 'integer', required: true },
        { name: 'note', ns: 'urn:o', type: 'string', nillable: true },
        { name: 'tags', ns: 'urn:o', type: 'string', list: 'repeated', nillable: true },
        { name: 'amount', ns: 'urn:o', type: { struct: 'Amount' } },
        { name: 'extra', type: 'any' },
        { name: 'version', attribute: true, type: 'string', required: true },
        { name: 'lang', element: 'lang', ns: 'urn:o', attribute: true, type: 'string' },
        { name: 'origin', ns: 'urn:other', attribute: true, type: 'string' },
      ],
    },
    Amount: {
      fields: [
        { name: '$value', text: true, type: 'decimal', required: true },
        { name: 'currency', attribute: true, type: 'string' },
        { name: 'estimated', attribute: true, type: 'boolean' },
      ],
    },
    Open: { fields: [{ name: 'known', type: 'string' }], any: true },
    Parts: { fields: [{ name: 'first', type: 'string', required: true }, { name: 'second', type: 'integer', required: true }] },
    Empty: { fields: [] },
  },
  enums: {},
};

const operation = (overrides: Partial<OperationDescriptor>): OperationDescriptor => ({
  service: 's',
  name: 'op',
  namespace: 'urn:o',
  soapAction: '',
  soapVersion: '1.1',
  requestElement: 'order',
  responseElement: 'orderResponse',
  request: 'Order',
  response: 'Order',
  category: 'write',
  schema,
  ...overrides,
});

function envelope(op: OperationDescriptor, request: object): { body: string; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const wire = buildWireRecord(schema.structs[op.request]!, request, { schema, issues });
  const text = buildEnvelope(op, wire);
  return { body: /<soapenv:Body>([\s\S]*)<\/soapenv:Body>/.exec(text)![1]!, issues };
}

const XSI = 'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:nil="true"';

describe('request envelopes', () => {
  test.each<[string, Partial<OperationDescriptor>, object, string]>([
    [
      'attributes on the start tag (unqualified, in the element namespace, in another one)',
      {},
      { id: 1, version: '2', lang: 'fr', origin: 'web' },
      '<ns:order xmlns:ns="urn:o" version="2" ns:lang="fr" xmlns:a1="urn:other" a1:origin="web"><ns:id>1</ns:id></ns:order>',
    ],
    [
      'simple content with attributes',
      {},
      { id: 1, version: '2', amount: { $value: '10.50', currency: 'EUR', estimated: true } },
      '<ns:order xmlns:ns="urn:o" version="2"><ns:id>1</ns:id><ns:amount currency="EUR" estimated="true">10.50</ns:amount></ns:order>',
    ],
    [
      'null on a nillable field is xsi:nil, also for a list item',
      {},
      { id: 1, version: '2', note: null, tags: ['a', null] },
      `<ns:order xmlns:ns="urn:o" version="2"><ns:id>1</ns:id><ns:note ${XSI}/><ns:tags>a</ns:tags><ns:tags ${XSI}/></ns:order>`,
    ],
    [
      'untyped content: text, children, repeated children, attributes and text beside children',
      {},
      { id: 1, version: '2', extra: { a: 'x', b: [1, 2], c: { $attributes: { k: 'v&"' }, $value: 't' } } },
      '<ns:order xmlns:ns="urn:o" version="2"><ns:id>1</ns:id><extra><a>x</a><b>1</b><b>2</b><c k="v&amp;&quot;">t</c></extra></ns:order>',
    ],
    ['xs:any: properties the schema does not name become elements', { request: 'Open' }, { known: 'k', other: { deep: '1' } }, '<ns:order xmlns:ns="urn:o"><known>k</known><other><deep>1</deep></other></ns:order>'],
    ['bare document style: the parts directly in the Body', { request: 'Parts', requestElement: '' }, { first: 'a', second: 2 }, '<first>a</first><second>2</second>'],
    ['an empty bare request is an empty Body', { request: 'Empty', requestElement: '' }, {}, ''],
    ['RPC: the operation wrapper, its parts unqualified', { request: 'Parts', requestElement: 'op', style: 'rpc' }, { first: 'a', second: 2 }, '<ns:op xmlns:ns="urn:o"><first>a</first><second>2</second></ns:op>'],
    ['a body element in no namespace takes no prefix', { request: 'Parts', namespace: '' }, { first: 'a', second: 2 }, '<order><first>a</first><second>2</second></order>'],
    ['a qualified wrapper', { request: 'Parts', requestWrapper: 'input', requestWrapperNamespace: 'urn:o' }, { first: 'a', second: 2 }, '<ns:order xmlns:ns="urn:o"><ns:input><first>a</first><second>2</second></ns:input></ns:order>'],
  ])('%s', (_label, overrides, request, want) => {
    const { body, issues } = envelope(operation(overrides), request);
    expect(issues).toEqual([]);
    expect(body).toBe(want);
  });

  test.each<[string, string, object, FieldIssue[]]>([
    ['null on a field that is not nillable counts as absent', 'Order', { id: null, version: '2' }, [{ field: 'id', problem: 'is required' }]],
    ['a closed struct refuses properties it does not declare', 'Parts', { first: 'a', second: 1, third: 3 }, [{ field: 'third', problem: 'is not a field of this request' }]],
    ['an open struct refuses names XML cannot carry', 'Open', { 'not a name': 1 }, [{ field: 'not a name', problem: 'is not a valid XML element name' }]],
    ['attributes are typed', 'Amount', { $value: '1', estimated: 'yes' }, [{ field: 'estimated', problem: 'must be a boolean' }]],
  ])('%s', (_label, struct, request, want) => {
    const issues: FieldIssue[] = [];
    buildWireRecord(schema.structs[struct]!, request, { schema, issues });
    expect(issues).toEqual(want);
  });

  test('SOAP 1.2 envelope namespace', () => {
    const text = buildEnvelope(operation({ soapVersion: '1.2', request: 'Empty' }), {});
    expect(text).toContain('xmlns:soapenv="http://www.w3.org/2003/05/soap-envelope"');
  });
});

describe('replies read back by the same descriptors', () => {
  const reply = (body: string, env = 'http://schemas.xmlsoap.org/soap/envelope/') =>
    `<?xml version="1.0"?><s:Envelope xmlns:s="${env}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><s:Body>${body}</s:Body></s:Envelope>`;

  test.each<[string, Partial<OperationDescriptor>, string, Record<string, unknown>]>([
    [
      'attributes and simple content, typed',
      {},
      '<o:orderResponse xmlns:o="urn:o" version="2" o:lang="fr"><o:id>7</o:id><o:amount currency="EUR" estimated="true">10.50</o:amount></o:orderResponse>',
      { version: '2', lang: 'fr', id: 7, amount: { $value: '10.50', currency: 'EUR', estimated: true } },
    ],
    ['xsi:nil on a nillable field and list item is null', {}, '<o:orderResponse xmlns:o="urn:o"><o:note xsi:nil="true"/><o:tags>a</o:tags><o:tags xsi:nil="true"/></o:orderResponse>', { note: null, tags: ['a', null] }],
    ['xsi:nil on a field that is not nillable reads as its type', { response: 'Parts' }, '<o:orderResponse xmlns:o="urn:o"><first xsi:nil="true"/></o:orderResponse>', { first: '' }],
    [
      'untyped content keeps attributes and text',
      {},
      '<o:orderResponse xmlns:o="urn:o"><extra><a k="v">x</a><b>1</b><b>2</b></extra></o:orderResponse>',
      { extra: { a: { $attributes: { k: 'v' }, $value: 'x' }, b: ['1', '2'] } },
    ],
    ['RPC: any wrapper name, parts by name', { style: 'rpc', response: 'Parts' }, '<x:whatever xmlns:x="urn:else"><first>a</first><second>2</second></x:whatever>', { first: 'a', second: 2 }],
    ['bare: the parts directly in the Body', { responseElement: '', response: 'Parts' }, '<first>a</first><second>2</second>', { first: 'a', second: 2 }],
  ])('%s', (_label, overrides, body, want) => {
    expect(readReplyFields(operation(overrides), reply(body))).toEqual(want);
  });

  test.each<[string, Partial<OperationDescriptor>, string, RegExp]>([
    ['another body element', {}, reply('<o:other xmlns:o="urn:o"/>'), /expected \{urn:o\}orderResponse in the SOAP body, got \{urn:o\}other/],
    ['the body element in the wrong namespace', {}, reply('<orderResponse/>'), /got \{\}orderResponse/],
    ['a SOAP 1.1 envelope for a SOAP 1.2 operation', { soapVersion: '1.2' }, reply('<o:orderResponse xmlns:o="urn:o"/>'), /not a SOAP 1\.2 envelope/],
    ['a fault', {}, reply('<s:Fault xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><faultcode>s:Server</faultcode><faultstring>boom</faultstring></s:Fault>'), /SOAP fault s:Server/],
  ])('refuses %s', (_label, overrides, text, message) => {
    expect(() => readReplyFields(operation(overrides), text)).toThrow(ReplyShapeError);
    expect(() => readReplyFields(operation(overrides), text)).toThrow(message);
  });

  test('the root part of a multipart/related (MTOM) reply', () => {
    const part = reply('<o:orderResponse xmlns:o="urn:o"><o:id>1</o:id></o:orderResponse>');
    const mime = `--MIMEBoundary_1\r\nContent-Type: application/xop+xml; type="text/xml"\r\nContent-ID: <0@x>\r\n\r\n${part}\r\n--MIMEBoundary_1\r\nContent-Type: text/plain\r\n\r\nattachment\r\n--MIMEBoundary_1--\r\n`;
    expect(envelopeText(mime)).toBe(part);
    expect(readReplyFields(operation({}), mime)).toEqual({ id: 1 });
    expect(envelopeText(part)).toBe(part);
  });
});
