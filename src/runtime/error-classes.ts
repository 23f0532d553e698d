// The error classes, named for how the caller reacts, each with a literal `kind`, `retryable` and `fault`; their type
// guards (which work across copies of the package). No error ever carries a secret or a full PAN. Which class a
// reply's code calls for is errors.ts's factory (errorFromReply).
import type { ServiceClients } from '../../generated';
import type { FailedAuthenticationStatus, ResolutionOutcome } from './platform-rules';

export { FAILED_AUTHENTICATION_STATUSES, type FailedAuthenticationStatus } from './platform-rules';

export type ErrorFault = 'client' | 'server';

/** What kind of failure an error is, one per class: what the CLI's exit codes and the retry policy read. */
export type ErrorKind =
  | 'error'
  | 'declined'
  | 'invalid-request'
  | 'duplicate'
  | 'authentication'
  | 'seal'
  | 'unavailable'
  | 'transport'
  | 'invalid-response'
  | 'outcome-unknown'
  | 'fault'
  | 'journal';

export interface FieldIssue {
  /** Dotted path of the field, e.g. `customerId` or `mandateList[0].iban`. */
  readonly field: string;
  readonly problem: string;
  /**
   * On a request's issues (record/validate.ts): `required` when a mandatory field (or an xs:choice, or a required
   * list's items) is absent, `invalid` when a value is there but wrong (the simulator answers 12 and 30 for them).
   */
  readonly kind?: FieldIssueKind;
}

/** What kind of problem a request field has: absent though required, or present but not acceptable. */
export type FieldIssueKind = 'required' | 'invalid';

export interface SogenactifErrorDetails {
  readonly operation?: string;
  /** Name of the response field holding the code (responseCode, walletResponseCode, mandateResponseCode, ...). */
  readonly codeField?: string;
  readonly code?: string;
  readonly codeMeaning?: string;
  readonly acquirerResponseCode?: string;
  readonly acquirerResponseMeaning?: string;
  readonly errorFieldName?: string;
  /** Built from a reply whose seal was never verified (an unsigned 03): see SogenactifError.unverified. */
  readonly unverified?: boolean;
  /** The verified, typed response when the gateway answered (only masked card data is ever in it). */
  readonly response?: unknown;
  readonly cause?: unknown;
}

/**
 * Every operation's name as errors carry it: `service.operation` (e.g. `checkout.cardValidateAuthenticationAndOrder`).
 */
export type OperationKey = {
  [S in keyof ServiceClients]: `${S & string}.${keyof ServiceClients[S] & string}`;
}[keyof ServiceClients];

/** The typed reply of an operation named `service.operation`. */
export type ResponseOf<N extends OperationKey> = N extends `${infer S extends keyof ServiceClients}.${infer O}`
  ? O extends keyof ServiceClients[S]
    ? ServiceClients[S][O] extends (...args: never[]) => Promise<infer R>
      ? R
      : never
    : never
  : never;

/**
 * Base class. `R` is the type of `response`: `unknown` in general, the operation's typed reply once a guard named the
 * operation (`isDeclinedError(error, 'checkout.cardOrder')` gives `DeclinedError<CardOrderResponse>`).
 */
export class SogenactifError<R = unknown> extends Error {
  override readonly name: string = 'SogenactifError';
  /** The class's kind, stable across minification and realms (unlike `name` checks or instanceof). */
  readonly kind: ErrorKind = 'error';
  readonly fault: ErrorFault = 'server';
  /**
   * Safe to send again whatever the operation, a payment included: the gateway did nothing (90/99) or the request
   * never left. The retry policy (shouldRetry) resends exactly these, and besides them only a read whose outcome is
   * unknown (`outcomeUnknown`): a read changes nothing.
   */
  readonly retryable: boolean = false;
  readonly operation?: string;
  readonly codeField?: string;
  readonly code?: string;
  readonly codeMeaning?: string;
  readonly acquirerResponseCode?: string;
  readonly acquirerResponseMeaning?: string;
  readonly errorFieldName?: string;
  /**
   * True when the error was built from a reply whose seal was never verified (an unsigned 03, named for what it
   * says but not trusted as a code): after it a payment's outcome stays unknown and is looked up.
   */
  readonly unverified?: boolean;
  readonly response?: R;

  constructor(message: string, details: SogenactifErrorDetails = {}) {
    // A message may quote a reply (a fault string, errorFieldName, a page title): one line, controls escaped.
    super(oneLine(message), details.cause === undefined ? undefined : { cause: details.cause });
    const { cause: _cause, response, ...rest } = details;
    Object.assign(this, rest);
    // Not enumerable: keeps util.inspect and JSON output short; still readable as error.response.
    if (response !== undefined) Object.defineProperty(this, 'response', { value: response, enumerable: false });
  }

