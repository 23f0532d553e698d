// Fields: an element or attribute declaration reached through a content model becomes a field with its wire
// name, its namespace on the wire (computed from the schema that declares it), its type and occurrence.
import type { FieldModel } from '../ir';
import type { QName, XmlElement } from '../parse';
import { firstChild } from '../parse';
import { pascalCase } from '../names';
import { UnsupportedConstructError } from '../unsupported-construct-error';
import { CONTEXT_NAMESPACE } from 'sogenactif-office/internal';
import { ENCODING_ATTRIBUTES_NS, SOAP_ENC, XML_NS, XS } from './builtins';
import { abstractDerivations, elementValueType, resolveTarget } from './complex-types';
import type { Owner, Particle } from './content';
import { ANY, facetsOf, ownedHint, STRING, type DraftField, type Resolved } from './drafts';
import { globalElementType } from './references';
import { key } from './registry';
import { schemaQName, warn, type Component, type SchemaContext, type SchemaSet } from './schema-set';
import { simpleType, simpleValue } from './simple-types';

/** The namespace of a local element: qualified by form=, else by elementFormDefault of its own schema document. */
export function elementNamespace(node: XmlElement, schema: SchemaContext): string {
  const form = node.attributes.form;
  const qualified = form === 'qualified' || (form === undefined && schema.elementQualified);
  // A chameleon schema's qualified elements take the namespace of whichever service uses the type.
  if (qualified && schema.chameleon) return CONTEXT_NAMESPACE;
  return qualified ? schema.targetNamespace : '';
}

/**
 * The field standing for a ref= (or a message part's element=) that names no declaration, once the caller has warned:
 * named after the QName, typed `resolved` (unknown for an element, text for an attribute).
 */
export function unresolvedField(
  name: string,
  qname: QName,
  resolved: Resolved,
  required: boolean,
  xml?: 'attribute',
): DraftField {
  return {
    kind: 'field',
    name,
    element: qname.local,
    namespace: qname.namespace ?? '',
    ...(xml ? { xml } : {}),
    type: resolved.type,
    required,
  };
}

/**
 * A child element field. <element name|ref type? form? nillable? minOccurs? maxOccurs?> Content: (annotation?,
 * (simpleType | complexType)?, ...) `globalNamespace` is set for a global element used directly (a message part); a
 * ref= is followed to the global declaration, which is always qualified; a local declaration is qualified by its form=
 * or by the elementFormDefault of the schema document it is declared in.
 */
export function elementField(
  set: SchemaSet,
  particle: Particle,
  globalNamespace: string | undefined,
  owner: Owner,
  claim: (name: string) => string,
): DraftField {
  let node = particle.node;
  let schema = particle.schema;
  let namespace: string;
  let global = globalNamespace !== undefined;
  if (node.attributes.ref) {
    const qname = schemaQName(node, node.attributes.ref, schema);
    const found = set.elements.find(qname, schema.targetNamespace);
    if (!found) {
      warn(
        set,
        schema.source,
        'xs:element ref',
        `element ${node.attributes.ref} (in ${owner.base}) not found; typed as unknown`,
        node,
      );
      return {
        ...unresolvedField(claim(qname.local), qname, ANY, !particle.optional),
        ...(particle.repeated ? { list: { kind: 'repeated' as const } } : {}),
      };
    }
    node = found.value.node;
    schema = found.value.schema;
    namespace = found.namespace;
    global = true;
  } else {
    namespace = globalNamespace ?? elementNamespace(node, schema);
  }
  const element = node.attributes.name;
  if (!element)
    throw new UnsupportedConstructError(
      schema.source,
      'xs:element',
      `an element in ${owner.base} has neither name= nor ref=`,
    );
  const nillable = node.attributes.nillable === 'true' || node.attributes.nillable === '1';
  const resolved = global
    ? resolveTarget(
        set,
        globalElementType(set, { node, schema }, namespace),
        particle.repeated,
        schema.source,
        `type ${node.attributes.type} of element ${element}`,
        node,
      )
    : elementValueType(set, { node, schema }, owner, element, particle.repeated);
  let list: FieldModel['list'];
  let type = resolved.type;
  let facets = resolved.facets;
  if (particle.repeated) list = { kind: 'repeated' };
  else if (resolved.listItem) {
    list = { kind: 'wrapped', item: resolved.listItem.element, itemNamespace: resolved.listItem.namespace };
    type = resolved.listItem.type;
    facets = resolved.listItem.facets;
  }
  // An abstract type: the value is one of its derived types, sent with xsi:type.
  const derived = type.kind === 'struct' ? abstractDerivations(set, type.key) : undefined;
  return {
    kind: 'field',
    name: claim(element),
    element,
    namespace,
    type,
    ...(derived && derived.length > 0 ? { derived } : {}),
    required: !particle.optional,
    ...(nillable ? { nillable: true } : {}),
    ...(list ? { list } : {}),
    ...(facets && Object.keys(facets).length > 0 ? { facets } : {}),
    ...(resolved.tokens && !resolved.listItem ? { tokens: true as const } : {}),
    ...valueConstraint(particle.node, node),
  };
}

