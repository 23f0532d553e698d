// src/runtime/wire/soap (protocols.soap): given/want for each direction of the SOAP wire: a request serialised
// (headers, URL, envelope), a reply read (record or fault, SOAP 1.1 and 1.2), a caller's request read on the server
// side, and Faults written and read back.
import type { OperationDescriptor, ServiceDescriptor } from '../../../../src/runtime/descriptor';
import {
  faultEnvelope,
  protocols,
  readFault,
  ReplyShapeError,
  RequestShapeError,
  WireSyntaxError,
  type FaultToWrite,
  type WireFault,
} from '../../../../src/runtime/wire';
import { parseXml } from '../../../../src/runtime/wire/soap/xml';
import { operation, reply } from '../../../support/wire-fixtures';

const soap = protocols.soap;
const SOAP11 = 'http://schemas.xmlsoap.org/soap/envelope/';
const SOAP12 = 'http://www.w3.org/2003/05/soap-envelope';
const parts = operation({ request: 'Parts', response: 'Parts', soapAction: 'urn:o#op' });

describe('a request serialised', () => {
  test.each<[string, Partial<OperationDescriptor>, Record<string, string>]>([
    [
      'SOAP 1.1: text/xml and a quoted SOAPAction',
      {},
      { 'Content-Type': 'text/xml; charset=utf-8', SOAPAction: '"urn:o#op"', Accept: 'text/xml' },
    ],
    [
      'SOAP 1.2: the action in the content type',
      { soapVersion: '1.2' },
      {
        'Content-Type': 'application/soap+xml; charset=utf-8; action="urn:o#op"',
        Accept: 'application/soap+xml, text/xml',
      },
    ],
  ])('headers, %s', (_label, overrides, want) => {
    expect(soap.headers({ ...parts, ...overrides })).toEqual(want);
  });

  test.each<[string, Partial<OperationDescriptor>, string]>([
    [
      'a Sips service: /services/v2/<service> under the environment',
      { service: 'checkout' },
      'https://office-server.sogenactif.com/services/v2/checkout',
    ],
    [
      'a foreign contract: its own soap:address',
      { address: 'https://foreign.example/ws/Orders?x=1' },
      'https://foreign.example/ws/Orders?x=1',
    ],
  ])('url, %s', (_label, overrides, want) => {
    expect(soap.url('PROD', { ...parts, ...overrides })).toBe(want);
  });

  test('a foreign address keeps its path under a base URL environment', () => {
    expect(soap.url('http://127.0.0.1:8080/proxy', { ...parts, address: 'https://foreign.example/ws/Orders' })).toBe(
      'http://127.0.0.1:8080/proxy/ws/Orders',
    );
  });

  test.each<[string, SoapVersionCase, string]>([
    ['SOAP 1.1', '1.1', SOAP11],
    ['SOAP 1.2', '1.2', SOAP12],
  ])('body, %s: the whole envelope in descriptor order', (_label, soapVersion, namespace) => {
    expect(soap.body({ ...parts, soapVersion }, { second: '2', first: 'a&b' })).toBe(
      `<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="${namespace}` +
        `"><soapenv:Body><ns:order xmlns:ns="urn:o"><first>a&amp;b</first><second>2</second></ns:order></soapen` +
        `v:Body></soapenv:Envelope>`,
    );
  });
});

type SoapVersionCase = '1.1' | '1.2';

