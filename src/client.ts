// createClient: configuration, then one invoke function that every generated service client calls:
// validate -> seal -> envelope -> POST -> parse -> verify seal -> typed result or typed error.
import type { CallOptions, OperationDescriptor, StructDescriptor } from './descriptor';
import { serviceUrl, type Environment } from './endpoints';
import {
  DuplicateTransactionError,
  InvalidRequestError,
  InvalidResponseError,
  OutcomeUnknownError,
  SealMismatchError,
  SoapFaultError,
  SogenactifError,
  TemporarilyUnavailableError,
  TransportError,
  defaultOutcome,
  errorForOutcome,
  type FieldIssue,
  type PaymentResolution,
} from './errors';
import { computeSeal, DEFAULT_SEAL_ALGORITHM, isSealAlgorithm, sealsMatch, type SealAlgorithmName } from './seal';
import { algorithmProblem, consistencyIssues, echoIssues, formatIssues, reflectionProblem, undeclaredElements, undeclaredFields } from './reply-checks';
import { resolveFromTransaction, type SentPayment } from './outcome';
import { generateTransactionReference } from './reference';
import { buildJsonBody, jsonUrl, JsonSyntaxError, parseJsonRecord } from './json-wire';
import { createHttpTransport, type Transport } from './transport';
import { redact } from './redact';
import { buildEnvelope, buildWireRecord, coerceRecord, CoercionError, readReply as readWireReply, ReplyShapeError, structOf, versionNumber, type ReadReply, type WireRecord } from './wire';
import { XmlSyntaxError, type XmlNode } from './xml';
import type { GetTransactionDataResponse, ServiceClients } from '../generated';
import { createLazyServiceClients, loadGenerated } from './lazy';

export interface ClientConfig {
  /** Shop identifier (15 digits) given by Sogenactif. */
  readonly merchantId: string;
  /** Secret key of the shop, used to seal requests and verify responses. Never logged. */
  readonly secretKey: string;
  readonly keyVersion: number;
  /** 'PROD', 'TEST', or a base URL (e.g. the simulator's); /services/v2/<service> is appended. */
  readonly environment: Environment;
  readonly sealAlgorithm?: SealAlgorithmName;
  /**
   * interfaceVersion per service (e.g. `{ checkout: 'IR_WS_2.60', mandate: 'MR_WS_2.58' }`), sent when a call does
   * not pass its own; without it, the operation's recommended version from the contract is sent. Use it to move
   * to a new interface version without regenerating, or for operations the dictionary does not know.
   */
  readonly interfaceVersions?: Readonly<Record<string, string>>;
  /**
   * Deadline for a whole call: every attempt, the backoff between them and, for a payment whose reply is lost,
   * the getTransactionData lookup (a third of the time is kept for it). Default 30000; at most 2147483647.
   */
  readonly timeoutMs?: number;
  /** Accept responses without a seal. Off by default except on TEST, which is documented as often unsigned. */
  readonly allowUnsignedResponses?: boolean;
  /** Largest reply accepted, in bytes. Default 4 MiB. */
  readonly maxResponseBytes?: number;
  /**
   * The wire: 'soap' (the default: POST /services/v2/<service>) or 'json' (the Office JSON interface, POST
   * /rs-services/v2/<service>/<operation>): same types, validation, seal, errors, retries and lost-reply
   * resolution. An operation documented with a JSON endpoint only uses JSON whatever this says. A Transport
   * object here replaces the HTTP transport instead (kept for compatibility; prefer `httpTransport`).
   */
  readonly transport?: Wire | Transport;
  /** The wire per service, over `transport` (e.g. `{ mandate: 'json' }`). */
  readonly serviceTransports?: Readonly<Record<string, Wire>>;
  /** Replaces the HTTP transport (tests, proxies). */
  readonly httpTransport?: Transport;
  /**
   * Bounded retries with exponential backoff and full jitter. Only for reads (get*, search*, ...) and for
   * replies that say nothing was done (90, 99) or a connection that was never made; a payment or cash
   * operation whose outcome is unknown is never resent. `false` disables retries.
   */
  readonly retry?: RetryPolicy | false;
  /** Receives every exchange, redacted (no card number, CSC, IBAN or key), with its timing. */
  readonly logger?: (event: ExchangeEvent) => void;
  /**
   * When a payment's reply is lost or unusable after sending, look the payment up with getTransactionData
   * and throw an OutcomeUnknownError carrying the resolution (default true). Never resends the payment.
   */
  readonly resolveUnknownOutcomes?: boolean;
  /**
   * Accept reply elements the contract does not declare for the operation (default false: such a reply is an
   * InvalidResponseError). Only for a gateway release newer than your contract: undeclared elements are sealed,
   * and they are what lets a man in the middle shift characters between fields (see README, Reliability and security).
   */
  readonly allowUndeclaredReplyElements?: boolean;
  /** Allow a plain http:// environment URL on a host other than loopback (default false). */
  readonly allowInsecureHttp?: boolean;
  /**
   * Give a payment without transactionReference a generated one (default true), so a lost reply can still be
   * looked up; the reference is returned in the response. See generateTransactionReference.
   */
  readonly generateTransactionReferences?: boolean;
}

