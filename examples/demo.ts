// `make demo`: starts the embedded simulator and runs a merchant's day through the typed client:
// a card payment with 3-D Secure, validation, settlement, a partial refund, the transaction's data,
// a declined card as a typed error, a wallet payment, a SEPA mandate signed and fetched as PDF, and a mandate search.
import {
  createClient,
  DeclinedError,
  InvalidRequestError,
  redirectionForm,
  SogenactifError,
  type RedirectionForm,
} from '../src/runtime';
import { startSimulator, DEFAULT_MERCHANT } from '../src/tools/simulator/server';
import { acs } from '../src/tools/simulator';

const step = (title: string): void => console.log(`\n== ${title}`);
const show = (label: string, value: unknown): void =>
  console.log(`   ${label.padEnd(24)} ${typeof value === 'string' ? value : JSON.stringify(value)}`);
const euros = (cents: number | undefined): string => (cents === undefined ? '?' : `${(cents / 100).toFixed(2)} EUR`);

/** What the buyer's browser does: post the form, then read the form the page posts back. */
async function browse(form: RedirectionForm): Promise<Record<string, string>> {
  const reply = await fetch(form.action, { method: 'POST', body: new URLSearchParams(form.fields) });
  const html = await reply.text();
  return Object.fromEntries(
    [...html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((m) => [m[1]!, m[2]!]),
  );
}

async function main(): Promise<void> {
  const simulator = await startSimulator();
  console.log(
    `Sogenactif Office simulator on ${simulator.url} (merchant ${DEFAULT_MERCHANT.merchantId}, key version ` +
      `${DEFAULT_MERCHANT.keyVersion})`,
  );
  // SOGENACTIF_WIRE=json runs the same day over the Office JSON interface (make test runs both); SOGENACTIF_TRANSPORT,
  // its former name, is still read; both at once is refused.
  const { SOGENACTIF_WIRE, SOGENACTIF_TRANSPORT } = process.env;
  if (SOGENACTIF_WIRE !== undefined && SOGENACTIF_TRANSPORT !== undefined)
    throw new Error('SOGENACTIF_TRANSPORT is the former name of SOGENACTIF_WIRE: set only SOGENACTIF_WIRE');
  const wire = (SOGENACTIF_WIRE ?? SOGENACTIF_TRANSPORT) === 'json' ? 'json' : 'soap';
  console.log(
    `wire: ` +
      `${wire === 'json' ? 'JSON (POST /rs-services/v2/<service>/<operation>)' : 'SOAP (POST /services/v2/<service>)'}`,
  );
  const client = createClient({ ...DEFAULT_MERCHANT, environment: simulator.url, wire });
  const reference = `DEMO${Date.now()}`;
  try {
    step('1. cardCheckEnrollment: the buyer pays 120.00 EUR by card; the card is enrolled in 3-D Secure');
    const enrollment = await client.checkout.cardCheckEnrollment({
      amount: 12000,
      currencyCode: '978',
      cardNumber: '4200000000000000',
      cardExpiryDate: '203012',
      cardCSCValue: '123',
      orderChannel: 'INTERNET',
      captureMode: 'VALIDATION',
      transactionReference: `${reference}A`,
      merchantReturnUrl: 'https://shop.example/3ds-return',
    });
    show('card (masked)', enrollment.maskedPan);
    show('redirect the buyer to', enrollment.redirectionUrl);

    step('2. The buyer authenticates at the ACS (acs.authenticate plays the browser; the simulator plays the bank)');
    const back = await acs.authenticate(redirectionForm(enrollment, { termUrl: 'https://shop.example/3ds-return' }), {
      outcome: 'success',
    });
    show('ACS posted back', Object.keys(back.fields).join(', '));
    const payment = await client.checkout.cardValidateAuthenticationAndOrder({
      messageVersion: enrollment.messageVersion ?? '0.1',
      redirectionData: back.redirectionData, // the MD the ACS posted back
      paResMessage: back.paResMessage, // the PaRes
    });
    show('responseCode', `${payment.responseCode} (authorisation ${payment.authorisationId})`);
    show('holderAuthentStatus', payment.holderAuthentStatus);
    show('captureMode', `${payment.captureMode} (waits for the merchant's validate)`);

    step('3. validate: only 100.00 EUR of the goods ship, so the merchant validates that amount');
    const validated = await client.cashManagement.validate({
      transactionReference: `${reference}A`,
      operationAmount: 10000,
      currencyCode: '978',
    });
    show('newStatus / newAmount', `${validated.newStatus} / ${euros(validated.newAmount)}`);

    step('4. End of day: the settlement batch captures what is due');
    show('transactions captured', simulator.runSettlementBatch());

    step('5. refund: the buyer returns one item worth 30.00 EUR');
    const refund = await client.cashManagement.refund({
      transactionReference: `${reference}A`,
      operationAmount: 3000,
      currencyCode: '978',
    });
    show('newStatus / left', `${refund.newStatus} / ${euros(refund.newAmount)}`);

    step('6. getTransactionData: what the gateway now knows');
    const data = await client.diagnostic.getTransactionData({ transactionReference: `${reference}A` });
    show('status', data.transactionStatus);
    show('origin / current', `${euros(data.originAmount)} / ${euros(data.currentAmount)}`);
    show('last operation', `${data.lastOperationName} at ${data.lastOperationDateTime}`);

    step('7. A declined card is a typed error, with the acquirer reason');
    try {
      await client.checkout.cardOrder({
        amount: 4500,
        currencyCode: '978',
        cardNumber: '4100000000000514',
        cardExpiryDate: '203012',
        orderChannel: 'INTERNET',
        transactionReference: `${reference}B`,
      });
    } catch (error) {
      if (!(error instanceof DeclinedError)) throw error;
      show(error.name, error.message);
    }

    step('8. walletOrder: a returning customer pays with the card stored in wallet WALLET-0001');
    const wallet = await client.wallet.getWalletData({ merchantWalletId: 'WALLET-0001' });
    const mean = wallet.walletPaymentMeanDataList?.[0];
    show('stored card', `${mean?.paymentMeanBrand} ${mean?.maskedPan} (${mean?.paymentMeanAlias})`);
    const walletPayment = await client.checkout.walletOrder({
      amount: 2590,
      currencyCode: '978',
      merchantWalletId: 'WALLET-0001',
      paymentMeanId: mean?.paymentMeanId ?? '1',
      orderChannel: 'INTERNET',
      transactionReference: `${reference}C`,
    });
    show('responseCode', `${walletPayment.responseCode} (authorisation ${walletPayment.authorisationId})`);

    step(
      '9. initializeMandate -> signing page -> finalizeMandate, then getPdfMandate: a new SEPA mandate for ' +
        'CUST-0001',
    );
    const mandate = await client.mandate.initializeMandate({
      customerId: 'CUST-0001',
      iban: 'FR7630006000011234567890189',
      merchantReturnUrl: 'https://shop.example/mandate-back',
      mandateUsage: 'RECURRENT',
    });
    const signed = await browse(redirectionForm(mandate));
    const final = await client.mandate.finalizeMandate({
      messageVersion: signed.messageVersion!,
      redirectionData: signed.redirectionData!,
    });
    show(final.mandateId ?? '?', `${final.mandateStatus}, IBAN ${final.iban} (masked), BIC ${final.bic}`);
    const pdf = await client.mandate.getPdfMandate({ mandateId: final.mandateId! });
    show(
      'mandate PDF',
      `${Buffer.from(pdf.mandatePdf ?? '', 'base64').length} bytes, starts ` +
        `${Buffer.from(pdf.mandatePdf ?? '', 'base64')
          .subarray(0, 5)
          .toString()}`,
    );

    step('10. searchMandate: the SEPA mandates customer CUST-0001 has signed');
    const search = await client.mandate.searchMandate({ customerId: 'CUST-0001' });
    for (const m of search.mandateList ?? [])
      show(m.mandateId ?? '?', `${m.mandateStatus} ${m.mandateUsage}, IBAN ${m.iban} (masked by the gateway)`);

    step('11. Bad input never leaves the machine');
    try {
      await client.cashManagement.refund({
        transactionReference: `${reference}A`,
        operationAmount: 12.5,
        currencyCode: 'EUR',
      });
    } catch (error) {
      if (!(error instanceof InvalidRequestError)) throw error;
      for (const f of error.fields) show(f.field, f.problem);
    }
    console.log('\nDemo finished: every reply was sealed by the simulator and verified by the client.');
  } catch (error) {
    if (error instanceof SogenactifError) console.error(`${error.name}: ${error.message}`);
    throw error;
  } finally {
    client.close();
    await simulator.close();
  }
}

main().catch((error) => {
  console.error('demo failed:', error);
  process.exit(1);
});
