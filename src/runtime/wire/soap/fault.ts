// SOAP Faults both ways, 1.1 and 1.2: a Fault element of a reply read into its code, subcode, reason and detail;
// a Fault envelope written for a server's answer (the gateway's documented faults, the simulator's refusals).
import type { SoapVersion } from '../../descriptor';
import type { WireAnswer, WireErrorToWrite, WireFault } from '../protocol';
import { escapeAttribute } from './write';
import { escapeText, type XmlNode } from './xml';

export const SOAP11_ENV = 'http://schemas.xmlsoap.org/soap/envelope/';
export const SOAP12_ENV = 'http://www.w3.org/2003/05/soap-envelope';

/** The Fault element of a SOAP Body (1.1 or 1.2: in the envelope's namespace), or undefined. */
export function soapFault(body: XmlNode): XmlNode | undefined {
  const payload = body.children[0];
  return payload && payload.local === 'Fault' && payload.namespace === body.namespace ? payload : undefined;
}

const child = (node: XmlNode | undefined, local: string): XmlNode | undefined =>
  node?.children.find((c) => c.local === local);

/**
 * A Fault element read: SOAP 1.1 `faultcode`, `faultstring`, `detail`; SOAP 1.2 `Code/Value`, `Code/Subcode/Value`,
 * `Reason/Text` (the first), `Detail`. Each text trimmed; a part that is absent reads as ''.
 */
export function readFault(fault: XmlNode): WireFault {
  const code = child(fault, 'faultcode')?.text.trim() || child(child(fault, 'Code'), 'Value')?.text.trim() || '';
  const subcode = child(child(child(fault, 'Code'), 'Subcode'), 'Value')?.text.trim();
  const reason = child(fault, 'faultstring')?.text.trim() || child(child(fault, 'Reason'), 'Text')?.text.trim() || '';
  const detail = child(fault, 'detail') ?? child(fault, 'Detail');
  return { code, ...(subcode ? { subcode } : {}), reason, ...(detail ? { detail } : {}) };
}

/** A Fault to write: who is at fault, an own code (a qualified name) when there is one, the reason, the detail. */
export interface FaultToWrite {
  /** 'Client' (1.2: Sender): the request is at fault; 'Server' (1.2: Receiver): the server is. */
  readonly side: 'Client' | 'Server';
  /** An own code such as `gw:InvalidRequest`: the 1.1 faultcode, the 1.2 Subcode/Value (its prefix in `namespaces`). */
  readonly code?: string;
  readonly reason: string;
  /** The detail's content, as XML already written (its prefixes in `namespaces`). */
  readonly detail?: string;
  /** Prefixes the code and detail use, declared on the Envelope. */
  readonly namespaces?: Readonly<Record<string, string>>;
}

/**
 * The whole Fault envelope of `version`. SOAP 1.1: `<faultcode>` (the own code, else soap:Client or soap:Server),
 * `<faultstring>`, `<detail>`. SOAP 1.2: `Code/Value` soap:Sender or soap:Receiver with the own code as `Subcode`,
 * `Reason/Text xml:lang="en"`, `Detail`.
 */
export function faultEnvelope(version: SoapVersion, fault: FaultToWrite): string {
  const declarations = Object.entries(fault.namespaces ?? {})
    .map(([prefix, namespace]) => ` xmlns:${prefix}="${escapeAttribute(namespace)}"`)
    .join('');
  const reason = escapeText(fault.reason);
  const inner =
    version === '1.2'
      ? `<soap:Code><soap:Value>soap:${fault.side === 'Client' ? 'Sender' : 'Receiver'}</soap:Value>` +
        `${fault.code ? `<soap:Subcode><soap:Value>${escapeText(fault.code)}</soap:Value></soap:Subcode>` : ''}` +
        `</soap:Code>` +
        (`<soap:Reason><soap:Text xml:lang="en">${reason}</soap:Text></soap:Reason>` +
          `${fault.detail !== undefined ? `<soap:Detail>${fault.detail}</soap:Detail>` : ''}`)
      : `<faultcode>${escapeText(fault.code ?? `soap:${fault.side}`)}</faultcode><faultstring>${reason}` +
        `</faultstring>${fault.detail !== undefined ? `<detail>${fault.detail}</detail>` : ''}`;
  return (
    `<?xml version="1.0" encoding="UTF-8"?><soap:Envelope xmlns:soap="` +
    `${version === '1.2' ? SOAP12_ENV : SOAP11_ENV}"${declarations}><soap:Body><soap:Fault>${inner}` +
    `</soap:Fault></soap:Body></soap:Envelope>`
  );
}

/** The content type of a SOAP message of `version`. */
export function soapContentType(version: SoapVersion): string {
  return version === '1.2' ? 'application/soap+xml; charset=utf-8' : 'text/xml; charset=utf-8';
}

/**
 * A server's error answer on the SOAP wire: a SOAP 1.1 Fault envelope, with HTTP 500 as SOAP 1.1 sends every fault,
 * or the error's own status when it was refused before any SOAP processing.
 */
export function faultAnswer(error: WireErrorToWrite): WireAnswer {
  const { side, reason, code, detail, namespaces } = error;
  return {
    status: error.beforeProcessing ? error.status : 500,
    contentType: soapContentType('1.1'),
    body: faultEnvelope('1.1', {
      side,
      reason,
      ...(code !== undefined ? { code } : {}),
      ...(detail !== undefined ? { detail } : {}),
      ...(namespaces !== undefined ? { namespaces } : {}),
    }),
  };
}
