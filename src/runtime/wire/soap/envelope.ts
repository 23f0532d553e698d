// The request's SOAP envelope: SOAP 1.1 or 1.2, body element, wrapper, then the fields (write.ts).
import type { OperationDescriptor } from '../../descriptor';
import { structOf } from '../../record/structs';
import type { WireRecord } from '../../record/values';
import { attributesOf, closeTag, escapeAttribute, openTag, writeRecord } from './write';

const SOAP11_ENV = 'http://schemas.xmlsoap.org/soap/envelope/';
const SOAP12_ENV = 'http://www.w3.org/2003/05/soap-envelope';

export function envelopeNamespace(operation: OperationDescriptor): string {
  return operation.soapVersion === '1.2' ? SOAP12_ENV : SOAP11_ENV;
}

/**
 * The whole request envelope. Every element's namespace is the one the descriptor computed from the
 * schema; an empty requestElement puts the fields directly in the Body (bare document style).
 */
export function buildEnvelope(operation: OperationDescriptor, record: WireRecord, headers?: WireRecord): string {
  const struct = structOf(operation.schema, operation.request);
  const out: string[] = [`<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="${envelopeNamespace(operation)}">`];
  // soap:header blocks: each header part's element, as the operation's requestHeaders struct lays them out.
  if (headers && operation.requestHeaders) {
    out.push('<soapenv:Header>');
    writeRecord(structOf(operation.schema, operation.requestHeaders), headers, operation.schema, out);
    out.push('</soapenv:Header>');
  }
  out.push('<soapenv:Body>');
  const element = operation.requestElement;
  const wrapper = operation.requestWrapper;
  // The fields' own attributes go on the innermost element: the wrapper when there is one.
  const bodyAttributes = element && !wrapper ? attributesOf(struct, record, 'ns', operation.namespace || undefined) : '';
  if (element) out.push(operation.namespace ? `<ns:${element} xmlns:ns="${escapeAttribute(operation.namespace)}"${bodyAttributes}>` : `<${element}${bodyAttributes}>`);
  const scope = element && operation.namespace ? operation.namespace : undefined;
  const wrapperNs = operation.requestWrapperNamespace;
  if (wrapper) out.push(openTag(wrapper, wrapperNs, attributesOf(struct, record, wrapperNs && wrapperNs === scope ? 'ns' : 'n', wrapperNs), scope));
  writeRecord(struct, record, operation.schema, out, scope);
  if (wrapper) out.push(closeTag(wrapper, wrapperNs, scope));
  if (element) out.push(operation.namespace ? `</ns:${element}>` : `</${element}>`);
  out.push('</soapenv:Body></soapenv:Envelope>');
  return out.join('');
}
