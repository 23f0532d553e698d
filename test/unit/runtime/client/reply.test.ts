// The reply step (src/runtime/client/reply.ts): status and content type, HTML pages, faults, unsigned replies (an
// unknown merchant's 03 among them), seals, and the code field's outcome, on both wires.
import { htmlPageTitle, readReply, resolveSettings, type RawReply } from '../../../../src/runtime/client';
import {
  AuthenticationError,
  computeSeal,
  DeclinedError,
  InvalidResponseError,
  SealMismatchError,
  searchMandateOperation,
  SoapFaultError,
  TransportError,
} from '../../../../src/runtime';

const config = {
  merchantId: '002001000000001',
  secretKey: '002001000000001_KEY1',
  keyVersion: 1,
  environment: 'PROD',
} as const;
const settings = resolveSettings(config);
const sent = {
  customerId: 'C1',
  merchantId: config.merchantId,
  keyVersion: '1',
  interfaceVersion: 'MR_WS_2.58',
  seal: 'x',
};

function soap(fields: Record<string, string>, sealed = true): string {
  const all = sealed ? { ...fields, seal: computeSeal(fields, config.secretKey) } : fields;
  const inner = Object.entries(all)
    .map(([k, v]) => `<${k}>${v}</${k}>`)
    .join('');
  return (
    `<?xml version="1.0"?><s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><m:searchMand` +
    `ateResponse xmlns:m="urn:sips:cn:contract:office:mandate:v2"><output>${inner}` +
    `</output></m:searchMandateResponse></s:Body></s:Envelope>`
  );
}
const fault =
  '<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><s:Fault><faultcode>s:Server</faultcode>' +
  '<faultstring>boom</faultstring></s:Fault></s:Body></s:Envelope>';
const maintenance =
  '<!DOCTYPE html><html><head><title>Maintenance in progress</title></head><body>Back soon</body></html>';

const read = (reply: RawReply, wire: 'soap' | 'json' = 'soap') =>
  readReply(settings, searchMandateOperation, 'mandate.searchMandate', wire, reply, sent);

test('an HTML page on the JSON wire is a TransportError naming it', () => {
  expect(() => read({ status: 200, contentType: 'text/html', body: maintenance }, 'json')).toThrow(TransportError);
  expect(() => read({ status: 200, contentType: 'text/html', body: maintenance }, 'json')).toThrow(
    /HTML page instead of a reply/,
  );
});

test('a sealed 00 reads into the typed response', () => {
  expect(read({ status: 200, contentType: 'text/xml', body: soap({ mandateResponseCode: '00' }) })).toMatchObject({
    mandateResponseCode: '00',
  });
});

