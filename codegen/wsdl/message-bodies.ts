// Message bodies: what a message's parts put in the SOAP Body for each style (document wrapped, document
// bare, RPC), as the element that travels and the struct that types it.
import type { XmlElement } from '../parse';
import { childrenOf, findDeep, resolveQName } from '../parse';
import { pascalCase, type NameHint } from '../names';
import { XS } from '../xsd/builtins';
import { complexType } from '../xsd/complex-types';
import { content } from '../xsd/content';
import { addHint, ANY, claimer, facetsOf, type DraftField, type DraftStruct } from '../xsd/drafts';
import { elementField, elementNamespace, unresolvedField } from '../xsd/fields';
import { globalElementType, typeTarget } from '../xsd/references';
import { key } from '../xsd/registry';
import { lost, moduleFor, warn, type Component, type SchemaContext } from '../xsd/schema-set';
import { simpleType } from '../xsd/simple-types';
import { isSoapBinding, WSDL, type WsdlComponent, type WsdlSet } from './definitions';

type QualifiedName = { namespace: string; local: string };

/** The element a body travels as, the struct key that types it, and the inner wrapper (input/output) if any. */
export interface MessageBody {
  readonly element: QualifiedName;
  readonly key: string;
  /** The struct of the request's SOAP header blocks, when the binding declares some. */
  readonly headers?: string;
  readonly wrapper?: QualifiedName;
}

/**
 * The parts of a message that travel in the SOAP Body (soap:body parts=, minus soap:header parts).
 *   <wsdl:message name> <wsdl:part name element?|type?/>* </wsdl:message>
 *   <wsdl:input> <soap:body parts? use namespace?/> <soap:header message part use/>* </wsdl:input>
 */
export function bodyParts(set: WsdlSet, message: WsdlComponent, bound: XmlElement | undefined): XmlElement[] {
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
      .filter(
        (c) => set.messages.find(resolveQName(c, c.attributes.message!), message.targetNamespace)?.value === message,
      )
      .map((c) => c.attributes.part),
  );
  return parts.filter((p) => !headerParts.has(p.attributes.name));
}

/**
 * What the binding says that the generated client does not carry: a reply's SOAP header blocks (not read) and
 * SOAP encoding (the body is written as literal, without xsi:type). `wsdl`: the WSDL being read.
 */
function reportUnrepresented(
  set: WsdlSet,
  wsdl: string,
  opName: string,
  direction: 'Request' | 'Response',
  bound: XmlElement | undefined,
): void {
  if (!bound) return;
  const where = direction === 'Request' ? 'request' : 'reply';
  const source = bindingSource(set, bound, wsdl);
  // Request headers are sent (a `headers` call option, see headerStruct); reply headers are not read.
  if (direction === 'Response') {
    for (const header of bound.children.filter((c) => c.local === 'header' && isSoapBinding(c))) {
      lost(
        set,
        source,
        header,
        'soap:header',
        `header ${header.attributes.message ?? '?'} part ${header.attributes.part ?? '?'} of operation ` +
          `${opName} (${where}) is not read`,
      );
    }
  }
  const soapBody = bound.children.find((c) => c.local === 'body' && isSoapBinding(c));
  if (soapBody?.attributes.use === 'encoded') {
    lost(
      set,
      source,
      soapBody,
      'soap:body use="encoded"',
      `operation ${opName} (${where}` + `) is generated as literal: no xsi:type and no SOAP encoding rules on the wire`,
    );
  }
}

/** The document a binding element sits in (bindings are registered with their source). */
function bindingSource(set: WsdlSet, node: XmlElement, fallback: string): string {
  for (const binding of set.bindings.values()) if (findDeep(binding.node, (n) => n === node)) return binding.source;
  return fallback;
}

/**
 * The body of an operation's input or output: RPC wraps the parts in an element named after the operation
 * (in the soap:body namespace); document style with one element= part sends that element; any other
 * document body (no part, several, type= parts) puts the parts directly in the Body.
 */
