// A verified wire tree to the typed response object: numbers and booleans from their text, the rest as
// text, null for xsi:nil; a value of the wrong shape is a CoercionError naming the field.
import type { FieldDescriptor, SchemaTables, StructDescriptor } from '../descriptor';
import { isStructField } from './fields';
import { indexOf, valueStruct } from './structs';
import { pathOf, walkRecord, walkValue, type RecordVisitor, type WalkKey } from './walk';
import { NIL, PROTOTYPE_KEYS, type WireRecord, type WireValue } from './values';

export class CoercionError extends Error {
  override readonly name = 'CoercionError';
  constructor(
    readonly field: string,
    detail: string,
  ) {
    super(`${field}: ${detail}`);
  }
}

/** Typed view of a verified wire tree: integers as numbers, the rest as text; unknown fields kept. */
export function coerceRecord(
  record: WireRecord,
  struct: StructDescriptor | undefined,
  schema: SchemaTables,
  path = '',
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  walkRecord(record, struct, schema, COERCE, { out, schema }, path);
  const defaulted = defaultedFields(struct);
  for (let i = 0; i < defaulted.length; i++) {
    // default=: an absent attribute, or an element present but empty, reads as the schema's default.
    const field = defaulted[i]!;
    const value = record[field.name];
    const absentAttribute = field.attribute && value === undefined;
    const emptyElement = !field.attribute && !field.text && typeof value === 'string' && value === '';
    if (absentAttribute || emptyElement)
      out[field.name] = coerceValue(field, field.default!, schema, pathOf(path, field.name));
  }
  return out;
}

const defaultedOf = new WeakMap<object, readonly FieldDescriptor[]>();
/**
 * The fields of a struct with a default that applies (not on a list), in descriptor order, worked out once per struct:
 * looking for them over every field of the struct on every reply cost about 2 k instructions for the cardOrder.
 */
function defaultedFields(struct: StructDescriptor | undefined): readonly FieldDescriptor[] {
  const index = indexOf(struct);
  let fields = defaultedOf.get(index);
  if (fields === undefined) {
    fields = index.fields.filter((field) => field.default !== undefined && !field.list);
    defaultedOf.set(index, fields);
  }
  return fields;
}

/** Where coerced values go: the typed record or list being built. */
interface CoerceState {
  readonly out: Record<string, unknown> | unknown[];
  readonly schema: SchemaTables;
}

/** A coerced value put in its container: a list field's single value becomes a list of one. */
function put(state: CoerceState, key: WalkKey, field: FieldDescriptor, value: unknown): void {
  // A contract never declares __proto__; were one to, it would not become the prototype.
  if (typeof key === 'string' && key === '__proto__') return;
  (state.out as Record<WalkKey, unknown>)[key] = field.list && typeof key === 'string' ? [value] : value;
}

const COERCE: RecordVisitor<CoerceState> = {
  value: (state, key, value, field, parent) =>
    put(state, key, field, coerceValue(field, value as WireValue, state.schema, pathOf(parent, key))),
  nil(state, key) {
    if (key !== '__proto__') (state.out as Record<WalkKey, unknown>)[key] = null;
  },
  enter(state, key, record, field, struct, parent) {
    put(state, key, field, coerceRecord(record as WireRecord, struct, state.schema, pathOf(parent, key)));
    return undefined; // coerceRecord walked it, defaults included
  },
  list(state, key, items, field, parent) {
    if (typeof key === 'number')
      throw new CoercionError(
        pathOf(parent, key),
        isStructField(field) ? 'expected one container, got a list' : 'expected a value, got a container',
      );
    if (key === '__proto__') return undefined;
    if (!field.list) {
      // Several values where the contract has one: the last one counts (as a repeated element does in XML).
      walkValue(items[items.length - 1], key, field, state.schema, COERCE, state, parent);
      return undefined;
    }
    const list: unknown[] = [];
    (state.out as Record<string, unknown>)[key] = list;
    return { out: list, schema: state.schema };
  },
  untyped(state, key, value, field) {
    // An undeclared __proto__ or constructor (allowUndeclaredReplyElements) never reaches the result.
    if (PROTOTYPE_KEYS.has(key)) return;
    const data = plain(value as WireValue);
    (state.out as Record<string, unknown>)[key] = field?.list && !Array.isArray(value) ? [data] : data;
  },
};

function coerceValue(field: FieldDescriptor, value: WireValue, schema: SchemaTables, path: string): unknown {
  if (field.tokens) {
    // xs:list: one whitespace-separated text, each item coerced as the item type.
    if (typeof value !== 'string') throw new CoercionError(path, 'expected a list as text, got a container');
    const item: FieldDescriptor = { ...field, tokens: undefined };
    return value
      .split(/\s+/)
      .filter((t) => t !== '')
      .map((token, i) => coerceValue(item, token, schema, `${path}[${i}]`));
  }
  const type = field.type;
  // The type's name compared only when it is one (an enum's or struct's object took V8's generic comparison).
  if (typeof type === 'string' && type === 'any') return plain(value);
  if (isStructField(field)) {
    if (typeof value === 'string') {
      if (value.trim() === '') return {};
      throw new CoercionError(path, 'expected a container, got text');
    }
    if (Array.isArray(value)) throw new CoercionError(path, 'expected one container, got a list');
    return coerceRecord(value, valueStruct(schema, field, value), schema, path);
  }
  if (typeof value !== 'string') throw new CoercionError(path, 'expected a value, got a container');
  // Text stays as received; only numbers and booleans are read from the trimmed text.
  if (typeof type !== 'string' || (type !== 'integer' && type !== 'number' && type !== 'boolean')) return value;
  const text = value.trim();
  if (type === 'integer' || type === 'number') {
    if (text === '') return undefined;
    const number = Number(text);
    if (!/^[-+]?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(text) || !Number.isFinite(number))
      throw new CoercionError(path, `"${text.slice(0, 40)}" is not a number`);
    if (type === 'integer' && !Number.isSafeInteger(number))
      throw new CoercionError(path, `${text.slice(0, 40)} is not a safe integer`);
    return number;
  }
  if (text === 'true' || text === '1') return true;
  if (text === 'false' || text === '0') return false;
  throw new CoercionError(path, `"${text.slice(0, 40)}" is not a boolean`);
}

/** Untyped content as plain data: NIL becomes null. */
function plain(value: WireValue): unknown {
  if (value === NIL) return null;
  if (Array.isArray(value)) return value.map(plain);
  if (typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value)
        .filter(([k]) => !PROTOTYPE_KEYS.has(k))
        .map(([k, v]) => [k, plain(v)]),
    );
  return value;
}
