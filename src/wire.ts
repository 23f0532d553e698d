// Between typed objects and the wire, guided by the generated descriptors:
// validate and serialise requests, read response trees back into typed objects.
import { CONTEXT_NAMESPACE, type FieldDescriptor, type OperationDescriptor, type SchemaTables, type StructDescriptor } from './descriptor';
import type { FieldIssue } from './errors';
import { INVALID_XML_CHARS, escapeText, parseXml, type XmlNode } from './xml';

/** Wire values: every scalar already rendered as the text that goes on the wire (and into the seal). */
export type WireValue = string | WireValue[] | WireRecord;
export interface WireRecord {
  [key: string]: WireValue;
}

/**
 * An xsi:nil="true" element in a wire tree (nillable fields, and untyped content). One shared empty,
 * frozen record compared by identity: it adds nothing to a seal, and a typed result reads it as null.
 */
export const NIL: WireRecord = Object.freeze({}) as WireRecord;
export function structOf(schema: SchemaTables, name: string): StructDescriptor {
  const struct = schema.structs[name];
  if (!struct) throw new Error(`descriptor error: struct ${name} is not in the schema tables`);
  return struct;
}

/** "2.58" from "MR_WS_2.58"; undefined when the version has no number. */
export function versionNumber(interfaceVersion: string): string | undefined {
  return /_(\d+(?:\.\d+)*)$/.exec(interfaceVersion)?.[1];
}

/** Numeric comparison of dotted versions: 2.9 < 2.21 < 2.58. */
export function compareVersions(a: string, b: string): number {
  const pa = versionParts(a);
  const pb = versionParts(b);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

// Parsed once per version string (every field carries a `since`; requests compare them all). Bounded.
const versionCache = new Map<string, readonly number[]>();
function versionParts(version: string): readonly number[] {
  let parts = versionCache.get(version);
  if (!parts) {
    parts = version.split('.').map(Number);
    if (versionCache.size < 1000) versionCache.set(version, parts);
  }
  return parts;
}

/** Per-struct lookup tables, built once per descriptor (descriptors are constants) instead of on every call. */
interface StructIndex {
  readonly names: ReadonlySet<string>;
  readonly byName: ReadonlyMap<string, FieldDescriptor>;
  /** Element fields by wire local name (several when only their namespaces differ). */
  readonly byElement: ReadonlyMap<string, readonly FieldDescriptor[]>;
  /** Attribute and text (simpleContent) fields, in descriptor order. */
  readonly special: readonly FieldDescriptor[];
}
const structIndexes = new WeakMap<StructDescriptor, StructIndex>();
const NO_FIELDS: StructDescriptor = { fields: [] };
function indexOf(struct: StructDescriptor | undefined): StructIndex {
  const key = struct ?? NO_FIELDS;
  let index = structIndexes.get(key);
  if (!index) {
    const byElement = new Map<string, FieldDescriptor[]>();
    const special: FieldDescriptor[] = [];
    for (const field of key.fields) {
      if (field.text || field.attribute) special.push(field);
      else {
        const element = field.element ?? field.name;
        byElement.set(element, [...(byElement.get(element) ?? []), field]);
      }
    }
    index = { names: new Set(key.fields.map((f) => f.name)), byName: new Map(key.fields.map((f) => [f.name, f])), byElement, special };
    structIndexes.set(key, index);
  }
  return index;
}

const patternCache = new Map<string, RegExp>();
function patternOf(source: string): RegExp {
  let regex = patternCache.get(source);
  if (!regex) {
    // XSD patterns are implicitly anchored.
    regex = new RegExp(`^(?:${source})$`, 'u');
    patternCache.set(source, regex);
  }
  return regex;
}

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

interface BuildContext {
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
  const known = indexOf(struct).names;
  for (const field of struct.fields) {
    const fieldPath = path ? `${path}.${field.name}` : field.name;
    const fieldValue = record[field.name];
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
    }
  }
  for (const name of Object.keys(record)) {
    if (known.has(name) || record[name] === undefined) continue;
    const namePath = path ? `${path}.${name}` : name;
    if (!struct.any) context.issues.push({ field: namePath, problem: 'is not a field of this request' });
    else if (!XML_NAME.test(name)) context.issues.push({ field: namePath, problem: 'is not a valid XML element name' });
    else out[name] = buildAnyValue(record[name], context, namePath);
  }
  return out;
}

