// The schema set: every xs:schema read (through xs:import, xs:include, xs:redefine), its global
// declarations by QName, and the mutable state the xsd/ functions share. Knows nothing of WSDL.
import * as path from 'node:path';
import type { ContractWarning } from '../ir';
import type { QName, XmlElement } from '../parse';
import { resolveQName } from '../parse';
import { safeIdentifier, uniqueName } from '../names';
import { UnsupportedConstructError } from '../unsupported-construct-error';
import { legacySchemaAsXs, XS } from './builtins';
import type { Content } from './content';
import { createDrafts, type Drafts } from './drafts';
import { key, Registry } from './registry';

/** The settings of the schema document a declaration sits in. */
export interface SchemaContext {
  readonly source: string;
  readonly module: string;
  readonly targetNamespace: string;
  readonly elementQualified: boolean;
  readonly attributeQualified: boolean;
  /** Included without a targetNamespace: its references to no namespace mean the includer's namespace. */
  readonly chameleon: boolean;
}

/** A declaration and the schema document it sits in. */
export interface Component {
  readonly node: XmlElement;
  readonly schema: SchemaContext;
}

/** Everything the XSD functions read and build, passed to each of them. */
export interface SchemaSet {
  /** Every loaded document by path (legacy schema namespaces read as XML Schema). */
  readonly documents: ReadonlyMap<string, XmlElement>;
  readonly types: Registry<Component>;
  readonly elements: Registry<Component>;
  readonly attributes: Registry<Component>;
  readonly groups: Registry<Component>;
  readonly attributeGroups: Registry<Component>;
  /**
   * Schemas already read, with each target namespace they were read in (a chameleon is read once per includer
   * namespace).
   */
  readonly loadedSchemas: Map<XmlElement, Set<string>>;
  /** Content models already computed, by complexType node. */
  readonly contents: Map<XmlElement, Content>;
  /** Output folder per document, and the names taken. */
  readonly modules: { readonly names: Map<string, string>; readonly used: Set<string> };
  readonly drafts: Drafts;
  /** Broken references typed as unknown (or skipped), and constructs read but not represented. */
  readonly warnings: ContractWarning[];
  /** Reads a referenced document whose root is not xs:schema (the WSDL layer reads wsdl:definitions here). */
  readonly loadOtherDocument: (root: XmlElement, source: string) => void;
}

/** An empty schema set over loaded documents; without a WSDL layer, a referenced non-schema document is refused. */
export function createSchemaSet(
  documents: ReadonlyMap<string, XmlElement>,
  loadOtherDocument?: (root: XmlElement, source: string) => void,
): SchemaSet {
  const asXs = new Map<string, XmlElement>();
  for (const [source, root] of documents) asXs.set(source, legacySchemaAsXs(root));
  return {
    documents: asXs,
    types: new Registry(),
    elements: new Registry(),
    attributes: new Registry(),
    groups: new Registry(),
    attributeGroups: new Registry(),
    loadedSchemas: new Map(),
    contents: new Map(),
    modules: { names: new Map(), used: new Set(['index']) },
    drafts: createDrafts(),
    warnings: [],
    loadOtherDocument:
      loadOtherDocument ??
      ((root, source) => {
        throw new UnsupportedConstructError(source, 'document', `root <${root.name}> is not xs:schema`);
      }),
  };
}

/**
 * Records a broken reference at `node` (its line is named); the caller degrades to unknown (or skips) so the
 * rest still generates.
 */
export function warn(
  set: SchemaSet,
  source: string,
  construct: string,
  detail: string,
  node?: XmlElement,
  kind: ContractWarning['kind'] = 'broken-reference',
): void {
  const line = node?.line;
  if (
    set.warnings.some((w) => w.file === source && w.line === line && w.construct === construct && w.detail === detail)
  )
    return;
  set.warnings.push({ kind, file: source, ...(line !== undefined ? { line } : {}), construct, detail });
}

/** Records a construct read but not (fully) represented in the generated code: never a silent loss. */
export function lost(set: SchemaSet, source: string, node: XmlElement, construct: string, detail: string): void {
  warn(set, source, construct, detail, node, 'not-represented');
}

/** A loaded document by path. */
export function documentOf(set: SchemaSet, source: string): XmlElement {
  const root = set.documents.get(source);
  if (!root) throw new UnsupportedConstructError(source, 'document', 'file not loaded');
  return root;
}

/** The module (output folder) of a document: its service name, or its file name made an identifier. */
export function moduleFor(set: SchemaSet, source: string, preferred?: string): string {
  const existing = set.modules.names.get(source);
  if (existing) return existing;
  const base = preferred ?? safeIdentifier(path.posix.basename(source).replace(/\.(xsd|wsdl|xml)$/i, ''));
  const name = uniqueName(base, set.modules.used);
  set.modules.names.set(source, name);
  return name;
}

