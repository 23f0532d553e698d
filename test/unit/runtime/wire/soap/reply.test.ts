// src/runtime/wire/soap/reply.ts, read.ts and record/coerce.ts: replies read back by the same descriptors (document,
// RPC, bare, multipart), typed, and refused with ReplyShapeError when they are not this operation's reply.
import type { OperationDescriptor } from '../../../../../src/runtime/descriptor';
import { envelopeText, ReplyShapeError } from '../../../../../src/runtime/wire';
import { readReplyFields, operation, reply } from '../../../../support/wire-fixtures';

describe('replies read back by the same descriptors', () => {
  test.each<[string, Partial<OperationDescriptor>, string, Record<string, unknown>]>([
    [
      'attributes and simple content, typed',
      {},
      '<o:orderResponse xmlns:o="urn:o" version="2" o:lang="fr"><o:id>7</o:id><o:amount currency="EUR" ' +
        'estimated="true">10.50</o:amount></o:orderResponse>',
      { version: '2', lang: 'fr', id: 7, amount: { $value: '10.50', currency: 'EUR', estimated: true } },
    ],
    [
      'xsi:nil on a nillable field and list item is null',
      {},
      '<o:orderResponse xmlns:o="urn:o"><o:note xsi:nil="true"/><o:tags>a</o:tags><o:tags ' +
        'xsi:nil="true"/></o:orderResponse>',
      { note: null, tags: ['a', null] },
    ],
    [
      'xsi:nil on a field that is not nillable reads as its type',
      { response: 'Parts' },
      '<o:orderResponse xmlns:o="urn:o"><first xsi:nil="true"/></o:orderResponse>',
      { first: '' },
    ],
    [
      'untyped content keeps attributes and text',
      {},
      '<o:orderResponse xmlns:o="urn:o"><extra><a k="v">x</a><b>1</b><b>2</b></extra></o:orderResponse>',
      { extra: { a: { $attributes: { k: 'v' }, $value: 'x' }, b: ['1', '2'] } },
    ],
    [
      'RPC: any wrapper name, parts by name',
      { style: 'rpc', response: 'Parts' },
      '<x:whatever xmlns:x="urn:else"><first>a</first><second>2</second></x:whatever>',
      { first: 'a', second: 2 },
    ],
    [
      'bare: the parts directly in the Body',
      { responseElement: '', response: 'Parts' },
      '<first>a</first><second>2</second>',
      { first: 'a', second: 2 },
    ],
  ])('%s', (_label, overrides, body, want) => {
    expect(readReplyFields(operation(overrides), reply(body))).toEqual(want);
  });

  test.each<[string, Partial<OperationDescriptor>, string, RegExp]>([
    [
      'another body element',
      {},
      reply('<o:other xmlns:o="urn:o"/>'),
      /expected \{urn:o\}orderResponse in the SOAP body, got \{urn:o\}other/,
    ],
    ['the body element in the wrong namespace', {}, reply('<orderResponse/>'), /got \{\}orderResponse/],
    [
      'a SOAP 1.1 envelope for a SOAP 1.2 operation',
      { soapVersion: '1.2' },
      reply('<o:orderResponse xmlns:o="urn:o"/>'),
      /not a SOAP 1\.2 envelope/,
    ],
    [
      'a fault',
      {},
      reply(
        '<s:Fault xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><faultcode>s:Server</faultcode><faultstring' +
          '>boom</faultstring></s:Fault>',
      ),
      /SOAP fault s:Server/,
    ],
  ])('refuses %s', (_label, overrides, text, message) => {
    expect(() => readReplyFields(operation(overrides), text)).toThrow(ReplyShapeError);
    expect(() => readReplyFields(operation(overrides), text)).toThrow(message);
  });

  test('the root part of a multipart/related (MTOM) reply', () => {
    const part = reply('<o:orderResponse xmlns:o="urn:o"><o:id>1</o:id></o:orderResponse>');
    const mime =
      `--MIMEBoundary_1\r\nContent-Type: application/xop+xml; type="text/xml"\r\nContent-ID: <0@x>\r\n\r\n` +
      `${part}\r\n--MIMEBoundary_1\r\nContent-Type: text/plain\r\n\r\nattachment\r\n--MIMEBoundary_1--\r\n`;
    expect(envelopeText(mime)).toBe(part);
    expect(readReplyFields(operation({}), mime)).toEqual({ id: 1 });
    expect(envelopeText(part)).toBe(part);
  });
});