/** The two wires of the Office Server. */
export type Wire = 'soap' | 'json';
const isWire = (value: unknown): value is Wire => value === 'soap' || value === 'json';

export interface RetryPolicy {
  /** Attempts in all, the first included. Default 3. */
  readonly maxAttempts?: number;
  readonly baseDelayMs?: number;
  readonly maxDelayMs?: number;
}

export interface ExchangeEvent {
  readonly operation: string;
  readonly attempt: number;
  readonly url: string;
  readonly durationMs: number;
  /** The request fields as sent (seal included), sensitive values masked. */
  readonly request: unknown;
  /** The verified response, sensitive values masked, when there was one. */
  readonly response?: unknown;
  readonly error?: { readonly name: string; readonly message: string; readonly retrying: boolean };
}

export interface SogenactifClient extends ServiceClients {
  readonly merchantId: string;
  readonly environment: Environment;
  /** Runs any operation from its descriptor (what the typed methods call). */
  invoke<TResponse>(operation: OperationDescriptor, request: object, options?: CallOptions): Promise<TResponse>;
  /**
   * Looks a payment up by its reference with getTransactionData: approved, refused, pending, or unknown when the
   * gateway cannot say. Pass the amount and currency you sent: a transaction with other ones is not your payment.
   */
  resolvePayment(transactionReference: string, options?: CallOptions & { readonly amount?: number; readonly currencyCode?: string }): Promise<PaymentResolution>;
  /** Closes keep-alive connections. */
  close(): void;
}

const CONFIG_FIELDS = ['merchantId', 'keyVersion', 'seal', 'sealAlgorithm'] as const;
/** A prefix naming the interface, then the version number: IR_WS_2.55, MR_WS_2.58, AUT_WS_2.55. */
const INTERFACE_VERSION = /^[A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)*_\d+(?:\.\d+)*$/;

function checkConfig(config: ClientConfig): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (config === null || typeof config !== 'object') return [{ field: 'config', problem: 'must be an object' }];
  if (typeof config.merchantId !== 'string' || !/^[0-9]{15}$/.test(config.merchantId)) issues.push({ field: 'merchantId', problem: 'must be the 15-digit shop identifier' });
  if (typeof config.secretKey !== 'string' || config.secretKey.length === 0) issues.push({ field: 'secretKey', problem: 'must be a non-empty string' });
  if (!Number.isSafeInteger(config.keyVersion) || config.keyVersion < 1) issues.push({ field: 'keyVersion', problem: 'must be a positive integer' });
  if (config.sealAlgorithm !== undefined && !isSealAlgorithm(config.sealAlgorithm)) issues.push({ field: 'sealAlgorithm', problem: 'must be HMAC-SHA-256, HMAC-SHA-512 or SHA-256' });
  const timeoutProblem = checkTimeout(config.timeoutMs);
  if (timeoutProblem) issues.push({ field: 'timeoutMs', problem: timeoutProblem });
  if (config.transport !== undefined && !isWire(config.transport) && (config.transport === null || typeof config.transport !== 'object' || typeof (config.transport as Transport).post !== 'function')) {
    issues.push({ field: 'transport', problem: "must be 'soap', 'json' or a Transport object" });
  }
  for (const [service, wire] of Object.entries(config.serviceTransports ?? {})) {
    if (!isWire(wire)) issues.push({ field: `serviceTransports.${service}`, problem: "must be 'soap' or 'json'" });
  }
  if (config.interfaceVersions !== undefined) {
    if (config.interfaceVersions === null || typeof config.interfaceVersions !== 'object') issues.push({ field: 'interfaceVersions', problem: 'must be an object of service name to interfaceVersion' });
    else {
      for (const [service, version] of Object.entries(config.interfaceVersions)) {
        if (typeof version !== 'string' || !INTERFACE_VERSION.test(version)) issues.push({ field: `interfaceVersions.${service}`, problem: 'must be an interface version such as IR_WS_2.60' });
      }
    }
  }
  try {
    serviceUrl(config.environment, 'x', { allowInsecureHttp: config.allowInsecureHttp === true });
  } catch (error) {
    issues.push({ field: 'environment', problem: (error as Error).message });
  }
  return issues;
}

