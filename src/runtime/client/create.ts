// createClient: the configuration's settings, then one invoke function that every generated service client calls,
// composed of the steps beside this file: prepare -> deadline -> build and seal -> POST with the retry policy ->
// read the reply -> typed result, or a typed error, with the lookup of a payment whose reply was lost; with a journal
// (../journal), the intent is made durable before sending and the outcome recorded after; recover() and reconcile().
import type { CallOptions, OperationDescriptor } from '../descriptor';
import type { Environment } from '../endpoints';
import { errorFromReply, JournalError, SogenactifError, type PaymentResolution } from '../errors';
import type { WireRecord } from '../record';
import type { GetTransactionDataResponse, ServiceClients } from '../../../generated';
import { createLazyServiceClients, loadGenerated } from '../lazy';
import { resolveSettings, type ClientConfig, type Settings } from './config';
import { merchantSettings } from './merchant';
import { attemptBudget, deadlineOver, startDeadline, type Deadline } from './deadline';
import { CALLER_SIGNAL, directPost, type PostOptions } from '../transport';
import { logExchange, type ExchangeEvent } from './log';
import {
  CallTrace,
  outcomeOf,
  attemptChannel,
  endChannel,
  lookupChannel,
  retryChannel,
  startChannel,
  type ExchangeCodes,
} from './diagnostics';
import { isLostReply, lookUpPayment, lostReplyError } from './lost-reply';
import { resolveFromTransaction, type SentPayment } from '../payment-resolution';
import { DEFAULT_REPLY_MAX_AGE_MS } from '../reply-binding';
import { CONFIRMABLE_WRITES, confirmationMismatches, WriteNotConfirmedError } from './confirm';
import {
  buildHeaderRecord,
  buildRequestRecord,
  prepareOperation,
  requestBody,
  withReference,
  type PreparedOperation,
} from './prepare';
import { memoryOf } from './exchange-memory';
import { readReply } from './reply';
import { backoff, maxAttempts, shouldRetry } from './retry';
import { isJournaled } from '../journal/entry';
import type * as Journal from '../journal';
import type { JournaledCall } from '../journal/call';
import type { PaymentJournal } from '../journal/entry';
import type { ReconcileOptions, ReconcileReport } from '../journal/reconcile';
import type { RecoverOptions, RecoveryReport } from '../journal/recover';
import { InvalidRequestError } from '../errors';

let journalModule: typeof Journal | undefined;
/** The journal's call hook, recovery and reconciliation, loaded by the first client call that has a journal. */
const journalHooks = (): typeof Journal => (journalModule ??= require('../journal') as typeof Journal);

/** What resolvePayment compares the transaction found with: what was sent, and when. */
export type ResolveOptions = CallOptions & {
  readonly amount?: number;
  readonly currencyCode?: string;
  readonly sentAt?: number;
};

export interface SogenactifClient extends ServiceClients {
  /** The merchant calls use when they name none (the first of the keyring). */
  readonly merchantId: string;
  /** Every merchant of the keyring, in configuration order. */
  readonly merchantIds: readonly string[];
  readonly environment: Environment;
  /** Runs any operation from its descriptor (what the typed methods call). */
  invoke<TResponse>(operation: OperationDescriptor, request: object, options?: CallOptions): Promise<TResponse>;
  /**
   * Looks a payment up by its reference with getTransactionData: approved, refused, pending, or unknown when the
   * gateway cannot say. Pass the amount and currency you sent: a transaction with other ones is not your payment;
   * and `sentAt` (epoch ms) when you sent it: a transaction stamped more than `replyMaxAgeMs` before is an older one
   * (or a recorded lookup replayed), so the outcome stays unknown.
   */
  resolvePayment(transactionReference: string, options?: ResolveOptions): Promise<PaymentResolution>;
  /**
   * Settles every journal entry of this merchant without a final outcome (a process that died mid-payment): looks
   * each up with getTransactionData (never resends it) and records approved, refused, never-performed, unknown (next
   * attempt scheduled) or needs-review; `onResolved` receives each settled entry. Needs `journal` in the configuration.
   * With a keyring, every merchant's entries unless `merchantId` names one.
   */
  recover(options?: RecoverOptions & { readonly merchantId?: string }): Promise<RecoveryReport>;
  /**
   * Compares every journal entry since `since` with the gateway's record and reports the mismatches. Needs `journal`.
   */
  reconcile(options: ReconcileOptions & { readonly merchantId?: string }): Promise<ReconcileReport>;
  /** Closes keep-alive connections. */
  close(): void;
}