const XML_NAME = /^[A-Za-z_][-A-Za-z0-9_.]*$/;
const SURROGATE = /[\uD800-\uDFFF]/;

/**
 * Untyped content (xs:anyType, and what an xs:any allows), both ways: text, or an object whose keys are
 * child elements (an array repeats the element), with the element's own attributes under '$attributes'
 * and its text beside children under '$value' ('$' cannot start an XML name, so they never clash).
 */
export const ANY_ATTRIBUTES = '$attributes';
export const ANY_TEXT = '$value';

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
          } else if (text !== undefined && text !== null) attributes[attribute] = String(text);
        }
        out[name] = attributes;
      } else if (name === ANY_TEXT) out[name] = buildAnyValue(item === null ? '' : typeof item === 'object' ? '' : item, context, `${path}.${name}`);
      else if (!XML_NAME.test(name)) context.issues.push({ field: `${path}.${name}`, problem: 'is not a valid XML element name' });
      else out[name] = buildAnyValue(item, context, `${path}.${name}`);
    }
    return out;
  }
  const text = String(value);
  if (INVALID_XML_CHARS.test(text)) context.issues.push({ field: path, problem: 'contains a control character XML cannot carry' });
  return text;
}

function buildWireValue(field: FieldDescriptor, value: unknown, context: BuildContext, path: string): WireValue {
  const type = field.type;
  if (typeof type === 'object' && 'struct' in type) return buildWireRecord(structOf(context.schema, type.struct), value, context, path);
  if (type === 'any') return buildAnyValue(value, context, path);
  let text: string;
  if (typeof type === 'object') {
    const list = context.schema.enums[type.enum];
    const values = list?.values ?? [];
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
    if (facets.maxLength !== undefined && length > facets.maxLength) context.issues.push({ field: path, problem: `is longer than ${facets.maxLength} characters` });
    if (facets.minLength !== undefined && length < facets.minLength) context.issues.push({ field: path, problem: `is shorter than ${facets.minLength} characters` });
    if (facets.pattern !== undefined && !patternOf(facets.pattern).test(text)) context.issues.push({ field: path, problem: `does not match the pattern ${facets.pattern}` });
    if (facets.minInclusive !== undefined && Number(text) < facets.minInclusive) context.issues.push({ field: path, problem: `must be at least ${facets.minInclusive}` });
    if (facets.maxInclusive !== undefined && Number(text) > facets.maxInclusive) context.issues.push({ field: path, problem: `must be at most ${facets.maxInclusive}` });
  }
  // No Luhn check here: the gateway answers 14 itself, and the documented test cards include
  // numbers that fail it (4100000000000005).
  return text;
}

/**
 * Serialises a wire record's content in descriptor order: text (simpleContent), child elements, then
 * the elements an xs:any allows. Attributes belong to the enclosing start tag (see `attributesOf`).
 */
export function writeRecord(struct: StructDescriptor, record: WireRecord, schema: SchemaTables, out: string[], scope?: string): void {
  for (const field of struct.fields) {
    const value = record[field.name];
    if (value === undefined || field.attribute) continue;
    if (field.text) {
      out.push(escapeText(typeof value === 'string' ? value : ''));
      continue;
    }
    const element = field.element ?? field.name;
    if (value === NIL) out.push(nilTag(element, field.ns, scope));
    else if (field.list === 'repeated') {
      for (const item of value as WireValue[]) writeElement(element, field.ns, field, item, schema, out, scope);
    } else if (field.list) {
      const list = field.list;
      out.push(openTag(element, field.ns, '', scope));
      for (const item of value as WireValue[]) writeElement(list.item, list.ns, field, item, schema, out, scope);
      out.push(closeTag(element, field.ns, scope));
    } else {
      writeElement(element, field.ns, field, value, schema, out, scope);
    }
  }
  if (struct.any) {
    const known = new Set(struct.fields.map((f) => f.name));
    for (const [name, value] of Object.entries(record)) if (!known.has(name)) writeAny(name, value, out);
  }
}

const XSI = 'http://www.w3.org/2001/XMLSchema-instance';