  /** Serialisable view: codes and meanings, never the request. */
  toJSON(): Record<string, unknown> {
    const out: Record<string, unknown> = {
      name: this.name,
      message: this.message,
      fault: this.fault,
      retryable: this.retryable,
    };
    for (const key of [
      'operation',
      'codeField',
      'code',
      'codeMeaning',
      'acquirerResponseCode',
      'acquirerResponseMeaning',
      'errorFieldName',
      'unverified',
    ] as const) {
      if (this[key] !== undefined) out[key] = this[key];
    }
    return out;
  }
}

/** Why a payment was refused, when the reply says more than its code: today, a failed 3-D Secure authentication. */
export type DeclineReason = FailedAuthenticationStatus;

export interface DeclineDetails extends SogenactifErrorDetails {
  readonly reason?: DeclineReason;
  readonly holderAuthentStatus?: string;
  readonly holderAuthentStatusMeaning?: string;
  readonly holderAuthentResponseCode?: string;
  readonly holderAuthentResponseMeaning?: string;
}

/** The payment or operation was refused (card declined, process refused, buyer cancelled, ...). */
export class DeclinedError<R = unknown> extends SogenactifError<R> {
  override readonly name: string = 'DeclinedError';
  override readonly kind = 'declined';
  /** Set when the refusal is a failed cardholder authentication: the holderAuthentStatus (`3D_FAILURE`, ...). */
  readonly reason?: DeclineReason;
  /**
   * The reply's holderAuthentStatus and holderAuthentResponseCode, with their dictionary meanings, when it has them.
   */
  readonly holderAuthentStatus?: string;
  readonly holderAuthentStatusMeaning?: string;
  readonly holderAuthentResponseCode?: string;
  readonly holderAuthentResponseMeaning?: string;

  constructor(message: string, details: DeclineDetails = {}) {
    const {
      reason,
      holderAuthentStatus,
      holderAuthentStatusMeaning,
      holderAuthentResponseCode,
      holderAuthentResponseMeaning,
      ...rest
    } = details;
    super(message, rest);
    // Assigned here: class fields declared without a value would be reset after super() under ES2022 semantics.
    const own = {
      reason,
      holderAuthentStatus,
      holderAuthentStatusMeaning,
      holderAuthentResponseCode,
      holderAuthentResponseMeaning,
    };
    for (const [key, value] of Object.entries(own))
      if (value !== undefined) Object.defineProperty(this, key, { value, enumerable: true });
  }

  override toJSON(): Record<string, unknown> {
    const out = super.toJSON();
    for (const key of [
      'reason',
      'holderAuthentStatus',
      'holderAuthentStatusMeaning',
      'holderAuthentResponseCode',
      'holderAuthentResponseMeaning',
    ] as const) {
      if (this[key] !== undefined) out[key] = this[key];
    }
    return out;
  }
}

/**
 * The cardholder failed the 3-D Secure authentication (holderAuthentStatus 3D_FAILURE, 3D_ERROR or 3D_ABORT, or a
 * holderAuthentResponseCode other than 00 and 03): nothing was authorised. A DeclinedError (same `kind`, same exit
 * code) whose `reason` is the holderAuthentStatus. Offer the buyer another card or another try; do not resend the
 * PaRes.
 */
export class AuthenticationFailedError<R = unknown> extends DeclinedError<R> {
  override readonly name = 'AuthenticationFailedError';
  declare readonly reason: DeclineReason;
}

/** The request is wrong: fix it before sending again. `fields` lists every bad field found locally. */
export class InvalidRequestError extends SogenactifError {
  override readonly name: string = 'InvalidRequestError';
  override readonly kind: ErrorKind = 'invalid-request';
  override readonly fault: ErrorFault;
  readonly fields: readonly FieldIssue[];

  constructor(
    message: string,
    details: SogenactifErrorDetails & { readonly fields?: readonly FieldIssue[]; readonly fault?: ErrorFault } = {},
  ) {
    const { fields, fault, ...rest } = details;
    super(message, rest);
    this.fields =
      fields ?? (details.errorFieldName ? [{ field: details.errorFieldName, problem: 'rejected by the gateway' }] : []);
    this.fault = fault ?? 'client';
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), fields: this.fields };
  }
}

/**
 * responseCode 94: the transactionReference was already used. Either the reference is reused by mistake, or an
 * earlier attempt of this very payment got through: call `client.resolvePayment(transactionReference)` before
 * paying anew. (After one of its own automatic retries the client does that lookup itself and throws
 * OutcomeUnknownError with the resolution instead.)
 */
export class DuplicateTransactionError extends InvalidRequestError {
  override readonly name: string = 'DuplicateTransactionError';
  override readonly kind: ErrorKind = 'duplicate';
}

