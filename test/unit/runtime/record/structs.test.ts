// src/runtime/record/structs.ts: a struct's namespace and since-version, said once, reach each field that names
// none; a field's own value (or '' for unqualified) wins; and the envelope writes and reads them so.
import type {
  FieldDescriptor,
  OperationDescriptor,
  SchemaTables,
  StructDescriptor,
} from '../../../../src/runtime/descriptor';
import { buildEnvelope } from '../../../../src/runtime/wire';
import { fieldsOf } from '../../../../src/runtime/record';
import { readReplyFields, reply } from '../../../support/wire-fixtures';

describe('fieldsOf', () => {
  test.each<[string, StructDescriptor, FieldDescriptor[]]>([
    [
      'no defaults: the fields as they are',
      { fields: [{ name: 'a', ns: 'urn:a', type: 'string', since: '2.0' }] },
      [{ name: 'a', ns: 'urn:a', type: 'string', since: '2.0' }],
    ],
    [
      'the struct namespace and since-version reach each field',
      { ns: 'urn:s', since: '2.0', fields: [{ name: 'a', type: 'string' }] },
      [{ name: 'a', ns: 'urn:s', type: 'string', since: '2.0' }],
    ],
    [
      'a field names a later since-version',
      { ns: 'urn:s', since: '2.0', fields: [{ name: 'a', type: 'string', since: '2.27' }] },
      [{ name: 'a', ns: 'urn:s', type: 'string', since: '2.27' }],
    ],
    [
      'a field names another namespace',
      { ns: 'urn:s', fields: [{ name: 'a', ns: 'urn:o', type: 'string' }] },
      [{ name: 'a', ns: 'urn:o', type: 'string' }],
    ],
    [
      "'' on a field: unqualified in a qualified struct",
      { ns: 'urn:s', fields: [{ name: 'a', ns: '', attribute: true, type: 'string' }] },
      [{ name: 'a', attribute: true, type: 'string' }],
    ],
    [
      'only a since-version on the struct',
      { since: '2.6', fields: [{ name: 'a', type: 'string' }] },
      [{ name: 'a', type: 'string', since: '2.6' }],
    ],
  ])('%s', (_label, struct, want) => {
    expect(fieldsOf(struct)).toEqual(want);
  });

  test('resolved once per struct: the same array on every call', () => {
    const struct: StructDescriptor = { ns: 'urn:s', fields: [{ name: 'a', type: 'string' }] };
    expect(fieldsOf(struct)).toBe(fieldsOf(struct));
  });
});

describe('struct defaults on the wire', () => {
  const schema: SchemaTables = {
    structs: {
      Order: {
        ns: 'urn:o',
        since: '2.0',
        fields: [
          { name: 'id', type: 'string' },
          { name: 'code', ns: '', attribute: true, type: 'string' },
          { name: 'item', type: { struct: 'Item' } },
        ],
      },
      Item: { ns: 'urn:i', fields: [{ name: 'sku', type: 'string' }] },
    },
    enums: {},
  };
  const operation: OperationDescriptor = {
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
  };

  test('written qualified by the struct namespace, the exception unqualified', () => {
    expect(buildEnvelope(operation, { id: '1', code: 'c', item: { sku: 'k' } })).toContain(
      '<ns:order xmlns:ns="urn:o" code="c"><ns:id>1</ns:id><ns:item><n:sku ' +
        'xmlns:n="urn:i">k</n:sku></ns:item></ns:order>',
    );
  });

  test('read back by the same resolved fields', () => {
    const text = reply(
      '<o:orderResponse xmlns:o="urn:o" code="c"><o:id>1</o:id><o:item><i:sku ' +
        'xmlns:i="urn:i">k</i:sku></o:item></o:orderResponse>',
    );
    expect(readReplyFields(operation, text)).toEqual({ code: 'c', id: '1', item: { sku: 'k' } });
  });
});
