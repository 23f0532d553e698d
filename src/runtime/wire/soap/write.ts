// Wire tree to XML text in descriptor order: elements qualified by the namespaces the descriptors give,
// attributes on their start tag, xsi:nil, and untyped (xs:any) content.
import { CONTEXT_NAMESPACE, type FieldDescriptor, type SchemaTables, type StructDescriptor } from '../../descriptor';
import { escapeText } from './xml';
import { isStructField } from '../../record/fields';
import { indexOf, sameKeys, valueStruct, type StructIndex } from '../../record/structs';
import { ANY_ATTRIBUTES, ANY_TEXT, DERIVED_TYPE, NIL, type WireRecord, type WireValue } from '../../record/values';

/**
 * Serialises a wire record's content in descriptor order: text (simpleContent), child elements, then
 * the elements an xs:any allows. Attributes belong to the enclosing start tag (see `attributesOf`).
 * Not a walkRecord visitor: XML follows the struct's field order (xs:sequence), not the record's key order.
 */
export function writeRecord(
  struct: StructDescriptor,
  record: WireRecord,
  schema: SchemaTables,
  out: string[],
  scope?: string,
): void {
  out.push(recordText(struct, record, schema, scope));
}

/**
 * writeRecord's text. The XML is made by concatenation, not pieces joined: a join's work per piece was ~90
 * instructions (a cardOrder envelope has ~60), more than the one copy whoever reads the text makes of it.
 */
export function recordText(
  struct: StructDescriptor,
  record: WireRecord,
  schema: SchemaTables,
  scope: string | undefined,
): string {
  const table = writeTable(struct);
  const fields = table.index.fields;
  // A plain record holds no field but its own keys: only those are visited, in descriptor order; any other record has
  // every field read, as it may inherit some. (cardOrder: 16 of 56 fields; the reads of absent keys were ~7 k
  // instructions an envelope.)
  // Its values are taken in one Object.values where a keyed read of each was ~125 instructions.
  const prototype = Object.getPrototypeOf(record) as unknown;
  let visit = table.everyField;
  let values: WireValue[] | undefined;
  let slots: readonly number[] = visit;
  if (table.ownKeysSuffice && (prototype === Object.prototype || prototype === null)) {
    visit = presentFields(table, Object.keys(record));
    slots = table.lastSlots;
    values = Object.values(record);
  }
  let text = '';
  for (let i = 0; i < visit.length; i++) {
    const position = visit[i]!;
    const field = fields[position]!;
    const value = values === undefined ? record[field.name] : values[slots[i]!];
    if (value === undefined || field.attribute) continue;
    if (field.text) {
      text += escapeText(typeof value === 'string' ? value : '');
      continue;
    }
    const element = field.element ?? field.name;
    if (value === NIL) text += nilTag(element, field.ns, scope);
    else if (field.list === 'repeated') {
      for (const item of value as WireValue[]) text += elementText(element, field.ns, field, item, schema, scope);
    } else if (field.list) {
      const list = field.list;
      text += openTag(element, field.ns, '', scope);
      for (const item of value as WireValue[]) text += elementText(list.item, list.ns, field, item, schema, scope);
      text += closeTag(element, field.ns, scope);
    } else if (table.scalar[position] && typeof value === 'string') {
      // A scalar's tags, worked out once per field and scope (a WeakMap lookup per value was ~80 instructions).
      let tags = table.tags[position];
      if (tags === undefined || tags.scope !== scope)
        tags = table.tags[position] = makeScalarTags(element, field.ns, scope);
      text += tags.open;
      text += escapeText(value);
      text += tags.close;
    } else {
      text += elementText(element, field.ns, field, value, schema, scope);
    }
  }
  if (struct.any) {
    const known = table.index.names;
    for (const [name, value] of Object.entries(record))
      if (!known.has(name) && name !== DERIVED_TYPE && !(name === ANY_ATTRIBUTES && struct.anyAttributes))
        text += anyText(name, value);
  }
  return text;
}

/** What writeRecord works out once per struct (and remembers of the last record it wrote). */
interface WriteTable {
  readonly index: StructIndex;
  /** False when two fields share a name (a descriptor error): every field is then read, as they always were. */
  readonly ownKeysSuffice: boolean;
  /** Every position, for a record that is not plain. */
  readonly everyField: readonly number[];
  /** Per position: a scalar element (not a struct, not untyped content). */
  readonly scalar: readonly boolean[];
  /** Per position: the scalar's tags in the scope last written. */
  readonly tags: (ScalarTags | undefined)[];
  /** The last plain record's keys, the positions of its fields in descriptor order, and the keys' indexes of those. */
  lastKeys: readonly string[];
  lastVisit: readonly number[];
  lastSlots: readonly number[];
}
const writeTables = new WeakMap<StructDescriptor, WriteTable>();

