// Reconciliation: every journal entry since a date compared with the gateway's record (getTransactionData: status,
// amounts, last operation), reporting the two mismatches that cost money: charged but not recorded, and recorded
// (approved) but not charged; plus amount mismatches and entries still unresolved.
import { resolveFromTransaction } from '../payment-resolution';
import type { JournalEntry, JournalState, PaymentJournal } from './entry';
import { lookUpReference, type LookupResult, type RecoveryLookup } from './recover';

export type ReconcileVerdict =
  /** The journal and the gateway agree. */
  | 'match'
  /** The gateway holds the payment as approved, the journal does not (refused, invalid, never performed). */
  | 'charged-not-recorded'
  /** The journal says approved, the gateway refused it or does not know it. */
  | 'recorded-not-charged'
  /** Both say approved, with different amounts or currencies. */
  | 'amount-mismatch'
  /** The journal has no final state yet, or the gateway has not decided: run recover. */
  | 'unresolved'
  /** A cash or write operation: shown with the gateway's record, not judged. */
  | 'not-compared'
  /** The lookup failed: no comparison. */
  | 'lookup-failed';

/** The verdicts that are mismatches. */
export const MISMATCHES: ReadonlySet<ReconcileVerdict> = new Set<ReconcileVerdict>([
  'charged-not-recorded',
  'recorded-not-charged',
  'amount-mismatch',
]);

export interface ReconcileRow {
  readonly id: string;
  readonly operation: string;
  readonly transactionReference?: string;
  readonly createdAt: string;
  readonly journalState: JournalState;
  readonly amount?: number;
  readonly gatewayStatus?: string;
  /** What the gateway's status means (approved, refused, pending, unknown), or `not found` (25). */
  readonly gatewayOutcome?: string;
  readonly originAmount?: number;
  readonly currentAmount?: number;
  readonly lastOperationName?: string;
  readonly lastOperationDateTime?: string;
  readonly verdict: ReconcileVerdict;
  readonly detail?: string;
}

export interface ReconcileReport {
  readonly since: string;
  readonly rows: readonly ReconcileRow[];
  /** Rows whose verdict is a mismatch. */
  readonly mismatches: number;
  /** Rows still unresolved or whose lookup failed. */
  readonly unresolved: number;
}

export interface ReconcileOptions {
  /** Entries created at or after this instant. */
  readonly since: Date;
  /** Entries created before this instant (default: no bound, every entry since `since`). */
  readonly until?: Date;
  /** Lookups in flight at once (default 4). */
  readonly concurrency?: number;
}

const APPROVED_SIDE: ReadonlySet<JournalState> = new Set<JournalState>(['approved']);
const NOT_CHARGED_SIDE: ReadonlySet<JournalState> = new Set<JournalState>(['refused', 'invalid', 'never-performed']);

/** The verdict of one payment entry against what the gateway says (pure). */
export function compareEntry(
  entry: JournalEntry,
  result: LookupResult,
): Pick<ReconcileRow, 'verdict' | 'detail' | 'gatewayOutcome'> {
  if ('failed' in result) return { verdict: 'lookup-failed', detail: result.failed };
  const open = !APPROVED_SIDE.has(entry.state) && !NOT_CHARGED_SIDE.has(entry.state);
  if ('notFound' in result) {
    if (entry.state === 'approved')
      return {
        verdict: 'recorded-not-charged',
        gatewayOutcome: 'not found',
        detail: 'the journal says approved; the gateway does not know the reference',
      };
    if (open)
      return { verdict: 'unresolved', gatewayOutcome: 'not found', detail: `journal ${entry.state}: run recover` };
    return { verdict: 'match', gatewayOutcome: 'not found' };
  }
  const transaction = result.found;
  if (entry.category !== 'payment')
    return { verdict: 'not-compared', detail: `${entry.operation}: compare the last operation by hand` };
  const byStatus = resolveFromTransaction(entry.transactionReference!, transaction);
  const withAmounts = resolveFromTransaction(entry.transactionReference!, transaction, {
    amount: entry.amount,
    currencyCode: entry.currencyCode,
    merchantId: entry.merchantId,
  });
  const gatewayOutcome = byStatus.outcome;
  if (open || gatewayOutcome === 'pending' || gatewayOutcome === 'unknown')
    return {
      verdict: 'unresolved',
      gatewayOutcome,
      detail: open ? `journal ${entry.state}: run recover` : byStatus.reason,
    };
  if (gatewayOutcome === 'approved' && NOT_CHARGED_SIDE.has(entry.state))
    return {
      verdict: 'charged-not-recorded',
      gatewayOutcome,
      detail: `the gateway holds it as ${String(transaction.transactionStatus)}; the journal says ${entry.state}`,
    };
  if (gatewayOutcome === 'refused' && entry.state === 'approved')
    return {
      verdict: 'recorded-not-charged',
      gatewayOutcome,
      detail: `the journal says approved; the gateway holds it as ${String(transaction.transactionStatus)}`,
    };
  if (gatewayOutcome === 'approved' && withAmounts.outcome !== 'approved')
    return { verdict: 'amount-mismatch', gatewayOutcome, detail: withAmounts.reason };
  return { verdict: 'match', gatewayOutcome };
}

