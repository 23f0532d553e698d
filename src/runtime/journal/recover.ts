// Recovery: every journal entry without a final state is looked up with getTransactionData (never resent) and
// settled: approved, refused, never performed (unknown to the gateway after the grace period), or left unknown with
// the next attempt scheduled (exponential backoff), and after a bounded number of tries marked needs-review.
import { isSogenactifError } from '../errors';
import { resolveFromTransaction } from '../payment-resolution';
import { NOT_FOUND_CODE } from '../platform-rules';
import {
  applyChange,
  isFinalState,
  type EntryChange,
  type JournalEntry,
  type JournalOutcome,
  type JournalState,
  type PaymentJournal,
} from './entry';

export interface RecoverOptions {
  /**
   * How long after its intent an entry the gateway does not know (code 25) may still be in flight: before that it
   * stays unknown; after it, it is `never-performed`. Default: twice the client's timeoutMs (60 s by default).
   */
  readonly graceMs?: number;
  /** Failed or undecided lookups before an entry is marked `needs-review` (default 8). */
  readonly maxAttempts?: number;
  /** Backoff between lookups of one entry: base (default 30 s), doubled per attempt, at most max (default 1 h). */
  readonly backoff?: { readonly baseMs?: number; readonly maxMs?: number };
  /** Lookups in flight at once (default 4). */
  readonly concurrency?: number;
  /** Entries claimed per round (default 200). */
  readonly batchSize?: number;
  /** How long a claim keeps other recoverers off an entry (default 5 min): longer than a lookup takes. */
  readonly leaseMs?: number;
  /**
   * Called with each entry recovery settles (final state), before the journal records it: when it throws, the entry
   * stays open and the next recovery calls it again. Make it idempotent: a crash between the two calls it twice.
   */
  readonly onResolved?: (entry: JournalEntry) => void | Promise<void>;
}

/** One entry recovery looked at. */
export interface RecoveredEntry {
  readonly previousState: JournalState;
  /** The entry as recorded after the lookup. */
  readonly entry: JournalEntry;
}

export interface RecoveryReport {
  /** The entries looked at in this run, in the order they were claimed. */
  readonly entries: readonly RecoveredEntry[];
  /** How many of them are now final. */
  readonly settled: number;
  /** Entries of this merchant still open after the run (looked at now, or not due yet). */
  readonly open: number;
  /** True when no entry of this merchant is left open. */
  readonly allFinal: boolean;
}

/** getTransactionData for a reference through the client (same checks as any reply); throws what the call throws. */
export type RecoveryLookup = (transactionReference: string) => Promise<Record<string, unknown>>;

/** What a recovery run needs from its client. */
export interface RecoveryContext {
  readonly journal: PaymentJournal;
  readonly merchantId: string;
  readonly lookup: RecoveryLookup;
  /** The grace period when the options name none. */
  readonly defaultGraceMs: number;
  readonly now?: () => Date;
}

const DEFAULTS = { maxAttempts: 8, baseMs: 30_000, maxMs: 3_600_000, concurrency: 4, batchSize: 200, leaseMs: 300_000 };

/** What a lookup gave: the transaction, "not found" (25), or a failure. */
export type LookupResult =
  { readonly found: Record<string, unknown> } | { readonly notFound: true } | { readonly failed: string };

/** The next attempt after `attempts` failed or undecided lookups. */
export function nextAttempt(now: Date, attempts: number, options: RecoverOptions = {}): string {
  const base = options.backoff?.baseMs ?? DEFAULTS.baseMs;
  const max = options.backoff?.maxMs ?? DEFAULTS.maxMs;
  return new Date(now.getTime() + Math.min(max, base * 2 ** Math.max(0, attempts - 1))).toISOString();
}

/**
 * The change a lookup calls for (pure: no I/O). Payments are settled from getTransactionData with the client's own
 * status table and amount checks; cash and write operations, whose effect a lookup cannot prove, go to review.
 */
