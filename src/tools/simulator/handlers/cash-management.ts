// cashManagement: validate, cancel, refund, duplicate, credits and fraud challenges, with the amount
// and status rules the documentation states.
import { AcquirerResponseCode, ResponseCode } from 'sogenactif-office/internal';
import { authorise, findTransaction, int, paymentInput, text, type Handler, type Reply } from './common';
import { cardBrand, maskPan } from '../cards';
import { isoDateTime, key, type SimulatorState, type Transaction } from '../state';

export function cashManagementHandlers(state: SimulatorState): Record<string, Handler> {
  const operated = (t: Transaction, operation: string, reply: Reply = {}): Reply => {
    t.lastOperationName = operation;
    t.lastOperationDateTime = isoDateTime(state.now());
    return {
      responseCode: ResponseCode['00'],
      acquirerResponseCode: AcquirerResponseCode['00'],
      newAmount: amountLeft(t),
      newStatus: t.status,
      operationDateTime: t.lastOperationDateTime,
      ...reply,
    };
  };
  const amountLeft = (t: Transaction): number =>
    t.status === 'CAPTURED' || t.status === 'CREDITED' ? t.capturedAmount - t.refundedAmount : t.currentAmount;

  /** Common checks: the transaction exists (25), the currency matches (12), the amount is positive (12). */
  const target = (request: Parameters<Handler>[0], merchantId: string): Transaction | Reply => {
    const t = findTransaction(state, merchantId, request);
    if (!t) return { responseCode: ResponseCode['25'] };
    if (text(request.currencyCode) !== undefined && text(request.currencyCode) !== t.currencyCode)
      return { responseCode: ResponseCode['12'], errorFieldName: 'currencyCode' };
    return t;
  };
  const isReply = (value: Transaction | Reply): value is Reply =>
    !('transactionReference' in value && 'status' in value);

  return {
    'cashManagement.validate': (request, merchantId) => {
      const t = target(request, merchantId);
      if (isReply(t)) return t;
      const amount = int(request.operationAmount) ?? 0;
      if (t.status !== 'TO_VALIDATE')
        return { responseCode: ResponseCode['24'], newStatus: t.status, newAmount: amountLeft(t) };
      if (amount <= 0 || amount > t.currentAmount)
        return { responseCode: ResponseCode['24'], newStatus: t.status, newAmount: t.currentAmount };
      t.currentAmount = amount;
      t.status = 'TO_CAPTURE';
      return operated(t, 'VALIDATE', { authorisationId: t.authorisationId, captureLimitDate: t.captureDate });
    },
    'cashManagement.cancel': (request, merchantId) => {
      const t = target(request, merchantId);
      if (isReply(t)) return t;
      const amount = int(request.operationAmount) ?? 0;
      // Only what has not been sent to the bank can be cancelled, never more than what remains.
      if (!['TO_VALIDATE', 'TO_CAPTURE', 'PENDING'].includes(t.status))
        return { responseCode: ResponseCode['24'], newStatus: t.status, newAmount: amountLeft(t) };
      if (amount <= 0 || amount > t.currentAmount)
        return { responseCode: ResponseCode['24'], newStatus: t.status, newAmount: t.currentAmount };
      t.currentAmount -= amount;
      if (t.currentAmount === 0) t.status = 'CANCELLED';
      return operated(t, 'CANCEL');
    },
    'cashManagement.refund': (request, merchantId) => {
      const t = target(request, merchantId);
      if (isReply(t)) return t;
      const amount = int(request.operationAmount) ?? 0;
      // A refund needs a capture; a transaction still TO_CAPTURE is cancelled instead (24).
      if (t.status !== 'CAPTURED')
        return { responseCode: ResponseCode['24'], newStatus: t.status, newAmount: amountLeft(t) };
      const refundable = t.capturedAmount - t.refundedAmount;
      if (amount <= 0 || amount > refundable)
        return { responseCode: ResponseCode['24'], newStatus: t.status, newAmount: refundable };
      t.refundedAmount += amount;
      if (t.refundedAmount === t.capturedAmount) t.status = 'CREDITED';
      return operated(t, 'CREDIT', { authorisationId: t.authorisationId });
    },
    'cashManagement.duplicate': (request, merchantId) => {
      const from = text(request.fromTransactionReference);
      // Only the merchant's own transactions: another merchant's reference is unknown (25).
      const fromMerchantId = text(request.fromMerchantId) ?? merchantId;
      const source = from && fromMerchantId === merchantId ? state.transactions.get(key(merchantId, from)) : undefined;
      if (!source) return { responseCode: ResponseCode['25'] };
      if (!source.cardNumber) return { responseCode: ResponseCode['40'] };
      const result = authorise(state, merchantId, {
        ...paymentInput(request, {
          cardNumber: source.cardNumber,
          ...(source.panExpiryDate ? { cardExpiryDate: source.panExpiryDate } : {}),
          fromTransactionReference: source.transactionReference,
        }),
      });
      if (result.transaction) result.transaction.lastOperationName = 'DUPLICATE';
      return {
        ...result.reply,
        ...(result.transaction?.panExpiryDate ? { panExpiryDate: result.transaction.panExpiryDate } : {}),
      };
    },
    'cashManagement.creditHolder': (request, merchantId) => {
      const cardNumber = text(request.cardNumber) ?? '';
      const result = authorise(state, merchantId, { ...paymentInput(request), creditStatus: true });
      if (!result.transaction || result.reply.responseCode !== ResponseCode['00']) return result.reply;
      return {
        responseCode: ResponseCode['00'],
        acquirerResponseCode: AcquirerResponseCode['00'],
        authorisationId: result.transaction.authorisationId,
        maskedPan: maskPan(cardNumber),
        newStatus: 'TO_CREDIT',
        operationDateTime: result.transaction.transactionDateTime,
        transactionReference: result.transaction.transactionReference,
      };
    },
    'cashManagement.walletCreditHolder': (request, merchantId) => {
      const wallet = state.wallets.get(key(merchantId, text(request.merchantWalletId) ?? ''));
      const mean = wallet?.paymentMeans.find((m) => m.paymentMeanId === text(request.paymentMeanId) && m.cardNumber);
      if (!mean)
        return { responseCode: ResponseCode['12'], errorFieldName: wallet ? 'paymentMeanId' : 'merchantWalletId' };
      const result = authorise(state, merchantId, {
        ...paymentInput(request, {
          cardNumber: mean.cardNumber!,
          ...(mean.panExpiryDate ? { cardExpiryDate: mean.panExpiryDate } : {}),
        }),
        creditStatus: true,
      });
      if (!result.transaction || result.reply.responseCode !== ResponseCode['00']) return result.reply;
      return {
        responseCode: ResponseCode['00'],
        acquirerResponseCode: AcquirerResponseCode['00'],
        authorisationId: result.transaction.authorisationId,
        maskedPan: mean.maskedPan,
        newStatus: 'TO_CREDIT',
        operationDateTime: result.transaction.transactionDateTime,
        paymentMeanBrand: cardBrand(mean.cardNumber!),
        transactionReference: result.transaction.transactionReference,
      };
    },
    'cashManagement.acceptChallenge': (request, merchantId) => {
      const t = findTransaction(state, merchantId, request);
      if (!t) return { responseCode: ResponseCode['25'] };
      if (t.status !== 'PENDING') return { responseCode: ResponseCode['24'], newStatus: t.status };
      t.status =
        t.captureMode === 'VALIDATION' ? 'TO_VALIDATE' : t.captureMode === 'IMMEDIATE' ? 'CAPTURED' : 'TO_CAPTURE';
      if (t.status === 'CAPTURED') t.capturedAmount = t.currentAmount;
      const reply = operated(t, 'VALIDATE', { authorisationId: t.authorisationId, captureLimitDate: t.captureDate });
      delete reply.newAmount;
      return reply;
    },
    'cashManagement.refuseChallenge': (request, merchantId) => {
      const t = findTransaction(state, merchantId, request);
      if (!t) return { responseCode: ResponseCode['25'] };
      if (t.status !== 'PENDING') return { responseCode: ResponseCode['24'], newStatus: t.status };
      t.status = 'REFUSED';
      t.currentAmount = 0;
      const reply = operated(t, 'CANCEL');
      return {
        responseCode: reply.responseCode,
        newStatus: reply.newStatus,
        operationDateTime: reply.operationDateTime,
      };
    },
  };
}
