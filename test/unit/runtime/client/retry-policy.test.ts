// One retry policy: `error.retryable` and `shouldRetry` agree for every error kind and every operation category.
// retryable is "safe to resend whatever the operation"; shouldRetry resends exactly those, plus a read whose outcome
// is unknown; a payment (or cash operation, write, initialisation) whose outcome may be unknown is never resent.
import { shouldRetry } from '../../../../src/runtime/client';
import { WriteNotConfirmedError } from '../../../../src/runtime/client/confirm';
import { CertificatePinError } from '../../../../src/runtime/pinning';
import {
  AuthenticationError,
  AuthenticationFailedError,
  DeclinedError,
  DuplicateTransactionError,
  errorFromReply,
  InvalidRequestError,
  InvalidResponseError,
  JournalError,
  OutcomeUnknownError,
  SealMismatchError,
  searchMandateOperation,
  SoapFaultError,
  SogenactifError,
  TemporarilyUnavailableError,
  TransportError,
  type ErrorKind,
  type OperationCategory,
} from '../../../../src/runtime';

const CATEGORIES = ['read', 'payment', 'cash', 'initialize', 'write'] as const;
// Compiles only while CATEGORIES lists every OperationCategory.
const everyCategory: Exclude<OperationCategory, (typeof CATEGORIES)[number]> extends never ? true : false = true;

const resolution = { outcome: 'unknown' as const, transactionReference: 'R1' };
const fromReply = (code: string): SogenactifError =>
  errorFromReply(searchMandateOperation, 'mandate.searchMandate', { mandateResponseCode: code })!;

/** given: an error; want: its `retryable`, and whether a read is resent after it. */
type Case = readonly [label: string, error: SogenactifError, retryable: boolean, resentForRead: boolean];

// Keyed by ErrorKind: the compiler refuses this table while a kind is missing.
const CASES: Record<ErrorKind, readonly Case[]> = {
  error: [['a bare SogenactifError', new SogenactifError('m'), false, false]],
  declined: [
    ['a refusal', new DeclinedError('m'), false, false],
    ['a refusal built from a reply (04 "unknown error")', fromReply('04'), false, false],
    ['a failed 3-D Secure authentication', new AuthenticationFailedError('m', { reason: '3D_FAILURE' }), false, false],
  ],
  'invalid-request': [
    ['a request refused before sending', new InvalidRequestError('m'), false, false],
    ['12 from the gateway', fromReply('12'), false, false],
  ],
  duplicate: [['94: reference already used', new DuplicateTransactionError('m'), false, false]],
  authentication: [
    ['03/34 from a sealed reply', new AuthenticationError('m', { code: '34' }), false, false],
    ['an unsigned 03 (unverified)', new AuthenticationError('m', { unverified: true }), false, false],
  ],
  seal: [['a reply whose seal does not verify', new SealMismatchError('m'), false, false]],
  unavailable: [
    ['90 from the gateway', fromReply('90'), true, true],
    ['99 from the gateway', fromReply('99'), true, true],
    ['TemporarilyUnavailableError', new TemporarilyUnavailableError('m'), true, true],
  ],
  transport: [
    ['a connection never made', new TransportError('m', { outcomeUnknown: false }), true, true],
    ['a reply lost after sending', new TransportError('m', { outcomeUnknown: true }), false, true],
    ['an HTTP 502 after sending', new TransportError('m', { outcomeUnknown: true, status: 502 }), false, true],
    [
      'a certificate matching no pin (nothing sent, same result next time)',
      new CertificatePinError('checkout.cardOrder', 'office-server.sogenactif.com', 'no pin matches'),
      false,
      false,
    ],
  ],
  'invalid-response': [['an unusable reply', new InvalidResponseError('m'), false, true]],
  'outcome-unknown': [
    ['a lost reply already looked up', new OutcomeUnknownError('m', { resolution }), false, false],
    [
      'a write not confirmed',
      new WriteNotConfirmedError('m', { operation: 'cashManagement.cancel', resolution, mismatches: [] }),
      false,
      false,
    ],
  ],
  fault: [['a SOAP fault', new SoapFaultError('m', { faultCode: 'c', faultString: 's' }), false, true]],
  journal: [
    [
      'a journal that failed before sending',
      new JournalError('m', { reason: 'write-failed', nothingSent: true }),
      false,
      false,
    ],
    ['a journal that failed after sending', new JournalError('m', { reason: 'write-failed' }), false, false],
  ],
};

const rows = Object.entries(CASES).flatMap(([kind, cases]) =>
  cases.map(([label, error, retryable, resentForRead]) => [kind, label, error, retryable, resentForRead] as const),
);

test('the table covers every category and kind', () => {
  expect(everyCategory).toBe(true);
  for (const [kind, , error] of rows) expect(error.kind).toBe(kind);
});

describe.each(rows)('%s: %s', (_kind, _label, error, retryable, resentForRead) => {
  test(`retryable is ${retryable}, in the error and in its JSON`, () => {
    expect(error.retryable).toBe(retryable);
    expect(error.toJSON().retryable).toBe(retryable);
  });

  test.each(CATEGORIES)('%s', (category) => {
    const want = category === 'read' ? retryable || resentForRead : retryable;
    expect(shouldRetry({ category }, error)).toBe(want);
  });

  test('one policy: retryable means resent whatever the operation; otherwise only a read may be', () => {
    const resent = CATEGORIES.filter((category) => shouldRetry({ category }, error));
    if (retryable) expect(resent).toEqual([...CATEGORIES]);
    else expect(resent).toEqual(resentForRead ? ['read'] : []);
  });
});

test('an operation other than a read whose outcome may be unknown is never resent', () => {
  const unknown = rows.filter(([, , error]) => (error as { outcomeUnknown?: boolean }).outcomeUnknown === true);
  expect(unknown.map(([kind]) => kind).sort()).toEqual(['fault', 'invalid-response', 'transport', 'transport']);
  for (const [, , error] of unknown)
    expect(CATEGORIES.filter((category) => shouldRetry({ category }, error))).toEqual(['read']);
});

describe("errors that are not this copy's classes", () => {
  test.each([
    // given, want for a read, want for a payment
    [
      "another copy's 99 (kind, fault, retryable)",
      Object.assign(new Error('m'), { kind: 'unavailable', fault: 'server', retryable: true }),
      true,
      true,
    ],
    [
      "another copy's lost reply",
      Object.assign(new Error('m'), { kind: 'transport', fault: 'server', retryable: false, outcomeUnknown: true }),
      true,
      false,
    ],
    ['a plain Error saying retryable', Object.assign(new Error('m'), { retryable: true }), false, false],
    ['a plain object', { kind: 'unavailable', fault: 'server', retryable: true }, false, false],
    ['not an error', 'boom', false, false],
  ])('%s: read %p, payment %p', (_label, error, wantRead, wantPayment) => {
    expect(shouldRetry({ category: 'read' }, error)).toBe(wantRead);
    expect(shouldRetry({ category: 'payment' }, error)).toBe(wantPayment);
  });
});
