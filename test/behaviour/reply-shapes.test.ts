// The client reads every reply shape the generator supports, through the same reader as the conformance run
// (wire.readReply): document/literal wrapped, bare, RPC with any wrapper name, another response namespace,
// MTOM (multipart/related). Given the reply text, want the fields.
import { createClient } from '../../src/runtime';
import type { OperationDescriptor, SchemaTables } from '../../src/runtime/descriptor';
import type { Transport } from '../../src/runtime/transport';
import { readReplyFields } from '../support/wire-fixtures';

const schema: SchemaTables = {
  structs: {
    Ask: { fields: [{ name: 'question', type: 'string' }] },
    Answer: {
      fields: [
        { name: 'value', type: 'string' },
        { name: 'count', type: 'integer' },
      ],
    },
  },
  enums: {},
};
const base: OperationDescriptor = {
  service: 'shop',
  name: 'ask',
  namespace: 'urn:shop',
  soapAction: '',
  soapVersion: '1.1',
  requestElement: 'ask',
  responseElement: 'askResponse',
  request: 'Ask',
  response: 'Answer',
  category: 'read',
  schema,
};
const envelope = (body: string) =>
  `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body>${body}</s:Body></s:Envelope>`;
const fields = '<value>forty-two</value><count>42</count>';

const cases: [string, OperationDescriptor, string, string?][] = [
  ['document/literal wrapped', base, envelope(`<r:askResponse xmlns:r="urn:shop">${fields}</r:askResponse>`)],
  [
    'document/literal with an output wrapper',
    { ...base, responseWrapper: 'output' },
    envelope(`<r:askResponse xmlns:r="urn:shop"><output>${fields}</output></r:askResponse>`),
  ],
  ['bare: the fields directly in the Body', { ...base, requestElement: '', responseElement: '' }, envelope(fields)],
  [
    'RPC with another wrapper name',
    { ...base, style: 'rpc' },
    envelope(`<r:askResult xmlns:r="urn:shop">${fields}</r:askResult>`),
  ],
  [
    'another response namespace',
    { ...base, responseNamespace: 'urn:shop:replies' },
    envelope(`<r:askResponse xmlns:r="urn:shop:replies">${fields}</r:askResponse>`),
  ],
  [
    'MTOM (multipart/related, root part first)',
    base,
    [
      '--MIME_boundary',
      'Content-Type: application/xop+xml; charset=UTF-8; type="text/xml"',
      '',
      envelope(`<r:askResponse xmlns:r="urn:shop">${fields}</r:askResponse>`),
      '--MIME_boundary--',
      '',
    ].join('\r\n'),
    'multipart/related; type="application/xop+xml"; boundary="MIME_boundary"',
  ],
];

test.each(cases)(
  '%s: the client and the conformance reader give the same fields',
  async (_label, operation, text, contentType = 'text/xml') => {
    const transport: Transport = {
      post: async () => ({ status: 200, contentType, body: text }),
      close: () => undefined,
    };
    const client = createClient({
      merchantId: '002001000000001',
      secretKey: 'k',
      keyVersion: 1,
      environment: 'http://127.0.0.1:9',
      transport,
      allowUnsignedResponses: true,
    });
    const want = { value: 'forty-two', count: 42 };
    await expect(client.invoke(operation, { question: 'q' })).resolves.toEqual(want);
    expect(readReplyFields(operation, text)).toEqual(want);
  },
);

test('a reply of another operation is refused by both, with the element it found', async () => {
  const text = envelope('<r:otherResponse xmlns:r="urn:shop"><value>x</value></r:otherResponse>');
  const transport: Transport = {
    post: async () => ({ status: 200, contentType: 'text/xml', body: text }),
    close: () => undefined,
  };
  const client = createClient({
    merchantId: '002001000000001',
    secretKey: 'k',
    keyVersion: 1,
    environment: 'http://127.0.0.1:9',
    transport,
    allowUnsignedResponses: true,
  });
  await expect(client.invoke(base, {})).rejects.toMatchObject({
    name: 'InvalidResponseError',
    message: expect.stringContaining('got {urn:shop}otherResponse'),
  });
  expect(() => readReplyFields(base, text)).toThrow(/got \{urn:shop\}otherResponse/);
});
