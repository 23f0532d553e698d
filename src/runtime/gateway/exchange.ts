// One call through the gateway, whatever wire the caller used: the caller's fields checked (every bad one named,
// nothing sent), then the real client (createClient: seal, retries, reply checks, lost-reply lookup, journal), and
// the caller's answer: Sogenactif's verified reply as received, or one of the gateway's documented answers.
import { AsyncLocalStorage } from 'node:async_hooks';
import { CONFIG_FIELDS, DEFAULTED_FIELDS } from '../contract-constants';
import type { OperationDescriptor } from '../descriptor';
import { isSogenactifError, type FieldIssue, type SogenactifError } from '../errors';
import { MERCHANT_ID_FORMAT } from '../platform-rules';
import type { ExchangeEvent } from '../client/log';
import type { HttpReply, Transport } from '../transport';
import { buildWireRecord, coerceRecord, structOf, type WireRecord } from '../record';
import { versionNumber } from '../version';
import type { GatewayError } from './answers';

/** What one exchange went through upstream: the reply to pass on, and the counts the metrics and the log show. */
export interface ExchangeTrace {
  /** `service.operation` of the caller's call (the lookup after a lost reply is another operation). */
  readonly name: string;
  /** The last reply received for the call's own operation: what is passed on once the client verified it. */
  reply?: HttpReply;
  attempts: number;
  retries: number;
  lookups: number;
  sealFailures: number;
}

const traces = new AsyncLocalStorage<ExchangeTrace>();

/** Runs `call` with `trace` collecting what the transport and the client's log see of it. */
export function traced<T>(trace: ExchangeTrace, call: () => Promise<T>): Promise<T> {
  return traces.run(trace, call);
}

/** A transport that keeps, for the running exchange, the reply of its own operation (passed on once verified). */
export function recordingTransport(inner: Transport): Transport {
  return {
    async post(options) {
      const reply = await inner.post(options);
      const trace = traces.getStore();
      if (trace && options.operation === trace.name) trace.reply = reply;
      return reply;
    },
    close: () => inner.close(),
  };
}

/** The client's exchange log, read for the running exchange's counts (attempts, retries, lookups, seal failures). */
export function countingLogger(next?: (event: ExchangeEvent) => void): (event: ExchangeEvent) => void {
  return (event) => {
    const trace = traces.getStore();
    if (trace) {
      if (event.operation === trace.name) trace.attempts = Math.max(trace.attempts, event.attempt);
      else if (event.operation === 'diagnostic.getTransactionData' && event.attempt === 1) trace.lookups += 1;
      if (event.error?.retrying) trace.retries += 1;
      if (event.error?.name === 'SealMismatchError') trace.sealFailures += 1;
    }
    next?.(event);
  };
}

/** The caller's request ready for the client: typed fields, the merchant it names, or every bad field. */
export type CallerRequest =
  | { readonly ok: true; readonly request: Record<string, unknown>; readonly merchantId?: string }
  | { readonly ok: false; readonly fields: FieldIssue[] };

/** Fields the gateway fills or ignores when a caller sends them (the caller has no key: its seal means nothing). */
const FILLED: ReadonlySet<string> = new Set<string>([...CONFIG_FIELDS, ...DEFAULTED_FIELDS]);

/**
 * The caller's wire record (the text of each field, from SOAP or JSON) checked against the contract as a server
 * checks what it received (every bad field named), then typed. seal, keyVersion and sealAlgorithm are dropped;
 * merchantId picks the merchant; an empty interfaceVersion is left for the client to default.
 */
