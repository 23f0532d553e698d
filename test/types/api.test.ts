// Type tests: compiled by `make typecheck`; each @ts-expect-error must flag a real misuse.
import {
  createClient,
  MandateStatus,
  type Mandate,
  type SearchMandateRequest,
  type SearchMandateResponse,
} from '../../src/runtime';

const client = createClient({ merchantId: '002001000000001', secretKey: 'k', keyVersion: 1, environment: 'TEST' });

export async function misuse(): Promise<void> {
  // prettier-ignore
  // @ts-expect-error customerId is mandatory for searchMandate
  await client.mandate.searchMandate({});
  // prettier-ignore
  // @ts-expect-error merchantId comes from the configuration, not the request
  await client.mandate.searchMandate({ customerId: 'C', merchantId: '002001000000001' });
  // prettier-ignore
  // @ts-expect-error mandateUsage takes only the documented values
  await client.mandate.initializeMandate({ merchantReturnUrl: 'https://x', mandateUsage: 'SOMETIMES' });
  // prettier-ignore
  // @ts-expect-error cardOrder without cardNumber does not compile
  await client.checkout.cardOrder({ amount: 1000, currencyCode: '978', cardExpiryDate: '202812',
    orderChannel: 'INTERNET' });
  // prettier-ignore
  // @ts-expect-error captureMode takes only the documented values
  await client.checkout.cardOrder({ captureMode: 'CAPTURE_LATER', amount: 1000, currencyCode: '978',
    cardNumber: '4200000000000000', cardExpiryDate: '202812', orderChannel: 'INTERNET' });
  // The same call with documented values compiles.
  await client.checkout.cardOrder({
    amount: 1000,
    currencyCode: '978',
    cardNumber: '4200000000000000',
    cardExpiryDate: '202812',
    orderChannel: 'INTERNET',
    captureMode: 'VALIDATION',
  });
  const response: SearchMandateResponse = await client.mandate.searchMandate({
    customerId: 'C',
    interfaceVersion: 'MR_WS_2.58',
  });
  // Lists are plain arrays of the container type.
  const list: Mandate[] | undefined = response.mandateList;
  // prettier-ignore
  // @ts-expect-error mandateStatus is a closed union of wire values
  const status: MandateStatus = 'SOMETHING';
  void list;
  void status;
}

test('enums are const objects holding the wire values', () => {
  expect(MandateStatus.WAITING_FOR_VALIDATION).toBe('WAITING_FOR_VALIDATION');
  const request: SearchMandateRequest = { customerId: 'C' };
  expect(request).toEqual({ customerId: 'C' });
  client.close();
});
