// src/runtime/errors.ts: the code field to the typed error (meanings from the dictionary, classes and flags), no secret
// in errors or the client object, and the kinds, type guards and one factory from a reply.
import {
  createClient,
  DeclinedError,
  InvalidRequestError,
  SogenactifError,
  TemporarilyUnavailableError,
  checkOutcome,
  searchMandateOperation,
} from '../../../src/runtime';
import { errorForOutcome } from '../../../src/runtime/errors';
import {
  AuthenticationError,
  DuplicateTransactionError,
  InvalidResponseError,
  OutcomeUnknownError,
  SealMismatchError,
  SoapFaultError,
  TransportError,
  errorFromReply,
  isDeclinedError,
  isOutcomeUnknownError,
  isSogenactifError,
  type ErrorKind,
} from '../../../src/runtime';

const config = {
  merchantId: '002001000000001',
  secretKey: 'TOP-SECRET-KEY-1',
  keyVersion: 1,
  environment: 'http://127.0.0.1:9',
} as const;

describe('code field to typed error', () => {
  test.each([
    ['00', undefined],
    ['05', 'DeclinedError'],
    ['17', 'DeclinedError'],
    ['12', 'InvalidRequestError'],
    ['30', 'InvalidRequestError'],
    ['03', 'AuthenticationError'],
    ['34', 'AuthenticationError'],
    ['99', 'TemporarilyUnavailableError'],
    ['77', 'DeclinedError'],
  ])('mandateResponseCode %s', (code, name) => {
    const run = () =>
      checkOutcome(searchMandateOperation, 'mandate.searchMandate', {
        mandateResponseCode: code,
        errorFieldName: code === '12' ? 'customerId' : undefined,
      });
    if (!name) return expect(run()).toEqual({ mandateResponseCode: code });
    const error = (() => {
      try {
        run();
      } catch (e) {
        return e;
      }
      return undefined;
    })() as SogenactifError;
    expect(error.name).toBe(name);
    expect(error).toBeInstanceOf(SogenactifError);
    expect(error.code).toBe(code);
    expect(error.retryable).toBe(name === 'TemporarilyUnavailableError');
    if (code === '12')
      expect((error as InvalidRequestError).fields).toEqual([
        { field: 'customerId', problem: 'rejected by the gateway' },
      ]);
  });

  test('meanings come from the dictionary', () => {
    expect(() =>
      checkOutcome(searchMandateOperation, 'mandate.searchMandate', {
        mandateResponseCode: '05',
        acquirerResponseCode: '51',
      }),
    ).toThrow(
      'mandate.searchMandate: mandateResponseCode 05 (Process is refused), acquirerResponseCode 51 ' +
        '(Insufficient or exceeded credit)',
    );
  });

  test('classes and flags', () => {
    expect(errorForOutcome('unavailable', 'm', {})).toBeInstanceOf(TemporarilyUnavailableError);
    expect(errorForOutcome('declined', 'm', {})).toBeInstanceOf(DeclinedError);
    expect(errorForOutcome('pending', 'm', {})).toBeUndefined();
  });
});

describe('no secret in errors', () => {
  test('configuration errors name the field, not the value', () => {
    let error: InvalidRequestError | undefined;
    try {
      createClient({ ...config, merchantId: 'bad', keyVersion: 0 });
    } catch (e) {
      error = e as InvalidRequestError;
    }
    expect(error?.fields.map((f) => f.field)).toEqual(['merchantId', 'keyVersion']);
    expect(JSON.stringify(error)).not.toContain('TOP-SECRET-KEY-1');
  });

  test('the client object does not expose the key', () => {
    const client = createClient(config);
    expect(JSON.stringify(Object.keys(client))).not.toContain('secret');
    expect(JSON.stringify(client)).not.toContain('TOP-SECRET-KEY-1');
    client.close();
  });

  test('config fields cannot be smuggled into a request', async () => {
    const client = createClient(config);
    await expect(client.mandate.searchMandate({ customerId: 'C', seal: 'x' } as never)).rejects.toMatchObject({
      name: 'InvalidRequestError',
      fields: [{ field: 'seal', problem: 'is set from the client configuration and must not be passed' }],
    });
    client.close();
  });

  test('a field newer than the interface version sent is refused locally', async () => {
    const client = createClient(config);
    const wire = await client.mandate
      .searchMandate({ customerId: 'C', interfaceVersion: 'MR_WS_2.0', unknownField: 1 } as never)
      .catch((e: unknown) => e);
    expect(wire).toMatchObject({
      name: 'InvalidRequestError',
      fields: [{ field: 'unknownField', problem: 'is not a field of this request' }],
    });
    client.close();
  });
});

describe('kinds, type guards and the one factory from a reply', () => {
  test.each([
    // given error, want kind
    [new DeclinedError('m'), 'declined'],
    [new InvalidRequestError('m'), 'invalid-request'],
    [new DuplicateTransactionError('m'), 'duplicate'],
    [new AuthenticationError('m'), 'authentication'],
    [new SealMismatchError('m'), 'seal'],
    [new TemporarilyUnavailableError('m'), 'unavailable'],
    [new TransportError('m', { outcomeUnknown: false }), 'transport'],
    [new InvalidResponseError('m'), 'invalid-response'],
    [
      new OutcomeUnknownError('m', { resolution: { outcome: 'unknown', transactionReference: 'R' } }),
      'outcome-unknown',
    ],
    [new SoapFaultError('m', { faultCode: 'c', faultString: 's' }), 'fault'],
  ] as [SogenactifError, ErrorKind][])('%p has kind %p, and the guard narrows to it', (error, kind) => {
    expect(error.kind).toBe(kind);
    expect(isSogenactifError(error)).toBe(true);
    expect(isSogenactifError(error, kind)).toBe(true);
    expect(isSogenactifError(error, kind === 'declined' ? 'transport' : 'declined')).toBe(false);
  });

  test('the guards recognise an error from another copy of the package, and nothing else', () => {
    const foreign = Object.assign(new Error('m'), { name: 'DeclinedError', kind: 'declined', fault: 'server' });
    expect(isDeclinedError(foreign)).toBe(true);
    expect(isSogenactifError(new Error('m'))).toBe(false);
    expect(isSogenactifError({ kind: 'declined', fault: 'server' })).toBe(false);
    expect(isOutcomeUnknownError(new DeclinedError('m'))).toBe(false);
  });

  test.each([
    // given reply fields, want class (undefined: no error)
    [{ mandateResponseCode: '00' }, undefined],
    [{ mandateResponseCode: '60' }, undefined],
    [{ mandateResponseCode: '05' }, DeclinedError],
    [{ mandateResponseCode: '12', errorFieldName: 'customerId' }, InvalidRequestError],
    [{ mandateResponseCode: '99' }, TemporarilyUnavailableError],
    [{ mandateResponseCode: '03' }, AuthenticationError],
    [{ mandateResponseCode: '34', acquirerResponseCode: '59' }, DeclinedError],
    [{}, InvalidResponseError],
  ])('errorFromReply(%p) is %p', (response, want) => {
    const error = errorFromReply(searchMandateOperation, 'mandate.searchMandate', response);
    if (want === undefined) expect(error).toBeUndefined();
    else expect(error).toBeInstanceOf(want);
  });
});