function escapeAttribute(value: string): string {
  return value.replace(/[&<"\t\n\r]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '"': '&quot;', '\t': '&#9;', '\n': '&#10;', '\r': '&#13;' })[c]!);
}

/**
 * The attribute text of a record's attribute fields, for the start tag of the element it describes.
 * `prefix`/`ns` are the element's own prefix and namespace: a qualified attribute in that namespace reuses it.
 */
export function attributesOf(struct: StructDescriptor, record: WireRecord, prefix = 'n', ns?: string): string {
  let text = '';
  let declared = 0;
  for (const field of struct.fields) {
    const value = record[field.name];
    if (!field.attribute || typeof value !== 'string') continue;
    const name = field.element ?? field.name;
    const fieldNs = field.ns === CONTEXT_NAMESPACE ? ns : field.ns;
    if (!fieldNs) text += ` ${name}="${escapeAttribute(value)}"`;
    else if (fieldNs === ns) text += ` ${prefix}:${name}="${escapeAttribute(value)}"`;
    else text += ` xmlns:a${++declared}="${escapeAttribute(fieldNs)}" a${declared}:${name}="${escapeAttribute(value)}"`;
  }
  return text;
}

// Qualified elements in the operation's namespace (`scope`) use the `ns:` prefix the body element
// declares; other namespaces get a locally declared prefix. No default namespace is ever declared, so
// unqualified elements stay in no namespace wherever they are nested.
function qualifiedName(element: string, ns: string | undefined, scope: string | undefined): { name: string; declaration: string } {
  const resolved = ns === CONTEXT_NAMESPACE ? scope : ns;
  if (!resolved) return { name: element, declaration: '' };
  if (resolved === scope) return { name: `ns:${element}`, declaration: '' };
  return { name: `n:${element}`, declaration: ` xmlns:n="${escapeAttribute(resolved)}"` };
}
function openTag(element: string, ns: string | undefined, attributes = '', scope?: string): string {
  const { name, declaration } = qualifiedName(element, ns, scope);
  return `<${name}${declaration}${attributes}>`;
}
function closeTag(element: string, ns: string | undefined, scope?: string): string {
  return `</${qualifiedName(element, ns, scope).name}>`;
}
function nilTag(element: string, ns: string | undefined, scope?: string): string {
  const { name, declaration } = qualifiedName(element, ns, scope);
  return `<${name}${declaration} xmlns:xsi="${XSI}" xsi:nil="true"/>`;
}

function writeElement(element: string, ns: string | undefined, field: FieldDescriptor, value: WireValue, schema: SchemaTables, out: string[], scope?: string): void {
  if (value === NIL) {
    out.push(nilTag(element, ns, scope));
    return;
  }
  if (typeof field.type === 'object' && 'struct' in field.type) {
    const struct = structOf(schema, field.type.struct);
    const resolved = ns === CONTEXT_NAMESPACE ? scope : ns;
    out.push(openTag(element, ns, attributesOf(struct, value as WireRecord, resolved === scope ? 'ns' : 'n', resolved), scope));
    writeRecord(struct, value as WireRecord, schema, out, scope);
  } else if (field.type === 'any') {
    out.push(openTag(element, ns, anyAttributes(value), scope));
    writeAnyContent(value, out);
  } else {
    out.push(openTag(element, ns, '', scope));
    out.push(escapeText(value as string));
  }
  out.push(closeTag(element, ns, scope));
}

/** Untyped content (xs:anyType, xs:any): unqualified elements named by the object keys (see ANY_ATTRIBUTES). */
function writeAny(name: string, value: WireValue, out: string[]): void {
  if (Array.isArray(value)) {
    for (const item of value) writeAny(name, item, out);
  } else if (value === NIL) {
    out.push(nilTag(name, undefined));
  } else {
    out.push(`<${name}${anyAttributes(value)}>`);
    writeAnyContent(value, out);
    out.push(`</${name}>`);
  }
}
function writeAnyContent(value: WireValue, out: string[]): void {
  if (typeof value === 'string') out.push(escapeText(value));
  else if (Array.isArray(value)) for (const item of value) writeAnyContent(item, out);
  else if (value !== NIL) {
    const text = value[ANY_TEXT];
    if (typeof text === 'string') out.push(escapeText(text));
    for (const [name, item] of Object.entries(value)) if (name !== ANY_ATTRIBUTES && name !== ANY_TEXT) writeAny(name, item, out);
  }
}
function anyAttributes(value: WireValue): string {
  const attributes = typeof value === 'object' && !Array.isArray(value) ? value[ANY_ATTRIBUTES] : undefined;
  if (!attributes || typeof attributes !== 'object' || Array.isArray(attributes)) return '';
  return Object.entries(attributes)
    .filter((entry): entry is [string, string] => typeof entry[1] === 'string')
    .map(([name, text]) => ` ${name}="${escapeAttribute(text)}"`)
    .join('');
}

/** Untyped content read back (see ANY_ATTRIBUTES); xmlns declarations are not attributes, xsi:nil gives NIL. */
function readAny(node: XmlNode): WireValue {
  if (isNil(node)) return NIL;
  const attributes = Object.entries(node.attributes).filter(([name]) => name !== 'xmlns' && !name.startsWith('xmlns:'));
  if (node.children.length === 0 && attributes.length === 0) return node.text;
  const out: WireRecord = {};
  if (attributes.length > 0) out[ANY_ATTRIBUTES] = Object.fromEntries(attributes);
  if (node.children.length === 0 || node.text.trim() !== '') out[ANY_TEXT] = node.text;
  for (const child of node.children) {
    const value = readAny(child);
    const existing = out[child.local];
    if (existing === undefined) out[child.local] = value;
    else if (Array.isArray(existing) && existing !== value) existing.push(value);
    else out[child.local] = [existing, value];
  }
  return out;
}

const SOAP11_ENV = 'http://schemas.xmlsoap.org/soap/envelope/';
const SOAP12_ENV = 'http://www.w3.org/2003/05/soap-envelope';

export function envelopeNamespace(operation: OperationDescriptor): string {
  return operation.soapVersion === '1.2' ? SOAP12_ENV : SOAP11_ENV;
}

/**
 * The whole request envelope. Every element's namespace is the one the descriptor computed from the
 * schema; an empty requestElement puts the fields directly in the Body (bare document style).
 */
export function buildEnvelope(operation: OperationDescriptor, record: WireRecord): string {
  const struct = structOf(operation.schema, operation.request);
  const out: string[] = [`<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="${envelopeNamespace(operation)}"><soapenv:Body>`];
  const element = operation.requestElement;
  const wrapper = operation.requestWrapper;
  // The fields' own attributes go on the innermost element: the wrapper when there is one.
  const bodyAttributes = element && !wrapper ? attributesOf(struct, record, 'ns', operation.namespace || undefined) : '';
  if (element) out.push(operation.namespace ? `<ns:${element} xmlns:ns="${escapeAttribute(operation.namespace)}"${bodyAttributes}>` : `<${element}${bodyAttributes}>`);
  const scope = element && operation.namespace ? operation.namespace : undefined;
  const wrapperNs = operation.requestWrapperNamespace;
  if (wrapper) out.push(openTag(wrapper, wrapperNs, attributesOf(struct, record, wrapperNs && wrapperNs === scope ? 'ns' : 'n', wrapperNs), scope));
  writeRecord(struct, record, operation.schema, out, scope);
  if (wrapper) out.push(closeTag(wrapper, wrapperNs, scope));
  if (element) out.push(operation.namespace ? `</ns:${element}>` : `</${element}>`);
  out.push('</soapenv:Body></soapenv:Envelope>');
  return out.join('');
}

/**
 * Reads an element's children into a wire tree: known fields by descriptor (lists collapsed),
 * unknown children kept too (they are part of what the gateway sealed).
 */
export function readRecord(node: XmlNode, struct: StructDescriptor | undefined, schema: SchemaTables): WireRecord {
  const out: WireRecord = {};
  const { byElement, special } = indexOf(struct);
  for (const field of special) {
    if (field.text) out[field.name] = node.text;
    else {
      const value = attributeValue(node, field.element ?? field.name, field.ns);
      if (value !== undefined) out[field.name] = value;
    }
  }
  for (const child of node.children) {
    // Matched by local name (replies are read leniently); the namespace decides between same-named fields.
    const candidates = byElement.get(child.local);
    const field = candidates && (candidates.find((f) => (f.ns ?? '') === child.namespace) ?? candidates[0]);
    const name = field?.name ?? child.local;
    // xsi:nil is kept as NIL where the schema allows it (or knows nothing); elsewhere it reads as the empty text it carries.
    const nilAllowed = !field || field.nillable === true || field.type === 'any';
    if (field?.list && field.list !== 'repeated') {
      if (nilAllowed && isNil(child)) {
        out[name] = NIL;
        continue;
      }
      const itemStruct = typeof field.type === 'object' && 'struct' in field.type ? structOf(schema, field.type.struct) : undefined;
      const items = child.children.map((item) => (isNil(item) && field.nillable ? NIL : itemStruct ? readRecord(item, itemStruct, schema) : item.children.length ? readRecord(item, undefined, schema) : item.text));
      out[name] = items;
      continue;
    }
    const itemStruct = field && typeof field.type === 'object' && 'struct' in field.type ? structOf(schema, field.type.struct) : undefined;
    const untyped = !field || field.type === 'any';
    // Untyped content keeps its attributes where the schema says so (an 'any' field, an xs:any); elsewhere an
    // unknown child is read as before, as it takes part in the seal.
    const value: WireValue =
      nilAllowed && isNil(child)
        ? NIL
        : field?.type === 'any' || (!field && struct?.any)
          ? readAny(child)
          : itemStruct || (untyped && child.children.length > 0)
            ? readRecord(child, itemStruct, schema)
            : child.text;
    if (field?.list === 'repeated' || (!field && name in out)) {
      const existing = out[name];
      if (existing === undefined) out[name] = [value];
      else if (Array.isArray(existing)) existing.push(value);
      else out[name] = [existing, value];
    } else {
      out[name] = value;
    }
  }
  return out;
}

/** xsi:nil="true" on an element (any prefix bound to the instance namespace; the reader keeps raw names). */
function isNil(node: XmlNode): boolean {
  for (const [name, value] of Object.entries(node.attributes)) {
    if ((name === 'xsi:nil' || name.endsWith(':nil')) && (value.trim() === 'true' || value.trim() === '1')) return true;
  }
  return false;
}

/** An attribute by local name, preferring an unprefixed one for an unqualified attribute. */
function attributeValue(node: XmlNode, local: string, ns: string | undefined): string | undefined {
  if (!ns && local in node.attributes) return node.attributes[local];
  for (const [name, value] of Object.entries(node.attributes)) if (name.endsWith(`:${local}`)) return value;
  return node.attributes[local];
}

export class CoercionError extends Error {
  override readonly name = 'CoercionError';
  constructor(
    readonly field: string,
    detail: string,
  ) {
    super(`${field}: ${detail}`);
  }
}

/** Typed view of a verified wire tree: integers as numbers, the rest as text; unknown fields kept. */
export function coerceRecord(record: WireRecord, struct: StructDescriptor | undefined, schema: SchemaTables, path = ''): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const fields = indexOf(struct).byName;
  for (const [name, value] of Object.entries(record)) {
    const field = fields.get(name);
    const fieldPath = path ? `${path}.${name}` : name;
    if (!field) {
      out[name] = plain(value);
      continue;
    }
    const one = (item: WireValue, itemPath: string): unknown => (item === NIL ? null : coerceValue(field, item, schema, itemPath));
    if (value === NIL) out[name] = null;
    else if (field.list) out[name] = (Array.isArray(value) ? value : [value]).map((item, i) => one(item, `${fieldPath}[${i}]`));
    else out[name] = one(Array.isArray(value) ? value[value.length - 1]! : value, fieldPath);
  }
  return out;
}

function coerceValue(field: FieldDescriptor, value: WireValue, schema: SchemaTables, path: string): unknown {
  const type = field.type;
  if (type === 'any') return plain(value);
  if (typeof type === 'object' && 'struct' in type) {
    if (typeof value === 'string') {
      if (value.trim() === '') return {};
      throw new CoercionError(path, 'expected a container, got text');
    }
    if (Array.isArray(value)) throw new CoercionError(path, 'expected one container, got a list');
    return coerceRecord(value, structOf(schema, type.struct), schema, path);
  }
  if (typeof value !== 'string') throw new CoercionError(path, 'expected a value, got a container');
  const text = value.trim();
  if (type === 'integer' || type === 'number') {
    if (text === '') return undefined;
    const number = Number(text);
    if (!/^[-+]?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(text) || !Number.isFinite(number)) throw new CoercionError(path, `"${text.slice(0, 40)}" is not a number`);
    if (type === 'integer' && !Number.isSafeInteger(number)) throw new CoercionError(path, `${text.slice(0, 40)} is not a safe integer`);
    return number;
  }
  if (type === 'boolean') {
    if (text === 'true' || text === '1') return true;
    if (text === 'false' || text === '0') return false;
    throw new CoercionError(path, `"${text.slice(0, 40)}" is not a boolean`);
  }
  return value;
}

export class ReplyShapeError extends Error {
  override readonly name = 'ReplyShapeError';
}

/** The SOAP Body of a reply envelope for this operation's SOAP version. */
export function soapBody(operation: OperationDescriptor, root: XmlNode): XmlNode {
  const envNs = envelopeNamespace(operation);
  const body = root.local === 'Envelope' && root.namespace === envNs ? root.children.find((c) => c.local === 'Body' && c.namespace === envNs) : undefined;
  if (!body) throw new ReplyShapeError(`not a SOAP ${operation.soapVersion} envelope (root {${root.namespace}}${root.local})`);
  return body;
}

/**
 * The element whose children and attributes are the reply's fields: the body element (any name for an
 * RPC reply, whose wrapper name WSDL 1.1 leaves open), then its wrapper; the Body itself for a bare reply.
 */
export function replyContent(operation: OperationDescriptor, body: XmlNode): XmlNode {
  if (operation.responseElement === '') return body;
  const payload = body.children[0];
  const namespace = operation.responseNamespace ?? operation.namespace;
  if (!payload) throw new ReplyShapeError(`expected {${namespace}}${operation.responseElement} in the SOAP body, got nothing`);
  if (operation.style !== 'rpc' && (payload.local !== operation.responseElement || payload.namespace !== namespace)) {
    throw new ReplyShapeError(`expected {${namespace}}${operation.responseElement} in the SOAP body, got {${payload.namespace}}${payload.local}`);
  }
  if (!operation.responseWrapper) return payload;
  const wrapped = payload.children.find((c) => c.local === operation.responseWrapper);
  if (!wrapped) throw new ReplyShapeError(`<${operation.responseWrapper}> missing in ${payload.local}`);
  return wrapped;
}

/** A SOAP fault in the Body (1.1 or 1.2), or undefined. */
export function soapFault(body: XmlNode): XmlNode | undefined {
  const payload = body.children[0];
  return payload && payload.local === 'Fault' && payload.namespace === body.namespace ? payload : undefined;
}

/** What a reply holds: a SOAP fault, or the wire record of its fields (seal and outcome not yet checked). */
export type ReadReply = { readonly kind: 'fault'; readonly fault: XmlNode } | { readonly kind: 'record'; readonly record: WireRecord; readonly content: XmlNode };

/**
 * The one reply reader (the client and the conformance run both use it): MTOM/multipart root part, XML,
 * SOAP envelope of the operation's version, fault or body element (document, RPC, bare, another response
 * namespace), wrapper, fields. Throws XmlSyntaxError for text that is not XML and ReplyShapeError for XML
 * that is not this operation's reply.
 */
export function readReply(operation: OperationDescriptor, text: string): ReadReply {
  const body = soapBody(operation, parseXml(envelopeText(text)));
  const fault = soapFault(body);
  if (fault) return { kind: 'fault', fault };
  const content = replyContent(operation, body);
  return { kind: 'record', record: readRecord(content, structOf(operation.schema, operation.response), operation.schema), content };
}

/**
 * The SOAP envelope of a reply body: the body itself, or the root (first) part of a multipart/related
 * reply (MTOM/XOP, SOAP with attachments), found by the boundary line it starts with.
 */
export function envelopeText(body: string): string {
  const text = body.trimStart();
  if (!text.startsWith('--')) return body;
  const boundary = text.slice(0, text.search(/\r?\n/)).trim();
  const part = text.slice(boundary.length).split(boundary)[0] ?? '';
  const headersEnd = /\r?\n\r?\n/.exec(part);
  return headersEnd ? part.slice(headersEnd.index + headersEnd[0].length).trim() : body;
}

/** A whole reply read into its typed fields (no seal or outcome checks: those are the client's). */
export function readReplyFields(operation: OperationDescriptor, text: string): Record<string, unknown> {
  const reply = readReply(operation, text);
  if (reply.kind === 'fault') {
    const code = reply.fault.children.find((c) => c.local === 'faultcode' || c.local === 'Code');
    throw new ReplyShapeError(`SOAP fault ${(code?.children[0]?.text ?? code?.text ?? '').trim()}`);
  }
  return coerceRecord(reply.record, structOf(operation.schema, operation.response), operation.schema);
}

/** Untyped content as plain data: NIL becomes null. */
function plain(value: WireValue): unknown {
  if (value === NIL) return null;
  if (Array.isArray(value)) return value.map(plain);
  if (typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
  return value;
}