/**
 * Throws the typed error the response's code field calls for, or returns the response.
 * @deprecated Use errorFromReply, the one factory from a reply to an error: `const error = errorFromReply(operation,
 * name, response); if (error) throw error;`. Kept under its published name; it will go in a major release.
 */
export function checkOutcome(
  operation: OperationDescriptor,
  name: string,
  response: Record<string, unknown>,
): Record<string, unknown> {
  const error = errorFromReply(operation, name, response);
  if (error) throw error;
  return response;
}

/** What a call went through, for the decisions taken after it failed, and the trace its events carry. */
interface CallState {
  attempts: number;
  readonly trace: CallTrace;
}

/** The code a successful reply carries (its code field), for the events. */
function successCodes(operation: OperationDescriptor, response: unknown): ExchangeCodes {
  const code =
    operation.codeField && response && typeof response === 'object'
      ? (response as Record<string, unknown>)[operation.codeField]
      : undefined;
  return typeof code === 'string' ? { codeField: operation.codeField!, code } : {};
}

/** A client for one merchant: checks the configuration (InvalidRequestError naming each bad field) once. */
export function createClient(config: ClientConfig): SogenactifClient {
  const defaults = resolveSettings(config);
  const prepared = new WeakMap<OperationDescriptor, PreparedOperation>();
  const prepare = (operation: OperationDescriptor): PreparedOperation => {
    let ready = prepared.get(operation);
    if (!ready) prepared.set(operation, (ready = prepareOperation(defaults, operation)));
    return ready;
  };

  async function invoke<TResponse>(
    operation: OperationDescriptor,
    call: object,
    options: CallOptions = {},
  ): Promise<TResponse> {
    const ready = prepare(operation);
    const trace = new CallTrace(ready.name);
    const state: CallState = { attempts: 0, trace };
    const started = performance.now();
    try {
      // The keyring's merchant for this call (the request's merchantId or options.merchantId), its merchantId taken
      // out.
      const { settings, request } = merchantSettings(defaults, ready.name, call, options);
      startChannel()?.publish({
        ...trace.fields(),
        wire: ready.wire,
        ...(operation.category ? { category: operation.category } : {}),
        merchantId: settings.config.merchantId,
      });
      const response = await run<TResponse>(operation, ready, settings, request, options, state);
      endChannel()?.publish({
        ...trace.fields(),
        ...outcomeOf(),
        ...successCodes(operation, response),
        attempts: state.attempts,
        durationMs: performance.now() - started,
      });
      return response;
    } catch (error) {
      endChannel()?.publish({
        ...trace.fields(),
        ...outcomeOf(error),
        attempts: state.attempts,
        durationMs: performance.now() - started,
      });
      throw error;
    }
  }

  /**
   * One call: send with the retry policy, the lookup of a payment whose reply was lost, the confirmation of a write.
   */
  async function run<TResponse>(
    operation: OperationDescriptor,
    ready: PreparedOperation,
    settings: Settings,
    request: object,
    options: CallOptions,
    state: CallState,
  ): Promise<TResponse> {
    const deadline = startDeadline(ready.name, options, settings.timeoutMs);
    try {
      const calledAt = Date.now();
      const input = withReference(settings, operation, request);
      const reference = (input as Record<string, unknown> | undefined)?.transactionReference;
      const lookup =
        operation.category === 'payment' && typeof reference === 'string' && config.resolveUnknownOutcomes !== false;
      const journaled =
        config.journal && isJournaled(operation)
          ? journalHooks().journaledCall(config.journal, operation, ready.requestStruct, settings.config.merchantId)
          : undefined;
      let response: TResponse;
      try {
        response = await send<TResponse>(settings, ready, input, deadline, state, lookup, options.headers, journaled);
        if (
          input !== request &&
          response &&
          typeof response === 'object' &&
          (response as Record<string, unknown>).transactionReference === undefined
        ) {
          (response as Record<string, unknown>).transactionReference = reference;
        }
      } catch (error) {
        if (!lookup || !isLostReply(error, state.attempts)) {
          journaled?.settle({ error });
          throw error;
        }
        const sent = input as Record<string, unknown>;
        const resolution = await lookUp(
          settings,
          reference as string,
          deadline,
          {
            amount: sent.amount,
            currencyCode: sent.currencyCode,
            merchantId: settings.config.merchantId,
            sentAt: calledAt,
            maxAgeMs: config.replyMaxAgeMs,
          },
          state.trace,
        );
        const lost = lostReplyError(ready.name, error, resolution);
        journaled?.settle({ error: lost });
        throw lost;
      }
      if (
        (options.confirm ?? config.confirmWrites === true) &&
        CONFIRMABLE_WRITES[ready.name] &&
        typeof reference === 'string'
      ) {
        try {
          await confirmWrite(
            settings,
            ready.name,
            reference,
            response as Record<string, unknown>,
            deadline,
            calledAt,
            state.trace,
          );
        } catch (error) {
          // Not confirmed: the journal keeps the write open for review, not settled on the reply's word.
          journaled?.settle({ error });
          throw error;
        }
      }
      journaled?.settle({ response });
      return response;
    } finally {
      deadline.end?.();
    }
  }

  /**
   * getTransactionData through the same send and reply checks as every call: lost-reply lookups, confirmations,
   * recovery, reconciliation.
   */
  async function getTransaction(
    settings: Settings,
    reference: string,
    deadline: Deadline,
    trace: CallTrace,
  ): Promise<Record<string, unknown>> {
    const { getTransactionDataOperation } = loadGenerated<typeof import('../../../generated/diagnostic')>('diagnostic');
    const transaction = await send<GetTransactionDataResponse>(
      settings,
      prepare(getTransactionDataOperation),
      { transactionReference: reference },
      deadline,
      { attempts: 0, trace },
      false,
    );
    return transaction as unknown as Record<string, unknown>;
  }

  function requireJournal(what: string): PaymentJournal {
    if (!config.journal)
      throw new InvalidRequestError(`${what} needs a journal: createClient({ ..., journal: fileJournal(path) })`, {
        fields: [{ field: 'journal', problem: 'is not configured' }],
      });
    return config.journal;
  }

  /** The keyring's merchants a recovery or reconciliation covers: the one named, else every one. */
  function merchantsFor(what: string, merchantId: string | undefined): Settings[] {
    if (merchantId === undefined) return [...defaults.merchants.values()];
    return [merchantSettings(defaults, what, {}, { merchantId }).settings];
  }
  const lookupFor = (settings: Settings) => (reference: string) => {
    const deadline = startDeadline('diagnostic.getTransactionData', {}, settings.timeoutMs);
    return getTransaction(settings, reference, deadline, new CallTrace('diagnostic.getTransactionData')).finally(() =>
      deadline.end?.(),
    );
  };

  async function recover(options: RecoverOptions & { readonly merchantId?: string } = {}): Promise<RecoveryReport> {
    const journal = requireJournal('recover');
    const { merchantId, ...rest } = options;
    const reports: RecoveryReport[] = [];
    for (const settings of merchantsFor('recover', merchantId)) {
      reports.push(
        await journalHooks().recoverJournal(
          {
            journal,
            merchantId: settings.config.merchantId,
            lookup: lookupFor(settings),
            defaultGraceMs: 2 * settings.timeoutMs,
          },
          rest,
        ),
      );
    }
    return {
      entries: reports.flatMap((r) => r.entries),
      settled: sum(reports.map((r) => r.settled)),
      open: sum(reports.map((r) => r.open)),
      allFinal: reports.every((r) => r.allFinal),
    };
  }

  async function reconcile(options: ReconcileOptions & { readonly merchantId?: string }): Promise<ReconcileReport> {
    const journal = requireJournal('reconcile');
    const { merchantId, ...rest } = options;
    const reports: ReconcileReport[] = [];
    for (const settings of merchantsFor('reconcile', merchantId)) {
      reports.push(
        await journalHooks().reconcileJournal(
          { journal, merchantId: settings.config.merchantId, lookup: lookupFor(settings) },
          rest,
        ),
      );
    }
    return {
      since: rest.since.toISOString(),
      rows: reports.flatMap((r) => r.rows),
      mismatches: sum(reports.map((r) => r.mismatches)),
      unresolved: sum(reports.map((r) => r.unresolved)),
    };
  }

  /** Looks the transaction up after a write and throws WriteNotConfirmedError unless it shows what was asked. */
  async function confirmWrite(
    settings: Settings,
    name: string,
    transactionReference: string,
    reply: Record<string, unknown>,
    deadline: Deadline,
    sentAt: number,
    trace: CallTrace,
  ): Promise<void> {
    const maxAgeMs = config.replyMaxAgeMs ?? DEFAULT_REPLY_MAX_AGE_MS;
    const started = performance.now();
    let transaction: Record<string, unknown>;
    try {
      transaction = await getTransaction(settings, transactionReference, deadline, trace);
    } catch (error) {
      lookupChannel()?.publish({
        ...trace.fields(),
        purpose: 'confirm',
        result: 'not-confirmed',
        durationMs: performance.now() - started,
      });
      const resolution: PaymentResolution = {
        outcome: 'unknown',
        transactionReference,
        reason: `the confirming lookup failed: ${(error as Error).message}`,
      };
      throw new WriteNotConfirmedError(
        `${name}: the write was answered as done but could not be confirmed (${resolution.reason}` +
          `); check the transaction before acting on it`,
        { operation: name, resolution, mismatches: [], cause: error },
      );
    }
    const mismatches = confirmationMismatches(name, transaction, reply, sentAt, maxAgeMs);
    lookupChannel()?.publish({
      ...trace.fields(),
      purpose: 'confirm',
      result: mismatches.length === 0 ? 'confirmed' : 'not-confirmed',
      durationMs: performance.now() - started,
    });
    if (mismatches.length === 0) return;
    const resolution: PaymentResolution = {
      ...resolveFromTransaction(transactionReference, transaction),
      outcome: 'unknown',
      reason: mismatches.join('; '),
    };
    throw new WriteNotConfirmedError(
      `${name}: the gateway did something else than the ${name} answered as done: ${mismatches.join('; ')}`,
      { operation: name, resolution, mismatches },
    );
  }

  async function lookUp(
    settings: Settings,
    transactionReference: string,
    deadline: Deadline,
    sent: SentPayment,
    trace: CallTrace,
  ): Promise<PaymentResolution> {
    const transactionLookup = (reference: string): Promise<Record<string, unknown>> =>
      getTransaction(settings, reference, deadline, trace);
    const started = performance.now();
    const resolution = await lookUpPayment(transactionLookup, transactionReference, deadlineOver(deadline), sent);
    lookupChannel()?.publish({
      ...trace.fields(),
      purpose: 'lost-reply',
      result: resolution.outcome,
      durationMs: performance.now() - started,
    });
    return resolution;
  }

  function resolvePayment(transactionReference: string, options: ResolveOptions = {}): Promise<PaymentResolution> {
    const { settings } = merchantSettings(defaults, 'diagnostic.getTransactionData', {}, options);
    const deadline = startDeadline('diagnostic.getTransactionData', options, settings.timeoutMs);
    const { amount, currencyCode, sentAt } = options;
    return lookUp(
      settings,
      transactionReference,
      deadline,
      {
        amount,
        currencyCode,
        merchantId: settings.config.merchantId,
        ...(sentAt !== undefined ? { sentAt, maxAgeMs: config.replyMaxAgeMs } : {}),
      },
      new CallTrace('diagnostic.getTransactionData'),
    ).finally(() => deadline.end?.());
  }

  // Each service's client (and its generated modules) is built on first access.
  return createLazyServiceClients(
    {
      merchantId: defaults.config.merchantId,
      merchantIds: [...defaults.merchants.keys()],
      environment: config.environment,
      invoke,
      resolvePayment,
      recover,
      reconcile,
      close: () => defaults.transport.close(),
    },
    invoke,
  );
}

