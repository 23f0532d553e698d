// The simulator's fault triggers (FAULT_SLOW, DROP, HTTP500, SOAP_FAULT, HTML, TRUNCATED, BAD_SEAL, NO_SEAL, 90, 99),
// through the typed client: each ends in its documented error, and a payment whose reply is lost is never resent.
import {
  InvalidRequestError,
  InvalidResponseError,
  SealMismatchError,
  SoapFaultError,
  TemporarilyUnavailableError,
  TransportError,
} from '../../src/runtime';
import {
  attemptsSince,
  CARD_OK,
  client,
  events,
  expectCoverage,
  fails,
  failsLost,
  FAST,
  IBAN,
  makeClient,
  ok,
  order,
  ref,
  RETURN_URL,
  startSimulatorSuite,
} from './given';

startSimulatorSuite();

describe('fault injection', () => {
  const noRetry = () => makeClient({ retry: false });

  test('FAULT_SLOW_<ms> with a small client timeout: TransportError, outcome unknown', async () => {
    const c = makeClient({ retry: false, timeoutMs: 100 });
    const started = Date.now();
    await fails('mandate.searchMandate', c.mandate.searchMandate({ customerId: 'FAULT_SLOW_500' }), TransportError, {
      outcomeUnknown: true,
      retryable: false,
    });
    expect(Date.now() - started).toBeLessThan(450);
    // Let the simulator's delayed answer go out (to a closed socket) before the suite ends.
    await new Promise((resolve) => setTimeout(resolve, 500 - (Date.now() - started) + 20));
  });

  test('FAULT_DROP: TransportError, outcome unknown', async () => {
    await fails(
      'mandate.searchMandate',
      noRetry().mandate.searchMandate({ customerId: 'FAULT_DROP' }),
      TransportError,
      { outcomeUnknown: true },
    );
  });

  test('FAULT_DROP on a payment: never resent by the client; done once (getTransactionData finds it)', async () => {
    const transactionReference = ref('DROP');
    const from = events.length;
    // The retrying client: a payment whose outcome is unknown must still go out only once.
    await failsLost(
      'checkout.cardOrder',
      client.checkout.cardOrder(order(CARD_OK, { transactionReference, customerId: 'FAULT_DROP', amount: 777 })),
      TransportError,
      { outcomeUnknown: true },
    );
    const attempts = attemptsSince(from, 'checkout.cardOrder');
    expect(attempts).toHaveLength(1);
    expect(attempts[0]!.error).toMatchObject({ name: 'TransportError', retrying: false });
    const data = await ok(
      'diagnostic.getTransactionData',
      client.diagnostic.getTransactionData({ transactionReference }),
    );
    expect(data).toMatchObject({ transactionStatus: 'TO_CAPTURE', originAmount: 777 });
  });

  test('FAULT_HTTP500: TransportError with status 500', async () => {
    await fails(
      'mandate.searchMandate',
      noRetry().mandate.searchMandate({ customerId: 'FAULT_HTTP500' }),
      TransportError,
      { status: 500, outcomeUnknown: true },
    );
  });

  test('FAULT_SOAP_FAULT: SoapFaultError (soap:Server)', async () => {
    const error = await fails(
      'mandate.searchMandate',
      noRetry().mandate.searchMandate({ customerId: 'FAULT_SOAP_FAULT' }),
      SoapFaultError,
    );
    expect(error.faultCode).toMatch(/Server$/);
  });

  test('FAULT_HTML: InvalidResponseError naming the HTML page, not a refused DTD', async () => {
    const error = await fails(
      'mandate.searchMandate',
      noRetry().mandate.searchMandate({ customerId: 'FAULT_HTML' }),
      InvalidResponseError,
      { outcomeUnknown: true },
    );
    expect(error.message).toBe(
      'mandate.searchMandate: HTTP 200 with an HTML page instead of a reply (a maintenance or proxy error page)',
    );
  });

  test('FAULT_TRUNCATED: InvalidResponseError; a truncated payment was processed and is not resent', async () => {
    await fails(
      'mandate.searchMandate',
      noRetry().mandate.searchMandate({ customerId: 'FAULT_TRUNCATED' }),
      InvalidResponseError,
    );
    const transactionReference = ref('TRUNC');
    const from = events.length;
    await failsLost(
      'checkout.cardOrder',
      client.checkout.cardOrder(order(CARD_OK, { transactionReference, orderId: 'FAULT_TRUNCATED' })),
      InvalidResponseError,
    );
    expect(attemptsSince(from, 'checkout.cardOrder')).toHaveLength(1);
    await ok('diagnostic.getTransactionData', client.diagnostic.getTransactionData({ transactionReference }));
  });

  test('FAULT_BAD_SEAL and FAULT_NO_SEAL: SealMismatchError, never a result', async () => {
    await fails(
      'mandate.searchMandate',
      noRetry().mandate.searchMandate({ customerId: 'FAULT_BAD_SEAL' }),
      SealMismatchError,
    );
    await fails(
      'mandate.searchMandate',
      noRetry().mandate.searchMandate({ customerId: 'FAULT_NO_SEAL' }),
      SealMismatchError,
    );
    // On a payment too: processed by the gateway, but the reply is not trusted.
    const transactionReference = ref('SEAL');
    await failsLost(
      'checkout.cardOrder',
      client.checkout.cardOrder(order(CARD_OK, { transactionReference, orderId: 'FAULT_BAD_SEAL' })),
      SealMismatchError,
    );
    await ok('diagnostic.getTransactionData', client.diagnostic.getTransactionData({ transactionReference }));
  });

  test('FAULT_90 and FAULT_99: TemporarilyUnavailableError, retryable, retried, nothing done', async () => {
    for (const [trigger, code] of [
      ['FAULT_90', '90'],
      ['FAULT_99', '99'],
    ] as const) {
      const transactionReference = ref('UNAV');
      const from = events.length;
      await fails(
        'checkout.cardOrder',
        client.checkout.cardOrder(order(CARD_OK, { transactionReference, customerId: trigger })),
        TemporarilyUnavailableError,
        { code, retryable: true },
      );
      // Safe to resend: the client did, up to its bounded number of attempts.
      expect(attemptsSince(from, 'checkout.cardOrder')).toHaveLength(FAST.maxAttempts);
      await fails(
        'diagnostic.getTransactionData',
        client.diagnostic.getTransactionData({ transactionReference }),
        InvalidRequestError,
        { code: '25' },
      );
    }
  });

  test('FAULT_90 / FAULT_99 on operations without a business failure of their own', async () => {
    await fails(
      'mandate.searchMandate',
      client.mandate.searchMandate({ customerId: 'FAULT_90' }),
      TemporarilyUnavailableError,
      { code: '90', codeField: 'mandateResponseCode', retryable: true },
    );
    await fails(
      'authentication.hostedFieldsInitialize',
      client.authentication.hostedFieldsInitialize({ customerIpAddress: 'FAULT_99' }),
      TemporarilyUnavailableError,
      { code: '99', retryable: true },
    );
    await fails(
      'mandate.initializeMandate',
      client.mandate.initializeMandate({ customerId: 'FAULT_90', iban: IBAN, merchantReturnUrl: RETURN_URL }),
      TemporarilyUnavailableError,
      { code: '90' },
    );
  });

  test('a FAULT_ trigger inside a transactionReference works too', async () => {
    await fails(
      'diagnostic.getTransactionData',
      noRetry().diagnostic.getTransactionData({ transactionReference: `${ref('R')}-FAULT_HTML` }),
      InvalidResponseError,
    );
  });
});

expectCoverage('faults');
