// Checks a reply must pass before it is trusted, beside its seal: only elements the contract declares, every
// value in its field's format, echoed fields equal to what was sent, no reflected request seal, no algorithm
// chosen by the reply. The seal rule joins values without separators; these checks close what that leaves open.
import {
  enumValues,
  type FieldDescriptor,
  type OperationDescriptor,
  type SchemaTables,
  type StructDescriptor,
} from './descriptor';
import type { FieldIssue } from './errors';
import {
  APPROVING_ACQUIRER_CODES,
  CODE_FORMAT,
  DATE_TIME,
  DATE_TIME_FIELD,
  ECHOED_FIELDS,
  NAME_FORMATS,
  SEAL_FORMAT,
  SHORT_CODE_FIELD,
  SHORT_CODE_FORMAT,
  SUCCESS_CODE,
} from './platform-rules';
import { sealStringOf, type SealAlgorithmName } from './seal';
import { NIL, structOf, type WireRecord } from './record';
import { BASE64, facetProblem, isStructField, nestedStruct } from './record/fields';
import { isNil } from './wire/soap/xml';
import { derivedOf, indexOf } from './record/structs';
import { pathOf, walkRecord, type RecordVisitor, type WalkKey } from './record/walk';
import type { XmlNode } from './wire/soap/xml';

/** A value of an abstract type is checked against the derived type its xsi:type names. */
function typedStruct(
  field: FieldDescriptor,
  node: XmlNode,
  schema: SchemaTables,
  inner: StructDescriptor,
): StructDescriptor {
  const derived = derivedOf(field, node);
  return derived ? structOf(schema, derived) : inner;
}

/**
 * Elements of a reply the contract does not declare for this operation, as dotted paths (empty when none).
 * Walks the element tree itself, so it does not depend on what the record reader keeps or drops (which is why it
 * is not a walkRecord visitor: its input is XML elements, matched by local name, with list wrappers and xsi:type).
 */
export function undeclaredElements(
  content: XmlNode,
  struct: StructDescriptor,
  schema: SchemaTables,
  path = '',
): string[] {
  const found: string[] = [];
  if (struct.any) return found;
  const { byElement } = indexOf(struct);
  for (const child of content.children) {
    const field = byElement.get(child.local)?.[0];
    if (!field) {
      found.push(pathOf(path, child.local));
      continue;
    }
    if (field.type === 'any') continue;
    const wrapped = field.list && field.list !== 'repeated';
    // A scalar element without children has nothing undeclared, nil or not: its attributes are not read for xsi:nil.
    if ((!wrapped && !isStructField(field) && child.children.length === 0) || isNil(child)) continue;
    const inner = nestedStruct(field, schema);
    if (wrapped) {
      const item = field.list.item;
      const childPath = pathOf(path, child.local);
      child.children.forEach((entry, index) => {
        if (entry.local !== item) found.push(`${childPath}.${entry.local}`);
        else if (inner && !isNil(entry))
          found.push(
            ...undeclaredElements(entry, typedStruct(field, entry, schema, inner), schema, `${childPath}[${index}]`),
          );
      });
    } else if (inner) {
      found.push(
        ...undeclaredElements(child, typedStruct(field, child, schema, inner), schema, pathOf(path, child.local)),
      );
    } else if (child.children.length > 0) {
      found.push(`${pathOf(path, child.local)}.${child.children[0]!.local}`);
    }
  }
  return found;
}

/**
 * The same for a reply read as a record (the JSON wire): keys the contract does not declare, as dotted paths.
 * Lists are arrays of the item type; a scalar field must not hold an object.
 */
export function undeclaredFields(
  record: WireRecord,
  struct: StructDescriptor,
  schema: SchemaTables,
  path = '',
): string[] {
  const found: string[] = [];
  if (!struct.any) walkRecord(record, struct, schema, UNDECLARED_KEYS, found, path);
  return found;
}

