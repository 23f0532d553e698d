// The one retry policy: what may be resent (reads; replies saying nothing was done, 90/99; connections never
// made) and how long to wait between attempts (exponential backoff, full jitter). Nothing else decides it.
import type { OperationDescriptor } from '../descriptor';
import type { SogenactifError } from '../errors';

export interface RetryPolicy {
  /** Attempts in all, the first included. Default 3. */
  readonly maxAttempts?: number;
  /** First backoff ceiling in ms (default 200), doubled per attempt. */
  readonly baseDelayMs?: number;
  /** Largest backoff ceiling in ms (default 2000). */
  readonly maxDelayMs?: number;
}

/** The response codes documented as "try again later": the gateway did nothing. No other code is ever resent. */
export const RESENDABLE_CODES: readonly string[] = ['90', '99'];

/** Connection errors (errno codes) that mean the request never left: nothing reached the gateway. */
export const NEVER_SENT_ERRORS: readonly string[] = ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH'];

/** Attempts in all under a policy (at least 1). */
export function maxAttempts(policy: RetryPolicy | false): number {
  return policy === false ? 1 : Math.max(1, policy.maxAttempts ?? 3);
}

/**
 * Whether resending is safe: reads may always be resent after a transport failure, an unusable reply or a fault;
 * anything else only when the gateway said nothing was done (90/99) or the request never left.
 */
export function shouldRetry(operation: OperationDescriptor, error: unknown): boolean {
  const kind = (error as Partial<SogenactifError> | null)?.kind;
  switch (kind) {
    case 'unavailable':
      return true;
    case 'transport':
      // A certificate that does not match its pins will not match on the next attempt either.
      if ((error as Error).name === 'CertificatePinError') return false;
      return operation.category === 'read' || !(error as { outcomeUnknown: boolean }).outcomeUnknown;
    case 'invalid-response':
    case 'fault':
      return operation.category === 'read';
    default:
      return false;
  }
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
    signal?.addEventListener('abort', () => { clearTimeout(timer); resolve(); }, { once: true });
  });
}
