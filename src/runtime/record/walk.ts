// The one walk over a record by its struct descriptor: each own key looked up in the struct index (struct defaults
// applied), lists, NIL and nested structs (a derived type named by `$type` included) told apart here, once; what is
// done at each value (check, copy, mask, write) is the visitor's. No closure or array is allocated per field.
import type { FieldDescriptor, SchemaTables, StructDescriptor } from '../descriptor';
import { isStructField } from './fields';
import { indexOf, valueStruct } from './structs';
import { NIL } from './values';

/** Where a value sits in its container: a record's key, or a list item's index. */
export type WalkKey = string | number;

/**
 * What a walk does at each value. `state` is the visitor's own (an output container, a list of issues): a hook that
 * descends returns the state the nested values are visited with. `parent` is the dotted path of the container
 * ('' at the top); `pathOf(parent, key)` gives the value's own path when a hook needs it, so no path is built
 * for a value that has nothing to report.
 */
export interface RecordVisitor<S> {
  /**
   * A value that is neither a list, NIL nor a nested record of a struct field: a scalar's text (anything not a
   * container, in a typed object), text where the contract has a struct, or an object under a scalar field.
   */
  value(state: S, key: WalkKey, value: unknown, field: FieldDescriptor, parent: string): void;
  /**
   * A record under a struct-typed field, to be walked as `struct` (the derived type its `$type` names, else the
   * field's): the state its fields are visited with, or undefined to skip them.
   */
  enter(
    state: S,
    key: WalkKey,
    record: Readonly<Record<string, unknown>>,
    field: FieldDescriptor,
    struct: StructDescriptor,
    parent: string,
  ): S | undefined;
  /**
   * An array, whether or not the field is a list (key is an index when the array is an item of a list): the state
   * its items are visited with (each with the same field), or undefined to skip them.
   */
  list(state: S, key: WalkKey, items: readonly unknown[], field: FieldDescriptor, parent: string): S | undefined;
  /** A key the struct does not declare (field undefined), or the value of an untyped field (xs:anyType): not walked. */
  untyped(state: S, key: string, value: unknown, field: FieldDescriptor | undefined, parent: string): void;
  /** NIL (xsi:nil, JSON null in a wire record). Nothing when absent. */
  nil?(state: S, key: WalkKey, field: FieldDescriptor, parent: string): void;
  /** After the values of a nested record or list were visited with `inner` (closing a bracket, say). */
  leave?(state: S, inner: S, container: unknown): void;
}

/** The dotted path of a value in its container: `a.b`, `a[2]`, or the key alone at the top. */
export function pathOf(parent: string, key: WalkKey): string {
  if (typeof key === 'number') return `${parent}[${key}]`;
  return parent === '' ? key : `${parent}.${key}`;
}

/**
 * Visits every own key of `record` with its field in `struct` (undefined: every key is undeclared), in the record's
 * order; undefined values are skipped. Nested values are visited as the visitor's hooks decide.
 */
export function walkRecord<S>(
  record: Readonly<Record<string, unknown>>,
  struct: StructDescriptor | undefined,
  schema: SchemaTables,
  visitor: RecordVisitor<S>,
  state: S,
  parent = '',
): void {
  const { byName } = indexOf(struct);
  for (const key in record) {
    if (!Object.prototype.hasOwnProperty.call(record, key)) continue;
    const value = record[key];
    if (value === undefined) continue;
    const field = byName.get(key);
    if (field === undefined || isUntyped(field)) visitor.untyped(state, key, value, field, parent);
    else walkValue(value, key, field, schema, visitor, state, parent);
  }
}

/** xs:anyType. (The name compared only when the type is one: an enum's or struct's object took the generic ===.) */
function isUntyped(field: FieldDescriptor): boolean {
  const type = field.type;
  return typeof type === 'string' && type === 'any';
}

/** One value of a declared field (or one item of its list), visited as walkRecord visits it. */
export function walkValue<S>(
  value: unknown,
  key: WalkKey,
  field: FieldDescriptor,
  schema: SchemaTables,
  visitor: RecordVisitor<S>,
  state: S,
  parent: string,
): void {
  // Text first (most values): `value === NIL` on text took the generic comparison for every value.
  if (typeof value !== 'object' || value === null) {
    visitor.value(state, key, value, field, parent);
  } else if (value === NIL) {
    visitor.nil?.(state, key, field, parent);
  } else if (Array.isArray(value)) {
    const inner = visitor.list(state, key, value, field, parent);
    if (inner === undefined) return;
    const path = pathOf(parent, key);
    for (let index = 0; index < value.length; index++) {
      const item: unknown = value[index];
      if (item !== undefined) walkValue(item, index, field, schema, visitor, inner, path);
    }
    visitor.leave?.(state, inner, value);
  } else if (isStructField(field)) {
    const record = value as Record<string, unknown>;
    const struct = valueStruct(schema, field, value);
    const inner = visitor.enter(state, key, record, field, struct, parent);
    if (inner === undefined) return;
    walkRecord(record, struct, schema, visitor, inner, pathOf(parent, key));
    visitor.leave?.(state, inner, value);
  } else {
    visitor.value(state, key, value, field, parent);
  }
}