/** Node timers take at most 2^31-1 ms; anything above silently became 1 ms. */
export const MAX_TIMEOUT_MS = 2_147_483_647;

function checkTimeout(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) return 'must be a positive number of milliseconds';
  if (value > MAX_TIMEOUT_MS) return `must be at most ${MAX_TIMEOUT_MS} ms`;
  return undefined;
}

/** One deadline for a whole call: the caller's signal and the timeout, combined. */
interface Deadline {
  readonly signal: AbortSignal;
  /** performance.now() at which the call must be over. */
  readonly at: number;
  readonly timeoutMs: number;
}

/** What a call went through, for the decisions taken after it failed. */
interface CallState {
  attempts: number;
}

function describeIssues(issues: readonly FieldIssue[]): string {
  return issues.map((i) => `${i.field} ${i.problem}`).join('; ');
}

interface PreparedOperation {
  readonly name: string;
  readonly wire: Wire;
  readonly requestFields: StructDescriptor;
  readonly hasSeal: boolean;
  /** Request field names, for the header fields the configuration fills when the request declares them. */
  readonly fieldNames: ReadonlySet<string>;
  readonly recommendedVersion: string | undefined;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
}

export function createClient(config: ClientConfig): SogenactifClient {
  const issues = checkConfig(config);
  if (issues.length > 0) throw new InvalidRequestError(`invalid client configuration: ${describeIssues(issues)}`, { fields: issues });
  // The key lives only in this closure: not on the client object, not in errors.
  const secretKey = config.secretKey;
  const sealAlgorithm = config.sealAlgorithm ?? DEFAULT_SEAL_ALGORITHM;
  const timeoutMs = config.timeoutMs ?? 30_000;
  const maxResponseBytes = config.maxResponseBytes ?? 4 * 1024 * 1024;
  const allowUnsigned = config.allowUnsignedResponses ?? config.environment === 'TEST';
  const transport = config.httpTransport ?? (typeof config.transport === 'object' ? config.transport : undefined) ?? createHttpTransport();
  const defaultWire: Wire = isWire(config.transport) ? config.transport : 'soap';
  const endpointOptions = { allowInsecureHttp: config.allowInsecureHttp === true };
  const retry = config.retry ?? {};
  const prepared = new WeakMap<OperationDescriptor, PreparedOperation>();

  /** What a call needs from its descriptor and this configuration, worked out once per operation. */
  function prepare(operation: OperationDescriptor): PreparedOperation {
    const known = prepared.get(operation);
    if (known) return known;
    const requestStruct = structOf(operation.schema, operation.request);
    const wire: Wire = operation.wire ?? config.serviceTransports?.[operation.service] ?? defaultWire;
    const headers: Record<string, string> =
      wire === 'json'
        ? { 'Content-Type': 'application/json; charset=utf-8', Accept: 'application/json' }
        : operation.soapVersion === '1.2'
        ? { 'Content-Type': `application/soap+xml; charset=utf-8; action="${operation.soapAction}"`, Accept: 'application/soap+xml, text/xml' }
        : { 'Content-Type': 'text/xml; charset=utf-8', SOAPAction: `"${operation.soapAction}"`, Accept: 'text/xml' };
    const ready: PreparedOperation = {
      name: `${operation.service}.${operation.name}`,
      wire,
      // The request's fields without the seal, which is computed over them and added afterwards.
      requestFields: { fields: requestStruct.fields.filter((f) => f.name !== 'seal') },
      hasSeal: requestStruct.fields.some((f) => f.name === 'seal'),
      fieldNames: new Set(requestStruct.fields.map((f) => f.name)),
      recommendedVersion: operation.recommendedInterfaceVersion ? versionNumber(operation.recommendedInterfaceVersion) : undefined,
      url: wire === 'json' ? jsonUrl(config.environment, operation, endpointOptions) : serviceUrl(config.environment, operation.service, endpointOptions),
      headers: Object.freeze(headers),
    };
    prepared.set(operation, ready);
    return ready;
  }

  function startDeadline(name: string, options: CallOptions): Deadline {
    const problem = checkTimeout(options.timeoutMs);
    if (problem) throw new InvalidRequestError(`${name}: options.timeoutMs ${problem}`, { operation: name, fields: [{ field: 'options.timeoutMs', problem }] });
    const ms = options.timeoutMs ?? timeoutMs;
    const timer = AbortSignal.timeout(ms);
    return { signal: options.signal ? AbortSignal.any([timer, options.signal]) : timer, at: performance.now() + ms, timeoutMs: ms };
  }

  async function invoke<TResponse>(operation: OperationDescriptor, request: object, options: CallOptions = {}): Promise<TResponse> {
    const name = `${operation.service}.${operation.name}`;
    const deadline = startDeadline(name, options);
    const input = withReference(operation, request);
    const reference = (input as Record<string, unknown> | undefined)?.transactionReference;
    const lookup = operation.category === 'payment' && typeof reference === 'string' && config.resolveUnknownOutcomes !== false;
    const state: CallState = { attempts: 0 };
    try {
      const response = await send<TResponse>(operation, input, deadline, state, lookup);
      if (input !== request && response && typeof response === 'object' && (response as Record<string, unknown>).transactionReference === undefined) {
        (response as Record<string, unknown>).transactionReference = reference;
      }
      return response;
    } catch (error) {
      const lost =
        (error instanceof TransportError && error.outcomeUnknown) ||
        error instanceof InvalidResponseError ||
        error instanceof SealMismatchError ||
        error instanceof SoapFaultError ||
        // A 94 after one of our own retries: the first attempt probably got through.
        (error instanceof DuplicateTransactionError && state.attempts > 1);
      if (!lost || !lookup) throw error;
      const sent = input as Record<string, unknown>;
      const resolution = await lookUp(reference as string, deadline, { amount: sent.amount, currencyCode: sent.currencyCode, merchantId: config.merchantId });
      const what = error instanceof DuplicateTransactionError ? 'a retry was answered 94 (duplicate)' : `the reply was lost (${(error as Error).message})`;
      throw new OutcomeUnknownError(
        `${name}: ${what}; getTransactionData says the payment is ${resolution.outcome}${resolution.reason ? ` (${resolution.reason})` : ''}`,
        { operation: name, resolution, cause: error },
      );
    }
  }

  /** The request with a generated transactionReference when it is a payment that has none (see generateTransactionReferences). */
  function withReference(operation: OperationDescriptor, request: object): object {
    if (operation.category !== 'payment' || config.generateTransactionReferences === false || request === null || typeof request !== 'object') return request;
    const input = request as Record<string, unknown>;
    if (input.transactionReference !== undefined || input.s10TransactionReference !== undefined) return request;
    // Only payments that create a transaction from an amount; a finalize step (redirectionData) continues one.
    const fields = structOf(operation.schema, operation.request).fields;
    if (!fields.some((f) => f.name === 'transactionReference') || !fields.some((f) => f.name === 'amount' && f.required)) return request;
    return { ...input, transactionReference: generateTransactionReference() };
  }

  async function resolvePayment(transactionReference: string, options: CallOptions & { readonly amount?: number; readonly currencyCode?: string } = {}): Promise<PaymentResolution> {
    const deadline = startDeadline('diagnostic.getTransactionData', options);
    return lookUp(transactionReference, deadline, { amount: options.amount, currencyCode: options.currencyCode, merchantId: config.merchantId });
  }

  async function lookUp(transactionReference: string, deadline: Deadline, sent: SentPayment): Promise<PaymentResolution> {
    if (deadline.signal.aborted) {
      return { outcome: 'unknown', transactionReference, reason: 'no time left to look it up (the deadline passed or the call was aborted); call resolvePayment later' };
    }
    const { getTransactionDataOperation } = loadGenerated<typeof import('../generated/diagnostic')>('diagnostic');
    try {
      const transaction = await send<GetTransactionDataResponse>(getTransactionDataOperation, { transactionReference }, deadline, { attempts: 0 }, false);
      return resolveFromTransaction(transactionReference, transaction as unknown as Record<string, unknown>, sent);
    } catch (error) {
      if (error instanceof SogenactifError && error.code === '25') {
        // Not found is not "refused": the request may never have arrived, or may still be in process.
        return { outcome: 'unknown', transactionReference, reason: 'the gateway has no transaction with this reference yet; look again before paying anew' };
      }
      return { outcome: 'unknown', transactionReference, reason: (error as Error).message };
    }
  }

  async function send<TResponse>(operation: OperationDescriptor, request: object, deadline: Deadline, state: CallState, keepForLookup: boolean): Promise<TResponse> {
    const { name, wire: wireName, requestFields, hasSeal, fieldNames, recommendedVersion, url, headers } = prepare(operation);
    const input = (request ?? {}) as Record<string, unknown>;
    const preset = CONFIG_FIELDS.filter((field) => input[field] !== undefined);
    if (preset.length > 0) {
      const fields = preset.map((field) => ({ field, problem: 'is set from the client configuration and must not be passed' }));
      throw new InvalidRequestError(`${name}: ${describeIssues(fields)}`, { operation: name, fields });
    }
    const interfaceVersion = (input.interfaceVersion as string | undefined) ?? config.interfaceVersions?.[operation.service] ?? operation.recommendedInterfaceVersion;
    // The configuration fills the header fields the request declares (a foreign WSDL may declare none).
    const declared = (field: string): boolean => fieldNames.has(field);
    const full: Record<string, unknown> = {
      ...input,
      ...(declared('interfaceVersion') && interfaceVersion !== undefined ? { interfaceVersion } : {}),
      ...(declared('merchantId') ? { merchantId: config.merchantId } : {}),
      ...(declared('keyVersion') ? { keyVersion: config.keyVersion } : {}),
      // Sent only when not the default, as the published SDKs do; it is never part of the seal.
      ...(sealAlgorithm !== DEFAULT_SEAL_ALGORITHM && declared('sealAlgorithm') ? { sealAlgorithm } : {}),
    };
    const issues: FieldIssue[] = [];
    if (interfaceVersion === undefined && declared('interfaceVersion')) {
      issues.push({ field: 'interfaceVersion', problem: `is required: the contract recommends none for ${name}; pass it in the request or set interfaceVersions.${operation.service} in the client configuration` });
    }
    const version =
      interfaceVersion === operation.recommendedInterfaceVersion ? recommendedVersion : typeof interfaceVersion === 'string' ? versionNumber(interfaceVersion) : undefined;
    const wire = buildWireRecord(requestFields, full, { schema: operation.schema, issues, ...(version ? { version } : {}) });
    if (issues.length > 0) {
      const fields = issues.filter((issue, i) => issues.findIndex((other) => other.field === issue.field) === i);
      throw new InvalidRequestError(`${name}: invalid request: ${describeIssues(fields)}`, { operation: name, fields });
    }
    if (hasSeal) wire.seal = computeSeal(wire, secretKey, sealAlgorithm);

    const envelope = wireName === 'json' ? buildJsonBody(wire, structOf(operation.schema, operation.request), operation.schema) : buildEnvelope(operation, wire);
    const maxAttempts = retry === false ? 1 : Math.max(1, retry.maxAttempts ?? 3);
    for (let attempt = 1; ; attempt++) {
      const started = performance.now();
      state.attempts = attempt;
      try {
        // A payment keeps a third of the deadline for the lookup that follows a lost reply.
        const left = deadline.at - started;
        const budget = Math.max(1, Math.floor(keepForLookup ? Math.min(left, (deadline.timeoutMs * 2) / 3 - (deadline.timeoutMs - left)) : left));
        if (deadline.signal.aborted || left <= 0) {
          throw new TransportError(`${name}: ${deadline.signal.aborted && left > 0 ? 'aborted by the caller' : `deadline of ${deadline.timeoutMs} ms reached`} before sending`, { operation: name, outcomeUnknown: false });
        }
        const reply = await transport.post({
          url,
          body: envelope,
          headers,
          timeoutMs: budget,
          maxResponseBytes,
          operation: name,
          signal: deadline.signal,
        });
        const response = readReply<TResponse>(operation, name, wireName, reply.status, reply.contentType, reply.body, wire);
        log(operation, { operation: name, attempt, url, durationMs: performance.now() - started, request: wire, response });
        return response;
      } catch (error) {
        const retrying = attempt < maxAttempts && !deadline.signal.aborted && shouldRetry(operation, error);
        const named = error instanceof Error ? error : new Error(String(error));
        const failure = { name: named.name, message: named.message, retrying };
        const response = error instanceof SogenactifError ? error.response : undefined;
        log(operation, { operation: name, attempt, url, durationMs: performance.now() - started, request: wire, ...(response ? { response } : {}), error: failure });
        if (!retrying) throw error;
        await backoff(attempt, retry === false ? {} : retry, deadline.signal);
      }
    }
  }

  function log(operation: OperationDescriptor, event: ExchangeEvent): void {
    if (!config.logger) return;
    const request = redact(event.request, structOf(operation.schema, operation.request), operation.schema);
    const response = event.response === undefined ? undefined : redact(event.response, structOf(operation.schema, operation.response), operation.schema);
    try {
      config.logger({ ...event, request, ...(response === undefined ? {} : { response }) });
    } catch {
      // A failing logger must not change the outcome of a payment.
    }
  }

  function readReply<TResponse>(operation: OperationDescriptor, name: string, wireName: Wire, status: number, contentType: string, body: string, sent: WireRecord): TResponse {
    // The HTTP transport stops reading at the limit; a replaced transport is held to it here.
    if (body.length > maxResponseBytes) throw new InvalidResponseError(`${name}: reply larger than ${maxResponseBytes} bytes, refused`, { operation: name });
    if (wireName === 'json') return trustedReply<TResponse>(operation, name, readJsonReply(name, status, contentType, body), sent);
    if (!/xml/i.test(contentType) && !body.trimStart().startsWith('<')) {
      throw new TransportError(`${name}: HTTP ${status} with a non-XML reply (${contentType || 'no content type'})`, { operation: name, outcomeUnknown: true, status });
    }
    let reply: ReadReply;
    try {
      reply = readWireReply(operation, body);
    } catch (error) {
      if (status >= 400) throw new TransportError(`${name}: HTTP ${status}${error instanceof XmlSyntaxError ? ' with an unreadable body' : ''}`, { operation: name, outcomeUnknown: true, status, cause: error });
      if (error instanceof XmlSyntaxError) throw new InvalidResponseError(`${name}: reply is not well-formed XML (${error.message})`, { operation: name, cause: error });
      if (error instanceof ReplyShapeError) throw new InvalidResponseError(`${name}: ${error.message}`, { operation: name, cause: error });
      throw error;
    }
    if (reply.kind === 'fault') throw faultError(name, reply.fault, status);
    if (status >= 400) throw new TransportError(`${name}: HTTP ${status}`, { operation: name, outcomeUnknown: true, status });
    return trustedReply<TResponse>(operation, name, reply.record, sent, reply.content);
  }

  /** A JSON reply's fields, as received; the status and content type decide between a reply and a transport failure. */
  function readJsonReply(name: string, status: number, contentType: string, body: string): WireRecord {
    const looksJson = /json/i.test(contentType) || body.trimStart().startsWith('{');
    if (!looksJson) throw new TransportError(`${name}: HTTP ${status} with a non-JSON reply (${contentType || 'no content type'})`, { operation: name, outcomeUnknown: true, status });
    let record: WireRecord;
    try {
      record = parseJsonRecord(body);
    } catch (error) {
      if (!(error instanceof JsonSyntaxError)) throw error;
      if (status >= 400) throw new TransportError(`${name}: HTTP ${status} with an unreadable body`, { operation: name, outcomeUnknown: true, status, cause: error });
      throw new InvalidResponseError(`${name}: reply is not well-formed JSON (${error.message})`, { operation: name, cause: error });
    }
    if (status >= 400) throw new TransportError(`${name}: HTTP ${status}`, { operation: name, outcomeUnknown: true, status });
    return record;
  }

  /**
   * The reply's fields, whichever wire they came on, trusted only after every check: nothing undeclared, no
   * reflection of our own request, the configured algorithm, the seal, every field's format, the echoes of what
   * was sent; then typed and its outcome checked. `content` is the SOAP element the fields came from.
   */
  function trustedReply<TResponse>(operation: OperationDescriptor, name: string, wire: WireRecord, sent: WireRecord, content?: XmlNode): TResponse {
    const responseStruct = structOf(operation.schema, operation.response);
    if (config.allowUndeclaredReplyElements !== true) {
      const undeclared = content ? undeclaredElements(content, responseStruct, operation.schema) : undeclaredFields(wire, responseStruct, operation.schema);
      if (undeclared.length > 0) {
        const names = undeclared.slice(0, 5).map((n) => n.slice(0, 60)).join(', ');
        throw new InvalidResponseError(`${name}: the reply carries elements the contract does not declare for this operation (${names}${undeclared.length > 5 ? ', ...' : ''}); refusing it (set allowUndeclaredReplyElements for a gateway release newer than your contract)`, { operation: name });
      }
    }
    const reflected = reflectionProblem(sent, wire) ?? algorithmProblem(wire, sealAlgorithm);
    if (reflected) throw new SealMismatchError(`${name}: ${reflected}; refusing it`, { operation: name });
    verifyResponseSeal(operation, name, wire);
    const problems = [...formatIssues(wire, responseStruct, operation.schema), ...echoIssues(sent, wire), ...consistencyIssues(wire, operation)];
    if (problems.length > 0) {
      throw new InvalidResponseError(`${name}: the reply breaks the contract: ${describeIssues(problems.slice(0, 5))}${problems.length > 5 ? '; ...' : ''}`, { operation: name });
    }
    let typed: Record<string, unknown>;
    try {
      typed = coerceRecord(wire, responseStruct, operation.schema);
    } catch (error) {
      if (error instanceof CoercionError) throw new InvalidResponseError(`${name}: bad value in the reply: ${error.message}`, { operation: name, cause: error });
      throw error;
    }
    return checkOutcome(operation, name, typed) as TResponse;
  }

  function verifyResponseSeal(operation: OperationDescriptor, name: string, wire: WireRecord): void {
    const received = wire.seal;
    if (typeof received !== 'string' || received.trim() === '') {
      if (allowUnsigned) return;
      throw new SealMismatchError(`${name}: the reply carries no seal; refusing it (set allowUnsignedResponses to accept unsigned replies)`, { operation: name });
    }
    // Only the configured algorithm verifies: a reply never picks its own (see algorithmProblem).
    if (!sealsMatch(computeSeal(wire, secretKey, sealAlgorithm), received)) {
      const code = operation.codeField ? wire[operation.codeField] : undefined;
      const hint = code === '34' ? ` (it reports ${operation.codeField} 34: the gateway could not verify our seal either; check secretKey and keyVersion)` : '';
      throw new SealMismatchError(`${name}: the reply's seal does not verify with key version ${config.keyVersion}; its content is not trusted${hint}`, { operation: name });
    }
  }

  // Each service's client (and its generated modules) is built on first access.
  return createLazyServiceClients(
    {
      merchantId: config.merchantId,
      environment: config.environment,
      invoke,
      resolvePayment,
      close: () => transport.close(),
    },
    invoke,
  );
}

