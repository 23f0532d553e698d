// fileJournal and postgresJournal as the package's entry exports them: each store's module (the file store with its
// lock, the SQL store) loads on the first call, not with the package, so a client without a journal never loads them.
import type * as File from './file';
import type * as Postgres from './postgres';
import type { PaymentJournal } from './entry';

/**
 * The embedded journal at `file` (created when missing, with its folder). Takes the file's lock (JournalError
 * 'locked' when another live process has it), reads it back, and drops a torn last write. See the README's
 * "Payment journal and recovery" for its durability guarantees.
 */
export function fileJournal(file: string, options?: File.FileJournalOptions): File.FileJournal {
  return (require('./file') as typeof File).fileJournal(file, options);
}

/** The journal in PostgreSQL through `pool` (never closed by the journal: it is yours). */
export function postgresJournal(
  pool: Postgres.SqlQueryable,
  options?: Postgres.PostgresJournalOptions,
): PaymentJournal {
  return (require('./postgres') as typeof Postgres).postgresJournal(pool, options);
}
