// The one factory from a reply to an error: a response's code field mapped to a class of error-classes.ts using the
// code tables generated from the data dictionary and the platform's code rules (platform-rules.ts). The error
// classes are re-exported here, so `./errors` stays the one place every module imports its errors from.
import { enumCode, type EnumDescriptor, type OperationDescriptor, type Outcome } from './descriptor';
import {
  AuthenticationFailedError,
  DeclinedError,
  DuplicateTransactionError,
  InvalidRequestError,
  InvalidResponseError,
  AuthenticationError,
  TemporarilyUnavailableError,
  type DeclineDetails,
  type DeclineReason,
  type SogenactifError,
  type SogenactifErrorDetails,
} from './error-classes';
import {
  ACQUIRER_APPROVED,
  AUTHENTICATED_HOLDER_CODES,
  CODE_CONVENTIONS,
  DUPLICATE_REFERENCE_CODE,
  FAILED_AUTHENTICATION_STATUSES,
  RESENDABLE_CODES,
  UNLISTED_CODE_OUTCOME,
  type FailedAuthenticationStatus,
} from './platform-rules';

export * from './error-classes';

/** Outcome of a code the generated tables do not classify: the Office responseCode conventions (platform-rules.ts). */
export function defaultOutcome(code: string): Outcome {
  return (Object.hasOwn(CODE_CONVENTIONS, code) ? CODE_CONVENTIONS[code] : undefined) ?? UNLISTED_CODE_OUTCOME;
}

const CLASSES = {
  declined: DeclinedError,
  invalid: InvalidRequestError,
  authentication: AuthenticationError,
  unavailable: TemporarilyUnavailableError,
} as const;

/** The error class for an outcome that is not success/pending (undefined when it is), with its message and details. */
export function errorForOutcome(
  outcome: Outcome,
  message: string,
  details: SogenactifErrorDetails,
): SogenactifError | undefined {
  if (outcome === 'success' || outcome === 'pending') return undefined;
  if (outcome === 'invalid' && details.code === DUPLICATE_REFERENCE_CODE && details.codeField === 'responseCode') {
    const hint =
      ' (the transactionReference was already used: call resolvePayment(transactionReference) before paying ' + 'anew)';
    return new DuplicateTransactionError(`${message}${hint}`, { ...details, fault: 'client' });
  }
  if (outcome === 'invalid') return new InvalidRequestError(message, { ...details, fault: 'client' });
  return new CLASSES[outcome](message, details);
}

/**
 * The one factory from a reply to an error: the typed error the response's code field calls for (message naming the
 * operation, the code and its meaning, the acquirer's answer, the field the gateway rejected), or undefined when the
 * reply is a success or pending. A reply without its code field is an InvalidResponseError.
 */
