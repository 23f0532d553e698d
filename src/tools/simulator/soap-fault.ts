// The SOAP 1.1 Fault envelope the simulator answers with (a refused request, an injected server fault).
import type * as http from 'node:http';
import { send } from './http-io';

/** The Fault envelope text, the message escaped. */
export function soapFaultEnvelope(code: 'Client' | 'Server', message: string): string {
  const text = message.replace(/[&<>]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c]!);
  return `<?xml version="1.0"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><soap:Fault><faultcode>soap:${code}</faultcode><faultstring>${text}</faultstring></soap:Fault></soap:Body></soap:Envelope>`;
}

/** Answers HTTP 500 with a Fault. */
export function sendSoapFault(response: http.ServerResponse, code: 'Client' | 'Server', message: string): void {
  send(response, 500, 'text/xml; charset=utf-8', soapFaultEnvelope(code, message));
}
