// Lost replies (src/runtime/client/lost-reply.ts): which failures leave a payment's outcome unknown, what the lookup
// answers in each case, and the OutcomeUnknownError that carries it.
import { isLostReply, lookUpPayment, lostReplyError } from '../../../../src/runtime/client';
import {
  AuthenticationError,
  DeclinedError,
  DuplicateTransactionError,
  InvalidRequestError,
  InvalidResponseError,
  OutcomeUnknownError,
  SealMismatchError,
  SoapFaultError,
  TransportError,
} from '../../../../src/runtime';

test.each([
  // given error, attempts, want lost
  [new TransportError('m', { outcomeUnknown: true }), 1, true],
  [new TransportError('m', { outcomeUnknown: false }), 1, false],
  [new InvalidResponseError('m'), 1, true],
  [new SealMismatchError('m'), 1, true],
  [new SoapFaultError('m', { faultCode: 'c', faultString: 's' }), 1, true],
  [new DuplicateTransactionError('m', { code: '94' }), 1, false],
  [new DuplicateTransactionError('m', { code: '94' }), 2, true],
  [new DeclinedError('m'), 1, false],
  [new AuthenticationError('m', { code: '03' }), 1, false],
  [new InvalidRequestError('m'), 1, false],
  [new Error('m'), 1, false],
])('%p after %p attempt(s): lost %p', (error, attempts, want) => {
  expect(isLostReply(error, attempts)).toBe(want);
});

describe('lookUpPayment', () => {
  const sent = { amount: 1000, currencyCode: '978', merchantId: '002001000000001' };
  test('an aborted call is not looked up', async () => {
    const lookup = jest.fn();
    await expect(lookUpPayment(lookup, 'REF1', true, sent)).resolves.toMatchObject({
      outcome: 'unknown',
      reason: expect.stringMatching(/no time left/),
    });
    expect(lookup).not.toHaveBeenCalled();
  });
  test.each([
    // given the lookup's answer, want outcome and reason
    [
      () =>
        Promise.resolve({
          responseCode: '00',
          transactionStatus: 'TO_CAPTURE',
          amount: 1000,
          currencyCode: '978',
          merchantId: '002001000000001',
        }),
      'approved',
      undefined,
    ],
    [
      () => Promise.reject(new InvalidRequestError('not found', { code: '25' })),
      'unknown',
      /no transaction with this reference yet/,
    ],
    [() => Promise.reject(new TransportError('down', { outcomeUnknown: false })), 'unknown', /down/],
  ])('%#: %p', async (lookup, outcome, reason) => {
    const resolution = await lookUpPayment(lookup, 'REF1', false, sent);
    expect(resolution.outcome).toBe(outcome);
    if (reason) expect(resolution.reason).toMatch(reason);
  });
});

test('lostReplyError names what happened and carries the resolution', () => {
  const resolution = { outcome: 'refused', transactionReference: 'REF1', reason: 'REFUSED' } as const;
  const error = lostReplyError('checkout.cardOrder', new DuplicateTransactionError('dup', { code: '94' }), resolution);
  expect(error).toBeInstanceOf(OutcomeUnknownError);
  expect(error.message).toBe(
    'checkout.cardOrder: a retry was answered 94 (duplicate); getTransactionData says the payment is refused ' +
      '(REFUSED)',
  );
  expect(lostReplyError('checkout.cardOrder', new InvalidResponseError('bad'), resolution).message).toMatch(
    /the reply was lost \(bad\)/,
  );
});
