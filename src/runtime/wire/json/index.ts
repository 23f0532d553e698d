// The Office JSON wire (POST /rs-services/v2/<service>/<operation>): the request body written from the same
// wire record the SOAP envelope is written from, and the reply read into a wire record that keeps every
// scalar's text as received, so the seal is verified over the JSON itself.
import type { OperationDescriptor, SchemaTables, StructDescriptor } from '../../descriptor';
import { baseUrl, type EndpointOptions, type Environment } from '../../endpoints';
import { emptyRecord, NIL, type WireRecord, type WireValue } from '..';
import { walkRecord, type RecordVisitor, type WalkKey } from '../../record/walk';

/** https://<host>/rs-services/v2/<service>/<operation> (the dictionary's jsonPath where it differs from the name). */
export function jsonUrl(environment: Environment, operation: Pick<OperationDescriptor, 'service' | 'name' | 'jsonPath'>, options: EndpointOptions = {}): string {
  return `${baseUrl(environment, options)}/rs-services/v2/${operation.service}/${operation.jsonPath ?? operation.name}`;
}

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
    else out.push((field.type === 'integer' || field.type === 'number') && NUMBER_TEXT.test(value) ? value : JSON.stringify(value));
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
