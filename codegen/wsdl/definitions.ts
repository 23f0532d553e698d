// WSDL 1.1 documents: wsdl:definitions and what they import, their messages, portTypes and bindings by
// QName, over the XSD schema set of their wsdl:types (see ../xsd/).
import type { XmlElement } from '../parse';
import { childrenOf } from '../parse';
import { UnsupportedConstructError } from '../unsupported-construct-error';
import { XS } from '../xsd/builtins';
import { Registry } from '../xsd/registry';
import {
  createSchemaSet,
  documentOf,
  loadDocumentSchemas,
  loadSchema,
  locationPath,
  moduleFor,
  referenced,
  type SchemaSet,
} from '../xsd/schema-set';

export const WSDL = 'http://schemas.xmlsoap.org/wsdl/';
export const SOAP11 = 'http://schemas.xmlsoap.org/wsdl/soap/';
export const SOAP12 = 'http://schemas.xmlsoap.org/wsdl/soap12/';

/** Whether an extension element belongs to the SOAP 1.1 or 1.2 binding. */
export const isSoapBinding = (node: XmlElement): boolean => node.namespace === SOAP11 || node.namespace === SOAP12;

/** A WSDL declaration and the document it sits in. */
export interface WsdlComponent {
  readonly node: XmlElement;
  readonly source: string;
  readonly targetNamespace: string;
}

/** The schema set plus what the WSDL documents declare. */
export interface WsdlSet extends SchemaSet {
  readonly messages: Registry<WsdlComponent>;
  readonly portTypes: Registry<WsdlComponent>;
  readonly bindings: Registry<WsdlComponent>;
  readonly loadedDefinitions: Map<string, WsdlComponent>;
}

/** An empty WSDL set over loaded documents; a schema that references a WSDL reads its definitions. */
export function createWsdlSet(documents: ReadonlyMap<string, XmlElement>): WsdlSet {
  const set: WsdlSet = {
    ...createSchemaSet(documents, (root, source) => loadWsdlDocument(set, root, source)),
    messages: new Registry(),
    portTypes: new Registry(),
    bindings: new Registry(),
    loadedDefinitions: new Map(),
  };
  return set;
}

function loadWsdlDocument(set: WsdlSet, root: XmlElement, source: string): void {
  if (root.namespace === WSDL && root.local === 'definitions') loadDefinitions(set, source, moduleFor(set, source));
  else
    throw new UnsupportedConstructError(
      source,
      'document',
      `root <${root.name}> is neither xs:schema nor wsdl:definitions`,
    );
}

/**
 * Registers a WSDL document's declarations and reads what it imports.
 *   <wsdl:definitions name? targetNamespace?>
 *     <wsdl:import namespace location/>*  <wsdl:types> <xs:schema .../>* </wsdl:types>?
 *     <wsdl:message name/>*  <wsdl:portType name/>*  <wsdl:binding name type/>*  <wsdl:service name/>*
 */
export function loadDefinitions(set: WsdlSet, source: string, module: string): void {
  if (set.loadedDefinitions.has(source)) return;
  const root = documentOf(set, source);
  const targetNamespace = root.attributes.targetNamespace ?? '';
  set.loadedDefinitions.set(source, { node: root, source, targetNamespace });
  for (const child of root.children) {
    if (child.namespace !== WSDL) continue;
    const component = { node: child, source, targetNamespace };
    const name = child.attributes.name;
    if (child.local === 'import' && child.attributes.location) {
      const target = locationPath(source, child.attributes.location);
      loadDocumentSchemas(set, referenced(set, source, 'wsdl:import', child.attributes.location), target);
    } else if (child.local === 'types') {
      for (const schema of childrenOf(child, XS, 'schema')) loadSchema(set, schema, source, module);
    } else if (child.local === 'message' && name) set.messages.add(targetNamespace, name, component);
    else if (child.local === 'portType' && name) set.portTypes.add(targetNamespace, name, component);
    else if (child.local === 'binding' && name) set.bindings.add(targetNamespace, name, component);
  }
}

/** Documents a document references, itself included (wsdl:import, xs:import/include/redefine with a location). */
export function reachable(set: SchemaSet, source: string): Set<string> {
  const out = new Set<string>();
  const stack = [source];
  while (stack.length > 0) {
    const current = stack.pop()!;
    const root = set.documents.get(current);
    if (out.has(current) || !root) continue;
    out.add(current);
    const visit = (node: XmlElement): void => {
      const location = node.attributes.schemaLocation ?? node.attributes.location;
      const isReference =
        (node.namespace === XS || node.namespace === WSDL) && ['import', 'include', 'redefine'].includes(node.local);
      if (isReference && location && !/^[a-z][a-z0-9+.-]*:/i.test(location))
        stack.push(locationPath(current, location));
      node.children.forEach(visit);
    };
    visit(root);
  }
  return out;
}

/** The soap:address location of a document's first port. */
export function firstAddress(root: XmlElement): string | undefined {
  for (const service of childrenOf(root, WSDL, 'service')) {
    for (const port of childrenOf(service, WSDL, 'port')) {
      const address = port.children.find((c) => c.local === 'address' && isSoapBinding(c));
      if (address?.attributes.location) return address.attributes.location;
    }
  }
  return undefined;
}
