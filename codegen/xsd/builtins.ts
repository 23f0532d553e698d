// The fixed vocabulary of XML Schema: its namespaces (old ones included), the built-in types and the
// primitive each one maps to. Knows nothing of WSDL.
import type { Primitive } from '../ir';
import type { QName, XmlElement } from '../parse';

export const XS = 'http://www.w3.org/2001/XMLSchema';
/** Pre-2001 schema namespaces old RPC services still declare for the built-in types. */
export const XS_LEGACY = new Set([XS, 'http://www.w3.org/1999/XMLSchema', 'http://www.w3.org/2000/10/XMLSchema']);
/** SOAP 1.1 and 1.2 encoding namespaces (soapenc:Array, soapenc:string, ...). */
export const SOAP_ENC = new Set([
  'http://schemas.xmlsoap.org/soap/encoding/',
  'http://www.w3.org/2003/05/soap-encoding',
]);
export const XML_NS = 'http://www.w3.org/XML/1998/namespace';
/** Where wsdl:arrayType is declared: an attribute of SOAP encoding (an array's item type), not data. */
export const ENCODING_ATTRIBUTES_NS = 'http://schemas.xmlsoap.org/wsdl/';

const PRIMITIVES: Record<string, Primitive> = {
  int: 'integer',
  integer: 'integer',
  long: 'integer',
  short: 'integer',
  byte: 'integer',
  unsignedInt: 'integer',
  unsignedLong: 'integer',
  unsignedShort: 'integer',
  unsignedByte: 'integer',
  positiveInteger: 'integer',
  nonNegativeInteger: 'integer',
  negativeInteger: 'integer',
  nonPositiveInteger: 'integer',
  decimal: 'decimal',
  float: 'number',
  double: 'number',
  boolean: 'boolean',
  base64Binary: 'base64',
  anyType: 'any',
};

/** Every XSD built-in type name: an unresolvable prefix in front of one of these still means the built-in. */
export const XS_BUILTINS = new Set([
  ...Object.keys(PRIMITIVES),
  'string',
  'normalizedString',
  'token',
  'language',
  'Name',
  'NCName',
  'NMTOKEN',
  'NMTOKENS',
  'ID',
  'IDREF',
  'IDREFS',
  'ENTITY',
  'ENTITIES',
  'QName',
  'NOTATION',
  'anyURI',
  'hexBinary',
  'anySimpleType',
  'duration',
  'dateTime',
  'time',
  'date',
  'gYearMonth',
  'gYear',
  'gMonthDay',
  'gDay',
  'gMonth',
]);

/** The primitive a built-in type travels as; every other built-in is text. */
export function primitiveOf(local: string): Primitive {
  return PRIMITIVES[local] ?? 'string';
}

/** Whether a QName names a built-in: any name in an XML Schema namespace, a built-in name in a SOAP encoding one. */
export function isBuiltinName(qname: QName): boolean {
  return (
    qname.namespace !== undefined &&
    (XS_LEGACY.has(qname.namespace) || (SOAP_ENC.has(qname.namespace) && XS_BUILTINS.has(qname.local)))
  );
}

/** Schemas written in the pre-2001 XML Schema namespaces read as XML Schema (their vocabulary is the same). */
export function legacySchemaAsXs(node: XmlElement): XmlElement {
  const legacy = node.namespace !== XS && XS_LEGACY.has(node.namespace);
  const children = node.children.map(legacySchemaAsXs);
  const changed = legacy || children.some((child, i) => child !== node.children[i]);
  return changed ? { ...node, namespace: legacy ? XS : node.namespace, children } : node;
}
