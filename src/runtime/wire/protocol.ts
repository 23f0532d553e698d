// The seam between a call and its wire: what every wire does (request headers, URL and body out; a reply read in;
// a caller's request read in and an error answered on the server side), the errors a wire reports, and the name of
// each wire.
import type { OperationDescriptor, ServiceDescriptor } from '../descriptor';
import type { EndpointOptions, Environment } from '../endpoints';
import type { WireRecord } from '../record/values';
import type { XmlNode } from './soap/xml';

/**
 * The two wires of the Office Server: SOAP (POST /services/v2/<service>) and JSON (POST
 * /rs-services/v2/<service>/<operation>).
 */
export type Wire = 'soap' | 'json';

/** Whether a value names one of the two wires. */
export const isWire = (value: unknown): value is Wire => value === 'soap' || value === 'json';

/**
 * A SOAP 1.1 or 1.2 Fault, read: its code (1.1 faultcode, 1.2 Code/Value), subcode (1.2 only), reason and detail
 * element.
 */
export interface WireFault {
  readonly code: string;
  readonly subcode?: string;
  readonly reason: string;
  readonly detail?: XmlNode;
}

/**
 * What a reply holds: a fault, or the wire record of its fields (each as the text received; seal and outcome not yet
 * checked). `content` is the SOAP element the fields came from (its undeclared children are checked by element).
 */
export type ReadReply =
  | { readonly kind: 'fault'; readonly fault: WireFault }
  | { readonly kind: 'record'; readonly record: WireRecord; readonly content?: XmlNode };

/** A caller's request read on the server side (the gateway, the simulator): its operation and its fields as written. */
export interface ReadRequest {
  readonly operation: OperationDescriptor;
  readonly record: WireRecord;
}

export { ReplyShapeError, RequestShapeError, WireSyntaxError } from './errors';

/**
 * An error a server (the gateway, the simulator) answers a caller with, before it is written on the caller's wire:
 * on SOAP a 1.1 Fault (`side`, the own `code` and `detail` if any), on JSON `json`, or `{ "error": reason }`.
 */
export interface WireErrorToWrite {
  /** HTTP status: the JSON wire's; SOAP 1.1 sends every fault with 500, unless `beforeProcessing`. */
  readonly status: number;
  /** Refused before any SOAP processing (token, size, path, method, media type): SOAP sends `status` too. */
  readonly beforeProcessing?: boolean;
  /** Whose fault: the caller's request ('Client') or the server's own ('Server'). */
  readonly side: 'Client' | 'Server';
  readonly reason: string;
  /** SOAP: the fault's own code (a prefixed name declared in `namespaces`) instead of soap:Client/soap:Server. */
  readonly code?: string;
  /** SOAP: the detail element's content, as XML text. */
  readonly detail?: string;
  /** SOAP: prefixes the code and detail use. */
  readonly namespaces?: Readonly<Record<string, string>>;
  /** JSON: the body, instead of `{ "error": reason }`. */
  readonly json?: Readonly<Record<string, unknown>>;
}

/** An answer as a server sends it: status, content type and body. */
export interface WireAnswer {
  readonly status: number;
  readonly contentType: string;
  readonly body: string;
}

/**
 * One wire, both directions. The client writes with `headers`, `url` and `body` and reads with `accepts` and `read`;
 * a server (the gateway, the simulator) reads a caller's request with `readRequest`.
 */
export interface WireProtocol {
  readonly wire: Wire;
  /** How messages name the wire's syntax: 'XML' or 'JSON'. */
  readonly syntax: string;
  /** The HTTP headers of a request (content type, accept, SOAPAction). */
  headers(operation: OperationDescriptor): Readonly<Record<string, string>>;
  /** The URL an operation is posted to. */
  url(environment: Environment, operation: OperationDescriptor, options?: EndpointOptions): string;
  /** The request body of a sealed request record (`headers`: SOAP header blocks; the JSON wire has none). */
  body(operation: OperationDescriptor, record: WireRecord, headers?: WireRecord): string;
  /** Whether a reply's content type or first characters say it is this wire's syntax at all. */
  accepts(contentType: string, body: string): boolean;
  /**
   * A reply read into a fault or a record. Throws WireSyntaxError for text not in the syntax, ReplyShapeError for a
   * reply of another shape.
   */
  read(operation: OperationDescriptor, body: string): ReadReply;
  /**
   * A caller's request to `service` read into its operation and fields (the SOAP body element, or the JSON path's
   * last segment, `segment`, names the operation). Throws RequestShapeError.
   */
  readRequest(service: ServiceDescriptor, body: string, segment?: string): ReadRequest;
  /** A server's error answer to a caller on this wire (the gateway's documented answers, the simulator's refusals). */
  errorAnswer(error: WireErrorToWrite): WireAnswer;
}
