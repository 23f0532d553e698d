// Struct descriptors as the wire code reads them: looked up by name, indexed once per descriptor, each
// field with its struct's defaults applied (namespace and since-version are said once per struct).
import type { FieldDescriptor, FieldFacets, SchemaTables, StructDescriptor } from '../descriptor';
import type { XmlNode } from '../wire/soap/xml';
import { DERIVED_TYPE } from './values';

/** A struct of the schema tables by name; a missing one is a descriptor error (generated code is inconsistent). */
export function structOf(schema: SchemaTables, name: string): StructDescriptor {
  const struct = schema.structs[name];
  if (!struct) throw new Error(`descriptor error: struct ${name} is not in the schema tables`);
  return struct;
}

/** Per-struct lookup tables, built once per descriptor (descriptors are constants) instead of on every call. */
export interface StructIndex {
  /** The fields in descriptor order, each with its own `ns` and `since` (the struct's when it names none). */
  readonly fields: readonly FieldDescriptor[];
  readonly names: ReadonlySet<string>;
  readonly byName: ReadonlyMap<string, FieldDescriptor>;
  /** Each field's position in `fields`, by name (walks that visit only a record's own keys put them in order by it). */
  readonly positions: ReadonlyMap<string, number>;
  /** Element fields by wire local name (several when only their namespaces differ). */
  readonly byElement: ReadonlyMap<string, readonly FieldDescriptor[]>;
  /** Attribute and text (simpleContent) fields, in descriptor order. */
  readonly special: readonly FieldDescriptor[];
}
const structIndexes = new WeakMap<StructDescriptor, StructIndex>();
const NO_FIELDS: StructDescriptor = { fields: [] };

/** The lookup tables of a struct (of no fields when undefined: an unknown element read as it comes). */
export function indexOf(struct: StructDescriptor | undefined): StructIndex {
  const key = struct ?? NO_FIELDS;
  let index = structIndexes.get(key);
  if (!index) {
    const fields = key.fields.map((field) => withDefaults(key, field));
    const byElement = new Map<string, FieldDescriptor[]>();
    const special: FieldDescriptor[] = [];
    for (const field of fields) {
      if (field.text || field.attribute) special.push(field);
      else {
        const element = field.element ?? field.name;
        byElement.set(element, [...(byElement.get(element) ?? []), field]);
      }
    }
    index = {
      fields,
      names: new Set(fields.map((f) => f.name)),
      byName: new Map(fields.map((f) => [f.name, f])),
      positions: new Map(fields.map((f, position) => [f.name, position])),
      byElement,
      special,
    };
    structIndexes.set(key, index);
  }
  return index;
}

/** A struct's fields with their namespace and since-version resolved (what `struct.fields` leaves to the struct). */
export function fieldsOf(struct: StructDescriptor): readonly FieldDescriptor[] {
  return indexOf(struct).fields;
}

/**
 * A field with its struct's namespace and since-version applied, as an object of one shape for every field: every
 * property of FieldDescriptor in one order, undefined where the descriptor has none. The generated descriptors come in
 * as many shapes as their properties combine, which made each walk's property reads megamorphic (tools/bench/README.md,
 * issue 20 fourth pass); every hot walk reads fields through this index.
 */
function withDefaults(struct: StructDescriptor, field: FieldDescriptor): FieldDescriptor {
  // '' on a field of a qualified struct: this one element is unqualified.
  const ns = field.ns ?? struct.ns;
  const since = field.since ?? struct.since;
  const uniform: Record<keyof FieldDescriptor, unknown> = {
    name: field.name,
    element: field.element,
    ns: ns || undefined,
    attribute: field.attribute,
    text: field.text,
    nillable: field.nillable,
    type: field.type,
    required: field.required,
    list: field.list,
    facets: field.facets && uniformFacets(field.facets),
    tokens: field.tokens,
    derived: field.derived,
    fixed: field.fixed,
    default: field.default,
    since: since || undefined,
    sensitive: field.sensitive,
  };
  return uniform as unknown as FieldDescriptor;
}

/** Facets in one shape too (facetProblem reads them for every value sent and received). */
function uniformFacets(facets: FieldFacets): FieldFacets {
  const uniform: Record<keyof FieldFacets, unknown> = {
    maxLength: facets.maxLength,
    minLength: facets.minLength,
    pattern: facets.pattern,
    minInclusive: facets.minInclusive,
    maxInclusive: facets.maxInclusive,
    format: facets.format,
    example: facets.example,
  };
  return uniform as unknown as FieldFacets;
}

/**
 * The struct a value of a struct-typed field is written, checked and read as: the derived type its `$type` names
 * (FieldDescriptor.derived), else the field's own type.
 */
export function valueStruct(schema: SchemaTables, field: FieldDescriptor, value: unknown): StructDescriptor {
  const chosen =
    field.derived && value !== null && typeof value === 'object'
      ? (value as Record<string, unknown>)[DERIVED_TYPE]
      : undefined;
  const name =
    typeof chosen === 'string' && field.derived && Object.prototype.hasOwnProperty.call(field.derived, chosen)
      ? chosen
      : (field.type as { struct: string }).struct;
  return structOf(schema, name);
}

/** The derived struct an element's xsi:type names among a field's derived types (matched by local name), if any. */
export function derivedOf(field: FieldDescriptor | undefined, node: XmlNode): string | undefined {
  if (!field?.derived) return undefined;
  const value = Object.entries(node.attributes).find(
    ([name]) => name === 'xsi:type' || (name.endsWith(':type') && !name.startsWith('xmlns')),
  )?.[1];
  if (!value) return undefined;
  const local = value.trim().replace(/^.*:/, '');
  return Object.keys(field.derived).find((name) => field.derived![name]!.type === local);
}

/** Whether two key lists are the same keys in the same order (the per-struct tables remember the last one seen). */
export function sameKeys(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
