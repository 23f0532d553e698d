// fraud lists and velocity, card information, hosted fields and payment tokens.
import { PaymentMeanInfoResponseCode, ResponseCode, type WireRecord } from 'sogenactif-office/internal';
import { maskPan } from '../cards';
import { isoDateTime, key, newId, type FraudListEntry, type SimulatorState } from '../state';
import { int, text, type Handler } from './common';

/** BIN ranges the simulator knows (getCardData by card number or IIN). */
const BINS: readonly { readonly prefix: string; readonly data: Record<string, unknown> }[] = [
  {
    prefix: '42',
    data: {
      cardBrand: 'VISA',
      cardScheme: 'VISA',
      cardProductCode: 'F',
      cardProductName: 'VISA CLASSIC',
      issuerCode: '30003',
      issuerCountryCode: 'FRA',
      issuerName: 'SOCIETE GENERALE',
      panLengthMin: 16,
      panLengthMax: 16,
      panCheckAlgorithm: 'LUHN',
      virtualCardIndicator: 'N',
      cardCorporateIndicator: 'N',
    },
  },
  {
    prefix: '41',
    data: {
      cardBrand: 'VISA',
      cardScheme: 'VISA',
      cardProductCode: 'F',
      cardProductName: 'VISA CLASSIC',
      issuerCode: '30004',
      issuerCountryCode: 'FRA',
      issuerName: 'TEST BANK',
      panLengthMin: 16,
      panLengthMax: 16,
      panCheckAlgorithm: 'LUHN',
      virtualCardIndicator: 'N',
      cardCorporateIndicator: 'N',
    },
  },
  {
    prefix: '51',
    data: {
      cardBrand: 'MASTERCARD',
      cardScheme: 'MASTERCARD',
      cardProductCode: 'MCC',
      cardProductName: 'MASTERCARD CREDIT',
      issuerCode: '30003',
      issuerCountryCode: 'FRA',
      issuerName: 'SOCIETE GENERALE',
      panLengthMin: 16,
      panLengthMax: 16,
      panCheckAlgorithm: 'LUHN',
      virtualCardIndicator: 'N',
      cardCorporateIndicator: 'Y',
    },
  },
  {
    prefix: '37',
    data: {
      cardBrand: 'AMEX',
      cardScheme: 'AMEX',
      cardProductCode: 'AX',
      cardProductName: 'AMERICAN EXPRESS',
      issuerCode: '00000',
      issuerCountryCode: 'USA',
      issuerName: 'AMERICAN EXPRESS',
      panLengthMin: 15,
      panLengthMax: 15,
      panCheckAlgorithm: 'LUHN',
      virtualCardIndicator: 'N',
      cardCorporateIndicator: 'N',
    },
  },
];

/** A fraud-list entry is identified by its list (type and level) and its element value. */
function sameFraudListEntry(entry: FraudListEntry, merchantId: string, request: WireRecord): boolean {
  return (
    entry.merchantId === merchantId &&
    entry.fraudListType === text(request.fraudListType) &&
    entry.fraudListLevel === text(request.fraudListLevel) &&
    entry.fraudListElementValue === text(request.fraudListElementValue)
  );
}

