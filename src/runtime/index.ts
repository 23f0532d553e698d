// Public entry point of the sogenactif-office package.
// The client and the steps it publishes, each from its own module (not the client/index.ts barrel, whose internal
// steps a merchant's tsc would otherwise load the declarations of).
export { createClient, checkOutcome, type SogenactifClient, type ResolveOptions } from './client/create';
export { shouldRetry, type RetryPolicy } from './client/retry';
export { MAX_TIMEOUT_MS, type ClientConfig, type Wire } from './client/config';
export { WriteNotConfirmedError, CONFIRMABLE_WRITES } from './client/confirm';
export type { ExchangeEvent } from './client/log';
export {
  CHANNELS,
  type ExchangeAttemptMessage,
  type ExchangeCodes,
  type ExchangeEndMessage,
  type ExchangeLookupMessage,
  type ExchangeOutcome,
  type ExchangeRetryMessage,
  type ExchangeStartMessage,
  type ExchangeTrace,
} from './client/diagnostics';
export { redact, mask } from './redact';
export { checkMerchants, type MerchantKey, type MerchantKeys } from './keyring';
export { loadKeysFile, parseKeysFile } from './keys-file';
export {
  baseUrl,
  serviceUrl,
  isLoopbackHost,
  ENDPOINT_HOSTS,
  type Environment,
  type EnvironmentName,
  type EndpointOptions,
} from './endpoints';
export { generateTransactionReference, TRANSACTION_REFERENCE_MAX_LENGTH } from './reference';
// The journal's values without its index: the stores load on first call (journal/stores.ts); the call hook,
// recovery and reconciliation when a client with a journal uses them (client/create.ts); the journal's types from
// their own modules, so a merchant's tsc does not load the index's call hook.
export { FINAL_STATES, isFinalState } from './journal/entry';
export { fileJournal, postgresJournal } from './journal/stores';
export type {
  ClaimOptions,
  EntryChange,
  JournalEntry,
  JournalFilter,
  JournalOutcome,
  JournalState,
  PaymentJournal,
} from './journal/entry';
export type { FileJournal, FileJournalOptions } from './journal/file';
export type { PostgresJournalOptions, SqlQueryable } from './journal/postgres';
export type { RecoverOptions, RecoveredEntry, RecoveryReport } from './journal/recover';
export type { ReconcileOptions, ReconcileReport, ReconcileRow, ReconcileVerdict } from './journal/reconcile';
export { resolveFromTransaction, type ResolutionOutcome, type SentPayment } from './payment-resolution';
export { TRANSACTION_STATUS_OUTCOMES } from './platform-rules';
export {
  AuthenticationError,
  AuthenticationFailedError,
  DeclinedError,
  DuplicateTransactionError,
  InvalidRequestError,
  InvalidResponseError,
  JournalError,
  OutcomeUnknownError,
  SealMismatchError,
  SoapFaultError,
  SogenactifError,
  TemporarilyUnavailableError,
  TransportError,
  errorFromReply,
  isSogenactifError,
  isDeclinedError,
  isAuthenticationFailedError,
  isOutcomeUnknownError,
  FAILED_AUTHENTICATION_STATUSES,
  type DeclineReason,
  type ErrorKind,
  type OperationKey,
  type ResponseOf,
  type FieldIssue,
  type FieldIssueKind,
  type JournalFailure,
  type PaymentResolution,
} from './errors';
export {
  computeSeal,
  hashSealString,
  sealString,
  sealsMatch,
  verifySeal,
  SEAL_ALGORITHMS,
  DEFAULT_SEAL_ALGORITHM,
  type SealAlgorithmName,
  type SealValue,
} from './seal';
export {
  redirectionForm,
  decodeBase64,
  type RedirectionForm,
  type RedirectionFormOptions,
  type RedirectionResponse,
} from './redirect';
export { CertificatePinError, publicKeyPin } from './pinning';
export { DEFAULT_REPLY_MAX_AGE_MS } from './reply-binding';
export {
  createHttpTransport,
  type Transport,
  type HttpReply,
  type PostOptions,
  type HttpTransportOptions,
} from './transport';
export type * from './descriptor';
// Every generated descriptor, enum and client factory; each service's modules load on first use (see lazy.ts).
export * from './generated-exports';
