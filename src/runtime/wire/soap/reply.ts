// The reply envelope read (the client and the conformance run both use it): multipart root part, SOAP
// envelope of the operation's version, fault (fault.ts) or body element, wrapper, then the fields (read.ts).
import type { OperationDescriptor } from '../../descriptor';
import { parseXml, type XmlNode } from './xml';
import { envelopeNamespace } from './envelope';
import { readFault, soapFault } from './fault';
import { readRecord } from './read';
import { structOf } from '../../record/structs';
import { ReplyShapeError, type ReadReply } from '../protocol';

export { ReplyShapeError } from '../protocol';

/** The SOAP Body of a reply envelope for this operation's SOAP version. */
export function soapBody(operation: OperationDescriptor, root: XmlNode): XmlNode {
  const envNs = envelopeNamespace(operation);
  const body =
    root.local === 'Envelope' && root.namespace === envNs
      ? root.children.find((c) => c.local === 'Body' && c.namespace === envNs)
      : undefined;
  if (!body)
    throw new ReplyShapeError(`not a SOAP ${operation.soapVersion} envelope (root {${root.namespace}}${root.local})`);
  return body;
}

/**
 * The element whose children and attributes are the reply's fields: the body element (any name for an
 * RPC reply, whose wrapper name WSDL 1.1 leaves open), then its wrapper; the Body itself for a bare reply.
 */
export function replyContent(operation: OperationDescriptor, body: XmlNode): XmlNode {
  if (operation.responseElement === '') return body;
  const payload = body.children[0];
  const namespace = operation.responseNamespace ?? operation.namespace;
  if (!payload)
    throw new ReplyShapeError(`expected {${namespace}}${operation.responseElement} in the SOAP body, got nothing`);
  if (operation.style !== 'rpc' && (payload.local !== operation.responseElement || payload.namespace !== namespace)) {
    throw new ReplyShapeError(
      `expected {${namespace}}${operation.responseElement} in the SOAP body, got {${payload.namespace}}` +
        `${payload.local}`,
    );
  }
  if (!operation.responseWrapper) return payload;
  const wrapped = payload.children.find((c) => c.local === operation.responseWrapper);
  if (!wrapped) throw new ReplyShapeError(`<${operation.responseWrapper}> missing in ${payload.local}`);
  return wrapped;
}

/**
 * The one reply reader (the client and the conformance run both use it): MTOM/multipart root part, XML,
 * SOAP envelope of the operation's version, fault or body element (document, RPC, bare, another response
 * namespace), wrapper, fields. Throws XmlSyntaxError for text that is not XML and ReplyShapeError for XML
 * that is not this operation's reply.
 */
export function readReply(operation: OperationDescriptor, text: string): ReadReply {
  const body = soapBody(operation, parseXml(envelopeText(text)));
  const fault = soapFault(body);
  if (fault) return { kind: 'fault', fault: readFault(fault) };
  const content = replyContent(operation, body);
  return {
    kind: 'record',
    record: readRecord(content, structOf(operation.schema, operation.response), operation.schema),
    content,
  };
}

/**
 * The SOAP envelope of a reply body: the body itself, or the root (first) part of a multipart/related
 * reply (MTOM/XOP, SOAP with attachments), found by the boundary line it starts with.
 */
export function envelopeText(body: string): string {
  const text = body.trimStart();
  if (!text.startsWith('--')) return body;
  const boundary = text.slice(0, text.search(/\r?\n/)).trim();
  const part = text.slice(boundary.length).split(boundary)[0] ?? '';
  const headersEnd = /\r?\n\r?\n/.exec(part);
  return headersEnd ? part.slice(headersEnd.index + headersEnd[0].length).trim() : body;
}