test.each([
  // given reply, want class, want message
  [
    { status: 503, contentType: 'text/html', body: maintenance },
    TransportError,
    /HTTP 503 with an HTML page instead of a reply \(a maintenance or proxy error page: "Maintenance in progress"\)/,
  ],
  [
    { status: 200, contentType: 'text/xml', body: maintenance },
    InvalidResponseError,
    /HTTP 200 with an HTML page instead of a reply/,
  ],
  [
    { status: 200, contentType: 'application/json', body: maintenance },
    InvalidResponseError,
    /HTML page instead of a reply/,
  ],
  [
    { status: 502, contentType: 'text/plain', body: 'Bad gateway' },
    TransportError,
    /HTTP 502 with a non-XML reply \(text\/plain\)/,
  ],
  [{ status: 200, contentType: 'text/xml', body: '<a><b></a>' }, InvalidResponseError, /not well-formed XML/],
  [{ status: 500, contentType: 'text/xml', body: fault }, SoapFaultError, /SOAP fault s:Server: boom \(HTTP 500\)/],
  [
    { status: 200, contentType: 'text/xml', body: soap({ mandateResponseCode: '00' }, false) },
    SealMismatchError,
    /carries no seal; refusing it \(set allowUnsignedResponses/,
  ],
  [
    { status: 200, contentType: 'text/xml', body: soap({ mandateResponseCode: '03' }, false) },
    AuthenticationError,
    new RegExp(
      String.raw`an unsigned reply saying mandateResponseCode 03 \(unknown merchant\): the gateway does not know` +
        String.raw` merchant 002001000000001 in this environment`,
    ),
  ],
  [
    { status: 200, contentType: 'text/xml', body: soap({ mandateResponseCode: '05' }) },
    DeclinedError,
    /mandateResponseCode 05/,
  ],
])('%#: %p', (reply, want, message) => {
  let error: unknown;
  try {
    read(reply);
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(want);
  expect((error as Error).message).toMatch(message);
});

test('an unsigned 03 is not called a seal problem and gives no advice to allow unsigned replies', () => {
  expect(() =>
    read({ status: 200, contentType: 'text/xml', body: soap({ mandateResponseCode: '03' }, false) }),
  ).not.toThrow(SealMismatchError);
  expect(() =>
    read({ status: 200, contentType: 'text/xml', body: soap({ mandateResponseCode: '03' }, false) }),
  ).not.toThrow(/allowUnsigned/);
});

test.each([
  ['text/html; charset=utf-8', '<p>hi</p>', ''],
  ['text/xml', '  <!doctype HTML><title> Down \n for work </title>', 'Down for work'],
  ['text/xml', '<?xml version="1.0"?><s:Envelope/>', undefined],
  ['application/json', '{"a":1}', undefined],
  // White space beyond ASCII before the page (no-break space, line separator): still a page.
  ['text/xml', '\u00a0\u2028 <html><title>Maintenance</title>', 'Maintenance'],
  ['text/xml', ' \u00a0 \u3000', undefined],
  ['text/xml', '\u00a0<?xml version="1.0"?><s:Envelope/>', undefined],
])('htmlPageTitle(%p, %p) is %p', (contentType, body, want) => {
  expect(htmlPageTitle(contentType, body)).toBe(want);
});

// The wire's protocol reads the body (wire/soap, wire/json); what each failure means for the call is decided once,
// alike for both wires: not the wire's syntax or unreadable under an error status, a TransportError with the outcome
// unknown; unreadable under 200, an InvalidResponseError.
test.each<['soap' | 'json', RawReply, typeof TransportError | typeof InvalidResponseError, RegExp]>([
  // given wire and reply, want class and message
  [
    'json',
    { status: 502, contentType: 'text/plain', body: 'Bad gateway' },
    TransportError,
    /^mandate\.searchMandate: HTTP 502 with a non-JSON reply \(text\/plain\)$/,
  ],
  [
    'soap',
    { status: 200, contentType: '', body: '{"a":"1"}' },
    TransportError,
    /^mandate\.searchMandate: HTTP 200 with a non-XML reply \(no content type\)$/,
  ],
  [
    'json',
    { status: 200, contentType: 'application/json', body: '{"a":' },
    InvalidResponseError,
    /^mandate\.searchMandate: reply is not well-formed JSON \(/,
  ],
  [
    'soap',
    { status: 200, contentType: 'text/xml', body: '<a' },
    InvalidResponseError,
    /^mandate\.searchMandate: reply is not well-formed XML \(/,
  ],
  [
    'json',
    { status: 500, contentType: 'application/json', body: '{"a":' },
    TransportError,
    /^mandate\.searchMandate: HTTP 500 with an unreadable body$/,
  ],
  [
    'soap',
    { status: 500, contentType: 'text/xml', body: '<a' },
    TransportError,
    /^mandate\.searchMandate: HTTP 500 with an unreadable body$/,
  ],
  [
    'json',
    { status: 503, contentType: 'application/json', body: '{"mandateResponseCode":"00"}' },
    TransportError,
    /^mandate\.searchMandate: HTTP 503$/,
  ],
  [
    'soap',
    { status: 503, contentType: 'text/xml', body: soap({ mandateResponseCode: '00' }) },
    TransportError,
    /^mandate\.searchMandate: HTTP 503$/,
  ],
  [
    'soap',
    { status: 500, contentType: 'text/xml', body: '<x:other xmlns:x="urn:x"/>' },
    TransportError,
    /^mandate\.searchMandate: HTTP 500$/,
  ],
  [
    'soap',
    { status: 200, contentType: 'text/xml', body: '<x:other xmlns:x="urn:x"/>' },
    InvalidResponseError,
    /^mandate\.searchMandate: not a SOAP 1\.1 envelope/,
  ],
])('%s wire, %j', (wire, reply, want, message) => {
  let error: unknown;
  try {
    read(reply, wire);
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(want);
  expect((error as Error).message).toMatch(message);
  if (error instanceof TransportError) expect(error.outcomeUnknown).toBe(true);
});
