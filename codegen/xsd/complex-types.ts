// Complex types: a struct per type, or what its use collapses to (its text type, a list of a wrapper's
// item, a SOAP-encoded array), and the global types of a set of schema documents.
import type { XmlElement } from '../parse';
import { firstChild } from '../parse';
import { pascalCase, type NameHint } from '../names';
import { XS } from './builtins';
import { content, type Owner, type Particle } from './content';
import { addHint, ANY, claimer, facetsOf, ownedHint, type DraftField, type DraftStruct, type Resolved } from './drafts';
import { attributeField, elementField, substitutionGroup } from './fields';
import { key } from './registry';
import { typeTarget, type TypeTarget } from './references';
import {
  lost,
  schemaQName,
  typeKey as namedTypeKey,
  warn,
  type Component,
  type SchemaContext,
  type SchemaSet,
} from './schema-set';
import { simpleType, textType } from './simple-types';

/** The struct of a complex type: its elements, its text as `$value`, its attributes, in that order. Returns its key. */
export function complexType(set: SchemaSet, typeKey: string, component: Component, hint: NameHint): string {
  addHint(set.drafts.hints, typeKey, hint);
  if (set.drafts.structs.has(typeKey)) return typeKey;
  const xsdName = component.node.attributes.name ?? '';
  const struct: DraftStruct = { key: typeKey, module: component.schema.module, xsdName, fields: [] };
  // Registered before its fields so recursive types terminate.
  set.drafts.structs.set(typeKey, struct);
  const found = content(set, component);
  const claim = claimer();
  const own: Owner = { key: typeKey, base: hint.base };
  // Each particle's field (a substitution group head: one field per member element, and the head's unless abstract),
  // by particle node, for the choices below.
  const fields: DraftField[] = [];
  const nameOf = new Map<XmlElement, string[]>();
  const choices: NonNullable<DraftStruct['choices']>[number][] = [];
  for (const particle of found.elements) {
    const group = substitutionGroup(set, particle);
    if (!group) {
      const field = elementField(set, particle, undefined, particle.owner ?? own, claim);
      fields.push(field);
      if (!nameOf.has(particle.node)) nameOf.set(particle.node, [field.name]);
      continue;
    }
    const names = substitutionFields(set, particle, group, particle.owner ?? own, claim, fields);
    if (names.length > 1)
      choices.push({ branches: names.map((n) => [n]), required: !particle.optional && !particle.repeated });
    if (!nameOf.has(particle.node)) nameOf.set(particle.node, names);
  }
  if (found.text) {
    const textOwner = found.text.owner ?? own;
    const resolved = textType(set, found.text, textOwner.key, textOwner.base);
    fields.push({
      kind: 'field',
      name: claim('$value'),
      element: '',
      namespace: '',
      xml: 'text',
      type: resolved.type,
      required: true,
      ...facetsOf(resolved),
      ...(resolved.tokens ? { tokens: true as const } : {}),
    });
  }
  for (const particle of found.attributes) {
    const field = attributeField(set, particle, particle.owner ?? own, claim);
    if (field) fields.push(field);
  }
  struct.fields = fields;
  if (found.open || found.soapArray) struct.open = true;
  if (found.anyAttribute) struct.anyAttributes = true;
  choices.push(
    ...found.choices.map((c) => ({
      branches: c.branches.map((b) => b.flatMap((node) => nameOf.get(node) ?? [])),
      required: c.required,
    })),
  );
  if (choices.length > 0) struct.choices = choices;
  return typeKey;
}

/**
 * A ref= to the head of a substitution group, as node-soap writes it: one field per element that may stand there,
 * named and qualified as that element (the head's own unless abstract); the caller makes them one choice when there
 * are several (one left is simply required as the particle is). Pushes the fields, returns their names. A repeated
 * head loses the order between different members: reported.
 *   <element name substitutionGroup=QName abstract?/>
 */
