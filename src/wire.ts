// Between typed objects and the wire, guided by the generated descriptors:
// validate and serialise requests, read response trees back into typed objects.
import type { FieldDescriptor, OperationDescriptor, SchemaTables, StructDescriptor } from './descriptor';
import type { FieldIssue } from './errors';
import type { SealValue } from './seal';
import { INVALID_XML_CHARS, escapeText, type XmlNode } from './xml';

/** Wire values: every scalar already rendered as the text that goes on the wire (and into the seal). */
export type WireValue = string | WireValue[] | WireRecord;
export interface WireRecord {
  [key: string]: WireValue;
}

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
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
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
  const known = new Set<string>();
  for (const field of struct.fields) {
    known.add(field.name);
    const fieldPath = path ? `${path}.${field.name}` : field.name;
    const fieldValue = record[field.name];
    if (fieldValue === undefined || fieldValue === null) {
      if (field.required) context.issues.push({ field: fieldPath, problem: 'is required' });
      continue;
    }
    if (field.since && context.version && compareVersions(field.since, context.version) > 0) {
      context.issues.push({ field: fieldPath, problem: `appeared in interface version ${field.since}, newer than the ${context.version} being sent` });
    }
    if (field.list) {
      if (!Array.isArray(fieldValue)) {
        context.issues.push({ field: fieldPath, problem: 'must be an array' });
        continue;
      }
      if (field.required && fieldValue.length === 0) context.issues.push({ field: fieldPath, problem: 'must not be empty' });
      out[field.name] = fieldValue.map((item, index) => buildWireValue(field, item, context, `${fieldPath}[${index}]`));
    } else {
      out[field.name] = buildWireValue(field, fieldValue, context, fieldPath);
    }
  }
  for (const name of Object.keys(record)) {
    if (!known.has(name) && record[name] !== undefined) context.issues.push({ field: path ? `${path}.${name}` : name, problem: 'is not a field of this request' });
  }
  return out;
}

function buildWireValue(field: FieldDescriptor, value: unknown, context: BuildContext, path: string): WireValue {
  const type = field.type;
  if (typeof type === 'object' && 'struct' in type) return buildWireRecord(structOf(context.schema, type.struct), value, context, path);
  let text: string;
  if (typeof type === 'object') {
    const values = context.schema.enums[type.enum]?.values ?? [];
    if (typeof value !== 'string' || !values.includes(value)) {
      context.issues.push({ field: path, problem: `must be one of ${values.join(', ')}` });
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
    text = value;
  }
  const facets = field.facets;
  if (facets) {
    const length = [...text].length;
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

/** Serialises a wire record as XML elements in descriptor order. */
export function writeRecord(struct: StructDescriptor, record: WireRecord, schema: SchemaTables, out: string[]): void {
  for (const field of struct.fields) {
    const value = record[field.name];
    if (value === undefined) continue;
    const element = field.element ?? field.name;
    if (field.list === 'repeated') {
      for (const item of value as WireValue[]) writeElement(element, field.ns, field, item, schema, out);
    } else if (field.list) {
      const list = field.list;
      out.push(openTag(element, field.ns));
      for (const item of value as WireValue[]) writeElement(list.item, list.ns, field, item, schema, out);
      out.push(closeTag(element, field.ns));
    } else {
      writeElement(element, field.ns, field, value, schema, out);
    }
  }
}

// Qualified elements get a locally declared prefix; no default namespace is ever declared, so
// unqualified elements stay in no namespace wherever they are nested.
function openTag(element: string, ns: string | undefined): string {
  return ns ? `<n:${element} xmlns:n="${escapeText(ns).replace(/"/g, '&quot;')}">` : `<${element}>`;
}
function closeTag(element: string, ns: string | undefined): string {
  return ns ? `</n:${element}>` : `</${element}>`;
}

function writeElement(element: string, ns: string | undefined, field: FieldDescriptor, value: WireValue, schema: SchemaTables, out: string[]): void {
  out.push(openTag(element, ns));
  if (typeof field.type === 'object' && 'struct' in field.type) writeRecord(structOf(schema, field.type.struct), value as WireRecord, schema, out);
  else out.push(escapeText(value as string));
  out.push(closeTag(element, ns));
}

const SOAP11_ENV = 'http://schemas.xmlsoap.org/soap/envelope/';
const SOAP12_ENV = 'http://www.w3.org/2003/05/soap-envelope';

export function envelopeNamespace(operation: OperationDescriptor): string {
  return operation.soapVersion === '1.2' ? SOAP12_ENV : SOAP11_ENV;
}

/** The whole request envelope. Local elements are unqualified unless the schema says otherwise. */
export function buildEnvelope(operation: OperationDescriptor, record: WireRecord): string {
  const out: string[] = [
    `<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="${envelopeNamespace(operation)}"><soapenv:Body>`,
    `<ns:${operation.requestElement} xmlns:ns="${operation.namespace}">`,
  ];
  if (operation.requestWrapper) out.push(`<${operation.requestWrapper}>`);
  writeRecord(structOf(operation.schema, operation.request), record, operation.schema, out);
  if (operation.requestWrapper) out.push(`</${operation.requestWrapper}>`);
  out.push(`</ns:${operation.requestElement}></soapenv:Body></soapenv:Envelope>`);
  return out.join('');
}

/**
 * Reads an element's children into a wire tree: known fields by descriptor (lists collapsed),
 * unknown children kept too (they are part of what the gateway sealed).
 */
export function readRecord(node: XmlNode, struct: StructDescriptor | undefined, schema: SchemaTables): WireRecord {
  const out: WireRecord = {};
  const byElement = new Map<string, FieldDescriptor>();
  for (const field of struct?.fields ?? []) byElement.set(field.element ?? field.name, field);
  for (const child of node.children) {
    const field = byElement.get(child.local);
    const name = field?.name ?? child.local;
    if (field?.list && field.list !== 'repeated') {
      const itemStruct = typeof field.type === 'object' && 'struct' in field.type ? structOf(schema, field.type.struct) : undefined;
      const items = child.children.map((item) => (itemStruct ? readRecord(item, itemStruct, schema) : item.children.length ? readRecord(item, undefined, schema) : item.text));
      out[name] = items;
      continue;
    }
    const itemStruct = field && typeof field.type === 'object' && 'struct' in field.type ? structOf(schema, field.type.struct) : undefined;
    const value: WireValue = itemStruct || (!field && child.children.length > 0) ? readRecord(child, itemStruct, schema) : child.text;
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
  const fields = new Map((struct?.fields ?? []).map((f) => [f.name, f]));
  for (const [name, value] of Object.entries(record)) {
    const field = fields.get(name);
    const fieldPath = path ? `${path}.${name}` : name;
    if (!field) {
      out[name] = value;
      continue;
    }
    const one = (item: WireValue, itemPath: string): unknown => coerceValue(field, item, schema, itemPath);
    if (field.list) out[name] = (Array.isArray(value) ? value : [value]).map((item, i) => one(item, `${fieldPath}[${i}]`));
    else out[name] = one(Array.isArray(value) ? value[value.length - 1]! : value, fieldPath);
  }
  return out;
}

function coerceValue(field: FieldDescriptor, value: WireValue, schema: SchemaTables, path: string): unknown {
  const type = field.type;
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

/** The seal reads wire trees as JSON-like values. */
export function asSealValue(record: WireRecord): { readonly [key: string]: SealValue } {
  return record;
}
