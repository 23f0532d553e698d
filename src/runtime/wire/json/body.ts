// A JSON body written from a wire record, by descriptor: containers as nested objects, lists as arrays, numbers as
// JSON numbers, everything else as strings (the request on the client, a reply on the simulator).
import type { FieldDescriptor, SchemaTables, StructDescriptor } from '../../descriptor';
import { indexOf, structOf } from '../../record/structs';
import { NIL, type WireRecord, type WireValue } from '../../record/values';

const NUMERIC = new Set(['integer', 'number']);

/**
 * The JSON body of a request: containers as nested objects, lists as arrays, integer and number fields as
 * JSON numbers (the wire record already holds their canonical text), everything else as strings.
 */
export function buildJsonBody(record: WireRecord, struct: StructDescriptor, schema: SchemaTables): string {
  const out: string[] = [];
  writeObject(record, struct, schema, out);
  return out.join('');
}

function writeObject(record: WireRecord, struct: StructDescriptor | undefined, schema: SchemaTables, out: string[]): void {
  const { byName } = indexOf(struct);
  out.push('{');
  let first = true;
  for (const [name, value] of Object.entries(record)) {
    if (value === undefined) continue;
    if (!first) out.push(',');
    first = false;
    out.push(JSON.stringify(name), ':');
    writeValue(byName.get(name), value, schema, out);
  }
  out.push('}');
}

function writeValue(field: FieldDescriptor | undefined, value: WireValue, schema: SchemaTables, out: string[]): void {
  if (value === NIL) {
    out.push('null');
    return;
  }
  if (Array.isArray(value)) {
    out.push('[');
    value.forEach((item, i) => {
      if (i > 0) out.push(',');
      writeValue(field, item, schema, out);
    });
    out.push(']');
    return;
  }
  if (typeof value === 'object') {
    const type = field?.type;
    writeObject(value, type && typeof type === 'object' && 'struct' in type ? structOf(schema, type.struct) : undefined, schema, out);
    return;
  }
  const numeric = field !== undefined && typeof field.type === 'string' && NUMERIC.has(field.type) && /^-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?$/.test(value);
  out.push(numeric ? value : JSON.stringify(value));
}
