// checkout: card, wallet and direct-debit payments, 3-D Secure, external wallets, bank transfers.
import {
  AcquirerResponseCode,
  HolderAuthentResponseCodeValue,
  RedirectionStatusCodeValue,
  ResponseCode,
  type WireRecord,
} from 'sogenactif-office/internal';
import { maskPan, TEST_CARDS } from '../cards';
import { key, newId, type Session, type SimulatorState, type Transaction } from '../state';
import { authorise, int, paymentInput, referenceOf, text, type Handler, type Reply } from './common';

const IDEAL_BANKS = [
  { customerBankCode: 'ABNANL2A', customerBankName: 'ABN AMRO' },
  { customerBankCode: 'INGBNL2A', customerBankName: 'ING' },
  { customerBankCode: 'RABONL2U', customerBankName: 'Rabobank' },
];

/** Payment fields echoed by the finalisation replies. */
function transactionView(t: Transaction): Reply {
  return {
    amount: t.originAmount,
    currencyCode: t.currencyCode,
    captureDay: t.captureDay,
    captureMode: t.captureMode,
    customerId: t.customerId,
    customerIpAddress: t.customerIpAddress,
    merchantId: t.merchantId,
    orderChannel: t.orderChannel,
    orderId: t.orderId,
    paymentMeanBrand: t.paymentMeanBrand,
    transactionStatus: t.status,
  };
}

