// The simulator's 3-D Secure, through the typed client: the ACS page where the buyer chooses the outcome, the full
// flow (enrollment, ACS, validation and order), sessions used once (24, 25), a foreign PaRes, walletCheckEnrollment.
import {
  AuthenticationFailedError,
  isAuthenticationFailedError,
  DeclinedError,
  InvalidRequestError,
  redirectionForm,
} from '../../src/runtime';
import { acs, type AcsOutcome } from '../../src/tools/simulator';
import {
  CARD_OK,
  client,
  expectCoverage,
  EXPIRY,
  fails,
  ok,
  order,
  ref,
  RETURN_URL,
  simulator,
  startSimulatorSuite,
  TERM_URL,
} from './given';

startSimulatorSuite();

describe('3-D Secure', () => {
  /**
   * cardCheckEnrollment -> redirectionForm -> the ACS page (acs.authenticate chooses) -> the PaRes/MD it posts back to
   * TermUrl.
   */
  async function authenticate(cardNumber: string, transactionReference = ref('3DS'), outcome?: AcsOutcome) {
    const enrollment = await ok(
      'checkout.cardCheckEnrollment',
      client.checkout.cardCheckEnrollment({
        amount: 4200,
        currencyCode: '978',
        orderChannel: 'INTERNET',
        cardNumber,
        cardExpiryDate: EXPIRY,
        transactionReference,
        merchantReturnUrl: RETURN_URL,
      }),
    );
    expect(enrollment).toMatchObject({ responseCode: '00', redirectionUrl: `${simulator.url}/simulator/acs` });
    expect(enrollment.paReqMessage).toBeTruthy();
    expect(() => redirectionForm(enrollment)).toThrow(/termUrl/);
    const form = redirectionForm(enrollment, { termUrl: TERM_URL });
    expect(form).toMatchObject({
      method: 'POST',
      action: `${simulator.url}/simulator/acs`,
      fields: { PaReq: enrollment.paReqMessage, TermUrl: TERM_URL, MD: enrollment.redirectionData },
    });
    const back = await acs.authenticate(form, outcome ? { outcome } : {});
    expect(back.action).toBe(TERM_URL);
    expect(back.fields.MD).toBe(enrollment.redirectionData);
    expect(back.redirectionData).toBe(enrollment.redirectionData);
    expect(back.paResMessage).toBe(back.fields.PaRes);
    return { enrollment, transactionReference, paRes: back.paResMessage, md: back.redirectionData };
  }

  test('the ACS page is a choice: default success, failure for 4000000000000002; unknown outcome: 400', async () => {
    const enrollment = await client.checkout.cardCheckEnrollment({
      amount: 4200,
      currencyCode: '978',
      orderChannel: 'INTERNET',
      cardNumber: CARD_OK,
      cardExpiryDate: EXPIRY,
      transactionReference: ref('3DS'),
    });
    const form = redirectionForm(enrollment, { termUrl: TERM_URL });
    const page = await fetch(form.action, { method: 'POST', body: new URLSearchParams(form.fields) });
    const html = await page.text();
    expect(html).not.toContain('<script');
    expect([...html.matchAll(/name="outcome" value="(\w+)"/g)].map((m) => m[1])).toEqual([
      'success',
      'failure',
      'attempted',
    ]);
    expect(html).toContain('4200##########00');
    expect(html).not.toContain(CARD_OK);
    expect((await acs.authenticate(form)).outcome).toBe('success');
    const bad = await fetch(form.action, {
      method: 'POST',
      body: new URLSearchParams({ MD: form.fields.MD!, TermUrl: TERM_URL, outcome: 'maybe' }),
    });
    expect(bad.status).toBe(400);
    await expect(acs.authenticate(form, { outcome: 'maybe' as never })).rejects.toThrow(
      /outcome must be one of success, failure, attempted/,
    );
    await expect(
      acs.authenticate({ action: form.action, fields: { ...form.fields, MD: 'no-such-session' } }),
    ).rejects.toThrow(/answered 404: Unknown or expired session/);
  });

  test(
    'the buyer chooses: failure is AuthenticationFailedError (3D_FAILURE, 01) with the typed reply; attempted ' +
      'is approved as 3D_ATTEMPT (03)',
    async () => {
      const failed = await authenticate(CARD_OK, ref('3DS'), 'failure');
      const error = await client.checkout
        .cardValidateAuthenticationAndOrder({
          messageVersion: failed.enrollment.messageVersion!,
          redirectionData: failed.md,
          paResMessage: failed.paRes,
        })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AuthenticationFailedError);
      expect(error).toBeInstanceOf(DeclinedError);
      if (!isAuthenticationFailedError(error, 'checkout.cardValidateAuthenticationAndOrder'))
        throw new Error('not an AuthenticationFailedError');
      expect({
        reason: error.reason,
        status: error.holderAuthentStatus,
        code: error.holderAuthentResponseCode,
        kind: error.kind,
      }).toEqual({ reason: '3D_FAILURE', status: '3D_FAILURE', code: '01', kind: 'declined' });
      expect(error.message).toMatch(
        new RegExp(
          String.raw`3-D Secure authentication failed: holderAuthentStatus 3D_FAILURE \(The cardholder failed to` +
            String.raw` authenticate\.\), holderAuthentResponseCode 01 \(Holder not authenticated\.\)`,
        ),
      );
      expect(error.response?.transactionReference).toBe(failed.transactionReference);
      expect(error.toJSON()).toMatchObject({
        name: 'AuthenticationFailedError',
        reason: '3D_FAILURE',
        holderAuthentResponseCode: '01',
      });
      const attempted = await authenticate(CARD_OK, ref('3DS'), 'attempted');
      const paid = await ok(
        'checkout.cardValidateAuthenticationAndOrder',
        client.checkout.cardValidateAuthenticationAndOrder({
          messageVersion: attempted.enrollment.messageVersion!,
          redirectionData: attempted.md,
          paResMessage: attempted.paRes,
        }),
      );
      expect(paid).toMatchObject({
        responseCode: '00',
        holderAuthentStatus: '3D_ATTEMPT',
        holderAuthentResponseCode: '03',
      });
    },
  );

  test('full flow: enrollment, ACS, cardValidateAuthenticationAndOrder; the payment is 3D_SUCCESS', async () => {
    const { enrollment, transactionReference, paRes, md } = await authenticate(CARD_OK);
    const response = await ok(
      'checkout.cardValidateAuthenticationAndOrder',
      client.checkout.cardValidateAuthenticationAndOrder({
        messageVersion: enrollment.messageVersion!,
        redirectionData: md,
        paResMessage: paRes,
      }),
    );
    expect(response).toMatchObject({
      responseCode: '00',
      holderAuthentStatus: '3D_SUCCESS',
      transactionReference,
      amount: 4200,
      currencyCode: '978',
      captureMode: 'AUTHOR_CAPTURE',
    });
    const data = await ok(
      'diagnostic.getTransactionData',
      client.diagnostic.getTransactionData({ transactionReference }),
    );
    expect(data).toMatchObject({
      transactionStatus: 'TO_CAPTURE',
      holderAuthentStatus: '3D_SUCCESS',
      originAmount: 4200,
    });
  });

  test('the session is used once: the same PaRes again gets 24; an unknown session gets 25', async () => {
    const { enrollment, paRes, md } = await authenticate(CARD_OK);
    const request = { messageVersion: enrollment.messageVersion!, redirectionData: md, paResMessage: paRes };
    await ok(
      'checkout.cardValidateAuthenticationAndOrder',
      client.checkout.cardValidateAuthenticationAndOrder(request),
    );
    await fails(
      'checkout.cardValidateAuthenticationAndOrder',
      client.checkout.cardValidateAuthenticationAndOrder(request),
      InvalidRequestError,
      { code: '24' },
    );
    await fails(
      'checkout.cardValidateAuthenticationAndOrder',
      client.checkout.cardValidateAuthenticationAndOrder({ ...request, redirectionData: 'unknown-session' }),
      InvalidRequestError,
      { code: '25' },
    );
  });

  test('4000000000000002: the ACS refuses the authentication (3D_FAILURE), no payment', async () => {
    const { enrollment, paRes, md } = await authenticate('4000000000000002');
    const error = await fails(
      'checkout.cardValidateAuthenticationAndOrder',
      client.checkout.cardValidateAuthenticationAndOrder({
        messageVersion: enrollment.messageVersion!,
        redirectionData: md,
        paResMessage: paRes,
      }),
      DeclinedError,
      { code: '05' },
    );
    expect(error.response).toMatchObject({ holderAuthentStatus: '3D_FAILURE' });
  });

  test('cardValidateAuthentication: 3D_SUCCESS for enrolled cards, 05, 3D_FAILURE for 4000000000000002', async () => {
    const good = await authenticate(CARD_OK);
    const response = await ok(
      'checkout.cardValidateAuthentication',
      client.checkout.cardValidateAuthentication({
        messageVersion: good.enrollment.messageVersion!,
        redirectionData: good.md,
        paResMessage: good.paRes,
      }),
    );
    expect(response).toMatchObject({ responseCode: '00', holderAuthentStatus: '3D_SUCCESS' });
    const bad = await authenticate('4000000000000002');
    const error = await fails(
      'checkout.cardValidateAuthentication',
      client.checkout.cardValidateAuthentication({
        messageVersion: bad.enrollment.messageVersion!,
        redirectionData: bad.md,
        paResMessage: bad.paRes,
      }),
      DeclinedError,
      { code: '05' },
    );
    expect(error.response).toMatchObject({ holderAuthentStatus: '3D_FAILURE' });
  });

  test('cardValidateAuthentication uses the session once too (24 the second time)', async () => {
    const { enrollment, paRes, md } = await authenticate(CARD_OK);
    const request = { messageVersion: enrollment.messageVersion!, redirectionData: md, paResMessage: paRes };
    await ok('checkout.cardValidateAuthentication', client.checkout.cardValidateAuthentication(request));
    await fails(
      'checkout.cardValidateAuthentication',
      client.checkout.cardValidateAuthentication(request),
      InvalidRequestError,
      { code: '24' },
    );
  });

  test('a PaRes not from the ACS fails the authentication (holderAuthentResponseCode 96, invalid PARes)', async () => {
    const { enrollment, md } = await authenticate(CARD_OK);
    const error = await fails(
      'checkout.cardValidateAuthenticationAndOrder',
      client.checkout.cardValidateAuthenticationAndOrder({
        messageVersion: enrollment.messageVersion!,
        redirectionData: md,
        paResMessage: 'forged',
      }),
      DeclinedError,
      { code: '05' },
    );
    expect(error.response).toMatchObject({ holderAuthentStatus: '3D_FAILURE', holderAuthentResponseCode: '96' });
  });

  test('cardCheckEnrollment with a transactionReference already used gets 94', async () => {
    const used = order(CARD_OK);
    await ok('checkout.cardOrder', client.checkout.cardOrder(used));
    await fails(
      'checkout.cardCheckEnrollment',
      client.checkout.cardCheckEnrollment({
        amount: 100,
        currencyCode: '978',
        orderChannel: 'INTERNET',
        cardNumber: CARD_OK,
        transactionReference: used.transactionReference!,
      }),
      InvalidRequestError,
      { code: '94' },
    );
  });

  test(
    'walletCheckEnrollment: the wallet card through the ACS, then the order; an unknown payment mean is refused ' +
      '(12)',
    async () => {
      const transactionReference = ref('W3DS');
      const enrollment = await ok(
        'checkout.walletCheckEnrollment',
        client.checkout.walletCheckEnrollment({
          amount: 700,
          currencyCode: '978',
          orderChannel: 'INTERNET',
          merchantWalletId: 'WALLET-0001',
          paymentMeanId: '1',
          transactionReference,
        }),
      );
      expect(enrollment).toMatchObject({ responseCode: '00', maskedPan: '4200##########00' });
      const form = redirectionForm(enrollment, { termUrl: TERM_URL });
      const back = await acs.authenticate(form, { outcome: 'success' });
      const response = await ok(
        'checkout.cardValidateAuthenticationAndOrder',
        client.checkout.cardValidateAuthenticationAndOrder({
          messageVersion: enrollment.messageVersion!,
          redirectionData: back.redirectionData,
          paResMessage: back.paResMessage,
        }),
      );
      expect(response).toMatchObject({
        responseCode: '00',
        transactionReference,
        amount: 700,
        holderAuthentStatus: '3D_SUCCESS',
      });
      await fails(
        'checkout.walletCheckEnrollment',
        client.checkout.walletCheckEnrollment({
          amount: 700,
          currencyCode: '978',
          orderChannel: 'INTERNET',
          merchantWalletId: 'WALLET-0001',
          paymentMeanId: '999',
          transactionReference: ref('W3DS'),
        }),
        InvalidRequestError,
        { code: '12', errorFieldName: 'paymentMeanId' },
      );
    },
  );
});

expectCoverage('three-d-secure');