export function errorFromReply(
  operation: OperationDescriptor,
  name: string,
  response: Record<string, unknown>,
): SogenactifError | undefined {
  if (!operation.codeField) return undefined;
  const code = response[operation.codeField];
  if (typeof code !== 'string')
    return new InvalidResponseError(`${name}: the reply has no ${operation.codeField}`, { operation: name, response });
  const codeEnum = codeEnumOf(operation, operation.codeField);
  // A code such as "constructor" is in no table (rows are looked up in a Map).
  const entry = enumCode(codeEnum, code);
  let outcome = entry?.outcome ?? defaultOutcome(code);
  const acquirer = typeof response.acquirerResponseCode === 'string' ? response.acquirerResponseCode : undefined;
  // 34 means "fraud suspicion" as well as "seal error": an acquirer answer shows the request got through,
  // so it is a refusal, not a key problem.
  if (outcome === 'authentication' && acquirer !== undefined && acquirer !== ACQUIRER_APPROVED) outcome = 'declined';
  // Only the codes documented as "try again later" (90, 99) may be resent; any other code a table calls
  // unavailable (04 "unknown error" in older tables) is a refusal.
  if (outcome === 'unavailable' && !RESENDABLE_CODES.includes(code)) outcome = 'declined';
  if (outcome === 'success' || outcome === 'pending') return undefined;
  const meaning = entry?.meaning ?? 'code not in the documented list';
  const acquirerMeaning = acquirer
    ? enumCode(codeEnumOf(operation, 'acquirerResponseCode'), acquirer)?.meaning
    : undefined;
  const errorFieldName = typeof response.errorFieldName === 'string' ? response.errorFieldName : undefined;
  const message =
    `${name}: ${operation.codeField} ${code} (${meaning})` +
    (acquirer && acquirer !== ACQUIRER_APPROVED
      ? `, acquirerResponseCode ${acquirer}${acquirerMeaning ? ` (${acquirerMeaning})` : ''}`
      : '') +
    `${errorFieldName ? `, errorFieldName ${errorFieldName}` : ''}`;
  const details = {
    operation: name,
    codeField: operation.codeField,
    code,
    codeMeaning: meaning,
    ...(acquirer ? { acquirerResponseCode: acquirer } : {}),
    ...(acquirerMeaning ? { acquirerResponseMeaning: acquirerMeaning } : {}),
    ...(errorFieldName ? { errorFieldName } : {}),
    response,
  };
  if (outcome !== 'declined') return errorForOutcome(outcome, message, details);
  const authentication = authenticationOf(operation, response);
  if (!authentication.reason) return new DeclinedError(message, { ...details, ...authentication });
  const said = [
    authentication.holderAuthentStatus
      ? `holderAuthentStatus ${authentication.holderAuthentStatus}` +
        `${authentication.holderAuthentStatusMeaning ? ` (${authentication.holderAuthentStatusMeaning})` : ''}`
      : '',
    authentication.holderAuthentResponseCode
      ? `holderAuthentResponseCode ${authentication.holderAuthentResponseCode}` +
        `${authentication.holderAuthentResponseMeaning ? ` (${authentication.holderAuthentResponseMeaning})` : ''}`
      : '',
  ].filter(Boolean);
  return new AuthenticationFailedError(
    `${name}: 3-D Secure authentication failed: ${said.join(', ')}; ${operation.codeField} ${code} (${meaning})`,
    { ...details, ...authentication, reason: authentication.reason },
  );
}

/**
 * The cardholder authentication a reply reports: holderAuthentStatus and holderAuthentResponseCode with their
 * meanings, and `reason` when they say the authentication failed (a failed status, or a response code other than
 * 00 "authenticated" and 03 "proof of authentication available").
 */
function authenticationOf(
  operation: OperationDescriptor,
  response: Record<string, unknown>,
): Omit<DeclineDetails, keyof SogenactifErrorDetails> {
  const status = typeof response.holderAuthentStatus === 'string' ? response.holderAuthentStatus : undefined;
  const code = typeof response.holderAuthentResponseCode === 'string' ? response.holderAuthentResponseCode : undefined;
  if (status === undefined && code === undefined) return {};
  const statusMeaning = status ? enumCode(codeEnumOf(operation, 'holderAuthentStatus'), status)?.meaning : undefined;
  const codeMeaning = code ? enumCode(codeEnumOf(operation, 'holderAuthentResponseCode'), code)?.meaning : undefined;
  const failedStatus = (FAILED_AUTHENTICATION_STATUSES as readonly string[]).includes(status ?? '')
    ? (status as FailedAuthenticationStatus)
    : undefined;
  const failedCode = code !== undefined && !AUTHENTICATED_HOLDER_CODES.includes(code);
  const reason: DeclineReason | undefined = failedStatus ?? (failedCode ? '3D_FAILURE' : undefined);
  return {
    ...(status ? { holderAuthentStatus: status } : {}),
    ...(statusMeaning ? { holderAuthentStatusMeaning: statusMeaning } : {}),
    ...(code ? { holderAuthentResponseCode: code } : {}),
    ...(codeMeaning ? { holderAuthentResponseMeaning: codeMeaning } : {}),
    ...(reason ? { reason } : {}),
  };
}

const codeEnums = new WeakMap<OperationDescriptor, Map<string, EnumDescriptor | undefined>>();
/** The code list of a response field, by operation and field name, found once (a search of the struct's fields). */
function codeEnumOf(operation: OperationDescriptor, field: string): EnumDescriptor | undefined {
  let enums = codeEnums.get(operation);
  if (enums === undefined) codeEnums.set(operation, (enums = new Map()));
  const known = enums.get(field);
  if (known !== undefined || enums.has(field)) return known;
  const descriptor = operation.schema.structs[operation.response]?.fields.find((f) => f.name === field);
  const found =
    !descriptor || typeof descriptor.type !== 'object' || !('enum' in descriptor.type)
      ? undefined
      : operation.schema.enums[descriptor.type.enum];
  enums.set(field, found);
  return found;
}