/**
 * One call on the wire: build and seal the request, then POST it, read the reply, log, and retry as the policy allows.
 */
async function send<TResponse>(
  settings: Settings,
  prepared: PreparedOperation,
  request: object,
  deadline: Deadline,
  state: CallState,
  keepForLookup: boolean,
  soapHeaders?: object,
  journaled?: JournaledCall,
): Promise<TResponse> {
  const { operation, name, url, headers, wire } = prepared;
  const record: WireRecord = buildRequestRecord(settings, prepared, request);
  const body = requestBody(prepared, record, buildHeaderRecord(prepared, soapHeaders));
  // Every request's seal is remembered: a reply carrying one is that request reflected, whichever call it answers.
  // (Lower-case hex as hashSealString writes it: digest('hex').)
  if (typeof record.seal === 'string') memoryOf(settings).requestSeals.add(record.seal);
  // Durable before anything leaves: a journal that cannot write stops the call here (JournalError, nothing sent).
  if (journaled) await withinDeadline(journaled.intent(record), deadline, name);
  const attempts = maxAttempts(settings.retry);
  const logger = settings.config.logger;
  for (let attempt = 1; ; attempt++) {
    const started = performance.now();
    const sentAt = Date.now();
    state.attempts = attempt;
    if (attempt === 1) journaled?.sent();
    try {
      const timeoutMs = attemptBudget(name, deadline, started, keepForLookup);
      const transport = settings.transport;
      const post = {
        url,
        body,
        headers,
        timeoutMs,
        maxResponseBytes: settings.maxResponseBytes,
        operation: name,
        // What the built-in transport reads when wrapped (transport.ts): its timer keeps the deadline.
        [CALLER_SIGNAL]: deadline.callerSignal ?? null,
        [DEADLINE]: deadline,
      } as PostOptions;
      // The built-in transport's own request takes the caller's signal (its timer keeps the deadline); any other
      // transport, a wrapper of it included, gets `signal` too: the deadline's, made on its first read
      // (client/deadline.ts), so a transport that never reads it pays nothing.
      const direct = directPost(transport);
      const reply = await (direct !== undefined
        ? direct(post, deadline.callerSignal)
        : transport.post(withSignal(post)));
      const response = readReply<TResponse>(settings, operation, name, wire, reply, record, sentAt);
      const durationMs = performance.now() - started;
      attemptChannel()?.publish({
        ...state.trace.fields(),
        attemptOperation: name,
        attempt,
        ...outcomeOf(),
        ...successCodes(operation, response),
        durationMs,
      });
      if (logger)
        logExchange(logger, operation, { ...attemptEvent(state, name, attempt, url, durationMs, record), response });
      return response;
    } catch (error) {
      const durationMs = performance.now() - started;
      const retrying = attempt < attempts && !deadlineOver(deadline) && shouldRetry(operation, error);
      const outcome = outcomeOf(error);
      attemptChannel()?.publish({ ...state.trace.fields(), attemptOperation: name, attempt, ...outcome, durationMs });
      if (logger) {
        const named = error instanceof Error ? error : new Error(String(error));
        const response = error instanceof SogenactifError ? error.response : undefined;
        logExchange(logger, operation, {
          ...attemptEvent(state, name, attempt, url, durationMs, record),
          ...(response ? { response } : {}),
          error: { name: named.name, message: named.message, retrying },
        });
      }
      if (!retrying) throw error;
      retryChannel()?.publish({ ...state.trace.fields(), attempt, ...outcome });
      await backoff(attempt, settings.retry, deadline.signal);
    }
  }
}

