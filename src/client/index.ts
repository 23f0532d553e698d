// createClient: the configuration's settings, then one invoke function that every generated service client calls,
// composed of the steps beside this file: prepare -> deadline -> build and seal -> POST with the retry policy ->
// read the reply -> typed result, or a typed error, with the lookup of a payment whose reply was lost; with a journal
// (../journal), the intent is made durable before sending and the outcome recorded after; recover() and reconcile().
import type { CallOptions, OperationDescriptor } from '../descriptor';
import type { Environment } from '../endpoints';
import { errorFromReply, SogenactifError, type PaymentResolution } from '../errors';
import type { WireRecord } from '../wire';
import type { GetTransactionDataResponse, ServiceClients } from '../../generated';
import { createLazyServiceClients, loadGenerated } from '../lazy';
import { resolveSettings, type ClientConfig, type Settings } from './config';
import { attemptBudget, startDeadline, type Deadline } from './deadline';
import { logExchange } from './log';
import { isLostReply, lookUpPayment, lostReplyError } from './lost-reply';
import { buildRequestRecord, prepareOperation, requestBody, withReference, type PreparedOperation } from './prepare';
import { readReply } from './reply';
import { backoff, maxAttempts, shouldRetry } from './retry';
import { isJournaled, journaledCall, reconcileJournal, recoverJournal, type JournaledCall, type PaymentJournal, type ReconcileOptions, type ReconcileReport, type RecoverOptions, type RecoveryReport } from '../journal';
import { InvalidRequestError } from '../errors';

export { checkConfig, checkTimeout, isWire, MAX_TIMEOUT_MS, resolveSettings, type ClientConfig, type Settings, type Wire } from './config';
export { attemptBudget, startDeadline, type Deadline } from './deadline';
export { logExchange, type ExchangeEvent } from './log';
export { isLostReply, lookUpPayment, lostReplyError, type TransactionLookup } from './lost-reply';
export { buildRequestRecord, CONFIG_FIELDS, prepareOperation, requestBody, withReference, type PreparedOperation } from './prepare';
export { faultError, htmlPageTitle, readJsonRecord, readReply, trustedReply, verifyReplySeal, type RawReply } from './reply';
export { backoff, backoffDelay, maxAttempts, NEVER_SENT_ERRORS, RESENDABLE_CODES, shouldRetry, type RetryPolicy } from './retry';
export { SogenactifError };

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
  /**
   * Settles every journal entry of this merchant without a final outcome (a process that died mid-payment): looks
   * each up with getTransactionData (never resends it) and records approved, refused, never-performed, unknown (next
   * attempt scheduled) or needs-review; `onResolved` receives each settled entry. Needs `journal` in the configuration.
   */
  recover(options?: RecoverOptions): Promise<RecoveryReport>;
  /** Compares every journal entry since `since` with the gateway's record and reports the mismatches. Needs `journal`. */
  reconcile(options: ReconcileOptions): Promise<ReconcileReport>;
  /** Closes keep-alive connections. */
  close(): void;
}

/**
 * Throws the typed error the response's code field calls for, or returns the response (errors.ts's errorFromReply,
 * kept under its published name).
 */
export function checkOutcome(operation: OperationDescriptor, name: string, response: Record<string, unknown>): Record<string, unknown> {
  const error = errorFromReply(operation, name, response);
  if (error) throw error;
  return response;
}

/** What a call went through, for the decisions taken after it failed. */
interface CallState {
  attempts: number;
}

