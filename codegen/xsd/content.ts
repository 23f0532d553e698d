// Content models: the elements, attributes, text and wildcards of a complex type, base types and groups
// included, each with the schema document that declares it and its effective occurrence.
import type { XmlElement } from '../parse';
import { findDeep } from '../parse';
import { UnsupportedConstructError } from '../unsupported-construct-error';
import { SOAP_ENC, XS } from './builtins';
import { addHint } from './drafts';
import { typeTarget } from './references';
import { lost, schemaQName, warn, type Component, type SchemaContext, type SchemaSet } from './schema-set';

/** An element or attribute declaration reached through a content model, with its effective occurrence. */
export interface Particle {
  readonly node: XmlElement;
  /** The schema document the declaration sits in: it decides the qualification of a local declaration. */
  readonly schema: SchemaContext;
  readonly optional: boolean;
  readonly repeated: boolean;
  /** The type that declares it when inherited from a base: anonymous types inside are named and keyed after it. */
  readonly owner?: Owner;
}

export interface Owner {
  readonly key: string;
  readonly base: string;
}

export interface Content {
  readonly elements: Particle[];
  readonly attributes: Particle[];
  /** xs:simpleContent: where the text's type comes from. */
  text?: {
    readonly node: XmlElement;
    readonly schema: SchemaContext;
    readonly restriction: boolean;
    readonly owner?: Owner;
  };
  /** xs:any present. */
  open: boolean;
  /** xs:anyAttribute present: attributes the schema does not name are kept. */
  anyAttribute?: boolean;
  /**
   * xs:choice groups (not repeated ones): each alternative as the element declarations it holds, and whether one
   * must be given (the choice and every group around it required, no empty alternative).
   */
  readonly choices: { readonly branches: readonly (readonly XmlElement[])[]; readonly required: boolean }[];
  /** SOAP-encoded array (restriction of soapenc:Array): item type from wsdl:arrayType. */
  soapArray?: { readonly node: XmlElement; readonly value: string; readonly schema: SchemaContext };
}

/** One content model being collected. */
interface Walk {
  readonly set: SchemaSet;
  readonly out: Content;
  /** Groups being expanded (a model group containing itself is an error) and attribute groups already read. */
  readonly groupsSeen: Set<XmlElement>;
  /** The types being derived from, to refuse a type deriving from itself. */
  readonly chain: ReadonlySet<XmlElement>;
}

const minZero = (node: XmlElement): boolean =>
  node.attributes.minOccurs !== undefined && Number(node.attributes.minOccurs) === 0;
const many = (node: XmlElement): boolean => {
  const max = node.attributes.maxOccurs;
  return max !== undefined && (max === 'unbounded' || Number(max) > 1);
};
const prohibited = (node: XmlElement): boolean =>
  node.attributes.maxOccurs !== undefined &&
  node.attributes.maxOccurs !== 'unbounded' &&
  Number(node.attributes.maxOccurs) === 0;

/**
 * Elements, attributes, text and wildcards of a complex type, base types included, each with its schema.
 *   <complexType name? mixed?> Content: (annotation?, (simpleContent | complexContent |
 *     ((group | all | choice | sequence)?, ((attribute | attributeGroup)*, anyAttribute?))))
 */
export function content(set: SchemaSet, component: Component, deriving: ReadonlySet<XmlElement> = new Set()): Content {
  const cached = set.contents.get(component.node);
  if (cached) return cached;
  if (deriving.has(component.node)) {
    throw new UnsupportedConstructError(
      component.schema.source,
      'xs:extension',
      `type ${component.node.attributes.name ?? '(anonymous)'} derives from itself`,
    );
  }
  const walk: Walk = {
    set,
    out: { elements: [], attributes: [], open: false, choices: [] },
    groupsSeen: new Set(),
    chain: new Set([...deriving, component.node]),
  };
  if (component.node.attributes.mixed === 'true' || component.node.attributes.mixed === '1')
    mixed(set, component.node, component.schema);
  for (const child of component.node.children) {
    if (child.namespace !== XS) continue;
    switch (child.local) {
      case 'sequence':
      case 'all':
      case 'choice':
      case 'group':
      case 'any':
        particle(walk, child, component.schema, false, false);
        break;
      case 'attribute':
      case 'attributeGroup':
      case 'anyAttribute':
        attributeUse(walk, child, component.schema);
        break;
      case 'complexContent':
      case 'simpleContent':
        derivedContent(walk, child, component);
        break;
    }
  }
  const out = walk.out;
  // A restriction restates its attributes: keep the last declaration of each name.
  const lastByName = new Map<string, Particle>();
  for (const attribute of out.attributes)
    lastByName.set(attribute.node.attributes.name ?? attribute.node.attributes.ref ?? '', attribute);
  out.attributes.splice(0, out.attributes.length, ...lastByName.values());
  set.contents.set(component.node, out);
  return out;
}

type ParticleVisitor = (
  walk: Walk,
  node: XmlElement,
  schema: SchemaContext,
  optional: boolean,
  repeated: boolean,
) => void;