const UNDECLARED_KEYS: RecordVisitor<string[]> = {
  value(found, key, value, field, parent) {
    if (typeof value === 'string') {
      if (isStructField(field) && value !== '')
        found.push(`${pathOf(parent, key)} (text where the contract has a container)`);
    } else if (value !== null && typeof value === 'object') {
      for (const name in value) {
        found.push(`${pathOf(parent, key)}.${name}`);
        break;
      }
    }
  },
  enter: (found, _key, _record, _field, struct) => (struct.any ? undefined : found),
  list(found, key, _items, field, parent) {
    // An array inside a list, or on a field of one value: refused; the items of the latter are still checked.
    if (typeof key === 'number') found.push(`${pathOf(parent, key)}[]`);
    else if (!field.list) found.push(`${pathOf(parent, key)}[]`);
    return typeof key === 'number' ? undefined : found;
  },
  untyped(found, key, _value, field, parent) {
    if (field === undefined) found.push(pathOf(parent, key));
  },
};

// Formats by type; the platform's formats by field name (codes, date-times, currencyCode, ...) are platform-rules.ts's.
const INTEGER = /^-?\d{1,18}$/;
const NUMBER = /^-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?$/;
const ENUM_WORD = /^[A-Za-z0-9_-]{1,64}$/;

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
    return values.length > 0 && values.every((v) => CODE_FORMAT.test(v))
      ? { format: CODE_FORMAT, problem: 'is not a two-character code' }
      : undefined;
  }
  if (field.type === 'string' && SHORT_CODE_FIELD.test(field.name))
    return { format: SHORT_CODE_FORMAT, problem: 'is not a code (1 to 4 letters or digits)' };
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
  if (!shape)
    enumShapes.set(
      name,
      (shape = values.length > 0 && values.every((v) => UPPER_WORD.test(v)) ? /^[A-Z][A-Z0-9_]{0,63}$/ : ENUM_WORD),
    );
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
  // The type's name compared only when it is one: comparing an enum's or a struct's object with a name took V8's
  // generic comparison, five times per value.
  if (typeof type === 'string') {
    if (type === 'any') return undefined;
    if (type === 'integer') return INTEGER.test(text) ? facetProblem(field.facets, text) : 'is not an integer';
    if (type === 'number' || type === 'decimal')
      return NUMBER.test(text) ? facetProblem(field.facets, text) : 'is not a number';
    if (type === 'boolean') return /^(?:true|false|1|0)$/.test(text) ? undefined : 'is not a boolean';
    if (type === 'base64') return BASE64.test(text) ? undefined : 'is not Base64';
  } else if (isStructField(field)) return undefined;
  if (text === '') return undefined;
  const rule = textRuleOf(field, schema);
  const code = rule.code;
  if (code) return code.format.test(text) ? undefined : code.problem;
  if (rule.values !== undefined)
    // A value the contract does not list yet (a newer gateway) is accepted only in the listed values' shape.
    return rule.values.has(text) || rule.shape!.test(text) ? undefined : rule.notListed;
  if (rule.dateTime && !DATE_TIME.test(text)) return 'is not an ISO 8601 date-time with offset';
  const named = rule.named;
  if (named && !named.format.test(text)) return named.problem;
  return facetProblem(field.facets, text);
}

/** What fieldProblem asks of a text field beyond its type, by field descriptor, worked out once. */
interface TextRule {
  readonly code: CodeFormat;
  /** An enum's values (when the field is not a code), the shape of one not listed yet, and the problem's words. */
  readonly values: ReadonlySet<string> | undefined;
  readonly shape: RegExp | undefined;
  readonly notListed: string | undefined;
  readonly dateTime: boolean;
  readonly named: { readonly format: RegExp; readonly problem: string } | undefined;
}
const textRules = new WeakMap<FieldDescriptor, TextRule>();

/**
 * The rule of a field, found once per descriptor: the code format, the enum's values, the name-based formats were
 * looked up for every value (two WeakMap reads, a regex on the name, a Map read, a search of the values).
 */
function textRuleOf(field: FieldDescriptor, schema: SchemaTables): TextRule {
  let rule = textRules.get(field);
  if (rule === undefined) {
    const type = field.type;
    const code = codeFormat(field, schema);
    const values =
      !code && typeof type === 'object' && 'enum' in type ? enumValues(schema.enums[type.enum]) : undefined;
    const enumName = values && (type as { enum: string }).enum;
    rule = {
      code,
      values: values && new Set(values),
      shape: values && enumShape(enumName!, values),
      notListed: values && `is not a value of ${enumName}`,
      dateTime: DATE_TIME_FIELD.test(field.name),
      named: NAME_FORMATS.get(field.name),
    };
    textRules.set(field, rule);
  }
  return rule;
}

