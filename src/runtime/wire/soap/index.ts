// The SOAP wire (POST /services/v2/<service>, or a foreign contract's soap:address): the WireProtocol of
// envelope.ts (request out, request in), reply.ts (reply in) and fault.ts (Faults both ways), and their names.
import type { OperationDescriptor } from '../../descriptor';
import { addressUrl, serviceUrl, type EndpointOptions, type Environment } from '../../endpoints';
import type { WireProtocol } from '../protocol';
import { buildEnvelope, readRequestEnvelope } from './envelope';
import { faultAnswer } from './fault';
import { readReply } from './reply';

/** SOAP 1.1: text/xml with a quoted SOAPAction header; SOAP 1.2: application/soap+xml with the action in the type. */
export function soapHeaders(operation: OperationDescriptor): Readonly<Record<string, string>> {
  return operation.soapVersion === '1.2'
    ? {
        'Content-Type': `application/soap+xml; charset=utf-8; action="${operation.soapAction}"`,
        Accept: 'application/soap+xml, text/xml',
      }
    : { 'Content-Type': 'text/xml; charset=utf-8', SOAPAction: `"${operation.soapAction}"`, Accept: 'text/xml' };
}

/** /services/v2/<service> under the environment, or a foreign contract's own soap:address. */
export function soapUrl(
  environment: Environment,
  operation: OperationDescriptor,
  options: EndpointOptions = {},
): string {
  return operation.address !== undefined
    ? addressUrl(environment, operation.address, options)
    : serviceUrl(environment, operation.service, options);
}

export const soapWire: WireProtocol = {
  wire: 'soap',
  syntax: 'XML',
  headers: soapHeaders,
  url: soapUrl,
  body: buildEnvelope,
  accepts: (contentType, body) => /xml/i.test(contentType) || body.trimStart().startsWith('<'),
  read: readReply,
  readRequest: (service, body) => readRequestEnvelope(service, body),
  errorAnswer: faultAnswer,
};

export { buildEnvelope, envelopeNamespace, readRequestEnvelope, requestOperation } from './envelope';
export {
  faultAnswer,
  faultEnvelope,
  readFault,
  soapContentType,
  soapFault,
  SOAP11_ENV,
  SOAP12_ENV,
  type FaultToWrite,
} from './fault';
export { readRecord } from './read';
export { envelopeText, readReply, replyContent, ReplyShapeError, soapBody } from './reply';
export { attributesOf, writeRecord } from './write';
export { escapeText, parseXml, XmlSyntaxError, type XmlNode } from './xml';
