// The SOAP wire, request side: reads a request envelope with our own XML reader into the exact text
// each element carried (entities resolved, nothing re-serialised), which is what seals are verified over.
import { type OperationDescriptor, parseXml, readRecord, type ServiceDescriptor, structOf, type WireRecord, type XmlNode } from 'sogenactif-office/internal';

export interface SoapRequest {
  readonly operation: OperationDescriptor;
  /** The request's fields, each as the text the client wrote. */
  readonly record: WireRecord;
}

/** A request the simulator cannot read: answered with a SOAP Client fault carrying this message. */
export class SoapRequestError extends Error {
  override readonly name = 'SoapRequestError';
}

const ENVELOPES = new Set(['http://schemas.xmlsoap.org/soap/envelope/', 'http://www.w3.org/2003/05/soap-envelope']);

/** Reads `body` as a request to one of `service`'s operations. */
export function readSoapRequest(service: ServiceDescriptor, body: string): SoapRequest {
  let root: XmlNode;
  try {
    root = parseXml(body);
  } catch (error) {
    throw new SoapRequestError((error as Error).message);
  }
  if (root.local !== 'Envelope' || !ENVELOPES.has(root.namespace)) throw new SoapRequestError(`not a SOAP envelope (root element ${root.local})`);
  const soapBody = root.children.find((c) => c.local === 'Body' && c.namespace === root.namespace);
  const payload = soapBody?.children[0];
  if (!payload) throw new SoapRequestError('the SOAP Body is empty');
  const operation = Object.values(service.operations).find((o) => (o.style === 'rpc' ? o.name : o.requestElement) === payload.local);
  if (!operation) throw new SoapRequestError(`${service.name} has no operation for the body element ${payload.local}`);
  const content = operation.requestWrapper ? payload.children.find((c) => c.local === operation.requestWrapper) : payload;
  if (!content) throw new SoapRequestError(`<${operation.requestWrapper}> missing in ${payload.local}`);
  return { operation, record: readRecord(content, structOf(operation.schema, operation.request), operation.schema) };
}
