// The payment journal's cost and recovery's throughput against the simulator (own process): a payment with
// fileJournal beside the same payment without, sequential and at a steady 50 payments per second (the goal: at most
// 10% slower), fsyncs shared by concurrent payments, and entries settled per second by client.recover().
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createClient, fileJournal, type SogenactifClient } from '../../src/runtime';
import { CARD_ORDER_REQUEST, MERCHANT } from './fixtures';
import { BENCH_DIR, fmt, log, median, percentile, ROOT, row, startChild, type Result, type ServerChild } from './lib';

const SEQUENTIAL = 300;
const ROUNDS = 3;
const RATE = 50;
const RATE_SECONDS = 4;
const CONCURRENT = 16;
const RECOVERY_ENTRIES = 600;

let sequence = 0;
const pay = (client: SogenactifClient, tag: string): Promise<unknown> =>
  client.checkout.cardOrder({
    ...CARD_ORDER_REQUEST,
    transactionReference: `J${tag}${process.pid}x${++sequence}`,
  } as never);

async function sequential(url: string, dir: string, journaled: boolean): Promise<number[]> {
  const journal = journaled ? fileJournal(path.join(dir, `seq-${++sequence}.journal`)) : undefined;
  const client = createClient({ ...MERCHANT, environment: url, retry: false, ...(journal ? { journal } : {}) });
  const latencies: number[] = [];
  try {
    for (let i = 0; i < 20; i++) await pay(client, 'w');
    for (let i = 0; i < SEQUENTIAL; i++) {
      const t0 = performance.now();
      await pay(client, 's');
      latencies.push(performance.now() - t0);
    }
  } finally {
    client.close();
    await journal?.close();
  }
  return latencies;
}

/** Payments started at a steady RATE per second (open loop), each timed from its scheduled start. */
async function steady(
  url: string,
  dir: string,
  journaled: boolean,
): Promise<{ latencies: number[]; achieved: number; cpuUs: number; wallMs: number }> {
  const journal = journaled ? fileJournal(path.join(dir, `rate-${++sequence}.journal`)) : undefined;
  const client = createClient({ ...MERCHANT, environment: url, retry: false, ...(journal ? { journal } : {}) });
  const latencies: number[] = [];
  const total = RATE * RATE_SECONDS;
  const start = performance.now() + 100;
  const cpu = process.cpuUsage();
  try {
    await Promise.all(
      Array.from({ length: total }, async (_, i) => {
        const at = start + (i * 1000) / RATE;
        await new Promise((resolve) => setTimeout(resolve, Math.max(0, at - performance.now())));
        await pay(client, 'r');
        latencies.push(performance.now() - at);
      }),
    );
  } finally {
    client.close();
    await journal?.close();
  }
  const used = process.cpuUsage(cpu);
  const wallMs = performance.now() - start;
  return { latencies, achieved: total / (wallMs / 1000), cpuUs: (used.user + used.system) / total, wallMs };
}

/**
 * Payments as fast as they go with CONCURRENT in flight: wall µs per payment, and how many lines each fdatasync
 * carried.
 */
async function capacity(
  url: string,
  dir: string,
  journaled: boolean,
): Promise<{ usPerPayment: number; syncs?: string }> {
  const journal = journaled ? fileJournal(path.join(dir, `concurrent-${++sequence}.journal`)) : undefined;
  const client = createClient({ ...MERCHANT, environment: url, retry: false, ...(journal ? { journal } : {}) });
  const payments = 800;
  try {
    const before = journal?.stats;
    let left = payments;
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: CONCURRENT }, async () => {
        while (left-- > 0) await pay(client, 'c');
      }),
    );
    const usPerPayment = ((performance.now() - t0) * 1000) / payments;
    const after = journal?.stats;
    const syncs =
      before && after
        ? `${CONCURRENT} payments in flight: ${after.records - before.records}` +
          ` journal lines (intent, sent, outcome) in ${after.syncs - before.syncs} fdatasyncs, ` +
          `${fmt((after.records - before.records) / (after.syncs - before.syncs), 1)} lines per sync`
        : undefined;
    return { usPerPayment, ...(syncs ? { syncs } : {}) };
  } finally {
    client.close();
    await journal?.close();
  }
}

