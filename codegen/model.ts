// Model stage: WSDL/XSD element trees to the structural IR (see ir.ts); dictionary.ts overlays the platform's meanings.
// Every wire name and namespace is computed from the schema here; all naming decisions happen here
// (see names.ts); nothing here touches the disk.
import * as path from 'node:path';
import { CONTEXT_NAMESPACE } from '../src/descriptor';
import type { QName, XmlElement } from './parse';
import { resolveQName } from './parse';
import type {
  ContractModel,
  EnumModel,
  Facets,
  FieldModel,
  OperationModel,
  Primitive,
  ServiceModel,
  StructModel,
} from './ir';
import { conventionalCategory } from './dictionary';
import { assignNames, pascalCase, RUNTIME_NAMES, safeIdentifier, uniqueName, type NameHint } from './names';

export const XS = 'http://www.w3.org/2001/XMLSchema';
/** Pre-2001 schema namespaces old RPC services still declare for the built-in types. */
const XS_LEGACY = new Set([XS, 'http://www.w3.org/1999/XMLSchema', 'http://www.w3.org/2000/10/XMLSchema']);
const WSDL = 'http://schemas.xmlsoap.org/wsdl/';
const SOAP11 = 'http://schemas.xmlsoap.org/wsdl/soap/';
const SOAP12 = 'http://schemas.xmlsoap.org/wsdl/soap12/';
/** SOAP 1.1 and 1.2 encoding namespaces (soapenc:Array, soapenc:string, ...). */
const SOAP_ENC = new Set(['http://schemas.xmlsoap.org/soap/encoding/', 'http://www.w3.org/2003/05/soap-encoding']);
const XML_NS = 'http://www.w3.org/XML/1998/namespace';

export interface ContractInput {
  /** Every loaded document by its path (WSDLs and the XSDs they import), '/'-separated. */
  readonly documents: ReadonlyMap<string, XmlElement>;
  /** Paths of the WSDL documents to turn into services, in a stable order. */
  readonly wsdls: readonly string[];
}

export class UnsupportedConstructError extends Error {
  override readonly name = 'UnsupportedConstructError';
  constructor(
    readonly source: string,
    readonly construct: string,
    detail: string,
  ) {
    super(`${source}: unsupported ${construct}: ${detail}`);
  }
}

interface SchemaContext {
  readonly source: string;
  readonly module: string;
  readonly targetNamespace: string;
  readonly elementQualified: boolean;
  readonly attributeQualified: boolean;
  /** Included without a targetNamespace: its references to no namespace mean the includer's namespace. */
  readonly chameleon: boolean;
}

interface Component {
  readonly node: XmlElement;
  readonly schema: SchemaContext;
}

interface WsdlComponent {
  readonly node: XmlElement;
  readonly source: string;
  readonly targetNamespace: string;
}

/** An element or attribute declaration reached through a content model, with its effective occurrence. */
interface Particle {
  readonly node: XmlElement;
  /** The schema document the declaration sits in: it decides the qualification of a local declaration. */
  readonly schema: SchemaContext;
  readonly optional: boolean;
  readonly repeated: boolean;
  /** The type that declares it when inherited from a base: anonymous types inside are named and keyed after it. */
  readonly owner?: Owner;
}

interface Owner {
  readonly key: string;
  readonly base: string;
}

interface Content {
  readonly elements: Particle[];
  readonly attributes: Particle[];
  /** xs:simpleContent: where the text's type comes from. */
  text?: { readonly node: XmlElement; readonly schema: SchemaContext; readonly restriction: boolean; readonly owner?: Owner };
  /** xs:any present. */
  open: boolean;
  /** SOAP-encoded array (restriction of soapenc:Array): item type from wsdl:arrayType. */
  soapArray?: { readonly node: XmlElement; readonly value: string; readonly schema: SchemaContext };
}

type DraftType =
  | { readonly kind: 'primitive'; readonly primitive: Primitive }
  | { readonly kind: 'enum' | 'struct'; readonly key: string };

interface Resolved {
  readonly type: DraftType;
  readonly facets?: Facets;
  /** The type is a list wrapper (one repeated child, nothing else): the field becomes a list of the item. */
  readonly listItem?: { readonly element: string; readonly namespace: string; readonly type: DraftType; readonly facets?: Facets };
}

/** What a type= or base= reference names. */
type TypeTarget =
  | { readonly kind: 'builtin'; readonly resolved: Resolved }
  | { readonly kind: 'simple' | 'complex'; readonly key: string; readonly component: Component; readonly hint: NameHint }
  | { readonly kind: 'missing' };

const ANY: Resolved = { type: { kind: 'primitive', primitive: 'any' } };
const STRING: Resolved = { type: { kind: 'primitive', primitive: 'string' } };

type DraftField = Omit<FieldModel, 'type'> & { readonly type: DraftType };
interface DraftStruct {
  readonly key: string;
  readonly module: string;
  readonly xsdName: string;
  readonly description?: string;
  fields: DraftField[];
  open?: boolean;
}
interface DraftEnum extends Omit<EnumModel, 'name'> {
  readonly key: string;
}
type DraftOperation = Omit<OperationModel, 'request' | 'response'> & { readonly requestKey: string; readonly responseKey?: string };

const key = (namespace: string, local: string): string => `{${namespace}}${local}`;
const childrenOf = (node: XmlElement, ns: string, local: string): XmlElement[] =>
  node.children.filter((child) => child.namespace === ns && child.local === local);
const firstChild = (node: XmlElement, ns: string, local: string): XmlElement | undefined =>
  node.children.find((child) => child.namespace === ns && child.local === local);
const isSoapBinding = (node: XmlElement): boolean => node.namespace === SOAP11 || node.namespace === SOAP12;
const minZero = (node: XmlElement): boolean => node.attributes.minOccurs !== undefined && Number(node.attributes.minOccurs) === 0;
const many = (node: XmlElement): boolean => {
  const max = node.attributes.maxOccurs;
  return max !== undefined && (max === 'unbounded' || Number(max) > 1);
};
const prohibited = (node: XmlElement): boolean => node.attributes.maxOccurs !== undefined && node.attributes.maxOccurs !== 'unbounded' && Number(node.attributes.maxOccurs) === 0;

const PRIMITIVES: Record<string, Primitive> = {
  int: 'integer', integer: 'integer', long: 'integer', short: 'integer', byte: 'integer',
  unsignedInt: 'integer', unsignedLong: 'integer', unsignedShort: 'integer', unsignedByte: 'integer',
  positiveInteger: 'integer', nonNegativeInteger: 'integer', negativeInteger: 'integer', nonPositiveInteger: 'integer',
  decimal: 'decimal', float: 'number', double: 'number',
  boolean: 'boolean', base64Binary: 'base64', anyType: 'any',
};

/** Every XSD built-in type name: an unresolvable prefix in front of one of these still means the built-in. */
const XS_BUILTINS = new Set([
  ...Object.keys(PRIMITIVES),
  'string', 'normalizedString', 'token', 'language', 'Name', 'NCName', 'NMTOKEN', 'NMTOKENS', 'ID', 'IDREF', 'IDREFS',
  'ENTITY', 'ENTITIES', 'QName', 'NOTATION', 'anyURI', 'hexBinary', 'anySimpleType', 'duration', 'dateTime', 'time',
  'date', 'gYearMonth', 'gYear', 'gMonthDay', 'gDay', 'gMonth',
]);

function primitiveOf(local: string): Primitive {
  return PRIMITIVES[local] ?? 'string';
}