function substitutionFields(
  set: SchemaSet,
  particle: Particle,
  group: NonNullable<ReturnType<typeof substitutionGroup>>,
  owner: Owner,
  claim: (name: string) => string,
  fields: DraftField[],
): string[] {
  const isAbstract = (node: XmlElement): boolean =>
    node.attributes.abstract === 'true' || node.attributes.abstract === '1';
  const candidates: Particle[] = [
    ...(isAbstract(group.head.node) ? [] : [particle]),
    ...group.members
      .filter((m) => !isAbstract(m.component.node))
      .map((m) => ({
        node: m.component.node,
        schema: m.component.schema,
        optional: particle.optional,
        repeated: particle.repeated,
      })),
  ];
  const namespaces = [
    ...(isAbstract(group.head.node) ? [] : [undefined]),
    ...group.members.filter((m) => !isAbstract(m.component.node)).map((m) => m.namespace),
  ];
  const several = candidates.length > 1;
  const names = candidates.map((candidate, i) => {
    const field = elementField(
      set,
      several ? { ...candidate, optional: true } : candidate,
      namespaces[i],
      owner,
      claim,
    );
    fields.push(field);
    return field.name;
  });
  if (particle.repeated && several) {
    lost(
      set,
      particle.schema.source,
      particle.node,
      'xs:substitutionGroup',
      `${particle.node.attributes.ref} (in ${owner.base}) repeats: each of ${names.join(', ')}` +
        ` is a list of its own, so the order between them is not kept`,
    );
  }
  return names;
}

/** A type reference's resolution; a missing type is warned about and typed as unknown. */
export function resolveTarget(
  set: SchemaSet,
  target: TypeTarget,
  repeated: boolean,
  source: string,
  where: string,
  node?: XmlElement,
): Resolved {
  switch (target.kind) {
    case 'builtin':
      return target.resolved;
    case 'simple':
      return simpleType(set, target.key, target.component, target.hint);
    case 'complex':
      return complexUse(set, target.key, target.component, target.hint, repeated);
    case 'missing':
      warn(set, source, 'type reference', `${where} not found; typed as unknown`, node);
      return ANY;
  }
}

/** The type of a local element: type=, an inline simpleType or complexType (named after its owner), else anything. */
export function elementValueType(
  set: SchemaSet,
  element: Component,
  owner: Owner,
  fieldName: string,
  repeated: boolean,
): Resolved {
  const typeAttr = element.node.attributes.type;
  const localKey = `${owner.key}/${fieldName}`;
  const localHint = ownedHint(owner.key, pascalCase(fieldName));
  if (typeAttr) {
    return resolveTarget(
      set,
      typeTarget(set, element.node, typeAttr, element.schema),
      repeated,
      element.schema.source,
      `type ${typeAttr} of ${owner.base}.${fieldName}`,
      element.node,
    );
  }
  const inlineSimple = firstChild(element.node, XS, 'simpleType');
  if (inlineSimple) return simpleType(set, localKey, { node: inlineSimple, schema: element.schema }, localHint);
  const inlineComplex = firstChild(element.node, XS, 'complexType');
  if (inlineComplex)
    return complexUse(set, localKey, { node: inlineComplex, schema: element.schema }, localHint, repeated);
  return { type: { kind: 'primitive', primitive: 'any' } };
}

/** A complex type used by an element: its text type, a collapsed list wrapper, or a struct. */
export function complexUse(
  set: SchemaSet,
  typeKey: string,
  component: Component,
  hint: NameHint,
  repeated: boolean,
): Resolved {
  addHint(set.drafts.ownerHints, typeKey, hint);
  const found = content(set, component);
  if (found.text && found.elements.length === 0 && found.attributes.length === 0 && !found.open) {
    return textType(set, found.text, typeKey, hint.base);
  }
  if (!repeated && found.soapArray && found.elements.length === 0) {
    const item = arrayItem(set, found.soapArray.node, found.soapArray.value, found.soapArray.schema, hint.base);
    return { type: item.type, listItem: { element: 'item', namespace: '', type: item.type, ...facetsOf(item) } };
  }
  const only = found.elements[0];
  if (
    !repeated &&
    only &&
    found.elements.length === 1 &&
    only.repeated &&
    found.attributes.length === 0 &&
    !found.text &&
    !found.open
  ) {
    const declaration = only.node.attributes.ref
      ? set.elements.find(schemaQName(only.node, only.node.attributes.ref, only.schema), only.schema.targetNamespace)
          ?.value.node
      : only.node;
    if (declaration && declaration.attributes.nillable !== 'true') {
      const item = elementField(set, only, undefined, only.owner ?? { key: typeKey, base: hint.base }, claimer());
      return {
        type: item.type,
        listItem: {
          element: item.element,
          namespace: item.namespace,
          type: item.type,
          ...(item.facets ? { facets: item.facets } : {}),
        },
      };
    }
  }
  return { type: { kind: 'struct', key: complexType(set, typeKey, component, hint) } };
}

