// What a transaction found by getTransactionData says about a payment: approved, refused, pending or unknown by its
// transactionStatus (platform-rules.ts: TRANSACTION_STATUS_OUTCOMES), once the transaction is checked against what was
// sent.
import type { PaymentResolution } from './errors';
import { transactionStatusRule } from './platform-rules';
import { DEFAULT_REPLY_MAX_AGE_MS, instantOf } from './reply-binding';

export type { ResolutionOutcome } from './platform-rules';

/** What was sent, to make sure the transaction found is this payment and not an older one with the same reference. */
export interface SentPayment {
  readonly amount?: unknown;
  readonly currencyCode?: unknown;
  readonly merchantId?: string;
  /**
   * When the payment was sent (epoch ms): a transaction stamped more than `maxAgeMs` before it is an older one with
   * the same reference, or a recorded lookup replayed (issue 19), so the outcome stays unknown.
   */
  readonly sentAt?: number;
  readonly maxAgeMs?: number;
}

/**
 * The resolution of a payment from the transaction getTransactionData returned. When the transaction's
 * amount, currency or shop differ from what was sent, the reference belongs to another transaction
 * (a 94 after a reused reference): the outcome of ours stays unknown.
 */
export function resolveFromTransaction(
  transactionReference: string,
  transaction: Record<string, unknown>,
  sent: SentPayment = {},
): PaymentResolution {
  const base = { transactionReference, transaction };
  const mismatch = compareWithSent(transaction, sent);
  if (mismatch)
    return {
      ...base,
      outcome: 'unknown',
      reason:
        `the transaction found with this reference is not this payment (${mismatch}` +
        `): it may belong to an older payment`,
    };
  const status = transaction.transactionStatus;
  if (typeof status !== 'string' || status === '')
    return { ...base, outcome: 'unknown', reason: 'the transaction has no transactionStatus' };
  const known = transactionStatusRule(status);
  if (!known)
    return {
      ...base,
      outcome: 'unknown',
      reason: `transactionStatus ${status.slice(0, 40)} is not a documented status`,
    };
  return { ...base, outcome: known.outcome, reason: `transactionStatus ${status}: ${known.reason}` };
}

function compareWithSent(transaction: Record<string, unknown>, sent: SentPayment): string | undefined {
  if (
    sent.merchantId !== undefined &&
    transaction.merchantId !== undefined &&
    transaction.merchantId !== sent.merchantId
  )
    return 'another merchantId';
  if (sent.sentAt !== undefined) {
    const stamp =
      typeof transaction.transactionDateTime === 'string' ? instantOf(transaction.transactionDateTime) : undefined;
    if (stamp === undefined) return 'the transaction carries no transactionDateTime to tell it from an older one';
    if (stamp < sent.sentAt - (sent.maxAgeMs ?? DEFAULT_REPLY_MAX_AGE_MS))
      return 'its transactionDateTime is older than the payment sent';
  }
  if (sent.amount !== undefined) {
    // originAmount is the amount the transaction was created with; currentAmount moves with cancels and refunds.
    const found = transaction.originAmount ?? transaction.amount ?? transaction.currentAmount;
    if (found === undefined) return 'the amount cannot be compared: the transaction carries none';
    if (String(found) !== String(sent.amount)) return `amount ${String(found)} where ${String(sent.amount)} was sent`;
  }
  if (sent.currencyCode !== undefined) {
    const found = transaction.currencyCode;
    if (found === undefined) return 'the currency cannot be compared: the transaction carries none';
    if (String(found) !== String(sent.currencyCode))
      return `currencyCode ${String(found)} where ${String(sent.currencyCode)} was sent`;
  }
  return undefined;
}
