// The simulator's seal and merchant checks, through the typed client: a wrong secret key (SealMismatchError), a wrong
// keyVersion (AuthenticationError), an unknown merchant, HMAC-SHA-512, and every error a SogenactifError.
import {
  AuthenticationError,
  DeclinedError,
  InvalidRequestError,
  InvalidResponseError,
  SealMismatchError,
  SoapFaultError,
  SogenactifError,
  TemporarilyUnavailableError,
  TransportError,
} from '../../src/runtime';
import { expectCoverage, fails, IBAN, makeClient, ok, RETURN_URL, startSimulatorSuite } from './given';

startSimulatorSuite();

describe('seals and merchants', () => {
  test(
    'a wrong secret key: the simulator answers 34 sealed with the real key, which our key cannot verify: ' +
      'SealMismatchError',
    async () => {
      const secretKey = 'not-the-key-of-002001000000001';
      const c = makeClient({ secretKey, retry: false });
      const error = await fails(
        'mandate.searchMandate',
        c.mandate.searchMandate({ customerId: 'CUST-0001' }),
        SealMismatchError,
      );
      expect(error.message).toMatch(/34/);
      expect(JSON.stringify(error)).not.toContain(secretKey);
      expect(error.message).not.toContain(secretKey);
    },
  );

  test('a wrong keyVersion: 34 in a reply we can verify: AuthenticationError (not a seal mismatch)', async () => {
    const c = makeClient({ keyVersion: 2, retry: false });
    const error = await fails(
      'mandate.initializeMandate',
      c.mandate.initializeMandate({ iban: IBAN, merchantReturnUrl: RETURN_URL }),
      AuthenticationError,
      { code: '34', codeField: 'mandateResponseCode' },
    );
    expect(error).not.toBeInstanceOf(SealMismatchError);
  });

  test('an unknown merchant configured in the client', async () => {
    const c = makeClient({ merchantId: '002001000000099', secretKey: '002001000000099_KEY1', retry: false });
    // The simulator answers 03 but has no key to seal it with, so the reply carries no seal. The client names
    // the merchant problem (an AuthenticationError, not a seal problem, no advice to allow unsigned replies);
    // the 03 inside cannot be trusted, so it is never surfaced as a code.
    const error = await fails(
      'mandate.searchMandate',
      c.mandate.searchMandate({ customerId: 'CUST-0001' }),
      AuthenticationError,
    );
    expect(error).not.toBeInstanceOf(SealMismatchError);
    expect(error.message).toMatch(
      /unknown merchant\): the gateway does not know merchant 002001000000099 in this environment/,
    );
    expect(error.message).not.toMatch(/allowUnsigned/);
    expect(error.code).toBeUndefined();
  });

  test('a client sealing with HMAC-SHA-512 is understood and can verify the replies', async () => {
    const c = makeClient({ sealAlgorithm: 'HMAC-SHA-512', retry: false });
    await expect(
      ok('mandate.searchMandate', c.mandate.searchMandate({ customerId: 'CUST-0001' })),
    ).resolves.toMatchObject({ mandateResponseCode: '00' });
  });

  test('every error is a SogenactifError', () => {
    for (const errorClass of [
      DeclinedError,
      InvalidRequestError,
      AuthenticationError,
      SealMismatchError,
      TemporarilyUnavailableError,
      TransportError,
      InvalidResponseError,
      SoapFaultError,
    ]) {
      expect(errorClass.prototype).toBeInstanceOf(SogenactifError);
    }
  });
});

expectCoverage('seals');
