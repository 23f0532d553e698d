// `sogenactif seal` and `sogenactif call` through a fresh createProgram(): seals printed and verified (the data never
// picks the algorithm), typed responses as JSON, refusals, local validation, lost replies and transport failures with
// their exit codes (1, 2, 3, 4), and never the key in what is printed.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createProgram, run } from '../../src/tools/cli/program';
import { captureIo as io } from '../support/cli-io';
import { computeSeal } from '../../src/runtime/seal';
import { startSimulator, DEFAULT_MERCHANT, type RunningSimulator } from '../../src/tools/simulator/server';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-'));
const file = (name: string, value: unknown): string => {
  const target = path.join(tmp, name);
  fs.writeFileSync(target, JSON.stringify(value));
  return target;
};
const credentials = {
  SOGENACTIF_MERCHANT_ID: DEFAULT_MERCHANT.merchantId,
  SOGENACTIF_SECRET_KEY: DEFAULT_MERCHANT.secretKey,
  SOGENACTIF_KEY_VERSION: '1',
};

describe('sogenactif seal', () => {
  const fields = {
    customerId: 'CUST-0001',
    interfaceVersion: 'MR_WS_2.58',
    merchantId: '002001000000001',
    keyVersion: 1,
  };

  test('prints the seal of a file, key from the environment', async () => {
    const capture = io({ SOGENACTIF_SECRET_KEY: 'K' });
    expect(await run(['seal', '--data', file('f.json', fields)], capture)).toBe(0);
    expect(capture.out).toBe(`${computeSeal(fields, 'K')}\n`);
  });

  test('reads standard input and takes --key and --algorithm', async () => {
    const capture = io({}, JSON.stringify(fields));
    expect(await run(['seal', '--data', '-', '--key', 'K', '--algorithm', 'HMAC-SHA-512'], capture)).toBe(0);
    expect(capture.out.trim()).toBe(computeSeal(fields, 'K', 'HMAC-SHA-512'));
  });

  test('--verify: 0 for a good seal, 1 for a bad one', async () => {
    const good = io({ SOGENACTIF_SECRET_KEY: 'K' });
    expect(
      await run(['seal', '--verify', '--data', file('g.json', { ...fields, seal: computeSeal(fields, 'K') })], good),
    ).toBe(0);
    expect(JSON.parse(good.out)).toEqual({ valid: true, algorithm: 'HMAC-SHA-256' });
    const bad = io({ SOGENACTIF_SECRET_KEY: 'K' });
    expect(
      await run(['seal', '--verify', '--data', file('b.json', { ...fields, seal: computeSeal(fields, 'other') })], bad),
    ).toBe(1);
    expect(JSON.parse(bad.out).valid).toBe(false);
  });

  test(
    '--verify never lets the data pick its algorithm: a SHA-256 seal declared by the data is refused unless ' +
      '--algorithm says so',
    async () => {
      const shaSealed = { ...fields, sealAlgorithm: 'SHA-256', seal: computeSeal(fields, 'K', 'SHA-256') };
      const refused = io({ SOGENACTIF_SECRET_KEY: 'K' });
      expect(await run(['seal', '--verify', '--data', file('sha.json', shaSealed)], refused)).toBe(1);
      expect(JSON.parse(refused.out)).toMatchObject({
        valid: false,
        algorithm: 'HMAC-SHA-256',
        reason: expect.stringMatching(/declares seal algorithm "SHA-256"/),
      });
      const chosen = io({ SOGENACTIF_SECRET_KEY: 'K' });
      expect(
        await run(['seal', '--verify', '--algorithm', 'SHA-256', '--data', file('sha2.json', shaSealed)], chosen),
      ).toBe(0);
    },
  );

  test('usage errors exit 2 and never echo the key', async () => {
    const noKey = io();
    expect(await run(['seal', '--data', file('n.json', fields)], noKey)).toBe(2);
    expect(JSON.parse(noKey.err)).toMatchObject({ error: 'UsageError' });
    const badAlgorithm = io({ SOGENACTIF_SECRET_KEY: 'SECRET-K' });
    expect(await run(['seal', '--data', file('a.json', fields), '--algorithm', 'MD5'], badAlgorithm)).toBe(2);
    expect(badAlgorithm.err + badAlgorithm.out).not.toContain('SECRET-K');
  });

  test('--help lists the commands and exit codes', async () => {
    const capture = io();
    expect(await run(['--help'], capture)).toBe(0);
    expect(capture.out).toMatch(/seal/);
    expect(capture.out).toMatch(/call/);
    expect(capture.out).toMatch(/Exit codes/);
    expect(capture.out).toMatch(/4 outcome unknown/);
    expect(createProgram(capture).commands.map((c) => c.name())).toEqual([
      'seal',
      'call',
      'simulate',
      'fetch-wsdl',
      'generate',
      'diff',
      'describe',
      'gateway',
      'recover',
      'journal',
    ]);
  });
});

