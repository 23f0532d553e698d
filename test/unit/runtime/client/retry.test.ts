// The one retry policy (src/runtime/client/retry.ts): which failures are resent for which kind of operation, the
// attempt count and the backoff bounds.
import { backoffDelay, maxAttempts, shouldRetry } from '../../../../src/runtime/client';
import { CertificatePinError } from '../../../../src/runtime/pinning';
import {
  cardOrderOperation,
  DeclinedError,
  InvalidResponseError,
  SealMismatchError,
  searchMandateOperation,
  SoapFaultError,
  TemporarilyUnavailableError,
  TransportError,
} from '../../../../src/runtime';

const read = searchMandateOperation;
const payment = cardOrderOperation;

describe('shouldRetry', () => {
  const cases: [string, unknown, boolean, boolean][] = [
    // given error, want for a read, want for a payment
    ['90/99 (nothing was done)', new TemporarilyUnavailableError('m'), true, true],
    ['connection never made', new TransportError('m', { outcomeUnknown: false }), true, true],
    ['reply lost after sending', new TransportError('m', { outcomeUnknown: true }), true, false],
    ['unusable reply', new InvalidResponseError('m'), true, false],
    ['SOAP fault', new SoapFaultError('m', { faultCode: 'c', faultString: 's' }), true, false],
    ['seal mismatch', new SealMismatchError('m'), false, false],
    // A certificate that does not match its pins will not match on the next attempt: nothing was sent, nothing resent.
    [
      'pin mismatch',
      new CertificatePinError('checkout.cardOrder', 'office-server.sogenactif.com', 'no pin matches'),
      false,
      false,
    ],
    ['declined', new DeclinedError('m'), false, false],
    ['a plain Error', new Error('m'), false, false],
    ['not an error', 'boom', false, false],
  ];
  test.each(cases)('%s: read %p, payment %p', (_label, error, wantRead, wantPayment) => {
    expect(shouldRetry(read, error)).toBe(wantRead);
    expect(shouldRetry(payment, error)).toBe(wantPayment);
  });
});

test.each([
  [false, 1],
  [{}, 3],
  [{ maxAttempts: 5 }, 5],
  [{ maxAttempts: 0 }, 1],
] as const)('maxAttempts(%p) is %p', (policy, want) => {
  expect(maxAttempts(policy)).toBe(want);
});

test.each([
  // attempt, policy, random, want (ms)
  [1, {}, 1, 200],
  [2, {}, 1, 400],
  [5, {}, 1, 2000],
  [3, { baseDelayMs: 10, maxDelayMs: 25 }, 1, 25],
  [1, {}, 0.5, 100],
  [4, {}, 0, 0],
])('backoffDelay(attempt %p, %p, random %p) is %p ms', (attempt, policy, random, want) => {
  expect(backoffDelay(attempt, policy, random)).toBe(want);
});