/** A named complex type that extends another, as the derivation index holds it. */
interface Derivation {
  readonly key: string;
  readonly component: Component;
  readonly namespace: string;
  readonly local: string;
}

const derivationIndexes = new WeakMap<
  SchemaSet,
  { size: number; byBase: Map<string, Derivation[]>; byKey: Map<string, Component> }
>();

const isAbstract = (node: XmlElement): boolean =>
  node.attributes.abstract === 'true' || node.attributes.abstract === '1';

/**
 * The types a field typed by an abstract complex type can carry: every named type deriving from it by extension
 * (transitively) that is not abstract itself, each drafted as a struct; undefined when the type is not abstract.
 * An abstract type nothing derives from can carry nothing: reported.
 *   <complexType name abstract="true"/> ... <complexType name> <complexContent> <extension base=QName/> ...
 */
export function abstractDerivations(
  set: SchemaSet,
  baseKey: string,
): { key: string; namespace: string; local: string }[] | undefined {
  let index = derivationIndexes.get(set);
  if (!index || index.size !== set.types.size) {
    index = { size: set.types.size, byBase: new Map(), byKey: new Map() };
    for (const component of set.types.values()) {
      if (component.node.local !== 'complexType') continue;
      const local = component.node.attributes.name!;
      const own = namedTypeKey(component.schema.targetNamespace, local, component);
      index.byKey.set(own, component);
      const extension = firstChild(component.node, XS, 'complexContent')?.children.find(
        (c) => c.namespace === XS && c.local === 'extension',
      );
      if (!extension?.attributes.base) continue;
      const base = typeTarget(set, extension, extension.attributes.base, component.schema);
      if (base.kind !== 'complex') continue;
      index.byBase.set(base.key, [
        ...(index.byBase.get(base.key) ?? []),
        { key: own, component, namespace: component.schema.targetNamespace, local },
      ]);
    }
    derivationIndexes.set(set, index);
  }
  const base = index.byKey.get(baseKey);
  if (!base || !isAbstract(base.node)) return undefined;
  const found: Derivation[] = [];
  const visit = (key: string): void => {
    for (const derived of index!.byBase.get(key) ?? []) {
      if (found.includes(derived)) continue;
      found.push(derived);
      visit(derived.key);
    }
  };
  visit(baseKey);
  const concrete = found.filter((d) => !isAbstract(d.component.node));
  if (concrete.length === 0) {
    lost(
      set,
      base.schema.source,
      base.node,
      'abstract type',
      `${base.node.attributes.name}` +
        ` is abstract and no type derives from it: a field of this type can carry nothing`,
    );
  }
  return concrete.map((d) => {
    complexType(set, d.key, d.component, { priority: 1, base: pascalCase(d.local) });
    return { key: d.key, namespace: d.namespace, local: d.local };
  });
}

/** Item type of a SOAP-encoded array (wsdl:arrayType="xsd:string[]"). */
function arrayItem(
  set: SchemaSet,
  node: XmlElement,
  reference: string,
  schema: SchemaContext,
  ownerBase: string,
): Resolved {
  const target = typeTarget(set, node, reference, schema);
  if (target.kind === 'complex')
    return { type: { kind: 'struct', key: complexType(set, target.key, target.component, target.hint) } };
  return resolveTarget(set, target, true, schema.source, `item type ${reference} of ${ownerBase}`, node);
}

/**
 * Every global type and anonymous global element type of the schemas read from `sources` (a document without services).
 */
export function globalTypes(set: SchemaSet, sources: ReadonlySet<string>): void {
  for (const component of set.types.values()) {
    if (!sources.has(component.schema.source)) continue;
    const name = component.node.attributes.name!;
    const typeKey = namedTypeKey(component.schema.targetNamespace, name, component);
    const hint: NameHint = { priority: 1, base: pascalCase(name) };
    if (component.node.local === 'complexType') complexType(set, typeKey, component, hint);
    else simpleType(set, typeKey, component, hint);
  }
  for (const component of set.elements.values()) {
    if (!sources.has(component.schema.source)) continue;
    const inline = firstChild(component.node, XS, 'complexType');
    if (!inline || component.node.attributes.type) continue;
    const name = component.node.attributes.name!;
    complexType(
      set,
      `${key(component.schema.targetNamespace, name)}#element`,
      { node: inline, schema: component.schema },
      { priority: 2, base: pascalCase(name) },
    );
  }
}