function writeTable(struct: StructDescriptor): WriteTable {
  let table = writeTables.get(struct);
  if (table === undefined) {
    const index = indexOf(struct);
    table = {
      index,
      ownKeysSuffice: index.positions.size === index.fields.length,
      everyField: index.fields.map((_, position) => position),
      scalar: index.fields.map((field) => !isStructField(field) && field.type !== 'any'),
      tags: index.fields.map(() => undefined),
      lastKeys: [],
      lastVisit: [],
      lastSlots: [],
    };
    writeTables.set(struct, table);
  }
  return table;
}

/** The positions of the fields among a plain record's keys, in descriptor order (as last time for the same keys). */
function presentFields(table: WriteTable, keys: readonly string[]): readonly number[] {
  if (sameKeys(keys, table.lastKeys)) return table.lastVisit;
  const positions = table.index.positions;
  const slots: number[] = [];
  keys.forEach((key, slot) => {
    if (positions.has(key)) slots.push(slot);
  });
  slots.sort((a, b) => positions.get(keys[a]!)! - positions.get(keys[b]!)!);
  table.lastKeys = keys;
  table.lastVisit = slots.map((slot) => positions.get(keys[slot]!)!);
  table.lastSlots = slots;
  return table.lastVisit;
}

/** xsi:type of a value of an abstract type: the derived type its `$type` names, in that type's namespace. */
function xsiType(field: FieldDescriptor, record: WireRecord): string {
  const chosen = field.derived ? record[DERIVED_TYPE] : undefined;
  const derived = typeof chosen === 'string' ? field.derived![chosen] : undefined;
  if (!derived) return '';
  const prefix = derived.ns ? ' xmlns:xt="' + escapeAttribute(derived.ns) + '"' : '';
  return ` xmlns:xsi="${XSI}"${prefix} xsi:type="${derived.ns ? 'xt:' : ''}${escapeAttribute(derived.type)}"`;
}

const XSI = 'http://www.w3.org/2001/XMLSchema-instance';