export function messageBody(
  set: WsdlSet,
  source: string,
  opName: string,
  portType: WsdlComponent,
  io: XmlElement,
  bound: XmlElement | undefined,
  style: string,
  direction: 'Request' | 'Response',
): MessageBody | undefined {
  const message = set.messages.find(resolveQName(io, io.attributes.message ?? ''), portType.targetNamespace);
  if (!message) {
    warn(
      set,
      portType.source,
      'wsdl:message',
      `message ${io.attributes.message} of operation ${opName} not found; the operation is skipped`,
      io,
    );
    return undefined;
  }
  const parts = bodyParts(set, message.value, bound);
  reportUnrepresented(set, source, opName, direction, bound);
  const headers =
    direction === 'Request' ? headerStruct(set, source, opName, bound, portType.targetNamespace) : undefined;
  const hint: NameHint = { priority: 0, base: `${pascalCase(opName)}${direction}` };
  const syntheticKey = `${source}#${opName}#${direction}`;
  if (style === 'rpc') {
    const soapBody = bound && findDeep(bound, (n) => n.local === 'body' && isSoapBinding(n));
    const namespace = soapBody?.attributes.namespace ?? message.value.targetNamespace;
    partsStruct(set, syntheticKey, parts, message.value, hint);
    return {
      ...{ element: { namespace, local: direction === 'Request' ? opName : `${opName}Response` }, key: syntheticKey },
      ...(headers ? { headers } : {}),
    };
  }
  if (parts.length === 1 && parts[0]!.attributes.element) {
    const part = parts[0]!;
    const qname = resolveQName(part, part.attributes.element!);
    const found = set.elements.find(qname, message.value.targetNamespace);
    if (!found) {
      warn(
        set,
        message.value.source,
        'xs:element',
        `global element ${part.attributes.element} (part ${part.attributes.name} of message ` +
          `${message.value.node.attributes.name}) not found; its content is typed as unknown`,
        part,
      );
      const element = { namespace: qname.namespace ?? '', local: qname.local };
      const openKey = `${key(element.namespace, element.local)}#missing`;
      addHint(set.drafts.hints, openKey, hint);
      if (!set.drafts.structs.has(openKey))
        set.drafts.structs.set(openKey, {
          key: openKey,
          module: moduleFor(set, message.value.source),
          xsdName: qname.local,
          fields: [],
          open: true,
        });
      return { ...{ element, key: openKey }, ...(headers ? { headers } : {}) };
    }
    const element = { namespace: found.namespace, local: found.value.node.attributes.name! };
    return {
      ...{
        element,
        ...bodyElementStruct(set, found.value, found.namespace, hint, direction === 'Request' ? 'input' : 'output'),
      },
      ...(headers ? { headers } : {}),
    };
  }
  // Bare document style with zero or several parts (or type= parts): the parts sit directly in the Body.
  partsStruct(set, syntheticKey, parts, message.value, hint);
  return { ...{ element: { namespace: '', local: '' }, key: syntheticKey }, ...(headers ? { headers } : {}) };
}

/**
 * The struct of a body element's type. When it holds a single `input`/`output` element (the Worldline
 * style), the fields are that child's type and the child is recorded as the wrapper.
 */
function bodyElementStruct(
  set: WsdlSet,
  element: Component,
  namespace: string,
  hint: NameHint,
  wrapperName: string,
): { key: string; wrapper?: QualifiedName } {
  const elementKey = `${key(namespace, element.node.attributes.name ?? '')}#element`;
  const typed = globalElementType(set, element, namespace);
  if (typed.kind === 'complex') {
    const found = content(set, typed.component);
    const only = found.elements[0];
    if (found.elements.length === 1 && found.attributes.length === 0 && !found.text && !found.open && only) {
      const child = only.node;
      if (!child.attributes.ref && child.attributes.name === wrapperName && child.attributes.type && !only.repeated) {
        const inner = typeTarget(set, child, child.attributes.type, only.schema);
        if (inner.kind === 'complex') {
          complexType(set, inner.key, inner.component, hint);
          return { key: inner.key, wrapper: { namespace: elementNamespace(child, only.schema), local: wrapperName } };
        }
      }
    }
    complexType(set, typed.key, typed.component, hint);
    return { key: typed.key };
  }
  const structKey = `${elementKey}#value`;
  addHint(set.drafts.hints, structKey, hint);
  if (!set.drafts.structs.has(structKey)) {
    const struct: DraftStruct = {
      key: structKey,
      module: element.schema.module,
      xsdName: element.node.attributes.name ?? '',
      fields: [],
    };
    set.drafts.structs.set(structKey, struct);
    if (typed.kind === 'missing')
      warn(
        set,
        element.schema.source,
        'type reference',
        `type ${element.node.attributes.type} of element ${element.node.attributes.name}` +
          ` not found; typed as unknown`,
        element.node,
      );
    const resolved =
      typed.kind === 'simple'
        ? simpleType(set, typed.key, typed.component, typed.hint)
        : typed.kind === 'builtin'
          ? typed.resolved
          : ANY;
    if (resolved === ANY || (resolved.type.kind === 'primitive' && resolved.type.primitive === 'any'))
      struct.open = true;
    else
      struct.fields = [
        {
          kind: 'field',
          name: '$value',
          element: '',
          namespace: '',
          xml: 'text',
          type: resolved.type,
          required: true,
          ...facetsOf(resolved),
        },
      ];
  }
  return { key: structKey };
}