/** Merchant contract, key or seal problem (codes 03 and 34, or a response seal that does not verify). */
export class AuthenticationError extends SogenactifError {
  override readonly name: string = 'AuthenticationError';
  override readonly kind: ErrorKind = 'authentication';
}

/** The response's seal is missing or wrong: nothing in it can be trusted. */
export class SealMismatchError extends AuthenticationError {
  override readonly name = 'SealMismatchError';
  override readonly kind = 'seal';
}

/** The gateway says nothing was done and asks to try later (90, 99): safe to retry. */
export class TemporarilyUnavailableError extends SogenactifError {
  override readonly name = 'TemporarilyUnavailableError';
  override readonly kind = 'unavailable';
  override readonly retryable = true;
}

/**
 * The exchange failed below the SOAP level (connection, timeout, HTTP status). When `outcomeUnknown`
 * is true the request may have reached the gateway: never resend a payment blindly, look it up.
 */
export class TransportError extends SogenactifError {
  override readonly name: string = 'TransportError';
  override readonly kind = 'transport';
  override readonly retryable: boolean;
  readonly outcomeUnknown: boolean;
  readonly status?: number;

  constructor(
    message: string,
    details: SogenactifErrorDetails & { readonly outcomeUnknown: boolean; readonly status?: number },
  ) {
    const { outcomeUnknown, status, ...rest } = details;
    super(message, rest);
    this.outcomeUnknown = outcomeUnknown;
    this.retryable = !outcomeUnknown;
    if (status !== undefined) this.status = status;
  }

  override toJSON(): Record<string, unknown> {
    return {
      ...super.toJSON(),
      outcomeUnknown: this.outcomeUnknown,
      ...(this.status !== undefined ? { status: this.status } : {}),
    };
  }
}

/** The reply is not a usable SOAP response (HTML page, truncated XML, wrong element, bad value). */
export class InvalidResponseError extends SogenactifError {
  override readonly name = 'InvalidResponseError';
  override readonly kind = 'invalid-response';
  readonly outcomeUnknown = true;
}

/** What getTransactionData says about a payment whose reply was lost. */
export interface PaymentResolution {
  /**
   * approved: the gateway holds it as authorised; refused: refused, cancelled or expired (no money taken);
   * pending: not decided yet (waiting for an authorisation, a referral); unknown: it could not be found out, or
   * the transaction found is not this payment. See TRANSACTION_STATUS_OUTCOMES for every status.
   */
  readonly outcome: ResolutionOutcome;
  readonly transactionReference: string;
  /** The transaction as getTransactionData reports it, when it was found. */
  readonly transaction?: Record<string, unknown>;
  /** Why: the status's meaning, or why the outcome stays unknown (lookup failed, another transaction). */
  readonly reason?: string;
}

/**
 * A payment was sent but its reply was lost or unusable. The client looked it up with getTransactionData
 * (never by resending it): `resolution.outcome` says whether it was approved, refused or is still unknown.
 */
export class OutcomeUnknownError extends SogenactifError {
  override readonly name: string = 'OutcomeUnknownError';
  override readonly kind = 'outcome-unknown';
  readonly resolution: PaymentResolution;

  constructor(message: string, details: SogenactifErrorDetails & { readonly resolution: PaymentResolution }) {
    const { resolution, ...rest } = details;
    super(message, rest);
    this.resolution = resolution;
  }

  override toJSON(): Record<string, unknown> {
    return {
      ...super.toJSON(),
      resolution: {
        outcome: this.resolution.outcome,
        transactionReference: this.resolution.transactionReference,
        ...(this.resolution.reason ? { reason: this.resolution.reason } : {}),
      },
    };
  }
}

/**
 * The server answered with a SOAP Fault. It does not say whether the request was carried out: for a payment the
 * client looks it up (OutcomeUnknownError); `outcomeUnknown` says so when it does not (resolveUnknownOutcomes false).
 */
export class SoapFaultError extends SogenactifError {
  override readonly name = 'SoapFaultError';
  override readonly kind = 'fault';
  readonly outcomeUnknown = true;
  readonly faultCode: string;
  readonly faultString: string;

  constructor(
    message: string,
    details: SogenactifErrorDetails & { readonly faultCode: string; readonly faultString: string },
  ) {
    const { faultCode, faultString, ...rest } = details;
    super(message, rest);
    this.faultCode = faultCode;
    this.faultString = faultString;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), outcomeUnknown: true, faultCode: this.faultCode, faultString: this.faultString };
  }
}

/** Why the payment journal failed (see src/runtime/journal/). */
export type JournalFailure = 'write-failed' | 'locked' | 'corrupt' | 'closed' | 'invalid';

