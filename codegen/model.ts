// Model stage: WSDL/XSD element trees plus the data dictionary to the IR (see ir.ts).
// All naming decisions happen here; nothing here touches the disk.
import * as path from 'node:path';
import type { XmlElement } from './parse';
import { resolveQName } from './parse';
import type {
  ContractModel,
  DictionaryFile,
  EnumModel,
  Facets,
  FieldModel,
  OperationCategory,
  OperationModel,
  Primitive,
  ServiceModel,
  StructModel,
  TypeRef,
} from './ir';
import { pascalCase, safeIdentifier, uniqueName } from './names';

export const XS = 'http://www.w3.org/2001/XMLSchema';
const WSDL = 'http://schemas.xmlsoap.org/wsdl/';
const SOAP11 = 'http://schemas.xmlsoap.org/wsdl/soap/';
const SOAP12 = 'http://schemas.xmlsoap.org/wsdl/soap12/';

export interface ContractInput {
  /** Every loaded document by its path (WSDLs and the XSDs they import), '/'-separated. */
  readonly documents: ReadonlyMap<string, XmlElement>;
  /** Paths of the WSDL documents to turn into services, in a stable order. */
  readonly wsdls: readonly string[];
  readonly dictionaries: readonly DictionaryFile[];
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
  readonly qualifiedElements: boolean;
}

interface Component {
  readonly node: XmlElement;
  readonly schema: SchemaContext;
}

const key = (namespace: string, local: string): string => `{${namespace}}${local}`;
const childrenOf = (node: XmlElement, ns: string, local: string): XmlElement[] =>
  node.children.filter((child) => child.namespace === ns && child.local === local);
const firstChild = (node: XmlElement, ns: string, local: string): XmlElement | undefined =>
  node.children.find((child) => child.namespace === ns && child.local === local);

const PRIMITIVES: Record<string, Primitive> = {
  int: 'integer', integer: 'integer', long: 'integer', short: 'integer', byte: 'integer',
  unsignedInt: 'integer', unsignedLong: 'integer', unsignedShort: 'integer', unsignedByte: 'integer',
  positiveInteger: 'integer', nonNegativeInteger: 'integer', negativeInteger: 'integer', nonPositiveInteger: 'integer',
  decimal: 'decimal', float: 'number', double: 'number',
  boolean: 'boolean', base64Binary: 'base64',
};

/** Service name from the endpoint path /services/v2/<name>, else the WSDL file name. */
export function serviceNameOf(source: string, location: string | undefined): string {
  const match = location ? /\/services\/v2\/([A-Za-z][A-Za-z0-9]*)\/?$/.exec(location) : null;
  if (match) return match[1]!;
  const base = path.posix.basename(source).replace(/\.(wsdl|xml)$/i, '').replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ?? '').toUpperCase());
  return safeIdentifier(base.charAt(0).toLowerCase() + base.slice(1));
}

export function buildModel(input: ContractInput): ContractModel {
  return new ModelBuilder(input).build();
}

class ModelBuilder {
  private readonly types = new Map<string, Component>();
  private readonly elements = new Map<string, Component>();
  private readonly loadedSchemas = new Set<string>();
  private readonly structs = new Map<string, StructModel>();
  private readonly enums = new Map<string, EnumModel>();
  private readonly typeNames = new Map<string, string>();
  private readonly usedNames = new Set<string>();
  private readonly common: DictionaryFile[];
  private readonly byService = new Map<string, DictionaryFile>();

  constructor(private readonly input: ContractInput) {
    this.common = input.dictionaries.filter((d) => d.scope === 'common');
    for (const dictionary of input.dictionaries) {
      if (dictionary.scope === 'service' && dictionary.service) this.byService.set(dictionary.service, dictionary);
    }
  }

  build(): ContractModel {
    const services = this.input.wsdls.map((source) => this.service(source));
    const byName = (a: { name: string }, b: { name: string }) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
    return {
      kind: 'contract',
      services: [...services].sort(byName),
      structs: [...this.structs.values()].sort(byName),
      enums: [...this.enums.values()].sort(byName),
    };
  }

