// `make demo`: starts the embedded simulator and runs a merchant's SEPA mandate flow through the typed client.
import { createClient, InvalidRequestError, SealMismatchError, SogenactifError } from '../src';
import { startSimulator, DEFAULT_MERCHANT } from '../src/simulator/server';

const step = (title: string): void => console.log(`\n== ${title}`);
const show = (label: string, value: unknown): void => console.log(`   ${label.padEnd(22)} ${typeof value === 'string' ? value : JSON.stringify(value)}`);

async function main(): Promise<void> {
  const simulator = await startSimulator();
  console.log(`Sogenactif Office simulator on ${simulator.url} (merchant ${DEFAULT_MERCHANT.merchantId}, key version ${DEFAULT_MERCHANT.keyVersion})`);
  const client = createClient({ ...DEFAULT_MERCHANT, environment: simulator.url });
  try {
    step('searchMandate: which SEPA mandates has customer CUST-0001 signed?');
    const search = await client.mandate.searchMandate({ customerId: 'CUST-0001' });
    show('mandateResponseCode', search.mandateResponseCode);
    for (const mandate of search.mandateList ?? []) {
      show(mandate.mandateId ?? '?', `${mandate.mandateStatus} ${mandate.mandateUsage} IBAN ${mandate.iban} (masked by the gateway) signed ${mandate.mandateSignatureDate}`);
    }

    step('initializeMandate: a new customer signs a mandate');
    const init = await client.mandate.initializeMandate({ customerId: 'CUST-0042', merchantReturnUrl: 'https://shop.example/mandate/return', mandateUsage: 'RECURRENT' });
    show('mandateId', init.mandateId);
    show('redirect the buyer to', init.redirectionUrl);

    step('finalizeMandate: the buyer came back to merchantReturnUrl');
    const final = await client.mandate.finalizeMandate({ messageVersion: init.messageVersion ?? '', redirectionData: init.redirectionData ?? '' });
    show('mandateStatus', final.mandate?.mandateStatus);

    step('getPdfMandate: the signed mandate as a PDF');
    const pdf = await client.mandate.getPdfMandate({ mandateId: init.mandateId ?? '' });
    const bytes = Buffer.from(pdf.mandatePdf ?? '', 'base64');
    show('PDF', `${bytes.length} bytes, starts with ${JSON.stringify(bytes.subarray(0, 8).toString('latin1'))}`);

    step('getMandateData on an unknown mandate: a typed error, not a result');
    try {
      await client.mandate.getMandateData({ mandateId: 'SDD-UNKNOWN' });
    } catch (error) {
      if (!(error instanceof SogenactifError)) throw error;
      show(error.name, error.message);
    }

    step('Bad input is refused before anything is sent');
    try {
      await client.mandate.searchMandate({ customerId: 'a customer id far too long for the field' });
    } catch (error) {
      if (!(error instanceof InvalidRequestError)) throw error;
      show(error.name, error.fields.map((f) => `${f.field} ${f.problem}`).join('; '));
    }

    step('A wrong secret key: the reply cannot be trusted');
    const wrongKey = createClient({ ...DEFAULT_MERCHANT, secretKey: 'not-the-key', environment: simulator.url });
    try {
      await wrongKey.mandate.searchMandate({ customerId: 'CUST-0001' });
    } catch (error) {
      if (!(error instanceof SealMismatchError)) throw error;
      show(error.name, error.message);
    } finally {
      wrongKey.close();
    }
    console.log('\nDemo finished: every reply above was sealed by the simulator and verified by the client.');
  } finally {
    client.close();
    await simulator.close();
  }
}

main().catch((error) => {
  console.error('demo failed:', error);
  process.exit(1);
});
