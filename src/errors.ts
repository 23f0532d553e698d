// Typed errors, named for how the caller reacts. One factory maps a response's code field to a class
// using the code tables generated from the data dictionary. No error ever carries a secret or a full PAN.
import type { Outcome } from './descriptor';

export type ErrorFault = 'client' | 'server';

export interface FieldIssue {
  /** Dotted path of the field, e.g. `customerId` or `mandateList[0].iban`. */
  readonly field: string;
  readonly problem: string;
}

export interface SogenactifErrorDetails {
  readonly operation?: string;
  /** Name of the response field holding the code (responseCode, walletResponseCode, mandateResponseCode, ...). */
  readonly codeField?: string;
  readonly code?: string;
  readonly codeMeaning?: string;
  readonly acquirerResponseCode?: string;
  readonly acquirerResponseMeaning?: string;
  readonly errorFieldName?: string;
  /** The verified, typed response when the gateway answered (only masked card data is ever in it). */
  readonly response?: unknown;
  readonly cause?: unknown;
}

export class SogenactifError extends Error {
  override readonly name: string = 'SogenactifError';
  readonly fault: ErrorFault = 'server';
  readonly retryable: boolean = false;
  readonly operation?: string;
  readonly codeField?: string;
  readonly code?: string;
  readonly codeMeaning?: string;
  readonly acquirerResponseCode?: string;
  readonly acquirerResponseMeaning?: string;
  readonly errorFieldName?: string;
  readonly response?: unknown;

  constructor(message: string, details: SogenactifErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    const { cause: _cause, response, ...rest } = details;
    Object.assign(this, rest);
    // Not enumerable: keeps util.inspect and JSON output short; still readable as error.response.
    if (response !== undefined) Object.defineProperty(this, 'response', { value: response, enumerable: false });
  }

  /** Serialisable view: codes and meanings, never the request. */
  toJSON(): Record<string, unknown> {
    const out: Record<string, unknown> = { name: this.name, message: this.message, fault: this.fault, retryable: this.retryable };
    for (const key of ['operation', 'codeField', 'code', 'codeMeaning', 'acquirerResponseCode', 'acquirerResponseMeaning', 'errorFieldName'] as const) {
      if (this[key] !== undefined) out[key] = this[key];
    }
    return out;
  }
}

/** The payment or operation was refused (card declined, process refused, buyer cancelled, ...). */
export class DeclinedError extends SogenactifError {
  override readonly name = 'DeclinedError';
}

/** The request is wrong: fix it before sending again. `fields` lists every bad field found locally. */
export class InvalidRequestError extends SogenactifError {
  override readonly name: string = 'InvalidRequestError';
  override readonly fault: ErrorFault;
  readonly fields: readonly FieldIssue[];

  constructor(message: string, details: SogenactifErrorDetails & { readonly fields?: readonly FieldIssue[]; readonly fault?: ErrorFault } = {}) {
    const { fields, fault, ...rest } = details;
    super(message, rest);
    this.fields = fields ?? (details.errorFieldName ? [{ field: details.errorFieldName, problem: 'rejected by the gateway' }] : []);
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
}

/** Merchant contract, key or seal problem (codes 03 and 34, or a response seal that does not verify). */
export class AuthenticationError extends SogenactifError {
  override readonly name: string = 'AuthenticationError';
}

/** The response's seal is missing or wrong: nothing in it can be trusted. */
export class SealMismatchError extends AuthenticationError {
  override readonly name = 'SealMismatchError';
}

/** The gateway says nothing was done and asks to try later (90, 99): safe to retry. */
export class TemporarilyUnavailableError extends SogenactifError {
  override readonly name = 'TemporarilyUnavailableError';
  override readonly retryable = true;
}

/**
 * The exchange failed below the SOAP level (connection, timeout, HTTP status). When `outcomeUnknown`
 * is true the request may have reached the gateway: never resend a payment blindly, look it up.
 */
export class TransportError extends SogenactifError {
  override readonly name = 'TransportError';
  override readonly retryable: boolean;
  readonly outcomeUnknown: boolean;
  readonly status?: number;

