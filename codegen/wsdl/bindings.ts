// Bindings: which SOAP bindings a WSDL's service offers, and each bound operation's style, SOAP action and
// request and response bodies.
import type { OperationModel } from '../ir';
import type { XmlElement } from '../parse';
import { childrenOf, firstChild, resolveQName } from '../parse';
import { safeIdentifier, uniqueName } from '../names';
import { UnsupportedConstructError } from '../unsupported-construct-error';
import { lost, warn } from '../xsd/schema-set';
import { isSoapBinding, reachable, SOAP11, SOAP12, WSDL, type WsdlComponent, type WsdlSet } from './definitions';
import { messageBody } from './message-bodies';

/** An operation before naming: its request and response are still type keys. */
export type DraftOperation = Omit<OperationModel, 'request' | 'response' | 'requestHeaders'> & {
  readonly requestKey: string;
  readonly responseKey?: string;
  readonly requestHeadersKey?: string;
};

/** A SOAP binding chosen for generation, with its soap:binding element and its port's address. */
export interface ChosenBinding {
  readonly binding: WsdlComponent;
  readonly soapBinding: XmlElement;
  readonly location?: string;
}

/**
 * The SOAP bindings to generate: those of the service ports (every binding when there is no service
 * element), one per portType, SOAP 1.1 preferred over SOAP 1.2 for the same portType.
 *   <wsdl:service name> <wsdl:port name binding=QName> <soap:address location/> </wsdl:port>* </wsdl:service>
 *   <wsdl:binding name type=QName> <soap:binding style? transport/> ... </wsdl:binding>
 */
export function chooseBindings(set: WsdlSet, source: string): ChosenBinding[] {
  const documents = reachable(set, source);
  const definitions = [...set.loadedDefinitions.values()].filter((d) => documents.has(d.source));
  const candidates: { binding: WsdlComponent; location?: string }[] = [];
  for (const defs of definitions) {
    for (const service of childrenOf(defs.node, WSDL, 'service')) {
      for (const port of childrenOf(service, WSDL, 'port')) {
        const found = set.bindings.find(resolveQName(port, port.attributes.binding ?? ''), defs.targetNamespace);
        if (!found) {
          warn(
            set,
            defs.source,
            'wsdl:port',
            `binding ${port.attributes.binding} of port ${port.attributes.name} not found; the port is skipped`,
            port,
          );
          continue;
        }
        const address = port.children.find((c) => c.local === 'address' && isSoapBinding(c));
        candidates.push({
          binding: found.value,
          ...(address?.attributes.location ? { location: address.attributes.location } : {}),
        });
      }
    }
  }
  if (candidates.length === 0)
    candidates.push(
      ...set.bindings
        .values()
        .filter((b) => documents.has(b.source))
        .map((binding) => ({ binding })),
    );
  const soap = candidates
    .map((c) => ({
      ...c,
      soapBinding:
        c.binding.node.children.find((n) => n.local === 'binding' && isSoapBinding(n)) ??
        impliedSoapBinding(c.binding.node),
    }))
    .filter((c): c is typeof c & { soapBinding: XmlElement } => c.soapBinding !== undefined);
  if (soap.length === 0 && candidates.length > 0) {
    const names = [...new Set(candidates.map((c) => c.binding.node.attributes.name))].join(', ');
    throw new UnsupportedConstructError(
      source,
      'wsdl:binding',
      `no SOAP 1.1 or 1.2 binding (only ${names}, e.g. HTTP GET/POST)`,
    );
  }
  const byPortType = new Map<string, (typeof soap)[number]>();
  for (const candidate of soap) {
    const portType = resolveQName(candidate.binding.node, candidate.binding.node.attributes.type ?? '');
    const id = `${portType.namespace ?? '?'}|${portType.local}`;
    const existing = byPortType.get(id);
    if (!existing || (existing.soapBinding.namespace === SOAP12 && candidate.soapBinding.namespace === SOAP11))
      byPortType.set(id, candidate);
  }
  return [...byPortType.values()];
}

/**
 * A binding without soap:binding whose operations carry soap:operation: a SOAP binding all the same, as node-soap
 * and zeep read it (document style unless an operation says otherwise), in the soap:operation's SOAP version.
 */
function impliedSoapBinding(binding: XmlElement): XmlElement | undefined {
  for (const operation of childrenOf(binding, WSDL, 'operation')) {
    const soapOp = operation.children.find((n) => n.local === 'operation' && isSoapBinding(n));
    if (soapOp)
      return {
        ...soapOp,
        name: soapOp.name.replace(/operation$/, 'binding'),
        local: 'binding',
        attributes: {},
        children: [],
      };
  }
  return undefined;
}

/**
 * The operations of a chosen binding's portType that a client can call (those with an input). <wsdl:portType name>
 * <wsdl:operation name> <wsdl:input message/> <wsdl:output message/>? </wsdl:operation>* </wsdl:portType> `used` holds
 * the method names already taken in the service.
 */
export function boundOperations(
  set: WsdlSet,
  source: string,
  chosen: ChosenBinding,
  used: Set<string>,
): DraftOperation[] {
  const { binding, soapBinding } = chosen;
  const portType = set.portTypes.find(
    resolveQName(binding.node, binding.node.attributes.type ?? ''),
    binding.targetNamespace,
  );
  if (!portType) {
    warn(
      set,
      binding.source,
      'wsdl:portType',
      `portType ${binding.node.attributes.type} of binding ${binding.node.attributes.name}` +
        ` not found; its operations are skipped`,
      binding.node,
    );
    return [];
  }
  const operations: DraftOperation[] = [];
  for (const operation of childrenOf(portType.value.node, WSDL, 'operation')) {
    // Notification and solicit-response operations (no input) are not callable by a client.
    if (!firstChild(operation, WSDL, 'input')) {
      lost(
        set,
        portType.value.source,
        operation,
        'wsdl:operation',
        `operation ${operation.attributes.name ?? '?'}` +
          ` has no input (notification or solicit-response): a client cannot call it; not generated`,
      );
      continue;
    }
    const model = boundOperation(set, source, operation, portType.value, binding, soapBinding, used);
    if (model) operations.push(model);
  }
  return operations;
}

/**
 * One operation as its binding says it travels; undefined when a message is missing (warned).
 *   <wsdl:binding> <wsdl:operation name> <soap:operation soapAction? style?/>
 *     <wsdl:input> <soap:body .../> </wsdl:input> <wsdl:output> ... </wsdl:output>? </wsdl:operation>* </wsdl:binding>
 */
function boundOperation(
  set: WsdlSet,
  source: string,
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
  const request = messageBody(
    set,
    source,
    name,
    portType,
    input,
    boundOp && firstChild(boundOp, WSDL, 'input'),
    style,
    'Request',
  );
  const response = output
    ? messageBody(
        set,
        source,
        name,
        portType,
        output,
        boundOp && firstChild(boundOp, WSDL, 'output'),
        style,
        'Response',
      )
    : undefined;
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
    ...(request.headers ? { requestHeadersKey: request.headers } : {}),
    ...(response ? { responseKey: response.key } : {}),
    // 'write' (never resent automatically) until the platform overlay (dictionary.ts) gives an Office
    // operation its kind; a foreign operation keeps it: no naming convention is applied to other people's WSDLs.
    category: 'write',
  };
}
