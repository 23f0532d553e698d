// src/runtime/record/walk.ts: the one walk over a record by its struct: each value reaches the visitor hook its shape
// calls for (lists, NIL, nested structs and derived types told apart by the walk), with its path.
import type { SchemaTables } from '../../../../src/runtime/descriptor';
import { emptyRecord, NIL, type WireRecord } from '../../../../src/runtime/record/values';
import { pathOf, walkRecord, type RecordVisitor } from '../../../../src/runtime/record/walk';

const schema: SchemaTables = {
  structs: {
    Order: {
      ns: 'urn:o',
      fields: [
        { name: 'id', type: 'integer' },
        { name: 'note', type: 'string', nillable: true },
        { name: 'tags', type: 'string', list: 'repeated' },
        { name: 'card', type: { struct: 'Card' } },
        { name: 'cards', type: { struct: 'Card' }, list: 'repeated' },
        { name: 'payment', type: { struct: 'Payment' }, derived: { Transfer: { ns: 'urn:o', type: 'TransferType' } } },
        { name: 'extra', type: 'any' },
      ],
    },
    Card: { fields: [{ name: 'brand', type: 'string' }] },
    Payment: { fields: [{ name: 'amount', type: 'integer' }] },
    Transfer: {
      fields: [
        { name: 'amount', type: 'integer' },
        { name: 'iban', type: 'string' },
      ],
    },
  },
  enums: {},
};

/** A visitor that writes down each hook it is called with, as `hook path detail`. */
const RECORDER: RecordVisitor<string[]> = {
  value: (log, key, value, field, parent) =>
    void log.push(
      `value ${pathOf(parent, key)} ${JSON.stringify(value)} (${field.name}${field.ns ? ` in ${field.ns}` : ''})`,
    ),
  nil: (log, key, field, parent) => void log.push(`nil ${pathOf(parent, key)} (${field.name})`),
  enter: (log, key, _record, _field, struct, parent) => {
    log.push(
      `enter ${pathOf(parent, key)} as ` +
        `${Object.keys(schema.structs).find((name) => schema.structs[name] === struct)}`,
    );
    return log;
  },
  list: (log, key, items, _field, parent) => {
    log.push(`list ${pathOf(parent, key)} of ${items.length}`);
    return log;
  },
  leave: (log, _inner, container) => void log.push(`leave ${Array.isArray(container) ? 'list' : 'record'}`),
  untyped: (log, key, value, field, parent) =>
    void log.push(`untyped ${pathOf(parent, key)} ${JSON.stringify(value)}${field ? ` (${field.name})` : ''}`),
};

const walk = (record: Record<string, unknown>): string[] => {
  const log: string[] = [];
  walkRecord(record, schema.structs.Order, schema, RECORDER, log);
  return log;
};

test.each<[string, Record<string, unknown>, string[]]>([
  ['a scalar, with its struct defaults (ns)', { id: '1' }, ['value id "1" (id in urn:o)']],
  ['undefined values are skipped', { id: undefined, note: 'n' }, ['value note "n" (note in urn:o)']],
  ['NIL', { note: NIL }, ['nil note (note)']],
  [
    'a list of text',
    { tags: ['a', 'b'] },
    ['list tags of 2', 'value tags[0] "a" (tags in urn:o)', 'value tags[1] "b" (tags in urn:o)', 'leave list'],
  ],
  [
    'a nested struct',
    { card: { brand: 'VISA' } },
    ['enter card as Card', 'value card.brand "VISA" (brand)', 'leave record'],
  ],
  [
    'a list of structs, with a NIL item',
    { cards: [{ brand: 'VISA' }, NIL] },
    [
      'list cards of 2',
      'enter cards[0] as Card',
      'value cards[0].brand "VISA" (brand)',
      'leave record',
      'nil cards[1] (cards)',
      'leave list',
    ],
  ],
  [
    'a derived type named by $type',
    { payment: { $type: 'Transfer', iban: 'FR76' } },
    [
      'enter payment as Transfer',
      'untyped payment.$type "Transfer"',
      'value payment.iban "FR76" (iban)',
      'leave record',
    ],
  ],
  [
    'the field type when $type names none of its derived types',
    { payment: { $type: 'Other', amount: '1' } },
    ['enter payment as Payment', 'untyped payment.$type "Other"', 'value payment.amount "1" (amount)', 'leave record'],
  ],
  ['an undeclared key, not walked', { other: { deep: ['x'] } }, ['untyped other {"deep":["x"]}']],
  ['an untyped field, not walked', { extra: { a: '1' } }, ['untyped extra {"a":"1"} (extra)']],
  ['text where the struct is: a value', { card: 'VISA' }, ['value card "VISA" (card in urn:o)']],
  ['an object under a scalar field: a value', { id: { a: '1' } }, ['value id {"a":"1"} (id in urn:o)']],
  [
    'an array on a one-value field: a list all the same',
    { id: ['1', '2'] },
    ['list id of 2', 'value id[0] "1" (id in urn:o)', 'value id[1] "2" (id in urn:o)', 'leave list'],
  ],
  [
    'an array in a list',
    { tags: [['a']] },
    ['list tags of 1', 'list tags[0] of 1', 'value tags[0][0] "a" (tags in urn:o)', 'leave list', 'leave list'],
  ],
  ['in the record key order', { note: 'n', id: '1' }, ['value note "n" (note in urn:o)', 'value id "1" (id in urn:o)']],
])('%s', (_label, record, want) => {
  expect(walk(record)).toEqual(want);
});

test('a record without prototype: a key named __proto__ is an own key like any other', () => {
  const record: WireRecord = emptyRecord();
  record['__proto__'] = 'x';
  record.id = '1';
  expect(walk(record)).toEqual(['untyped __proto__ "x"', 'value id "1" (id in urn:o)']);
});

test('no struct: every key is undeclared', () => {
  const log: string[] = [];
  walkRecord({ id: '1', card: { brand: 'V' } }, undefined, schema, RECORDER, log);
  expect(log).toEqual(['untyped id "1"', 'untyped card {"brand":"V"}']);
});

test('a hook that returns undefined skips what is inside (no leave)', () => {
  const log: string[] = [];
  const shallow: RecordVisitor<string[]> = {
    ...RECORDER,
    enter: (l, key) => void l.push(`skip ${key}`),
    list: (l, key) => void l.push(`skip ${key}`),
  };
  walkRecord({ card: { brand: 'V' }, tags: ['a'] }, schema.structs.Order, schema, shallow, log);
  expect(log).toEqual(['skip card', 'skip tags']);
});

test('the paths start from the one given', () => {
  const log: string[] = [];
  walkRecord({ brand: 'V' }, schema.structs.Card, schema, RECORDER, log, 'order.cards[2]');
  expect(log).toEqual(['value order.cards[2].brand "V" (brand)']);
});

test.each<[string, string | number, string]>([
  ['', 'a', 'a'],
  ['a', 'b', 'a.b'],
  ['a', 0, 'a[0]'],
  ['a[0]', 'b', 'a[0].b'],
])('pathOf(%j, %j) = %s', (parent, key, want) => {
  expect(pathOf(parent, key)).toBe(want);
});