/** Attribute value text: the characters XML would otherwise normalise or misread, as references. */
export function escapeAttribute(value: string): string {
  // Most values (every namespace a request declares) have nothing to escape: tested first, returned as they are.
  if (!ATTRIBUTE_SPECIALS.test(value)) return value;
  return value.replace(/[&<"\t\n\r]/g, (c) => ATTRIBUTE_REFERENCES[c]!);
}
const ATTRIBUTE_SPECIALS = /[&<"\t\n\r]/;
const ATTRIBUTE_REFERENCES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '"': '&quot;',
  '\t': '&#9;',
  '\n': '&#10;',
  '\r': '&#13;',
};

/**
 * The attribute text of a record's attribute fields, for the start tag of the element it describes.
 * `prefix`/`ns` are the element's own prefix and namespace: a qualified attribute in that namespace reuses it.
 */
export function attributesOf(struct: StructDescriptor, record: WireRecord, prefix = 'n', ns?: string): string {
  let text = '';
  let declared = 0;
  // Only the struct's attribute and text fields (the index's `special`, in descriptor order): most structs have none.
  for (const field of indexOf(struct).special) {
    if (!field.attribute) continue;
    const value = record[field.name];
    if (typeof value !== 'string') continue;
    const name = field.element ?? field.name;
    const fieldNs = field.ns === CONTEXT_NAMESPACE ? ns : field.ns;
    if (!fieldNs) text += ` ${name}="${escapeAttribute(value)}"`;
    else if (fieldNs === ns) text += ` ${prefix}:${name}="${escapeAttribute(value)}"`;
    else text += ` xmlns:a${++declared}="${escapeAttribute(fieldNs)}" a${declared}:${name}="${escapeAttribute(value)}"`;
  }
  // xs:anyAttribute: the attributes the schema does not name, as given.
  const extra = struct.anyAttributes ? record[ANY_ATTRIBUTES] : undefined;
  if (extra && typeof extra === 'object' && !Array.isArray(extra)) {
    for (const [name, value] of Object.entries(extra))
      if (typeof value === 'string') text += ` ${name}="${escapeAttribute(value)}"`;
  }
  return text;
}

// Qualified elements in the operation's namespace (`scope`) use the `ns:` prefix the body element
// declares; other namespaces get a locally declared prefix. No default namespace is ever declared, so
// unqualified elements stay in no namespace wherever they are nested.
function qualifiedName(
  element: string,
  ns: string | undefined,
  scope: string | undefined,
): { name: string; declaration: string } {
  const resolved = ns === CONTEXT_NAMESPACE ? scope : ns;
  if (!resolved) return { name: element, declaration: '' };
  if (resolved === scope) return { name: `ns:${element}`, declaration: '' };
  return { name: `n:${element}`, declaration: ` xmlns:n="${escapeAttribute(resolved)}"` };
}
/** A start tag, qualified in `scope` (the `ns:` prefix) or another namespace (declared on it). */
export function openTag(element: string, ns: string | undefined, attributes = '', scope?: string): string {
  const { name, declaration } = qualifiedName(element, ns, scope);
  return `<${name}${declaration}${attributes}>`;
}
/** The end tag matching `openTag`. */
export function closeTag(element: string, ns: string | undefined, scope?: string): string {
  return `</${qualifiedName(element, ns, scope).name}>`;
}
function nilTag(element: string, ns: string | undefined, scope?: string): string {
  const { name, declaration } = qualifiedName(element, ns, scope);
  return `<${name}${declaration} xmlns:xsi="${XSI}" xsi:nil="true"/>`;
}

function elementText(
  element: string,
  ns: string | undefined,
  field: FieldDescriptor,
  value: WireValue,
  schema: SchemaTables,
  scope: string | undefined,
): string {
  if (value === NIL) return nilTag(element, ns, scope);
  let text: string;
  if (isStructField(field)) {
    const struct = valueStruct(schema, field, value);
    const resolved = ns === CONTEXT_NAMESPACE ? scope : ns;
    text =
      openTag(
        element,
        ns,
        attributesOf(struct, value as WireRecord, resolved === scope ? 'ns' : 'n', resolved) +
          xsiType(field, value as WireRecord),
        scope,
      ) + recordText(struct, value as WireRecord, schema, scope);
  } else if (field.type === 'any') {
    text = openTag(element, ns, anyAttributes(value), scope) + anyContentText(value);
  } else {
    const tags = scalarTags(field, element, ns, scope);
    return tags.open + joined(escapeText(value as string)) + tags.close;
  }
  return text + closeTag(element, ns, scope);
}

/** A value as Array.prototype.join wrote it (these were pieces joined): undefined and null as nothing. */
function joined(value: unknown): string {
  return typeof value === 'string' ? value : value === undefined || value === null ? '' : `${value as string}`;
}

/**
 * The start and end tags of a scalar field's element, worked out once per field descriptor (and element, namespace,
 * scope).
 */
interface ScalarTags {
  readonly element: string;
  readonly ns: string | undefined;
  readonly scope: string | undefined;
  readonly open: string;
  readonly close: string;
}
const scalarTagCache = new WeakMap<FieldDescriptor, ScalarTags>();
function scalarTags(
  field: FieldDescriptor,
  element: string,
  ns: string | undefined,
  scope: string | undefined,
): ScalarTags {
  let tags = scalarTagCache.get(field);
  if (!tags || tags.element !== element || tags.ns !== ns || tags.scope !== scope) {
    tags = makeScalarTags(element, ns, scope);
    scalarTagCache.set(field, tags);
  }
  return tags;
}
function makeScalarTags(element: string, ns: string | undefined, scope: string | undefined): ScalarTags {
  return { element, ns, scope, open: flat(openTag(element, ns, '', scope)), close: flat(closeTag(element, ns, scope)) };
}

/**
 * A string kept for reuse, as one flat sequence of characters: a concatenation is a tree of its parts, which every
 * join of an envelope walked again (~5 k instructions a cardOrder envelope). JSON gives back any string exactly.
 */
export function flat(text: string): string {
  return JSON.parse(JSON.stringify(text)) as string;
}

/** Untyped content (xs:anyType, xs:any): unqualified elements named by the object keys (see ANY_ATTRIBUTES). */
function anyText(name: string, value: WireValue): string {
  if (Array.isArray(value)) {
    let text = '';
    for (const item of value) text += anyText(name, item);
    return text;
  }
  if (value === NIL) return nilTag(name, undefined);
  return `<${name}${anyAttributes(value)}>` + anyContentText(value) + `</${name}>`;
}
function anyContentText(value: WireValue): string {
  if (typeof value === 'string') return escapeText(value);
  let text = '';
  if (Array.isArray(value)) for (const item of value) text += anyContentText(item);
  else if (value !== NIL) {
    const content = value[ANY_TEXT];
    if (typeof content === 'string') text += escapeText(content);
    for (const [name, item] of Object.entries(value))
      if (name !== ANY_ATTRIBUTES && name !== ANY_TEXT) text += anyText(name, item);
  }
  return text;
}
function anyAttributes(value: WireValue): string {
  const attributes = typeof value === 'object' && !Array.isArray(value) ? value[ANY_ATTRIBUTES] : undefined;
  if (!attributes || typeof attributes !== 'object' || Array.isArray(attributes)) return '';
  return Object.entries(attributes)
    .filter((entry): entry is [string, string] => typeof entry[1] === 'string')
    .map(([name, text]) => ` ${name}="${escapeAttribute(text)}"`)
    .join('');
}