  private document(source: string): XmlElement {
    const root = this.input.documents.get(source);
    if (!root) throw new UnsupportedConstructError(source, 'document', 'file not loaded (missing import or include target?)');
    return root;
  }

  private loadSchema(schema: XmlElement, source: string, module: string, inheritedNamespace?: string): void {
    const id = `${source}#${schema.attributes.targetNamespace ?? inheritedNamespace ?? ''}#${this.loadedSchemas.size}`;
    const targetNamespace = schema.attributes.targetNamespace ?? inheritedNamespace ?? '';
    const context: SchemaContext = {
      source,
      module,
      targetNamespace,
      qualifiedElements: schema.attributes.elementFormDefault === 'qualified',
    };
    this.loadedSchemas.add(id);
    for (const child of schema.children) {
      if (child.namespace !== XS) continue;
      const name = child.attributes.name;
      if ((child.local === 'complexType' || child.local === 'simpleType') && name) {
        this.types.set(key(targetNamespace, name), { node: child, schema: context });
      } else if (child.local === 'element' && name) {
        this.elements.set(key(targetNamespace, name), { node: child, schema: context });
      } else if ((child.local === 'import' || child.local === 'include') && child.attributes.schemaLocation) {
        const target = path.posix.normalize(path.posix.join(path.posix.dirname(source), child.attributes.schemaLocation));
        const marker = `file:${target}:${child.local === 'include' ? targetNamespace : ''}`;
        if (this.loadedSchemas.has(marker)) continue;
        this.loadedSchemas.add(marker);
        const root = this.document(target);
        const moduleName = safeIdentifier(path.posix.basename(target).replace(/\.xsd$/i, ''));
        this.loadSchema(root, target, moduleName, child.local === 'include' ? targetNamespace : undefined);
      }
    }
  }

  private service(source: string): ServiceModel {
    const definitions = this.document(source);
    if (definitions.namespace !== WSDL || definitions.local !== 'definitions') {
      throw new UnsupportedConstructError(source, 'document', 'root is not a WSDL 1.1 wsdl:definitions element');
    }
    const port = childrenOf(definitions, WSDL, 'service').flatMap((s) => childrenOf(s, WSDL, 'port'))[0];
    const address = port?.children.find((c) => c.local === 'address' && (c.namespace === SOAP11 || c.namespace === SOAP12));
    const name = serviceNameOf(source, address?.attributes.location);
    const types = firstChild(definitions, WSDL, 'types');
    for (const schema of types ? childrenOf(types, XS, 'schema') : []) this.loadSchema(schema, source, name);

    const bindingNode = port
      ? this.findByQName(definitions, WSDL, 'binding', port.attributes.binding ?? '', port)
      : childrenOf(definitions, WSDL, 'binding')[0];
    if (!bindingNode) throw new UnsupportedConstructError(source, 'wsdl:binding', 'no binding found');
    const soapBinding = bindingNode.children.find((c) => c.local === 'binding' && (c.namespace === SOAP11 || c.namespace === SOAP12));
    if (!soapBinding) throw new UnsupportedConstructError(source, 'wsdl:binding', `binding ${bindingNode.attributes.name} is not a SOAP binding`);
    const soapNs = soapBinding.namespace;
    if ((soapBinding.attributes.style ?? 'document') !== 'document') {
      throw new UnsupportedConstructError(source, 'RPC style', `binding ${bindingNode.attributes.name} uses style="${soapBinding.attributes.style}"`);
    }
    const portType = this.findByQName(definitions, WSDL, 'portType', bindingNode.attributes.type ?? '', bindingNode);
    if (!portType) throw new UnsupportedConstructError(source, 'wsdl:portType', `portType of binding ${bindingNode.attributes.name} not found`);

    const dictionary = this.byService.get(name);
    const operations = childrenOf(portType, WSDL, 'operation').map((operation) => {
      const opName = operation.attributes.name!;
      const boundOp = childrenOf(bindingNode, WSDL, 'operation').find((o) => o.attributes.name === opName);
      const soapOp = boundOp?.children.find((c) => c.local === 'operation' && c.namespace === soapNs);
      return this.operation(source, definitions, name, operation, soapOp?.attributes.soapAction ?? '', dictionary);
    });
    const targetNamespace = definitions.attributes.targetNamespace ?? '';
    return {
      kind: 'service',
      name,
      source,
      namespace: targetNamespace,
      soapVersion: soapNs === SOAP12 ? '1.2' : '1.1',
      ...(address?.attributes.location ? { location: address.attributes.location } : {}),
      ...(dictionary?.interfaceVersionPrefix ? { interfaceVersionPrefix: dictionary.interfaceVersionPrefix } : {}),
      ...(dictionary?.description ? { description: dictionary.description } : {}),
      operations,
    };
  }

