// Checks a reply must pass before it is trusted, beside its seal: only elements the contract declares, every
// value in its field's format, echoed fields equal to what was sent, no reflected request seal, no algorithm
// chosen by the reply. The seal rule joins values without separators; these checks close what that leaves open.
import { enumValues, type FieldDescriptor, type OperationDescriptor, type SchemaTables, type StructDescriptor } from './descriptor';
import type { FieldIssue } from './errors';
import { APPROVING_ACQUIRER_CODES, CODE_FORMAT, DATE_TIME, DATE_TIME_FIELD, ECHOED_FIELDS, NAME_FORMATS, SEAL_FORMAT, SHORT_CODE_FIELD, SHORT_CODE_FORMAT, SUCCESS_CODE } from './platform-rules';
import { sealStringOf, type SealAlgorithmName } from './seal';
import { NIL, structOf, type WireRecord, type WireValue } from './wire';
import { patternProblem } from './record/patterns';
import { derivedOf, indexOf, valueStruct } from './record/structs';
import type { XmlNode } from './wire/soap/xml';


/**
 * Elements of a reply the contract does not declare for this operation, as dotted paths (empty when none).
 * Walks the element tree itself, so it does not depend on what the record reader keeps or drops.
 */
export function undeclaredElements(content: XmlNode, struct: StructDescriptor, schema: SchemaTables, path = ''): string[] {
  const found: string[] = [];
  if (struct.any) return found;
  const { byElement } = indexOf(struct);
  for (const child of content.children) {
    const childPath = path ? `${path}.${child.local}` : child.local;
    const field = byElement.get(child.local)?.[0];
    if (!field) {
      found.push(childPath);
      continue;
    }
    if (field.type === 'any' || isNil(child)) continue;
    const inner = typeof field.type === 'object' && 'struct' in field.type ? structOf(schema, field.type.struct) : undefined;
    // A value of an abstract type is checked against the derived type its xsi:type names.
    const typed = (node: XmlNode): StructDescriptor => {
      const derived = derivedOf(field, node);
      return derived ? structOf(schema, derived) : inner!;
    };
    if (field.list && field.list !== 'repeated') {
      const item = field.list.item;
      child.children.forEach((entry, index) => {
        if (entry.local !== item) found.push(`${childPath}.${entry.local}`);
        else if (inner && !isNil(entry)) found.push(...undeclaredElements(entry, typed(entry), schema, `${childPath}[${index}]`));
      });
    } else if (inner) {
      found.push(...undeclaredElements(child, typed(child), schema, childPath));
    } else if (child.children.length > 0) {
      found.push(`${childPath}.${child.children[0]!.local}`);
    }
  }
  return found;
}

/**
 * The same for a reply read as a record (the JSON wire): keys the contract does not declare, as dotted paths.
 * Lists are arrays of the item type; a scalar field must not hold an object.
 */
export function undeclaredFields(record: WireRecord, struct: StructDescriptor, schema: SchemaTables, path = ''): string[] {
  const found: string[] = [];
  if (struct.any) return found;
  const { byName } = indexOf(struct);
  for (const [key, value] of Object.entries(record)) {
    const keyPath = path ? `${path}.${key}` : key;
    const field = byName.get(key);
    if (!field) {
      found.push(keyPath);
      continue;
    }
    if (field.type === 'any') continue;
    const inner = typeof field.type === 'object' && 'struct' in field.type ? structOf(schema, field.type.struct) : undefined;
    const items = Array.isArray(value) ? value : [value];
    if (Array.isArray(value) && !field.list) found.push(`${keyPath}[]`);
    items.forEach((item, index) => {
      const itemPath = Array.isArray(value) ? `${keyPath}[${index}]` : keyPath;
      if (typeof item === 'string') {
        if (inner && item !== '') found.push(`${itemPath} (text where the contract has a container)`);
      } else if (Array.isArray(item)) found.push(`${itemPath}[]`);
      else if (inner) found.push(...undeclaredFields(item, inner, schema, itemPath));
      else if (Object.keys(item).length > 0) found.push(`${itemPath}.${Object.keys(item)[0]}`);
    });
  }
  return found;
}

function isNil(node: XmlNode): boolean {
  for (const name in node.attributes) {
    const value = node.attributes[name]!;
    if ((name === 'xsi:nil' || name.endsWith(':nil')) && (value.trim() === 'true' || value.trim() === '1')) return true;
  }
  return false;
}

// Formats by type; the platform's formats by field name (codes, date-times, currencyCode, ...) are platform-rules.ts's.
const INTEGER = /^-?\d{1,18}$/;
const NUMBER = /^-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?$/;
const ENUM_WORD = /^[A-Za-z0-9_-]{1,64}$/;
const SURROGATE = /[\uD800-\uDFFF]/;

