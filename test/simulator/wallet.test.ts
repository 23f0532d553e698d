// The simulator's wallets, through the typed client: the seeded WALLET-0001 and walletOrder, and a wallet's life
// (addCard, read, update, delete, signOff) with its refusals (94, 01).
import { InvalidRequestError } from '../../src/runtime';
import { client, expectCoverage, EXPIRY, fails, freshCard, nextCount, ok, ref, startSimulatorSuite } from './given';

startSimulatorSuite();

describe('wallets', () => {
  test('WALLET-0001 holds one Visa card (paymentMeanId 1); walletOrder pays with it', async () => {
    const wallet = await ok('wallet.getWalletData', client.wallet.getWalletData({ merchantWalletId: 'WALLET-0001' }));
    expect(wallet.walletResponseCode).toBe('00');
    expect(wallet.walletPaymentMeanDataList?.find((m) => m.paymentMeanId === '1')).toMatchObject({
      paymentMeanBrand: 'VISA',
      maskedPan: '4200##########00',
    });
    const transactionReference = ref('WO');
    const payment = await ok(
      'checkout.walletOrder',
      client.checkout.walletOrder({
        amount: 2000,
        currencyCode: '978',
        orderChannel: 'INTERNET',
        merchantWalletId: 'WALLET-0001',
        paymentMeanId: '1',
        transactionReference,
      }),
    );
    expect(payment).toMatchObject({ responseCode: '00', transactionReference, maskedPan: '4200##########00' });
    expect(
      await ok('diagnostic.getTransactionData', client.diagnostic.getTransactionData({ transactionReference })),
    ).toMatchObject({ walletType: 'MERCHANT_WALLET', transactionStatus: 'TO_CAPTURE' });
    await fails(
      'checkout.walletOrder',
      client.checkout.walletOrder({
        amount: 2000,
        currencyCode: '978',
        orderChannel: 'INTERNET',
        merchantWalletId: 'WALLET-0001',
        paymentMeanId: '1',
        transactionReference,
      }),
      InvalidRequestError,
      { code: '94' },
    );
    await fails(
      'checkout.walletOrder',
      client.checkout.walletOrder({
        amount: 2000,
        currencyCode: '978',
        orderChannel: 'INTERNET',
        merchantWalletId: 'NO-SUCH-WALLET',
        paymentMeanId: '1',
        transactionReference: ref('WO'),
      }),
      InvalidRequestError,
      { code: '12', errorFieldName: 'merchantWalletId' },
    );
  });

  test(
    'a wallet life: addCard (creates it; 94 when the card is there), read, update, delete, signOff; 01 once ' + 'gone',
    async () => {
      const merchantWalletId = `W-${process.pid}-${nextCount()}`;
      const card = freshCard();
      const added = await ok(
        'wallet.addCard',
        client.wallet.addCard({
          merchantWalletId,
          cardNumber: card,
          cardExpiryDate: EXPIRY,
          paymentMeanAlias: 'work card',
        }),
      );
      expect(added).toMatchObject({
        walletResponseCode: '00',
        paymentMeanId: '1',
        maskedPan: `${card.slice(0, 4)}##########${card.slice(-2)}`,
      });
      await fails(
        'wallet.addCard',
        client.wallet.addCard({ merchantWalletId, cardNumber: card, cardExpiryDate: EXPIRY }),
        InvalidRequestError,
        { code: '94', codeField: 'walletResponseCode' },
      );
      const debit = await ok(
        'wallet.addDirectDebit',
        client.wallet.addDirectDebit({
          merchantWalletId,
          paymentMeanBrand: 'SEPA_DIRECT_DEBIT',
          mandateId: 'SDD-MANDATE-000001',
        }),
      );
      expect(debit).toMatchObject({ walletResponseCode: '00', paymentMeanId: '2' });
      await fails(
        'wallet.addDirectDebit',
        client.wallet.addDirectDebit({
          merchantWalletId,
          paymentMeanBrand: 'SEPA_DIRECT_DEBIT',
          mandateId: 'SDD-MANDATE-000001',
        }),
        InvalidRequestError,
        { code: '94' },
      );

      const data = await ok('wallet.getWalletData', client.wallet.getWalletData({ merchantWalletId }));
      expect(data.walletPaymentMeanDataList?.map((m) => m.paymentMeanId)).toEqual(['1', '2']);
      await expect(
        ok('wallet.getPaymentMeanData', client.wallet.getPaymentMeanData({ merchantWalletId, paymentMeanId: '1' })),
      ).resolves.toMatchObject({ walletPaymentMeanData: { paymentMeanAlias: 'work card', panExpiryDate: EXPIRY } });
      await ok(
        'wallet.updatePaymentMean',
        client.wallet.updatePaymentMean({ merchantWalletId, paymentMeanId: '1', paymentMeanAlias: 'home card' }),
      );
      await expect(
        ok('wallet.getPaymentMeanData', client.wallet.getPaymentMeanData({ merchantWalletId, paymentMeanId: '1' })),
      ).resolves.toMatchObject({ walletPaymentMeanData: { paymentMeanAlias: 'home card' } });

      // The new wallet's card pays and is credited.
      await expect(
        ok(
          'checkout.walletOrder',
          client.checkout.walletOrder({
            amount: 100,
            currencyCode: '978',
            orderChannel: 'INTERNET',
            merchantWalletId,
            paymentMeanId: '1',
            transactionReference: ref('WO'),
          }),
        ),
      ).resolves.toMatchObject({ responseCode: '00' });
      await expect(
        ok(
          'cashManagement.walletCreditHolder',
          client.cashManagement.walletCreditHolder({
            amount: 100,
            currencyCode: '978',
            orderChannel: 'INTERNET',
            merchantWalletId,
            paymentMeanId: '1',
            transactionReference: ref('WC'),
          }),
        ),
      ).resolves.toMatchObject({ responseCode: '00' });

      await ok('wallet.deletePaymentMean', client.wallet.deletePaymentMean({ merchantWalletId, paymentMeanId: '1' }));
      await fails(
        'wallet.getPaymentMeanData',
        client.wallet.getPaymentMeanData({ merchantWalletId, paymentMeanId: '1' }),
        InvalidRequestError,
        { code: '01', codeField: 'walletResponseCode' },
      );
      await fails(
        'wallet.deletePaymentMean',
        client.wallet.deletePaymentMean({ merchantWalletId, paymentMeanId: '1' }),
        InvalidRequestError,
        { code: '01' },
      );
      await fails(
        'wallet.updatePaymentMean',
        client.wallet.updatePaymentMean({ merchantWalletId, paymentMeanId: '1', paymentMeanAlias: 'x' }),
        InvalidRequestError,
        { code: '01' },
      );

      await ok('wallet.signOff', client.wallet.signOff({ merchantWalletId }));
      await fails('wallet.getWalletData', client.wallet.getWalletData({ merchantWalletId }), InvalidRequestError, {
        code: '01',
        codeField: 'walletResponseCode',
      });
      await fails('wallet.signOff', client.wallet.signOff({ merchantWalletId }), InvalidRequestError, { code: '01' });
    },
  );
});

expectCoverage('wallet');
