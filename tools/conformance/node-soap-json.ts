// node-soap's JSON shapes and ours, guided by our descriptors: its request.json into our typed request,
// our typed reply into its response.json shape, and a comparison that names every node-soap quirk it
// had to allow for. Pure functions (the conformance test tables exercise them one by one).
import type { FieldDescriptor, SchemaTables, StructDescriptor } from '../../src/runtime/descriptor';
import { ANY_ATTRIBUTES, ANY_TEXT } from '../../src/runtime/record';
import type { Conventions } from './corpus';

/**
 * Where node-soap's expectations differ from what the schema says, and we follow the schema. Each entry
 * says what node-soap does and why we differ; the report lists which samples needed which.
 */
export const QUIRKS = {
  trimmedText:
    'node-soap trims leading and trailing whitespace of every text value by default; xs:string preserves it ' +
    '(XSD whiteSpace=preserve), so we return the text as sent',
  singleNotArray:
    'node-soap returns a lone occurrence of a maxOccurs>1 element as a bare value, an array only when it ' +
    'repeats; we always return an array, so the type does not depend on the data',
  datesAsDate:
    'node-soap turns xs:date/xs:dateTime into JavaScript Dates (local-time parsing, offset and sub-millisecond ' +
    'digits lost); we keep the lexical value',
  textForNumbers:
    'node-soap types values by its own rules (xs:int as a number, an integer enumeration too, other values as ' +
    'text); we type from the schema (an enumeration is its string literal, xs:decimal stays text so no digit is ' +
    'lost), so such values are compared by their text',
  attributesAsText:
    'node-soap returns every attribute as text; we type attributes from the schema (a boolean attribute is a ' +
    'boolean)',
  nilAsObject:
    'node-soap returns xsi:nil as an object holding the xsi:nil attribute, or leaves the element out, unless ' +
    'handleNilAsNull is set; a nillable element sent as xsi:nil reads as null here',
  foreignAttributes:
    'node-soap keeps every attribute, xsi:type and xmlns-like ones included, under "attributes"; we keep the ' +
    'attributes the schema declares',
  prefixedKeys:
    'node-soap accepts "prefix:name" keys to force a namespace prefix; namespaces are computed from the schema ' +
    'here, so the prefix is dropped',
  xsiTypeHints:
    'node-soap reads an "xsi_type" entry among the attributes to write xsi:type; on a field of an abstract type ' +
    'we take it as the $type naming the derived type, elsewhere we send the declared type',
  emptyAsObject:
    'node-soap returns an empty element as null, {} or "" depending on how it was written; we return the empty ' +
    'value of its schema type ({} for a complex type, "" for text)',
} as const;

export type QuirkId = keyof typeof QUIRKS;

/** A request.json that asks for something we do not send by design (raw XML passthrough). */
export class UnsupportedSampleError extends Error {
  override readonly name = 'UnsupportedSampleError';
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);
const structOf = (schema: SchemaTables, field: FieldDescriptor): StructDescriptor | undefined =>
  typeof field.type === 'object' && 'struct' in field.type ? schema.structs[field.type.struct] : undefined;
const wireName = (field: FieldDescriptor): string => field.element ?? field.name;

/** Scalar as our typed request wants it: numbers for integer/number, booleans for boolean, text otherwise. */
function typedScalar(field: FieldDescriptor, value: unknown): unknown {
  if (value === null || typeof value === 'object') return value;
  const type = field.type;
  if (
    (type === 'integer' || type === 'number') &&
    typeof value === 'string' &&
    value.trim() !== '' &&
    Number.isFinite(Number(value))
  )
    return Number(value);
  if (type === 'boolean' && (value === 'true' || value === 'false')) return value === 'true';
  if (
    (type === 'string' || type === 'decimal' || type === 'base64' || typeof type === 'object') &&
    (typeof value === 'number' || typeof value === 'boolean')
  )
    return String(value);
  return value;
}

/**
 * A value for a simple-typed field. node-soap's {$value, attributes} form is unwrapped only when the
 * attributes are xsi_type hints; attributes the schema does not declare stay, for our validation to refuse.
 */