/** A declaration registry by {namespace}local, with the lenient lookup real WSDLs need. */
class Registry<T> {
  private readonly exact = new Map<string, T>();
  private readonly byLocal = new Map<string, { namespace: string; value: T }[]>();

  add(namespace: string, local: string, value: T): void {
    const k = key(namespace, local);
    if (this.exact.has(k)) return; // the first declaration wins, as in every schema processor we know
    this.exact.set(k, value);
    const list = this.byLocal.get(local) ?? [];
    list.push({ namespace, value });
    this.byLocal.set(local, list);
  }

  /**
   * The declaration a QName names. When the exact {namespace}local is missing (an undeclared prefix, an
   * import declared under the wrong namespace), the one declaration with that local name, preferring
   * the `near` namespace: node-soap matches by local name alone, so such WSDLs exist and work.
   */
  find(qname: QName, near?: string): { namespace: string; value: T } | undefined {
    if (qname.namespace !== undefined) {
      const value = this.exact.get(key(qname.namespace, qname.local));
      if (value !== undefined) return { namespace: qname.namespace, value };
    }
    const candidates = this.byLocal.get(qname.local) ?? [];
    if (candidates.length === 1) return candidates[0];
    const near1 = candidates.filter((c) => c.namespace === near);
    return near1.length === 1 ? near1[0] : undefined;
  }

  values(): T[] {
    return [...this.exact.values()];
  }
}

/** Service name from the endpoint path /services/v2/<name>, else the WSDL file name. */
export function serviceNameOf(source: string, location: string | undefined): string {
  const match = location ? /\/services\/v2\/([A-Za-z][A-Za-z0-9]*)\/?$/.exec(location) : null;
  if (match) return match[1]!;
  return moduleNameOf(source);
}

/** File name without extension, camel-cased into an identifier. */
function moduleNameOf(source: string): string {
  const base = path.posix
    .basename(source)
    .replace(/\.(wsdl|xml)$/i, '')
    .replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ?? '').toUpperCase());
  return safeIdentifier(base.charAt(0).toLowerCase() + base.slice(1));
}

export function buildModel(input: ContractInput): ContractModel {
  return new ModelBuilder(input).build();
}

class ModelBuilder {
  private readonly types = new Registry<Component>();
  private readonly elements = new Registry<Component>();
  private readonly attributes = new Registry<Component>();
  private readonly groups = new Registry<Component>();
  private readonly attributeGroups = new Registry<Component>();
  private readonly messages = new Registry<WsdlComponent>();
  private readonly portTypes = new Registry<WsdlComponent>();
  private readonly bindings = new Registry<WsdlComponent>();
  private readonly loadedSchemas = new Map<XmlElement, Set<string>>();
  private readonly loadedDefinitions = new Map<string, WsdlComponent>();
  private readonly moduleNames = new Map<string, string>();
  private readonly usedModules = new Set<string>(['index']);
  private readonly contents = new Map<XmlElement, Content>();
  private readonly structs = new Map<string, DraftStruct>();
  private readonly enums = new Map<string, DraftEnum>();
  private readonly hints = new Map<string, NameHint[]>();
  /** Hints of types that only name the anonymous types inside them (a base type, a collapsed list wrapper). */
  private readonly ownerHints = new Map<string, NameHint[]>();
  private readonly documents = new Map<string, XmlElement>();
  /** Broken references that were typed as unknown (or skipped) instead of failing the whole contract. */
  private readonly warnings: string[] = [];

  constructor(private readonly input: ContractInput) {
    for (const [source, root] of input.documents) this.documents.set(source, legacySchemaAsXs(root));
  }

  build(): ContractModel {
    // Service names first: they name the modules of their inline schemas and win over XSD file names.
    for (const source of this.input.wsdls) this.moduleFor(source, serviceNameOf(source, this.firstAddress(this.document(source))));
    const drafts: { source: string; operations: DraftOperation[]; service: Omit<ServiceModel, 'operations'> }[] = [];
    for (const source of this.input.wsdls) {
      const service = this.service(source);
      if (service) drafts.push({ source, ...service });
    }
    const names = assignNames(this.hints, [...RUNTIME_NAMES, ...drafts.map((d) => `${pascalCase(d.service.name)}Client`)], this.ownerHints);
    const nameOf = (k: string): string => names.get(k)!;
    const finalType = (type: DraftType): FieldModel['type'] => (type.kind === 'primitive' ? type : { kind: type.kind, name: nameOf(type.key) });
    const services: ServiceModel[] = drafts.map(({ service, operations }) => ({
      ...service,
      operations: operations.map(({ requestKey, responseKey, ...op }) => ({
        ...op,
        request: nameOf(requestKey),
        ...(responseKey !== undefined ? { response: nameOf(responseKey) } : {}),
      })),
    }));
    const structs: StructModel[] = [...this.structs.values()].map((s) => ({
      kind: 'struct',
      name: nameOf(s.key),
      module: s.module,
      xsdName: s.xsdName,
      ...(s.description ? { description: s.description } : {}),
      fields: s.fields.map((f) => ({ ...f, type: finalType(f.type) })),
      ...(s.open ? { open: true } : {}),
    }));
    const enums: EnumModel[] = [...this.enums.values()].map(({ key: k, ...e }) => ({ ...e, name: nameOf(k) }));
    const byName = (a: { name: string }, b: { name: string }) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
    return {
      kind: 'contract',
      services: services.sort(byName),
      structs: structs.sort(byName),
      enums: enums.sort(byName),
      ...(this.warnings.length > 0 ? { warnings: this.warnings } : {}),
    };
  }

  /** Records a broken reference; the caller degrades to unknown (or skips) so the rest still generates. */
  private warn(source: string, construct: string, detail: string): void {
    const text = `${source}: ${construct}: ${detail}`;
    if (!this.warnings.includes(text)) this.warnings.push(text);
  }

  // ---------------------------------------------------------------- loading

  private document(source: string): XmlElement {
    const root = this.documents.get(source);
    if (!root) throw new UnsupportedConstructError(source, 'document', 'file not loaded');
    return root;
  }

  /** The module (output folder) of a document: its service name, or its file name made an identifier. */
  private moduleFor(source: string, preferred?: string): string {
    const existing = this.moduleNames.get(source);
    if (existing) return existing;
    const base = preferred ?? safeIdentifier(path.posix.basename(source).replace(/\.(xsd|wsdl|xml)$/i, ''));
    const name = uniqueName(base, this.usedModules);
    this.moduleNames.set(source, name);
    return name;
  }

  private firstAddress(root: XmlElement): string | undefined {
    for (const service of childrenOf(root, WSDL, 'service')) {
      for (const port of childrenOf(service, WSDL, 'port')) {
        const address = port.children.find((c) => c.local === 'address' && isSoapBinding(c));
        if (address?.attributes.location) return address.attributes.location;
      }
    }
    return undefined;
  }

  /** Resolves a relative schemaLocation/location; remote and missing targets are errors naming the construct. */
  private referenced(source: string, construct: string, location: string): XmlElement {
    if (/^[a-z][a-z0-9+.-]*:/i.test(location)) {
      throw new UnsupportedConstructError(source, construct, `location "${location}" is remote: remote documents are not fetched; save it beside the WSDL and point the location at the copy`);
    }
    const target = path.posix.normalize(path.posix.join(path.posix.dirname(source), location));
    const root = this.documents.get(target);
    if (!root) throw new UnsupportedConstructError(source, construct, `location "${location}" (${target}) was not found`);
    return root;
  }

