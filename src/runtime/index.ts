// Public entry point of the sogenactif-office package.
export {
  createClient,
  checkOutcome,
  shouldRetry,
  MAX_TIMEOUT_MS,
  WriteNotConfirmedError,
  CONFIRMABLE_WRITES,
  type ClientConfig,
  type SogenactifClient,
  type ResolveOptions,
  type RetryPolicy,
  type ExchangeEvent,
  type Wire,
} from './client';
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
} from './client';
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
// recovery and reconciliation when a client with a journal uses them (client/index.ts).
export { FINAL_STATES, isFinalState } from './journal/entry';
export { fileJournal, postgresJournal } from './journal/stores';
export type {
  ClaimOptions,
  EntryChange,
  FileJournal,
  FileJournalOptions,
  JournalEntry,
  JournalFilter,
  JournalOutcome,
  JournalState,
  PaymentJournal,
  PostgresJournalOptions,
  SqlQueryable,
  RecoverOptions,
  RecoveredEntry,
  RecoveryReport,
  ReconcileOptions,
  ReconcileReport,
  ReconcileRow,
  ReconcileVerdict,
} from './journal';
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
