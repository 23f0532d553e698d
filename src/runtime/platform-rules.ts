// The Sogenactif platform's rules that decide an outcome, as data, each with its source: what the response codes
// mean (resend, duplicate, not found, unknown merchant, approval), reply field formats, echoed, bound and stamp
// fields, transaction statuses, confirmable writes and sensitive fields. A leaf: the modules that decide read it.
import type { OperationCategory, Outcome, Sensitivity } from './descriptor';

// Sources, as named below:
// - dictionary: wsdl/dictionary/common.json (valueLists, fields), the data dictionary overlay of the contract;
// - facts §n: ../shared/research/sips-office-facts.md, the research notes the dictionary was written from
//   (S2 is the Sips 2.0 data dictionary, S1 the 2015 Office JSON user guide);
// - wsdl/README.md "section": the contract's own notes on what the pages say and what is inferred.

/**
 * merchantId, the shop identifier: 15 digits in practice (S2 says ANS50; the Sogenactif page asks for "numéro à 15
 * chiffres"). Source: facts §6 (Card and customer data: merchantId).
 */
export const MERCHANT_ID_FORMAT = /^[0-9]{15}$/;

// ---- Operations ----

/**
 * An operation's kind by its name, for an operation no dictionary entry knows (a newer release), first match:
 * get*, search* and *Inquire read; the known cash-management names change an existing transaction; the known
 * payment names record a new transaction (or money movement); *Initialize starts a redirect flow. Any other is
 * UNLISTED_OPERATION_CATEGORY. The kind decides what may be resent. Source: wsdl/README.md "Data dictionary"
 * (`kind`: drives retry rules); facts §3 (the operations of each service).
 */
export const OPERATION_NAME_CATEGORIES: readonly { readonly name: RegExp; readonly category: OperationCategory }[] =
  Object.freeze([
    { name: /^(?:get|search)[A-Z]|Inquire$/, category: 'read' },
    { name: /^(?:validate|cancel|refund|acceptChallenge|refuseChallenge)$/, category: 'cash' },
    {
      name: new RegExp(
        '(?:Order|^creditHolder|^walletCreditHolder|^duplicate' +
          '|^paymentProviderFinalize|^walletIssuerWalletFinalize|^paymentDataProviderCheck)$',
      ),
      category: 'payment',
    },
    { name: /Initiali[sz]e$/, category: 'initialize' },
  ] as const);

/**
 * The kind of an operation whose name says nothing: a write, which the client never resends automatically. Source:
 * wsdl/README.md "Data dictionary".
 */
export const UNLISTED_OPERATION_CATEGORY: OperationCategory = 'write';

// ---- Response codes (responseCode, walletResponseCode, mandateResponseCode, ...) ----

/** The code of a request the gateway accepted. Source: dictionary responseCode 00; facts §5. */
export const SUCCESS_CODE = '00';

/** "Transaction pending": not decided yet, not an error. Source: dictionary responseCode 60; facts §5. */
export const PENDING_CODE = '60';

/**
 * The codes documented as "try again later": the gateway did nothing, so the same request may be sent again, a
 * payment included. No other code is ever resent. Source: dictionary responseCode 90 "Service temporarily
 * unavailable", 99 "Temporary problem at the Sogenactif Office Server level"; facts §5 (retry? yes).
 */
export const RESENDABLE_CODES: readonly string[] = Object.freeze(['90', '99']);

/**
 * responseCode 94: the transactionReference was already used (the same day). Source: dictionary responseCode 94;
 * facts §6 (transactionReference).
 */
export const DUPLICATE_REFERENCE_CODE = '94';

/**
 * 25: the transaction (wallet, mandate) is not known to the gateway. A lookup's 25 is "not found", never "refused".
 * Source: dictionary responseCode 25 "Transaction not found in the Sogenactif database"; facts §5.
 */
export const NOT_FOUND_CODE = '25';

/**
 * 03: the gateway does not know the merchant (contract or identifier). Such a reply may come unsigned: the gateway
 * has no key of that merchant to seal with (the toolkit's reading; no page says it). Source: dictionary
 * responseCode 03 "Invalid merchant contract"; facts §2 (response seal verification: S4 and S3 verify only a
 * non-empty seal).
 */
