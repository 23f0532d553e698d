// Requests in: validates a typed request object against its struct descriptor (types, facets, value
// lists, since-versions) and renders it as a wire tree, collecting every problem with its field path.
import { enumValues, type FieldDescriptor, type SchemaTables, type StructDescriptor } from '../descriptor';
import type { FieldIssue } from '../errors';
import { compareVersions } from '../version';
import { INVALID_XML_CHARS } from '../wire/soap/xml';
import { patternProblem } from './patterns';
import { indexOf, structOf } from './structs';
import { ANY_ATTRIBUTES, ANY_TEXT, DERIVED_TYPE, NIL, setField, type WireRecord, type WireValue } from './values';

/** Luhn check for card numbers. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return false;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return digits.length > 0 && sum % 10 === 0;
}

/** What a request is validated against, and where its problems are collected. */
export interface BuildContext {
  readonly schema: SchemaTables;
  readonly issues: FieldIssue[];
  /** Interface version number being sent, for since-version checks. */
  readonly version?: string;
  /** Accept wire text for numbers and booleans (a server validating what it received). */
  readonly acceptText?: boolean;
}

/**
 * Validates a request object against its struct and renders it as a wire tree in descriptor order.
 * Every problem is collected; the caller throws one error naming them all.
 */
export function buildWireRecord(struct: StructDescriptor, value: unknown, context: BuildContext, path = ''): WireRecord {
  const out: WireRecord = {};
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    context.issues.push({ field: path || '(request)', problem: 'must be an object' });
    return out;
  }
  const record = value as Record<string, unknown>;
  const { names: known, fields } = indexOf(struct);
  for (const field of fields) {
    const fieldPath = path ? `${path}.${field.name}` : field.name;
    const fieldValue = record[field.name];
    if (fieldValue === undefined && field.fixed !== undefined) {
      out[field.name] = field.tokens || field.list ? field.fixed.split(/\s+/).filter((t) => t !== '').join(' ') : field.fixed; // fixed=: filled by the client
      continue;
    }
    if (fieldValue === undefined || (fieldValue === null && !field.nillable)) {
      if (field.required) context.issues.push({ field: fieldPath, problem: 'is required' });
      continue;
    }
    if (field.since && context.version && compareVersions(field.since, context.version) > 0) {
      context.issues.push({ field: fieldPath, problem: `appeared in interface version ${field.since}, newer than the ${context.version} being sent` });
    }
    if (fieldValue === null) {
      out[field.name] = NIL;
    } else if (field.list) {
      if (!Array.isArray(fieldValue)) {
        context.issues.push({ field: fieldPath, problem: 'must be an array' });
        continue;
      }
      if (field.required && fieldValue.length === 0) context.issues.push({ field: fieldPath, problem: 'must not be empty' });
      out[field.name] = fieldValue.map((item, index) =>
        item === null && field.nillable && field.list === 'repeated' ? NIL : buildWireValue(field, item, context, `${fieldPath}[${index}]`),
      );
    } else {
      out[field.name] = buildWireValue(field, fieldValue, context, fieldPath);
      if (field.fixed !== undefined && out[field.name] !== field.fixed) context.issues.push({ field: fieldPath, problem: `must be ${JSON.stringify(field.fixed)} (fixed by the schema)` });
    }
  }
  if (struct.choices) checkChoices(struct.choices, record, context, path);
  for (const name of Object.keys(record)) {
    if (known.has(name) || record[name] === undefined) continue;
    const namePath = path ? `${path}.${name}` : name;
    if (name === ANY_ATTRIBUTES && struct.anyAttributes) {
      out[name] = buildAttributes(record[name], context, namePath);
      continue;
    }
    if (!struct.any) context.issues.push({ field: namePath, problem: 'is not a field of this request' });
    else if (!XML_NAME.test(name)) context.issues.push({ field: namePath, problem: 'is not a valid XML element name' });
    else setField(out, name, buildAnyValue(record[name], context, namePath)); // a key named __proto__ stays data
  }
  return out;
}

const XML_NAME = /^[A-Za-z_][-A-Za-z0-9_.]*$/;
const ATTRIBUTE_NAME = /^[A-Za-z_][-A-Za-z0-9_.]*(:[A-Za-z_][-A-Za-z0-9_.]*)?$/;