describe('a reply read', () => {
  test.each<[string, string, boolean]>([
    ['text/xml', '', true],
    ['application/soap+xml; charset=utf-8', '', true],
    ['', '  <?xml version="1.0"?><x/>', true],
    ['application/json', '{"a":1}', false],
    ['text/plain', 'Service Unavailable', false],
  ])('accepts %p with body %p: %p', (contentType, body, want) => {
    expect(soap.accepts(contentType, body)).toBe(want);
  });

  test('a record: each field as the text received, the element it came from beside it', () => {
    const read = soap.read(
      parts,
      reply('<o:orderResponse xmlns:o="urn:o"><first> a </first><second>02</second></o:orderResponse>'),
    );
    expect(read.kind).toBe('record');
    expect(read.kind === 'record' && { record: { ...read.record }, content: read.content?.local }).toEqual({
      record: { first: ' a ', second: '02' },
      content: 'orderResponse',
    });
  });

  test.each<[string, Partial<OperationDescriptor>, string, WireFault]>([
    [
      'SOAP 1.1: faultcode, faultstring, detail',
      {},
      reply(
        '<s:Fault><faultcode>s:Server</faultcode><faultstring> boom </faultstring><detail><x:why ' +
          'xmlns:x="urn:x">db</x:why></detail></s:Fault>',
      ),
      { code: 's:Server', reason: 'boom', detail: expect.objectContaining({ local: 'detail' }) },
    ],
    [
      'SOAP 1.2: Code/Value, Subcode, Reason/Text, Detail',
      { soapVersion: '1.2' },
      reply(
        '<s:Fault><s:Code><s:Value>s:Sender</s:Value><s:Subcode><s:Value>x:Bad</s:Value></s:Subcode></s:Code><s' +
          ':Reason><s:Text xml:lang="en">no</s:Text></s:Reason><s:Detail/></s:Fault>',
        SOAP12,
      ),
      { code: 's:Sender', subcode: 'x:Bad', reason: 'no', detail: expect.objectContaining({ local: 'Detail' }) },
    ],
    [
      'SOAP 1.1 without detail',
      {},
      reply('<s:Fault><faultcode>s:Client</faultcode><faultstring>bad</faultstring></s:Fault>'),
      { code: 's:Client', reason: 'bad' },
    ],
  ])('a fault, %s', (_label, overrides, text, want) => {
    expect(soap.read({ ...parts, ...overrides }, text)).toEqual({ kind: 'fault', fault: want });
  });

  test.each<[string, string, new (...args: never[]) => Error, RegExp]>([
    ['not well-formed', '<s:Envelope', WireSyntaxError, /malformed XML/],
    ['not an envelope', '<orderResponse/>', ReplyShapeError, /not a SOAP 1\.1 envelope/],
    ['another body element', reply('<o:other xmlns:o="urn:o"/>'), ReplyShapeError, /got \{urn:o\}other/],
  ])('refused: %s', (_label, text, type, message) => {
    expect(() => soap.read(parts, text)).toThrow(type);
    expect(() => soap.read(parts, text)).toThrow(message);
  });
});