  private loadSchema(schema: XmlElement, source: string, module: string, includerNamespace?: string): void {
    const own = schema.attributes.targetNamespace;
    const targetNamespace = own ?? includerNamespace ?? '';
    const seen = this.loadedSchemas.get(schema) ?? new Set<string>();
    if (seen.has(targetNamespace)) return;
    seen.add(targetNamespace);
    this.loadedSchemas.set(schema, seen);
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
      if ((child.local === 'complexType' || child.local === 'simpleType') && name) this.types.add(targetNamespace, name, component);
      else if (child.local === 'element' && name) this.elements.add(targetNamespace, name, component);
      else if (child.local === 'attribute' && name) this.attributes.add(targetNamespace, name, component);
      else if (child.local === 'group' && name) this.groups.add(targetNamespace, name, component);
      else if (child.local === 'attributeGroup' && name) this.attributeGroups.add(targetNamespace, name, component);
      else if (child.local === 'import' || child.local === 'include' || child.local === 'redefine') {
        // location= on xs:include is a common slip (it is the wsdl:import attribute); read it too.
        const location = child.attributes.schemaLocation ?? child.attributes.location;
        if (!location) continue; // namespace-only import: its declarations come from another loaded schema
        const root = this.referenced(source, `xs:${child.local}`, location);
        const target = path.posix.normalize(path.posix.join(path.posix.dirname(source), location));
        const includer = child.local === 'import' ? undefined : targetNamespace;
        this.loadDocumentSchemas(root, target, includer);
      }
    }
  }

  /** Loads the schemas of a referenced document: an XSD, or a WSDL's wsdl:types. */
  private loadDocumentSchemas(root: XmlElement, source: string, includerNamespace?: string): void {
    if (root.namespace === XS && root.local === 'schema') this.loadSchema(root, source, this.moduleFor(source), includerNamespace);
    else if (root.namespace === WSDL && root.local === 'definitions') this.loadDefinitions(source, this.moduleFor(source));
    else throw new UnsupportedConstructError(source, 'document', `root <${root.name}> is neither xs:schema nor wsdl:definitions`);
  }

  private loadDefinitions(source: string, module: string): void {
    if (this.loadedDefinitions.has(source)) return;
    const root = this.document(source);
    const targetNamespace = root.attributes.targetNamespace ?? '';
    this.loadedDefinitions.set(source, { node: root, source, targetNamespace });
    for (const child of root.children) {
      if (child.namespace !== WSDL) continue;
      const component = { node: child, source, targetNamespace };
      const name = child.attributes.name;
      if (child.local === 'import' && child.attributes.location) {
        const target = path.posix.normalize(path.posix.join(path.posix.dirname(source), child.attributes.location));
        this.loadDocumentSchemas(this.referenced(source, 'wsdl:import', child.attributes.location), target);
      } else if (child.local === 'types') {
        for (const schema of childrenOf(child, XS, 'schema')) this.loadSchema(schema, source, module);
      } else if (child.local === 'message' && name) this.messages.add(targetNamespace, name, component);
      else if (child.local === 'portType' && name) this.portTypes.add(targetNamespace, name, component);
      else if (child.local === 'binding' && name) this.bindings.add(targetNamespace, name, component);
    }
  }

  /** QName of a reference inside a schema: a chameleon schema's unqualified references mean its adopted namespace. */
  private qname(node: XmlElement, value: string, schema?: SchemaContext): QName {
    const qname = resolveQName(node, value);
    if (schema?.chameleon && qname.namespace === '') return { namespace: schema.targetNamespace, local: qname.local };
    return qname;
  }

  // ---------------------------------------------------------------- services and operations

  private service(source: string): { operations: DraftOperation[]; service: Omit<ServiceModel, 'operations'> } | undefined {
    const root = this.document(source);
    const module = this.moduleFor(source);
    if (root.namespace === XS && root.local === 'schema') {
      this.loadSchema(root, source, module);
      this.typesOnly(source, module);
      return undefined;
    }
    if (root.namespace !== WSDL || root.local !== 'definitions') {
      const what =
        root.namespace === 'http://www.w3.org/ns/wsdl'
          ? 'a WSDL 2.0 description (only WSDL 1.1 is supported)'
          : `not a WSDL 1.1 document: its root <${root.name}> is in namespace "${root.namespace}", not ${WSDL}`;
      throw new UnsupportedConstructError(source, 'document', what);
    }
    this.loadDefinitions(source, module);
    const chosen = this.chooseBindings(source);
    if (chosen.length === 0) {
      this.typesOnly(source, module);
      return undefined;
    }
    const name = module;
    const used = new Set<string>();
    const operations: DraftOperation[] = [];
    for (const { binding, soapBinding } of chosen) {
      const portType = this.portTypes.find(resolveQName(binding.node, binding.node.attributes.type ?? ''), binding.targetNamespace);
      if (!portType) {
        this.warn(binding.source, 'wsdl:portType', `portType ${binding.node.attributes.type} of binding ${binding.node.attributes.name} not found; its operations are skipped`);
        continue;
      }
      for (const operation of childrenOf(portType.value.node, WSDL, 'operation')) {
        // Notification and solicit-response operations (no input) are not callable by a client.
        if (!firstChild(operation, WSDL, 'input')) continue;
        const model = this.operation(source, name, operation, portType.value, binding, soapBinding, used);
        if (model) operations.push(model);
      }
    }
    const first = chosen[0]!;
    return {
      operations,
      service: {
        kind: 'service',
        name,
        source,
        namespace: root.attributes.targetNamespace ?? '',
        soapVersion: first.soapBinding.namespace === SOAP12 ? '1.2' : '1.1',
        ...(first.location ? { location: first.location } : {}),
      },
    };
  }

  /**
   * The SOAP bindings to generate: those of the service ports (every binding when there is no service
   * element), one per portType, SOAP 1.1 preferred over SOAP 1.2 for the same portType.
   */
  private chooseBindings(source: string): { binding: WsdlComponent; soapBinding: XmlElement; location?: string }[] {
    const reachable = this.reachable(source);
    const definitions = [...this.loadedDefinitions.values()].filter((d) => reachable.has(d.source));
    const candidates: { binding: WsdlComponent; location?: string }[] = [];
    for (const defs of definitions) {
      for (const service of childrenOf(defs.node, WSDL, 'service')) {
        for (const port of childrenOf(service, WSDL, 'port')) {
          const found = this.bindings.find(resolveQName(port, port.attributes.binding ?? ''), defs.targetNamespace);
          if (!found) {
            this.warn(defs.source, 'wsdl:port', `binding ${port.attributes.binding} of port ${port.attributes.name} not found; the port is skipped`);
            continue;
          }
          const address = port.children.find((c) => c.local === 'address' && isSoapBinding(c));
          candidates.push({ binding: found.value, ...(address?.attributes.location ? { location: address.attributes.location } : {}) });
        }
      }
    }
    if (candidates.length === 0) candidates.push(...this.bindings.values().filter((b) => reachable.has(b.source)).map((binding) => ({ binding })));
    const soap = candidates
      .map((c) => ({ ...c, soapBinding: c.binding.node.children.find((n) => n.local === 'binding' && isSoapBinding(n)) }))
      .filter((c): c is typeof c & { soapBinding: XmlElement } => c.soapBinding !== undefined);
    if (soap.length === 0 && candidates.length > 0) {
      const names = [...new Set(candidates.map((c) => c.binding.node.attributes.name))].join(', ');
      throw new UnsupportedConstructError(source, 'wsdl:binding', `no SOAP 1.1 or 1.2 binding (only ${names}, e.g. HTTP GET/POST)`);
    }
    const byPortType = new Map<string, (typeof soap)[number]>();
    for (const candidate of soap) {
      const portType = resolveQName(candidate.binding.node, candidate.binding.node.attributes.type ?? '');
      const id = `${portType.namespace ?? '?'}|${portType.local}`;
      const existing = byPortType.get(id);
      if (!existing || (existing.soapBinding.namespace === SOAP12 && candidate.soapBinding.namespace === SOAP11)) byPortType.set(id, candidate);
    }
    return [...byPortType.values()];
  }

  private operation(
    source: string,
    service: string,
    operation: XmlElement,
    portType: WsdlComponent,
    binding: WsdlComponent,
    soapBinding: XmlElement,
    used: Set<string>,
  ): DraftOperation | undefined {
    const name = operation.attributes.name ?? '';
    const boundOp = childrenOf(binding.node, WSDL, 'operation').find((o) => o.attributes.name === name);
    const soapOp = boundOp?.children.find((c) => c.local === 'operation' && c.namespace === soapBinding.namespace);
    const style = soapOp?.attributes.style ?? soapBinding.attributes.style ?? 'document';
    const input = firstChild(operation, WSDL, 'input')!;
    const output = firstChild(operation, WSDL, 'output');
    const request = this.body(source, service, name, portType, input, boundOp && firstChild(boundOp, WSDL, 'input'), style, 'Request');
    const response = output ? this.body(source, service, name, portType, output, boundOp && firstChild(boundOp, WSDL, 'output'), style, 'Response') : undefined;
    if (!request || (output && !response)) return undefined;
    const identifier = uniqueName(safeIdentifier(name), used);
    return {
      kind: 'operation',
      name,
      identifier,
      soapAction: soapOp?.attributes.soapAction ?? '',
      soapVersion: soapBinding.namespace === SOAP12 ? '1.2' : '1.1',
      ...(style === 'rpc' ? { style: 'rpc' as const } : {}),
      requestElement: request.element,
      ...(response ? { responseElement: response.element } : {}),
      ...(request.wrapper ? { requestWrapper: request.wrapper } : {}),
      ...(response?.wrapper ? { responseWrapper: response.wrapper } : {}),
      requestKey: request.key,
      ...(response ? { responseKey: response.key } : {}),
      // The kind by naming convention; the platform overlay (dictionary.ts) refines it.
      category: conventionalCategory(name),
    };
  }

  /** The parts of a message that travel in the SOAP Body (soap:body parts=, minus soap:header parts). */
  private bodyParts(message: WsdlComponent, bound: XmlElement | undefined): XmlElement[] {
    const parts = childrenOf(message.node, WSDL, 'part');
    if (!bound) return parts;
    const soapBody = findDeep(bound, (n) => n.local === 'body' && isSoapBinding(n));
    if (soapBody?.attributes.parts !== undefined) {
      const names = soapBody.attributes.parts.split(/\s+/).filter((p) => p !== '');
      return parts.filter((p) => names.includes(p.attributes.name ?? ''));
    }
    const headerParts = new Set(
      bound.children
        .filter((c) => c.local === 'header' && isSoapBinding(c) && c.attributes.message)
        .filter((c) => this.messages.find(resolveQName(c, c.attributes.message!), message.targetNamespace)?.value === message)
        .map((c) => c.attributes.part),
    );
    return parts.filter((p) => !headerParts.has(p.attributes.name));
  }

  private body(
    source: string,
    service: string,
    opName: string,
    portType: WsdlComponent,
    io: XmlElement,
    bound: XmlElement | undefined,
    style: string,
    direction: 'Request' | 'Response',
  ): { element: { namespace: string; local: string }; key: string; wrapper?: { namespace: string; local: string } } | undefined {
    const message = this.messages.find(resolveQName(io, io.attributes.message ?? ''), portType.targetNamespace);
    if (!message) {
      this.warn(portType.source, 'wsdl:message', `message ${io.attributes.message} of operation ${opName} not found; the operation is skipped`);
      return undefined;
    }
    const parts = this.bodyParts(message.value, bound);
    const hint: NameHint = { priority: 0, base: `${pascalCase(opName)}${direction}` };
    const syntheticKey = `${source}#${opName}#${direction}`;
    if (style === 'rpc') {
      const soapBody = bound && findDeep(bound, (n) => n.local === 'body' && isSoapBinding(n));
      const namespace = soapBody?.attributes.namespace ?? message.value.targetNamespace;
      this.partsStruct(syntheticKey, parts, message.value, hint, service);
      return { element: { namespace, local: direction === 'Request' ? opName : `${opName}Response` }, key: syntheticKey };
    }
    if (parts.length === 1 && parts[0]!.attributes.element) {
      const part = parts[0]!;
      const qname = resolveQName(part, part.attributes.element!);
      const found = this.elements.find(qname, message.value.targetNamespace);
      if (!found) {
        this.warn(message.value.source, 'xs:element', `global element ${part.attributes.element} (part ${part.attributes.name} of message ${message.value.node.attributes.name}) not found; its content is typed as unknown`);
        const element = { namespace: qname.namespace ?? '', local: qname.local };
        const openKey = `${key(element.namespace, element.local)}#missing`;
        this.addHint(openKey, hint);
        if (!this.structs.has(openKey)) this.structs.set(openKey, { key: openKey, module: this.moduleFor(message.value.source), xsdName: qname.local, fields: [], open: true });
        return { element, key: openKey };
      }
      const element = { namespace: found.namespace, local: found.value.node.attributes.name! };
      return { element, ...this.bodyElementStruct(found.value, found.namespace, hint, direction === 'Request' ? 'input' : 'output', service) };
    }
    // Bare document style with zero or several parts (or type= parts): the parts sit directly in the Body.
    this.partsStruct(syntheticKey, parts, message.value, hint, service);
    return { element: { namespace: '', local: '' }, key: syntheticKey };
  }

  /**
   * The struct of a body element's type. When it holds a single `input`/`output` element (the Worldline
   * style), the fields are that child's type and the child is recorded as the wrapper.
   */
  private bodyElementStruct(element: Component, namespace: string, hint: NameHint, wrapperName: string, service: string): { key: string; wrapper?: { namespace: string; local: string } } {
    const elementKey = `${key(namespace, element.node.attributes.name ?? '')}#element`;
    const typed = this.globalElementType(element, namespace);
    if (typed.kind === 'complex') {
      const content = this.content(typed.component);
      const only = content.elements[0];
      if (content.elements.length === 1 && content.attributes.length === 0 && !content.text && !content.open && only) {
        const child = only.node;
        if (!child.attributes.ref && child.attributes.name === wrapperName && child.attributes.type && !only.repeated) {
          const inner = this.typeTarget(child, child.attributes.type, only.schema);
          if (inner.kind === 'complex') {
            this.struct(inner.key, inner.component, hint, service);
            return { key: inner.key, wrapper: { namespace: this.elementNamespace(child, only.schema), local: wrapperName } };
          }
        }
      }
      this.struct(typed.key, typed.component, hint, service);
      return { key: typed.key };
    }
    const structKey = `${elementKey}#value`;
    this.addHint(structKey, hint);
    if (!this.structs.has(structKey)) {
      const struct: DraftStruct = { key: structKey, module: element.schema.module, xsdName: element.node.attributes.name ?? '', fields: [] };
      this.structs.set(structKey, struct);
      if (typed.kind === 'missing') this.warn(element.schema.source, 'type reference', `type ${element.node.attributes.type} of element ${element.node.attributes.name} not found; typed as unknown`);
      const resolved = typed.kind === 'simple' ? this.simpleType(typed.key, typed.component, typed.hint, service) : typed.kind === 'builtin' ? typed.resolved : ANY;
      if (resolved === ANY || (resolved.type.kind === 'primitive' && resolved.type.primitive === 'any')) struct.open = true;
      else struct.fields = [{ kind: 'field', name: '$value', element: '', namespace: '', xml: 'text', type: resolved.type, required: true, ...facetsOf(resolved) }];
    }
    return { key: structKey };
  }

  /**
   * What a type= (or base=) reference names. A reference to a global element where a type belongs means
   * that element's type: an invalid but common slip node-soap accepts.
   */
  private typeTarget(node: XmlElement, reference: string, schema: SchemaContext | undefined, depth = 0): TypeTarget {
    const qname = this.qname(node, reference, schema);
    const builtin = this.builtin(qname);
    if (builtin) return { kind: 'builtin', resolved: builtin };
    const found = this.types.find(qname, schema?.targetNamespace);
    if (found) {
      const kind = found.value.node.local === 'simpleType' ? 'simple' : 'complex';
      return { kind, key: this.typeKey(found.namespace, qname.local, found.value), component: found.value, hint: { priority: 1, base: pascalCase(qname.local) } };
    }
    const element = depth < 8 ? this.elements.find(qname, schema?.targetNamespace) : undefined;
    return element ? this.globalElementType(element.value, element.namespace, depth + 1) : { kind: 'missing' };
  }

  /** The type of a global element: named, or inline and keyed by the element (so recursion through ref= ends). */
  private globalElementType(element: Component, namespace: string, depth = 0): TypeTarget {
    const name = element.node.attributes.name ?? '';
    if (element.node.attributes.type) return this.typeTarget(element.node, element.node.attributes.type, element.schema, depth);
    const elementKey = `${key(namespace, name)}#element`;
    const hint: NameHint = { priority: 2, base: pascalCase(name) };
    const complex = firstChild(element.node, XS, 'complexType');
    if (complex) return { kind: 'complex', key: elementKey, component: { node: complex, schema: element.schema }, hint };
    const simple = firstChild(element.node, XS, 'simpleType');
    if (simple) return { kind: 'simple', key: elementKey, component: { node: simple, schema: element.schema }, hint };
    return { kind: 'builtin', resolved: ANY };
  }

  /** A struct whose fields are message parts: RPC wrappers and bare document bodies. */
  private partsStruct(structKey: string, parts: XmlElement[], message: WsdlComponent, hint: NameHint, service: string): void {
    this.addHint(structKey, hint);
    if (this.structs.has(structKey)) return;
    const struct: DraftStruct = { key: structKey, module: this.moduleFor(message.source), xsdName: '', description: `The parts of WSDL message ${message.node.attributes.name ?? ''}.`, fields: [] };
    this.structs.set(structKey, struct);
    const claim = claimer();
    for (const part of parts) {
      const partName = part.attributes.name ?? '';
      if (part.attributes.element) {
        const qname = resolveQName(part, part.attributes.element);
        const found = this.elements.find(qname, message.targetNamespace);
        if (!found) {
          this.warn(message.source, 'xs:element', `global element ${part.attributes.element} (part ${partName} of message ${message.node.attributes.name}) not found; typed as unknown`);
          struct.fields.push({ kind: 'field', name: claim(qname.local), element: qname.local, namespace: qname.namespace ?? '', type: ANY.type, required: true });
          continue;
        }
        const particle: Particle = { node: found.value.node, schema: found.value.schema, optional: false, repeated: false };
        struct.fields.push(this.elementField(particle, found.namespace, structKey, hint.base, service, claim));
      } else {
        // A type= part is an unqualified element named after the part.
        const node: XmlElement = { ...part, namespace: XS, local: 'element', attributes: { name: partName, ...(part.attributes.type ? { type: part.attributes.type } : {}) } };
        const schema: SchemaContext = { source: message.source, module: struct.module, targetNamespace: message.targetNamespace, elementQualified: false, attributeQualified: false, chameleon: false };
        struct.fields.push(this.elementField({ node, schema, optional: false, repeated: false }, '', structKey, hint.base, service, claim));
      }
    }
  }

  // ---------------------------------------------------------------- content models

  /** Elements, attributes, text and wildcards of a complex type, base types included, each with its schema. */
  private content(component: Component, deriving: ReadonlySet<XmlElement> = new Set()): Content {
    const cached = this.contents.get(component.node);
    if (cached) return cached;
    if (deriving.has(component.node)) {
      throw new UnsupportedConstructError(component.schema.source, 'xs:extension', `type ${component.node.attributes.name ?? '(anonymous)'} derives from itself`);
    }
    const chain = new Set([...deriving, component.node]);
    const out: Content = { elements: [], attributes: [], open: false };
    const groupsSeen = new Set<XmlElement>();
    const walkAttributes = (node: XmlElement, schema: SchemaContext): void => {
      for (const child of node.children) {
        if (child.namespace !== XS) continue;
        if (child.local === 'attribute') out.attributes.push({ node: child, schema, optional: child.attributes.use !== 'required', repeated: false });
        else if (child.local === 'attributeGroup' && child.attributes.ref) {
          const found = this.attributeGroups.find(this.qname(child, child.attributes.ref, schema), schema.targetNamespace);
          if (!found) {
            this.warn(schema.source, 'xs:attributeGroup ref', `attribute group ${child.attributes.ref} not found; its attributes are left out`);
            continue;
          }
          if (groupsSeen.has(found.value.node)) continue;
          groupsSeen.add(found.value.node);
          walkAttributes(found.value.node, found.value.schema);
        }
      }
    };
    const walkParticles = (node: XmlElement, schema: SchemaContext, optional: boolean, repeated: boolean): void => {
      for (const child of node.children) {
        if (child.namespace !== XS || prohibited(child)) continue;
        switch (child.local) {
          case 'element':
            out.elements.push({ node: child, schema, optional: optional || minZero(child), repeated: repeated || many(child) });
            break;
          case 'sequence':
          case 'all':
            walkParticles(child, schema, optional || minZero(child), repeated || many(child));
            break;
          case 'choice':
            walkParticles(child, schema, true, repeated || many(child));
            break;
          case 'group': {
            if (!child.attributes.ref) break;
            const found = this.groups.find(this.qname(child, child.attributes.ref, schema), schema.targetNamespace);
            if (!found) {
              this.warn(schema.source, 'xs:group ref', `group ${child.attributes.ref} not found; its elements are left out`);
              break;
            }
            if (groupsSeen.has(found.value.node)) throw new UnsupportedConstructError(schema.source, 'xs:group', `group ${child.attributes.ref} contains itself`);
            groupsSeen.add(found.value.node);
            walkParticles(found.value.node, found.value.schema, optional || minZero(child), repeated || many(child));
            groupsSeen.delete(found.value.node);
            break;
          }
          case 'any':
            out.open = true;
            break;
        }
      }
    };
    const node = component.node;
    const schema = component.schema;
    for (const child of node.children) {
      if (child.namespace !== XS) continue;
      switch (child.local) {
        case 'sequence':
        case 'all':
        case 'choice':
        case 'group':
        case 'any':
          walkParticles({ ...node, children: [child] }, schema, false, false);
          break;
        case 'attribute':
        case 'attributeGroup':
          walkAttributes({ ...node, children: [child] }, schema);
          break;
        case 'complexContent':
        case 'simpleContent': {
          const derivation = child.children.find((c) => c.namespace === XS && (c.local === 'extension' || c.local === 'restriction'));
          if (!derivation) throw new UnsupportedConstructError(schema.source, `xs:${child.local}`, `in type ${node.attributes.name ?? '(anonymous)'}: neither xs:extension nor xs:restriction`);
          const restriction = derivation.local === 'restriction';
          const baseName = derivation.attributes.base ?? '';
          const base = baseName ? this.qname(derivation, baseName, schema) : undefined;
          if (base && base.namespace !== undefined && SOAP_ENC.has(base.namespace) && base.local === 'Array') {
            const arrayType = findDeep(derivation, (n) => Object.keys(n.attributes).some((a) => a.endsWith(':arrayType') || a === 'arrayType') && n.local === 'attribute');
            const value = arrayType && Object.entries(arrayType.attributes).find(([a]) => a.endsWith(':arrayType'))?.[1];
            if (value) out.soapArray = { node: arrayType, value: value.replace(/\[[\d,]*\]$/, '').replace(/\[[\d,]*\]$/, ''), schema };
            walkParticles(derivation, schema, false, false);
            break;
          }
          const target = baseName ? this.typeTarget(derivation, baseName, schema) : undefined;
          if (target?.kind === 'missing') this.warn(schema.source, 'type reference', `base ${baseName} of type ${node.attributes.name ?? '(anonymous)'} not found; its inherited content is left out`);
          const complexBase = target?.kind === 'complex' ? target.component : undefined;
          const owner: Owner | undefined = target?.kind === 'complex' ? { key: target.key, base: target.hint.base } : undefined;
          if (target?.kind === 'complex') this.addHint(target.key, target.hint, this.ownerHints);
          const inherit = <T extends { readonly owner?: Owner }>(item: T): T => (item.owner || !owner ? item : { ...item, owner });
          if (child.local === 'simpleContent') {
            if (complexBase) {
              const inherited = this.content(complexBase, chain);
              out.attributes.push(...inherited.attributes.map(inherit));
              if (inherited.text) out.text = inherit(inherited.text);
            }
            if (!complexBase || restriction) out.text = { node: derivation, schema, restriction };
          } else if (complexBase) {
            const inherited = this.content(complexBase, chain);
            out.attributes.push(...inherited.attributes.map(inherit));
            if (!restriction) {
              out.elements.push(...inherited.elements.map(inherit));
              out.open ||= inherited.open;
              if (inherited.text) out.text = inherit(inherited.text);
            }
          }
          walkParticles(derivation, schema, false, false);
          walkAttributes(derivation, schema);
          break;
        }
      }
    }
    // A restriction restates its attributes: keep the last declaration of each name.
    const lastByName = new Map<string, Particle>();
    for (const attribute of out.attributes) lastByName.set(attribute.node.attributes.name ?? attribute.node.attributes.ref ?? '', attribute);
    out.attributes.splice(0, out.attributes.length, ...lastByName.values());
    this.contents.set(component.node, out);
    return out;
  }

  private isBuiltinName(qname: QName): boolean {
    return qname.namespace !== undefined && (XS_LEGACY.has(qname.namespace) || (SOAP_ENC.has(qname.namespace) && XS_BUILTINS.has(qname.local)));
  }

  /** XSD (and SOAP-encoding) built-in types; an undeclared prefix on a built-in name when no such type is declared. */
  private builtin(qname: QName): Resolved | undefined {
    if (this.isBuiltinName(qname) || (qname.namespace === undefined && XS_BUILTINS.has(qname.local) && !this.types.find(qname))) {
      return { type: { kind: 'primitive', primitive: primitiveOf(qname.local) } };
    }
    if (qname.namespace !== undefined && SOAP_ENC.has(qname.namespace)) return { type: { kind: 'primitive', primitive: 'any' } };
    return undefined;
  }

  /** A type reference's resolution; a missing type is warned about and typed as unknown. */
  private resolveTarget(target: TypeTarget, repeated: boolean, service: string, source: string, where: string): Resolved {
    switch (target.kind) {
      case 'builtin':
        return target.resolved;
      case 'simple':
        return this.simpleType(target.key, target.component, target.hint, service);
      case 'complex':
        return this.complexUse(target.key, target.component, target.hint, repeated, service);
      case 'missing':
        this.warn(source, 'type reference', `${where} not found; typed as unknown`);
        return ANY;
    }
  }

  private elementNamespace(node: XmlElement, schema: SchemaContext): string {
    const form = node.attributes.form;
    const qualified = form === 'qualified' || (form === undefined && schema.elementQualified);
    // A chameleon schema's qualified elements take the namespace of whichever service uses the type.
    if (qualified && schema.chameleon) return CONTEXT_NAMESPACE;
    return qualified ? schema.targetNamespace : '';
  }

  /** Identity of a named type: by QName, except a chameleon schema's, shared by every includer. */
  private typeKey(namespace: string, local: string, component: Component): string {
    return component.schema.chameleon ? `chameleon:${component.schema.source}#${local}` : key(namespace, local);
  }

  // ---------------------------------------------------------------- structs, fields, enums

  private addHint(typeKey: string, hint: NameHint, into = this.hints): void {
    const list = into.get(typeKey) ?? [];
    if (!list.some((h) => h.priority === hint.priority && h.base === hint.base && h.owner === hint.owner)) list.push(hint);
    into.set(typeKey, list);
  }

  private struct(typeKey: string, component: Component, hint: NameHint, service: string): string {
    this.addHint(typeKey, hint);
    if (this.structs.has(typeKey)) return typeKey;
    const xsdName = component.node.attributes.name ?? '';
    const struct: DraftStruct = { key: typeKey, module: component.schema.module, xsdName, fields: [] };
    // Registered before its fields so recursive types terminate.
    this.structs.set(typeKey, struct);
    const content = this.content(component);
    const claim = claimer();
    const fields: DraftField[] = content.elements.map((particle) => this.elementField(particle, undefined, particle.owner?.key ?? typeKey, particle.owner?.base ?? hint.base, service, claim));
    if (content.text) {
      const resolved = this.textType(content.text, content.text.owner?.key ?? typeKey, content.text.owner?.base ?? hint.base, service);
      fields.push({ kind: 'field', name: claim('$value'), element: '', namespace: '', xml: 'text', type: resolved.type, required: true, ...facetsOf(resolved) });
    }
    for (const particle of content.attributes) {
      const field = this.attributeField(particle, particle.owner?.key ?? typeKey, particle.owner?.base ?? hint.base, service, claim);
      if (field) fields.push(field);
    }
    struct.fields = fields;
    if (content.open || content.soapArray) struct.open = true;
    return typeKey;
  }

  /**
   * A child element field. `globalNamespace` is set for a global element used directly (a message part);
   * a ref= is followed to the global declaration, which is always qualified; a local declaration is
   * qualified by its form= or by the elementFormDefault of the schema document it is declared in.
   */
  private elementField(particle: Particle, globalNamespace: string | undefined, ownerKey: string, ownerBase: string, service: string, claim: (name: string) => string): DraftField {
    let node = particle.node;
    let schema = particle.schema;
    let namespace: string;
    let global = globalNamespace !== undefined;
    if (node.attributes.ref) {
      const qname = this.qname(node, node.attributes.ref, schema);
      const found = this.elements.find(qname, schema.targetNamespace);
      if (!found) {
        this.warn(schema.source, 'xs:element ref', `element ${node.attributes.ref} (in ${ownerBase}) not found; typed as unknown`);
        return { kind: 'field', name: claim(qname.local), element: qname.local, namespace: qname.namespace ?? '', type: ANY.type, required: !particle.optional, ...(particle.repeated ? { list: { kind: 'repeated' as const } } : {}) };
      }
      node = found.value.node;
      schema = found.value.schema;
      namespace = found.namespace;
      global = true;
    } else {
      namespace = globalNamespace ?? this.elementNamespace(node, schema);
    }
    const element = node.attributes.name;
    if (!element) throw new UnsupportedConstructError(schema.source, 'xs:element', `an element in ${ownerBase} has neither name= nor ref=`);
    const nillable = node.attributes.nillable === 'true' || node.attributes.nillable === '1';
    const resolved = global
      ? this.resolveTarget(this.globalElementType({ node, schema }, namespace), particle.repeated, service, schema.source, `type ${node.attributes.type} of element ${element}`)
      : this.elementValueType({ node, schema }, ownerKey, ownerBase, element, particle.repeated, service);
    let list: FieldModel['list'];
    let type = resolved.type;
    let facets = resolved.facets;
    if (particle.repeated) list = { kind: 'repeated' };
    else if (resolved.listItem) {
      list = { kind: 'wrapped', item: resolved.listItem.element, itemNamespace: resolved.listItem.namespace };
      type = resolved.listItem.type;
      facets = resolved.listItem.facets;
    }
    return {
      kind: 'field',
      name: claim(element),
      element,
      namespace,
      type,
      required: !particle.optional,
      ...(nillable ? { nillable: true } : {}),
      ...(list ? { list } : {}),
      ...(facets && Object.keys(facets).length > 0 ? { facets } : {}),
    };
  }

  private attributeField(particle: Particle, ownerKey: string, ownerBase: string, service: string, claim: (name: string) => string): DraftField | undefined {
    let node = particle.node;
    let schema = particle.schema;
    let namespace: string;
    if (node.attributes.use === 'prohibited') return undefined;
    if (node.attributes.ref) {
      const qname = this.qname(node, node.attributes.ref, schema);
      if (qname.namespace === XML_NS) {
        return { kind: 'field', name: claim(qname.local), element: qname.local, namespace: XML_NS, xml: 'attribute', type: { kind: 'primitive', primitive: 'string' }, required: !particle.optional };
      }
      if (qname.namespace === WSDL || (qname.namespace !== undefined && SOAP_ENC.has(qname.namespace))) return undefined; // soapenc:arrayType and friends describe encoding, not data
      const found = this.attributes.find(qname, schema.targetNamespace);
      if (!found) {
        this.warn(schema.source, 'xs:attribute ref', `attribute ${node.attributes.ref} (in ${ownerBase}) not found; typed as text`);
        return { kind: 'field', name: claim(qname.local), element: qname.local, namespace: qname.namespace ?? '', xml: 'attribute', type: STRING.type, required: !particle.optional };
      }
      node = found.value.node;
      schema = found.value.schema;
      namespace = found.namespace;
    } else {
      const form = node.attributes.form;
      namespace = form === 'qualified' || (form === undefined && schema.attributeQualified) ? schema.targetNamespace : '';
    }
    const name = node.attributes.name;
    if (!name) throw new UnsupportedConstructError(schema.source, 'xs:attribute', `an attribute in ${ownerBase} has neither name= nor ref=`);
    let resolved: Resolved = { type: { kind: 'primitive', primitive: 'string' } };
    if (node.attributes.type) resolved = this.simpleValue(node, node.attributes.type, schema, `attribute ${name} of ${ownerBase}`, service);
    else {
      const inline = firstChild(node, XS, 'simpleType');
      if (inline) resolved = this.simpleType(`${ownerKey}/@${name}`, { node: inline, schema }, ownedHint(ownerKey, pascalCase(name)), service);
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
    };
  }

  private textType(text: NonNullable<Content['text']>, ownerKey: string, ownerBase: string, service: string): Resolved {
    if (text.restriction) return this.restriction(`${ownerKey}/$value`, text.node, text.schema, '', ownedHint(ownerKey, 'Value'), service);
    return text.node.attributes.base ? this.simpleValue(text.node, text.node.attributes.base, text.schema, `the text of ${ownerBase}`, service) : { type: { kind: 'primitive', primitive: 'string' } };
  }

  /** A type reference that must be simple (attributes, text, restriction bases): complex types give their text type. */
  private simpleValue(node: XmlElement, reference: string, schema: SchemaContext, where: string, service: string): Resolved {
    const target = this.typeTarget(node, reference, schema);
    switch (target.kind) {
      case 'builtin':
        return target.resolved.type.kind === 'primitive' && target.resolved.type.primitive === 'any' ? STRING : target.resolved;
      case 'simple':
        return this.simpleType(target.key, target.component, target.hint, service);
      case 'complex': {
        const content = this.content(target.component);
        return content.text ? this.textType(content.text, target.key, target.hint.base, service) : STRING;
      }
      case 'missing':
        this.warn(schema.source, 'type reference', `type ${reference} of ${where} not found; typed as text`);
        return STRING;
    }
  }

  private elementValueType(element: Component, ownerKey: string, ownerBase: string, fieldName: string, repeated: boolean, service: string): Resolved {
    const typeAttr = element.node.attributes.type;
    const localKey = `${ownerKey}/${fieldName}`;
    const localHint = ownedHint(ownerKey, pascalCase(fieldName));
    if (typeAttr) {
      return this.resolveTarget(this.typeTarget(element.node, typeAttr, element.schema), repeated, service, element.schema.source, `type ${typeAttr} of ${ownerBase}.${fieldName}`);
    }
    const inlineSimple = firstChild(element.node, XS, 'simpleType');
    if (inlineSimple) return this.simpleType(localKey, { node: inlineSimple, schema: element.schema }, localHint, service);
    const inlineComplex = firstChild(element.node, XS, 'complexType');
    if (inlineComplex) return this.complexUse(localKey, { node: inlineComplex, schema: element.schema }, localHint, repeated, service);
    return { type: { kind: 'primitive', primitive: 'any' } };
  }

  /** A complex type used by an element: its text type, a collapsed list wrapper, or a struct. */
  private complexUse(typeKey: string, component: Component, hint: NameHint, repeated: boolean, service: string): Resolved {
    this.addHint(typeKey, hint, this.ownerHints);
    const content = this.content(component);
    if (content.text && content.elements.length === 0 && content.attributes.length === 0 && !content.open) {
      return this.textType(content.text, typeKey, hint.base, service);
    }
    if (!repeated && content.soapArray && content.elements.length === 0) {
      const item = this.simpleOrComplex(content.soapArray.node, content.soapArray.value, content.soapArray.schema, hint.base, service);
      return { type: item.type, listItem: { element: 'item', namespace: '', type: item.type, ...facetsOf(item) } };
    }
    const only = content.elements[0];
    if (!repeated && only && content.elements.length === 1 && only.repeated && content.attributes.length === 0 && !content.text && !content.open) {
      const declaration = only.node.attributes.ref ? this.elements.find(this.qname(only.node, only.node.attributes.ref, only.schema), only.schema.targetNamespace)?.value.node : only.node;
      if (declaration && declaration.attributes.nillable !== 'true') {
        const item = this.elementField(only, undefined, only.owner?.key ?? typeKey, only.owner?.base ?? hint.base, service, claimer());
        return { type: item.type, listItem: { element: item.element, namespace: item.namespace, type: item.type, ...(item.facets ? { facets: item.facets } : {}) } };
      }
    }
    return { type: { kind: 'struct', key: this.struct(typeKey, component, hint, service) } };
  }

  /** Item type of a SOAP-encoded array (wsdl:arrayType="xsd:string[]"). */
  private simpleOrComplex(node: XmlElement, reference: string, schema: SchemaContext, ownerBase: string, service: string): Resolved {
    const target = this.typeTarget(node, reference, schema);
    if (target.kind === 'complex') return { type: { kind: 'struct', key: this.struct(target.key, target.component, target.hint, service) } };
    return this.resolveTarget(target, true, service, schema.source, `item type ${reference} of ${ownerBase}`);
  }

  private simpleType(typeKey: string, component: Component, hint: NameHint, service: string): Resolved {
    this.addHint(typeKey, hint, this.ownerHints);
    const restriction = firstChild(component.node, XS, 'restriction');
    if (!restriction) return { type: { kind: 'primitive', primitive: 'string' } }; // xs:list and xs:union travel as text
    return this.restriction(typeKey, restriction, component.schema, component.node.attributes.name ?? '', hint, service);
  }

  private restriction(typeKey: string, restriction: XmlElement, schema: SchemaContext, xsdName: string, hint: NameHint, service: string): Resolved {
    const facets: { -readonly [K in keyof Facets]: Facets[K] } = {};
    const values: string[] = [];
    const patterns: string[] = [];
    for (const facet of restriction.children) {
      const value = facet.attributes.value;
      if (facet.namespace !== XS || value === undefined) continue;
      const number = Number(value);
      switch (facet.local) {
        case 'enumeration':
          if (!values.includes(value)) values.push(value);
          break;
        case 'length':
          if (Number.isSafeInteger(number)) facets.minLength = facets.maxLength = number;
          break;
        case 'maxLength':
          if (Number.isSafeInteger(number)) facets.maxLength = number;
          break;
        case 'minLength':
          if (Number.isSafeInteger(number)) facets.minLength = number;
          break;
        case 'pattern':
          patterns.push(value);
          break;
        case 'minInclusive':
          if (Number.isFinite(number)) facets.minInclusive = number;
          break;
        case 'maxInclusive':
          if (Number.isFinite(number)) facets.maxInclusive = number;
          break;
      }
    }
    // Several patterns in one restriction are alternatives; one XSD cannot express in JavaScript is dropped
    // (the server still checks it) rather than rejecting good values.
    if (patterns.length > 0) {
      const pattern = patterns.length === 1 ? patterns[0]! : patterns.map((p) => `(?:${p})`).join('|');
      if (jsPatternOk(pattern)) facets.pattern = pattern;
    }
    let base: Resolved = { type: { kind: 'primitive', primitive: 'string' } };
    if (restriction.attributes.base) base = this.simpleValue(restriction, restriction.attributes.base, schema, `restriction ${xsdName || hint.base}`, service);
    else {
      const inline = firstChild(restriction, XS, 'simpleType');
      if (inline) base = this.simpleType(`${typeKey}/base`, { node: inline, schema }, ownedHint(typeKey, 'Base'), service);
    }
    if (values.length > 0) return { type: { kind: 'enum', key: this.enumModel(typeKey, schema, xsdName, hint, values, service) } };
    const merged = { ...base.facets, ...facets };
    return { type: base.type, ...(Object.keys(merged).length > 0 ? { facets: merged } : {}) };
  }

  private enumModel(typeKey: string, schema: SchemaContext, xsdName: string, hint: NameHint, values: string[], service: string): string {
    this.addHint(typeKey, hint);
    if (this.enums.has(typeKey)) return typeKey;
    this.enums.set(typeKey, {
      kind: 'enum',
      key: typeKey,
      module: schema.module,
      xsdName,
      values: values.map((value) => ({ value })),
    });
    return typeKey;
  }

  /** Documents a document references, itself included (wsdl:import, xs:import/include/redefine with a location). */
  private reachable(source: string): Set<string> {
    const out = new Set<string>();
    const stack = [source];
    while (stack.length > 0) {
      const current = stack.pop()!;
      const root = this.documents.get(current);
      if (out.has(current) || !root) continue;
      out.add(current);
      const visit = (node: XmlElement): void => {
        const location = node.attributes.schemaLocation ?? node.attributes.location;
        const isReference = (node.namespace === XS || node.namespace === WSDL) && ['import', 'include', 'redefine'].includes(node.local);
        if (isReference && location && !/^[a-z][a-z0-9+.-]*:/i.test(location)) stack.push(path.posix.normalize(path.posix.join(path.posix.dirname(current), location)));
        node.children.forEach(visit);
      };
      visit(root);
    }
    return out;
  }

  /** Types-only documents (an XSD, or a WSDL without SOAP bindings): every global type and element type. */
  private typesOnly(source: string, module: string): void {
    const reachable = this.reachable(source);
    for (const component of this.types.values()) {
      if (!reachable.has(component.schema.source)) continue;
      const name = component.node.attributes.name!;
      const typeKey = this.typeKey(component.schema.targetNamespace, name, component);
      const hint: NameHint = { priority: 1, base: pascalCase(name) };
      if (component.node.local === 'complexType') this.struct(typeKey, component, hint, module);
      else this.simpleType(typeKey, component, hint, module);
    }
    for (const component of this.elements.values()) {
      if (!reachable.has(component.schema.source)) continue;
      const inline = firstChild(component.node, XS, 'complexType');
      if (!inline || component.node.attributes.type) continue;
      const name = component.node.attributes.name!;
      this.struct(`${key(component.schema.targetNamespace, name)}#element`, { node: inline, schema: component.schema }, { priority: 2, base: pascalCase(name) }, module);
    }
  }
}

