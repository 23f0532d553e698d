// diagnostics_channel events for each exchange, as undici publishes its own: start, attempt, retry, lookup, end,
// sharing one correlation id (also on the logger's events). Only names, codes, counts and durations are published:
// never a request or reply field, so never a key, card number, CSC or IBAN.
import type * as DiagnosticsChannel from 'node:diagnostics_channel';
import { nodeCrypto } from '../node-crypto';
import { isSogenactifError, type ErrorKind } from '../errors';

/** The channel names (subscribe with `diagnostics_channel.subscribe(name, listener)`). */
export const CHANNELS = {
  start: 'sogenactif:exchange:start',
  attempt: 'sogenactif:exchange:attempt',
  retry: 'sogenactif:exchange:retry',
  lookup: 'sogenactif:exchange:lookup',
  end: 'sogenactif:exchange:end',
} as const;

/** What every event carries: the call's correlation id and the operation (`service.operation`). */
export interface ExchangeTrace {
  /** One per call, shared by its attempts, its lookup and the logger's events. */
  readonly correlationId: string;
  readonly operation: string;
}

export interface ExchangeStartMessage extends ExchangeTrace {
  readonly wire: 'soap' | 'json';
  /** The operation's category (payment, cash, read, ...), as the descriptor gives it. */
  readonly category?: string;
  readonly merchantId: string;
}

/** How an attempt or a call ended: success, or the error's kind (declined, invalid-request, transport, ...). */
export type ExchangeOutcome = 'success' | ErrorKind;

/** The codes an outcome carries, when it has them. */
export interface ExchangeCodes {
  readonly codeField?: string;
  readonly code?: string;
  readonly acquirerResponseCode?: string;
  /** The error's class name (DeclinedError, TransportError, ...), when the outcome is not success. */
  readonly errorName?: string;
  /** The HTTP status of a transport error, when there was one. */
  readonly httpStatus?: number;
}

export interface ExchangeAttemptMessage extends ExchangeTrace, ExchangeCodes {
  /** The operation this attempt ran: the call's own, or `diagnostic.getTransactionData` for its lookup. */
  readonly attemptOperation: string;
  readonly attempt: number;
  readonly outcome: ExchangeOutcome;
  readonly durationMs: number;
}

export interface ExchangeRetryMessage extends ExchangeTrace, ExchangeCodes {
  /** The attempt that failed; the next one is `attempt + 1`. */
  readonly attempt: number;
  readonly outcome: ExchangeOutcome;
}

export interface ExchangeLookupMessage extends ExchangeTrace {
  /** Why: `lost-reply` (a payment's reply was lost) or `confirm` (the post-write confirmation). */
  readonly purpose: 'lost-reply' | 'confirm';
  /** approved / refused / pending / unknown for a lost reply; confirmed / not-confirmed for a confirmation. */
  readonly result: string;
  readonly durationMs: number;
}

export interface ExchangeEndMessage extends ExchangeTrace, ExchangeCodes {
  readonly outcome: ExchangeOutcome;
  readonly attempts: number;
  readonly durationMs: number;
}

// node:diagnostics_channel and the channels are made on the first publish, not with the package. A listener that
// subscribed by name before that still receives the events: channel(name) returns the channel subscribe(name) made.
type Channels = { readonly [K in keyof typeof CHANNELS]: DiagnosticsChannel.Channel };
let made: Channels | undefined;
const channels = (): Channels => {
  if (made !== undefined) return made;
  const { channel } = require('node:diagnostics_channel') as typeof DiagnosticsChannel;
  made = {
    start: channel(CHANNELS.start),
    attempt: channel(CHANNELS.attempt),
    retry: channel(CHANNELS.retry),
    lookup: channel(CHANNELS.lookup),
    end: channel(CHANNELS.end),
  };
  return made;
};

export const newCorrelationId = (): string => nodeCrypto().randomUUID();

/**
 * A call's trace, its correlation id made on first read: a UUID costs some 3 k instructions (node:crypto's randomUUID)
 * and only a diagnostics subscriber or a logger reads it, so a call that has neither makes none.
 */
export class CallTrace implements ExchangeTrace {
  private id: string | undefined;
  constructor(readonly operation: string) {}
  get correlationId(): string {
    return (this.id ??= newCorrelationId());
  }
  /** The trace as a message carries it, own properties (a spread of the trace would not copy its getter). */
  fields(): ExchangeTrace {
    return { correlationId: this.correlationId, operation: this.operation };
  }
}

/** The outcome and codes an error (or success) gives: only the error's own scalar fields, never its response. */
export function outcomeOf(error?: unknown): { outcome: ExchangeOutcome } & ExchangeCodes {
  if (error === undefined) return { outcome: 'success' };
  if (!isSogenactifError(error)) return { outcome: 'error', errorName: error instanceof Error ? error.name : 'Error' };
  const status = (error as { status?: unknown }).status;
  return {
    outcome: error.kind,
    errorName: error.name,
    ...(error.codeField ? { codeField: error.codeField } : {}),
    ...(error.code ? { code: error.code } : {}),
    ...(error.acquirerResponseCode ? { acquirerResponseCode: error.acquirerResponseCode } : {}),
    ...(typeof status === 'number' ? { httpStatus: status } : {}),
  };
}

/** A channel of the exchange, typed by its message. */
export interface ExchangeChannel<TMessage> {
  publish(message: TMessage): void;
}
const subscribed = <TMessage>(target: DiagnosticsChannel.Channel): ExchangeChannel<TMessage> | undefined =>
  target.hasSubscribers ? (target as ExchangeChannel<TMessage>) : undefined;
// Each is its channel when it has subscribers, else undefined: `startChannel()?.publish({ ... })` builds its message
// only for a subscriber (optional chaining skips the arguments), and allocates nothing else (a closure per event did).
export const startChannel = (): ExchangeChannel<ExchangeStartMessage> | undefined => subscribed(channels().start);
export const attemptChannel = (): ExchangeChannel<ExchangeAttemptMessage> | undefined => subscribed(channels().attempt);
export const retryChannel = (): ExchangeChannel<ExchangeRetryMessage> | undefined => subscribed(channels().retry);
export const lookupChannel = (): ExchangeChannel<ExchangeLookupMessage> | undefined => subscribed(channels().lookup);
export const endChannel = (): ExchangeChannel<ExchangeEndMessage> | undefined => subscribed(channels().end);
