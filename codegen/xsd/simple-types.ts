// Simple types: restrictions with their facets, enumerations, list and union (text), and the simple value
// of a reference where only text can go (attributes, simple content, restriction bases).
import type { Facets } from '../ir';
import type { XmlElement } from '../parse';
import { childrenOf, firstChild, resolveQName } from '../parse';
import type { NameHint } from '../names';
import { isBuiltinName, XS } from './builtins';
import { content, type Content } from './content';
import { addHint, ownedHint, STRING, type Resolved } from './drafts';
import { typeTarget } from './references';
import { lost, warn, type Component, type SchemaContext, type SchemaSet } from './schema-set';

type Bound = 'minLength' | 'maxLength' | 'minInclusive' | 'maxInclusive';

/** Facets read but not checked by the runtime (whiteSpace only normalises, so it is not one of them). */
const UNCHECKED_FACETS = new Set(['minExclusive', 'maxExclusive', 'totalDigits', 'fractionDigits']);

/** The numeric facets read: the values each accepts and the properties it sets (length sets both bounds). */
const BOUNDS = new Map<string, { readonly valid: (n: number) => boolean; readonly sets: readonly Bound[] }>([
  ['length', { valid: Number.isSafeInteger, sets: ['maxLength', 'minLength'] }],
  ['maxLength', { valid: Number.isSafeInteger, sets: ['maxLength'] }],
  ['minLength', { valid: Number.isSafeInteger, sets: ['minLength'] }],
  ['minInclusive', { valid: Number.isFinite, sets: ['minInclusive'] }],
  ['maxInclusive', { valid: Number.isFinite, sets: ['maxInclusive'] }],
]);

/** <simpleType name?> Content: (annotation?, (restriction | list | union)). */
export function simpleType(set: SchemaSet, typeKey: string, component: Component, hint: NameHint): Resolved {
  addHint(set.drafts.ownerHints, typeKey, hint);
  const name = component.node.attributes.name ?? '';
  const restriction = firstChild(component.node, XS, 'restriction');
  if (restriction) return simpleRestriction(set, typeKey, restriction, component.schema, name, hint);
  const list = firstChild(component.node, XS, 'list');
  if (list) return listType(set, typeKey, list, component.schema, name || hint.base);
  const union = firstChild(component.node, XS, 'union');
  if (union) return unionType(set, typeKey, union, component.schema, name, hint);
  return STRING;
}

/** <list itemType=QName?> Content: (annotation?, simpleType?): an array of the item type (item facets per item). */
function listType(set: SchemaSet, typeKey: string, list: XmlElement, schema: SchemaContext, where: string): Resolved {
  let item: Resolved = STRING;
  const inline = firstChild(list, XS, 'simpleType');
  if (list.attributes.itemType) item = simpleValue(set, list, list.attributes.itemType, schema, `list ${where}`);
  else if (inline) item = simpleType(set, `${typeKey}/item`, { node: inline, schema }, ownedHint(typeKey, 'Item'));
  if (item.tokens)
    lost(set, schema.source, list, 'xs:list', `list ${where} of a list type: read and sent as one flat list`);
  return { type: item.type, ...(item.facets ? { facets: item.facets } : {}), tokens: true };
}

/**
 * <union memberTypes=List of QName?> Content: (annotation?, simpleType*): members of one primitive are that
 * primitive; members that are all value lists are one list of every value; a member that is any string makes it
 * a string. Any other mix is typed as string, which is reported (the members are not checked).
 */
function unionType(
  set: SchemaSet,
  typeKey: string,
  union: XmlElement,
  schema: SchemaContext,
  xsdName: string,
  hint: NameHint,
): Resolved {
  const where = xsdName || hint.base;
  const references = (union.attributes.memberTypes ?? '').split(/\s+/).filter((m) => m !== '');
  const members: Resolved[] = references.map((m) => simpleValue(set, union, m, schema, `union ${where}`));
  // A member that is any text at all (xs:string, xs:anySimpleType) makes the union any text.
  const anyText = references.some((m) => {
    const qname = resolveQName(union, m);
    return isBuiltinName(qname) && (qname.local === 'string' || qname.local === 'anySimpleType');
  });
  childrenOf(union, XS, 'simpleType').forEach((inline, i) =>
    members.push(
      simpleType(set, `${typeKey}/member${i + 1}`, { node: inline, schema }, ownedHint(typeKey, `Member${i + 1}`)),
    ),
  );
  const primitive = (r: Resolved): string | undefined =>
    r.type.kind === 'primitive' && !r.tokens ? r.type.primitive : undefined;
  const first = members[0];
  if (first && members.every((m) => primitive(m) !== undefined && primitive(m) === primitive(first)))
    return members.length === 1 ? first : { type: first.type };
  if (first && members.every((m) => m.type.kind === 'enum')) {
    const values = members.flatMap(
      (m) => set.drafts.enums.get((m.type as { key: string }).key)?.values.map((v) => v.value) ?? [],
    );
    return { type: { kind: 'enum', key: enumeration(set, typeKey, schema, xsdName, hint, [...new Set(values)]) } };
  }
  if (anyText) return STRING;
  const kinds = members
    .map((m) => (m.tokens ? 'list' : m.type.kind === 'primitive' ? m.type.primitive : m.type.kind))
    .join(' | ');
  lost(
    set,
    schema.source,
    union,
    'xs:union',
    `union ${where} of ${kinds || 'no member'}` +
      ` is typed as string: a value is sent as given, not checked against the members`,
  );
  return STRING;
}