export const UNKNOWN_MERCHANT_CODE = '03';

/**
 * 34: the gateway could not verify the request's seal (also "fraud suspicion"). Source: dictionary responseCode 34;
 * facts §5.
 */
export const SEAL_ERROR_CODE = '34';

/**
 * The outcome of a code that the operation's generated code table does not classify: the Office responseCode
 * conventions shared by every code field. Source: facts §5 (responseCode and walletResponseCode tables);
 * dictionary responseCode outcomes.
 */
export const CODE_CONVENTIONS: Readonly<Record<string, Outcome>> = Object.freeze({
  '00': 'success',
  '60': 'pending',
  '12': 'invalid',
  '24': 'invalid',
  '25': 'invalid',
  '30': 'invalid',
  '40': 'invalid',
  '94': 'invalid',
  '03': 'authentication',
  '34': 'authentication',
  '90': 'unavailable',
  '99': 'unavailable',
});

/**
 * The outcome of a code in no table and no convention: a refusal. 04 "unknown error" is one (never resent).
 * Source: dictionary responseCode 04 (outcome declined); facts §5.
 */
export const UNLISTED_CODE_OUTCOME: Outcome = 'declined';

/**
 * acquirerResponseCode 00 "approved". Beside a 03/34, an acquirer's answer other than 00 shows the request reached
 * the acquirer: the 34 is its "fraud suspicion" refusal, not a key problem. Source: facts §5 (acquirerResponseCode
 * 00, 34 and 59 "fraud suspicion"; responseCode 34 "fraud suspicion / seal error").
 */
export const ACQUIRER_APPROVED = '00';

/**
 * acquirerResponseCode values that approve: 00, and 08 "approve after identification". A payment's responseCode 00
 * beside any other acquirer answer cannot come from the gateway. Source: facts §5 (acquirerResponseCode).
 */
export const APPROVING_ACQUIRER_CODES: readonly string[] = Object.freeze(['00', '08']);

// ---- Cardholder authentication (3-D Secure) ----

/**
 * holderAuthentStatus values saying the cardholder was not authenticated. Source: dictionary holderAuthentStatus
 * (3D_FAILURE, 3D_ERROR, 3D_ABORT); facts §5 (other code fields).
 */
export const FAILED_AUTHENTICATION_STATUSES = Object.freeze(['3D_FAILURE', '3D_ERROR', '3D_ABORT'] as const);
export type FailedAuthenticationStatus = (typeof FAILED_AUTHENTICATION_STATUSES)[number];

/**
 * holderAuthentResponseCode values that are not a failure: 00 "authenticated" and 03 "proof of authentication
 * available"; any other is a failed authentication. Source: wsdl/README.md "3-D Secure fields (issue 23)"
 * (the Sogenactif holderAuthentResponseCode page; wsdl/dictionary/checkout.json holds its table).
 */
export const AUTHENTICATED_HOLDER_CODES: readonly string[] = Object.freeze(['00', '03']);

// ---- Reply field formats ----

/**
 * A code of a two-character table (responseCode, acquirerResponseCode, ...). Source: facts §5; wsdl/README.md "Reply
 * field formats the runtime enforces".
 */
export const CODE_FORMAT = /^[0-9A-Z]{2}$/;

/**
 * Code fields whose table is not in the contract (AVS, CSC and recurring result codes, complementaryCode), by
 * name, and their format: 1 to 4 letters or digits. Source: wsdl/README.md "Reply field formats the runtime enforces".
 */
export const SHORT_CODE_FIELD = /(?:ResponseCode|ResultCode|^complementaryCode)$/;
export const SHORT_CODE_FORMAT = /^[0-9A-Za-z]{1,4}$/;

/**
 * An ISO 8601 date-time with an offset (its parts captured: year, month, day, hours, minutes, seconds, fraction,
 * offset), the format of every field named `*DateTime`. Source: facts §6 (Dates: "2014-01-10T17:13:30.743+01:00").
 */
export const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;
/** Fields holding a date-time, by name. Source: facts §6 (Dates). */
export const DATE_TIME_FIELD = /DateTime$/;