  private findByQName(definitions: XmlElement, ns: string, local: string, qname: string, context: XmlElement): XmlElement | undefined {
    const { local: wanted } = resolveQName(context, qname);
    return childrenOf(definitions, ns, local).find((node) => node.attributes.name === wanted);
  }

  private messageElement(source: string, definitions: XmlElement, io: XmlElement | undefined, opName: string): Component & { local: string; namespace: string } {
    if (!io) throw new UnsupportedConstructError(source, 'wsdl:operation', `${opName} has no input or output message`);
    const message = this.findByQName(definitions, WSDL, 'message', io.attributes.message ?? '', io);
    if (!message) throw new UnsupportedConstructError(source, 'wsdl:message', `message ${io.attributes.message} of ${opName} not found`);
    const parts = childrenOf(message, WSDL, 'part');
    if (parts.length !== 1 || !parts[0]!.attributes.element) {
      throw new UnsupportedConstructError(source, 'message parts', `${opName}: message ${message.attributes.name} must have one part with element= (document/literal)`);
    }
    const qname = resolveQName(parts[0]!, parts[0]!.attributes.element!);
    const element = this.elements.get(key(qname.namespace, qname.local));
    if (!element) throw new UnsupportedConstructError(source, 'xs:element', `global element ${qname.local} not found for ${opName}`);
    return { ...element, ...qname };
  }

  private operation(
    source: string,
    definitions: XmlElement,
    service: string,
    operation: XmlElement,
    soapAction: string,
    dictionary: DictionaryFile | undefined,
  ): OperationModel {
    const name = operation.attributes.name!;
    const entry = dictionary?.operations?.[name];
    const request = this.messageElement(source, definitions, firstChild(operation, WSDL, 'input'), name);
    const response = this.messageElement(source, definitions, firstChild(operation, WSDL, 'output'), name);
    const requestContent = this.unwrap(request, 'input');
    const responseContent = this.unwrap(response, 'output');
    const requestName = this.reserveName(requestContent.typeKey, `${pascalCase(name)}Request`);
    const responseName = this.reserveName(responseContent.typeKey, `${pascalCase(name)}Response`);
    this.struct(requestContent.typeKey, requestContent.component, service);
    this.struct(responseContent.typeKey, responseContent.component, service);
    const codeField = entry?.codeField ?? dictionary?.codeField;
    return {
      kind: 'operation',
      name,
      ...(entry?.description ? { description: entry.description } : {}),
      soapAction,
      requestElement: { namespace: request.namespace, local: request.local },
      responseElement: { namespace: response.namespace, local: response.local },
      ...(requestContent.wrapper ? { requestWrapper: requestContent.wrapper } : {}),
      ...(responseContent.wrapper ? { responseWrapper: responseContent.wrapper } : {}),
      request: requestName,
      response: responseName,
      ...(entry?.recommendedInterfaceVersion ? { recommendedInterfaceVersion: entry.recommendedInterfaceVersion } : {}),
      category: entry?.kind ?? guessCategory(name),
      ...(codeField ? { codeField } : {}),
      ...(entry?.status ? { status: entry.status } : {}),
      ...(entry?.sources ? { sources: entry.sources } : {}),
      ...(entry?.inference ? { inference: entry.inference } : {}),
      ...(entry?.note ? { note: entry.note } : {}),
    };
  }