/**
 * A struct whose fields are message parts: RPC wrappers and bare document bodies. <wsdl:part name element=QName/> is
 * that global element; <wsdl:part name type=QName/> an unqualified element named after the part.
 */
function partsStruct(
  set: WsdlSet,
  structKey: string,
  parts: XmlElement[],
  message: WsdlComponent,
  hint: NameHint,
): void {
  addHint(set.drafts.hints, structKey, hint);
  if (set.drafts.structs.has(structKey)) return;
  const struct: DraftStruct = {
    key: structKey,
    module: moduleFor(set, message.source),
    xsdName: '',
    description: `The parts of WSDL message ${message.node.attributes.name ?? ''}.`,
    fields: [],
  };
  set.drafts.structs.set(structKey, struct);
  const claim = claimer();
  const owner = { key: structKey, base: hint.base };
  for (const part of parts) struct.fields.push(partField(set, part, message, struct.module, owner, claim));
}

/**
 * A message part as the element it travels as: a global element (element=), else an unqualified element named after the
 * part.
 */
function partField(
  set: WsdlSet,
  part: XmlElement,
  message: WsdlComponent,
  module: string,
  owner: { key: string; base: string },
  claim: (name: string) => string,
): DraftField {
  const partName = part.attributes.name ?? '';
  if (part.attributes.element) {
    const qname = resolveQName(part, part.attributes.element);
    const found = set.elements.find(qname, message.targetNamespace);
    if (!found) {
      warn(
        set,
        message.source,
        'xs:element',
        `global element ${part.attributes.element} (part ${partName} of message ${message.node.attributes.name}` +
          `) not found; typed as unknown`,
        part,
      );
      return unresolvedField(claim(qname.local), qname, ANY, true);
    }
    return elementField(
      set,
      { node: found.value.node, schema: found.value.schema, optional: false, repeated: false },
      found.namespace,
      owner,
      claim,
    );
  }
  // A type= part is an unqualified element named after the part.
  const node: XmlElement = {
    ...part,
    namespace: XS,
    local: 'element',
    attributes: { name: partName, ...(part.attributes.type ? { type: part.attributes.type } : {}) },
  };
  const schema: SchemaContext = {
    source: message.source,
    module,
    targetNamespace: message.targetNamespace,
    elementQualified: false,
    attributeQualified: false,
    chameleon: false,
  };
  return elementField(set, { node, schema, optional: false, repeated: false }, '', owner, claim);
}

/**
 * The SOAP header blocks of a request, as one struct whose fields are the header parts (each the element it travels
 * as); undefined when there are none. A header whose message or part is missing is warned about and left out.
 *   <wsdl:input> <soap:header message=QName part=NMTOKEN use="literal"/>* ... </wsdl:input>
 */
function headerStruct(
  set: WsdlSet,
  source: string,
  opName: string,
  bound: XmlElement | undefined,
  near: string,
): string | undefined {
  const headers = bound?.children.filter((c) => c.local === 'header' && isSoapBinding(c) && c.attributes.message) ?? [];
  if (headers.length === 0) return undefined;
  const structKey = `${source}#${opName}#RequestHeaders`;
  const hint: NameHint = { priority: 0, base: `${pascalCase(opName)}RequestHeaders` };
  addHint(set.drafts.hints, structKey, hint);
  if (set.drafts.structs.has(structKey)) return structKey;
  const module = moduleFor(set, source);
  const struct: DraftStruct = {
    key: structKey,
    module,
    xsdName: '',
    description: `The SOAP header blocks of ${opName}'s request.`,
    fields: [],
  };
  set.drafts.structs.set(structKey, struct);
  const claim = claimer();
  const owner = { key: structKey, base: hint.base };
  for (const header of headers) {
    const message = set.messages.find(resolveQName(header, header.attributes.message!), near);
    const part =
      message && childrenOf(message.value.node, WSDL, 'part').find((p) => p.attributes.name === header.attributes.part);
    if (!message || !part) {
      warn(
        set,
        bindingSource(set, header, source),
        'soap:header',
        `header ${header.attributes.message} part ${header.attributes.part ?? '?'} of operation ${opName}` +
          ` not found; not sent`,
        header,
      );
      continue;
    }
    struct.fields.push(partField(set, part, message.value, module, owner, claim));
  }
  return structKey;
}
