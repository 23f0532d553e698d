// The payment journal: the PaymentJournal interface and its entries, the two stores (fileJournal, postgresJournal),
// the client's hook around one call, recovery and reconciliation.
export {
  applyChange,
  FINAL_STATES,
  isFinalState,
  isJournaled,
  isPaymentJournal,
  JOURNALED_CATEGORIES,
  JOURNALED_WRITE_SERVICES,
  journalFields,
  outcomeOfError,
  outcomeOfReply,
} from './entry';
export type {
  ClaimOptions,
  EntryChange,
  JournalEntry,
  JournalFilter,
  JournalOutcome,
  JournalState,
  PaymentJournal,
} from './entry';
export { fileJournal, type FileJournal, type FileJournalOptions } from './file';
export { postgresJournal, type PostgresJournalOptions, type SqlQueryable } from './postgres';
export { journaledCall, type JournaledCall } from './call';
export {
  nextAttempt,
  recoverJournal,
  settle,
  type LookupResult,
  type RecoverOptions,
  type RecoveredEntry,
  type RecoveryContext,
  type RecoveryLookup,
  type RecoveryReport,
} from './recover';
export {
  compareEntry,
  MISMATCHES,
  reconcileJournal,
  type ReconcileOptions,
  type ReconcileReport,
  type ReconcileRow,
  type ReconcileVerdict,
} from './reconcile';