export function checkoutHandlers(state: SimulatorState): Record<string, Handler> {
  const openSession = (
    kind: Session['kind'],
    merchantId: string,
    request: WireRecord,
    path: string,
    extra: Partial<Session> = {},
  ): Reply => {
    const id = newId(24);
    const transactionReference = referenceOf(request, state) ?? `SIM${state.now().getTime()}${state.sequence++}`;
    if (kind !== 'mandate' && state.transactions.has(key(merchantId, transactionReference)))
      return { responseCode: ResponseCode['94'] };
    const returnUrl = text(request.merchantReturnUrl);
    state.sessions.set(id, {
      id,
      kind,
      merchantId,
      request,
      transactionReference,
      ...(returnUrl ? { returnUrl } : {}),
      ...extra,
    });
    return {
      responseCode: ResponseCode['00'],
      redirectionUrl: `${state.url}/simulator/${path}`,
      redirectionData: id,
      messageVersion: '0.1',
      transactionReference,
    };
  };

  /** The session a finalisation names, once: 25 when unknown, 24 when already used. */
  const takeSession = (merchantId: string, request: WireRecord, kinds: Session['kind'][]): Session | Reply => {
    const session = state.sessions.get(text(request.redirectionData) ?? '');
    if (!session || session.merchantId !== merchantId || !kinds.includes(session.kind))
      return { responseCode: ResponseCode['25'] };
    if (session.used) return { responseCode: ResponseCode['24'] };
    return session;
  };
  const isReply = (value: Session | Reply): value is Reply => !('kind' in value && 'id' in value);

  const walletCard = (merchantId: string, request: WireRecord) => {
    const wallet = state.wallets.get(key(merchantId, text(request.merchantWalletId) ?? ''));
    return wallet?.paymentMeans.find((m) => m.paymentMeanId === text(request.paymentMeanId) && m.cardNumber);
  };

  const checkEnrollment = (
    merchantId: string,
    request: WireRecord,
    cardNumber: string,
    cardExpiryDate: string | undefined,
  ): Reply => {
    const opened = openSession('threeDS', merchantId, request, 'acs', {});
    if (opened.responseCode !== ResponseCode['00']) return opened;
    const session = state.sessions.get(String(opened.redirectionData))!;
    state.sessions.set(session.id, {
      ...session,
      request: { ...request, cardNumber, ...(cardExpiryDate ? { cardExpiryDate } : {}) },
    });
    return {
      ...opened,
      paReqMessage: Buffer.from(JSON.stringify({ session: session.id, amount: text(request.amount) })).toString(
        'base64',
      ),
      redirectionStatusCode: RedirectionStatusCodeValue['00'],
      maskedPan: maskPan(cardNumber),
    };
  };

  /**
   * The PaRes the simulator's ACS page produced, `<Y|N|A>:<session>`, read as the gateway reports it:
   * holderAuthentStatus and holderAuthentResponseCode (the data dictionary's values: 00 authenticated, 01 not
   * authenticated, 03 proof of authentication attempt, 96 invalid PARes message). An attempt is accepted, as 3-D Secure
   * accepts an attempt proof.
   */
  const authentication = (session: Session, request: WireRecord): { ok: boolean; status: string; code: string } => {
    const pares = text(request.paResMessage) ?? '';
    if (pares === `Y:${session.id}`)
      return { ok: true, status: '3D_SUCCESS', code: HolderAuthentResponseCodeValue['00'] };
    if (pares === `A:${session.id}`)
      return { ok: true, status: '3D_ATTEMPT', code: HolderAuthentResponseCodeValue['03'] };
    if (pares === `N:${session.id}`)
      return { ok: false, status: '3D_FAILURE', code: HolderAuthentResponseCodeValue['01'] };
    return { ok: false, status: '3D_FAILURE', code: HolderAuthentResponseCodeValue['96'] };
  };

  const orderFromSession = (session: Session, merchantId: string, holderAuthentStatus?: string): Reply => {
    session.used = true;
    const request = session.request as WireRecord;
    const result = authorise(state, merchantId, {
      ...paymentInput(request, { transactionReference: session.transactionReference }),
      ...(holderAuthentStatus ? { holderAuthentStatus } : {}),
    });
    return result.transaction ? { ...result.reply, ...transactionView(result.transaction) } : result.reply;
  };

  return {
    'checkout.cardOrder': (request, merchantId) => {
      const token = text(request.paymentToken);
      const stored = token ? state.paymentTokens.get(token) : undefined;
      const tokenCard = stored?.merchantId === merchantId ? stored : undefined;
      if (token && !tokenCard) return { responseCode: ResponseCode['12'], errorFieldName: 'paymentToken' };
      return authorise(state, merchantId, paymentInput(request, tokenCard ? { cardNumber: tokenCard.cardNumber } : {}))
        .reply;
    },
    'checkout.walletOrder': (request, merchantId) => {
      const mean = walletCard(merchantId, request);
      if (!mean)
        return {
          responseCode: ResponseCode['12'],
          errorFieldName: state.wallets.has(key(merchantId, text(request.merchantWalletId) ?? ''))
            ? 'paymentMeanId'
            : 'merchantWalletId',
        };
      return authorise(
        state,
        merchantId,
        paymentInput(request, {
          cardNumber: mean.cardNumber!,
          ...(mean.panExpiryDate ? { cardExpiryDate: mean.panExpiryDate } : {}),
          walletType: 'MERCHANT_WALLET',
        }),
      ).reply;
    },
    'checkout.directDebitOrder': (request, merchantId) => {
      const brand = text(request.paymentMeanBrand) ?? '';
      const mandateId = text(request.mandateId);
      if (brand === 'SEPA_DIRECT_DEBIT') {
        const mandate = mandateId ? state.mandates.get(mandateId) : undefined;
        if (!mandateId) return { responseCode: ResponseCode['12'], errorFieldName: 'mandateId' };
        if (!mandate || mandate.merchantId !== merchantId)
          return { responseCode: ResponseCode['12'], errorFieldName: 'mandateId' };
        if (mandate.mandateStatus !== 'ACTIVE')
          return { responseCode: ResponseCode['05'], acquirerResponseCode: AcquirerResponseCode['05'] };
      }
      const result = authorise(
        state,
        merchantId,
        paymentInput(request, {
          paymentMeanBrand: brand,
          paymentMeanType: 'DIRECT_DEBIT',
          maskedPan: 'FR76##################89',
          ...(mandateId ? { mandateId } : {}),
        }),
      );
      return {
        ...result.reply,
        ...(mandateId ? { mandateId } : {}),
        creditorId: 'FR00ZZZ123456',
        transactionActors: text(request.transactionActors) ?? 'BTOC',
        valueDate: result.transaction?.captureDate,
      };
    },
    'checkout.cardCheckEnrollment': (request, merchantId) => {
      const cardNumber = text(request.cardNumber) ?? '';
      return checkEnrollment(merchantId, request, cardNumber, text(request.cardExpiryDate));
    },
    'checkout.walletCheckEnrollment': (request, merchantId) => {
      const mean = walletCard(merchantId, request);
      if (!mean) return { responseCode: ResponseCode['12'], errorFieldName: 'paymentMeanId' };
      return checkEnrollment(merchantId, request, mean.cardNumber!, mean.panExpiryDate);
    },
    'checkout.cardValidateAuthentication': (request, merchantId) => {
      const session = takeSession(merchantId, request, ['threeDS']);
      if (isReply(session)) return session;
      const { ok, status, code } = authentication(session, request);
      session.authenticated = ok;
      session.used = true;
      return {
        responseCode: ok ? ResponseCode['00'] : ResponseCode['05'],
        holderAuthentResponseCode: code,
        holderAuthentStatus: status,
        holderAuthentMethod: 'THREE_DS',
        holderAuthentProgram: '3DS_V2',
      };
    },
    'checkout.cardValidateAuthenticationAndOrder': (request, merchantId) => {
      const session = takeSession(merchantId, request, ['threeDS']);
      if (isReply(session)) return session;
      const { ok, status, code } = authentication(session, request);
      if (!ok) {
        session.used = true;
        return {
          responseCode: ResponseCode['05'],
          acquirerResponseCode: AcquirerResponseCode['00'],
          holderAuthentStatus: status,
          holderAuthentResponseCode: code,
          transactionReference: session.transactionReference,
        };
      }
      return { ...orderFromSession(session, merchantId, status), holderAuthentResponseCode: code };
    },
    'checkout.paymentProviderInitialize': (request, merchantId) =>
      openSession('provider', merchantId, request, 'provider'),
    'checkout.paymentProviderGetContext': (request, merchantId) => {
      const session = takeSession(merchantId, request, ['provider']);
      if (isReply(session)) return session;
      return {
        responseCode: ResponseCode['00'],
        customerContact: { email: 'buyer@example.com', firstname: 'Alex', lastname: 'Martin' },
        deliveryAddress: {
          city: 'Paris',
          country: 'FRA',
          street: 'Rue de Rivoli',
          streetNumber: '1',
          zipCode: '75001',
        },
      };
    },
    'checkout.paymentProviderFinalize': (request, merchantId) => {
      const session = takeSession(merchantId, request, ['provider']);
      if (isReply(session)) return session;
      return orderFromSession(session, merchantId);
    },
    'checkout.walletIssuerWalletInitialize': (request, merchantId) =>
      openSession('issuerWallet', merchantId, request, 'provider'),
    'checkout.walletIssuerWalletFinalize': (request, merchantId) => {
      const session = takeSession(merchantId, request, ['issuerWallet']);
      if (isReply(session)) return session;
      const reply = orderFromSession(session, merchantId);
      return {
        ...reply,
        merchantWalletId: text((session.request as WireRecord).merchantWalletId),
        walletType: 'ISSUER_WALLET',
      };
    },
    'checkout.creditTransferInquire': (request) => {
      if (text(request.paymentMeanBrand) !== 'IDEAL') return { responseCode: ResponseCode['40'] };
      return { responseCode: ResponseCode['00'], customerBankList: IDEAL_BANKS };
    },
    'checkout.creditTransferInitialize': (request, merchantId) => {
      if (!IDEAL_BANKS.some((b) => b.customerBankCode === text(request.customerBankCode)))
        return { responseCode: ResponseCode['12'], errorFieldName: 'customerBankCode' };
      return openSession('creditTransfer', merchantId, request, 'bank');
    },
    'checkout.creditTransferFinalizeAndOrder': (request, merchantId) => {
      const session = takeSession(merchantId, request, ['creditTransfer']);
      if (isReply(session)) return session;
      session.used = true;
      const origin = session.request as WireRecord;
      const result = authorise(state, merchantId, {
        ...paymentInput(origin, {
          transactionReference: session.transactionReference,
          captureMode: 'IMMEDIATE',
          paymentMeanType: 'CREDIT_TRANSFER',
          paymentMeanBrand: text(origin.paymentMeanBrand) ?? 'IDEAL',
        }),
      });
      return {
        ...result.reply,
        ...(result.transaction ? transactionView(result.transaction) : {}),
        customerBankCode: text(origin.customerBankCode),
        customerBankName: text(origin.customerBankName),
      };
    },
    'checkout.paymentDataProviderCheck': (request, merchantId) => {
      const provider = text(request.paymentMeanDataProvider);
      if (!provider) return { responseCode: ResponseCode['12'], errorFieldName: 'paymentMeanDataProvider' };
      const data = text(request.paymentData) ?? '';
      // The simulator reads the "OEM" payload as a test card number, or approves an opaque payload.
      const card = /^[0-9]{12,19}$/.test(data) ? data : undefined;
      if (!card && data.length < 8) return { responseCode: ResponseCode['12'], errorFieldName: 'paymentData' };
      // amount is not Required on the page: a real provider payload carries it. The simulator cannot
      // decrypt one, so it takes the request's amount, or the "amount" of a clear JSON (or Base64 JSON) payload.
      const amount = int(request.amount) ?? payloadAmount(data);
      if (amount === undefined) return { responseCode: ResponseCode['12'], errorFieldName: 'amount' };
      const wallet = { paymentMeanBrand: provider, walletType: provider };
      return authorise(
        state,
        merchantId,
        paymentInput(
          request,
          card
            ? { amount, cardNumber: card, ...wallet }
            : { amount, outcome: TEST_CARDS['4200000000000000']!, maskedPan: '4200##########00', ...wallet },
        ),
      ).reply;
    },
  };
}

/** The amount of a provider payload written as clear JSON or Base64 JSON ({"amount": 1500}), if any. */
export function payloadAmount(data: string): number | undefined {
  for (const candidate of [data, Buffer.from(data, 'base64').toString('utf8')]) {
    try {
      const parsed = JSON.parse(candidate) as unknown;
      const amount =
        typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>).amount : undefined;
      if (typeof amount === 'number' && Number.isInteger(amount) && amount >= 0) return amount;
      if (typeof amount === 'string' && /^[0-9]{1,12}$/.test(amount)) return Number(amount);
    } catch {
      // not JSON: try the next reading
    }
  }
  return undefined;
}