export function otherHandlers(state: SimulatorState): Record<string, Handler> {
  return {
    'fraud.addToFraudList': (request, merchantId) => {
      const elementType = text(request.fraudListElementType);
      const reasonCode = text(request.fraudListReasonCode);
      const entry = {
        merchantId,
        fraudListType: text(request.fraudListType)!,
        fraudListLevel: text(request.fraudListLevel)!,
        ...(reasonCode ? { fraudListReasonCode: reasonCode } : {}),
        ...(elementType ? { fraudListElementType: elementType } : {}),
        fraudListElementValue: text(request.fraudListElementValue)!,
        addedAt: isoDateTime(state.now()),
      };
      const exists = state.fraudList.some((e) => sameFraudListEntry(e, merchantId, request));
      if (exists) return { responseCode: ResponseCode['94'] };
      state.fraudList.push(entry);
      return { responseCode: ResponseCode['00'] };
    },
    'fraud.removeFromFraudList': (request, merchantId) => {
      const before = state.fraudList.length;
      const kept = state.fraudList.filter((e) => !sameFraudListEntry(e, merchantId, request));
      if (kept.length === before) return { responseCode: ResponseCode['25'] };
      state.fraudList.splice(0, state.fraudList.length, ...kept);
      return { responseCode: ResponseCode['00'] };
    },
    'fraud.getVelocityData': (request, merchantId) => {
      const type = text(request.velocityElementType) ?? '';
      const value = text(request.velocityElementValue) ?? '';
      // The page's value list: IP (the Internet user IP address), card (the card number), customerId.
      const field = ({ IP: 'customerIpAddress', card: 'cardNumber', customerId: 'customerId' } as const)[type];
      if (!field) return { responseCode: ResponseCode['12'], errorFieldName: 'velocityElementType' };
      const period = text(request.velocityPeriod);
      if (period !== undefined && !/^[1-9][0-9]{0,3}$/.test(period))
        return { responseCode: ResponseCode['12'], errorFieldName: 'velocityPeriod' };
      const periodDays = int(request.velocityPeriod) ?? 1;
      const since = state.now().getTime() - periodDays * 86_400_000;
      const matching = [...state.transactions.values()].filter(
        (t) =>
          t.merchantId === merchantId &&
          t[field] === value &&
          Date.parse(t.transactionDateTime) >= since &&
          t.responseCode === ResponseCode['00'],
      );
      return {
        responseCode: ResponseCode['00'],
        currencyCode: '978',
        velocityNbTransaction: matching.length,
        velocityTotalAmount: matching.reduce((sum, t) => sum + t.originAmount, 0),
        velocityProfileName: 'DEFAULT',
        velocityProfilePeriod: String(periodDays),
        velocityProfilMaxNbTrans: 10,
        velocityProfilMaxTotalAmount: 500000,
        velocityProfilMaxTransAmount: 150000,
        velocityProfileDateTime: isoDateTime(state.now()),
      };
    },
    'paymentMeanInfo.getCardData': (request) => {
      const number = text(request.cardNumber) ?? text(request.cardIIN);
      if (!number)
        return { paymentMeanInfoResponseCode: PaymentMeanInfoResponseCode['12'], errorFieldName: 'cardNumber' };
      const bin = BINS.find((b) => number.startsWith(b.prefix));
      if (!bin) return { paymentMeanInfoResponseCode: PaymentMeanInfoResponseCode['05'] };
      return {
        paymentMeanInfoResponseCode: PaymentMeanInfoResponseCode['00'],
        cardDataList: [{ ...bin.data, cardSchemeCode: bin.data.cardScheme }],
      };
    },
    'authentication.hostedFieldsInitialize': (_request, merchantId) => {
      const claims = { sid: newId(), iat: Math.floor(state.now().getTime() / 1000) };
      const token = `eyJhbGciOiJub25lIn0.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.`;
      state.hostedSessions.add(key(merchantId, token));
      return {
        responseCode: ResponseCode['00'],
        merchantSessionToken: token,
        sdkUrl: `${state.url}/simulator/hosted-fields-sdk.js`,
      };
    },
    'token.paymentTokenGenerate': (request, merchantId) => {
      // The page's Required list is keyVersion and seal only; a Hosted Fields session is still needed to tie the card
      // to it.
      if (!state.hostedSessions.has(key(merchantId, text(request.merchantSessionToken) ?? '')))
        return { responseCode: ResponseCode['12'], errorFieldName: 'merchantSessionToken' };
      const cardNumber = text(request.cardNumber);
      if (!cardNumber) return { responseCode: ResponseCode['12'], errorFieldName: 'cardNumber' };
      const paymentToken = `PT-${newId(16)}`;
      state.paymentTokens.set(paymentToken, {
        merchantId,
        cardNumber,
        ...(text(request.cardExpiryDate) ? { cardExpiryDate: text(request.cardExpiryDate)! } : {}),
      });
      return {
        responseCode: ResponseCode['00'],
        paymentToken,
        maskedPan: maskPan(cardNumber),
        tokenExpiryDateTime: isoDateTime(new Date(state.now().getTime() + 15 * 60_000)),
      };
    },
  };
}