describe('sogenactif call', () => {
  let simulator: RunningSimulator;
  beforeAll(async () => {
    simulator = await startSimulator();
  });
  afterAll(async () => simulator.close());

  test('prints the typed response as JSON', async () => {
    const capture = io(credentials);
    expect(
      await run(
        [
          'call',
          'mandate.searchMandate',
          '--data',
          file('s.json', { customerId: 'CUST-0001' }),
          '--env',
          simulator.url,
          '--timeout-ms',
          '5000',
        ],
        capture,
      ),
    ).toBe(0);
    const response = JSON.parse(capture.out);
    expect(response.mandateResponseCode).toBe('00');
    expect(response.mandateList).toHaveLength(2);
  });

  test('a refusal is a JSON error naming the class, exit 1, no key in it', async () => {
    const capture = io(credentials);
    expect(
      await run(
        ['call', 'mandate.getMandateData', '--data', file('u.json', { mandateId: 'NOPE' }), '--env', simulator.url],
        capture,
      ),
    ).toBe(1);
    const error = JSON.parse(capture.err);
    expect(error).toMatchObject({
      error: 'InvalidRequestError',
      code: '25',
      codeField: 'mandateResponseCode',
      operation: 'mandate.getMandateData',
    });
    expect(capture.err).not.toContain(DEFAULT_MERCHANT.secretKey);
  });

  test('bad input is refused locally with the field named (exit 2)', async () => {
    const capture = io(credentials);
    expect(
      await run(
        ['call', 'mandate.searchMandate', '--data', file('x.json', { customerId: 42 }), '--env', simulator.url],
        capture,
      ),
    ).toBe(2);
    expect(JSON.parse(capture.err)).toMatchObject({
      error: 'InvalidRequestError',
      fields: [{ field: 'customerId', problem: 'must be a string' }],
    });
  });

  test('an unknown operation offers the closest names, or says how to list them (never all 44)', async () => {
    const capture = io(credentials);
    expect(await run(['call', 'mandate.searchMandat', '--data', file('y.json', {})], capture)).toBe(2);
    expect(JSON.parse(capture.err).message).toBe(
      'unknown operation "mandate.searchMandat"; did you mean mandate.searchMandate? (`sogenactif describe` ' +
        'lists the 44 operations of authentication, cashManagement, checkout, diagnostic, fraud, mandate, ' +
        'paymentMeanInfo, token, wallet)',
    );
    const far = io(credentials);
    expect(await run(['call', 'mandate.nothing', '--data', file('y.json', {})], far)).toBe(2);
    expect(JSON.parse(far.err).message).toMatch(
      /^unknown operation "mandate\.nothing": give SERVICE\.OPERATION \(`sogenactif describe` lists the 44 operations/,
    );
    expect(far.err).not.toContain('mandate.searchMandate');
  });

  test(
    'a payment whose reply was lost exits 4 (not 1), printing the resolution, even when the lookup says ' + 'approved',
    async () => {
      const capture = io(credentials);
      const payment = {
        amount: 1000,
        currencyCode: '978',
        cardNumber: '4200000000000000',
        cardExpiryDate: '203012',
        orderChannel: 'INTERNET',
        transactionReference: `CLI-LOST-${Date.now()}`,
        customerId: 'FAULT_DROP',
      };
      expect(
        await run(
          ['call', 'checkout.cardOrder', '--data', file('lost.json', payment), '--env', simulator.url],
          capture,
        ),
      ).toBe(4);
      expect(JSON.parse(capture.err)).toMatchObject({
        error: 'OutcomeUnknownError',
        resolution: { outcome: 'approved', transactionReference: payment.transactionReference },
      });
      expect(capture.out).toBe('');
    },
  );

  test('transport failure exits 3', async () => {
    const capture = io(credentials);
    expect(
      await run(
        ['call', 'mandate.searchMandate', '--data', file('z.json', { customerId: 'C' }), '--env', 'http://127.0.0.1:9'],
        capture,
      ),
    ).toBe(3);
    expect(JSON.parse(capture.err)).toMatchObject({ error: 'TransportError', outcomeUnknown: false });
  });
});