/**
 * default= and fixed= of a declaration (or of the use that refers to it), as wire text: a fixed value is filled
 * by the client, a default one applied on read.
 */
function valueConstraint(use: XmlElement, declaration: XmlElement): { fixed?: string; default?: string } {
  const fixed = use.attributes.fixed ?? declaration.attributes.fixed;
  const value = use.attributes.default ?? declaration.attributes.default;
  return fixed !== undefined ? { fixed } : value !== undefined ? { default: value } : {};
}

/** A global element that may stand for another (substitutionGroup=), with the namespace it is declared in. */
export interface SubstituteElement {
  readonly component: Component;
  readonly namespace: string;
}

const substitutionIndexes = new WeakMap<SchemaSet, { size: number; members: Map<string, SubstituteElement[]> }>();

/**
 * The global elements that may replace the element a particle refers to (its substitution group, members of
 * members included, in declaration order), with the head; undefined when the particle is not a ref= to a head.
 */
export function substitutionGroup(
  set: SchemaSet,
  particle: Particle,
): { head: Component; members: SubstituteElement[] } | undefined {
  const ref = particle.node.attributes.ref;
  if (!ref) return undefined;
  const head = set.elements.find(schemaQName(particle.node, ref, particle.schema), particle.schema.targetNamespace);
  if (!head) return undefined;
  let index = substitutionIndexes.get(set);
  if (!index || index.size !== set.elements.size) {
    index = { size: set.elements.size, members: new Map() };
    for (const component of set.elements.values()) {
      const group = component.node.attributes.substitutionGroup;
      if (!group) continue;
      const qname = schemaQName(component.node, group, component.schema);
      const headKey = key(qname.namespace ?? '', qname.local);
      index.members.set(headKey, [
        ...(index.members.get(headKey) ?? []),
        { component, namespace: component.schema.targetNamespace },
      ]);
    }
    substitutionIndexes.set(set, index);
  }
  const members: SubstituteElement[] = [];
  const visit = (namespace: string, local: string): void => {
    for (const member of index!.members.get(key(namespace, local)) ?? []) {
      if (members.includes(member) || member.component.node === head.value.node) continue;
      members.push(member);
      visit(member.namespace, member.component.node.attributes.name ?? '');
    }
  };
  visit(head.namespace, head.value.node.attributes.name ?? '');
  return members.length > 0 ? { head: head.value, members } : undefined;
}

/**
 * An attribute field; use="prohibited" and SOAP-encoding attributes give none.
 *   <attribute name|ref type? form? use=(optional | prohibited | required)> Content: (annotation?, simpleType?)
 */
export function attributeField(
  set: SchemaSet,
  particle: Particle,
  owner: Owner,
  claim: (name: string) => string,
): DraftField | undefined {
  let node = particle.node;
  let schema = particle.schema;
  let namespace: string;
  if (node.attributes.use === 'prohibited') return undefined;
  if (node.attributes.ref) {
    const qname = schemaQName(node, node.attributes.ref, schema);
    if (qname.namespace === XML_NS) {
      return {
        kind: 'field',
        name: claim(qname.local),
        element: qname.local,
        namespace: XML_NS,
        xml: 'attribute',
        type: { kind: 'primitive', primitive: 'string' },
        required: !particle.optional,
      };
    }
    if (qname.namespace === ENCODING_ATTRIBUTES_NS || (qname.namespace !== undefined && SOAP_ENC.has(qname.namespace)))
      return undefined; // soapenc:arrayType and friends describe encoding, not data
    const found = set.attributes.find(qname, schema.targetNamespace);
    if (!found) {
      warn(
        set,
        schema.source,
        'xs:attribute ref',
        `attribute ${node.attributes.ref} (in ${owner.base}) not found; typed as text`,
        node,
      );
      return unresolvedField(claim(qname.local), qname, STRING, !particle.optional, 'attribute');
    }
    node = found.value.node;
    schema = found.value.schema;
    namespace = found.namespace;
  } else {
    const form = node.attributes.form;
    namespace = form === 'qualified' || (form === undefined && schema.attributeQualified) ? schema.targetNamespace : '';
  }
  const name = node.attributes.name;
  if (!name)
    throw new UnsupportedConstructError(
      schema.source,
      'xs:attribute',
      `an attribute in ${owner.base} has neither name= nor ref=`,
    );
  let resolved: Resolved = { type: { kind: 'primitive', primitive: 'string' } };
  if (node.attributes.type)
    resolved = simpleValue(set, node, node.attributes.type, schema, `attribute ${name} of ${owner.base}`);
  else {
    const inline = firstChild(node, XS, 'simpleType');
    if (inline)
      resolved = simpleType(
        set,
        `${owner.key}/@${name}`,
        { node: inline, schema },
        ownedHint(owner.key, pascalCase(name)),
      );
  }
  return {
    kind: 'field',
    name: claim(name),
    element: name,
    namespace,
    xml: 'attribute',
    type: resolved.type,
    required: !particle.optional,
    ...facetsOf(resolved),
    ...(resolved.tokens ? { tokens: true as const } : {}),
    ...valueConstraint(particle.node, node),
  };
}