  /**
   * The body element's type; when it holds a single `input`/`output` child (the Worldline style),
   * the fields are that child's type and the child name is recorded as the wrapper.
   */
  private unwrap(element: Component, wrapperName: string): { typeKey: string; component: Component; wrapper?: string } {
    const bodyType = this.elementType(element);
    const sequence = this.contentParticles(bodyType.component);
    if (sequence.length === 1 && sequence[0]!.attributes.name === wrapperName && sequence[0]!.attributes.type) {
      const inner = this.elementType({ node: sequence[0]!, schema: bodyType.component.schema });
      return { ...inner, wrapper: wrapperName };
    }
    return bodyType;
  }

  private elementType(element: Component): { typeKey: string; component: Component } {
    const typeAttr = element.node.attributes.type;
    if (typeAttr) {
      const qname = resolveQName(element.node, typeAttr);
      const component = this.types.get(key(qname.namespace, qname.local));
      if (!component) throw new UnsupportedConstructError(element.schema.source, 'type reference', `type ${typeAttr} not found`);
      return { typeKey: key(qname.namespace, qname.local), component };
    }
    const inline = firstChild(element.node, XS, 'complexType');
    if (!inline) throw new UnsupportedConstructError(element.schema.source, 'xs:element', `element ${element.node.attributes.name} has neither type= nor an inline complexType`);
    return { typeKey: `${key(element.schema.targetNamespace, element.node.attributes.name ?? '')}#element`, component: { node: inline, schema: element.schema } };
  }

  /** Element particles of a complex type's content, in order (sequence/all, nested sequences, choice). */
  private contentParticles(component: Component): XmlElement[] {
    const out: XmlElement[] = [];
    const walk = (node: XmlElement, optional: boolean): void => {
      for (const child of node.children) {
        if (child.namespace !== XS) continue;
        if (child.local === 'element') out.push(optional ? { ...child, attributes: { ...child.attributes, minOccurs: '0' } } : child);
        else if (child.local === 'sequence' || child.local === 'all') walk(child, optional || child.attributes.minOccurs === '0');
        else if (child.local === 'choice') walk(child, true);
        else if (child.local === 'complexContent') {
          const extension = firstChild(child, XS, 'extension');
          if (!extension) throw new UnsupportedConstructError(component.schema.source, 'xs:complexContent', 'only xs:extension is supported');
          const base = resolveQName(extension, extension.attributes.base ?? '');
          const baseComponent = this.types.get(key(base.namespace, base.local));
          if (baseComponent) out.push(...this.contentParticles(baseComponent));
          walk(extension, optional);
        } else if (child.local === 'attribute' || child.local === 'anyAttribute' || child.local === 'annotation') {
          continue;
        } else if (child.local === 'any') {
          continue;
        } else {
          throw new UnsupportedConstructError(component.schema.source, `xs:${child.local}`, `in type ${component.node.attributes.name ?? '(anonymous)'}`);
        }
      }
    };
    walk(component.node, false);
    return out;
  }

  private reserveName(typeKey: string, preferred: string): string {
    const existing = this.typeNames.get(typeKey);
    if (existing) return existing;
    const name = uniqueName(safeIdentifier(preferred), this.usedNames);
    this.typeNames.set(typeKey, name);
    return name;
  }

  private struct(typeKey: string, component: Component, service: string): string {
    const name = this.reserveName(typeKey, pascalCase(component.node.attributes.name ?? typeKey));
    if (this.structs.has(name)) return name;
    // Placeholder first so recursive types terminate.
    this.structs.set(name, { kind: 'struct', name, module: component.schema.module, xsdName: component.node.attributes.name ?? '', fields: [] });
    const fields = this.contentParticles(component).map((particle) => this.field(particle, component, name, service));
    this.structs.set(name, {
      kind: 'struct',
      name,
      module: component.schema.module,
      xsdName: component.node.attributes.name ?? '',
      ...this.describe(component.node.attributes.name ?? '', service, component.schema.module),
      fields,
    });
    return name;
  }