const numberOf = (value: unknown): number | undefined =>
  value === undefined || value === null || value === '' || !Number.isFinite(Number(value)) ? undefined : Number(value);

/**
 * Compares every entry of `merchantId` created in [since, until) with the gateway; each reference is looked up once.
 */
export async function reconcileJournal(
  context: { readonly journal: PaymentJournal; readonly merchantId: string; readonly lookup: RecoveryLookup },
  options: ReconcileOptions,
): Promise<ReconcileReport> {
  const entries = await context.journal.list({
    merchantId: context.merchantId,
    since: options.since,
    ...(options.until ? { until: options.until } : {}),
  });
  const lookups = new Map<string, Promise<LookupResult>>();
  const lookUp = (reference: string): Promise<LookupResult> => {
    let found = lookups.get(reference);
    if (!found) {
      found = lookUpReference(reference, context.lookup);
      lookups.set(reference, found);
    }
    return found;
  };
  const rows: ReconcileRow[] = new Array(entries.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < entries.length) {
      const index = next++;
      const entry = entries[index]!;
      const base = {
        id: entry.id,
        operation: entry.operation,
        ...(entry.transactionReference ? { transactionReference: entry.transactionReference } : {}),
        createdAt: entry.createdAt,
        journalState: entry.state,
        ...(entry.amount !== undefined ? { amount: entry.amount } : {}),
      };
      if (!entry.transactionReference) {
        rows[index] = { ...base, verdict: 'not-compared', detail: 'no transactionReference to look up' };
        continue;
      }
      const result = await lookUp(entry.transactionReference);
      const t = 'found' in result ? result.found : undefined;
      const text = (value: unknown): string | undefined =>
        typeof value === 'string' && value !== '' ? value : undefined;
      const gateway = t
        ? {
            ...(text(t.transactionStatus) ? { gatewayStatus: text(t.transactionStatus) } : {}),
            ...(numberOf(t.originAmount) !== undefined ? { originAmount: numberOf(t.originAmount) } : {}),
            ...(numberOf(t.currentAmount) !== undefined ? { currentAmount: numberOf(t.currentAmount) } : {}),
            ...(text(t.lastOperationName) ? { lastOperationName: text(t.lastOperationName) } : {}),
            ...(text(t.lastOperationDateTime) ? { lastOperationDateTime: text(t.lastOperationDateTime) } : {}),
          }
        : {};
      const judged = compareEntry(entry, result);
      rows[index] = { ...base, ...gateway, ...judged } as ReconcileRow;
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 4) }, worker));
  return {
    since: options.since.toISOString(),
    rows,
    mismatches: rows.filter((row) => MISMATCHES.has(row.verdict)).length,
    unresolved: rows.filter((row) => row.verdict === 'unresolved' || row.verdict === 'lookup-failed').length,
  };
}
