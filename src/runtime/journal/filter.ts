// Which journal entries a JournalFilter selects, for the stores that filter in memory (the file journal).
import { isFinalState, type JournalEntry, type JournalFilter } from './entry';

/** Whether `entry` meets every condition of `filter`. */
export function matchesFilter(entry: JournalEntry, filter: JournalFilter): boolean {
  if (filter.state !== undefined) {
    const states = typeof filter.state === 'string' ? [filter.state] : filter.state;
    if (!states.includes(entry.state)) return false;
  }
  if (filter.open !== undefined && filter.open === isFinalState(entry.state)) return false;
  if (filter.merchantId !== undefined && entry.merchantId !== filter.merchantId) return false;
  if (filter.transactionReference !== undefined && entry.transactionReference !== filter.transactionReference)
    return false;
  const created = Date.parse(entry.createdAt);
  if (filter.since !== undefined && created < filter.since.getTime()) return false;
  if (filter.until !== undefined && created >= filter.until.getTime()) return false;
  return true;
}
