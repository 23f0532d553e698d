// fileJournal(path): the embedded PaymentJournal. An append-only file of JSON lines, fdatasync'd before an intent
// resolves (concurrent intents share one write and one sync: group commit), a torn last line dropped on open,
// one writing process at a time (file-lock.ts), and compaction that keeps open entries and recent settled ones.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { JournalError } from '../errors';
import {
  applyChange,
  isFinalState,
  type ClaimOptions,
  type EntryChange,
  type JournalEntry,
  type JournalFilter,
  type PaymentJournal,
} from './entry';
import { acquireLock } from './file-lock';
import { matchesFilter } from './filter';

export interface FileJournalOptions {
  /** Open without the lock and never write: for listing a journal another process is using. */
  readonly readOnly?: boolean;
  /** Settled entries are kept this long (default 24 h) for `list` and reconciliation, then dropped by compaction. */
  readonly retainSettledMs?: number;
  /**
   * Compaction runs when the file holds more than this many lines beyond one per kept entry (default 10000): an
   * entry takes three lines (intent, sent, outcome) until compaction rewrites it as one.
   */
  readonly compactAfterLines?: number;
}

/** The embedded journal, with its compaction exposed. */
export interface FileJournal extends PaymentJournal {
  readonly path: string;
  /** Rewrites the file with one line per kept entry (open ones, and settled ones younger than retainSettledMs). */
  compact(): Promise<void>;
  /** Lines dropped on open because the last write was torn (0 normally). */
  readonly tornLinesDropped: number;
  /**
   * Writes and syncs since open: `records` lines went out in `syncs` group commits (one write and one fdatasync each).
   */
  readonly stats: { readonly records: number; readonly syncs: number };
}

/** One line of the file. */
type JournalRecord =
  | { readonly op: 'intent'; readonly entry: JournalEntry }
  | { readonly op: 'sent'; readonly id: string; readonly at: string }
  | ({ readonly op: 'update'; readonly id: string } & EntryChange);

/** Applies one record to the entries (replay on open, and every write as it is queued). */
function apply(entries: Map<string, JournalEntry>, record: JournalRecord): void {
  if (record.op === 'intent') {
    entries.set(record.entry.id, record.entry);
    return;
  }
  const entry = entries.get(record.id);
  if (!entry) return;
  if (record.op === 'sent') {
    if (entry.state === 'intent')
      entries.set(entry.id, { ...entry, state: 'sent', sentAt: record.at, updatedAt: record.at });
    return;
  }
  entries.set(entry.id, applyChange(entry, record));
}

/** How long a `sent` or outcome line may wait for its sync when no intent comes to carry it. */
const SYNC_DELAY_MS = 100;

