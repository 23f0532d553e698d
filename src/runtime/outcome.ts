// What a transaction found by getTransactionData says about a payment: every documented transactionStatus
// mapped explicitly to approved, refused, pending or unknown, and the transaction checked against what was sent.
import type { PaymentResolution } from './errors';
import { instantOf } from './reply-binding';

export type ResolutionOutcome = PaymentResolution['outcome'];

/**
 * Every documented transactionStatus value and what it means for the payment that was looked up.
 * Source: the Worldline data dictionary DG20 (appendix "status", transactionStatus / newStatus) and the 2015
 * Office JSON guide's acceptChallenge example (VALIDATED), as recorded in the project's research notes
 * (sips-office-facts.md §5) and in wsdl/dictionary/common.json (TransactionStatus). The online data-dictionary
 * page of transactionStatus was not in the stored pages, so no newer value is assumed.
 * A status outside this table, or none, is `unknown`: the client never guesses "approved".
 */
export const TRANSACTION_STATUS_OUTCOMES: Readonly<Record<string, { readonly outcome: ResolutionOutcome; readonly reason: string }>> = Object.freeze({
  CAPTURED: { outcome: 'approved', reason: 'authorised and sent to the bank for settlement' },
  TO_CAPTURE: { outcome: 'approved', reason: 'authorised, to be captured at the capture date' },
  TO_VALIDATE: { outcome: 'approved', reason: 'authorised, waiting for the merchant to validate it (captureMode VALIDATION)' },
  VALIDATED: { outcome: 'approved', reason: 'authorised and validated' },
  TO_CREDIT: { outcome: 'approved', reason: 'credit accepted, to be sent to the bank' },
  CREDITED: { outcome: 'approved', reason: 'credit sent to the bank' },
  REFUSED: { outcome: 'refused', reason: 'the authorisation was refused' },
  CANCELLED: { outcome: 'refused', reason: 'cancelled: no money will be taken' },
  EXPIRED: { outcome: 'refused', reason: 'the authorisation expired before capture: no money will be taken' },
  REFERRAL: { outcome: 'pending', reason: 'referred by the issuer: not authorised unless the merchant calls the issuer and forces it' },
  WAITING_AUTHOR: { outcome: 'pending', reason: 'waiting for the authorisation answer' },
  TO_AUTHORIZE: { outcome: 'pending', reason: 'waiting for an authorisation request' },
  TO_REPLAY: { outcome: 'pending', reason: 'the authorisation is to be replayed' },
  PENDING: { outcome: 'pending', reason: 'waiting for the result of an external process' },
  ENDED: { outcome: 'unknown', reason: 'ENDED says processing is over, not whether the payment was taken: check it in the back office' },
});

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
export function resolveFromTransaction(transactionReference: string, transaction: Record<string, unknown>, sent: SentPayment = {}): PaymentResolution {
  const base = { transactionReference, transaction };
  const mismatch = compareWithSent(transaction, sent);
  if (mismatch) return { ...base, outcome: 'unknown', reason: `the transaction found with this reference is not this payment (${mismatch}): it may belong to an older payment` };
  const status = transaction.transactionStatus;
  if (typeof status !== 'string' || status === '') return { ...base, outcome: 'unknown', reason: 'the transaction has no transactionStatus' };
  const known = Object.prototype.hasOwnProperty.call(TRANSACTION_STATUS_OUTCOMES, status) ? TRANSACTION_STATUS_OUTCOMES[status] : undefined;
  if (!known) return { ...base, outcome: 'unknown', reason: `transactionStatus ${status.slice(0, 40)} is not a documented status` };
  return { ...base, outcome: known.outcome, reason: `transactionStatus ${status}: ${known.reason}` };
}

function compareWithSent(transaction: Record<string, unknown>, sent: SentPayment): string | undefined {
  if (sent.merchantId !== undefined && transaction.merchantId !== undefined && transaction.merchantId !== sent.merchantId) return 'another merchantId';
  if (sent.sentAt !== undefined) {
    const stamp = typeof transaction.transactionDateTime === 'string' ? instantOf(transaction.transactionDateTime) : undefined;
    if (stamp === undefined) return 'the transaction carries no transactionDateTime to tell it from an older one';
    if (stamp < sent.sentAt - (sent.maxAgeMs ?? 300_000)) return 'its transactionDateTime is older than the payment sent';
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
    if (String(found) !== String(sent.currencyCode)) return `currencyCode ${String(found)} where ${String(sent.currencyCode)} was sent`;
  }
  return undefined;
}
