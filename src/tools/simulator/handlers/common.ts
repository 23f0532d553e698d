// Helpers shared by the simulator's business handlers.
import {
  AcquirerResponseCode,
  ComplementaryCode,
  RESENDABLE_CODES,
  ResponseCode,
  type WireRecord,
  type WireValue,
} from 'sogenactif-office/internal';
import { cardBrand, cardOutcome, maskPan } from '../cards';
import {
  day,
  isoDateTime,
  key,
  nextSequence,
  type SimulatorState,
  type Transaction,
  type TransactionStatus,
} from '../state';

/** What a handler returns: the response fields, the code field included. The server seals them. */
export type Reply = Record<string, unknown>;
export type Handler = (request: WireRecord, merchantId: string) => Reply;

export const text = (value: WireValue | undefined): string | undefined =>
  typeof value === 'string' ? value : undefined;
export const int = (value: WireValue | undefined): number | undefined =>
  typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : undefined;

/** The transaction reference a request names (transactionReference, or the s10 pair turned into YYYYMMDD + id). */
export function referenceOf(request: WireRecord, state: SimulatorState): string | undefined {
  const reference = text(request.transactionReference);
  if (reference) return reference;
  const s10 = request.s10TransactionReference;
  if (s10 && typeof s10 === 'object' && !Array.isArray(s10)) {
    const id = text(s10.s10TransactionId);
    if (id) return `${text(s10.s10TransactionIdDate) ?? day(state.now())}${id}`;
  }
  return undefined;
}

export function findTransaction(
  state: SimulatorState,
  merchantId: string,
  request: WireRecord,
): Transaction | undefined {
  const reference = referenceOf(request, state);
  return reference ? state.transactions.get(key(merchantId, reference)) : undefined;
}

/** The transaction details a payment request carries over to the transaction it creates. */
type CarriedOver = Partial<
  Pick<
    Transaction,
    | 'paymentMeanBrand'
    | 'paymentMeanType'
    | 'maskedPan'
    | 'orderChannel'
    | 'customerId'
    | 'customerIpAddress'
    | 'orderId'
    | 'holderAuthentStatus'
    | 'fromTransactionReference'
    | 'mandateId'
    | 'walletType'
  >
>;

export interface PaymentInput extends CarriedOver {
  readonly amount: number;
  readonly currencyCode: string;
  readonly captureMode?: string;
  readonly captureDay?: number;
  readonly transactionReference?: string;
  readonly cardNumber?: string;
  readonly cardExpiryDate?: string;
  /** Outcome when there is no card to test (direct debit, credit transfer, external wallet). */
  readonly outcome?: {
    readonly responseCode: string;
    readonly acquirerResponseCode: string;
    readonly challenge?: boolean;
  };
  /** Initial status for credits (TO_CREDIT) instead of one derived from captureMode. */
  readonly creditStatus?: boolean;
  /** The legacy s10 pair the request named its transaction by: the reference is then YYYYMMDD + s10TransactionId. */
  readonly s10?: { readonly id: string; readonly date?: string };
}

/** The s10 pair of a request, when it names one. */
function s10Of(request: WireRecord): PaymentInput['s10'] {
  const pair = request.s10TransactionReference;
  if (!pair || typeof pair !== 'object' || Array.isArray(pair)) return undefined;
  const id = text(pair.s10TransactionId);
  const date = text(pair.s10TransactionIdDate);
  return id ? { id, ...(date ? { date } : {}) } : undefined;
}

export function paymentInput(request: WireRecord, overrides: Partial<PaymentInput> = {}): PaymentInput {
  const captureDay = int(request.captureDay);
  const pick = <K extends keyof PaymentInput>(k: K, v: PaymentInput[K] | undefined) =>
    v === undefined ? {} : { [k]: v };
  return {
    amount: int(request.amount) ?? 0,
    currencyCode: text(request.currencyCode) ?? '978',
    ...pick('captureMode', text(request.captureMode)),
    ...pick('captureDay', captureDay),
    ...pick('transactionReference', text(request.transactionReference)),
    ...pick('s10', s10Of(request)),
    ...pick('cardNumber', text(request.cardNumber)),
    ...pick('cardExpiryDate', text(request.cardExpiryDate)),
    ...pick('paymentMeanBrand', text(request.paymentMeanBrand)),
    ...pick('orderChannel', text(request.orderChannel)),
    ...pick('customerId', text(request.customerId)),
    ...pick('customerIpAddress', text(request.customerIpAddress)),
    ...pick('orderId', text(request.orderId)),
    ...overrides,
  };
}

export type PaymentResult = { readonly reply: Reply; readonly transaction?: Transaction };

/**
 * Authorises a payment and records it: 94 for a reused reference, the test card's outcome, the fraud
 * list, then a transaction whose status follows captureMode (VALIDATION: TO_VALIDATE; IMMEDIATE:
 * CAPTURED; AUTHOR_CAPTURE: TO_CAPTURE until the settlement batch of day + captureDay).
 */
