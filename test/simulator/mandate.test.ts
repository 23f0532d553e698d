// The simulator's mandates, through the typed client: the seeded CUST-0001 mandates, directDebitOrder on an ACTIVE
// mandate only, unknown mandates (25), and getPdfMandate's real PDF.
import { DeclinedError, InvalidRequestError } from '../../src/runtime';
import { client, expectCoverage, fails, ok, ref, startSimulatorSuite } from './given';

startSimulatorSuite();

describe('mandates', () => {
  test('CUST-0001 has SDD-MANDATE-000001 ACTIVE and SDD-MANDATE-000002 REVOKED', async () => {
    const search = await ok('mandate.searchMandate', client.mandate.searchMandate({ customerId: 'CUST-0001' }));
    expect(search.mandateList?.map((m) => [m.mandateId, m.mandateStatus])).toEqual([
      ['SDD-MANDATE-000001', 'ACTIVE'],
      ['SDD-MANDATE-000002', 'REVOKED'],
    ]);
  });

  test('directDebitOrder needs an ACTIVE mandate (not REVOKED); getMandateData lists its direct debits', async () => {
    const transactionReference = ref('DD');
    const request = {
      amount: 4990,
      currencyCode: '978',
      orderChannel: 'INTERNET',
      paymentMeanBrand: 'SEPA_DIRECT_DEBIT',
      mandateAuthentMethod: 'ELECTRONIC',
      mandateUsage: 'RECURRENT',
    } as const;
    await ok(
      'checkout.directDebitOrder',
      client.checkout.directDebitOrder({ ...request, mandateId: 'SDD-MANDATE-000001', transactionReference }),
    );
    const data = await ok('mandate.getMandateData', client.mandate.getMandateData({ mandateId: 'SDD-MANDATE-000001' }));
    expect(data.transactionList?.find((t) => t.transactionReference === transactionReference)).toMatchObject({
      amount: 4990,
    });
    await fails(
      'checkout.directDebitOrder',
      client.checkout.directDebitOrder({
        ...request,
        mandateId: 'SDD-MANDATE-000002',
        transactionReference: ref('DD'),
      }),
      DeclinedError,
      { code: '05' },
    );
  });

  test('unknown mandate: getMandateData, getPdfMandate and finalizeMandate answer 25', async () => {
    await fails(
      'mandate.getMandateData',
      client.mandate.getMandateData({ mandateId: 'SDD-NOPE' }),
      InvalidRequestError,
      { code: '25', codeField: 'mandateResponseCode' },
    );
    await fails('mandate.getPdfMandate', client.mandate.getPdfMandate({ mandateId: 'SDD-NOPE' }), InvalidRequestError, {
      code: '25',
    });
    await fails(
      'mandate.finalizeMandate',
      client.mandate.finalizeMandate({ messageVersion: '1.0', redirectionData: 'unknown-session' }),
      InvalidRequestError,
      { code: '25' },
    );
  });

  test('getPdfMandate of a seeded mandate is a real PDF', async () => {
    const pdf = await ok('mandate.getPdfMandate', client.mandate.getPdfMandate({ mandateId: 'SDD-MANDATE-000001' }));
    expect(Buffer.from(pdf.mandatePdf!, 'base64').toString('latin1')).toMatch(/^%PDF-1\.\d[\s\S]*%%EOF\s*$/);
  });
});

expectCoverage('mandate');