/**
 * Whether resending is safe: reads may always be resent; anything else only when the gateway said
 * nothing was done (90/99) or the request never left (connection refused).
 */
export function shouldRetry(operation: OperationDescriptor, error: unknown): boolean {
  // A sealed 90/99 is the gateway saying the service was unavailable: the code table's "retry" codes.
  if (error instanceof TemporarilyUnavailableError) return true;
  if (error instanceof TransportError) return operation.category === 'read' || !error.outcomeUnknown;
  if (error instanceof InvalidResponseError || error instanceof SoapFaultError) return operation.category === 'read';
  return false;
}

function backoff(attempt: number, policy: RetryPolicy, signal?: AbortSignal): Promise<void> {
  const base = policy.baseDelayMs ?? 200;
  const cap = policy.maxDelayMs ?? 2_000;
  const delay = Math.random() * Math.min(cap, base * 2 ** (attempt - 1));
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, delay);
    signal?.addEventListener('abort', () => { clearTimeout(timer); resolve(); }, { once: true });
  });
}

function faultError(name: string, fault: XmlNode, status: number): SoapFaultError {
  const text = (local: string): string => fault.children.find((c) => c.local === local)?.text.trim() ?? '';
  // SOAP 1.2 nests the code and reason.
  const code = text('faultcode') || fault.children.find((c) => c.local === 'Code')?.children.find((c) => c.local === 'Value')?.text.trim() || '';
  const reason = text('faultstring') || fault.children.find((c) => c.local === 'Reason')?.children.find((c) => c.local === 'Text')?.text.trim() || '';
  return new SoapFaultError(`${name}: SOAP fault ${code}: ${reason.slice(0, 300)} (HTTP ${status})`, { operation: name, faultCode: code, faultString: reason });
}