/** The path a relative location names, from the document that holds it. */
export function locationPath(source: string, location: string): string {
  return path.posix.normalize(path.posix.join(path.posix.dirname(source), location));
}

/** Resolves a relative schemaLocation/location; remote and missing targets are errors naming the construct. */
export function referenced(set: SchemaSet, source: string, construct: string, location: string): XmlElement {
  if (/^[a-z][a-z0-9+.-]*:/i.test(location)) {
    throw new UnsupportedConstructError(
      source,
      construct,
      `location "${location}` +
        `" is remote: remote documents are not fetched; save it beside the WSDL and point the location at the ` +
        `copy`,
    );
  }
  const target = locationPath(source, location);
  const root = set.documents.get(target);
  if (!root) throw new UnsupportedConstructError(source, construct, `location "${location}" (${target}) was not found`);
  return root;
}

/**
 * Registers a schema's global declarations and reads the documents it references.
 *   <schema targetNamespace? elementFormDefault? attributeFormDefault?>
 *     Content: ((include | import | redefine | annotation)*, ((simpleType | complexType | group |
 *               attributeGroup | element | attribute | notation), annotation*)*)
 * An xs:include or xs:redefine of a schema without a targetNamespace adopts the includer's (chameleon).
 */
export function loadSchema(
  set: SchemaSet,
  schema: XmlElement,
  source: string,
  module: string,
  includerNamespace?: string,
): void {
  const own = schema.attributes.targetNamespace;
  const targetNamespace = own ?? includerNamespace ?? '';
  const seen = set.loadedSchemas.get(schema) ?? new Set<string>();
  if (seen.has(targetNamespace)) return;
  seen.add(targetNamespace);
  set.loadedSchemas.set(schema, seen);
  const context: SchemaContext = {
    source,
    module,
    targetNamespace,
    elementQualified: schema.attributes.elementFormDefault === 'qualified',
    attributeQualified: schema.attributes.attributeFormDefault === 'qualified',
    chameleon: own === undefined && includerNamespace !== undefined && includerNamespace !== '',
  };
  for (const child of schema.children) {
    if (child.namespace !== XS) continue;
    const name = child.attributes.name;
    const component = { node: child, schema: context };
    if ((child.local === 'complexType' || child.local === 'simpleType') && name)
      set.types.add(targetNamespace, name, component);
    else if (child.local === 'element' && name) set.elements.add(targetNamespace, name, component);
    else if (child.local === 'attribute' && name) set.attributes.add(targetNamespace, name, component);
    else if (child.local === 'group' && name) set.groups.add(targetNamespace, name, component);
    else if (child.local === 'attributeGroup' && name) set.attributeGroups.add(targetNamespace, name, component);
    else if (child.local === 'import' || child.local === 'include' || child.local === 'redefine')
      schemaReference(set, child, context);
  }
}

/**
 * <import namespace? schemaLocation?/>, <include schemaLocation/>, <redefine schemaLocation>: reads the
 * document located (a namespace-only import's declarations come from another loaded schema).
 */
function schemaReference(set: SchemaSet, reference: XmlElement, includer: SchemaContext): void {
  // location= on xs:include is a common slip (it is the wsdl:import attribute); read it too.
  const location = reference.attributes.schemaLocation ?? reference.attributes.location;
  if (!location) return;
  const root = referenced(set, includer.source, `xs:${reference.local}`, location);
  loadDocumentSchemas(
    set,
    root,
    locationPath(includer.source, location),
    reference.local === 'import' ? undefined : includer.targetNamespace,
  );
}

/** Loads the schemas of a referenced document: an XSD here, anything else through `loadOtherDocument`. */
export function loadDocumentSchemas(
  set: SchemaSet,
  root: XmlElement,
  source: string,
  includerNamespace?: string,
): void {
  if (root.namespace === XS && root.local === 'schema')
    loadSchema(set, root, source, moduleFor(set, source), includerNamespace);
  else set.loadOtherDocument(root, source);
}

/** QName of a reference inside a schema: a chameleon schema's unqualified references mean its adopted namespace. */
export function schemaQName(node: XmlElement, value: string, schema?: SchemaContext): QName {
  const qname = resolveQName(node, value);
  if (schema?.chameleon && qname.namespace === '') return { namespace: schema.targetNamespace, local: qname.local };
  return qname;
}

/** Identity of a named type: by QName, except a chameleon schema's, shared by every includer. */
export function typeKey(namespace: string, local: string, component: Component): string {
  return component.schema.chameleon ? `chameleon:${component.schema.source}#${local}` : key(namespace, local);
}