/**
 * Documented formats of fields whose contract type is a bare string, by field name, with what a reply value that
 * breaks one is said to be. Source: facts §6 (currencyCode N3; maskedPan "4977##########55"; paymentMeanBrand
 * values); wsdl/README.md "Reply field formats the runtime enforces".
 */
export const NAME_FORMATS: ReadonlyMap<string, { readonly format: RegExp; readonly problem: string }> = new Map([
  ['currencyCode', { format: /^\d{3}$/, problem: 'is not a 3-digit currency code' }],
  // Leading digits (or an IBAN's country and check digits), a masked run, the last digits: 4977##########55.
  [
    'maskedPan',
    {
      format: /^(?=.{8,34}$)[0-9A-Z]{1,10}[#*X]{2,}[0-9A-Z]{0,4}$/,
      problem: 'is not in the documented format of this field',
    },
  ],
  ['paymentMeanBrand', { format: /^[A-Z0-9_ ]{1,20}$/, problem: 'is not in the documented format of this field' }],
]);

/**
 * authorisationId, the acquirer's authorisation code: no page gives its format; card schemes carry it in ISO 8583
 * field 38 (6 letters or digits), up to 10 accepted for other acquirers (an inference). Source: wsdl/README.md
 * "Reply field formats the runtime enforces".
 */
export const AUTHORISATION_ID_FORMAT = /^[0-9A-Za-z]{6,10}$/;

/**
 * A reply's seal: a hex digest, 64 digits (HMAC-SHA-256, SHA-256) or 128 (HMAC-SHA-512). Source: facts §2 (Algorithms).
 */
export const SEAL_FORMAT = /^(?:[0-9a-fA-F]{64}|[0-9a-fA-F]{128})$/;

// ---- Fields a reply shares with its request ----

/**
 * Fields a reply repeats from its request: when both carry one, they must be equal. Source: facts §3 (each operation's
 * request and response lists).
 */
export const ECHOED_FIELDS = Object.freeze([
  'transactionReference',
  'amount',
  'currencyCode',
  'merchantId',
  'orderId',
  'merchantWalletId',
  'fromTransactionReference',
  'mandateId',
] as const);

/**
 * Identifiers a transaction's reply (payments, cash operations, lookups by reference) must repeat when the request
 * sent them and the reply declares them: ECHOED_FIELDS but orderId (the merchant's own label). Source: facts §3.
 */
export const BOUND_FIELDS = Object.freeze([
  'transactionReference',
  'merchantId',
  'amount',
  'currencyCode',
  'fromTransactionReference',
  'merchantWalletId',
  'mandateId',
] as const);

/**
 * The same for every other operation: the object the operation is about. Source: facts §3 (wallet and mandate replies).
 */
export const BOUND_ANYWHERE = Object.freeze(['transactionReference', 'merchantWalletId', 'mandateId'] as const);

/**
 * The date-time that stamps a processed exchange, by the field the reply declares (first found); a genuine gateway
 * never sends the same stamped reply twice. Source: facts §6 (Dates: transactionDateTime, operationDateTime,
 * wallet*DateTime).
 */
export const STAMP_FIELDS = Object.freeze([
  'transactionDateTime',
  'operationDateTime',
  'walletActionDateTime',
] as const);

// ---- Transaction statuses ----

/** What a transaction's status says about a payment looked up (PaymentResolution's outcome). */
export type ResolutionOutcome = 'approved' | 'refused' | 'pending' | 'unknown';

/**
 * Every documented transactionStatus value and what it means for the payment that was looked up. A status
 * outside this table, or none, is `unknown`: the client never guesses "approved". Source: facts §5 (Transaction
 * status, from S2's appendix "status", and S1's acceptChallenge example for VALIDATED); dictionary
 * transactionStatus. The field page transactionstatus.html is not in the stored pages (wsdl/README.md "What the
 * pages cannot tell"), so no newer value is assumed.
 */
export const TRANSACTION_STATUS_OUTCOMES: Readonly<
  Record<string, { readonly outcome: ResolutionOutcome; readonly reason: string }>
> = Object.freeze({
  CAPTURED: { outcome: 'approved', reason: 'authorised and sent to the bank for settlement' },
  TO_CAPTURE: { outcome: 'approved', reason: 'authorised, to be captured at the capture date' },
  TO_VALIDATE: {
    outcome: 'approved',
    reason: 'authorised, waiting for the merchant to validate it (captureMode VALIDATION)',
  },
  VALIDATED: { outcome: 'approved', reason: 'authorised and validated' },
  TO_CREDIT: { outcome: 'approved', reason: 'credit accepted, to be sent to the bank' },
  CREDITED: { outcome: 'approved', reason: 'credit sent to the bank' },
  REFUSED: { outcome: 'refused', reason: 'the authorisation was refused' },
  CANCELLED: { outcome: 'refused', reason: 'cancelled: no money will be taken' },
  EXPIRED: { outcome: 'refused', reason: 'the authorisation expired before capture: no money will be taken' },
  REFERRAL: {
    outcome: 'pending',
    reason: 'referred by the issuer: not authorised unless the merchant calls the issuer and forces it',
  },
  WAITING_AUTHOR: { outcome: 'pending', reason: 'waiting for the authorisation answer' },
  TO_AUTHORIZE: { outcome: 'pending', reason: 'waiting for an authorisation request' },
  TO_REPLAY: { outcome: 'pending', reason: 'the authorisation is to be replayed' },
  PENDING: { outcome: 'pending', reason: 'waiting for the result of an external process' },
  ENDED: {
    outcome: 'unknown',
    reason: 'ENDED says processing is over, not whether the payment was taken: check it in the back office',
  },
});

/** The table's entry for a status read from a reply (own entries only: never `constructor`), or undefined. */
export function transactionStatusRule(status: unknown): (typeof TRANSACTION_STATUS_OUTCOMES)[string] | undefined {
  return typeof status === 'string' && Object.prototype.hasOwnProperty.call(TRANSACTION_STATUS_OUTCOMES, status)
    ? TRANSACTION_STATUS_OUTCOMES[status]
    : undefined;
}

/**
 * What each confirmable write must leave behind in a getTransactionData lookup: the lastOperationName it records
 * and the outcome of the status. Source: facts §5 (lastOperationName values CANCEL, VALIDATE, CREDIT; the
 * dictionary does not say which one a challenge decision records: the status decides).
 */
export const CONFIRMABLE_WRITES: Readonly<
  Record<
    string,
    { readonly lastOperation?: string; readonly notLastOperation?: string; readonly outcome?: 'approved' | 'refused' }
  >
> = Object.freeze({
  'cashManagement.cancel': { lastOperation: 'CANCEL' },
  'cashManagement.validate': { lastOperation: 'VALIDATE', outcome: 'approved' },
  'cashManagement.refund': { lastOperation: 'CREDIT', outcome: 'approved' },
  'cashManagement.acceptChallenge': { notLastOperation: 'CANCEL', outcome: 'approved' },
  'cashManagement.refuseChallenge': { notLastOperation: 'VALIDATE', outcome: 'refused' },
});

// ---- Sensitive fields ----

/**
 * Field names treated as sensitive even where no descriptor says so (the dictionary marks cardNumber, cardCSCValue
 * and iban; the others are their names in other services and the toolkit's own secrets). Source: dictionary
 * fields' `sensitive`; facts §6 (Card and customer data).
 */
export const SENSITIVE_NAMES: ReadonlyMap<string, Sensitivity> = new Map<string, Sensitivity>([
  ['cardNumber', 'pan'],
  ['pan', 'pan'],
  ['cardCSCValue', 'csc'],
  ['cscValue', 'csc'],
  ['iban', 'iban'],
  ['customerAccount', 'iban'],
  ['accountNumber', 'iban'],
  ['bankAccount', 'iban'],
  ['secretKey', 'secret'],
  ['password', 'secret'],
]);

/**
 * Names of fields that may hold an account number whatever the dictionary says (masked when the value is IBAN-like).
 * Source: facts §6.
 */
export const ACCOUNT_FIELD_NAME = /iban|account|rib/i;