/** Where the `signal` accessor of a transport's options finds its deadline. */
const DEADLINE: unique symbol = Symbol('sogenactif-office.deadline');
/**
 * One accessor for every call's options: V8 keeps a fast object when the same getter is added to objects of one shape,
 * where an object literal's own `get signal()` (a new function each call) cost 4.6 k instructions and a slow object,
 * this 2.2 k (tools/bench/README.md, issue 20, fifth pass).
 */
const SIGNAL_ACCESSOR: PropertyDescriptor = {
  get(this: { readonly [DEADLINE]: Deadline }): AbortSignal {
    return this[DEADLINE].signal;
  },
  enumerable: true,
  configurable: true,
};

/** The options with the deadline's `signal` (an accessor: a spread of them copies the signal, made then). */
function withSignal(options: PostOptions): PostOptions {
  return Object.defineProperty(options, 'signal', SIGNAL_ACCESSOR);
}

/** What the log says of every attempt (made only when there is a logger). */
function attemptEvent(
  state: CallState,
  name: string,
  attempt: number,
  url: string,
  durationMs: number,
  request: WireRecord,
): ExchangeEvent {
  return { correlationId: state.trace.correlationId, operation: name, attempt, url, durationMs, request };
}

function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

/**
 * The journal's intent, within the call's deadline: a store that hangs (a PostgreSQL pool that never answers) ends the
 * call with a JournalError, nothing sent, instead of holding it past its deadline. An intent written late stays an
 * open entry that recovery settles (never-performed once the gateway does not know it).
 */
function withinDeadline(intent: Promise<void>, deadline: Deadline, name: string): Promise<void> {
  if (deadlineOver(deadline)) return Promise.reject(timedOut(name));
  return new Promise<void>((resolve, reject) => {
    const abort = (): void => reject(timedOut(name));
    deadline.signal.addEventListener('abort', abort, { once: true });
    intent.then(resolve, reject).finally(() => deadline.signal.removeEventListener('abort', abort));
  });
}

function timedOut(name: string): JournalError {
  return new JournalError(
    `${name}: the journal did not make the intent durable within the call's deadline; nothing was sent`,
    { operation: name, reason: 'write-failed', nothingSent: true },
  );
}