/** A client for one merchant: checks the configuration (InvalidRequestError naming each bad field) once. */
export function createClient(config: ClientConfig): SogenactifClient {
  const settings = resolveSettings(config);
  const prepared = new WeakMap<OperationDescriptor, PreparedOperation>();
  const prepare = (operation: OperationDescriptor): PreparedOperation => {
    let ready = prepared.get(operation);
    if (!ready) prepared.set(operation, (ready = prepareOperation(settings, operation)));
    return ready;
  };

  async function invoke<TResponse>(operation: OperationDescriptor, request: object, options: CallOptions = {}): Promise<TResponse> {
    const ready = prepare(operation);
    const deadline = startDeadline(ready.name, options, settings.timeoutMs);
    const input = withReference(settings, operation, request);
    const reference = (input as Record<string, unknown> | undefined)?.transactionReference;
    const lookup = operation.category === 'payment' && typeof reference === 'string' && config.resolveUnknownOutcomes !== false;
    const state: CallState = { attempts: 0 };
    const journaled = config.journal && isJournaled(operation) ? journaledCall(config.journal, operation, ready.requestStruct, config.merchantId) : undefined;
    try {
      const response = await send<TResponse>(settings, ready, input, deadline, state, lookup, journaled);
      journaled?.settle({ response });
      if (input !== request && response && typeof response === 'object' && (response as Record<string, unknown>).transactionReference === undefined) {
        (response as Record<string, unknown>).transactionReference = reference;
      }
      return response;
    } catch (error) {
      if (!lookup || !isLostReply(error, state.attempts)) {
        journaled?.settle({ error });
        throw error;
      }
      const sent = input as Record<string, unknown>;
      const resolution = await lookUp(reference as string, deadline, { amount: sent.amount, currencyCode: sent.currencyCode, merchantId: config.merchantId });
      const lost = lostReplyError(ready.name, error, resolution);
      journaled?.settle({ error: lost });
      throw lost;
    }
  }

  /** getTransactionData through the same send and reply checks as every call: the lost-reply lookup, recovery, reconciliation. */
  async function getTransaction(reference: string, deadline: Deadline): Promise<Record<string, unknown>> {
    const { getTransactionDataOperation } = loadGenerated<typeof import('../../generated/diagnostic')>('diagnostic');
    const transaction = await send<GetTransactionDataResponse>(settings, prepare(getTransactionDataOperation), { transactionReference: reference }, deadline, { attempts: 0 }, false);
    return transaction as unknown as Record<string, unknown>;
  }
  const transactionLookup = (reference: string): Promise<Record<string, unknown>> => getTransaction(reference, startDeadline('diagnostic.getTransactionData', {}, settings.timeoutMs));

  function requireJournal(what: string): PaymentJournal {
    if (!config.journal) throw new InvalidRequestError(`${what} needs a journal: createClient({ ..., journal: fileJournal(path) })`, { fields: [{ field: 'journal', problem: 'is not configured' }] });
    return config.journal;
  }

  const recover = (options?: RecoverOptions): Promise<RecoveryReport> =>
    recoverJournal({ journal: requireJournal('recover'), merchantId: config.merchantId, lookup: transactionLookup, defaultGraceMs: 2 * settings.timeoutMs }, options);
  const reconcile = (options: ReconcileOptions): Promise<ReconcileReport> => reconcileJournal({ journal: requireJournal('reconcile'), merchantId: config.merchantId, lookup: transactionLookup }, options);

  function lookUp(transactionReference: string, deadline: Deadline, sent: { amount?: unknown; currencyCode?: unknown; merchantId: string }): Promise<PaymentResolution> {
    return lookUpPayment((reference) => getTransaction(reference, deadline), transactionReference, deadline.signal.aborted, sent);
  }

  function resolvePayment(transactionReference: string, options: CallOptions & { readonly amount?: number; readonly currencyCode?: string } = {}): Promise<PaymentResolution> {
    const deadline = startDeadline('diagnostic.getTransactionData', options, settings.timeoutMs);
    return lookUp(transactionReference, deadline, { amount: options.amount, currencyCode: options.currencyCode, merchantId: config.merchantId });
  }

  // Each service's client (and its generated modules) is built on first access.
  return createLazyServiceClients(
    { merchantId: config.merchantId, environment: config.environment, invoke, resolvePayment, recover, reconcile, close: () => settings.transport.close() },
    invoke,
  );
}

/** One call on the wire: build and seal the request, then POST it, read the reply, log, and retry as the policy allows. */
async function send<TResponse>(settings: Settings, prepared: PreparedOperation, request: object, deadline: Deadline, state: CallState, keepForLookup: boolean, journaled?: JournaledCall): Promise<TResponse> {
  const { operation, name, url, headers, wire } = prepared;
  const record: WireRecord = buildRequestRecord(settings, prepared, request);
  const body = requestBody(prepared, record);
  // Durable before anything leaves: a journal that cannot write stops the call here (JournalError, nothing sent).
  if (journaled) await journaled.intent(record);
  const attempts = maxAttempts(settings.retry);
  const logger = settings.config.logger;
  for (let attempt = 1; ; attempt++) {
    const started = performance.now();
    state.attempts = attempt;
    if (attempt === 1) journaled?.sent();
    try {
      const timeoutMs = attemptBudget(name, deadline, started, keepForLookup);
      const reply = await settings.transport.post({ url, body, headers, timeoutMs, maxResponseBytes: settings.maxResponseBytes, operation: name, signal: deadline.signal });
      const response = readReply<TResponse>(settings, operation, name, wire, reply, record);
      logExchange(logger, operation, { operation: name, attempt, url, durationMs: performance.now() - started, request: record, response });
      return response;
    } catch (error) {
      const retrying = attempt < attempts && !deadline.signal.aborted && shouldRetry(operation, error);
      if (logger) {
        const named = error instanceof Error ? error : new Error(String(error));
        const response = error instanceof SogenactifError ? error.response : undefined;
        logExchange(logger, operation, { operation: name, attempt, url, durationMs: performance.now() - started, request: record, ...(response ? { response } : {}), error: { name: named.name, message: named.message, retrying } });
      }
      if (!retrying) throw error;
      await backoff(attempt, settings.retry, deadline.signal);
    }
  }
}
