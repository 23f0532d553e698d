// A verified wire tree to the typed response object: numbers and booleans from their text, the rest as
// text, null for xsi:nil; a value of the wrong shape is a CoercionError naming the field.
import type { FieldDescriptor, SchemaTables, StructDescriptor } from '../descriptor';
import { indexOf, valueStruct } from './structs';
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
export function coerceRecord(record: WireRecord, struct: StructDescriptor | undefined, schema: SchemaTables, path = ''): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const fields = indexOf(struct).byName;
  for (const [name, value] of Object.entries(record)) {
    const field = fields.get(name);
    const fieldPath = path ? `${path}.${name}` : name;
    if (!field) {
      // An undeclared __proto__ or constructor (allowUndeclaredReplyElements) never reaches the result.
      if (!PROTOTYPE_KEYS.has(name)) out[name] = plain(value);
      continue;
    }
    if (name === '__proto__') continue; // a contract never declares it; were one to, it would not become the prototype
    const one = (item: WireValue, itemPath: string): unknown => (item === NIL ? null : coerceValue(field, item, schema, itemPath));
    if (value === NIL) out[name] = null;
    else if (field.list) out[name] = (Array.isArray(value) ? value : [value]).map((item, i) => one(item, `${fieldPath}[${i}]`));
    else out[name] = one(Array.isArray(value) ? value[value.length - 1]! : value, fieldPath);
  }
  for (const field of indexOf(struct).fields) {
    // default=: an absent attribute, or an element present but empty, reads as the schema's default.
    if (field.default === undefined || field.list) continue;
    const value = record[field.name];
    const absentAttribute = field.attribute && value === undefined;
    const emptyElement = !field.attribute && !field.text && typeof value === 'string' && value === '';
    if (absentAttribute || emptyElement) out[field.name] = coerceValue(field, field.default, schema, path ? `${path}.${field.name}` : field.name);
  }
  return out;
}

function coerceValue(field: FieldDescriptor, value: WireValue, schema: SchemaTables, path: string): unknown {
  if (field.tokens) {
    // xs:list: one whitespace-separated text, each item coerced as the item type.
    if (typeof value !== 'string') throw new CoercionError(path, 'expected a list as text, got a container');
    const item: FieldDescriptor = { ...field, tokens: undefined };
    return value.split(/\s+/).filter((t) => t !== '').map((token, i) => coerceValue(item, token, schema, `${path}[${i}]`));
  }
  const type = field.type;
  if (type === 'any') return plain(value);
  if (typeof type === 'object' && 'struct' in type) {
    if (typeof value === 'string') {
      if (value.trim() === '') return {};
      throw new CoercionError(path, 'expected a container, got text');
    }
    if (Array.isArray(value)) throw new CoercionError(path, 'expected one container, got a list');
    return coerceRecord(value, valueStruct(schema, field, value), schema, path);
  }
  if (typeof value !== 'string') throw new CoercionError(path, 'expected a value, got a container');
  const text = value.trim();
  if (type === 'integer' || type === 'number') {
    if (text === '') return undefined;
    const number = Number(text);
    if (!/^[-+]?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(text) || !Number.isFinite(number)) throw new CoercionError(path, `"${text.slice(0, 40)}" is not a number`);
    if (type === 'integer' && !Number.isSafeInteger(number)) throw new CoercionError(path, `${text.slice(0, 40)} is not a safe integer`);
    return number;
  }
  if (type === 'boolean') {
    if (text === 'true' || text === '1') return true;
    if (text === 'false' || text === '0') return false;
    throw new CoercionError(path, `"${text.slice(0, 40)}" is not a boolean`);
  }
  return value;
}

/** Untyped content as plain data: NIL becomes null. */
function plain(value: WireValue): unknown {
  if (value === NIL) return null;
  if (Array.isArray(value)) return value.map(plain);
  if (typeof value === 'object') return Object.fromEntries(Object.entries(value).filter(([k]) => !PROTOTYPE_KEYS.has(k)).map(([k, v]) => [k, plain(v)]));
  return value;
}