/** One visitor per particle of a model group, dispatched by local name. */
const PARTICLES = new Map<string, ParticleVisitor>([
  ['element', element],
  ['sequence', sequence],
  ['all', sequence],
  ['choice', choice],
  ['group', groupReference],
  ['any', any],
]);

/** A particle inside a model group (maxOccurs="0" leaves it out), in the occurrence its ancestors give it. */
function particle(walk: Walk, node: XmlElement, schema: SchemaContext, optional: boolean, repeated: boolean): void {
  if (node.namespace !== XS || prohibited(node)) return;
  PARTICLES.get(node.local)?.(walk, node, schema, optional, repeated);
}

function particles(walk: Walk, parent: XmlElement, schema: SchemaContext, optional: boolean, repeated: boolean): void {
  for (const child of parent.children) particle(walk, child, schema, optional, repeated);
}

/** <element name|ref minOccurs? maxOccurs? .../>: optional or repeated when it or a group around it is. */
function element(walk: Walk, node: XmlElement, schema: SchemaContext, optional: boolean, repeated: boolean): void {
  walk.out.elements.push({ node, schema, optional: optional || minZero(node), repeated: repeated || many(node) });
}

/**
 * <sequence minOccurs? maxOccurs?> and <all minOccurs? maxOccurs="1">
 *   Content: (annotation?, (element | group | choice | sequence | any)*)
 */
function sequence(walk: Walk, node: XmlElement, schema: SchemaContext, optional: boolean, repeated: boolean): void {
  particles(walk, node, schema, optional || minZero(node), repeated || many(node));
}

/**
 * <choice minOccurs? maxOccurs?> Content: (annotation?, (element | group | choice | sequence | any)*): each
 * alternative's fields are optional in the type, and the choice is recorded so the runtime refuses two
 * alternatives at once (and none, when one is required). A repeated choice interleaves its alternatives: no check.
 */
function choice(walk: Walk, node: XmlElement, schema: SchemaContext, optional: boolean, repeated: boolean): void {
  const again = repeated || many(node);
  const branches: XmlElement[][] = [];
  let emptyBranch = false;
  for (const child of node.children) {
    if (child.namespace !== XS || prohibited(child) || !PARTICLES.has(child.local)) continue;
    const start = walk.out.elements.length;
    particle(walk, child, schema, true, again);
    const nodes = walk.out.elements.slice(start).map((p) => p.node);
    if (nodes.length > 0) branches.push(nodes);
    else emptyBranch = true;
  }
  if (!again && branches.length > 1)
    walk.out.choices.push({ branches, required: !optional && !minZero(node) && !emptyBranch });
}

/**
 * <group ref=QName minOccurs? maxOccurs?/>: the particles of <group name> Content: (annotation?, (all | choice |
 * sequence)?).
 */
function groupReference(
  walk: Walk,
  node: XmlElement,
  schema: SchemaContext,
  optional: boolean,
  repeated: boolean,
): void {
  if (!node.attributes.ref) return;
  const found = walk.set.groups.find(schemaQName(node, node.attributes.ref, schema), schema.targetNamespace);
  if (!found) {
    warn(
      walk.set,
      schema.source,
      'xs:group ref',
      `group ${node.attributes.ref} not found; its elements are left out`,
      node,
    );
    return;
  }
  if (walk.groupsSeen.has(found.value.node)) {
    // Invalid XSD, read by node-soap and zeep by not expanding the group again: the same here, said aloud.
    lost(
      walk.set,
      schema.source,
      node,
      'xs:group',
      `group ${node.attributes.ref} contains itself; the inner reference is left out`,
    );
    return;
  }
  walk.groupsSeen.add(found.value.node);
  particles(walk, found.value.node, found.value.schema, optional || minZero(node), repeated || many(node));
  walk.groupsSeen.delete(found.value.node);
}

/**
 * <any namespace? processContents?/>: any element may appear, so the struct is open (an index signature): the
 * names are not checked against the wildcard's namespaces and are sent unqualified, which is reported.
 */
function any(walk: Walk, node: XmlElement, schema: SchemaContext): void {
  walk.out.open = true;
  lost(
    walk.set,
    schema.source,
    node,
    'xs:any',
    `elements of any name (namespace ${node.attributes.namespace ?? '##any'}` +
      `) are typed as an index signature: not checked, sent unqualified`,
  );
}

/**
 * <anyAttribute namespace? processContents?/>: attributes the schema does not name are kept, as text, under
 * `$attributes`.
 */
function anyAttribute(walk: Walk): void {
  walk.out.anyAttribute = true;
}

/** mixed="true": text between the child elements is not kept (only the elements are read). */
function mixed(set: SchemaSet, node: XmlElement, schema: SchemaContext): void {
  lost(
    set,
    schema.source,
    node,
    'mixed content',
    `type ${node.attributes.name ?? '(anonymous)'}` +
      ` mixes text with elements: the text between elements is not kept`,
  );
}

