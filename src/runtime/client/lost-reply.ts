// Lost replies: which failures leave a payment's outcome unknown, and the getTransactionData lookup that resolves
// it (never a resend), turned into an OutcomeUnknownError carrying the resolution.
import { isUnverifiedReplyError, OutcomeUnknownError, isSogenactifError, type PaymentResolution } from '../errors';
import { resolveFromTransaction, type SentPayment } from '../payment-resolution';
import { NOT_FOUND_CODE } from '../platform-rules';

/**
 * Whether a failed payment may have been carried out: the request may have arrived (transport failure after
 * sending), the reply was unusable, unverified or a fault, or a retry was answered 94 (duplicate) after `attempts` > 1.
 */
export function isLostReply(error: unknown, attempts: number): boolean {
  if (isSogenactifError(error, 'transport')) return error.outcomeUnknown;
  if (!isSogenactifError(error)) return false;
  switch (error.kind) {
    case 'invalid-response':
    case 'seal':
    case 'fault':
      return true;
    case 'duplicate':
      // A 94 after one of our own retries: the first attempt probably got through.
      return attempts > 1;
    default:
      return isUnverifiedReplyError(error);
  }
}

/** Sends getTransactionData for a reference and returns its transaction, or throws what that call throws. */
export type TransactionLookup = (transactionReference: string) => Promise<Record<string, unknown>>;

/** What getTransactionData says about a payment; `unknown` with the reason when it cannot say. Never throws. */
export async function lookUpPayment(
  lookup: TransactionLookup,
  transactionReference: string,
  aborted: boolean,
  sent: SentPayment,
): Promise<PaymentResolution> {
  if (aborted) {
    return {
      outcome: 'unknown',
      transactionReference,
      reason: 'no time left to look it up (the deadline passed or the call was aborted); call resolvePayment later',
    };
  }
  try {
    return resolveFromTransaction(transactionReference, await lookup(transactionReference), sent);
  } catch (error) {
    if (isSogenactifError(error) && error.code === NOT_FOUND_CODE) {
      // Not found is not "refused": the request may never have arrived, or may still be in process.
      return {
        outcome: 'unknown',
        transactionReference,
        reason: 'the gateway has no transaction with this reference yet; look again before paying anew',
      };
    }
    return { outcome: 'unknown', transactionReference, reason: (error as Error).message };
  }
}

/** The OutcomeUnknownError of a payment whose reply was lost (`error`) and what the lookup found. */
export function lostReplyError(name: string, error: unknown, resolution: PaymentResolution): OutcomeUnknownError {
  const what = isSogenactifError(error, 'duplicate')
    ? 'a retry was answered 94 (duplicate)'
    : `the reply was lost (${(error as Error).message})`;
  return new OutcomeUnknownError(
    `${name}: ${what}; getTransactionData says the payment is ${resolution.outcome}` +
      `${resolution.reason ? ` (${resolution.reason})` : ''}`,
    { operation: name, resolution, cause: error },
  );
}
