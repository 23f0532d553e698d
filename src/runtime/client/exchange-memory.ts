// What one client remembers of its recent exchanges, to refuse a reply that answers another one: the seals of the
// requests it sent (a reply carrying one is a request reflected) and of the stamped replies it accepted (seen twice
// is a replay). Both are small LRU sets, per client, in memory only.
import type { Settings } from './config';

/** A bounded set that forgets its least recently used entry beyond `limit`. */
export class RecentSet {
  private readonly entries = new Map<string, true>();
  /**
   * Walks the entries in insertion order for as long as it lasts: a Map's iterator skips the entries deleted since it
   * was made and reaches those added after, so once the set is full its next entry is the least recently used (every
   * entry before it was forgotten, and one used again was moved to the end). One iterator, where one made per
   * forgotten entry cost about 1 k instructions an add.
   */
  private oldest: Iterator<string> | undefined;
  constructor(private readonly limit: number) {}

  has(key: string): boolean {
    return this.entries.has(key);
  }

  add(key: string): void {
    this.entries.delete(key);
    this.entries.set(key, true);
    if (this.entries.size > this.limit) {
      let next = (this.oldest ??= this.entries.keys()).next();
      if (next.done === true) next = (this.oldest = this.entries.keys()).next();
      this.entries.delete(next.value as string);
    }
  }

  get size(): number {
    return this.entries.size;
  }
}

export interface ExchangeMemory {
  /** Seals (lower-case hex) of the requests this client sent recently. */
  readonly requestSeals: RecentSet;
  /** Seals of the date-stamped replies this client accepted recently. */
  readonly replySeals: RecentSet;
}

/** How many seals of each kind a client keeps: at 1,000 exchanges a minute, the last 4 minutes; about 1 MiB at most. */
export const EXCHANGE_MEMORY_SIZE = 4096;

const memories = new WeakMap<Settings, ExchangeMemory>();

/** The memory of the client whose settings these are (made on first use). */
export function memoryOf(settings: Settings): ExchangeMemory {
  let memory = memories.get(settings);
  if (!memory)
    memories.set(
      settings,
      (memory = { requestSeals: new RecentSet(EXCHANGE_MEMORY_SIZE), replySeals: new RecentSet(EXCHANGE_MEMORY_SIZE) }),
    );
  return memory;
}
