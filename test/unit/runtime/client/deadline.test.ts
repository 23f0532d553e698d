// The call deadline (src/runtime/client/deadline.ts): options checked, the caller's signal combined, and each attempt's
// budget, a third kept for a payment's lookup.
import { attemptBudget, startDeadline, type Deadline } from '../../../../src/runtime/client';
import { InvalidRequestError, TransportError } from '../../../../src/runtime';

test('options.timeoutMs is checked and names the field', () => {
  expect(() => startDeadline('mandate.searchMandate', { timeoutMs: -1 }, 1000)).toThrow(InvalidRequestError);
  expect(() => startDeadline('mandate.searchMandate', { timeoutMs: -1 }, 1000)).toThrow(
    /options\.timeoutMs must be a positive number/,
  );
});

test('the call timeout replaces the client default; the caller signal aborts the deadline', () => {
  const controller = new AbortController();
  const deadline = startDeadline('x.y', { timeoutMs: 500, signal: controller.signal }, 30_000);
  expect(deadline.timeoutMs).toBe(500);
  expect(deadline.signal.aborted).toBe(false);
  controller.abort();
  expect(deadline.signal.aborted).toBe(true);
});

describe('attemptBudget', () => {
  const live = (timeoutMs: number, at: number): Deadline => ({ signal: new AbortController().signal, at, timeoutMs });
  test.each([
    // timeoutMs, deadline at, now, keepForLookup, want
    [3000, 3000, 0, false, 3000],
    [3000, 3000, 0, true, 2000],
    [3000, 3000, 1500, true, 500],
    [3000, 3000, 1500, false, 1500],
    [3000, 3000, 2500, true, 1],
  ])('timeout %p, at %p, now %p, keep %p: %p ms', (timeoutMs, at, now, keep, want) => {
    expect(attemptBudget('x.y', live(timeoutMs, at), now, keep)).toBe(want);
  });

  test('a passed deadline or an aborted call throws a TransportError saying nothing was sent', () => {
    expect(() => attemptBudget('x.y', live(100, 100), 100, false)).toThrow(/deadline of 100 ms reached before sending/);
    const controller = new AbortController();
    controller.abort();
    let error: unknown;
    try {
      attemptBudget('x.y', { signal: controller.signal, at: 1000, timeoutMs: 1000 }, 0, false);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(TransportError);
    expect((error as TransportError).outcomeUnknown).toBe(false);
    expect((error as Error).message).toMatch(/aborted by the caller before sending/);
  });
});

test('the deadline aborts with a TimeoutError when its time is up, and end() clears its timer', async () => {
  const lapsing = startDeadline('x.y', { timeoutMs: 20 }, 30_000);
  const ended = startDeadline('x.y', { timeoutMs: 20 }, 30_000);
  ended.end?.();
  await new Promise((resolve) => setTimeout(resolve, 60));
  expect(lapsing.signal.aborted).toBe(true);
  expect((lapsing.signal.reason as Error).name).toBe('TimeoutError');
  expect(ended.signal.aborted).toBe(false);
});

test('the signal is made on first read: `aborted` answers from the clock and the caller until then', async () => {
  const caller = new AbortController();
  const byCaller = startDeadline('x.y', { timeoutMs: 30_000, signal: caller.signal }, 30_000);
  expect(byCaller.aborted).toBe(false);
  caller.abort();
  expect(byCaller.aborted).toBe(true); // the signal not read yet
  expect(byCaller.signal.aborted).toBe(true);
  const unread = startDeadline('x.y', { timeoutMs: 20 }, 30_000);
  const early = startDeadline('x.y', { timeoutMs: 20 }, 30_000);
  const earlySignal = early.signal; // read while time is left: its timer aborts it
  await new Promise((resolve) => setTimeout(resolve, 60));
  expect(unread.aborted).toBe(true);
  expect(() => attemptBudget('x.y', unread, performance.now(), false)).toThrow(/deadline of 20 ms reached/);
  expect(unread.signal.aborted).toBe(true); // read late: aborted at once, with the same reason
  expect((unread.signal.reason as Error).name).toBe('TimeoutError');
  expect(earlySignal.aborted).toBe(true);
  expect((earlySignal.reason as Error).name).toBe('TimeoutError');
  unread.end?.();
  early.end?.();
});
