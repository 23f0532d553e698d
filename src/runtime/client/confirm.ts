// Post-write confirmation (issue 19, item 3), opt-in: after cancel, validate, refund, acceptChallenge or
// refuseChallenge, a getTransactionData lookup must show what was asked (last operation, status, amount, a fresh
// last-operation date-time). The seal does not cover the operation, so a proxy can swap one for another that seals
// the same string; the lookup is a different sealed message, bound to the reference (reply-binding.ts).
import { OutcomeUnknownError, type PaymentResolution } from '../errors';
import { CONFIRMABLE_WRITES, transactionStatusRule } from '../platform-rules';
import { instantOf } from '../reply-binding';

export { CONFIRMABLE_WRITES } from '../platform-rules';

/**
 * The write was carried out, but the lookup after it does not show what was asked (`mismatches`), or could not be
 * made (`mismatches` empty, `resolution.reason` says why). Never a success: the gateway may have done something else.
 */
export class WriteNotConfirmedError extends OutcomeUnknownError {
  override readonly name: string = 'WriteNotConfirmedError';
  readonly mismatches: readonly string[];

  constructor(
    message: string,
    details: {
      readonly operation: string;
      readonly resolution: PaymentResolution;
      readonly mismatches: readonly string[];
      readonly cause?: unknown;
    },
  ) {
    const { mismatches, ...rest } = details;
    super(message, rest);
    this.mismatches = mismatches;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), mismatches: this.mismatches };
  }
}

const text = (value: unknown): string | undefined =>
  typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;

/**
 * How the transaction found differs from what the write asked and answered (empty when it confirms it): the last
 * operation, its date-time (not before the write was sent), the status (its outcome, and the reply's newStatus) and
 * the amount left (the reply's newAmount).
 */
export function confirmationMismatches(
  name: string,
  transaction: Record<string, unknown>,
  reply: Record<string, unknown>,
  sentAt: number,
  maxAgeMs: number,
): string[] {
  const expected = CONFIRMABLE_WRITES[name];
  if (!expected) return [];
  const found: string[] = [];
  const last = text(transaction.lastOperationName);
  if (expected.lastOperation !== undefined && last !== expected.lastOperation)
    found.push(`lastOperationName is ${last ?? 'missing'} where ${expected.lastOperation} was asked`);
  if (expected.notLastOperation !== undefined && last === expected.notLastOperation)
    found.push(`lastOperationName is ${last}`);
  const lastAt = text(transaction.lastOperationDateTime);
  const instant = lastAt === undefined ? undefined : instantOf(lastAt);
  if (instant === undefined) found.push('lastOperationDateTime is missing or malformed');
  else if (instant < sentAt - maxAgeMs)
    found.push('lastOperationDateTime is older than the write: the last operation is not this one');
  const status = text(transaction.transactionStatus);
  const outcome = transactionStatusRule(status)?.outcome;
  if (expected.outcome !== undefined && outcome !== expected.outcome)
    found.push(
      `transactionStatus is ${status ?? 'missing'} (${outcome ?? 'unknown'}) where ${expected.outcome}` +
        ` was expected`,
    );
  const newStatus = text(reply.newStatus);
  if (newStatus !== undefined && status !== newStatus)
    found.push(`transactionStatus is ${status ?? 'missing'} where the reply said ${newStatus}`);
  const newAmount = text(reply.newAmount);
  const current = text(transaction.currentAmount);
  if (newAmount !== undefined && current !== newAmount)
    found.push(`currentAmount is ${current ?? 'missing'} where the reply said ${newAmount}`);
  return found;
}
