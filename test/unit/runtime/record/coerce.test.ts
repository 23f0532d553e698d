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

describe('coerceRecord: text read as it came, numbers and booleans from the trimmed text, defaults', () => {
  const typed: SchemaTables = {
    structs: {
      Typed: {
        fields: [
          { name: 'count', type: 'integer' },
          { name: 'flag', type: 'boolean' },
          { name: 'price', type: 'decimal' },
          { name: 'label', type: 'string' },
          { name: 'color', type: { enum: 'Color' } },
          { name: 'blob', type: 'base64' },
          { name: 'mode', type: 'string', default: 'AUTO' },
          { name: 'level', type: 'integer', default: '3' },
          { name: 'tags', type: 'string', list: 'repeated', default: 'x' },
          { name: 'unit', type: 'string', attribute: true, default: 'EUR' },
        ],
      },
    },
    enums: { Color: { codes: [['RED'], ['GREEN']] } },
  } as never;
  test.each<[string, WireRecord, Record<string, unknown>]>([
    [
      'white space around every kind of value',
      { count: ' 12 ', flag: '\ttrue\n', price: ' 1.50 ', label: ' a b ', color: ' RED ', blob: ' QUJD ' },
      { count: 12, flag: true, price: ' 1.50 ', label: ' a b ', color: ' RED ', blob: ' QUJD ', unit: 'EUR' },
    ],
    ['empty numbers read as absent', { count: '', flag: '0' }, { count: undefined, flag: false, unit: 'EUR' }],
    [
      'defaults for empty elements and absent attributes, never for lists',
      { mode: '', level: '', tags: '' },
      { mode: 'AUTO', level: 3, tags: [''], unit: 'EUR' },
    ],
    ['a present attribute keeps its value', { unit: 'USD', mode: 'MANUAL' }, { unit: 'USD', mode: 'MANUAL' }],
  ])('%s', (_label, record, want) => {
    expect(coerceRecord(record, typed.structs.Typed, typed)).toEqual(want);
  });
});