/**
 * <restriction base=QName?> Content: (annotation?, (simpleType?, (minExclusive | minInclusive | maxExclusive |
 *   maxInclusive | totalDigits | fractionDigits | length | minLength | maxLength | enumeration | whiteSpace |
 *   pattern)*)): an enum when it enumerates values, else its base with the facets merged over the base's.
 */
export function simpleRestriction(
  set: SchemaSet,
  typeKey: string,
  restriction: XmlElement,
  schema: SchemaContext,
  xsdName: string,
  hint: NameHint,
): Resolved {
  const facets: { -readonly [K in keyof Facets]: Facets[K] } = {};
  const values: string[] = [];
  const patterns: string[] = [];
  for (const facet of restriction.children) {
    const value = facet.attributes.value;
    if (facet.namespace !== XS || value === undefined) continue;
    if (facet.local === 'enumeration') {
      if (!values.includes(value)) values.push(value);
    } else if (facet.local === 'pattern') patterns.push(value);
    else {
      const bound = BOUNDS.get(facet.local);
      const number = Number(value);
      if (bound?.valid(number)) for (const property of bound.sets) facets[property] = number;
      else if (UNCHECKED_FACETS.has(facet.local))
        lost(
          set,
          schema.source,
          facet,
          `xs:${facet.local}`,
          `facet ${facet.local}="${value}" of ${xsdName || hint.base} is not checked before sending`,
        );
    }
  }
  // Several patterns in one restriction are alternatives; one XSD cannot express in JavaScript is dropped
  // (the server still checks it) rather than rejecting good values.
  if (patterns.length > 0) {
    const pattern = patterns.length === 1 ? patterns[0]! : patterns.map((p) => `(?:${p})`).join('|');
    if (jsPatternOk(pattern)) facets.pattern = pattern;
  }
  let base: Resolved = { type: { kind: 'primitive', primitive: 'string' } };
  if (restriction.attributes.base)
    base = simpleValue(set, restriction, restriction.attributes.base, schema, `restriction ${xsdName || hint.base}`);
  else {
    const inline = firstChild(restriction, XS, 'simpleType');
    if (inline) base = simpleType(set, `${typeKey}/base`, { node: inline, schema }, ownedHint(typeKey, 'Base'));
  }
  if (values.length > 0)
    return { type: { kind: 'enum', key: enumeration(set, typeKey, schema, xsdName, hint, values) } };
  if (base.tokens) {
    // Facets of a list restriction count items: not checked.
    if (Object.keys(facets).length > 0)
      lost(
        set,
        schema.source,
        restriction,
        'xs:list',
        `facets of list type ${xsdName || hint.base} (item counts) are not checked`,
      );
    return base;
  }
  const merged = { ...base.facets, ...facets };
  return { type: base.type, ...(Object.keys(merged).length > 0 ? { facets: merged } : {}) };
}

/** <enumeration value/>+ in a restriction: an enum draft of the values, in document order. */
function enumeration(
  set: SchemaSet,
  typeKey: string,
  schema: SchemaContext,
  xsdName: string,
  hint: NameHint,
  values: string[],
): string {
  addHint(set.drafts.hints, typeKey, hint);
  if (set.drafts.enums.has(typeKey)) return typeKey;
  set.drafts.enums.set(typeKey, {
    kind: 'enum',
    key: typeKey,
    module: schema.module,
    xsdName,
    values: values.map((value) => ({ value })),
  });
  return typeKey;
}

/** The type of simple content: a restriction's own facets, else its extension base. */
export function textType(
  set: SchemaSet,
  text: NonNullable<Content['text']>,
  ownerKey: string,
  ownerBase: string,
): Resolved {
  if (text.restriction)
    return simpleRestriction(set, `${ownerKey}/$value`, text.node, text.schema, '', ownedHint(ownerKey, 'Value'));
  return text.node.attributes.base
    ? simpleValue(set, text.node, text.node.attributes.base, text.schema, `the text of ${ownerBase}`)
    : { type: { kind: 'primitive', primitive: 'string' } };
}

/** A type reference that must be simple (attributes, text, restriction bases): complex types give their text type. */
export function simpleValue(
  set: SchemaSet,
  node: XmlElement,
  reference: string,
  schema: SchemaContext,
  where: string,
): Resolved {
  const target = typeTarget(set, node, reference, schema);
  switch (target.kind) {
    case 'builtin':
      return target.resolved.type.kind === 'primitive' && target.resolved.type.primitive === 'any'
        ? STRING
        : target.resolved;
    case 'simple':
      return simpleType(set, target.key, target.component, target.hint);
    case 'complex': {
      const found = content(set, target.component);
      return found.text ? textType(set, found.text, target.key, target.hint.base) : STRING;
    }
    case 'missing':
      warn(set, schema.source, 'type reference', `type ${reference} of ${where} not found; typed as text`, node);
      return STRING;
  }
}

/** Whether an XSD pattern means the same thing as a JavaScript Unicode regular expression we can build. */
export function jsPatternOk(pattern: string): boolean {
  // XSD-only syntax: \i \c \I \C name classes, \p{Is...} blocks, [a-z-[aeiou]] class subtraction.
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') {
      if (/[icIC]/.test(pattern[i + 1] ?? '') || pattern.startsWith('p{Is', i + 1) || pattern.startsWith('P{Is', i + 1))
        return false;
      i++;
    } else if (c === '[' && !inClass) inClass = true;
    else if (c === ']' && inClass) inClass = false;
    else if (inClass && c === '-' && pattern[i + 1] === '[') return false;
  }
  try {
    new RegExp(`^(?:${pattern})$`, 'u');
    return true;
  } catch {
    return false;
  }
}