  constructor(message: string, details: SogenactifErrorDetails & { readonly outcomeUnknown: boolean; readonly status?: number }) {
    const { outcomeUnknown, status, ...rest } = details;
    super(message, rest);
    this.outcomeUnknown = outcomeUnknown;
    this.retryable = !outcomeUnknown;
    if (status !== undefined) this.status = status;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), outcomeUnknown: this.outcomeUnknown, ...(this.status !== undefined ? { status: this.status } : {}) };
  }
}

/** The reply is not a usable SOAP response (HTML page, truncated XML, wrong element, bad value). */
export class InvalidResponseError extends SogenactifError {
  override readonly name = 'InvalidResponseError';
  readonly outcomeUnknown = true;
}

/** What getTransactionData says about a payment whose reply was lost. */
export interface PaymentResolution {
  /**
   * approved: the gateway holds it as authorised; refused: refused, cancelled or expired (no money taken);
   * pending: not decided yet (waiting for an authorisation, a referral); unknown: it could not be found out, or
   * the transaction found is not this payment. See TRANSACTION_STATUS_OUTCOMES for every status.
   */
  readonly outcome: 'approved' | 'refused' | 'pending' | 'unknown';
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
  override readonly name = 'OutcomeUnknownError';
  readonly resolution: PaymentResolution;

  constructor(message: string, details: SogenactifErrorDetails & { readonly resolution: PaymentResolution }) {
    const { resolution, ...rest } = details;
    super(message, rest);
    this.resolution = resolution;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), resolution: { outcome: this.resolution.outcome, transactionReference: this.resolution.transactionReference, ...(this.resolution.reason ? { reason: this.resolution.reason } : {}) } };
  }
}

/**
 * The server answered with a SOAP Fault. It does not say whether the request was carried out: for a payment the
 * client looks it up (OutcomeUnknownError); `outcomeUnknown` says so when it does not (resolveUnknownOutcomes false).
 */
export class SoapFaultError extends SogenactifError {
  override readonly name = 'SoapFaultError';
  readonly outcomeUnknown = true;
  readonly faultCode: string;
  readonly faultString: string;

  constructor(message: string, details: SogenactifErrorDetails & { readonly faultCode: string; readonly faultString: string }) {
    const { faultCode, faultString, ...rest } = details;
    super(message, rest);
    this.faultCode = faultCode;
    this.faultString = faultString;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), outcomeUnknown: true, faultCode: this.faultCode, faultString: this.faultString };
  }
}

/** Outcome of a code the generated tables do not classify: the Office responseCode conventions. */
export function defaultOutcome(code: string): Outcome {
  if (code === '00') return 'success';
  if (code === '60') return 'pending';
  if (['12', '30', '24', '25', '40', '94'].includes(code)) return 'invalid';
  if (code === '03' || code === '34') return 'authentication';
  if (code === '90' || code === '99') return 'unavailable';
  // 04 "unknown error" is not "nothing was done": it is a refusal, never resent.
  return 'declined';
}

const CLASSES = {
  declined: DeclinedError,
  invalid: InvalidRequestError,
  authentication: AuthenticationError,
  unavailable: TemporarilyUnavailableError,
} as const;

/** Builds the error for a response whose outcome is not success/pending, or undefined when it is. */
export function errorForOutcome(outcome: Outcome, message: string, details: SogenactifErrorDetails): SogenactifError | undefined {
  if (outcome === 'success' || outcome === 'pending') return undefined;
  if (outcome === 'invalid' && details.code === '94' && details.codeField === 'responseCode') {
    const hint = ' (the transactionReference was already used: call resolvePayment(transactionReference) before paying anew)';
    return new DuplicateTransactionError(`${message}${hint}`, { ...details, fault: 'client' });
  }
  if (outcome === 'invalid') return new InvalidRequestError(message, { ...details, fault: 'client' });
  return new CLASSES[outcome](message, details);
}
