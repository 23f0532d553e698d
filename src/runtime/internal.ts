// The runtime's internal entry, `sogenactif-office/internal`: exactly what the tools package (CLI, generator,
// simulator) uses of the runtime beyond its public API. For sogenactif-office-tools only: not a stable API, it may
// change in any release. Everything a merchant uses is exported by `sogenactif-office` (index.ts).
export { createClient, isLostReply, type SogenactifClient } from './client';
export { CONFIG_FIELDS, DEFAULTED_FIELDS } from './contract-constants';
export { CONTEXT_NAMESPACE } from './descriptor';
export type {
  EnumCode,
  EnumDescriptor,
  FieldDescriptor,
  FieldFacets,
  OperationCategory,
  OperationDescriptor,
  Outcome,
  PrimitiveType,
  SchemaTables,
  Sensitivity,
  ServiceDescriptor,
  SoapVersion,
  StructDescriptor,
} from './descriptor';
export { baseUrl, ENDPOINT_HOSTS, isLoopbackHost, type Environment } from './endpoints';
export { SogenactifError, type ErrorKind, type FieldIssue } from './errors';
export { busyPortError, gatewayOptions, serveGateway } from './gateway/command';
export { GATEWAY_FLAGS, type GatewayCommandValues } from './gateway/flags';
export { PayloadTooLarge, readBody } from './http-body';
export {
  fileJournal,
  isFinalState,
  type JournalEntry,
  type JournalFilter,
  type JournalState,
  type PaymentJournal,
  type ReconcileRow,
} from './journal';
export { postgresJournal } from './journal/postgres';
export { buildJsonBody } from './wire/json';
export { packageVersion } from './package-version';
export {
  MERCHANT_ID_FORMAT,
  OPERATION_NAME_CATEGORIES,
  RESENDABLE_CODES,
  SEAL_ERROR_CODE,
  UNKNOWN_MERCHANT_CODE,
  UNLISTED_OPERATION_CATEGORY,
} from './platform-rules';
export { mask, redact } from './redact';
export { autoPostPage, escapeHtml, htmlHead } from './redirect';
export {
  computeSeal,
  DEFAULT_SEAL_ALGORITHM,
  isSealAlgorithm,
  sealsMatch,
  sealString,
  verifySeal,
  type SealAlgorithmName,
  type SealValue,
} from './seal';
export { algorithmProblem } from './reply-checks';
export { compareVersions } from './version';
export { protocols, RequestShapeError, type ReadRequest, type Wire, type WireAnswer } from './wire';
export { buildWireRecord, emptyRecord, luhnValid, NIL, structOf, type WireRecord, type WireValue } from './record';
export { versionNumber } from './version';
export { patternProblem, unsafePatternReason } from './record/patterns';
export { nestedStruct } from './record/fields';
export { walkRecord, type RecordVisitor, type WalkKey } from './record/walk';
export {
  AcquirerResponseCode,
  ComplementaryCode,
  FraudResponseCode,
  HolderAuthentResponseCodeValue,
  MandateResponseCode,
  PaymentMeanInfoResponseCode,
  RedirectionStatusCodeValue,
  ResponseCode,
  services,
  WalletResponseCode,
} from '../../generated';
