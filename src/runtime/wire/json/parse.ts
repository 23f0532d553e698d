// A JSON text read into a wire record that keeps every scalar's text as received (so the seal is verified over the
// JSON itself): strict, linear, duplicated keys refused, nesting bounded.
import { emptyRecord, NIL, type WireRecord, type WireValue } from '../../record/values';
import { WireSyntaxError } from '../errors';

export class JsonSyntaxError extends WireSyntaxError {
  override readonly name = 'JsonSyntaxError';
}

const MAX_DEPTH = 256;

/**
 * Reads a JSON reply into a wire record. Scalars keep their text as received (a number's digits, a string's decoded
 * characters), `true`/`false` become their names and null is left out, as the seal rule reads them. A leading byte
 * order mark is skipped (as on the SOAP wire). A duplicated key is refused: two values for one field would let a reply
 * say one thing to the seal and another to the caller. Linear in the input; nesting is limited to 256 levels.
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
      const simple: Record<string, string> = {
        '"': '"',
        '\\': '\\',
        '/': '/',
        b: '\b',
        f: '\f',
        n: '\n',
        r: '\r',
        t: '\t',
      };
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
  if (text[at] !== '{') fail('a JSON message must be an object');
  const record = value(0) as WireRecord;
  space();
  if (at !== text.length) fail('text after the JSON object');
  return record;
}