describe("a caller's request read (the gateway, the simulator)", () => {
  const service: ServiceDescriptor = {
    name: 's',
    namespace: 'urn:o',
    operations: {
      op: parts,
      wrapped: operation({
        name: 'wrapped',
        request: 'Parts',
        requestElement: 'wrappedRequest',
        requestWrapper: 'input',
      }),
    },
  };
  const envelope = (body: string, namespace = SOAP11): string =>
    `<e:Envelope xmlns:e="${namespace}"><e:Body>${body}</e:Body></e:Envelope>`;

  test.each<[string, string, string, Record<string, unknown>]>([
    [
      'SOAP 1.1, the text as written (entities resolved, spaces kept)',
      envelope('<o:order xmlns:o="urn:o"><first> a&amp;b </first><second>2</second></o:order>'),
      'op',
      { first: ' a&b ', second: '2' },
    ],
    ['SOAP 1.2', envelope('<o:order xmlns:o="urn:o"><first>a</first></o:order>', SOAP12), 'op', { first: 'a' }],
    [
      'a wrapper',
      envelope('<o:wrappedRequest xmlns:o="urn:o"><input><first>w</first></input></o:wrappedRequest>'),
      'wrapped',
      { first: 'w' },
    ],
  ])('%s', (_label, body, name, record) => {
    const read = soap.readRequest(service, body);
    expect([read.operation.name, { ...read.record }]).toEqual([name, record]);
  });

  test.each<[string, string, Pick<RequestShapeError, 'kind' | 'field' | 'problem'>, RegExp]>([
    [
      'not well-formed',
      '<e:Envelope',
      { kind: 'syntax', field: '(envelope)', problem: 'must be well-formed XML' },
      /not well-formed XML/,
    ],
    [
      'not an envelope',
      '<order/>',
      { kind: 'envelope', field: '(envelope)', problem: 'must be a SOAP 1.1 or 1.2 envelope' },
      /not a SOAP envelope with a Body \(root element \{\}order\)/,
    ],
    [
      'an empty Body',
      envelope(''),
      { kind: 'envelope', field: '(body)', problem: 'must hold the operation element' },
      /the SOAP Body is empty/,
    ],
    [
      'an unknown body element',
      envelope('<o:nothing xmlns:o="urn:o"/>'),
      { kind: 'operation', field: '(body)', problem: 'must be an operation element of the service' },
      /s has no operation for the body element \{urn:o\}nothing/,
    ],
    [
      'the right element in another namespace',
      envelope('<order/>'),
      { kind: 'operation', field: '(body)', problem: 'must be an operation element of the service' },
      /\{\}order/,
    ],
    [
      'a missing wrapper',
      envelope('<o:wrappedRequest xmlns:o="urn:o"/>'),
      { kind: 'wrapper', field: 'input', problem: 'is required' },
      /<input> missing in <wrappedRequest>/,
    ],
  ])('refused: %s', (_label, body, want, message) => {
    let error: unknown;
    try {
      soap.readRequest(service, body);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(RequestShapeError);
    expect(error).toMatchObject(want);
    expect((error as Error).message).toMatch(message);
  });
});

describe('Faults written', () => {
  test.each<[string, '1.1' | '1.2', FaultToWrite, string]>([
    [
      'SOAP 1.1, the side as the code, the reason escaped',
      '1.1',
      { side: 'Client', reason: 'a < b & c' },
      `<?xml version="1.0" encoding="UTF-8"?><soap:Envelope xmlns:soap="${SOAP11}` +
        `"><soap:Body><soap:Fault><faultcode>soap:Client</faultcode><faultstring>a &lt; b &amp; ` +
        `c</faultstring></soap:Fault></soap:Body></soap:Envelope>`,
    ],
    [
      'SOAP 1.1, an own code and a detail in its namespace',
      '1.1',
      {
        side: 'Server',
        code: 'gw:Busy',
        reason: 'busy',
        detail: '<gw:sent>no</gw:sent>',
        namespaces: { gw: 'urn:gw' },
      },
      `<?xml version="1.0" encoding="UTF-8"?><soap:Envelope xmlns:soap="${SOAP11}` +
        `" xmlns:gw="urn:gw"><soap:Body><soap:Fault><faultcode>gw:Busy</faultcode><faultstring>busy</faultstrin` +
        `g><detail><gw:sent>no</gw:sent></detail></soap:Fault></soap:Body></soap:Envelope>`,
    ],
    [
      'SOAP 1.2, Sender with the own code as Subcode',
      '1.2',
      { side: 'Client', code: 'gw:InvalidRequest', reason: 'bad', namespaces: { gw: 'urn:gw' } },
      `<?xml version="1.0" encoding="UTF-8"?><soap:Envelope xmlns:soap="${SOAP12}` +
        `" xmlns:gw="urn:gw"><soap:Body><soap:Fault><soap:Code><soap:Value>soap:Sender</soap:Value><soap:Subcod` +
        `e><soap:Value>gw:InvalidRequest</soap:Value></soap:Subcode></soap:Code><soap:Reason><soap:Text ` +
        `xml:lang="en">bad</soap:Text></soap:Reason></soap:Fault></soap:Body></soap:Envelope>`,
    ],
    [
      'SOAP 1.2, Receiver and a Detail',
      '1.2',
      { side: 'Server', reason: 'down', detail: '<why>db</why>' },
      `<?xml version="1.0" encoding="UTF-8"?><soap:Envelope xmlns:soap="${SOAP12}` +
        `"><soap:Body><soap:Fault><soap:Code><soap:Value>soap:Receiver</soap:Value></soap:Code><soap:Reason><so` +
        `ap:Text xml:lang="en">down</soap:Text></soap:Reason><soap:Detail><why>db</why></soap:Detail></soap:Fau` +
        `lt></soap:Body></soap:Envelope>`,
    ],
  ])('%s', (_label, version, fault, want) => {
    expect(faultEnvelope(version, fault)).toBe(want);
  });

  test.each<['1.1' | '1.2', FaultToWrite, WireFault]>([
    [
      '1.1',
      { side: 'Server', code: 'gw:Busy', reason: 'busy & full', namespaces: { gw: 'urn:gw' } },
      { code: 'gw:Busy', reason: 'busy & full' },
    ],
    [
      '1.2',
      { side: 'Client', code: 'gw:Bad', reason: 'no', namespaces: { gw: 'urn:gw' } },
      { code: 'soap:Sender', subcode: 'gw:Bad', reason: 'no' },
    ],
  ])('SOAP %s: written, then read back by the reply reader', (version, fault, want) => {
    const text = faultEnvelope(version, fault);
    expect(soap.read({ ...parts, soapVersion: version }, text)).toEqual({ kind: 'fault', fault: want });
    const root = parseXml(text);
    expect(readFault(root.children[0]!.children[0]!)).toEqual(want);
  });
});
