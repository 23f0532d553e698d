// src/runtime/record/coerce.ts: a verified wire tree to typed values; a value of the wrong shape names its field.
import type { SchemaTables } from '../../../../src/runtime/descriptor';
import { coerceRecord, CoercionError, NIL, type WireRecord } from '../../../../src/runtime/record';

const schema: SchemaTables = {
  structs: {
    Reply: {
      fields: [
        { name: 'amount', type: 'integer' },
        { name: 'rate', type: 'number' },
        { name: 'flag', type: 'boolean' },
        { name: 'codes', type: 'string', list: 'repeated' },
        { name: 'card', type: { struct: 'Card' } },
      ],
    },
    Card: { fields: [{ name: 'brand', type: 'string' }] },
  },
  enums: {},
};

describe('coerceRecord', () => {
  test.each<[string, WireRecord, Record<string, unknown>]>([
    [
      'numbers and booleans from their text',
      { amount: '1050', rate: '0.5', flag: '1' },
      { amount: 1050, rate: 0.5, flag: true },
    ],
    ['a single repeated element is a list', { codes: 'A' }, { codes: ['A'] }],
    ['xsi:nil is null', { amount: NIL }, { amount: null }],
    ['an empty container is an empty object', { card: '' }, { card: {} }],
    ['unknown fields kept as they came', { other: { x: 'y' } }, { other: { x: 'y' } }],
  ])('%s', (_label, record, want) => {
    expect(coerceRecord(record, schema.structs.Reply, schema)).toEqual(want);
  });

  test.each<[string, WireRecord, string]>([
    ['not a number', { amount: '12a' }, 'amount: "12a" is not a number'],
    ['not a safe integer', { amount: '12345678901234567890' }, 'amount: 12345678901234567890 is not a safe integer'],
    ['not a boolean', { flag: 'yes' }, 'flag: "yes" is not a boolean'],
    ['text where a container belongs', { card: 'VISA' }, 'card: expected a container, got text'],
  ])('refuses %s', (_label, record, message) => {
    expect(() => coerceRecord(record, schema.structs.Reply, schema)).toThrow(CoercionError);
    expect(() => coerceRecord(record, schema.structs.Reply, schema)).toThrow(message);
  });
});