/** A code field: the response's outcome fields and every *ResponseCode / *Code field of the dictionary. */
export function isCodeField(field: FieldDescriptor, schema: SchemaTables): boolean {
  return codeFormat(field, schema) !== undefined;
}

type CodeFormat = { readonly format: RegExp; readonly problem: string } | undefined;
const codeFormats = new WeakMap<FieldDescriptor, CodeFormat>();

/** The code format of a field, worked out once per field descriptor. */
function codeFormat(field: FieldDescriptor, schema: SchemaTables): CodeFormat {
  if (codeFormats.has(field)) return codeFormats.get(field);
  const format = findCodeFormat(field, schema);
  codeFormats.set(field, format);
  return format;
}

function findCodeFormat(field: FieldDescriptor, schema: SchemaTables): CodeFormat {
  if (typeof field.type === 'object' && 'enum' in field.type) {
    const values = enumValues(schema.enums[field.type.enum]);
    return values.length > 0 && values.every((v) => CODE_FORMAT.test(v)) ? { format: CODE_FORMAT, problem: 'is not a two-character code' } : undefined;
  }
  if (field.type === 'string' && SHORT_CODE_FIELD.test(field.name)) return { format: SHORT_CODE_FORMAT, problem: 'is not a code (1 to 4 letters or digits)' };
  return undefined;
}

const UPPER_WORD = /^[A-Z][A-Z0-9_]*$/;
const enumShapes = new Map<string, RegExp>();
/**
 * The shape of a value a list does not have yet: a list of upper-case words (TransactionStatus, OperationName) takes
 * only another upper-case word starting with a letter, so digits re-split into it (issue 19) are refused.
 */
function enumShape(name: string, values: readonly string[]): RegExp {
  let shape = enumShapes.get(name);
  if (!shape) enumShapes.set(name, (shape = values.length > 0 && values.every((v) => UPPER_WORD.test(v)) ? /^[A-Z][A-Z0-9_]{0,63}$/ : ENUM_WORD));
  return shape;
}

/**
 * What is wrong with one scalar reply value for its field (type, facets, code or name-based format), or
 * undefined when it is acceptable. An empty value is accepted for an optional field of any text type.
 */
export function fieldProblem(field: FieldDescriptor, text: string, schema: SchemaTables): string | undefined {
  // xs:list: each whitespace-separated item in the item type's format.
  if (field.tokens) {
    const item: FieldDescriptor = { ...field, tokens: undefined };
    for (const token of text.split(/\s+/)) {
      const problem = token === '' ? undefined : fieldProblem(item, token, schema);
      if (problem) return `has an item that ${problem}`;
    }
    return undefined;
  }
  const type = field.type;
  if (type === 'any' || (typeof type === 'object' && 'struct' in type)) return undefined;
  if (type === 'integer') return INTEGER.test(text) ? rangeProblem(field, text) : 'is not an integer';
  if (type === 'number' || type === 'decimal') return NUMBER.test(text) ? rangeProblem(field, text) : 'is not a number';
  if (type === 'boolean') return /^(?:true|false|1|0)$/.test(text) ? undefined : 'is not a boolean';
  if (type === 'base64') return /^[A-Za-z0-9+/\s]*={0,2}\s*$/.test(text) ? undefined : 'is not Base64';
  if (text === '') return undefined;
  const code = codeFormat(field, schema);
  if (code) return code.format.test(text) ? undefined : code.problem;
  if (typeof type === 'object' && 'enum' in type) {
    const values = enumValues(schema.enums[type.enum]);
    // A value the contract does not list yet (a newer gateway) is accepted only in the listed values' shape.
    return values.includes(text) || enumShape(type.enum, values).test(text) ? undefined : `is not a value of ${type.enum}`;
  }
  if (DATE_TIME_FIELD.test(field.name) && !DATE_TIME.test(text)) return 'is not an ISO 8601 date-time with offset';
  const named = NAME_FORMATS.get(field.name);
  if (named && !named.format.test(text)) return named.problem;
  const facets = field.facets;
  if (facets) {
    // Characters are code points: counted one by one only when a surrogate pair is there (no array per value).
    const length = SURROGATE.test(text) ? [...text].length : text.length;
    if (facets.maxLength !== undefined && length > facets.maxLength) return `is longer than ${facets.maxLength} characters`;
    if (facets.minLength !== undefined && length < facets.minLength) return `is shorter than ${facets.minLength} characters`;
    // Reached only within the length facets; patternProblem refuses nested repetition and caps the input.
    if (facets.pattern !== undefined) return patternProblem(facets.pattern, text);
  }
  return undefined;
}