async function recovery(url: string, dir: string): Promise<{ rate: number; detail: string }> {
  // What a crash of a busy process leaves: payments that reached the gateway, journaled as sent, no outcome.
  const file = path.join(dir, 'recovery.journal');
  const plain = createClient({ ...MERCHANT, environment: url, retry: false });
  const journal = fileJournal(file);
  try {
    const now = new Date().toISOString();
    let next = 0;
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (next < RECOVERY_ENTRIES) {
          const i = next++;
          const reference = `JREC${process.pid}x${i}`;
          await plain.checkout.cardOrder({ ...CARD_ORDER_REQUEST, transactionReference: reference } as never);
          await journal.recordIntent({
            id: `r${i}`,
            operation: 'checkout.cardOrder',
            category: 'payment',
            merchantId: MERCHANT.merchantId,
            transactionReference: reference,
            amount: Number((CARD_ORDER_REQUEST as { amount: number }).amount),
            currencyCode: '978',
            request: {},
            state: 'intent',
            createdAt: now,
            updatedAt: now,
            attempts: 0,
          });
          await journal.recordSent(`r${i}`, now);
        }
      }),
    );
  } finally {
    plain.close();
  }
  const client = createClient({ ...MERCHANT, environment: url, retry: false, journal });
  try {
    const t0 = performance.now();
    const report = await client.recover({ concurrency: 8 });
    const seconds = (performance.now() - t0) / 1000;
    if (report.settled !== RECOVERY_ENTRIES)
      throw new Error(`recovery settled ${report.settled} of ${RECOVERY_ENTRIES}`);
    return {
      rate: RECOVERY_ENTRIES / seconds,
      detail:
        `recovery: ${RECOVERY_ENTRIES} open entries (sent, no outcome) settled in ${fmt(seconds, 2)}` +
        ` s with 8 lookups in flight (one getTransactionData each, outcome appended to the file journal)`,
    };
  } finally {
    client.close();
    await journal.close();
  }
}

