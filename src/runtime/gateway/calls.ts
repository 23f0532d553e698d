// The gateway's two wires for callers: a SOAP 1.1 envelope read into the operation's fields, a JSON object read
// the same way, each answered on its own wire (the verified reply as Sogenactif sent it, or a documented answer).
import type { OperationDescriptor, ServiceDescriptor } from '../descriptor';
import { JsonSyntaxError, parseJsonRecord } from '../wire/json/index';
import { readRecord, structOf, type WireRecord } from '../wire';
import { parseXml, XmlSyntaxError } from '../wire/soap/xml';
import { jsonErrorAnswer, soapFaultAnswer, type Answer, type GatewayError } from './answers';
import { jsonOperation, soapOperation } from './contract';

const SOAP_ENVELOPES = new Set(['http://schemas.xmlsoap.org/soap/envelope/', 'http://www.w3.org/2003/05/soap-envelope']);

export type CallerWire = 'soap' | 'json';

/** The operation and its fields as the caller wrote them, or the gateway's answer refusing the call. */
export type ReadCall = { readonly ok: true; readonly operation: OperationDescriptor; readonly record: WireRecord } | { readonly ok: false; readonly error: GatewayError };

const invalid = (message: string, field: string, problem: string): ReadCall => ({ ok: false, error: { code: 'InvalidRequest', message, fields: [{ field, problem }] } });

/** A SOAP request to `service` read into its operation and fields (the strict XML reader: no DTD, no entities). */
export function readSoapCall(service: ServiceDescriptor, body: string): ReadCall {
  let root;
  try {
    root = parseXml(body);
  } catch (error) {
    if (error instanceof XmlSyntaxError) return invalid(`${service.name}: the request is not well-formed XML (${error.message.slice(0, 200)})`, '(envelope)', 'must be well-formed XML');
    throw error;
  }
  const soapBody = root.local === 'Envelope' && SOAP_ENVELOPES.has(root.namespace) ? root.children.find((c) => c.local === 'Body' && c.namespace === root.namespace) : undefined;
  if (!soapBody) return invalid(`${service.name}: the request is not a SOAP envelope with a Body`, '(envelope)', 'must be a SOAP 1.1 envelope');
  const payload = soapBody.children[0];
  if (!payload) return invalid(`${service.name}: the SOAP Body is empty`, '(body)', 'must hold the operation element');
  const operation = soapOperation(service, payload);
  if (!operation || operation.wire === 'json') {
    return { ok: false, error: { code: 'NotFound', message: `${service.name}: no SOAP operation with the body element {${payload.namespace.slice(0, 100)}}${payload.local.slice(0, 60)}` } };
  }
  const content = operation.requestWrapper ? payload.children.find((c) => c.local === operation.requestWrapper) : payload;
  if (!content) return invalid(`${service.name}.${operation.name}: <${operation.requestWrapper}> missing in <${payload.local}>`, operation.requestWrapper!, 'is required');
  return { ok: true, operation, record: readRecord(content, structOf(operation.schema, operation.request), operation.schema) };
}

/** A JSON request for `service`/`segment` read into its operation and fields (duplicate keys refused). */
export function readJsonCall(service: ServiceDescriptor, segment: string, body: string): ReadCall {
  const operation = jsonOperation(service, segment);
  if (!operation) return { ok: false, error: { code: 'NotFound', message: `no operation ${service.name}/${segment.slice(0, 60)}` } };
  try {
    return { ok: true, operation, record: parseJsonRecord(body) };
  } catch (error) {
    if (error instanceof JsonSyntaxError) return invalid(`${service.name}.${operation.name}: the request is not a JSON object (${error.message})`, '(body)', 'must be a JSON object');
    throw error;
  }
}

/** A gateway answer on the caller's wire. */
export function errorAnswer(wire: CallerWire, error: GatewayError): Answer {
  return wire === 'soap' ? soapFaultAnswer(error) : jsonErrorAnswer(error);
}
