// The Office JSON wire (POST /rs-services/v2/<service>/<operation>): the request body written from the same
// wire record the SOAP envelope is written from, and the reply read into a wire record that keeps every
// scalar's text as received, so the seal is verified over the JSON itself.
import type { FieldDescriptor, OperationDescriptor, SchemaTables, StructDescriptor } from '../../descriptor';
import { baseUrl, type EndpointOptions, type Environment } from '../../endpoints';
import { emptyRecord, NIL, structOf, type WireRecord, type WireValue } from '..';
import { indexOf } from '../../record/structs';

/** https://<host>/rs-services/v2/<service>/<operation> (the dictionary's jsonPath where it differs from the name). */
export function jsonUrl(environment: Environment, operation: Pick<OperationDescriptor, 'service' | 'name' | 'jsonPath'>, options: EndpointOptions = {}): string {
  return `${baseUrl(environment, options)}/rs-services/v2/${operation.service}/${operation.jsonPath ?? operation.name}`;
}

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

export class JsonSyntaxError extends Error {
  override readonly name = 'JsonSyntaxError';
}

const MAX_DEPTH = 256;

/**
 * Reads a JSON reply into a wire record. Scalars keep their text as received (a number's digits, a string's
 * decoded characters), `true`/`false` become their names and null is left out, as the seal rule reads them.
 * A leading byte order mark is skipped (as on the SOAP wire). A duplicated key is refused: two values for one field would let a reply say one thing to the seal and
 * another to the caller. Linear in the input; nesting is limited to 256 levels.
 */
export function parseJsonRecord(text: string): WireRecord {
  // A UTF-8 byte order mark is skipped, as the XML reader skips one: both wires accept it alike.
  let at = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const fail = (what: string): never => {
    throw new JsonSyntaxError(`${what} at offset ${at}`);
  };
  const space = (): void => {
    while (at < text.length && (text[at] === ' ' || text[at] === '\n' || text[at] === '\r' || text[at] === '\t')) at++;
  };
  const string = (): string => {
    at++; // opening quote
    let out = '';
    let start = at;
    for (;;) {
      if (at >= text.length) fail('unterminated string');
      const c = text.charCodeAt(at);
      if (c === 0x22) break;
      if (c < 0x20) fail('control character in a string');
      if (c !== 0x5c) {
        at++;
        continue;
      }
      out += text.slice(start, at);
      const escape = text[at + 1];
      const simple: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
      if (escape !== undefined && escape in simple) {
        out += simple[escape];
        at += 2;
      } else if (escape === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(at + 2, at + 6))) {
        out += String.fromCharCode(parseInt(text.slice(at + 2, at + 6), 16));
        at += 6;
      } else fail('bad escape in a string');
      start = at;
    }
    out += text.slice(start, at);
    at++; // closing quote
    return out;
  };
  const value = (depth: number): WireValue | undefined => {
    if (depth > MAX_DEPTH) fail(`nesting deeper than ${MAX_DEPTH}`);
    space();
    const c = text[at];
    if (c === '{') {
      at++;
      // No prototype: a key named __proto__ or constructor is data like any other key.
      const record = emptyRecord();
      const seen = new Set<string>();
      space();
      if (text[at] === '}') {
        at++;
        return record;
      }
      for (;;) {
        space();
        if (text[at] !== '"') fail('expected a key');
        const key = string();
        if (seen.has(key)) fail(`duplicated key "${key.slice(0, 40)}"`);
        seen.add(key);
        space();
        if (text[at] !== ':') fail('expected ":"');
        at++;
        const item = value(depth + 1);
        if (item !== undefined) record[key] = item;
        space();
        if (text[at] === ',') {
          at++;
          continue;
        }
        if (text[at] === '}') {
          at++;
          return record;
        }
        fail('expected "," or "}"');
      }
    }
    if (c === '[') {
      at++;
      const list: WireValue[] = [];
      space();
      if (text[at] === ']') {
        at++;
        return list;
      }
      for (;;) {
        const item = value(depth + 1);
        list.push(item === undefined ? NIL : item);
        space();
        if (text[at] === ',') {
          at++;
          continue;
        }
        if (text[at] === ']') {
          at++;
          return list;
        }
        fail('expected "," or "]"');
      }
    }
    if (c === '"') return string();
    const literal = /^(?:true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][-+]?\d+)?)/.exec(text.slice(at, at + 64));
    if (!literal) return fail('unexpected character');
    at += literal[0].length;
    return literal[0] === 'null' ? undefined : literal[0];
  };
  space();
  if (text[at] !== '{') fail('a JSON reply must be an object');
  const record = value(0) as WireRecord;
  space();
  if (at !== text.length) fail('text after the JSON object');
  return record;
}