export function authorise(state: SimulatorState, merchantId: string, input: PaymentInput): PaymentResult {
  const now = state.now();
  const sequence = nextSequence(state);
  // The platform names a transaction created with an s10 pair YYYYMMDD + s10TransactionId (its date by default).
  const s10 =
    input.transactionReference === undefined && input.s10
      ? { s10TransactionId: input.s10.id, s10TransactionIdDate: input.s10.date ?? day(now) }
      : undefined;
  const transactionReference =
    input.transactionReference ??
    (s10 ? `${s10.s10TransactionIdDate}${s10.s10TransactionId}` : `SIM${day(now)}${String(sequence).padStart(8, '0')}`);
  const id = key(merchantId, transactionReference);
  if (state.transactions.has(id)) return { reply: { responseCode: ResponseCode['94'], transactionReference } };
  const card = input.cardNumber;
  let outcome =
    input.outcome ??
    (card
      ? cardOutcome(card, input.cardExpiryDate, now)
      : { responseCode: ResponseCode['00'], acquirerResponseCode: AcquirerResponseCode['00'] });
  // A card on the merchant's black card list is refused (the element value may list several card numbers).
  const blocked =
    card !== undefined &&
    state.fraudList.some(
      (entry) =>
        entry.merchantId === merchantId &&
        entry.fraudListLevel === 'Black' &&
        entry.fraudListType === 'CardList' &&
        entry.fraudListElementValue.split(/[\s,;]+/).includes(card),
    );
  if (blocked && outcome.responseCode === ResponseCode['00'])
    outcome = { responseCode: ResponseCode['05'], acquirerResponseCode: AcquirerResponseCode['00'] };
  // 90 and 99 mean nothing was done: no transaction is recorded, so the same request may be resent.
  if (RESENDABLE_CODES.includes(outcome.responseCode))
    return { reply: { responseCode: outcome.responseCode, acquirerResponseCode: outcome.acquirerResponseCode } };
  const approved = outcome.responseCode === ResponseCode['00'];
  const captureMode = input.captureMode ?? 'AUTHOR_CAPTURE';
  const captureDay = input.captureDay ?? 0;
  let status: TransactionStatus;
  if (!approved) status = 'REFUSED';
  else if (input.creditStatus) status = 'TO_CREDIT';
  else if (outcome.challenge) status = 'PENDING';
  else if (captureMode === 'VALIDATION') status = 'TO_VALIDATE';
  else if (captureMode === 'IMMEDIATE') status = 'CAPTURED';
  else status = 'TO_CAPTURE';
  const captureDate = new Date(now.getTime() + captureDay * 86_400_000);
  const authorisationId = approved ? String(100000 + (sequence % 900000)) : undefined;
  const maskedPan = input.maskedPan ?? (card ? maskPan(card) : undefined);
  const transaction: Transaction = {
    merchantId,
    transactionReference,
    originAmount: input.amount,
    currencyCode: input.currencyCode,
    captureMode,
    captureDay,
    status,
    currentAmount: approved ? input.amount : 0,
    capturedAmount: status === 'CAPTURED' ? input.amount : 0,
    refundedAmount: 0,
    paymentMeanBrand: input.paymentMeanBrand ?? (card ? cardBrand(card) : 'CB'),
    paymentMeanType: input.paymentMeanType ?? 'CARD',
    ...(maskedPan ? { maskedPan } : {}),
    ...(card ? { cardNumber: card } : {}),
    ...(input.cardExpiryDate ? { panExpiryDate: input.cardExpiryDate } : {}),
    responseCode: outcome.responseCode,
    acquirerResponseCode: outcome.acquirerResponseCode,
    ...(authorisationId ? { authorisationId } : {}),
    transactionDateTime: isoDateTime(now),
    captureDate: day(captureDate),
    lastOperationName: input.creditStatus ? 'CREDIT_HOLDER' : 'AUTHOR',
    lastOperationDateTime: isoDateTime(now),
    ...(input.orderChannel ? { orderChannel: input.orderChannel } : {}),
    ...(input.customerId ? { customerId: input.customerId } : {}),
    ...(input.customerIpAddress ? { customerIpAddress: input.customerIpAddress } : {}),
    ...(input.orderId ? { orderId: input.orderId } : {}),
    ...(input.holderAuthentStatus ? { holderAuthentStatus: input.holderAuthentStatus } : {}),
    ...(input.fromTransactionReference ? { fromTransactionReference: input.fromTransactionReference } : {}),
    ...(input.mandateId ? { mandateId: input.mandateId } : {}),
    ...(input.walletType ? { walletType: input.walletType } : {}),
    scoreColor: outcome.challenge ? 'ORANGE' : 'GREEN',
  };
  state.transactions.set(id, transaction);
  return {
    transaction,
    reply: {
      responseCode: outcome.responseCode,
      acquirerResponseCode: outcome.acquirerResponseCode,
      transactionReference,
      ...(s10 ? { s10TransactionReference: s10 } : {}),
      transactionDateTime: transaction.transactionDateTime,
      ...(authorisationId ? { authorisationId } : {}),
      ...(maskedPan ? { maskedPan } : {}),
      ...(approved ? { captureDay, captureMode } : {}),
      paymentMeanBrand: transaction.paymentMeanBrand,
      scoreColor: transaction.scoreColor,
      complementaryCode: blocked ? ComplementaryCode['03'] : ComplementaryCode['00'],
      ...(input.holderAuthentStatus
        ? {
            holderAuthentStatus: input.holderAuthentStatus,
            guaranteeIndicator: input.holderAuthentStatus === '3D_SUCCESS' ? 'Y' : 'N',
          }
        : {}),
    },
  };
}
