// Read a reply, on either wire, into a typed response or a typed error: status and content type, the HTML page
// (maintenance, proxy error), the wire's reading (protocols[wire]: syntax, shape, fault), then every check before
// anything is trusted.
import type { OperationDescriptor } from '../descriptor';
import {
  AuthenticationError,
  describeIssues,
  errorFromReply,
  InvalidResponseError,
  SealMismatchError,
  SoapFaultError,
  TransportError,
} from '../errors';
import { SEAL_ERROR_CODE, STAMP_FIELDS, UNKNOWN_MERCHANT_CODE } from '../platform-rules';
import {
  algorithmProblem,
  consistencyIssues,
  echoIssues,
  formatIssues,
  reflectionProblem,
  undeclaredElements,
  undeclaredFields,
} from '../reply-checks';
import { bindingIssues, DEFAULT_REPLY_MAX_AGE_MS } from '../reply-binding';
import { hashSealString, sealStringOf, sealsMatch } from '../seal';
import { protocols, ReplyShapeError, WireSyntaxError, type ReadReply, type WireFault } from '../wire';
import { coerceRecord, CoercionError, structOf, type WireRecord } from '../record';
import type { XmlNode } from '../wire/soap/xml';
import type { Settings, Wire } from './config';
import { memoryOf } from './exchange-memory';

/** What came back from the transport. */
export interface RawReply {
  readonly status: number;
  readonly contentType: string;
  readonly body: string;
}

/**
 * The index of the first character of `body` that is not white space (as `\s` reads it), -1 when there is none. A
 * scan over ASCII white space, falling back to the regex at the first non-ASCII character: `search(/\S/)` allocated
 * about 860 bytes per reply (tools/bench/README.md, third pass).
 */
function firstNonSpace(body: string): number {
  for (let i = 0; i < body.length; i++) {
    const code = body.charCodeAt(i);
    if (code === 0x20 || (code >= 0x09 && code <= 0x0d)) continue;
    if (code < 0x80) return i;
    const rest = body.slice(i).search(/\S/);
    return rest < 0 ? -1 : i + rest;
  }
  return -1;
}

/**
 * The title of an HTML page (a maintenance page, a proxy's error page) when the body is one, '' for an untitled
 * page, undefined when it is not HTML.
 */
export function htmlPageTitle(contentType: string, body: string): string | undefined {
  // A reply (XML or JSON) is told apart by its content type and first character, before any text is copied.
  if (!/text\/html/i.test(contentType)) {
    const first = firstNonSpace(body);
    if (first < 0 || first >= 200 || body.charCodeAt(first) !== 60 /* < */ || body.charCodeAt(first + 1) === 63 /* ? */)
      return undefined;
    const start = body.slice(first, first + 14).toLowerCase();
    if (!start.startsWith('<!doctype html') && !start.startsWith('<html')) return undefined;
  }
  const title = /<title[^>]*>([^<]*)<\/title>/i.exec(body.slice(0, 4096))?.[1] ?? '';
  return title.replace(/\s+/g, ' ').trim().slice(0, 80);
}

/**
 * The error of an HTML page received instead of a reply: a TransportError with an error status or on the JSON wire,
 * an InvalidResponseError for a SOAP HTTP 200 (the classes an unreadable body of that kind has always given).
 */
function htmlPageError(name: string, wire: Wire, status: number, title: string): TransportError | InvalidResponseError {
  const message =
    `${name}: HTTP ${status} with an HTML page instead of a reply (a maintenance or proxy error page` +
    `${title ? `: "${title}"` : ''})`;
  return wire === 'soap' && status < 400
    ? new InvalidResponseError(message, { operation: name })
    : new TransportError(message, { operation: name, outcomeUnknown: true, status });
}

/**
 * The typed response of a reply, or the typed error it calls for: transport failures (HTTP status, not XML/JSON,
 * an HTML page), unusable replies, SOAP faults, failed checks, and the code field's outcome. The wire's protocol
 * reads the body; what each failure means for the call is decided here, alike for both wires.
 */
