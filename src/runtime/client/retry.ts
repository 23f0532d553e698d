// The one retry policy: what may be resent (the error's own `retryable`, for any operation; besides, a read whose
// outcome is unknown) and how long to wait between attempts (exponential backoff, full jitter). Nothing else decides
// it.
import type { OperationDescriptor } from '../descriptor';
import { isSogenactifError } from '../errors';

export interface RetryPolicy {
  /** Attempts in all, the first included. Default 3. */
  readonly maxAttempts?: number;
  /** First backoff ceiling in ms (default 200), doubled per attempt. */
  readonly baseDelayMs?: number;
  /** Largest backoff ceiling in ms (default 2000). */
  readonly maxDelayMs?: number;
}

/** Attempts in all under a policy (at least 1). */
export function maxAttempts(policy: RetryPolicy | false): number {
  return policy === false ? 1 : Math.max(1, policy.maxAttempts ?? 3);
}

/**
 * Whether resending is safe, from two things the error says of itself: `retryable` (the gateway did nothing, 90/99,
 * or the request never left: safe for any operation, a payment included) and `outcomeUnknown` (the request may have
 * been carried out: a transport failure after sending, an unusable reply, a fault). A read changes nothing, so it
 * is asked again after those too; a payment, a cash operation or a write whose outcome may be unknown never is.
 * Anything else (a refusal, a seal or pin mismatch, an error that is not ours) is not resent.
 */
export function shouldRetry(operation: Pick<OperationDescriptor, 'category'>, error: unknown): boolean {
  if (!isSogenactifError(error)) return false;
  if (error.retryable === true) return true;
  return operation.category === 'read' && (error as { readonly outcomeUnknown?: unknown }).outcomeUnknown === true;
}

/** The wait before attempt `attempt + 1`: uniform in [0, min(max, base * 2^(attempt-1))). */
export function backoffDelay(attempt: number, policy: RetryPolicy, random: number = Math.random()): number {
  const base = policy.baseDelayMs ?? 200;
  const cap = policy.maxDelayMs ?? 2_000;
  return random * Math.min(cap, base * 2 ** (attempt - 1));
}

/** Waits the backoff after `attempt`, cut short when `signal` aborts. */
export function backoff(attempt: number, policy: RetryPolicy | false, signal?: AbortSignal): Promise<void> {
  const delay = backoffDelay(attempt, policy === false ? {} : policy);
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, delay);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });
}