function scalarOf(field: FieldDescriptor, item: unknown, conventions: Conventions, quirks: Set<QuirkId>): unknown {
  if (!isRecord(item) || field.type === 'any') return typedScalar(field, item);
  const attributes = item[conventions.attributesKey];
  const hintsOnly =
    attributes === undefined || (isRecord(attributes) && Object.keys(attributes).every((name) => name === 'xsi_type'));
  if (
    !hintsOnly ||
    !Object.keys(item).every((key) => key === conventions.valueKey || key === conventions.attributesKey)
  )
    return item;
  if (attributes !== undefined) quirks.add('xsiTypeHints');
  return typedScalar(field, item[conventions.valueKey]);
}

/**
 * The derived type node-soap's xsi_type hint ({type, xmlns} among the attributes) names, for a field of an abstract
 * type.
 */
function derivedHint(field: FieldDescriptor, item: unknown, conventions: Conventions): string | undefined {
  if (!field.derived || !isRecord(item) || !isRecord(item[conventions.attributesKey])) return undefined;
  const hint = (item[conventions.attributesKey] as Record<string, unknown>).xsi_type;
  const type = isRecord(hint) ? hint.type : typeof hint === 'string' ? hint.replace(/^.*:/, '') : undefined;
  return Object.keys(field.derived).find((name) => field.derived![name]!.type === type);
}

/** node-soap's request.json (or any argument object) as our typed request for `struct`. */
export function fromNodeSoap(
  value: unknown,
  struct: StructDescriptor,
  schema: SchemaTables,
  conventions: Conventions,
  quirks: Set<QuirkId>,
): unknown {
  if (!isRecord(value)) {
    const text = struct.fields.find((f) => f.text);
    return text ? { [text.name]: typedScalar(text, value) } : value;
  }
  if (containsKey(value, conventions.xmlKey))
    throw new UnsupportedSampleError(`"${conventions.xmlKey}" (raw XML passthrough) is not sent by a typed client`);
  const source: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    const colon = key.indexOf(':');
    if (colon > 0 && key !== conventions.attributesKey) quirks.add('prefixedKeys');
    source[colon > 0 ? key.slice(colon + 1) : key] = item;
  }
  const out: Record<string, unknown> = {};
  const attributes = isRecord(source[conventions.attributesKey])
    ? (source[conventions.attributesKey] as Record<string, unknown>)
    : {};
  const used = new Set<string>([conventions.attributesKey]);
  for (const name of Object.keys(attributes)) if (name === 'xsi_type') quirks.add('xsiTypeHints');
  for (const field of struct.fields) {
    if (field.attribute) {
      if (wireName(field) in attributes) out[field.name] = typedScalar(field, attributes[wireName(field)]);
      continue;
    }
    if (field.text) {
      if (conventions.valueKey in source) out[field.name] = typedScalar(field, source[conventions.valueKey]);
      used.add(conventions.valueKey);
      continue;
    }
    const name = wireName(field);
    if (!(name in source)) continue;
    used.add(name);
    const raw = source[name];
    const inner = structOf(schema, field);
    const one = (item: unknown): unknown => {
      if (item === null) return null;
      const derived = derivedHint(field, item, conventions);
      if (derived)
        return {
          $type: derived,
          ...(fromNodeSoap(item, schema.structs[derived]!, schema, conventions, quirks) as object),
        };
      return inner
        ? fromNodeSoap(item, inner, schema, conventions, quirks)
        : scalarOf(field, item, conventions, quirks);
    };
    if (raw === null || raw === undefined) out[field.name] = raw;
    else if (field.list === 'repeated') out[field.name] = (Array.isArray(raw) ? raw : [raw]).map(one);
    else if (field.list) {
      const items = isRecord(raw) ? raw[field.list.item] : raw;
      out[field.name] = items === undefined ? [] : (Array.isArray(items) ? items : [items]).map(one);
    } else out[field.name] = one(raw);
  }
  for (const [key, item] of Object.entries(source)) if (!used.has(key)) out[key] = item; // our validation names them
  return out;
}

function containsKey(value: unknown, key: string): boolean {
  if (Array.isArray(value)) return value.some((item) => containsKey(item, key));
  return isRecord(value) && (key in value || Object.values(value).some((item) => containsKey(item, key)));
}

