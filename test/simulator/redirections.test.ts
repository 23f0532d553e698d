// The simulator's redirection flows, through the typed client and the buyer's form posts: external and issuer wallets,
// bank transfer, mandate signing, hosted fields, paymentDataProviderCheck, and unknown sessions at the pages.
import { DeclinedError, InvalidRequestError, redirectionForm } from '../../src/runtime';
import { DEFAULT_MERCHANT } from '../../src/tools/simulator/server';
import {
  browserPost,
  client,
  expectCoverage,
  EXPIRY,
  fails,
  freshCard,
  IBAN,
  nextCount,
  ok,
  order,
  ref,
  RETURN_URL,
  simulator,
  startSimulatorSuite,
} from './given';

startSimulatorSuite();

describe('redirection flows', () => {
  test(
    'external wallet: paymentProviderInitialize -> /simulator/provider -> paymentProviderGetContext -> ' +
      'paymentProviderFinalize',
    async () => {
      const transactionReference = ref('PP');
      const init = await ok(
        'checkout.paymentProviderInitialize',
        client.checkout.paymentProviderInitialize({
          amount: 2500,
          currencyCode: '978',
          orderChannel: 'INTERNET',
          paymentMeanBrand: 'PAYPAL',
          merchantReturnUrl: RETURN_URL,
          transactionReference,
          customerId: 'CUST-PP',
        }),
      );
      expect(init).toMatchObject({ responseCode: '00', redirectionUrl: `${simulator.url}/simulator/provider` });
      const form = redirectionForm(init);
      expect(form.fields).toMatchObject({ redirectionData: init.redirectionData });
      const back = await browserPost(form.action, form.fields);
      expect(back).toMatchObject({
        action: RETURN_URL,
        fields: {
          redirectionData: init.redirectionData,
          responseCode: '00',
          transactionReference,
          merchantId: DEFAULT_MERCHANT.merchantId,
        },
      });
      const request = { messageVersion: back.fields.messageVersion!, redirectionData: back.fields.redirectionData! };
      const context = await ok(
        'checkout.paymentProviderGetContext',
        client.checkout.paymentProviderGetContext(request),
      );
      expect(context.responseCode).toBe('00');
      expect(context.customerContact?.email).toMatch(/@/);
      const final = await ok('checkout.paymentProviderFinalize', client.checkout.paymentProviderFinalize(request));
      expect(final).toMatchObject({
        responseCode: '00',
        transactionReference,
        amount: 2500,
        transactionStatus: 'TO_CAPTURE',
        customerId: 'CUST-PP',
      });
      // Used once.
      await fails(
        'checkout.paymentProviderFinalize',
        client.checkout.paymentProviderFinalize(request),
        InvalidRequestError,
        { code: '24' },
      );
      await fails(
        'checkout.paymentProviderGetContext',
        client.checkout.paymentProviderGetContext({ ...request, redirectionData: 'unknown-session' }),
        InvalidRequestError,
        { code: '25' },
      );
      // A reference that now names a transaction cannot open another session.
      await fails(
        'checkout.paymentProviderInitialize',
        client.checkout.paymentProviderInitialize({
          amount: 1,
          currencyCode: '978',
          orderChannel: 'INTERNET',
          paymentMeanBrand: 'PAYPAL',
          merchantReturnUrl: RETURN_URL,
          transactionReference,
        }),
        InvalidRequestError,
        { code: '94' },
      );
    },
  );

  test('issuer wallet: walletIssuerWalletInitialize -> /simulator/provider -> walletIssuerWalletFinalize', async () => {
    const transactionReference = ref('IW');
    const init = await ok(
      'checkout.walletIssuerWalletInitialize',
      client.checkout.walletIssuerWalletInitialize({
        amount: 3100,
        currencyCode: '978',
        orderChannel: 'INTERNET',
        paymentMeanBrand: 'PAYLIB',
        merchantWalletId: 'IW-CUSTOMER',
        merchantReturnUrl: RETURN_URL,
        transactionReference,
      }),
    );
    expect(init).toMatchObject({ responseCode: '00' });
    expect(init.redirectionUrl).toMatch(/\/simulator\//);
    const back = await browserPost(redirectionForm(init).action, redirectionForm(init).fields);
    expect(back.action).toBe(RETURN_URL);
    const request = { messageVersion: back.fields.messageVersion!, redirectionData: back.fields.redirectionData! };
    const final = await ok('checkout.walletIssuerWalletFinalize', client.checkout.walletIssuerWalletFinalize(request));
    expect(final).toMatchObject({
      responseCode: '00',
      transactionReference,
      amount: 3100,
      merchantWalletId: 'IW-CUSTOMER',
      walletType: 'ISSUER_WALLET',
      transactionStatus: 'TO_CAPTURE',
    });
    await fails(
      'checkout.walletIssuerWalletFinalize',
      client.checkout.walletIssuerWalletFinalize(request),
      InvalidRequestError,
      { code: '24' },
    );
    await fails(
      'checkout.walletIssuerWalletInitialize',
      client.checkout.walletIssuerWalletInitialize({
        amount: 1,
        currencyCode: '978',
        orderChannel: 'INTERNET',
        paymentMeanBrand: 'PAYLIB',
        merchantWalletId: 'IW-CUSTOMER',
        merchantReturnUrl: RETURN_URL,
        transactionReference,
      }),
      InvalidRequestError,
      { code: '94' },
    );
  });

  test(
    'bank transfer: creditTransferInquire -> creditTransferInitialize -> /simulator/bank -> ' +
      'creditTransferFinalizeAndOrder',
    async () => {
      const banks = await ok(
        'checkout.creditTransferInquire',
        client.checkout.creditTransferInquire({ currencyCode: '978', paymentMeanBrand: 'IDEAL' }),
      );
      expect(banks.customerBankList?.length).toBeGreaterThan(0);
      const bank = banks.customerBankList![0]!;
      const transactionReference = ref('CT');
      const init = await ok(
        'checkout.creditTransferInitialize',
        client.checkout.creditTransferInitialize({
          amount: 5000,
          currencyCode: '978',
          orderChannel: 'INTERNET',
          paymentMeanBrand: 'IDEAL',
          customerBankCode: bank.customerBankCode!,
          customerBankName: bank.customerBankName!,
          merchantReturnUrl: RETURN_URL,
          transactionReference,
        }),
      );
      expect(init).toMatchObject({ responseCode: '00', redirectionUrl: `${simulator.url}/simulator/bank` });
      const back = await browserPost(redirectionForm(init).action, redirectionForm(init).fields);
      expect(back).toMatchObject({ action: RETURN_URL, fields: { transactionReference, responseCode: '00' } });
      const request = { messageVersion: back.fields.messageVersion!, redirectionData: back.fields.redirectionData! };
      const final = await ok(
        'checkout.creditTransferFinalizeAndOrder',
        client.checkout.creditTransferFinalizeAndOrder(request),
      );
      expect(final).toMatchObject({
        responseCode: '00',
        transactionReference,
        amount: 5000,
        customerBankCode: bank.customerBankCode,
      });
      const data = await ok(
        'diagnostic.getTransactionData',
        client.diagnostic.getTransactionData({ transactionReference }),
      );
      expect(data).toMatchObject({ transactionStatus: 'CAPTURED', paymentMeanBrand: 'IDEAL', originAmount: 5000 });
      await fails(
        'checkout.creditTransferFinalizeAndOrder',
        client.checkout.creditTransferFinalizeAndOrder(request),
        InvalidRequestError,
        { code: '24' },
      );
    },
  );

  test('bank transfer failures: inquiry for another brand (40), an unknown bank (12 customerBankCode)', async () => {
    await fails(
      'checkout.creditTransferInquire',
      client.checkout.creditTransferInquire({ currencyCode: '978', paymentMeanBrand: 'SOFORT' }),
      InvalidRequestError,
      { code: '40' },
    );
    await fails(
      'checkout.creditTransferInitialize',
      client.checkout.creditTransferInitialize({
        amount: 5000,
        currencyCode: '978',
        orderChannel: 'INTERNET',
        paymentMeanBrand: 'IDEAL',
        customerBankCode: 'NOBANK',
        customerBankName: 'No bank',
        merchantReturnUrl: RETURN_URL,
        transactionReference: ref('CT'),
      }),
      InvalidRequestError,
      { code: '12', errorFieldName: 'customerBankCode' },
    );
  });

  test('an unknown session at a simulator page is refused (404)', async () => {
    const response = await fetch(`${simulator.url}/simulator/provider`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'redirectionData=nope',
    });
    expect(response.status).toBe(404);
    await response.text();
  });

  test('mandate signing: initializeMandate -> /simulator/mandate -> finalizeMandate, then a direct debit', async () => {
    const customerId = `CUST-M${nextCount()}`;
    const init = await ok(
      'mandate.initializeMandate',
      client.mandate.initializeMandate({
        customerId,
        iban: IBAN,
        merchantReturnUrl: RETURN_URL,
        mandateUsage: 'RECURRENT',
      }),
    );
    expect(init).toMatchObject({ mandateResponseCode: '00', redirectionUrl: `${simulator.url}/simulator/mandate` });
    const pending = await ok('mandate.getMandateData', client.mandate.getMandateData({ mandateId: init.mandateId! }));
    expect(pending.mandateStatus).not.toBe('ACTIVE');
    const back = await browserPost(redirectionForm(init).action, redirectionForm(init).fields);
    expect(back).toMatchObject({
      action: RETURN_URL,
      fields: { mandateId: init.mandateId, redirectionData: init.redirectionData },
    });
    const request = { messageVersion: back.fields.messageVersion!, redirectionData: back.fields.redirectionData! };
    const final = await ok('mandate.finalizeMandate', client.mandate.finalizeMandate(request));
    expect(final).toMatchObject({
      mandateResponseCode: '00',
      mandateId: init.mandateId,
      mandateStatus: 'ACTIVE',
      iban: 'FR14#####################06',
    });
    const search = await ok('mandate.searchMandate', client.mandate.searchMandate({ customerId }));
    expect(search.mandateList?.map((m) => [m.mandateId, m.mandateStatus])).toEqual([[init.mandateId, 'ACTIVE']]);
    const transactionReference = ref('DD');
    const debit = await ok(
      'checkout.directDebitOrder',
      client.checkout.directDebitOrder({
        amount: 1990,
        currencyCode: '978',
        orderChannel: 'INTERNET',
        paymentMeanBrand: 'SEPA_DIRECT_DEBIT',
        mandateId: init.mandateId!,
        mandateAuthentMethod: 'ELECTRONIC',
        mandateUsage: 'RECURRENT',
        transactionReference,
      }),
    );
    expect(debit).toMatchObject({ responseCode: '00', mandateId: init.mandateId, transactionReference });
    const data = await ok('mandate.getMandateData', client.mandate.getMandateData({ mandateId: init.mandateId! }));
    expect(data.transactionList?.map((t) => [t.transactionReference, t.amount])).toEqual([
      [transactionReference, 1990],
    ]);
    const pdf = await ok('mandate.getPdfMandate', client.mandate.getPdfMandate({ mandateId: init.mandateId! }));
    const bytes = Buffer.from(pdf.mandatePdf!, 'base64');
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(bytes.toString('latin1')).toContain(init.mandateId!);
    // A session is used once: 24 after.
    await fails('mandate.finalizeMandate', client.mandate.finalizeMandate(request), InvalidRequestError, {
      code: '12',
      codeField: 'mandateResponseCode',
      errorFieldName: 'redirectionData',
    });
  });

  test('hosted fields: hostedFieldsInitialize -> paymentTokenGenerate -> cardOrder with the paymentToken', async () => {
    const session = await ok(
      'authentication.hostedFieldsInitialize',
      client.authentication.hostedFieldsInitialize({ customerIpAddress: '203.0.113.7' }),
    );
    expect(session).toMatchObject({ responseCode: '00', sdkUrl: `${simulator.url}/simulator/hosted-fields-sdk.js` });
    const card = freshCard();
    const token = await ok(
      'token.paymentTokenGenerate',
      client.token.paymentTokenGenerate({
        merchantSessionToken: session.merchantSessionToken!,
        cardNumber: card,
        cardExpiryDate: EXPIRY,
      }),
    );
    expect(token).toMatchObject({ responseCode: '00', maskedPan: `${card.slice(0, 4)}##########${card.slice(-2)}` });
    expect(token.paymentToken).toBeTruthy();
    // The types require cardNumber and cardExpiryDate on cardOrder, so they travel with the token.
    const request = order(card, { paymentToken: token.paymentToken! });
    const response = await ok('checkout.cardOrder', client.checkout.cardOrder(request));
    expect(response).toMatchObject({ responseCode: '00', maskedPan: token.maskedPan });
    await fails(
      'checkout.cardOrder',
      client.checkout.cardOrder(order(card, { paymentToken: 'PT-unknown' })),
      InvalidRequestError,
      { code: '12', errorFieldName: 'paymentToken' },
    );
    await fails(
      'token.paymentTokenGenerate',
      client.token.paymentTokenGenerate({
        merchantSessionToken: 'not-a-session',
        cardNumber: card,
        cardExpiryDate: EXPIRY,
      }),
      InvalidRequestError,
      { code: '12', errorFieldName: 'merchantSessionToken' },
    );
    // merchantSessionToken is optional in the contract (the page requires only keyVersion and seal): the client sends
    // the request without it and the simulator answers 12 naming the field, as no Hosted Fields session ties the card.
    await fails(
      'token.paymentTokenGenerate',
      client.token.paymentTokenGenerate({ cardNumber: card, cardExpiryDate: EXPIRY }),
      InvalidRequestError,
      { code: '12', errorFieldName: 'merchantSessionToken' },
    );
  });

  test('paymentDataProviderCheck: opaque wallet payload approved; one with a refused test card refused', async () => {
    const transactionReference = ref('GP');
    const response = await ok(
      'checkout.paymentDataProviderCheck',
      client.checkout.paymentDataProviderCheck({
        amount: 1500,
        currencyCode: '978',
        orderChannel: 'INTERNET',
        paymentMeanDataProvider: 'GOOGLEPAY',
        paymentData: 'eyJzaWduYXR1cmUiOiJNRVVDIn0=',
        transactionReference,
      }),
    );
    expect(response).toMatchObject({ responseCode: '00', transactionReference });
    await ok('diagnostic.getTransactionData', client.diagnostic.getTransactionData({ transactionReference }));
    await fails(
      'checkout.paymentDataProviderCheck',
      client.checkout.paymentDataProviderCheck({
        amount: 1500,
        currencyCode: '978',
        orderChannel: 'INTERNET',
        paymentMeanDataProvider: 'GOOGLEPAY',
        paymentData: '4100000000000514',
        transactionReference: ref('GP'),
      }),
      DeclinedError,
      { code: '05', acquirerResponseCode: '51' },
    );
  });

  test(
    'paymentDataProviderCheck: amount, currencyCode and orderChannel are not required; the amount may come from ' +
      'the payload',
    async () => {
      const transactionReference = ref('GP');
      const paymentData = Buffer.from(JSON.stringify({ amount: 2300, signature: 'MEUC' })).toString('base64');
      await ok(
        'checkout.paymentDataProviderCheck',
        client.checkout.paymentDataProviderCheck({
          paymentMeanDataProvider: 'GOOGLEPAY',
          paymentData,
          transactionReference,
        }),
      );
      const data = await ok(
        'diagnostic.getTransactionData',
        client.diagnostic.getTransactionData({ transactionReference }),
      );
      expect(data).toMatchObject({ currentAmount: 2300, currencyCode: '978', paymentMeanBrand: 'GOOGLEPAY' });
      await fails(
        'checkout.paymentDataProviderCheck',
        client.checkout.paymentDataProviderCheck({
          paymentMeanDataProvider: 'GOOGLEPAY',
          paymentData: 'eyJzaWduYXR1cmUiOiJNRVVDIn0=',
          transactionReference: ref('GP'),
        }),
        InvalidRequestError,
        { code: '12', errorFieldName: 'amount' },
      );
    },
  );

  test('hostedFieldsInitialize: customerIpAddress is optional', async () => {
    const session = await ok('authentication.hostedFieldsInitialize', client.authentication.hostedFieldsInitialize({}));
    expect(session.merchantSessionToken).toBeTruthy();
  });
});

expectCoverage('redirections');