function rangeProblem(field: FieldDescriptor, text: string): string | undefined {
  const value = Number(text);
  if (field.facets?.minInclusive !== undefined && value < field.facets.minInclusive) return `is below ${field.facets.minInclusive}`;
  if (field.facets?.maxInclusive !== undefined && value > field.facets.maxInclusive) return `is above ${field.facets.maxInclusive}`;
  return undefined;
}

/** Every value of a reply's wire tree checked against its field (names in the problems, never values). */
export function formatIssues(record: WireRecord, struct: StructDescriptor, schema: SchemaTables, path = ''): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const { byName } = indexOf(struct);
  for (const [name, value] of Object.entries(record)) {
    const field = byName.get(name);
    if (!field || name === 'seal') continue; // undeclared ones are refused (or allowed) by undeclaredElements; the seal is checked by itself
    const fieldPath = path ? `${path}.${name}` : name;
    const check = (item: WireValue, itemPath: string): void => {
      if (item === NIL) return;
      if (typeof item === 'string') {
        const problem = fieldProblem(field, item, schema);
        if (problem) issues.push({ field: itemPath, problem });
      } else if (!Array.isArray(item) && typeof field.type === 'object' && 'struct' in field.type) {
        issues.push(...formatIssues(item, valueStruct(schema, field, item), schema, itemPath));
      }
    };
    if (Array.isArray(value)) value.forEach((item, i) => check(item, `${fieldPath}[${i}]`));
    else check(value, fieldPath);
  }
  if (record.seal !== undefined && typeof record.seal === 'string' && !SEAL_FORMAT.test(record.seal.trim())) {
    issues.push({ field: path ? `${path}.seal` : 'seal', problem: 'is not a hex seal of 64 or 128 digits' });
  }
  return issues;
}

/**
 * Contradictions inside a payment's reply: an accepted responseCode (00) beside an acquirer's answer that is not
 * an approval (00, or 08 "approve after identification") cannot come from the gateway. (A lookup's 00 only says
 * the lookup worked: its acquirerResponseCode is the transaction's.)
 */
export function consistencyIssues(reply: WireRecord, operation: Pick<OperationDescriptor, 'category' | 'codeField'>): FieldIssue[] {
  const acquirer = reply.acquirerResponseCode;
  if (operation.category === 'payment' && operation.codeField === 'responseCode' && reply.responseCode === SUCCESS_CODE && typeof acquirer === 'string' && acquirer !== '' && !APPROVING_ACQUIRER_CODES.includes(acquirer)) {
    return [{ field: 'acquirerResponseCode', problem: 'is a refusal beside responseCode 00' }];
  }
  return [];
}

/** Echoed fields whose reply value differs from the request's (names only, never values). */
export function echoIssues(sent: WireRecord, reply: WireRecord): FieldIssue[] {
  const issues: FieldIssue[] = [];
  for (const name of ECHOED_FIELDS) {
    const request = sent[name];
    const answer = reply[name];
    if (typeof request !== 'string' || typeof answer !== 'string') continue;
    if (answer !== request) issues.push({ field: name, problem: 'differs from the value sent' });
  }
  return issues;
}

/**
 * Why a reply is a reflection of the request rather than the gateway's answer: it carries the request's own
 * seal, or its sealed string equals the request's (the same values re-split into other fields). Undefined when not.
 */
export function reflectionProblem(sent: WireRecord, reply: WireRecord): string | undefined {
  const replySeal = typeof reply.seal === 'string' ? reply.seal.trim().toLowerCase() : '';
  const sentSeal = typeof sent.seal === 'string' ? sent.seal.toLowerCase() : '';
  if (replySeal !== '' && replySeal === sentSeal) return "the reply carries the request's own seal";
  if (sentSeal !== '' && sealStringOf(reply) === sealStringOf(sent)) return "the reply's sealed values are the request's, re-split into other fields";
  return undefined;
}

/** The reply's declared algorithm, when it names one other than the configured one (only that one verifies). */
export function algorithmProblem(reply: WireRecord, configured: SealAlgorithmName): string | undefined {
  const declared = reply.sealAlgorithm;
  if (declared === undefined || declared === NIL) return undefined;
  if (typeof declared !== 'string' || declared.trim() !== configured) {
    return `the reply declares seal algorithm ${typeof declared === 'string' ? JSON.stringify(declared.slice(0, 20)) : '(not text)'} but this client verifies ${configured} only`;
  }
  return undefined;
}
