// Crash tests with the file journal: a child process paying through a journaled client is killed with SIGKILL
// after the intent is durable, after sending (the simulator holds the reply: FAULT_SLOW), and after the verified
// reply before its outcome is recorded; recovery in this process must reach the simulator's own verdict, with the
// payment performed at most once and never resent.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createClient, fileJournal, type JournalEntry } from '../../src/runtime';
import { DEFAULT_MERCHANT, startSimulator, type RunningSimulator } from '../../src/tools/simulator/server';
import {
  APPROVED_CARD,
  lookupsSent,
  payAndKill,
  paymentsSent,
  REFUSED_CARD,
  simulatorVerdict,
  sleep,
  type CrashPoint,
} from './crash-helpers';

let simulator: RunningSimulator;
let dir: string;
beforeAll(async () => {
  simulator = await startSimulator();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'journal-crash-'));
});
afterAll(async () => {
  await simulator.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const GRACE_MS = 4000;

test.each<[CrashPoint, string, string]>([
  // point, card, the verdict recovery must reach (the simulator's own record)
  ['after-intent', APPROVED_CARD, 'never-performed'],
  ['after-send', APPROVED_CARD, 'approved'],
  ['after-send', REFUSED_CARD, 'refused'],
  ['after-reply', APPROVED_CARD, 'approved'],
  ['after-reply', REFUSED_CARD, 'refused'],
])(
  'killed %s with card %s: recovery says %s, as the simulator does',
  async (point, card, want) => {
    const file = path.join(dir, `${point}-${card}.jsonl`);
    const reference =
      `CRASH${point.replace(/-/g, '')}${card.slice(-4)}${point === 'after-send' ? 'FAULT_SLOW_8000' : ''}`.slice(0, 35);
    await payAndKill(simulator, `file:${file}`, point, reference, card);
    expect(paymentsSent(simulator, reference)).toBe(point === 'after-intent' ? 0 : 1);

    // The killed child's lock is stale: this process takes the journal over.
    const journal = fileJournal(file);
    const before = await journal.list();
    expect(before).toHaveLength(1);
    expect(before[0]).toMatchObject({
      transactionReference: reference,
      state: point === 'after-intent' ? 'intent' : 'sent',
    });
    const resolved: JournalEntry[] = [];
    const client = createClient({ ...DEFAULT_MERCHANT, environment: simulator.url, journal });
    try {
      let report = await client.recover({ graceMs: GRACE_MS, onResolved: (entry) => void resolved.push(entry) });
      if (want === 'never-performed') {
        // Unknown to the gateway within the grace period: a request may still be in flight, so it is not final yet.
        expect(report.entries[0]!.entry).toMatchObject({ state: 'unknown', attempts: 0 });
        expect(report.allFinal).toBe(false);
        await sleep(Math.max(0, Date.parse(report.entries[0]!.entry.nextAttemptAt!) - Date.now()) + 50);
        report = await client.recover({ graceMs: GRACE_MS, onResolved: (entry) => void resolved.push(entry) });
      }
      expect(report.entries).toHaveLength(1);
      expect(report.entries[0]!.entry.state).toBe(want);
      expect(simulatorVerdict(simulator, reference)).toBe(want);
      expect(report.allFinal).toBe(true);
      expect(resolved.map((e) => [e.transactionReference, e.state])).toEqual([[reference, want]]);
      // Never resent: the payment reached the gateway at most once, and recovery only looked it up.
      expect(paymentsSent(simulator, reference)).toBe(point === 'after-intent' ? 0 : 1);
      expect(lookupsSent(simulator, reference)).toBe(want === 'never-performed' ? 2 : 1);
      // A second recovery has nothing left to do.
      expect((await client.recover({ graceMs: GRACE_MS })).entries).toHaveLength(0);
    } finally {
      client.close();
      await journal.close();
    }
    const text = fs.readFileSync(file, 'utf8');
    for (const secret of [card, '"cardCSCValue"', DEFAULT_MERCHANT.secretKey]) expect(text).not.toContain(secret);
  },
  120_000,
);
