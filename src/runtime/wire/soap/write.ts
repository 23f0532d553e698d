// Wire tree to XML text in descriptor order: elements qualified by the namespaces the descriptors give,
// attributes on their start tag, xsi:nil, and untyped (xs:any) content.
import { CONTEXT_NAMESPACE, type FieldDescriptor, type SchemaTables, type StructDescriptor } from '../../descriptor';
import { escapeText } from './xml';
import { isStructField } from '../../record/fields';
import { fieldsOf, indexOf, valueStruct } from '../../record/structs';
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
  for (const field of fieldsOf(struct)) {
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
    const known = indexOf(struct).names;
    for (const [name, value] of Object.entries(record))
      if (!known.has(name) && name !== DERIVED_TYPE && !(name === ANY_ATTRIBUTES && struct.anyAttributes))
        writeAny(name, value, out);
  }
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

function writeElement(
  element: string,
  ns: string | undefined,
  field: FieldDescriptor,
  value: WireValue,
  schema: SchemaTables,
  out: string[],
  scope?: string,
): void {
  if (value === NIL) {
    out.push(nilTag(element, ns, scope));
    return;
  }
  if (isStructField(field)) {
    const struct = valueStruct(schema, field, value);
    const resolved = ns === CONTEXT_NAMESPACE ? scope : ns;
    out.push(
      openTag(
        element,
        ns,
        attributesOf(struct, value as WireRecord, resolved === scope ? 'ns' : 'n', resolved) +
          xsiType(field, value as WireRecord),
        scope,
      ),
    );
    writeRecord(struct, value as WireRecord, schema, out, scope);
  } else if (field.type === 'any') {
    out.push(openTag(element, ns, anyAttributes(value), scope));
    writeAnyContent(value, out);
  } else {
    const tags = scalarTags(field, element, ns, scope);
    out.push(tags.open, escapeText(value as string), tags.close);
    return;
  }
  out.push(closeTag(element, ns, scope));
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
    tags = { element, ns, scope, open: openTag(element, ns, '', scope), close: closeTag(element, ns, scope) };
    scalarTagCache.set(field, tags);
  }
  return tags;
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
    for (const [name, item] of Object.entries(value))
      if (name !== ANY_ATTRIBUTES && name !== ANY_TEXT) writeAny(name, item, out);
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