/** Attributes the schema does not name (xs:anyAttribute, or untyped content): scalars under valid attribute names, as text. */
function buildAttributes(value: unknown, context: BuildContext, path: string): WireRecord {
  const out: WireRecord = {};
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    context.issues.push({ field: path, problem: 'must be an object of attribute names to values' });
    return out;
  }
  for (const [attribute, text] of Object.entries(value as Record<string, unknown>)) {
    if (!ATTRIBUTE_NAME.test(attribute) || (text !== null && typeof text === 'object')) {
      context.issues.push({ field: `${path}.${attribute}`, problem: 'must be a scalar under a valid attribute name' });
    } else if (text !== undefined && text !== null) {
      if (INVALID_XML_CHARS.test(String(text))) context.issues.push({ field: `${path}.${attribute}`, problem: 'contains a control character XML cannot carry' });
      else out[attribute] = String(text);
    }
  }
  return out;
}
const SURROGATE = /[\uD800-\uDFFF]/;

function buildAnyValue(value: unknown, context: BuildContext, path: string): WireValue {
  if (value === null) return NIL;
  if (Array.isArray(value)) return value.map((item, index) => buildAnyValue(item, context, `${path}[${index}]`));
  if (Buffer.isBuffer(value)) return value.toString('base64');
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') {
    const out: WireRecord = {};
    for (const [name, item] of Object.entries(value as Record<string, unknown>)) {
      if (item === undefined) continue;
      if (name === ANY_ATTRIBUTES && item !== null && typeof item === 'object' && !Array.isArray(item)) {
        const attributes: WireRecord = {};
        for (const [attribute, text] of Object.entries(item as Record<string, unknown>)) {
          if (!/^[A-Za-z_][-A-Za-z0-9_.]*(:[A-Za-z_][-A-Za-z0-9_.]*)?$/.test(attribute) || (text !== null && typeof text === 'object')) {
            context.issues.push({ field: `${path}.${ANY_ATTRIBUTES}.${attribute}`, problem: 'must be a scalar under a valid attribute name' });
          } else if (text !== undefined && text !== null) setField(attributes, attribute, String(text));
        }
        out[name] = attributes;
      } else if (name === ANY_TEXT) out[name] = buildAnyValue(item === null ? '' : typeof item === 'object' ? '' : item, context, `${path}.${name}`);
      else if (!XML_NAME.test(name)) context.issues.push({ field: `${path}.${name}`, problem: 'is not a valid XML element name' });
      else setField(out, name, buildAnyValue(item, context, `${path}.${name}`));
    }
    return out;
  }
  const text = String(value);
  if (INVALID_XML_CHARS.test(text)) context.issues.push({ field: path, problem: 'contains a control character XML cannot carry' });
  return text;
}

/**
 * xs:choice: fields of two alternatives at once are refused, naming them; none when one is required is refused,
 * naming the alternatives.
 */
function checkChoices(choices: NonNullable<StructDescriptor['choices']>, record: Record<string, unknown>, context: BuildContext, path: string): void {
  const at = (name: string): string => (path ? `${path}.${name}` : name);
  for (const choice of choices) {
    const given = choice.of.map((branch) => branch.filter((name) => record[name] !== undefined)).filter((names) => names.length > 0);
    const alternatives = choice.of.map((branch) => branch.join(' + ')).join(' | ');
    if (given.length > 1) {
      const names = given.flat();
      context.issues.push({ field: names.map(at).join(', '), problem: `are alternatives of one xs:choice (${alternatives}): give only one of them` });
    } else if (given.length === 0 && choice.required) {
      context.issues.push({ field: choice.of.map((branch) => at(branch[0]!)).join(' | '), problem: `one alternative of the xs:choice (${alternatives}) is required` });
    }
  }
}

/** xs:list: an array whose items are checked one by one, sent as one whitespace-separated text. */
function buildTokens(field: FieldDescriptor, value: unknown, context: BuildContext, path: string): WireValue {
  if (!Array.isArray(value)) {
    context.issues.push({ field: path, problem: 'must be an array (an xs:list, sent as one whitespace-separated text)' });
    return '';
  }
  const item: FieldDescriptor = { ...field, tokens: undefined };
  const texts = value.map((entry, index) => buildWireValue(item, entry, context, `${path}[${index}]`));
  texts.forEach((text, index) => {
    if (typeof text === 'string' && /\s/.test(text)) context.issues.push({ field: `${path}[${index}]`, problem: 'must not contain whitespace (an xs:list item)' });
  });
  return texts.join(' ');
}

/** A value of an abstract type: one of its derived types, named by `$type`, checked as that type and sent with xsi:type. */
function buildDerived(derived: NonNullable<FieldDescriptor['derived']>, value: unknown, context: BuildContext, path: string): WireValue {
  const chosen = value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>)[DERIVED_TYPE] : undefined;
  if (typeof chosen !== 'string' || !Object.prototype.hasOwnProperty.call(derived, chosen)) {
    context.issues.push({ field: `${path}.${DERIVED_TYPE}`, problem: `must name the type of this value (its xsi:type), one of ${Object.keys(derived).join(', ')}` });
    return {};
  }
  const { [DERIVED_TYPE]: _type, ...fields } = value as Record<string, unknown>;
  const record = buildWireRecord(structOf(context.schema, chosen), fields, context, path);
  record[DERIVED_TYPE] = chosen;
  return record;
}