/** Reads the file: its entries, and where the last whole line ends (a torn tail after it is dropped). */
function replay(file: string): {
  entries: Map<string, JournalEntry>;
  goodBytes: number;
  size: number;
  lines: number;
  torn: number;
} {
  const entries = new Map<string, JournalEntry>();
  let buffer: Buffer;
  try {
    buffer = fs.readFileSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT')
      return { entries, goodBytes: 0, size: 0, lines: 0, torn: 0 };
    throw new JournalError(
      `cannot read the journal ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
      { reason: 'write-failed', cause: error },
    );
  }
  let offset = 0;
  let goodBytes = 0;
  let lines = 0;
  let badLine: number | undefined;
  let bad = 0;
  for (let number = 1; offset < buffer.length; number++) {
    const end = buffer.indexOf(0x0a, offset);
    const text = buffer.subarray(offset, end === -1 ? buffer.length : end).toString('utf8');
    let record: JournalRecord | undefined;
    try {
      record = end === -1 ? undefined : (JSON.parse(text) as JournalRecord);
    } catch {
      record = undefined;
    }
    if (record && typeof record === 'object' && typeof record.op === 'string') {
      // A readable line after an unreadable one: the damage is not a torn tail.
      if (badLine !== undefined)
        throw new JournalError(
          `the journal ${file} is damaged at line ${badLine}` +
            ` (an unreadable line before readable ones); move it aside and recover from a copy`,
          { reason: 'corrupt' },
        );
      apply(entries, record);
      lines++;
      goodBytes = end + 1;
    } else if (text.trim() !== '' || end === -1) {
      badLine ??= number;
      bad++;
    } else if (badLine === undefined) {
      goodBytes = end + 1;
    }
    offset = end === -1 ? buffer.length : end + 1;
  }
  return { entries, goodBytes, size: buffer.length, lines, torn: bad };
}

function fsyncDirectory(dir: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(dir, 'r');
    fs.fsyncSync(fd);
  } catch {
    // Some platforms cannot sync a directory; the file's own sync still holds its content.
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

const write = (fd: number, data: Buffer): Promise<void> =>
  new Promise((resolve, reject) => {
    const next = (offset: number): void => {
      fs.write(fd, data, offset, data.length - offset, null, (error, written) => {
        if (error) reject(error);
        else if (offset + written < data.length) next(offset + written);
        else resolve();
      });
    };
    next(0);
  });
const datasync = (fd: number): Promise<void> =>
  new Promise((resolve, reject) => fs.fdatasync(fd, (error) => (error ? reject(error) : resolve())));

/**
 * The embedded journal at `file` (created when missing, with its folder). Takes the file's lock (JournalError
 * 'locked' when another live process has it), reads it back, and drops a torn last write. See the README's
 * "Payment journal and recovery" for its durability guarantees.
 */
export function fileJournal(file: string, options: FileJournalOptions = {}): FileJournal {
  const readOnly = options.readOnly === true;
  const retainSettledMs = options.retainSettledMs ?? 24 * 3600_000;
  const compactAfterLines = options.compactAfterLines ?? 10_000;
  const resolved = path.resolve(file);
  const release = readOnly ? () => undefined : acquireLock(resolved);
  let replayed: ReturnType<typeof replay>;
  let fd = -1;
  try {
    replayed = replay(resolved);
    if (!readOnly) {
      fs.mkdirSync(path.dirname(resolved), { recursive: true });
      const existed = fs.existsSync(resolved);
      fd = fs.openSync(resolved, 'a', 0o600);
      // A torn last write (a crash in the middle of a line) is cut off, so the next line starts clean.
      if (replayed.goodBytes < replayed.size) {
        fs.ftruncateSync(fd, replayed.goodBytes);
        fs.fsyncSync(fd);
      }
      if (!existed) fsyncDirectory(path.dirname(resolved));
    }
  } catch (error) {
    release();
    if (fd !== -1) fs.closeSync(fd);
    throw error;
  }
  const entries = replayed.entries;
  const claims = new Map<string, number>();
  let lines = replayed.lines;
  let pending: { text: string; durable: boolean; done: (error?: Error) => void }[] = [];
  // Lines written but not yet synced (sent, outcomes): the next intent's sync or the timer covers them.
  let unsynced = false;
  let syncTimer: NodeJS.Timeout | undefined;
  let flushing: Promise<void> | undefined;
  let failure: JournalError | undefined;
  let closed = false;
  let compactRequested = false;
  let syncRequested = false;
  const stats = { records: 0, syncs: 0 };

  const fail = (what: string, error: unknown): JournalError =>
    new JournalError(
      `the journal ${resolved} cannot be written (${what}: ` +
        `${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); nothing is sent until it can`,
      { reason: 'write-failed', nothingSent: true, cause: error },
    );

  /**
   * The group commit: whatever was queued while the previous write and sync ran goes out in one write, synced when
   * it holds an intent; a batch of `sent` and outcome lines only is synced by the next intent or SYNC_DELAY_MS later.
   */
  async function flushLoop(): Promise<void> {
    try {
      await flushAll();
    } finally {
      flushing = undefined;
      // Queued after the loop's last look (its callers resume before this runs): go again.
      if (!failure && (pending.length > 0 || compactRequested || syncRequested)) startFlush();
    }
  }

  async function syncNow(): Promise<void> {
    if (!unsynced) return;
    unsynced = false;
    await datasync(fd);
    stats.syncs++;
  }

  async function flushAll(): Promise<void> {
    while (pending.length > 0 || compactRequested || syncRequested) {
      if (syncRequested && pending.length === 0) {
        syncRequested = false;
        try {
          await syncNow();
        } catch (error) {
          failure ??= fail('sync', error);
          return;
        }
        continue;
      }
      if (pending.length > 0) {
        const batch = pending;
        pending = [];
        try {
          await write(fd, Buffer.from(batch.map((item) => item.text).join(''), 'utf8'));
          unsynced = true;
          if (batch.some((item) => item.durable)) await syncNow();
          else
            syncTimer ??= setTimeout(() => {
              syncTimer = undefined;
              syncRequested = true;
              startFlush();
            }, SYNC_DELAY_MS).unref();
          lines += batch.length;
          stats.records += batch.length;
          for (const item of batch) item.done();
        } catch (error) {
          failure ??= fail('write', error);
          for (const item of batch) item.done(failure);
          for (const item of pending.splice(0)) item.done(failure);
          return;
        }
      }
      if (compactRequested || lines > entries.size + compactAfterLines) {
        compactRequested = false;
        try {
          rewrite();
        } catch (error) {
          failure ??= fail('compaction', error);
          return;
        }
      }
    }
  }

  /** Starts the flush loop unless it runs (it restarts itself for what is queued as it ends). */
  function startFlush(): void {
    if (!flushing) flushing = flushLoop();
  }

  function enqueue(record: JournalRecord, durable: boolean): Promise<void> {
    if (closed)
      return Promise.reject(
        new JournalError(`the journal ${resolved} is closed`, { reason: 'closed', nothingSent: true }),
      );
    if (readOnly)
      return Promise.reject(
        new JournalError(`the journal ${resolved} was opened readOnly`, { reason: 'invalid', nothingSent: true }),
      );
    if (failure) return Promise.reject(failure);
    const text = `${JSON.stringify(record)}\n`;
    apply(entries, record);
    const done = new Promise<void>((resolve, reject) =>
      pending.push({ text, durable, done: (error) => (error ? reject(error) : resolve()) }),
    );
    startFlush();
    return done;
  }

  /** Compaction: kept entries, one line each, to a temporary file synced and renamed over the journal. */
  function rewrite(): void {
    const cutoff = Date.now() - retainSettledMs;
    for (const [id, entry] of entries)
      if (isFinalState(entry.state) && Date.parse(entry.updatedAt) < cutoff) entries.delete(id);
    const temporary = `${resolved}.compact`;
    const out = fs.openSync(temporary, 'w', 0o600);
    try {
      const text = [...entries.values()].map((entry) => `${JSON.stringify({ op: 'intent', entry })}\n`).join('');
      fs.writeSync(out, text);
      fs.fsyncSync(out);
    } finally {
      fs.closeSync(out);
    }
    fs.renameSync(temporary, resolved);
    fsyncDirectory(path.dirname(resolved));
    fs.closeSync(fd);
    fd = fs.openSync(resolved, 'a', 0o600);
    lines = entries.size;
    unsynced = false;
  }

  const snapshot = (entry: JournalEntry): JournalEntry => JSON.parse(JSON.stringify(entry)) as JournalEntry;

  return {
    path: resolved,
    tornLinesDropped: replayed.torn,
    get stats() {
      return { ...stats };
    },
    recordIntent: (entry) => {
      if (entries.has(entry.id))
        return Promise.reject(
          new JournalError(`journal entry ${entry.id} already exists`, { reason: 'invalid', nothingSent: true }),
        );
      return enqueue({ op: 'intent', entry }, true);
    },
    recordSent: (id, at) => enqueue({ op: 'sent', id, at }, false),
    update: (id, change) => {
      claims.delete(id);
      return enqueue({ op: 'update', id, ...change }, false);
    },
    claimDue: async (claim: ClaimOptions) => {
      const now = claim.now.getTime();
      const due: JournalEntry[] = [];
      for (const entry of entries.values()) {
        if (due.length >= claim.limit) break;
        if (entry.merchantId !== claim.merchantId || isFinalState(entry.state)) continue;
        if (entry.nextAttemptAt && Date.parse(entry.nextAttemptAt) > now) continue;
        if ((claims.get(entry.id) ?? 0) > now) continue;
        claims.set(entry.id, now + claim.leaseMs);
        due.push(snapshot(entry));
      }
      return due;
    },
    list: async (filter: JournalFilter = {}) => {
      const found = [...entries.values()]
        .filter((entry) => matchesFilter(entry, filter))
        .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
      return (filter.limit !== undefined ? found.slice(0, filter.limit) : found).map(snapshot);
    },
    get: async (id) => {
      const entry = entries.get(id);
      return entry ? snapshot(entry) : undefined;
    },
    ready: () => {
      // What /readyz asks: a closed journal or one whose write or sync failed takes no more payments.
      if (closed) throw new JournalError(`the journal ${resolved} is closed`, { reason: 'closed', nothingSent: true });
      if (failure) throw failure;
    },
    compact: async () => {
      if (readOnly) throw new JournalError(`the journal ${resolved} was opened readOnly`, { reason: 'invalid' });
      compactRequested = true;
      startFlush();
      await flushing;
      if (failure) throw failure;
    },
    close: async () => {
      if (closed) return;
      while (flushing) await flushing;
      closed = true;
      if (syncTimer) clearTimeout(syncTimer);
      try {
        if (unsynced && !failure && fd !== -1) {
          fs.fdatasyncSync(fd);
          stats.syncs++;
        }
      } finally {
        // A failed last sync still releases the file and its lock.
        if (fd !== -1) fs.closeSync(fd);
        release();
      }
    },
  };
}