export function settle(
  entry: JournalEntry,
  result: LookupResult | undefined,
  now: Date,
  graceMs: number,
  options: RecoverOptions = {},
): EntryChange {
  const at = now.toISOString();
  const maxAttempts = options.maxAttempts ?? DEFAULTS.maxAttempts;
  const review = (reason: string, extra: Partial<JournalOutcome> = {}): EntryChange => ({
    state: 'needs-review',
    at,
    attempts: entry.attempts + 1,
    outcome: { by: 'recovery', ...extra, reason },
  });
  const retry = (reason: string, extra: Partial<JournalOutcome> = {}, counts = true): EntryChange => {
    const attempts = entry.attempts + (counts ? 1 : 0);
    if (attempts >= maxAttempts) return review(`${reason}; still undecided after ${attempts} lookups`, extra);
    return {
      state: 'unknown',
      at,
      attempts,
      nextAttemptAt: nextAttempt(now, attempts, options),
      outcome: { by: 'recovery', ...extra, reason },
    };
  };
  if (result === undefined) {
    if (entry.category === 'write')
      return review(
        `${entry.operation}` +
          ` is a wallet or mandate write: no lookup can tell whether it was carried out; check it in the back ` +
          `office`,
      );
    return review('the entry has no transactionReference to look up; check it in the back office');
  }
  if ('failed' in result) return retry(`the lookup failed: ${result.failed}`);
  if ('notFound' in result) {
    const age = now.getTime() - Date.parse(entry.createdAt);
    if (age >= graceMs) {
      return {
        state: 'never-performed',
        at,
        attempts: entry.attempts + 1,
        outcome: {
          by: 'recovery',
          code: NOT_FOUND_CODE,
          reason:
            `the gateway does not know transactionReference ${entry.transactionReference} ${Math.round(age / 1000)}` +
            ` s after the intent (grace ${Math.round(graceMs / 1000)} s): it was never performed`,
        },
      };
    }
    // A request still in flight is not known yet: look again once the grace period is over (not a failed try).
    const due = new Date(Date.parse(entry.createdAt) + graceMs).toISOString();
    return {
      state: 'unknown',
      at,
      attempts: entry.attempts,
      nextAttemptAt: due,
      outcome: {
        by: 'recovery',
        code: NOT_FOUND_CODE,
        reason: 'the gateway does not know the reference yet; the request may still be in flight',
      },
    };
  }
  const transaction = result.found;
  const status = typeof transaction.transactionStatus === 'string' ? transaction.transactionStatus : undefined;
  const seen: Partial<JournalOutcome> = status ? { transactionStatus: status } : {};
  if (entry.category !== 'payment') {
    const last = [transaction.lastOperationName, transaction.lastOperationDateTime]
      .filter((v) => typeof v === 'string')
      .join(' at ');
    return review(
      `${entry.operation} on ${entry.transactionReference}` +
        `: a lookup cannot prove whether it was carried out; the transaction is ${status ?? 'without status'}` +
        `${last ? `, last operation ${last}` : ''}, current amount ${String(transaction.currentAmount ?? '?')}`,
      seen,
    );
  }
  const resolution = resolveFromTransaction(entry.transactionReference!, transaction, {
    amount: entry.amount,
    currencyCode: entry.currencyCode,
    merchantId: entry.merchantId,
  });
  const outcome = { ...seen, ...(resolution.reason ? { reason: resolution.reason } : {}) };
  if (resolution.outcome === 'approved' || resolution.outcome === 'refused')
    return { state: resolution.outcome, at, attempts: entry.attempts + 1, outcome: { by: 'recovery', ...outcome } };
  if (resolution.outcome === 'pending') return retry(resolution.reason ?? 'pending', seen);
  // Found, but not this payment (another amount or shop) or a status that says nothing: retrying will not help.
  return review(resolution.reason ?? 'the transaction found says nothing about the payment', seen);
}

/** Looks a reference up, turning the gateway's 25 into "not found" and any other failure into its message. */
export async function lookUpReference(reference: string, lookup: RecoveryLookup): Promise<LookupResult> {
  try {
    return { found: await lookup(reference) };
  } catch (error) {
    if (isSogenactifError(error) && error.code === NOT_FOUND_CODE) return { notFound: true };
    return { failed: (error as Error).message };
  }
}

/** Looks an entry up (undefined for a write or an entry without a reference: nothing to look up). */
function lookUpEntry(entry: JournalEntry, lookup: RecoveryLookup): Promise<LookupResult | undefined> {
  if (entry.category === 'write' || !entry.transactionReference) return Promise.resolve(undefined);
  return lookUpReference(entry.transactionReference, lookup);
}

/** Runs one recovery over the journal: claims due entries in rounds until none is left, settles each. */
export async function recoverJournal(context: RecoveryContext, options: RecoverOptions = {}): Promise<RecoveryReport> {
  const { journal, merchantId, lookup } = context;
  const now = context.now ?? (() => new Date());
  const graceMs = options.graceMs ?? context.defaultGraceMs;
  const owner = `${process.pid}-${Math.random().toString(36).slice(2, 10)}`;
  const seen = new Set<string>();
  const results: RecoveredEntry[] = [];
  for (;;) {
    const claimed = (
      await journal.claimDue({
        merchantId,
        now: now(),
        limit: options.batchSize ?? DEFAULTS.batchSize,
        leaseMs: options.leaseMs ?? DEFAULTS.leaseMs,
        owner,
      })
    ).filter((entry) => !seen.has(entry.id));
    if (claimed.length === 0) break;
    for (const entry of claimed) seen.add(entry.id);
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < claimed.length) {
        const entry = claimed[next++]!;
        results.push(await recoverEntry(entry, journal, lookup, now, graceMs, options));
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? DEFAULTS.concurrency) }, worker));
  }
  const open = (await journal.list({ merchantId, open: true })).length;
  return {
    entries: results,
    settled: results.filter((r) => isFinalState(r.entry.state)).length,
    open,
    allFinal: open === 0,
  };
}

async function recoverEntry(
  entry: JournalEntry,
  journal: PaymentJournal,
  lookup: RecoveryLookup,
  now: () => Date,
  graceMs: number,
  options: RecoverOptions,
): Promise<RecoveredEntry> {
  const result = await lookUpEntry(entry, lookup);
  const at = now();
  let change = settle(entry, result, at, graceMs, options);
  if (isFinalState(change.state) && options.onResolved) {
    const settled: JournalEntry = {
      ...entry,
      state: change.state,
      updatedAt: change.at,
      attempts: change.attempts ?? entry.attempts,
      ...(change.outcome ? { outcome: change.outcome } : {}),
    };
    delete (settled as { nextAttemptAt?: string }).nextAttemptAt;
    try {
      await options.onResolved(settled);
    } catch (error) {
      // The merchant's system did not take it: keep the entry open, to be looked up and handed over again.
      change = {
        state: 'unknown',
        at: change.at,
        attempts: entry.attempts,
        nextAttemptAt: nextAttempt(at, 1, options),
        outcome: {
          ...change.outcome!,
          reason:
            `settled as ${change.state}, but onResolved failed (${(error as Error).message}` +
            `); handed over again at the next recovery`,
        },
      };
    }
  }
  await journal.update(entry.id, change);
  return { previousState: entry.state, entry: applyChange(entry, change) };
}