export function readReply<TResponse>(
  settings: Settings,
  operation: OperationDescriptor,
  name: string,
  wire: Wire,
  reply: RawReply,
  sent: WireRecord,
  sentAt?: number,
): TResponse {
  const { status, contentType, body } = reply;
  // The HTTP transport stops reading at the limit; a replaced transport is held to it here.
  if (body.length > settings.maxResponseBytes)
    throw new InvalidResponseError(`${name}: reply larger than ${settings.maxResponseBytes} bytes, refused`, {
      operation: name,
    });
  const title = htmlPageTitle(contentType, body);
  if (title !== undefined) throw htmlPageError(name, wire, status, title);
  const read = readWireReply(operation, name, wire, reply);
  if (read.kind === 'fault') throw faultError(name, read.fault, status);
  if (status >= 400)
    throw new TransportError(`${name}: HTTP ${status}`, { operation: name, outcomeUnknown: true, status });
  return trustedReply<TResponse>(settings, operation, name, read.record, sent, read.content, sentAt);
}

/**
 * A reply read by its wire's protocol, as received; a body that is not in the wire's syntax, not well-formed or not
 * this operation's reply is a TransportError under an error status (the outcome unknown) and an InvalidResponseError
 * otherwise. A fault or a record comes back whatever the status (the caller decides).
 */
export function readWireReply(
  operation: OperationDescriptor,
  name: string,
  wire: Wire,
  { status, contentType, body }: RawReply,
): ReadReply {
  const protocol = protocols[wire];
  if (!protocol.accepts(contentType, body)) {
    throw new TransportError(
      `${name}: HTTP ${status} with a non-${protocol.syntax} reply (${contentType || 'no content type'})`,
      { operation: name, outcomeUnknown: true, status },
    );
  }
  try {
    return protocol.read(operation, body);
  } catch (error) {
    if (status >= 400)
      throw new TransportError(
        `${name}: HTTP ${status}${error instanceof WireSyntaxError ? ' with an unreadable body' : ''}`,
        { operation: name, outcomeUnknown: true, status, cause: error },
      );
    if (error instanceof WireSyntaxError)
      throw new InvalidResponseError(`${name}: reply is not well-formed ${protocol.syntax} (${error.message})`, {
        operation: name,
        cause: error,
      });
    if (error instanceof ReplyShapeError)
      throw new InvalidResponseError(`${name}: ${error.message}`, { operation: name, cause: error });
    throw error;
  }
}

/** The SoapFaultError of a SOAP 1.1 or 1.2 Fault (read by wire/soap/fault.ts). */
export function faultError(name: string, fault: WireFault, status: number): SoapFaultError {
  return new SoapFaultError(`${name}: SOAP fault ${fault.code}: ${fault.reason.slice(0, 300)} (HTTP ${status})`, {
    operation: name,
    faultCode: fault.code,
    faultString: fault.reason,
  });
}

/**
 * The reply's fields, whichever wire they came on, trusted only after every check: nothing undeclared, no
 * reflection of this or any recent request of this client, the configured algorithm, the seal, no replay of a
 * stamped reply already accepted, every field's format, the echoes of what was sent and the binding to this
 * exchange (reply-binding.ts); then typed and its outcome checked. `content` is the SOAP element the fields came
 * from; `sentAt` when the attempt started (epoch ms).
 */
export function trustedReply<TResponse>(
  settings: Settings,
  operation: OperationDescriptor,
  name: string,
  wire: WireRecord,
  sent: WireRecord,
  content?: XmlNode,
  sentAt?: number,
): TResponse {
  const responseStruct = structOf(operation.schema, operation.response);
  if (settings.config.allowUndeclaredReplyElements !== true) {
    const undeclared = content
      ? undeclaredElements(content, responseStruct, operation.schema)
      : undeclaredFields(wire, responseStruct, operation.schema);
    if (undeclared.length > 0) {
      const names = undeclared
        .slice(0, 5)
        .map((n) => n.slice(0, 60))
        .join(', ');
      throw new InvalidResponseError(
        `${name}: the reply carries elements the contract does not declare for this operation (${names}` +
          `${undeclared.length > 5 ? ', ...' : ''}` +
          `); refusing it (set allowUndeclaredReplyElements for a gateway release newer than your contract)`,
        { operation: name },
      );
    }
  }
  const memory = memoryOf(settings);
  const replySeal = typeof wire.seal === 'string' ? wire.seal.trim().toLowerCase() : '';
  const reflected =
    reflectionProblem(sent, wire) ??
    (replySeal !== '' && memory.requestSeals.has(replySeal)
      ? 'the reply carries the seal of a request this client sent (its sealed values re-split into reply fields): ' +
        'an earlier request reflected'
      : undefined) ??
    algorithmProblem(wire, settings.sealAlgorithm);
  if (reflected) throw new SealMismatchError(`${name}: ${reflected}; refusing it`, { operation: name });
  verifyReplySeal(settings, operation, name, wire);
  const stamped = operation.category !== 'read' && replySeal !== '' && isStamped(wire);
  if (stamped) {
    if (memory.replySeals.has(replySeal))
      throw new SealMismatchError(
        `${name}: this client already accepted a reply with this seal: a recorded reply replayed; refusing it`,
        { operation: name },
      );
    memory.replySeals.add(replySeal);
  }
  const exchange = {
    sent,
    sentAt: sentAt ?? Date.now(),
    now: Date.now(),
    maxAgeMs: settings.config.replyMaxAgeMs ?? DEFAULT_REPLY_MAX_AGE_MS,
  };
  // One concat, in the checks' order (four spreads iterated each list, empty or not).
  const problems = formatIssues(wire, responseStruct, operation.schema).concat(
    echoIssues(sent, wire),
    consistencyIssues(wire, operation),
    bindingIssues(operation, exchange, wire),
  );
  if (problems.length > 0) {
    throw new InvalidResponseError(
      `${name}: the reply breaks the contract: ${describeIssues(problems.slice(0, 5))}` +
        `${problems.length > 5 ? '; ...' : ''}`,
      { operation: name },
    );
  }
  let typed: Record<string, unknown>;
  try {
    typed = coerceRecord(wire, responseStruct, operation.schema);
  } catch (error) {
    if (error instanceof CoercionError)
      throw new InvalidResponseError(`${name}: bad value in the reply: ${error.message}`, {
        operation: name,
        cause: error,
      });
    throw error;
  }
  const error = errorFromReply(operation, name, typed);
  if (error) throw error;
  return typed as TResponse;
}

