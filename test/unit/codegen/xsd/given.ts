// Given-side helper of the xsd/ tests: a schema set over in-memory XSD documents, read without any WSDL layer.
import { parseXmlDocument } from '../../../../codegen/parse';
import {
  createSchemaSet,
  loadDocumentSchemas,
  type Component,
  type SchemaSet,
} from '../../../../codegen/xsd/schema-set';

export const XS_NS = 'xmlns:xs="http://www.w3.org/2001/XMLSchema"';

/** The schema set of `main.xsd` (and whatever it references among `files`). */
export function schemaSetOf(files: Record<string, string>): SchemaSet {
  const set = createSchemaSet(
    new Map(Object.entries(files).map(([name, text]) => [name, parseXmlDocument(text, name)])),
  );
  loadDocumentSchemas(set, set.documents.get('main.xsd')!, 'main.xsd');
  return set;
}

/** A named type of `main.xsd` (declared in urn:t unless `namespace` says otherwise). */
export function typeOf(set: SchemaSet, name: string, namespace = 'urn:t'): Component {
  const found = set.types.find({ namespace, local: name });
  if (!found) throw new Error(`no type ${name}`);
  return found.value;
}

/** One schema in urn:t around `body`. */
export const schema = (body: string, attrs = ''): string =>
  `<xs:schema ${XS_NS} xmlns:t="urn:t" xmlns:soapenc="http://schemas.xmlsoap.org/soap/encoding/" ` +
  `xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/" targetNamespace="urn:t" ${attrs}>${body}</xs:schema>`;
