// A JSON body written from a wire record, by descriptor: containers as nested objects, lists as arrays, numbers as
// JSON numbers, everything else as strings (the request on the client, a reply on the simulator).
import type { SchemaTables, StructDescriptor } from '../../descriptor';
import { NIL, type WireRecord, type WireValue } from '../../record/values';
import { walkRecord, type RecordVisitor, type WalkKey } from '../../record/walk';

/**
 * The JSON body of a request: containers as nested objects, lists as arrays, integer and number fields as
 * JSON numbers (the wire record already holds their canonical text), everything else as strings.
 */
export function buildJsonBody(record: WireRecord, struct: StructDescriptor, schema: SchemaTables): string {
  const out: string[] = ['{'];
  walkRecord(record, struct, schema, JSON_WRITER, out);
  out.push('}');
  return out.join('');
}

const NUMBER_TEXT = /^-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?$/;

/** A comma before every member but a container's first, and the member's key when it is in an object. */
function member(out: string[], key: WalkKey): void {
  if (typeof key === 'number') {
    if (key > 0) out.push(',');
  } else {
    if (out[out.length - 1] !== '{') out.push(',');
    out.push(JSON.stringify(key), ':');
  }
}

const JSON_WRITER: RecordVisitor<string[]> = {
  value(out, key, value, field) {
    member(out, key);
    // An object under a scalar field is written as it is (the reply checks refuse it on the way back).
    if (typeof value !== 'string') writeUntyped(value as WireValue, out);
    else
      out.push(
        (field.type === 'integer' || field.type === 'number') && NUMBER_TEXT.test(value)
          ? value
          : JSON.stringify(value),
      );
  },
  nil(out, key) {
    member(out, key);
    out.push('null');
  },
  enter(out, key) {
    member(out, key);
    out.push('{');
    return out;
  },
  list(out, key) {
    member(out, key);
    out.push('[');
    return out;
  },
  leave: (out, _inner, container) => void out.push(Array.isArray(container) ? ']' : '}'),
  untyped(out, key, value) {
    member(out, key);
    writeUntyped(value as WireValue, out);
  },
};

/** Untyped content (a key the struct does not declare, xs:anyType): objects, arrays and strings as they are. */
function writeUntyped(value: WireValue, out: string[]): void {
  if (value === NIL) out.push('null');
  else if (typeof value === 'string') out.push(JSON.stringify(value));
  else if (Array.isArray(value)) {
    out.push('[');
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out.push(',');
      writeUntyped(value[i]!, out);
    }
    out.push(']');
  } else {
    out.push('{');
    walkRecord(value, undefined, NO_SCHEMA, JSON_WRITER, out);
    out.push('}');
  }
}

const NO_SCHEMA: SchemaTables = { structs: {}, enums: {} };
