// The journal file's lock: a `<path>.lock` file created with O_EXCL holding the owner's pid and host, so one
// process at a time writes a journal; a lock whose process is gone (kill -9, power loss) is stale and taken over.
import * as fs from 'node:fs';
import type * as Os from 'node:os';
import { JournalError } from '../errors';

// node:os is loaded with the first lock, not with the package (a client without a file journal never needs it).
const hostname = (): string => (require('node:os') as typeof Os).hostname();

/** What the lock file holds. */
interface LockOwner {
  readonly pid: number;
  readonly host: string;
  readonly since: string;
}

/** A lock file whose content cannot be read is a lock being written, or one torn by a crash: stale after this long. */
const UNREADABLE_STALE_MS = 10_000;

/** Locks taken by this process, released at exit even without close(). */
const held = new Set<string>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const file of held) {
      try {
        fs.unlinkSync(file);
      } catch {
        // Already gone.
      }
    }
  });
}

function readOwner(file: string): LockOwner | undefined {
  try {
    const owner = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<LockOwner>;
    return typeof owner.pid === 'number' && typeof owner.host === 'string'
      ? { pid: owner.pid, host: owner.host, since: String(owner.since) }
      : undefined;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists under another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Why a lock held by `owner` is stale, or undefined when its owner may still be writing. */
function staleReason(file: string, owner: LockOwner | undefined): string | undefined {
  if (!owner) {
    let age = 0;
    try {
      age = Date.now() - fs.statSync(file).mtimeMs;
    } catch {
      return 'it disappeared';
    }
    return age > UNREADABLE_STALE_MS ? 'it is unreadable and older than 10 s' : undefined;
  }
  // Another machine's pid cannot be checked from here (a journal on a shared disk): never taken over.
  if (owner.host !== hostname()) return undefined;
  if (owner.pid === process.pid) return undefined;
  return isAlive(owner.pid) ? undefined : `process ${owner.pid} is gone`;
}

/**
 * Takes the lock of `journalPath` (`<journalPath>.lock`), or throws JournalError 'locked' naming the live owner.
 * Returns the function that releases it.
 */
export function acquireLock(journalPath: string): () => void {
  const file = `${journalPath}.lock`;
  for (let attempt = 0; attempt < 20; attempt++) {
    try {
      const fd = fs.openSync(file, 'wx', 0o600);
      try {
        fs.writeSync(fd, JSON.stringify({ pid: process.pid, host: hostname(), since: new Date().toISOString() }));
        fs.fsyncSync(fd);
      } finally {
        fs.closeSync(fd);
      }
      held.add(file);
      installExitHook();
      return () => {
        if (!held.delete(file)) return;
        try {
          fs.unlinkSync(file);
        } catch {
          // Already gone.
        }
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw new JournalError(
          `cannot lock the journal ${journalPath}: ` +
            `${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
          { reason: 'write-failed', cause: error },
        );
      }
      const owner = readOwner(file);
      const stale = staleReason(file, owner);
      if (!stale) {
        const who = owner ? `process ${owner.pid} on ${owner.host} since ${owner.since}` : 'a process writing its lock';
        throw new JournalError(
          `the journal ${journalPath} is in use by ${who} (${file}` +
            `); one process writes a journal file at a time (open it readOnly to list it)`,
          { reason: 'locked' },
        );
      }
      // Stale: its owner is gone. One process at a time takes a stale lock over (the takeover file, O_EXCL), and checks
      // again under it: without it, two processes that both saw the dead owner's lock could each remove the other's
      // fresh one and both write the journal. Then O_EXCL decides who takes the lock.
      takeOverStale(file, owner);
    }
  }
  throw new JournalError(`cannot lock the journal ${journalPath}: the lock kept changing hands`, { reason: 'locked' });
}

/** Removes `file` if it still holds the stale `owner`, under the takeover guard; returns without removing otherwise. */
function takeOverStale(file: string, owner: LockOwner | undefined): void {
  const guard = `${file}.takeover`;
  let fd: number;
  try {
    fd = fs.openSync(guard, 'wx', 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    // Another process is taking over; a guard left by one that died mid-takeover is cleared after 10 s.
    try {
      if (Date.now() - fs.statSync(guard).mtimeMs > UNREADABLE_STALE_MS) fs.unlinkSync(guard);
    } catch {
      // Gone meanwhile.
    }
    pause(20);
    return;
  }
  try {
    const now = readOwner(file);
    if (JSON.stringify(now) !== JSON.stringify(owner) || !staleReason(file, now)) return;
    try {
      fs.unlinkSync(file);
    } catch {
      // Already gone.
    }
  } finally {
    fs.closeSync(fd);
    fs.rmSync(guard, { force: true });
  }
}

/** Waits `ms` without yielding (the lock is taken synchronously when a journal opens). */
function pause(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}
