// Complex types: a struct per type, or what its use collapses to (its text type, a list of a wrapper's
// item, a SOAP-encoded array), and the global types of a set of schema documents.
import type { XmlElement } from '../parse';
import { firstChild } from '../parse';
import { pascalCase, type NameHint } from '../names';
import { XS } from './builtins';
import { content, type Owner } from './content';
import { addHint, ANY, claimer, facetsOf, ownedHint, type DraftField, type DraftStruct, type Resolved } from './drafts';
import { attributeField, elementField } from './fields';
import { key } from './registry';
import { typeTarget, type TypeTarget } from './references';
import { lost, schemaQName, typeKey as namedTypeKey, warn, type Component, type SchemaContext, type SchemaSet } from './schema-set';
import { simpleType, textType } from './simple-types';

/** The struct of a complex type: its elements, its text as `$value`, its attributes, in that order. Returns its key. */
export function complexType(set: SchemaSet, typeKey: string, component: Component, hint: NameHint): string {
  addHint(set.drafts.hints, typeKey, hint);
  if (set.drafts.structs.has(typeKey)) return typeKey;
  const xsdName = component.node.attributes.name ?? '';
  const struct: DraftStruct = { key: typeKey, module: component.schema.module, xsdName, fields: [] };
  // Registered before its fields so recursive types terminate.
  set.drafts.structs.set(typeKey, struct);
  if (component.node.attributes.abstract === 'true' || component.node.attributes.abstract === '1') {
    lost(set, component.schema.source, component.node, 'abstract type', `${xsdName || hint.base} is abstract: a field of this type carries only its own fields; derived types chosen with xsi:type are not represented`);
  }
  const found = content(set, component);
  const claim = claimer();
  const own: Owner = { key: typeKey, base: hint.base };
  const fields: DraftField[] = found.elements.map((particle) => elementField(set, particle, undefined, particle.owner ?? own, claim));
  if (found.text) {
    const textOwner = found.text.owner ?? own;
    const resolved = textType(set, found.text, textOwner.key, textOwner.base);
    fields.push({ kind: 'field', name: claim('$value'), element: '', namespace: '', xml: 'text', type: resolved.type, required: true, ...facetsOf(resolved), ...(resolved.tokens ? { tokens: true as const } : {}) });
  }
  for (const particle of found.attributes) {
    const field = attributeField(set, particle, particle.owner ?? own, claim);
    if (field) fields.push(field);
  }
  struct.fields = fields;
  if (found.open || found.soapArray) struct.open = true;
  // Choices by field name: the particles' fields are the first found.elements.length fields, in order.
  const nameOf = new Map<XmlElement, string>();
  found.elements.forEach((particle, i) => {
    if (!nameOf.has(particle.node)) nameOf.set(particle.node, fields[i]!.name);
  });
  const choices = found.choices.map((c) => ({ branches: c.branches.map((b) => b.map((node) => nameOf.get(node)!)), required: c.required }));
  if (choices.length > 0) struct.choices = choices;
  return typeKey;
}

/** A type reference's resolution; a missing type is warned about and typed as unknown. */
export function resolveTarget(set: SchemaSet, target: TypeTarget, repeated: boolean, source: string, where: string, node?: XmlElement): Resolved {
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
export function elementValueType(set: SchemaSet, element: Component, owner: Owner, fieldName: string, repeated: boolean): Resolved {
  const typeAttr = element.node.attributes.type;
  const localKey = `${owner.key}/${fieldName}`;
  const localHint = ownedHint(owner.key, pascalCase(fieldName));
  if (typeAttr) {
    return resolveTarget(set, typeTarget(set, element.node, typeAttr, element.schema), repeated, element.schema.source, `type ${typeAttr} of ${owner.base}.${fieldName}`, element.node);
  }
  const inlineSimple = firstChild(element.node, XS, 'simpleType');
  if (inlineSimple) return simpleType(set, localKey, { node: inlineSimple, schema: element.schema }, localHint);
  const inlineComplex = firstChild(element.node, XS, 'complexType');
  if (inlineComplex) return complexUse(set, localKey, { node: inlineComplex, schema: element.schema }, localHint, repeated);
  return { type: { kind: 'primitive', primitive: 'any' } };
}

/** A complex type used by an element: its text type, a collapsed list wrapper, or a struct. */
export function complexUse(set: SchemaSet, typeKey: string, component: Component, hint: NameHint, repeated: boolean): Resolved {
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
  if (!repeated && only && found.elements.length === 1 && only.repeated && found.attributes.length === 0 && !found.text && !found.open) {
    const declaration = only.node.attributes.ref ? set.elements.find(schemaQName(only.node, only.node.attributes.ref, only.schema), only.schema.targetNamespace)?.value.node : only.node;
    if (declaration && declaration.attributes.nillable !== 'true') {
      const item = elementField(set, only, undefined, only.owner ?? { key: typeKey, base: hint.base }, claimer());
      return { type: item.type, listItem: { element: item.element, namespace: item.namespace, type: item.type, ...(item.facets ? { facets: item.facets } : {}) } };
    }
  }
  return { type: { kind: 'struct', key: complexType(set, typeKey, component, hint) } };
}

/** Item type of a SOAP-encoded array (wsdl:arrayType="xsd:string[]"). */
function arrayItem(set: SchemaSet, node: XmlElement, reference: string, schema: SchemaContext, ownerBase: string): Resolved {
  const target = typeTarget(set, node, reference, schema);
  if (target.kind === 'complex') return { type: { kind: 'struct', key: complexType(set, target.key, target.component, target.hint) } };
  return resolveTarget(set, target, true, schema.source, `item type ${reference} of ${ownerBase}`, node);
}

/** Every global type and anonymous global element type of the schemas read from `sources` (a document without services). */
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
    complexType(set, `${key(component.schema.targetNamespace, name)}#element`, { node: inline, schema: component.schema }, { priority: 2, base: pascalCase(name) });
  }
}
