// The client's module as the runtime's sources and tests import it: createClient (create.ts) with the steps beside
// it re-exported. The package's public entry imports create.ts and the steps it publishes directly, so a merchant's
// tsc does not load the declarations of the internal steps (prepare, reply, deadline, lost-reply, wire, record).
export { createClient, checkOutcome, type ResolveOptions, type SogenactifClient } from './create';
export {
  checkConfig,
  checkTimeout,
  isWire,
  MAX_TIMEOUT_MS,
  resolveSettings,
  type ClientConfig,
  type Settings,
  type Wire,
} from './config';
export { merchantSettings } from './merchant';
export { attemptBudget, startDeadline, type Deadline } from './deadline';
export { logExchange, type ExchangeEvent } from './log';
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
} from './diagnostics';
export { isLostReply, lookUpPayment, lostReplyError, type TransactionLookup } from './lost-reply';
export {
  buildHeaderRecord,
  buildRequestRecord,
  CONFIG_FIELDS,
  prepareOperation,
  requestBody,
  withReference,
  type PreparedOperation,
} from './prepare';
export {
  faultError,
  htmlPageTitle,
  readReply,
  readWireReply,
  trustedReply,
  verifyReplySeal,
  type RawReply,
} from './reply';
export { CONFIRMABLE_WRITES, confirmationMismatches, WriteNotConfirmedError } from './confirm';
export { backoff, backoffDelay, maxAttempts, shouldRetry, type RetryPolicy } from './retry';
export { NEVER_SENT_ERRORS } from '../transport';
export { RESENDABLE_CODES } from '../platform-rules';
export { SogenactifError } from '../errors';