  private describe(fieldName: string, service: string, module: string): { description?: string; since?: string; sensitive?: FieldModel['sensitive'] } {
    const dictionaries = [this.byService.get(service), this.byService.get(module), ...this.common];
    const out: { description?: string; since?: string; sensitive?: FieldModel['sensitive'] } = {};
    for (const dictionary of dictionaries) {
      const entry = dictionary?.fields?.[fieldName];
      if (!entry) continue;
      if (out.description === undefined && entry.description) out.description = entry.description;
      if (out.since === undefined && entry.since) out.since = entry.since;
      if (out.sensitive === undefined && entry.sensitive) out.sensitive = entry.sensitive;
    }
    return out;
  }

  private field(particle: XmlElement, owner: Component, ownerName: string, service: string): FieldModel {
    let node = particle;
    let schema = owner.schema;
    let namespace: string;
    if (particle.attributes.ref) {
      const qname = resolveQName(particle, particle.attributes.ref);
      const target = this.elements.get(key(qname.namespace, qname.local));
      if (!target) throw new UnsupportedConstructError(owner.schema.source, 'xs:element ref', `element ${particle.attributes.ref} not found`);
      node = { ...target.node, attributes: { ...target.node.attributes, minOccurs: particle.attributes.minOccurs ?? '1', maxOccurs: particle.attributes.maxOccurs ?? '1' } };
      schema = target.schema;
      namespace = qname.namespace;
    } else {
      const form = particle.attributes.form;
      namespace = form === 'qualified' || (form === undefined && schema.qualifiedElements) ? schema.targetNamespace : '';
    }
    const element = node.attributes.name;
    if (!element) throw new UnsupportedConstructError(schema.source, 'xs:element', `an element of ${ownerName} has no name`);
    const required = (particle.attributes.minOccurs ?? '1') !== '0';
    const repeated = (node.attributes.maxOccurs ?? '1') !== '1' && (node.attributes.maxOccurs ?? '1') !== '0';
    const resolved = this.fieldType({ node, schema }, ownerName, element, service);
    const dictionary = this.describe(element, service, schema.module);
    // The property name is the wire name (the seal sorts by it); the emitter quotes it when needed.
    const name = element;
    let list: FieldModel['list'];
    let type = resolved.type;
    if (repeated) list = { kind: 'repeated' };
    else if (resolved.listItem) {
      list = { kind: 'wrapped', item: resolved.listItem.element, itemNamespace: resolved.listItem.namespace };
      type = resolved.listItem.type;
    }
    return {
      kind: 'field',
      name,
      element,
      namespace,
      type,
      required,
      ...(list ? { list } : {}),
      ...(resolved.facets && Object.keys(resolved.facets).length > 0 ? { facets: resolved.facets } : {}),
      ...dictionary,
    };
  }

  private fieldType(
    element: Component,
    ownerName: string,
    fieldName: string,
    service: string,
  ): { type: TypeRef; facets?: Facets; listItem?: { element: string; namespace: string; type: TypeRef } } {
    const typeAttr = element.node.attributes.type;
    if (typeAttr) {
      const qname = resolveQName(element.node, typeAttr);
      if (qname.namespace === XS) return { type: { kind: 'primitive', primitive: PRIMITIVES[qname.local] ?? 'string' } };
      const typeKey = key(qname.namespace, qname.local);
      const component = this.types.get(typeKey);
      if (!component) throw new UnsupportedConstructError(element.schema.source, 'type reference', `type ${typeAttr} of ${ownerName}.${fieldName} not found`);
      return this.namedType(typeKey, component, service);
    }
    const inlineSimple = firstChild(element.node, XS, 'simpleType');
    if (inlineSimple) {
      return this.simpleType(`${key(element.schema.targetNamespace, ownerName)}/${fieldName}`, { node: inlineSimple, schema: element.schema }, `${ownerName}${pascalCase(fieldName)}`, service);
    }
    const inlineComplex = firstChild(element.node, XS, 'complexType');
    if (inlineComplex) {
      const typeKey = `${key(element.schema.targetNamespace, ownerName)}/${fieldName}`;
      const component = { node: inlineComplex, schema: element.schema };
      this.reserveName(typeKey, `${ownerName}${pascalCase(fieldName)}`);
      return this.complexType(typeKey, component, service);
    }
    return { type: { kind: 'primitive', primitive: 'string' } };
  }

