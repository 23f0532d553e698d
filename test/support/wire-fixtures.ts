// Descriptors the wire tests share: a schema beyond the Sogenactif shape (attributes, simple content, nil,
// untyped content, xs:any, bare parts), an operation builder, and helpers that write and wrap envelopes.
import type { OperationDescriptor, SchemaTables } from '../../src/runtime/descriptor';
import type { FieldIssue } from '../../src/runtime/errors';
import { buildEnvelope, readReply, ReplyShapeError } from '../../src/runtime/wire';
import { buildWireRecord, coerceRecord, structOf } from '../../src/runtime/record';

export const schema: SchemaTables = {
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
    Parts: {
      fields: [
        { name: 'first', type: 'string', required: true },
        { name: 'second', type: 'integer', required: true },
      ],
    },
    Empty: { fields: [] },
  },
  enums: {},
};

export const operation = (overrides: Partial<OperationDescriptor>): OperationDescriptor => ({
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

export function envelope(op: OperationDescriptor, request: object): { body: string; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const wire = buildWireRecord(schema.structs[op.request]!, request, { schema, issues });
  const text = buildEnvelope(op, wire);
  return { body: /<soapenv:Body>([\s\S]*)<\/soapenv:Body>/.exec(text)![1]!, issues };
}

export const XSI = 'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:nil="true"';

/** A reply envelope around `body`. */
export const reply = (body: string, env = 'http://schemas.xmlsoap.org/soap/envelope/'): string =>
  `<?xml version="1.0"?><s:Envelope xmlns:s="${env}` +
  `" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><s:Body>${body}</s:Body></s:Envelope>`;

/**
 * A whole SOAP reply read into its typed fields, without the client's checks (seal, outcome, formats): the SOAP
 * wire's reader, then coercion. A fault is thrown as a ReplyShapeError naming its code.
 */
export function readReplyFields(op: OperationDescriptor, text: string): Record<string, unknown> {
  const read = readReply(op, text);
  if (read.kind === 'fault') throw new ReplyShapeError(`SOAP fault ${read.fault.code}`);
  return coerceRecord(read.record, structOf(op.schema, op.response), op.schema);
}
