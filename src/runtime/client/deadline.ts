// One deadline per call: the caller's signal and the timeout combined, and the share of it each attempt may use
// (a payment keeps a third of it for the lookup that follows a lost reply).
import type { CallOptions } from '../descriptor';
import { InvalidRequestError, TransportError } from '../errors';
import { checkTimeout } from './config';

/** One deadline for a whole call: the caller's signal and the timeout, combined. */
export interface Deadline {
  readonly signal: AbortSignal;
  /** performance.now() at which the call must be over. */
  readonly at: number;
  readonly timeoutMs: number;
  /** Clears the deadline's timer once the call is over (a deadline never ended still fires, unref'd, into nothing). */
  readonly end?: () => void;
}

/** Starts the deadline of a call: `options.timeoutMs` (checked) or the client's, and `options.signal`. */
export function startDeadline(name: string, options: CallOptions, defaultTimeoutMs: number): Deadline {
  const problem = checkTimeout(options.timeoutMs);
  if (problem)
    throw new InvalidRequestError(`${name}: options.timeoutMs ${problem}`, {
      operation: name,
      fields: [{ field: 'options.timeoutMs', problem }],
    });
  const ms = options.timeoutMs ?? defaultTimeoutMs;
  // AbortSignal.timeout's signal made by hand (the same TimeoutError reason): its weak reference and finalization
  // registry cost ~8 µs of CPU a call (tools/bench/README.md); this timer is cleared by end() when the call is over.
  const controller = new AbortController();
  const timer = setTimeout(
    () => controller.abort(new DOMException('The operation was aborted due to timeout', 'TimeoutError')),
    ms,
  );
  timer.unref();
  const signal = options.signal ? AbortSignal.any([controller.signal, options.signal]) : controller.signal;
  return { signal, at: performance.now() + ms, timeoutMs: ms, end: () => clearTimeout(timer) };
}

/**
 * The milliseconds one attempt started at `now` may take; throws a TransportError (nothing sent) when the deadline
 * passed or the caller aborted. With `keepForLookup` a third of the whole deadline stays for the lookup.
 */
export function attemptBudget(name: string, deadline: Deadline, now: number, keepForLookup: boolean): number {
  const left = deadline.at - now;
  if (deadline.signal.aborted || left <= 0) {
    throw new TransportError(
      `${name}: ` +
        (deadline.signal.aborted && left > 0
          ? 'aborted by the caller'
          : `deadline of ${deadline.timeoutMs} ms reached`) +
        ` before sending`,
      { operation: name, outcomeUnknown: false },
    );
  }
  return Math.max(
    1,
    Math.floor(keepForLookup ? Math.min(left, (deadline.timeoutMs * 2) / 3 - (deadline.timeoutMs - left)) : left),
  );
}