  private namedType(typeKey: string, component: Component, service: string): ReturnType<ModelBuilder['fieldType']> {
    if (component.node.local === 'simpleType') return this.simpleType(typeKey, component, pascalCase(component.node.attributes.name!), service);
    return this.complexType(typeKey, component, service);
  }

  private complexType(typeKey: string, component: Component, service: string): ReturnType<ModelBuilder['fieldType']> {
    const particles = this.contentParticles(component);
    const hasAttributes = component.node.children.some((c) => c.namespace === XS && (c.local === 'attribute' || c.local === 'simpleContent'));
    if (particles.length === 1 && !hasAttributes && (particles[0]!.attributes.maxOccurs ?? '1') !== '1') {
      const item = particles[0]!;
      const inner = this.field(item, component, component.node.attributes.name ?? 'List', service);
      if (!inner.list || inner.list.kind === 'repeated') {
        return { type: inner.type, listItem: { element: inner.element, namespace: inner.namespace, type: inner.type } };
      }
    }
    return { type: { kind: 'struct', name: this.struct(typeKey, component, service) } };
  }

  private simpleType(typeKey: string, component: Component, preferredName: string, service: string): ReturnType<ModelBuilder['fieldType']> {
    const restriction = firstChild(component.node, XS, 'restriction');
    if (!restriction) return { type: { kind: 'primitive', primitive: 'string' } };
    const facets: { -readonly [K in keyof Facets]: Facets[K] } = {};
    const values: string[] = [];
    for (const facet of restriction.children) {
      const value = facet.attributes.value;
      if (value === undefined) continue;
      switch (facet.local) {
        case 'enumeration': values.push(value); break;
        case 'length': facets.minLength = facets.maxLength = Number(value); break;
        case 'maxLength': facets.maxLength = Number(value); break;
        case 'minLength': facets.minLength = Number(value); break;
        case 'pattern': facets.pattern = value; break;
        case 'minInclusive': facets.minInclusive = Number(value); break;
        case 'maxInclusive': facets.maxInclusive = Number(value); break;
      }
    }
    let base: ReturnType<ModelBuilder['fieldType']> = { type: { kind: 'primitive', primitive: 'string' } };
    if (restriction.attributes.base) {
      const qname = resolveQName(restriction, restriction.attributes.base);
      if (qname.namespace === XS) base = { type: { kind: 'primitive', primitive: PRIMITIVES[qname.local] ?? 'string' } };
      else {
        const baseComponent = this.types.get(key(qname.namespace, qname.local));
        if (baseComponent) base = this.namedType(key(qname.namespace, qname.local), baseComponent, service);
      }
    }
    if (values.length > 0) {
      return { type: { kind: 'enum', name: this.enumModel(typeKey, component, preferredName, values, service) } };
    }
    return { type: base.type, facets: { ...base.facets, ...facets } };
  }

  private enumModel(typeKey: string, component: Component, preferredName: string, values: string[], service: string): string {
    const name = this.reserveName(typeKey, preferredName);
    if (this.enums.has(name)) return name;
    const xsdName = component.node.attributes.name ?? '';
    const lists = [this.byService.get(service), this.byService.get(component.schema.module), ...this.common]
      .map((dictionary) => dictionary?.valueLists?.[xsdName])
      .filter((list) => list !== undefined);
    const list = lists[0];
    this.enums.set(name, {
      kind: 'enum',
      name,
      module: component.schema.module,
      xsdName,
      ...(list?.description ? { description: list.description } : {}),
      values: values.map((value) => ({
        value,
        ...(list?.values[value] ? { meaning: list.values[value] } : {}),
        ...(list?.outcomes?.[value] ? { outcome: list.outcomes[value] } : {}),
      })),
    });
    return name;
  }
}

function guessCategory(operation: string): OperationCategory {
  if (/^(get|search|describe|inquire)/i.test(operation)) return 'read';
  return 'write';
}
