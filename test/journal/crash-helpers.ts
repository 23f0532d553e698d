// Shared by the crash tests (file and PostgreSQL stores): runs crash-child.ts, kills it with SIGKILL at a point of
// the payment, and reads what the simulator itself recorded for the reference.
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import type { RunningSimulator } from '../../src/tools/simulator/server';
import { TRANSACTION_STATUS_OUTCOMES } from '../../src/runtime';

export type CrashPoint = 'after-intent' | 'after-send' | 'after-reply';

export const APPROVED_CARD = '4200000000000000';
export const REFUSED_CARD = '4100000000000005';

const tsRun = path.resolve('scripts/ts-run.js');
const child = path.resolve('test/journal/crash-child.ts');

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Pays `reference` in a child process and kills it (SIGKILL) at `point`; resolves once the child is gone. */
export async function payAndKill(
  simulator: RunningSimulator,
  store: string,
  point: CrashPoint,
  reference: string,
  card: string,
): Promise<void> {
  const env = { ...process.env, ...(point === 'after-send' ? {} : { JOURNAL_CRASH_POINT: point }) };
  const proc = spawn(process.execPath, [tsRun, child, simulator.url, store, reference, card], {
    env,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<number | null>((resolve) =>
    proc.once('exit', (_code, signal) => resolve(signal === 'SIGKILL' ? -9 : _code)),
  );
  let output = '';
  proc.stdout.on('data', (data: Buffer) => {
    output += data.toString();
  });
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (Date.now() > deadline) throw new Error(`the child never reached ${point}: ${output}`);
    if (point === 'after-send' ? hasTransaction(simulator, reference) : output.includes('paused')) break;
    if (/done|failed/.test(output)) throw new Error(`the child finished before ${point}: ${output}`);
    await sleep(20);
  }
  proc.kill('SIGKILL');
  expect(await exited).toBe(-9);
}

function hasTransaction(simulator: RunningSimulator, reference: string): boolean {
  for (const transaction of simulator.state.transactions.values())
    if (transaction.transactionReference === reference) return true;
  return false;
}

/** What the simulator itself holds for the reference: the payment's outcome by its status, or `never-performed`. */
export function simulatorVerdict(simulator: RunningSimulator, reference: string): string {
  for (const transaction of simulator.state.transactions.values()) {
    if (transaction.transactionReference === reference)
      return TRANSACTION_STATUS_OUTCOMES[transaction.status]?.outcome ?? 'unknown';
  }
  return 'never-performed';
}

/** How many payment requests (cardOrder) for the reference reached the simulator. */
export function paymentsSent(simulator: RunningSimulator, reference: string): number {
  return simulator
    .exchanges()
    .filter((e) => e.operation === 'cardOrder' && e.request.transactionReference === reference).length;
}

/** How many getTransactionData lookups for the reference reached the simulator. */
export function lookupsSent(simulator: RunningSimulator, reference: string): number {
  return simulator
    .exchanges()
    .filter((e) => e.operation === 'getTransactionData' && e.request.transactionReference === reference).length;
}

export { sleep };
