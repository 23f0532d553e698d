import { createClient, DeclinedError, InvalidRequestError, SogenactifError, TemporarilyUnavailableError, checkOutcome, searchMandateOperation } from '../src';
import { errorForOutcome } from '../src/errors';

const config = { merchantId: '002001000000001', secretKey: 'TOP-SECRET-KEY-1', keyVersion: 1, environment: 'http://127.0.0.1:9' } as const;

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
    const run = () => checkOutcome(searchMandateOperation, 'mandate.searchMandate', { mandateResponseCode: code, errorFieldName: code === '12' ? 'customerId' : undefined });
    if (!name) return expect(run()).toEqual({ mandateResponseCode: code });
    const error = (() => { try { run(); } catch (e) { return e; } return undefined; })() as SogenactifError;
    expect(error.name).toBe(name);
    expect(error).toBeInstanceOf(SogenactifError);
    expect(error.code).toBe(code);
    expect(error.retryable).toBe(name === 'TemporarilyUnavailableError');
    if (code === '12') expect((error as InvalidRequestError).fields).toEqual([{ field: 'customerId', problem: 'rejected by the gateway' }]);
  });

  test('meanings come from the dictionary', () => {
    expect(() => checkOutcome(searchMandateOperation, 'mandate.searchMandate', { mandateResponseCode: '05', acquirerResponseCode: '51' })).toThrow(
      'mandate.searchMandate: mandateResponseCode 05 (Process is refused), acquirerResponseCode 51 (Insufficient or exceeded credit)',
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
    const wire = await client.mandate.searchMandate({ customerId: 'C', interfaceVersion: 'MR_WS_2.0', unknownField: 1 } as never).catch((e: unknown) => e);
    expect(wire).toMatchObject({ name: 'InvalidRequestError', fields: [{ field: 'unknownField', problem: 'is not a field of this request' }] });
    client.close();
  });
});
