// The runtime's internal entry, `sogenactif-office/internal`: exactly what the tools package (CLI, generator,
// simulator) uses of the runtime beyond its public API. For sogenactif-office-tools only: not a stable API, it may
// change in any release. Everything a merchant uses is exported by `sogenactif-office` (index.ts).
export { createClient, isLostReply } from './client';
export { CONFIG_FIELDS, DEFAULTED_FIELDS } from './contract-constants';
export { CONTEXT_NAMESPACE } from './descriptor';
export type {
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
export { buildJsonBody, JsonSyntaxError, parseJsonRecord } from './wire/json/index';
export { packageVersion } from './package-version';
export { mask, redact } from './redact';
export { autoPostPage } from './redirect';
export { computeSeal, isSealAlgorithm, sealsMatch, sealString, verifySeal, type SealAlgorithmName, type SealValue } from './seal';
export { compareVersions } from './version';
export {
  buildWireRecord,
  emptyRecord,
  luhnValid,
  NIL,
  readRecord,
  structOf,
  versionNumber,
  type WireRecord,
  type WireValue,
} from './wire';
export { nestedStruct } from './record/fields';
export { patternProblem, unsafePatternReason } from './record/patterns';
export { walkRecord, type RecordVisitor, type WalkKey } from './record/walk';
export { parseXml, type XmlNode } from './wire/soap/xml';
export { services } from '../../generated';