/** Schemas written in the pre-2001 XML Schema namespaces read as XML Schema (their vocabulary is the same). */
function legacySchemaAsXs(node: XmlElement): XmlElement {
  const legacy = node.namespace !== XS && XS_LEGACY.has(node.namespace);
  const children = node.children.map(legacySchemaAsXs);
  const changed = legacy || children.some((child, i) => child !== node.children[i]);
  return changed ? { ...node, namespace: legacy ? XS : node.namespace, children } : node;
}

/** An anonymous type's name: its owner's name (whatever it turns out to be) and a suffix. */
function ownedHint(owner: string, suffix: string): NameHint {
  return { priority: 3, base: suffix, owner };
}

function facetsOf(resolved: Resolved): { facets?: Facets } {
  return resolved.facets && Object.keys(resolved.facets).length > 0 ? { facets: resolved.facets } : {};
}

/** Field property names: the wire name, suffixed 2, 3, ... when the same struct already uses it. */
function claimer(): (name: string) => string {
  const used = new Set<string>();
  return (name) => {
    let candidate = name;
    for (let i = 2; used.has(candidate); i++) candidate = `${name}${i}`;
    used.add(candidate);
    return candidate;
  };
}

function findDeep(node: XmlElement, test: (n: XmlElement) => boolean): XmlElement | undefined {
  for (const child of node.children) {
    if (test(child)) return child;
    const found = findDeep(child, test);
    if (found) return found;
  }
  return undefined;
}

/** Whether an XSD pattern means the same thing as a JavaScript Unicode regular expression we can build. */
export function jsPatternOk(pattern: string): boolean {
  // XSD-only syntax: \i \c \I \C name classes, \p{Is...} blocks, [a-z-[aeiou]] class subtraction.
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') {
      if (/[icIC]/.test(pattern[i + 1] ?? '') || pattern.startsWith('p{Is', i + 1) || pattern.startsWith('P{Is', i + 1)) return false;
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