/**
 * The payment journal could not do what was asked. Raised before sending when an intent could not be made durable
 * (`reason` 'write-failed'): nothing left the machine, the request may be sent again once the journal works.
 * 'locked': another live process holds the journal file; 'corrupt': a line other than the last is unreadable.
 */
export class JournalError extends SogenactifError {
  override readonly name = 'JournalError';
  override readonly kind = 'journal';
  override readonly fault: ErrorFault = 'client';
  readonly reason: JournalFailure;
  /** True when nothing was sent because of this error. */
  readonly nothingSent: boolean;

  constructor(
    message: string,
    details: SogenactifErrorDetails & { readonly reason: JournalFailure; readonly nothingSent?: boolean },
  ) {
    const { reason, nothingSent, ...rest } = details;
    super(message, rest);
    this.reason = reason;
    this.nothingSent = nothingSent ?? false;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), reason: this.reason, nothingSent: this.nothingSent };
  }
}

/** Joins field issues into one message part: `field problem; field problem`. */
export function describeIssues(issues: readonly FieldIssue[]): string {
  return issues.map((i) => `${i.field} ${i.problem}`).join('; ');
}

/** Text on one line: line terminators and other controls (from a reply quoted in a message) written as escapes. */
export function oneLine(text: string): string {
  const shown: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r' };
  return text.replace(
    /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029]/g,
    (c) => shown[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** The class of each kind, for the type guard. */
interface ErrorOfKind {
  error: SogenactifError;
  declined: DeclinedError;
  'invalid-request': InvalidRequestError;
  duplicate: DuplicateTransactionError;
  authentication: AuthenticationError;
  seal: SealMismatchError;
  unavailable: TemporarilyUnavailableError;
  transport: TransportError;
  'invalid-response': InvalidResponseError;
  'outcome-unknown': OutcomeUnknownError;
  fault: SoapFaultError;
  journal: JournalError;
}

/**
 * Type guard: whether `error` is one of ours, and with `kind`, of exactly that kind (e.g.
 * `isSogenactifError(e, 'declined')` narrows to DeclinedError). Works across copies of the package, unlike instanceof.
 */
export function isSogenactifError(error: unknown): error is SogenactifError;
export function isSogenactifError<K extends ErrorKind>(error: unknown, kind: K): error is ErrorOfKind[K];
export function isSogenactifError(error: unknown, kind?: ErrorKind): boolean {
  if (error instanceof SogenactifError) return kind === undefined || error.kind === kind;
  const candidate = error as { kind?: unknown; fault?: unknown } | null;
  return (
    error instanceof Error &&
    typeof candidate?.kind === 'string' &&
    (candidate.fault === 'client' || candidate.fault === 'server') &&
    (kind === undefined || candidate.kind === kind)
  );
}

/**
 * Type guard: the payment or operation was refused (DeclinedError). With an operation name, also that the error came
 * from that operation, and `error.response` is then its typed reply: `isDeclinedError(error,
 * 'checkout.cardValidateAuthenticationAndOrder')` gives `DeclinedError<CardValidateAuthenticationAndOrderResponse>`.
 */
export function isDeclinedError(error: unknown): error is DeclinedError;
export function isDeclinedError<N extends OperationKey>(
  error: unknown,
  operation: N,
): error is DeclinedError<ResponseOf<N>>;
export function isDeclinedError(error: unknown, operation?: string): boolean {
  return isSogenactifError(error, 'declined') && (operation === undefined || error.operation === operation);
}

/**
 * Type guard: the cardholder failed the 3-D Secure authentication (AuthenticationFailedError, by its `reason`, so it
 * works across copies of the package); with an operation name, as isDeclinedError, `response` is that operation's
 * reply.
 */
export function isAuthenticationFailedError(error: unknown): error is AuthenticationFailedError;
export function isAuthenticationFailedError<N extends OperationKey>(
  error: unknown,
  operation: N,
): error is AuthenticationFailedError<ResponseOf<N>>;
export function isAuthenticationFailedError(error: unknown, operation?: string): boolean {
  return (
    isSogenactifError(error, 'declined') &&
    typeof (error as DeclinedError).reason === 'string' &&
    (operation === undefined || error.operation === operation)
  );
}
/**
 * Whether `error` came from a reply nothing could be verified in (its `unverified` flag): see
 * SogenactifError.unverified.
 */
export function isUnverifiedReplyError(error: unknown): boolean {
  return isSogenactifError(error) && error.unverified === true;
}

/** Type guard: a payment's reply was lost; `resolution` says what the lookup found (OutcomeUnknownError). */
export const isOutcomeUnknownError = (error: unknown): error is OutcomeUnknownError =>
  isSogenactifError(error, 'outcome-unknown');
