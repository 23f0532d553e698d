// The simulator's cash-management book-keeping, through the typed client: validate, cancel, refund, the settlement
// batch (in-process and POST /simulator/batch), creditHolder, walletCreditHolder, duplicate, fraud challenges; the
// amounts and statuses after each step, and the refusals (24, 25, 12, 94).
import { DeclinedError, InvalidRequestError } from '../../src/runtime';
import { DEFAULT_MERCHANT } from '../../src/tools/simulator/server';
import {
  CARD_OK,
  client,
  expectCoverage,
  EXPIRY,
  fails,
  ok,
  order,
  ref,
  simulator,
  startSimulatorSuite,
} from './given';

startSimulatorSuite();

describe('cash management book-keeping', () => {
  const money = { currencyCode: '978' } as const;

  test('validate (partial, the rest released), settlement batch, partial refund; amounts and statuses', async () => {
    const transactionReference = ref('CM');
    await ok(
      'checkout.cardOrder',
      client.checkout.cardOrder(
        order(CARD_OK, { amount: 10000, captureMode: 'VALIDATION', captureDay: 0, transactionReference }),
      ),
    );
    const get = () =>
      ok('diagnostic.getTransactionData', client.diagnostic.getTransactionData({ transactionReference }));
    expect(await get()).toMatchObject({ transactionStatus: 'TO_VALIDATE', originAmount: 10000, currentAmount: 10000 });

    const validated = await ok(
      'cashManagement.validate',
      client.cashManagement.validate({ ...money, transactionReference, operationAmount: 6000 }),
    );
    expect(validated).toMatchObject({ responseCode: '00', newStatus: 'TO_CAPTURE', newAmount: 6000 });
    expect(await get()).toMatchObject({
      transactionStatus: 'TO_CAPTURE',
      originAmount: 10000,
      currentAmount: 6000,
      lastOperationName: 'VALIDATE',
    });

    // validate only on TO_VALIDATE; refund only after capture.
    await fails(
      'cashManagement.validate',
      client.cashManagement.validate({ ...money, transactionReference, operationAmount: 1000 }),
      InvalidRequestError,
      { code: '24' },
    );
    await fails(
      'cashManagement.refund',
      client.cashManagement.refund({ ...money, transactionReference, operationAmount: 1000 }),
      InvalidRequestError,
      { code: '24' },
    );

    expect(simulator.runSettlementBatch()).toBeGreaterThanOrEqual(1);
    expect(await get()).toMatchObject({
      transactionStatus: 'CAPTURED',
      currentAmount: 6000,
      lastOperationName: 'CAPTURE',
    });

    // cancel only before capture.
    await fails(
      'cashManagement.cancel',
      client.cashManagement.cancel({ ...money, transactionReference, operationAmount: 100, operationOrigin: 'BO' }),
      InvalidRequestError,
      { code: '24' },
    );

    const refunded = await ok(
      'cashManagement.refund',
      client.cashManagement.refund({ ...money, transactionReference, operationAmount: 2500 }),
    );
    expect(refunded).toMatchObject({ responseCode: '00', newAmount: 3500 });
    const after = await get();
    expect(after).toMatchObject({
      originAmount: 10000,
      currentAmount: 3500,
      remainingAmount: 3500,
      lastOperationName: 'CREDIT',
    });
    expect(after.transactionStatus).toBe('CAPTURED');

    // never more than captured minus refunded.
    await fails(
      'cashManagement.refund',
      client.cashManagement.refund({ ...money, transactionReference, operationAmount: 3501 }),
      InvalidRequestError,
      { code: '24' },
    );
    await expect(
      ok(
        'cashManagement.refund',
        client.cashManagement.refund({ ...money, transactionReference, operationAmount: 3500 }),
      ),
    ).resolves.toMatchObject({ newAmount: 0 });
    await fails(
      'cashManagement.refund',
      client.cashManagement.refund({ ...money, transactionReference, operationAmount: 1 }),
      InvalidRequestError,
      { code: '24' },
    );
  });

  test('validate: never more than authorised (24), another currency (12), unknown transaction (25)', async () => {
    const transactionReference = ref('CV');
    await ok(
      'checkout.cardOrder',
      client.checkout.cardOrder(
        order(CARD_OK, { amount: 5000, captureMode: 'VALIDATION', captureDay: 3, transactionReference }),
      ),
    );
    await fails(
      'cashManagement.validate',
      client.cashManagement.validate({ ...money, transactionReference, operationAmount: 5001 }),
      InvalidRequestError,
      { code: '24' },
    );
    await fails(
      'cashManagement.validate',
      client.cashManagement.validate({ currencyCode: '840', transactionReference, operationAmount: 5000 }),
      InvalidRequestError,
      { code: '12', errorFieldName: 'currencyCode' },
    );
    await fails(
      'cashManagement.validate',
      client.cashManagement.validate({ ...money, transactionReference: ref('NOPE'), operationAmount: 1 }),
      InvalidRequestError,
      { code: '25' },
    );
    await expect(
      ok(
        'cashManagement.validate',
        client.cashManagement.validate({ ...money, transactionReference, operationAmount: 5000 }),
      ),
    ).resolves.toMatchObject({ newStatus: 'TO_CAPTURE', newAmount: 5000 });
  });

  test('cancel: partial, more than remains (24), to zero (CANCELLED), then a cancelled transaction (24)', async () => {
    const transactionReference = ref('CC');
    await ok(
      'checkout.cardOrder',
      client.checkout.cardOrder(order(CARD_OK, { amount: 5000, captureDay: 3, transactionReference })),
    );
    const cancel = (operationAmount: number) =>
      client.cashManagement.cancel({ ...money, transactionReference, operationAmount, operationOrigin: 'BO' });
    await expect(ok('cashManagement.cancel', cancel(2000))).resolves.toMatchObject({
      responseCode: '00',
      newAmount: 3000,
      newStatus: 'TO_CAPTURE',
    });
    await fails('cashManagement.cancel', cancel(3001), InvalidRequestError, { code: '24' });
    await expect(ok('cashManagement.cancel', cancel(3000))).resolves.toMatchObject({
      newAmount: 0,
      newStatus: 'CANCELLED',
    });
    await fails('cashManagement.cancel', cancel(1), InvalidRequestError, { code: '24' });
    expect(
      await ok('diagnostic.getTransactionData', client.diagnostic.getTransactionData({ transactionReference })),
    ).toMatchObject({ transactionStatus: 'CANCELLED', originAmount: 5000, currentAmount: 0 });
    // The batch leaves a cancelled transaction alone.
    simulator.runSettlementBatch();
    expect(
      await ok('diagnostic.getTransactionData', client.diagnostic.getTransactionData({ transactionReference })),
    ).toMatchObject({ transactionStatus: 'CANCELLED' });
  });

  test('cancel: unknown transaction (25), another currency (12); refund before capture (24)', async () => {
    await fails(
      'cashManagement.cancel',
      client.cashManagement.cancel({
        ...money,
        transactionReference: ref('NOPE'),
        operationAmount: 1,
        operationOrigin: 'BO',
      }),
      InvalidRequestError,
      { code: '25' },
    );
    const transactionReference = ref('CR');
    await ok(
      'checkout.cardOrder',
      client.checkout.cardOrder(order(CARD_OK, { amount: 800, captureDay: 3, transactionReference })),
    );
    await fails(
      'cashManagement.cancel',
      client.cashManagement.cancel({
        currencyCode: '826',
        transactionReference,
        operationAmount: 100,
        operationOrigin: 'BO',
      }),
      InvalidRequestError,
      { code: '12', errorFieldName: 'currencyCode' },
    );
    await fails(
      'cashManagement.refund',
      client.cashManagement.refund({ ...money, transactionReference, operationAmount: 100 }),
      InvalidRequestError,
      { code: '24' },
    );
    await fails(
      'cashManagement.refund',
      client.cashManagement.refund({ ...money, transactionReference: ref('NOPE'), operationAmount: 100 }),
      InvalidRequestError,
      { code: '25' },
    );
  });

  test('settlement: the batch captures only once the capture day has come; IMMEDIATE refundable at once', async () => {
    const later = ref('SL');
    await ok(
      'checkout.cardOrder',
      client.checkout.cardOrder(order(CARD_OK, { amount: 900, captureDay: 3, transactionReference: later })),
    );
    simulator.runSettlementBatch();
    expect(
      await ok('diagnostic.getTransactionData', client.diagnostic.getTransactionData({ transactionReference: later })),
    ).toMatchObject({ transactionStatus: 'TO_CAPTURE' });
    const now = ref('SI');
    await ok(
      'checkout.cardOrder',
      client.checkout.cardOrder(order(CARD_OK, { amount: 900, captureMode: 'IMMEDIATE', transactionReference: now })),
    );
    await expect(
      ok(
        'cashManagement.refund',
        client.cashManagement.refund({ ...money, transactionReference: now, operationAmount: 900 }),
      ),
    ).resolves.toMatchObject({ responseCode: '00', newAmount: 0 });
  });

  test('POST /simulator/batch runs the settlement batch for the merchant whose credentials it carries', async () => {
    const transactionReference = ref('PB');
    await ok('checkout.cardOrder', client.checkout.cardOrder(order(CARD_OK, { amount: 321, transactionReference })));
    expect((await fetch(`${simulator.url}/simulator/batch`, { method: 'POST' })).status).toBe(401);
    const wrong = `Basic ${Buffer.from(`${DEFAULT_MERCHANT.merchantId}:not-the-key`).toString('base64')}`;
    expect(
      (await fetch(`${simulator.url}/simulator/batch`, { method: 'POST', headers: { Authorization: wrong } })).status,
    ).toBe(401);
    const credentials = `${DEFAULT_MERCHANT.merchantId}:${DEFAULT_MERCHANT.secretKey}`;
    const authorization = `Basic ${Buffer.from(credentials).toString('base64')}`;
    const response = await fetch(`${simulator.url}/simulator/batch`, {
      method: 'POST',
      headers: { Authorization: authorization },
    });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { captured: number }).captured).toBeGreaterThanOrEqual(1);
    expect(
      await ok('diagnostic.getTransactionData', client.diagnostic.getTransactionData({ transactionReference })),
    ).toMatchObject({ transactionStatus: 'CAPTURED', currentAmount: 321 });
  });

  test('refund more than captured (24), in another currency (12)', async () => {
    const transactionReference = ref('RM');
    await ok(
      'checkout.cardOrder',
      client.checkout.cardOrder(order(CARD_OK, { amount: 700, captureMode: 'IMMEDIATE', transactionReference })),
    );
    await fails(
      'cashManagement.refund',
      client.cashManagement.refund({ ...money, transactionReference, operationAmount: 701 }),
      InvalidRequestError,
      { code: '24' },
    );
    await fails(
      'cashManagement.refund',
      client.cashManagement.refund({ currencyCode: '840', transactionReference, operationAmount: 100 }),
      InvalidRequestError,
      { code: '12', errorFieldName: 'currencyCode' },
    );
  });

  test('creditHolder: TO_CREDIT, credited by the batch; a refused card is refused', async () => {
    const transactionReference = ref('CH');
    const credit = await ok(
      'cashManagement.creditHolder',
      client.cashManagement.creditHolder({
        amount: 1200,
        currencyCode: '978',
        orderChannel: 'INTERNET',
        cardNumber: CARD_OK,
        cardExpiryDate: EXPIRY,
        transactionReference,
      }),
    );
    expect(credit).toMatchObject({
      responseCode: '00',
      newStatus: 'TO_CREDIT',
      transactionReference,
      maskedPan: '4200##########00',
    });
    expect(
      await ok('diagnostic.getTransactionData', client.diagnostic.getTransactionData({ transactionReference })),
    ).toMatchObject({ transactionStatus: 'TO_CREDIT' });
    simulator.runSettlementBatch();
    expect(
      await ok('diagnostic.getTransactionData', client.diagnostic.getTransactionData({ transactionReference })),
    ).toMatchObject({ transactionStatus: 'CREDITED' });
    await fails(
      'cashManagement.creditHolder',
      client.cashManagement.creditHolder({
        amount: 1200,
        currencyCode: '978',
        orderChannel: 'INTERNET',
        cardNumber: '4100000000000514',
        cardExpiryDate: EXPIRY,
        transactionReference: ref('CH'),
      }),
      DeclinedError,
      { code: '05', acquirerResponseCode: '51' },
    );
  });

  test('walletCreditHolder: TO_CREDIT on the wallet card; a reused reference gets 94', async () => {
    const transactionReference = ref('WC');
    const request = {
      amount: 300,
      currencyCode: '978',
      orderChannel: 'INTERNET',
      merchantWalletId: 'WALLET-0001',
      paymentMeanId: '1',
      transactionReference,
    } as const;
    const credit = await ok('cashManagement.walletCreditHolder', client.cashManagement.walletCreditHolder(request));
    expect(credit).toMatchObject({
      responseCode: '00',
      newStatus: 'TO_CREDIT',
      maskedPan: '4200##########00',
      transactionReference,
    });
    await fails(
      'cashManagement.walletCreditHolder',
      client.cashManagement.walletCreditHolder(request),
      InvalidRequestError,
      { code: '94' },
    );
  });

  test('duplicate: a new payment on the card of an earlier one; an unknown source is 25', async () => {
    const source = ref('DS');
    await ok('checkout.cardOrder', client.checkout.cardOrder(order(CARD_OK, { transactionReference: source })));
    const transactionReference = ref('DU');
    const common = {
      amount: 450,
      currencyCode: '978',
      orderChannel: 'INTERNET',
      captureMode: 'AUTHOR_CAPTURE',
      captureDay: 0,
      merchantTransactionDateTime: new Date().toISOString(),
      returnContext: 'dup',
    } as const;
    const response = await ok(
      'cashManagement.duplicate',
      client.cashManagement.duplicate({ ...common, fromTransactionReference: source, transactionReference }),
    );
    expect(response).toMatchObject({ responseCode: '00', transactionReference, maskedPan: '4200##########00' });
    expect(
      await ok('diagnostic.getTransactionData', client.diagnostic.getTransactionData({ transactionReference })),
    ).toMatchObject({ fromTransactionReference: source, originAmount: 450, transactionStatus: 'TO_CAPTURE' });
    await fails(
      'cashManagement.duplicate',
      client.cashManagement.duplicate({
        ...common,
        fromTransactionReference: ref('NOPE'),
        transactionReference: ref('DU'),
      }),
      InvalidRequestError,
      { code: '25' },
    );
  });

  test('fraud challenges: acceptChallenge and refuseChallenge on PENDING only (24 otherwise, 25 unknown)', async () => {
    const accepted = ref('FA');
    await ok(
      'checkout.cardOrder',
      client.checkout.cardOrder(order('4100000000000035', { transactionReference: accepted, captureDay: 3 })),
    );
    await expect(
      ok('cashManagement.acceptChallenge', client.cashManagement.acceptChallenge({ transactionReference: accepted })),
    ).resolves.toMatchObject({ responseCode: '00', newStatus: 'TO_CAPTURE' });
    await fails(
      'cashManagement.acceptChallenge',
      client.cashManagement.acceptChallenge({ transactionReference: accepted }),
      InvalidRequestError,
      { code: '24' },
    );
    await fails(
      'cashManagement.acceptChallenge',
      client.cashManagement.acceptChallenge({ transactionReference: ref('NOPE') }),
      InvalidRequestError,
      { code: '25' },
    );
    const refused = ref('FR');
    await ok(
      'checkout.cardOrder',
      client.checkout.cardOrder(order('4100000000000035', { transactionReference: refused })),
    );
    await expect(
      ok('cashManagement.refuseChallenge', client.cashManagement.refuseChallenge({ transactionReference: refused })),
    ).resolves.toMatchObject({ responseCode: '00', newStatus: 'REFUSED' });
    await fails(
      'cashManagement.refuseChallenge',
      client.cashManagement.refuseChallenge({ transactionReference: refused }),
      InvalidRequestError,
      { code: '24' },
    );
    await fails(
      'cashManagement.refuseChallenge',
      client.cashManagement.refuseChallenge({ transactionReference: ref('NOPE') }),
      InvalidRequestError,
      { code: '25' },
    );
    expect(
      await ok(
        'diagnostic.getTransactionData',
        client.diagnostic.getTransactionData({ transactionReference: refused }),
      ),
    ).toMatchObject({ transactionStatus: 'REFUSED' });
  });

  test('cancel works on a PENDING transaction', async () => {
    const transactionReference = ref('FC');
    await ok(
      'checkout.cardOrder',
      client.checkout.cardOrder(order('4100000000000035', { amount: 600, transactionReference })),
    );
    await expect(
      ok(
        'cashManagement.cancel',
        client.cashManagement.cancel({ ...money, transactionReference, operationAmount: 600, operationOrigin: 'BO' }),
      ),
    ).resolves.toMatchObject({ newStatus: 'CANCELLED', newAmount: 0 });
  });
});

expectCoverage('cash-management');