export async function runJournal(): Promise<Result[]> {
  log(
    `journal: cardOrder with fileJournal and without, ${ROUNDS} × ${SEQUENTIAL} sequential, ${RATE}/s for ` +
      `${RATE_SECONDS} s, ${CONCURRENT} in flight, recovery of ${RECOVERY_ENTRIES} entries`,
  );
  const simulator: ServerChild = await startChild(process.execPath, [
    path.join(ROOT, 'scripts/ts-run.js'),
    path.join(BENCH_DIR, 'simulator-child.ts'),
  ]);
  fs.mkdirSync(path.join(ROOT, '.tmp'), { recursive: true });
  const dir = fs.mkdtempSync(path.join(ROOT, '.tmp', 'bench-journal-'));
  const url = simulator.ready.url as string;
  try {
    const withJournal: number[] = [];
    const without: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      without.push(median(await sequential(url, dir, false)));
      withJournal.push(median(await sequential(url, dir, true)));
    }
    const ratesWithout: Awaited<ReturnType<typeof steady>>[] = [];
    const ratesWith: Awaited<ReturnType<typeof steady>>[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      ratesWithout.push(await steady(url, dir, false));
      ratesWith.push(await steady(url, dir, true));
    }
    const mean = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0) / values.length;
    // The round whose mean latency is the median of the rounds, each side.
    const middle = (rounds: Awaited<ReturnType<typeof steady>>[]) =>
      [...rounds].sort((a, b) => mean(a.latencies) - mean(b.latencies))[rounds.length >> 1]!;
    const rateWith = middle(ratesWith);
    const rateWithout = middle(ratesWithout);
    const capacityWithout: number[] = [];
    const capacityWith: number[] = [];
    let shared = '';
    for (let round = 0; round < ROUNDS; round++) {
      capacityWithout.push((await capacity(url, dir, false)).usPerPayment);
      const withJournal = await capacity(url, dir, true);
      capacityWith.push(withJournal.usPerPayment);
      shared = withJournal.syncs ?? '';
    }
    const recovered = await recovery(url, dir);
    const describeRate = (name: string, r: { latencies: number[]; achieved: number; cpuUs: number }): string =>
      `${RATE}/s ${name}: achieved ${fmt(r.achieved, 1)}/s, mean ${fmt(mean(r.latencies), 2)} ms, median ` +
      `${fmt(median(r.latencies), 2)} ms, p99 ${fmt(percentile(r.latencies, 99), 2)} ms, client CPU ` +
      `${fmt(r.cpuUs, 0)} µs per payment`;
    return [
      row({
        name: 'journal-payment-latency',
        ours: Number(fmt(median(withJournal), 3)),
        baseline: Number(fmt(median(without), 3)),
        unit: 'ms',
        includes:
          `sequential sealed cardOrders to the simulator (own process): with fileJournal (intent written and ` +
          `fdatasync'd before sending; sent and outcome appended after) against the same client without a ` +
          `journal; median of ${ROUNDS} rounds' medians of ${SEQUENTIAL}` +
          `. Journal file under .tmp/ (the repository's disk).`,
        details: [
          `rounds with journal ${withJournal.map((v) => fmt(v, 3)).join(', ')} ms; without ` +
            `${without.map((v) => fmt(v, 3)).join(', ')} ms; added per payment ` +
            `${fmt((median(withJournal) - median(without)) * 1000, 0)} µs`,
        ],
      }),
      row({
        name: 'journal-50-per-second',
        ours: Math.round(median(ratesWith.map((r) => r.wallMs))),
        baseline: Math.round(median(ratesWithout.map((r) => r.wallMs))),
        unit: 'ms',
        goal: 1.1,
        includes:
          `${RATE} payments per second offered for ${RATE_SECONDS}` +
          ` s (open loop): wall time from the first payment's start to the last one's end, with fileJournal ` +
          `over without (median of ${ROUNDS} interleaved rounds each). The goal: a merchant taking ${RATE}` +
          ` payments per second is slowed by at most 10%. Each payment's own latency grows by about one ` +
          `fdatasync: see the details and journal-payment-latency.`,
        details: [
          describeRate('with journal (median round)', rateWith),
          describeRate('without (median round)', rateWithout),
          `mean latency per round: with ${ratesWith.map((r) => fmt(mean(r.latencies), 2)).join(', ')}` +
            ` ms; without ${ratesWithout.map((r) => fmt(mean(r.latencies), 2)).join(', ')} ms`,
        ],
      }),
      row({
        name: 'journal-capacity',
        ours: Number(fmt(median(capacityWith), 0)),
        baseline: Number(fmt(median(capacityWithout), 0)),
        unit: 'µs/payment',
        includes:
          `payments as fast as they go with ${CONCURRENT}` +
          ` in flight (800 per round), wall µs per payment with fileJournal over without, median of ${ROUNDS}` +
          ` interleaved rounds: the rate the machine sustains, ${fmt(1e6 / median(capacityWith), 0)} against ` +
          `${fmt(1e6 / median(capacityWithout), 0)} payments per second.`,
        details: [
          `rounds with ${capacityWith.map((v) => fmt(v, 0)).join(', ')} µs; without ` +
            `${capacityWithout.map((v) => fmt(v, 0)).join(', ')} µs`,
          shared,
        ],
      }),
      row({
        name: 'journal-recovery-rate',
        ours: Math.round(recovered.rate),
        baseline: null,
        unit: 'entries/s',
        includes: 'client.recover() over a file journal against the simulator (own process).',
        details: [recovered.detail],
      }),
    ];
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
    await simulator.stop();
  }
}
