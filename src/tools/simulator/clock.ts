// The simulator's controllable clock: real time plus an offset that tests move forward by whole days;
// every day it crosses runs the nightly settlement batch, as the gateway's bank batch does.

/** A clock a test suite moves: `advance(days)` ages expiry dates and makes `captureDay > 0` settle. */
export interface SimulatorClock {
  /** The simulator's current time. */
  now(): Date;
  /**
   * Moves the clock `days` whole days forward (a non-negative integer) and runs the settlement batch
   * once per day crossed; returns how many transactions the batches captured or credited.
   */
  advance(days: number): number;
  /** Days the clock has been moved forward since start (or the last reset). */
  readonly offsetDays: number;
}

/** What the clock calls at each day it crosses: the settlement batch, returning how many it settled. */
export type NightlyBatch = () => number;

const DAY_MS = 86_400_000;

export class ClockError extends RangeError {
  override readonly name = 'ClockError';
}

export function createClock(
  batch: NightlyBatch,
  realNow: () => Date = () => new Date(),
): SimulatorClock & { reset(): void } {
  let offsetDays = 0;
  return {
    now: () => new Date(realNow().getTime() + offsetDays * DAY_MS),
    advance(days: number): number {
      if (!Number.isSafeInteger(days) || days < 0 || days > 3660)
        throw new ClockError(`clock.advance(days): days must be a whole number from 0 to 3660, got ${String(days)}`);
      let settled = 0;
      for (let i = 0; i < days; i += 1) {
        offsetDays += 1;
        settled += batch();
      }
      return settled;
    },
    get offsetDays() {
      return offsetDays;
    },
    reset() {
      offsetDays = 0;
    },
  };
}
