// XML elements back to a wire tree, guided by the struct descriptors: fields matched by local name
// (namespace between same-named ones), lists collapsed, xsi:nil kept, unknown children kept for the seal.
import type { FieldDescriptor, SchemaTables, StructDescriptor } from '../../descriptor';
import type { XmlNode } from './xml';
import { nestedStruct } from '../../record/fields';
import { isNil } from './xml';
import { derivedOf, indexOf, structOf } from '../../record/structs';
import {
  ANY_ATTRIBUTES,
  ANY_TEXT,
  DERIVED_TYPE,
  emptyRecord,
  NIL,
  ownField,
  setField,
  type WireRecord,
  type WireValue,
} from '../../record/values';

/** The field of that namespace among same-named ones, else the first. */
function byNamespace(candidates: readonly FieldDescriptor[], namespace: string): FieldDescriptor | undefined {
  for (const field of candidates) if ((field.ns ?? '') === namespace) return field;
  return candidates[0];
}

/**
 * Reads an element's children into a wire tree: known fields by descriptor (lists collapsed),
 * unknown children kept too (they are part of what the gateway sealed). Not a walkRecord visitor: it builds the
 * record walkRecord walks, from XML elements (attributes, list wrappers, repeated elements, xsi:type).
 */
export function readRecord(node: XmlNode, struct: StructDescriptor | undefined, schema: SchemaTables): WireRecord {
  // An element named __proto__ or constructor is an own field like any other (setField, ownField).
  const out: WireRecord = {};
  const { byElement, special } = indexOf(struct);
  for (const field of special) {
    if (field.text) setField(out, field.name, node.text);
    else {
      const value = attributeValue(node, field.element ?? field.name, field.ns);
      if (value !== undefined) setField(out, field.name, value);
    }
  }
  if (struct?.anyAttributes) {
    // xs:anyAttribute: every attribute no field names, as written (namespace declarations and xsi: aside).
    const named = new Set(special.filter((f) => !f.text).map((f) => f.element ?? f.name));
    const extra = Object.entries(node.attributes).filter(
      ([name]) => !name.startsWith('xmlns') && !name.startsWith('xsi:') && !named.has(name.replace(/^.*:/, '')),
    );
    if (extra.length > 0) out[ANY_ATTRIBUTES] = Object.fromEntries(extra);
  }
  for (const child of node.children) {
    // Matched by local name (replies are read leniently); the namespace decides between same-named fields.
    const candidates = byElement.get(child.local);
    const field = candidates && (candidates.length === 1 ? candidates[0] : byNamespace(candidates, child.namespace));
    const name = field?.name ?? child.local;
    // xsi:nil is kept as NIL where the schema allows it (or knows nothing); elsewhere it reads as the empty text it
    // carries.
    // Compared once: the types' strings are not all internalized, each comparison was a StrictEqual call.
    const isAny = field !== undefined && field.type === 'any';
    const nilAllowed = !field || field.nillable === true || isAny;
    // Told by typeof ('repeated' is the one string): `list === 'repeated'` against undefined or an object took a
    // generic StrictEqual call per child.
    if (field !== undefined && typeof field.list === 'object') {
      if (nilAllowed && isNil(child)) {
        setField(out, name, NIL);
        continue;
      }
      const itemStruct = nestedStruct(field, schema);
      const items = child.children.map((item) =>
        isNil(item) && field.nillable
          ? NIL
          : itemStruct
            ? readTyped(item, field, itemStruct, schema)
            : item.children.length
              ? readRecord(item, undefined, schema)
              : item.text,
      );
      setField(out, name, items);
      continue;
    }
    const itemStruct = nestedStruct(field, schema);
    const untyped = !field || isAny;
    // Untyped content keeps its attributes where the schema says so (an 'any' field, an xs:any); elsewhere an
    // unknown child is read as before, as it takes part in the seal.
    const value: WireValue =
      nilAllowed && isNil(child)
        ? NIL
        : isAny || (!field && struct?.any)
          ? readAny(child)
          : itemStruct
            ? readTyped(child, field!, itemStruct, schema)
            : untyped && child.children.length > 0
              ? readRecord(child, undefined, schema)
              : child.text;
    if (typeof field?.list === 'string' || (!field && Object.prototype.hasOwnProperty.call(out, name))) {
      const existing = ownField(out, name);
      if (existing === undefined) setField(out, name, [value]);
      else if (Array.isArray(existing)) existing.push(value);
      else setField(out, name, [existing, value]);
    } else {
      setField(out, name, value);
    }
  }
  return out;
}

/**
 * An element of a struct-typed field: as the derived type its xsi:type names (kept as `$type`), else as the field's
 * type.
 */
function readTyped(node: XmlNode, field: FieldDescriptor, struct: StructDescriptor, schema: SchemaTables): WireRecord {
  const derived = derivedOf(field, node);
  if (!derived) return readRecord(node, struct, schema);
  const record = readRecord(node, structOf(schema, derived), schema);
  record[DERIVED_TYPE] = derived;
  return record;
}

/** An attribute by local name, preferring an unprefixed one for an unqualified attribute. */
function attributeValue(node: XmlNode, local: string, ns: string | undefined): string | undefined {
  if (!ns && local in node.attributes) return node.attributes[local];
  for (const [name, value] of Object.entries(node.attributes)) if (name.endsWith(`:${local}`)) return value;
  return node.attributes[local];
}

/** Untyped content read back (see ANY_ATTRIBUTES); xmlns declarations are not attributes, xsi:nil gives NIL. */
function readAny(node: XmlNode): WireValue {
  if (isNil(node)) return NIL;
  const attributes = Object.entries(node.attributes).filter(([name]) => name !== 'xmlns' && !name.startsWith('xmlns:'));
  if (node.children.length === 0 && attributes.length === 0) return node.text;
  const out: WireRecord = {};
  if (attributes.length > 0) out[ANY_ATTRIBUTES] = Object.assign(emptyRecord(), Object.fromEntries(attributes));
  if (node.children.length === 0 || node.text.trim() !== '') out[ANY_TEXT] = node.text;
  for (const child of node.children) {
    const value = readAny(child);
    const existing = ownField(out, child.local);
    if (existing === undefined) setField(out, child.local, value);
    else if (Array.isArray(existing) && existing !== value) existing.push(value);
    else setField(out, child.local, [existing, value]);
  }
  return out;
}
