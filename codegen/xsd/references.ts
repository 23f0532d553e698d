// What a type=, base= or element reference names: a built-in, a simple or complex type declaration, the
// type of a global element, or nothing (a broken reference the caller warns about).
import type { QName, XmlElement } from '../parse';
import { firstChild } from '../parse';
import { pascalCase, type NameHint } from '../names';
import { isBuiltinName, primitiveOf, SOAP_ENC, XS, XS_BUILTINS } from './builtins';
import { ANY, type Resolved } from './drafts';
import { key } from './registry';
import { schemaQName, typeKey, type Component, type SchemaContext, type SchemaSet } from './schema-set';

/** What a type= or base= reference names. */
export type TypeTarget =
  | { readonly kind: 'builtin'; readonly resolved: Resolved }
  | {
      readonly kind: 'simple' | 'complex';
      readonly key: string;
      readonly component: Component;
      readonly hint: NameHint;
    }
  | { readonly kind: 'missing' };

/** XSD (and SOAP-encoding) built-in types; an undeclared prefix on a built-in name when no such type is declared. */
export function builtin(set: SchemaSet, qname: QName): Resolved | undefined {
  // A schema written in the XML Schema namespace itself declares its own types there (ArrayOfInt, ...):
  // a name that is not a built-in is one of them.
  if (qname.namespace === XS && !XS_BUILTINS.has(qname.local) && set.types.find(qname)?.namespace === XS)
    return undefined;
  if (
    isBuiltinName(qname) ||
    (qname.namespace === undefined && XS_BUILTINS.has(qname.local) && !set.types.find(qname))
  ) {
    return { type: { kind: 'primitive', primitive: primitiveOf(qname.local) } };
  }
  if (qname.namespace !== undefined && SOAP_ENC.has(qname.namespace))
    return { type: { kind: 'primitive', primitive: 'any' } };
  return undefined;
}

/**
 * What a type= (or base=) reference names. A reference to a global element where a type belongs means
 * that element's type: an invalid but common slip node-soap accepts.
 */
export function typeTarget(
  set: SchemaSet,
  node: XmlElement,
  reference: string,
  schema: SchemaContext | undefined,
  depth = 0,
): TypeTarget {
  const qname = schemaQName(node, reference, schema);
  const resolved = builtin(set, qname);
  if (resolved) return { kind: 'builtin', resolved };
  const found = set.types.find(qname, schema?.targetNamespace);
  if (found) {
    const kind = found.value.node.local === 'simpleType' ? 'simple' : 'complex';
    return {
      kind,
      key: typeKey(found.namespace, qname.local, found.value),
      component: found.value,
      hint: { priority: 1, base: pascalCase(qname.local) },
    };
  }
  const element = depth < 8 ? set.elements.find(qname, schema?.targetNamespace) : undefined;
  return element ? globalElementType(set, element.value, element.namespace, depth + 1) : { kind: 'missing' };
}

/**
 * The type of a global element: named, or inline and keyed by the element (so recursion through ref= ends).
 *   <element name type?> Content: (annotation?, (simpleType | complexType)?, ...)
 */
export function globalElementType(set: SchemaSet, element: Component, namespace: string, depth = 0): TypeTarget {
  const name = element.node.attributes.name ?? '';
  if (element.node.attributes.type)
    return typeTarget(set, element.node, element.node.attributes.type, element.schema, depth);
  const elementKey = `${key(namespace, name)}#element`;
  const hint: NameHint = { priority: 2, base: pascalCase(name) };
  const complex = firstChild(element.node, XS, 'complexType');
  if (complex) return { kind: 'complex', key: elementKey, component: { node: complex, schema: element.schema }, hint };
  const simple = firstChild(element.node, XS, 'simpleType');
  if (simple) return { kind: 'simple', key: elementKey, component: { node: simple, schema: element.schema }, hint };
  return { kind: 'builtin', resolved: ANY };
}
