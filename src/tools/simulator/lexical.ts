// Canonical values for the business rules: a request's integers written in any valid xs:long lexical form
// ("+2500", "02500", " 2500 ") become "2500"; the seal is still checked over the text as sent.
import {
  emptyRecord,
  NIL,
  type RecordVisitor,
  type SchemaTables,
  type StructDescriptor,
  type WalkKey,
  walkRecord,
  type WireRecord,
  type WireValue,
} from 'sogenactif-office/internal';

const LONG = /^\s*([+-]?)0*([0-9]+)\s*$/;

function canonicalInteger(text: string): string {
  const match = LONG.exec(text);
  if (!match) return text;
  const digits = match[2]!.replace(/^0+(?=.)/, '');
  return match[1] === '-' && digits !== '0' ? `-${digits}` : digits;
}

/** A copy of `record` with integer fields in canonical form (other values untouched). */
export function canonicalRecord(
  record: WireRecord,
  struct: StructDescriptor | undefined,
  schema: SchemaTables,
): WireRecord {
  // No prototype: a request key named __proto__ stays an own field (and in the seal), as the reader keeps it.
  const out = emptyRecord();
  walkRecord(record, struct, schema, CANONICAL, out);
  return out;
}

/** The copy being built: a record, or a list (indexed by number). */
type Copy = Record<WalkKey, WireValue>;

const CANONICAL: RecordVisitor<Copy> = {
  value(out, key, value, field) {
    out[key] = typeof value === 'string' && field.type === 'integer' ? canonicalInteger(value) : (value as WireValue);
  },
  nil(out, key) {
    out[key] = NIL;
  },
  enter(out, key) {
    const inner = emptyRecord();
    out[key] = inner;
    return inner;
  },
  list(out, key) {
    const inner: WireValue[] = [];
    out[key] = inner;
    return inner as unknown as Copy;
  },
  // Undeclared keys and untyped content are kept as they are (the handlers only read them).
  untyped(out, key, value) {
    out[key] = value as WireValue;
  },
};
