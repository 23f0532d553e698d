// The request's SOAP envelope both ways: written by the client (SOAP 1.1 or 1.2, header blocks, body element,
// wrapper, then the fields: write.ts), and read by a server (the gateway, the simulator) into its operation and fields.
import type { OperationDescriptor, ServiceDescriptor, StructDescriptor } from '../../descriptor';
import { indexOf, structOf } from '../../record/structs';
import type { WireRecord } from '../../record/values';
import { RequestShapeError, type ReadRequest } from '../protocol';
import { SOAP11_ENV, SOAP12_ENV } from './fault';
import { readRecord } from './read';
import { attributesOf, closeTag, escapeAttribute, flat, openTag, recordText } from './write';
import { parseXml, XmlSyntaxError, type XmlNode } from './xml';

export function envelopeNamespace(operation: OperationDescriptor): string {
  return operation.soapVersion === '1.2' ? SOAP12_ENV : SOAP11_ENV;
}

/**
 * The whole request envelope. Every element's namespace is the one the descriptor computed from the
 * schema; an empty requestElement puts the fields directly in the Body (bare document style).
 */
export function buildEnvelope(operation: OperationDescriptor, record: WireRecord, headers?: WireRecord): string {
  const parts = envelopeParts(operation);
  const { struct, scope } = parts;
  let text = parts.head;
  // soap:header blocks: each header part's element, as the operation's requestHeaders struct lays them out.
  if (headers && operation.requestHeaders) {
    text += '<soapenv:Header>';
    text += recordText(structOf(operation.schema, operation.requestHeaders), headers, operation.schema, undefined);
    text += '</soapenv:Header>';
  }
  const element = operation.requestElement;
  const wrapper = operation.requestWrapper;
  const wrapperNs = operation.requestWrapperNamespace;
  if (!parts.attributes) text += parts.open;
  else {
    text += '<soapenv:Body>';
    // The fields' own attributes go on the innermost element: the wrapper when there is one.
    const bodyAttributes =
      element && !wrapper ? attributesOf(struct, record, 'ns', operation.namespace || undefined) : '';
    if (element)
      text += operation.namespace
        ? `<ns:${element} xmlns:ns="${escapeAttribute(operation.namespace)}"${bodyAttributes}>`
        : `<${element}${bodyAttributes}>`;
    if (wrapper)
      text += openTag(
        wrapper,
        wrapperNs,
        attributesOf(struct, record, wrapperNs && wrapperNs === scope ? 'ns' : 'n', wrapperNs),
        scope,
      );
  }
  text += recordText(struct, record, operation.schema, scope);
  text += parts.close;
  // A concatenation, written out flat by whoever reads it first (the transport): see recordText.
  return text;
}

/** The parts of an operation's request envelope that no request changes, worked out once per operation. */
interface EnvelopeParts {
  readonly struct: StructDescriptor;
  readonly scope: string | undefined;
  /** The XML declaration and the Envelope's start tag. */
  readonly head: string;
  /** Whether the request's struct has attributes (on the body element or the wrapper): else `open` is its start. */
  readonly attributes: boolean;
  /** The Body, body element and wrapper start tags, when the struct has no attribute. */
  readonly open: string;
  /** The end tags after the fields. */
  readonly close: string;
}
const envelopePartsCache = new WeakMap<OperationDescriptor, EnvelopeParts>();

function envelopeParts(operation: OperationDescriptor): EnvelopeParts {
  let parts = envelopePartsCache.get(operation);
  if (parts === undefined) {
    const struct = structOf(operation.schema, operation.request);
    const element = operation.requestElement;
    const wrapper = operation.requestWrapper;
    const wrapperNs = operation.requestWrapperNamespace;
    const scope = element && operation.namespace ? operation.namespace : undefined;
    const attributes = !!struct.anyAttributes || indexOf(struct).special.some((field) => field.attribute);
    let open = '<soapenv:Body>';
    if (element)
      open += operation.namespace
        ? `<ns:${element} xmlns:ns="${escapeAttribute(operation.namespace)}">`
        : `<${element}>`;
    if (wrapper) open += openTag(wrapper, wrapperNs, '', scope);
    let close = wrapper ? closeTag(wrapper, wrapperNs, scope) : '';
    if (element) close += operation.namespace ? `</ns:${element}>` : `</${element}>`;
    close += '</soapenv:Body></soapenv:Envelope>';
    parts = {
      struct,
      scope,
      head: flat(
        `<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="${envelopeNamespace(operation)}">`,
      ),
      attributes,
      open: flat(open),
      close: flat(close),
    };
    envelopePartsCache.set(operation, parts);
  }
  return parts;
}

/** The operation of `service` whose request element is `payload` (RPC: the operation's name), in its namespace. */
export function requestOperation(service: ServiceDescriptor, payload: XmlNode): OperationDescriptor | undefined {
  return Object.values(service.operations).find(
    (operation) =>
      (operation.requestElement === payload.local || (operation.style === 'rpc' && operation.name === payload.local)) &&
      (operation.namespace === '' || operation.namespace === payload.namespace),
  );
}

/**
 * A request envelope (SOAP 1.1 or 1.2) to one of `service`'s operations, read with the strict XML reader (no DTD,
 * no custom entities) into the operation and each field's text as the caller wrote it (what seals are verified
 * over). Throws RequestShapeError naming what is wrong.
 */
export function readRequestEnvelope(service: ServiceDescriptor, body: string): ReadRequest {
  let root: XmlNode;
  try {
    root = parseXml(body);
  } catch (error) {
    if (error instanceof XmlSyntaxError)
      throw new RequestShapeError(
        `the request is not well-formed XML (${error.message.slice(0, 200)})`,
        'syntax',
        '(envelope)',
        'must be well-formed XML',
      );
    throw error;
  }
  const envelope = root.local === 'Envelope' && (root.namespace === SOAP11_ENV || root.namespace === SOAP12_ENV);
  const soapBody = envelope
    ? root.children.find((c) => c.local === 'Body' && c.namespace === root.namespace)
    : undefined;
  if (!soapBody) {
    throw new RequestShapeError(
      `the request is not a SOAP envelope with a Body (root element {${root.namespace.slice(0, 100)}}` +
        `${root.local.slice(0, 60)})`,
      'envelope',
      '(envelope)',
      'must be a SOAP 1.1 or 1.2 envelope',
    );
  }
  const payload = soapBody.children[0];
  if (!payload)
    throw new RequestShapeError('the SOAP Body is empty', 'envelope', '(body)', 'must hold the operation element');
  const operation = requestOperation(service, payload);
  if (!operation)
    throw new RequestShapeError(
      `${service.name} has no operation for the body element {${payload.namespace.slice(0, 100)}}` +
        `${payload.local.slice(0, 60)}`,
      'operation',
      '(body)',
      'must be an operation element of the service',
    );
  const content = operation.requestWrapper
    ? payload.children.find((c) => c.local === operation.requestWrapper)
    : payload;
  if (!content)
    throw new RequestShapeError(
      `<${operation.requestWrapper}> missing in <${payload.local}>`,
      'wrapper',
      operation.requestWrapper!,
      'is required',
      operation,
    );
  return { operation, record: readRecord(content, structOf(operation.schema, operation.request), operation.schema) };
}
