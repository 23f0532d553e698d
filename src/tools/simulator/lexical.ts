// Canonical values for the business rules: a request's integers written in any valid xs:long lexical form
// ("+2500", "02500", " 2500 ") become "2500"; the seal is still checked over the text as sent.
import { emptyRecord, type SchemaTables, type StructDescriptor, structOf, type WireRecord, type WireValue } from 'sogenactif-office/internal';

const LONG = /^\s*([+-]?)0*([0-9]+)\s*$/;

function canonicalInteger(text: string): string {
  const match = LONG.exec(text);
  if (!match) return text;
  const digits = match[2]!.replace(/^0+(?=.)/, '');
  return match[1] === '-' && digits !== '0' ? `-${digits}` : digits;
}

/** A copy of `record` with integer fields in canonical form (other values untouched). */
export function canonicalRecord(record: WireRecord, struct: StructDescriptor | undefined, schema: SchemaTables): WireRecord {
  // No prototype: a request key named __proto__ stays an own field (and in the seal), as the reader keeps it.
  const out = emptyRecord();
  const fields = new Map((struct?.fields ?? []).map((f) => [f.name, f]));
  for (const [name, value] of Object.entries(record)) {
    const field = fields.get(name);
    const inner = field && typeof field.type === 'object' && 'struct' in field.type ? structOf(schema, field.type.struct) : undefined;
    const one = (item: WireValue): WireValue =>
      typeof item === 'string' ? (field?.type === 'integer' ? canonicalInteger(item) : item) : Array.isArray(item) ? item.map(one) : canonicalRecord(item, inner, schema);
    out[name] = one(value);
  }
  return out;
}