export function callerRequest(operation: OperationDescriptor, record: WireRecord): CallerRequest {
  const {
    seal: _seal,
    keyVersion: _keyVersion,
    sealAlgorithm: _algorithm,
    merchantId,
    interfaceVersion,
    ...fields
  } = record;
  const issues: FieldIssue[] = [];
  const version =
    typeof interfaceVersion === 'string' && interfaceVersion.trim() !== '' ? interfaceVersion.trim() : undefined;
  const struct = structOf(operation.schema, operation.request);
  const number = version
    ? versionNumber(version)
    : operation.recommendedInterfaceVersion
      ? versionNumber(operation.recommendedInterfaceVersion)
      : undefined;
  buildWireRecord(struct, fields, {
    schema: operation.schema,
    issues,
    acceptText: true,
    ...(number ? { version: number } : {}),
  });
  const named = issues.filter((issue) => !FILLED.has(issue.field.split(/[.[]/)[0]!));
  // An empty merchantId (a toolkit writing <merchantId/> for an unset field) names no merchant.
  const merchant = typeof merchantId === 'string' ? merchantId.trim() : merchantId;
  if (merchant !== undefined && merchant !== '' && (typeof merchant !== 'string' || !MERCHANT_ID_FORMAT.test(merchant)))
    named.unshift({ field: 'merchantId', problem: 'must be the 15-digit shop identifier' });
  if (named.length > 0)
    return {
      ok: false,
      fields: named.filter((issue, i) => named.findIndex((other) => other.field === issue.field) === i),
    };
  const request = coerceRecord(fields, struct, operation.schema);
  if (version) request.interfaceVersion = version;
  return { ok: true, request, ...(typeof merchant === 'string' && merchant !== '' ? { merchantId: merchant } : {}) };
}

/** Error kinds built from a verified reply's code: Sogenactif's own answer, passed on as received. */
const ANSWERED_KINDS: ReadonlySet<string> = new Set([
  'declined',
  'invalid-request',
  'duplicate',
  'authentication',
  'unavailable',
]);

/** Whether `error` is a verified reply's outcome (a refusal, 12/30, 90/99, ...), to pass on as Sogenactif sent it. */
export function isVerifiedAnswer(error: unknown): error is SogenactifError {
  return (
    isSogenactifError(error) &&
    ANSWERED_KINDS.has(error.kind) &&
    error.response !== undefined &&
    typeof error.code === 'string'
  );
}

/** The gateway's documented answer for an error thrown by the client (anything but a verified reply's outcome). */
export function gatewayError(operation: OperationDescriptor, name: string, error: unknown): GatewayError {
  const base = { operation: name };
  if (isSogenactifError(error, 'outcome-unknown')) {
    return {
      ...base,
      code: 'OutcomeUnknown',
      message: `${name}: the reply was lost or not trusted; the lookup says ${error.resolution.outcome}`,
      resolution: error.resolution,
    };
  }
  if (isSogenactifError(error, 'journal')) {
    // The intent could not be made durable: the client sent nothing, so the caller may send it again.
    return {
      ...base,
      code: 'JournalUnavailable',
      message: `${name}: the payment journal could not record the call; nothing was sent`,
    };
  }
  if (isSogenactifError(error, 'invalid-request') && error.response === undefined) {
    return {
      ...base,
      code: 'InvalidRequest',
      message: `${name}: invalid request; nothing was sent`,
      fields: error.fields,
    };
  }
  if (isSogenactifError(error, 'transport') && !error.outcomeUnknown) {
    return {
      ...base,
      code: 'UpstreamUnavailable',
      message: `${name}: Sogenactif could not be reached; nothing was sent`,
    };
  }
  const unknownKinds = ['transport', 'invalid-response', 'seal', 'fault', 'authentication'];
  if (isSogenactifError(error) && unknownKinds.includes(error.kind)) {
    // A read changes nothing: its untrusted reply is just not passed on. Anything else may have been done.
    if (operation.category === 'read')
      return {
        ...base,
        code: 'ReplyNotTrusted',
        message: `${name}: Sogenactif's reply is not passed on (${error.name})`,
      };
    return {
      ...base,
      code: 'OutcomeUnknown',
      message:
        `${name}: the request was sent and its reply was lost or not trusted (${error.name}` +
        `); no lookup exists for this operation`,
      resolution: {
        outcome: 'unknown',
        transactionReference: '',
        reason: `${error.name}: check the operation's effect before sending it again`,
      },
    };
  }
  return { ...base, code: 'Internal', message: `${name}: the gateway failed (${(error as Error)?.name ?? 'error'})` };
}