/** Untyped content ($attributes/$value, see src/runtime/record/values.ts) in node-soap's shape. */
function untypedToNodeSoap(value: unknown, conventions: Conventions): unknown {
  if (Array.isArray(value)) return value.map((item) => untypedToNodeSoap(item, conventions));
  if (!isRecord(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    if (key === ANY_ATTRIBUTES) out[conventions.attributesKey] = item;
    else if (key === ANY_TEXT) out[conventions.valueKey] = item;
    else out[key] = untypedToNodeSoap(item, conventions);
  }
  return out;
}

/** Our typed reply in node-soap's shape: attributes grouped, text under the value key, list wrappers restored. */
export function toNodeSoap(
  value: unknown,
  struct: StructDescriptor | undefined,
  schema: SchemaTables,
  conventions: Conventions,
): unknown {
  if (!isRecord(value)) return value;
  // node-soap gives an element with simple content and no attribute present as its bare value.
  const text = struct?.fields.find((f) => f.text);
  if (text && Object.keys(value).every((key) => key === text.name)) return value[text.name];
  const out: Record<string, unknown> = {};
  const attributes: Record<string, unknown> = {};
  const known = new Set<string>();
  for (const field of struct?.fields ?? []) {
    known.add(field.name);
    const item = value[field.name];
    if (item === undefined) continue;
    if (field.attribute) attributes[wireName(field)] = item;
    else if (field.text) out[conventions.valueKey] = item;
    else {
      const inner = structOf(schema, field);
      // A value of an abstract type is read as the derived type its xsi:type named ($type, which node-soap has not).
      const typed = (v: unknown): unknown => {
        if (!field.derived || !isRecord(v) || typeof v.$type !== 'string')
          return toNodeSoap(v, inner, schema, conventions);
        const { $type, ...rest } = v;
        return toNodeSoap(rest, schema.structs[$type], schema, conventions);
      };
      const one = (v: unknown): unknown => (field.type === 'any' ? untypedToNodeSoap(v, conventions) : typed(v));
      if (item === null) out[wireName(field)] = null;
      else if (field.list === 'repeated') out[wireName(field)] = (item as unknown[]).map(one);
      else if (field.list) out[wireName(field)] = { [field.list.item]: (item as unknown[]).map(one) };
      else out[wireName(field)] = one(item);
    }
  }
  for (const [key, item] of Object.entries(value)) if (!known.has(key)) out[key] = untypedToNodeSoap(item, conventions);
  return Object.keys(attributes).length > 0 ? { [conventions.attributesKey]: attributes, ...out } : out;
}

/** How a JavaScript Date looks in node-soap's JSON expectations. */
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

function sameScalar(
  ours: unknown,
  theirs: unknown,
  conventions: Conventions,
  quirks: Set<QuirkId>,
  attribute: boolean,
): boolean {
  if (ours === theirs) return true;
  if (ours === null || theirs === null || typeof ours === 'object' || typeof theirs === 'object') return false;
  const a = String(ours);
  const b = String(theirs);
  if (a === b) {
    quirks.add(attribute ? 'attributesAsText' : 'textForNumbers');
    return true;
  }
  if (!conventions.preserveWhitespace && a.trim() === b) {
    quirks.add('trimmedText');
    return true;
  }
  if (ISO_INSTANT.test(b) && sameInstant(a.trim(), b)) {
    quirks.add('datesAsDate');
    return true;
  }
  return false;
}

/** node-soap parses a date without an offset in local time; accept any whole-hour offset of the same wall time. */
function sameInstant(ours: string, theirs: string): boolean {
  const a = Date.parse(ours);
  const b = Date.parse(theirs);
  if (Number.isNaN(a) || Number.isNaN(b)) return false;
  return (
    a === b ||
    (Math.abs(a - b) % 900_000 === 0 &&
      Math.abs(a - b) <= 14 * 3_600_000 &&
      !/(Z|[+-]\d{2}:?\d{2}|GMT[+-]\d{4}.*)$/.test(ours))
  );
}

/**
 * Deep comparison of our reply (already in node-soap's shape) with node-soap's expectation. Returns the
 * first difference as a path and both values, or undefined when they agree (allowing for QUIRKS).
 */
export function compareWithNodeSoap(
  ours: unknown,
  theirs: unknown,
  conventions: Conventions,
  quirks: Set<QuirkId>,
  path = '',
  attribute = false,
): string | undefined {
  const show = (v: unknown): string => JSON.stringify(v)?.slice(0, 120) ?? 'undefined';
  const where = path || '(root)';
  if (Array.isArray(ours) && !Array.isArray(theirs) && ours.length === 1) {
    quirks.add('singleNotArray');
    return compareWithNodeSoap(ours[0], theirs, conventions, quirks, path, attribute);
  }
  if (Array.isArray(ours) && Array.isArray(theirs)) {
    if (ours.length !== theirs.length) return `${where}: ${ours.length} items here, ${theirs.length} in node-soap's`;
    for (let i = 0; i < ours.length; i++) {
      const diff = compareWithNodeSoap(ours[i], theirs[i], conventions, quirks, `${path}[${i}]`, attribute);
      if (diff) return diff;
    }
    return undefined;
  }
  if (isEmpty(ours) && (theirs === null || isEmpty(theirs))) {
    if (ours !== theirs) quirks.add('emptyAsObject');
    return undefined;
  }
  if (ours === null && isNilObject(theirs, conventions)) {
    quirks.add('nilAsObject');
    return undefined;
  }
  // A value node-soap wraps only to carry attributes no schema declares (xsi:type on RPC/encoded replies).
  if (!isRecord(ours) && isRecord(theirs) && conventions.valueKey in theirs && foreignOnly(theirs, conventions)) {
    quirks.add('foreignAttributes');
    return compareWithNodeSoap(ours, theirs[conventions.valueKey], conventions, quirks, path, attribute);
  }
  if (isRecord(ours) && isRecord(theirs)) {
    for (const key of new Set([...Object.keys(ours), ...Object.keys(theirs)])) {
      const a = ours[key];
      let b = theirs[key];
      if (key === conventions.attributesKey && isRecord(b)) {
        // Attributes no schema declares (xsi:type, encoding markers) are node-soap's alone.
        const declared = isRecord(a) ? a : {};
        const foreign = Object.keys(b).filter(
          (name) => !(name in declared) && (name.includes(':') || name === 'xmlns'),
        );
        if (foreign.length > 0) {
          quirks.add('foreignAttributes');
          b = Object.fromEntries(Object.entries(b).filter(([name]) => !foreign.includes(name)));
          if (a === undefined && Object.keys(b as object).length === 0) continue;
        }
      }
      if (a === undefined && b !== undefined && (b === null || isEmpty(b))) {
        quirks.add('emptyAsObject');
        continue;
      }
      if (b === undefined && a === null) {
        quirks.add('nilAsObject');
        continue;
      }
      if (
        b === undefined &&
        (isEmpty(a) || (!conventions.preserveWhitespace && typeof a === 'string' && a.trim() === ''))
      ) {
        quirks.add('emptyAsObject');
        continue;
      }
      if (a === undefined || b === undefined)
        return (
          `${path}.${key}: ` +
          `${a === undefined ? `missing here, node-soap has ${show(b)}` : `${show(a)} here, missing in node-soap's`}`
        );
      const diff = compareWithNodeSoap(
        a,
        b,
        conventions,
        quirks,
        `${path}.${key}`,
        key === conventions.attributesKey || attribute,
      );
      if (diff) return diff;
    }
    return undefined;
  }
  return sameScalar(ours, theirs, conventions, quirks, attribute)
    ? undefined
    : `${where}: ${show(ours)} here, ${show(theirs)} in node-soap's`;
}

function isEmpty(value: unknown): boolean {
  return value === '' || (isRecord(value) && Object.keys(value).length === 0);
}

function foreignOnly(value: Record<string, unknown>, conventions: Conventions): boolean {
  const attributes = value[conventions.attributesKey];
  const keys = Object.keys(value).filter((k) => k !== conventions.valueKey);
  return (
    keys.every((k) => k === conventions.attributesKey) &&
    (attributes === undefined || (isRecord(attributes) && Object.keys(attributes).every((n) => n.includes(':'))))
  );
}

function isNilObject(value: unknown, conventions: Conventions): boolean {
  if (!isRecord(value) || Object.keys(value).length !== 1 || !isRecord(value[conventions.attributesKey])) return false;
  return Object.keys(value[conventions.attributesKey] as object).some((name) => name.endsWith(':nil'));
}
