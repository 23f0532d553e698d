// wallet: payment means stored for a merchant's customer. The data-dictionary pages document 01 for an
// unknown wallet or payment mean and 94 for a card already in the wallet.
import { luhnValid, WalletResponseCode } from 'sogenactif-office/internal';
import { cardBrand, maskPan } from '../cards';
import { isoDateTime, key, type SimulatorState, type Wallet, type WalletPaymentMean } from '../state';
import { text, type Handler, type Reply } from './common';

function meanView(mean: WalletPaymentMean): Reply {
  return {
    maskedPan: mean.maskedPan,
    panExpiryDate: mean.panExpiryDate,
    paymentMeanAlias: mean.paymentMeanAlias,
    paymentMeanBrand: mean.paymentMeanBrand,
    paymentMeanId: mean.paymentMeanId,
    transactionActors: mean.transactionActors,
  };
}

export function walletHandlers(state: SimulatorState): Record<string, Handler> {
  const now = () => isoDateTime(state.now());
  const walletOf = (merchantId: string, request: Parameters<Handler>[0]): Wallet | undefined =>
    state.wallets.get(key(merchantId, text(request.merchantWalletId) ?? ''));
  const openWallet = (merchantId: string, merchantWalletId: string): Wallet => {
    const id = key(merchantId, merchantWalletId);
    let wallet = state.wallets.get(id);
    if (!wallet) {
      wallet = { merchantId, merchantWalletId, creationDateTime: now(), lastActionDateTime: now(), paymentMeans: [] };
      state.wallets.set(id, wallet);
    }
    return wallet;
  };
  const nextMeanId = (wallet: Wallet): string =>
    String(wallet.paymentMeans.reduce((max, m) => Math.max(max, Number(m.paymentMeanId)), 0) + 1);
  /** Stores a new payment mean in the wallet and answers with its id and masked number. */
  const added = (wallet: Wallet, mean: WalletPaymentMean): Reply => {
    wallet.paymentMeans.push(mean);
    wallet.lastActionDateTime = now();
    return {
      walletResponseCode: WalletResponseCode['00'],
      walletActionDateTime: wallet.lastActionDateTime,
      paymentMeanId: mean.paymentMeanId,
      maskedPan: mean.maskedPan,
    };
  };

  return {
    'wallet.addCard': (request, merchantId) => {
      const cardNumber = text(request.cardNumber) ?? '';
      if (!/^[0-9]{12,19}$/.test(cardNumber) || !luhnValid(cardNumber))
        return { walletResponseCode: WalletResponseCode['12'], errorFieldName: 'cardNumber' };
      const wallet = openWallet(merchantId, text(request.merchantWalletId)!);
      if (wallet.paymentMeans.some((m) => m.cardNumber === cardNumber))
        return { walletResponseCode: WalletResponseCode['94'] };
      const mean: WalletPaymentMean = {
        paymentMeanId: nextMeanId(wallet),
        paymentMeanBrand: text(request.paymentMeanBrand) ?? cardBrand(cardNumber),
        maskedPan: maskPan(cardNumber),
        cardNumber,
        ...(text(request.cardExpiryDate) ? { panExpiryDate: text(request.cardExpiryDate)! } : {}),
        ...(text(request.paymentMeanAlias) ? { paymentMeanAlias: text(request.paymentMeanAlias)! } : {}),
      };
      return added(wallet, mean);
    },
    'wallet.addDirectDebit': (request, merchantId) => {
      const account = text(request.customerAccount) ?? '';
      const mandateId = text(request.mandateId);
      if (!account && !mandateId)
        return { walletResponseCode: WalletResponseCode['12'], errorFieldName: 'customerAccount' };
      const wallet = openWallet(merchantId, text(request.merchantWalletId)!);
      const maskedIban = account ? maskPan(account.replace(/\s+/g, '')) : 'FR76##################89';
      if (
        wallet.paymentMeans.some(
          (m) => (mandateId && m.mandateId === mandateId) || (account && m.maskedPan === maskedIban && !m.cardNumber),
        )
      )
        return { walletResponseCode: WalletResponseCode['94'] };
      const mean: WalletPaymentMean = {
        paymentMeanId: nextMeanId(wallet),
        paymentMeanBrand: text(request.paymentMeanBrand) ?? 'SEPA_DIRECT_DEBIT',
        maskedPan: maskedIban,
        ...(mandateId ? { mandateId } : {}),
        ...(text(request.transactionActors) ? { transactionActors: text(request.transactionActors)! } : {}),
        ...(text(request.paymentMeanAlias) ? { paymentMeanAlias: text(request.paymentMeanAlias)! } : {}),
      };
      return { ...added(wallet, mean), transactionActors: mean.transactionActors };
    },
    'wallet.getWalletData': (request, merchantId) => {
      const wallet = walletOf(merchantId, request);
      if (!wallet) return { walletResponseCode: WalletResponseCode['01'] };
      return {
        walletResponseCode: WalletResponseCode['00'],
        walletCreationDateTime: wallet.creationDateTime,
        walletLastActionDateTime: wallet.lastActionDateTime,
        walletPaymentMeanDataList: wallet.paymentMeans.map(meanView),
      };
    },
    'wallet.getPaymentMeanData': (request, merchantId) => {
      const mean = walletOf(merchantId, request)?.paymentMeans.find(
        (m) => m.paymentMeanId === text(request.paymentMeanId),
      );
      if (!mean) return { walletResponseCode: WalletResponseCode['01'] };
      return { walletResponseCode: WalletResponseCode['00'], walletPaymentMeanData: meanView(mean) };
    },
    'wallet.updatePaymentMean': (request, merchantId) => {
      const wallet = walletOf(merchantId, request);
      const mean = wallet?.paymentMeans.find((m) => m.paymentMeanId === text(request.paymentMeanId));
      if (!wallet || !mean) return { walletResponseCode: WalletResponseCode['01'] };
      const alias = text(request.paymentMeanAlias);
      if (alias !== undefined) mean.paymentMeanAlias = alias;
      wallet.lastActionDateTime = now();
      return { walletResponseCode: WalletResponseCode['00'], walletActionDateTime: wallet.lastActionDateTime };
    },
    'wallet.deletePaymentMean': (request, merchantId) => {
      const wallet = walletOf(merchantId, request);
      const index = wallet?.paymentMeans.findIndex((m) => m.paymentMeanId === text(request.paymentMeanId)) ?? -1;
      if (!wallet || index < 0) return { walletResponseCode: WalletResponseCode['01'] };
      wallet.paymentMeans.splice(index, 1);
      wallet.lastActionDateTime = now();
      return { walletResponseCode: WalletResponseCode['00'], walletActionDateTime: wallet.lastActionDateTime };
    },
    'wallet.signOff': (request, merchantId) => {
      const id = key(merchantId, text(request.merchantWalletId) ?? '');
      if (!state.wallets.delete(id)) return { walletResponseCode: WalletResponseCode['01'] };
      return { walletResponseCode: WalletResponseCode['00'], walletActionDateTime: now() };
    },
  };
}