function buildWireValue(field: FieldDescriptor, value: unknown, context: BuildContext, path: string): WireValue {
  if (field.tokens) return buildTokens(field, value, context, path);
  const type = field.type;
  if (typeof type === 'object' && 'struct' in type && field.derived) return buildDerived(field.derived, value, context, path);
  if (typeof type === 'object' && 'struct' in type) return buildWireRecord(structOf(context.schema, type.struct), value, context, path);
  if (type === 'any') return buildAnyValue(value, context, path);
  let text: string;
  if (typeof type === 'object') {
    const list = context.schema.enums[type.enum];
    const values = enumValues(list);
    if (typeof value !== 'string' || (!list?.open && !values.includes(value))) {
      context.issues.push({ field: path, problem: list?.open ? 'must be a string' : `must be one of ${values.join(', ')}` });
      return '';
    }
    text = value;
  } else if (type === 'integer') {
    if (typeof value === 'number' && Number.isSafeInteger(value)) text = String(value);
    else if (typeof value === 'bigint') text = value.toString();
    else if (context.acceptText && typeof value === 'string' && /^-?\d+$/.test(value.trim())) text = value.trim();
    else {
      context.issues.push({ field: path, problem: 'must be a safe integer (amounts are in minor units: 10.50 EUR is 1050)' });
      return '';
    }
  } else if (type === 'number') {
    if (context.acceptText && typeof value === 'string' && Number.isFinite(Number(value))) text = value.trim();
    else if (typeof value !== 'number' || !Number.isFinite(value)) {
      context.issues.push({ field: path, problem: 'must be a finite number' });
      return '';
    } else text = String(value);
  } else if (type === 'boolean') {
    if (context.acceptText && (value === 'true' || value === 'false')) text = value;
    else if (typeof value !== 'boolean') {
      context.issues.push({ field: path, problem: 'must be a boolean' });
      return '';
    } else text = value ? 'true' : 'false';
  } else if (type === 'base64') {
    if (Buffer.isBuffer(value)) text = value.toString('base64');
    else if (typeof value === 'string' && /^[A-Za-z0-9+/\s]*={0,2}\s*$/.test(value)) text = value;
    else {
      context.issues.push({ field: path, problem: 'must be Base64 text or a Buffer' });
      return '';
    }
  } else {
    if (typeof value !== 'string') {
      context.issues.push({ field: path, problem: 'must be a string' });
      return '';
    }
    if (INVALID_XML_CHARS.test(value)) {
      context.issues.push({ field: path, problem: 'contains a control character XML cannot carry' });
      return '';
    }
    // The gateway's XML parser reads a CR or CRLF as LF (XML end-of-line handling): seal and send what it will see.
    text = value.includes('\r') ? value.replace(/\r\n?/g, '\n') : value;
  }
  const facets = field.facets;
  if (facets) {
    // Characters are code points: count them one by one only when surrogate pairs are there.
    const length = SURROGATE.test(text) ? [...text].length : text.length;
    // With the dictionary's words for the format: what to send instead, rather than a regular expression.
    const expected = facets.format === undefined ? '' : `must be ${facets.format}${facets.example === undefined ? '' : `, e.g. ${facets.example}`}`;
    const tooLong = facets.maxLength !== undefined && length > facets.maxLength;
    if (tooLong) context.issues.push({ field: path, problem: `is longer than ${facets.maxLength} characters${expected && ` (${expected})`}` });
    if (facets.minLength !== undefined && length < facets.minLength) context.issues.push({ field: path, problem: `is shorter than ${facets.minLength} characters${expected && ` (${expected})`}` });
    // Length first: a pattern runs only on text within the field's length (patterns.ts bounds the rest).
    const patternIssue = facets.pattern !== undefined && !tooLong ? patternProblem(facets.pattern, text) : undefined;
    if (patternIssue) context.issues.push({ field: path, problem: expected && patternIssue.startsWith('does not match') ? expected : patternIssue });
    if (facets.minInclusive !== undefined && Number(text) < facets.minInclusive) context.issues.push({ field: path, problem: `must be at least ${facets.minInclusive}` });
    if (facets.maxInclusive !== undefined && Number(text) > facets.maxInclusive) context.issues.push({ field: path, problem: `must be at most ${facets.maxInclusive}` });
  }
  // No Luhn check here: the gateway answers 14 itself, and the documented test cards include
  // numbers that fail it (4100000000000005).
  return text;
}
