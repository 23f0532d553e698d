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
  /** The caller's own signal (options.signal), without the deadline's timer. */
  readonly callerSignal?: AbortSignal;
  /** Whether the call is over (time up or the caller aborted), without making `signal` if it is not made yet. */
  readonly aborted?: boolean;
  /** Clears the deadline's timer once the call is over (a deadline never ended still fires, unref'd, into nothing). */
  readonly end?: () => void;
}

/**
 * A deadline whose signal (an AbortController and its unref'd timer, the caller's signal combined) is made on the
 * first read of `signal`: a transport that never reads it (a stub, a fetch-less custom one) costs no controller,
 * timer or AbortSignal.any per call (3.4% of a cardOrder's CPU, tools/bench/README.md). Made late, it aborts at the
 * same instant (`at`), at once if that has passed. `aborted` answers from the clock and the caller's signal until
 * then.
 */
class CallDeadline implements Deadline {
  private made: AbortSignal | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private ended = false;

  constructor(
    readonly at: number,
    readonly timeoutMs: number,
    readonly callerSignal: AbortSignal | undefined,
  ) {}

  get signal(): AbortSignal {
    if (this.made) return this.made;
    // AbortSignal.timeout's signal made by hand (the same TimeoutError reason): its weak reference and finalization
    // registry cost ~8 µs of CPU a call (tools/bench/README.md); this timer is cleared by end() when the call is over.
    const controller = new AbortController();
    const timeUp = (): void =>
      controller.abort(new DOMException('The operation was aborted due to timeout', 'TimeoutError'));
    const left = this.at - performance.now();
    if (this.ended) {
      // The call is over: the signal stays unaborted, as the timer was cleared.
    } else if (left <= 0) timeUp();
    else {
      this.timer = setTimeout(timeUp, left);
      this.timer.unref();
    }
    this.made = this.callerSignal ? AbortSignal.any([controller.signal, this.callerSignal]) : controller.signal;
    return this.made;
  }

  get aborted(): boolean {
    if (this.made) return this.made.aborted;
    return (this.callerSignal?.aborted ?? false) || (!this.ended && performance.now() >= this.at);
  }

  end(): void {
    this.ended = true;
    if (this.timer !== undefined) clearTimeout(this.timer);
  }
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
  return new CallDeadline(performance.now() + ms, ms, options.signal);
}

/** Whether the call is over: `aborted` where the deadline has it (not making its signal), else its signal's. */
export function deadlineOver(deadline: Deadline): boolean {
  return deadline.aborted ?? deadline.signal.aborted;
}

/**
 * The milliseconds one attempt started at `now` may take; throws a TransportError (nothing sent) when the deadline
 * passed or the caller aborted. With `keepForLookup` a third of the whole deadline stays for the lookup.
 */
export function attemptBudget(name: string, deadline: Deadline, now: number, keepForLookup: boolean): number {
  const left = deadline.at - now;
  const over = deadlineOver(deadline);
  if (over || left <= 0) {
    throw new TransportError(
      `${name}: ` +
        (over && left > 0 ? 'aborted by the caller' : `deadline of ${deadline.timeoutMs} ms reached`) +
        ` before sending`,
      { operation: name, outcomeUnknown: false },
    );
  }
  return Math.max(
    1,
    Math.floor(keepForLookup ? Math.min(left, (deadline.timeoutMs * 2) / 3 - (deadline.timeoutMs - left)) : left),
  );
}