/** Throws the typed error the response's code field calls for, or returns the response. */
export function checkOutcome(operation: OperationDescriptor, name: string, response: Record<string, unknown>): Record<string, unknown> {
  if (!operation.codeField) return response;
  const code = response[operation.codeField];
  if (typeof code !== 'string') {
    throw new InvalidResponseError(`${name}: the reply has no ${operation.codeField}`, { operation: name, response });
  }
  const codeEnum = codeEnumOf(operation, operation.codeField);
  let outcome = codeEnum?.outcomes?.[code] ?? defaultOutcome(code);
  const acquirerCode = typeof response.acquirerResponseCode === 'string' ? response.acquirerResponseCode : undefined;
  // 34 means "fraud suspicion" as well as "seal error": an acquirer answer shows the request got through,
  // so it is a refusal, not a key problem.
  if (outcome === 'authentication' && acquirerCode !== undefined && acquirerCode !== '00') outcome = 'declined';
  // Only the codes documented as "try again later" (90, 99) may be resent; any other code a table calls
  // unavailable (04 "unknown error" in older tables) is a refusal.
  if (outcome === 'unavailable' && code !== '90' && code !== '99') outcome = 'declined';
  const meaning = codeEnum?.meanings?.[code] ?? 'code not in the documented list';
  const acquirer = typeof response.acquirerResponseCode === 'string' ? response.acquirerResponseCode : undefined;
  const acquirerMeaning = acquirer ? codeEnumOf(operation, 'acquirerResponseCode')?.meanings?.[acquirer] : undefined;
  const errorFieldName = typeof response.errorFieldName === 'string' ? response.errorFieldName : undefined;
  const message = `${name}: ${operation.codeField} ${code} (${meaning})${acquirer && acquirer !== '00' ? `, acquirerResponseCode ${acquirer}${acquirerMeaning ? ` (${acquirerMeaning})` : ''}` : ''}${errorFieldName ? `, errorFieldName ${errorFieldName}` : ''}`;
  const error = errorForOutcome(outcome, message, {
    operation: name,
    codeField: operation.codeField,
    code,
    codeMeaning: meaning,
    ...(acquirer ? { acquirerResponseCode: acquirer } : {}),
    ...(acquirerMeaning ? { acquirerResponseMeaning: acquirerMeaning } : {}),
    ...(errorFieldName ? { errorFieldName } : {}),
    response,
  });
  if (error) throw error;
  return response;
}

function codeEnumOf(operation: OperationDescriptor, field: string) {
  const descriptor = structOf(operation.schema, operation.response).fields.find((f) => f.name === field);
  if (!descriptor || typeof descriptor.type !== 'object' || !('enum' in descriptor.type)) return undefined;
  return operation.schema.enums[descriptor.type.enum];
}

export { SogenactifError };