/**
 * <attribute name|ref use?/> and <attributeGroup ref=QName/> (the attributes of
 * <attributeGroup name> Content: (annotation?, (attribute | attributeGroup)*, anyAttribute?)), each group once.
 */
function attributeUse(walk: Walk, node: XmlElement, schema: SchemaContext): void {
  if (node.namespace !== XS) return;
  if (node.local === 'anyAttribute') anyAttribute(walk);
  else if (node.local === 'attribute')
    walk.out.attributes.push({ node, schema, optional: node.attributes.use !== 'required', repeated: false });
  else if (node.local === 'attributeGroup' && node.attributes.ref) {
    const found = walk.set.attributeGroups.find(schemaQName(node, node.attributes.ref, schema), schema.targetNamespace);
    if (!found) {
      warn(
        walk.set,
        schema.source,
        'xs:attributeGroup ref',
        `attribute group ${node.attributes.ref} not found; its attributes are left out`,
        node,
      );
      return;
    }
    if (walk.groupsSeen.has(found.value.node)) return;
    walk.groupsSeen.add(found.value.node);
    attributeUses(walk, found.value.node, found.value.schema);
  }
}

function attributeUses(walk: Walk, parent: XmlElement, schema: SchemaContext): void {
  for (const child of parent.children) attributeUse(walk, child, schema);
}

/**
 * <complexContent> and <simpleContent> Content: (annotation?, (restriction | extension)), with
 *   <extension base=QName> | <restriction base=QName>
 *     Content: (annotation?, (group | all | choice | sequence)?, ((attribute | attributeGroup)*, anyAttribute?))
 * An extension inherits the base's elements and attributes, a restriction only its attributes (it restates
 * the elements); simple content takes its text from the base or from the restriction's facets; a
 * restriction of soapenc:Array is a SOAP-encoded array of its wsdl:arrayType.
 */
function derivedContent(walk: Walk, node: XmlElement, component: Component): void {
  const { set, out } = walk;
  const schema = component.schema;
  const typeName = component.node.attributes.name ?? '(anonymous)';
  const derivation = node.children.find(
    (c) => c.namespace === XS && (c.local === 'extension' || c.local === 'restriction'),
  );
  if (node.attributes.mixed === 'true' || node.attributes.mixed === '1') mixed(set, component.node, schema);
  if (!derivation)
    throw new UnsupportedConstructError(
      schema.source,
      `xs:${node.local}`,
      `in type ${typeName}: neither xs:extension nor xs:restriction`,
    );
  const restriction = derivation.local === 'restriction';
  const baseName = derivation.attributes.base ?? '';
  const base = baseName ? schemaQName(derivation, baseName, schema) : undefined;
  if (base && base.namespace !== undefined && SOAP_ENC.has(base.namespace) && base.local === 'Array') {
    const arrayType = findDeep(
      derivation,
      (n) =>
        Object.keys(n.attributes).some((a) => a.endsWith(':arrayType') || a === 'arrayType') && n.local === 'attribute',
    );
    const value = arrayType && Object.entries(arrayType.attributes).find(([a]) => a.endsWith(':arrayType'))?.[1];
    if (value)
      out.soapArray = { node: arrayType, value: value.replace(/\[[\d,]*\]$/, '').replace(/\[[\d,]*\]$/, ''), schema };
    particles(walk, derivation, schema, false, false);
    return;
  }
  const target = baseName ? typeTarget(set, derivation, baseName, schema) : undefined;
  if (target?.kind === 'missing')
    warn(
      set,
      schema.source,
      'type reference',
      `base ${baseName} of type ${typeName} not found; its inherited content is left out`,
      derivation,
    );
  const complexBase = target?.kind === 'complex' ? target.component : undefined;
  const owner: Owner | undefined = target?.kind === 'complex' ? { key: target.key, base: target.hint.base } : undefined;
  if (target?.kind === 'complex') addHint(set.drafts.ownerHints, target.key, target.hint);
  const inherit = <T extends { readonly owner?: Owner }>(item: T): T =>
    item.owner || !owner ? item : { ...item, owner };
  if (node.local === 'simpleContent') {
    if (complexBase) {
      const inherited = content(set, complexBase, walk.chain);
      out.attributes.push(...inherited.attributes.map(inherit));
      if (inherited.text) out.text = inherit(inherited.text);
    }
    if (!complexBase || restriction) out.text = { node: derivation, schema, restriction };
  } else if (complexBase) {
    const inherited = content(set, complexBase, walk.chain);
    out.attributes.push(...inherited.attributes.map(inherit));
    if (!restriction) {
      out.elements.push(...inherited.elements.map(inherit));
      out.choices.push(...inherited.choices);
      out.open ||= inherited.open;
      if (inherited.anyAttribute) out.anyAttribute = true;
      if (inherited.text) out.text = inherit(inherited.text);
    }
  }
  particles(walk, derivation, schema, false, false);
  attributeUses(walk, derivation, schema);
}
