// diagnostic: what the gateway knows about a transaction, and its fraud evaluation.
import { ComplementaryCode, FraudResponseCode, ResponseCode } from 'sogenactif-office/internal';
import { findTransaction, type Handler } from './common';
import type { SimulatorState } from '../state';

export function diagnosticHandlers(state: SimulatorState): Record<string, Handler> {
  return {
    'diagnostic.getTransactionData': (request, merchantId) => {
      const t = findTransaction(state, merchantId, request);
      if (!t) return { responseCode: ResponseCode['25'] };
      const remaining =
        t.status === 'CAPTURED' || t.status === 'CREDITED' ? t.capturedAmount - t.refundedAmount : t.currentAmount;
      return {
        responseCode: ResponseCode['00'],
        getTransDataResponseCode: ResponseCode['00'],
        acquirerResponseCode: t.acquirerResponseCode,
        authorisationId: t.authorisationId,
        captureLimitDate: t.captureDate,
        currencyCode: t.currencyCode,
        currentAmount: remaining,
        customerId: t.customerId,
        customerIpAddress: t.customerIpAddress,
        fromTransactionReference: t.fromTransactionReference,
        holderAuthentStatus: t.holderAuthentStatus,
        lastOperationDateTime: t.lastOperationDateTime,
        lastOperationName: t.lastOperationName,
        maskedPan: t.maskedPan,
        merchantId: t.merchantId,
        orderChannel: t.orderChannel,
        orderId: t.orderId,
        originAmount: t.originAmount,
        panExpiryDate: t.panExpiryDate,
        paymentMeanBrand: t.paymentMeanBrand,
        paymentMeanType: t.paymentMeanType,
        remainingAmount: remaining,
        scoreColor: t.scoreColor,
        transactionDateTime: t.transactionDateTime,
        transactionReference: t.transactionReference,
        transactionStatus: t.status,
        walletType: t.walletType,
      };
    },
    'diagnostic.getFraudData': (request, merchantId) => {
      const t = findTransaction(state, merchantId, request);
      if (!t) return { fraudResponseCode: FraudResponseCode['25'] };
      return {
        fraudResponseCode: FraudResponseCode['00'],
        complementaryCode: ComplementaryCode['00'],
        scoreColor: t.scoreColor,
        scoreProfile: 'DEFAULT',
        scoreThreshold: '50',
        scoreValue: t.scoreColor === 'ORANGE' ? '62' : '12',
        preAuthorisationRuleResultList: [
          {
            ruleCode: 'VELOCITY',
            ruleType: 'NG',
            ruleWeight: '1',
            ruleResultIndicator: t.scoreColor === 'ORANGE' ? 'F' : 'N',
          },
        ],
      };
    },
  };
}