/** Whether a reply carries a date-time stamp (a loop: `STAMP_FIELDS.some` made a closure per reply). */
function isStamped(wire: WireRecord): boolean {
  for (let i = 0; i < STAMP_FIELDS.length; i++) {
    const value = wire[STAMP_FIELDS[i]!];
    if (typeof value === 'string' && value !== '') return true;
  }
  return false;
}

/**
 * Verifies the reply's seal with the configured algorithm and the key of the version the reply declares (the request's
 * when it declares none), among the merchant's configured versions. An unsigned reply is refused unless unsigned
 * replies are allowed, except that an unsigned 03 (the gateway does not know the merchant, so it has no key to seal
 * with) is reported as the merchant problem it is.
 */
export function verifyReplySeal(
  settings: Settings,
  operation: OperationDescriptor,
  name: string,
  wire: WireRecord,
): void {
  const received = wire.seal;
  const code = operation.codeField ? wire[operation.codeField] : undefined;
  if (typeof received !== 'string' || received.trim() === '') {
    if (settings.allowUnsigned) return;
    if (code === UNKNOWN_MERCHANT_CODE) {
      // Unsigned, so the 03 is not trusted as a code (a man in the middle could write it): named, never surfaced.
      throw new AuthenticationError(
        `${name}: an unsigned reply saying ${operation.codeField} ${UNKNOWN_MERCHANT_CODE}` +
          ` (unknown merchant): the gateway does not know merchant ${settings.config.merchantId}` +
          ` in this environment, so it has no key to seal with; check merchantId and environment`,
        { operation: name, unverified: true },
      );
    }
    throw new SealMismatchError(
      `${name}: the reply carries no seal; refusing it (set allowUnsignedResponses to accept unsigned replies)`,
      { operation: name },
    );
  }
  // The version the reply declares, among those configured (the keyring); else the one the request was sealed with.
  const declared = typeof wire.keyVersion === 'string' ? Number(wire.keyVersion) : settings.config.keyVersion;
  const key = settings.verificationKeys.get(declared);
  if (key === undefined)
    throw new SealMismatchError(
      `${name}: the reply declares key version ${String(wire.keyVersion).slice(0, 12)}` +
        `, which is not configured for merchant ${settings.config.merchantId}; its content is not trusted`,
      { operation: name },
    );
  // Only the configured algorithm verifies: a reply never picks its own (see algorithmProblem).
  if (!sealsMatch(hashSealString(sealStringOf(wire), key, settings.sealAlgorithm), received)) {
    const hint =
      code === SEAL_ERROR_CODE
        ? ` (it reports ${operation.codeField} ${SEAL_ERROR_CODE}` +
          `: the gateway could not verify our seal either; check secretKey and keyVersion)`
        : '';
    throw new SealMismatchError(
      `${name}: the reply's seal does not verify with key version ${declared}; its content is not trusted` + `${hint}`,
      { operation: name },
    );
  }
}