/** Every value of a reply's wire tree checked against its field (names in the problems, never values). */
export function formatIssues(
  record: WireRecord,
  struct: StructDescriptor,
  schema: SchemaTables,
  path = '',
): FieldIssue[] {
  const state: FormatState = { issues: [], schema };
  walkRecord(record, struct, schema, FORMATS, state, path);
  if (record.seal !== undefined && typeof record.seal === 'string' && !SEAL_FORMAT.test(record.seal.trim())) {
    state.issues.push({ field: pathOf(path, 'seal'), problem: 'is not a hex seal of 64 or 128 digits' });
  }
  return state.issues;
}

interface FormatState {
  readonly issues: FieldIssue[];
  readonly schema: SchemaTables;
}

const FORMATS: RecordVisitor<FormatState> = {
  value(state, key, value, field, parent) {
    // The seal is checked by itself (formatIssues); a record under a scalar field is refused by the undeclared checks.
    if (typeof value !== 'string' || (parent === '' && key === 'seal')) return;
    const problem = fieldProblem(field, value, state.schema);
    if (problem) state.issues.push({ field: pathOf(parent, key), problem });
  },
  enter: (state) => state,
  // Items of an array are checked one by one; an array inside one is refused by the undeclared checks.
  list: (state, key: WalkKey) => (typeof key === 'number' ? undefined : state),
  // Undeclared keys are refused (or allowed) by the undeclared checks; untyped content has no format.
  untyped() {},
};

/**
 * The one check of an approval against the acquirer's answer: a payment's or cash operation's code field at 00 beside
 * an acquirerResponseCode that is not an approval (00, or 08 "approve after identification": APPROVING_ACQUIRER_CODES)
 * cannot come from the gateway. (A lookup's 00 only says the lookup worked: its acquirerResponseCode is the
 * transaction's.) reply-binding.ts checks the rest of what an approval must carry.
 */
export function consistencyIssues(
  reply: WireRecord,
  operation: Pick<OperationDescriptor, 'category' | 'codeField'>,
): FieldIssue[] {
  const acquirer = reply.acquirerResponseCode;
  if (
    (operation.category === 'payment' || operation.category === 'cash') &&
    operation.codeField !== undefined &&
    reply[operation.codeField] === SUCCESS_CODE &&
    typeof acquirer === 'string' &&
    acquirer !== '' &&
    !APPROVING_ACQUIRER_CODES.includes(acquirer)
  ) {
    return [{ field: 'acquirerResponseCode', problem: `is not an approval beside ${operation.codeField} 00` }];
  }
  return [];
}

/** Echoed fields whose reply value differs from the request's (names only, never values). */
export function echoIssues(sent: WireRecord, reply: WireRecord): FieldIssue[] {
  const issues: FieldIssue[] = [];
  // The reply's value first: a reply carries few of the echoed fields, so the request's is seldom read.
  for (let i = 0; i < ECHOED_FIELDS.length; i++) {
    const name = ECHOED_FIELDS[i]!;
    const answer = reply[name];
    if (typeof answer !== 'string') continue;
    const request = sent[name];
    if (typeof request !== 'string') continue;
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
  if (sentSeal !== '' && sealStringOf(reply) === sealStringOf(sent))
    return "the reply's sealed values are the request's, re-split into other fields";
  return undefined;
}

/** The reply's declared algorithm, when it names one other than the configured one (only that one verifies). */
export function algorithmProblem(reply: WireRecord, configured: SealAlgorithmName): string | undefined {
  const declared = reply.sealAlgorithm;
  if (declared === undefined || declared === NIL) return undefined;
  if (typeof declared !== 'string' || declared.trim() !== configured) {
    return (
      `the reply declares seal algorithm ` +
      `${typeof declared === 'string' ? JSON.stringify(declared.slice(0, 20)) : '(not text)'}` +
      ` but this client verifies ${configured} only`
    );
  }
  return undefined;
}
