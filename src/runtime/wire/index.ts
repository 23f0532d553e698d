// The wires, one seam: `protocols[wire]` is the WireProtocol (protocol.ts) of soap/ (envelope, reply, fault, write,
// read, xml) or json/ (body, parse, url), used alike by the client, the gateway and the simulator. The wire-neutral
// record steps are in ../record; this index also keeps the names callers import from here.
import { jsonWire } from './json';
import type { Wire, WireProtocol } from './protocol';
import { soapWire } from './soap';

/** Each wire's protocol, by name. */
export const protocols: Readonly<Record<Wire, WireProtocol>> = Object.freeze({ soap: soapWire, json: jsonWire });

export {
  isWire,
  ReplyShapeError,
  RequestShapeError,
  WireSyntaxError,
  type ReadReply,
  type ReadRequest,
  type Wire,
  type WireAnswer,
  type WireErrorToWrite,
  type WireFault,
  type WireProtocol,
} from './protocol';
export { jsonWire, soapWire };
export {
  buildEnvelope,
  envelopeNamespace,
  envelopeText,
  faultEnvelope,
  readFault,
  readReply,
  readRecord,
  readRequestEnvelope,
  replyContent,
  soapBody,
  soapFault,
  attributesOf,
  writeRecord,
  type FaultToWrite,
} from './soap';
export { buildJsonBody, JsonSyntaxError, jsonUrl, parseJsonRecord } from './json';
