// The CLI where a secret or an outcome is at stake: a write whose reply cannot be trusted exits 4 (outcome
// unknown), never 1 (refused); `simulate` takes its merchants' keys from a file or the environment, and warns
// when a key is put in argv.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createClient, type SogenactifClient } from '../../src/runtime';
import { parseMerchants, simulatorMerchants } from '../../src/tools/cli/merchants';
import { EXIT } from '../../src/tools/cli/exit-codes';
import { run } from '../../src/tools/cli/program';
import { DEFAULT_MERCHANT, startSimulator, type RunningSimulator } from '../../src/tools/simulator/server';
import { captureIo as io } from '../support/cli-io';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-hygiene-'));
const file = (name: string, value: unknown, mode = 0o600): string => {
  const target = path.join(tmp, name);
  fs.writeFileSync(target, typeof value === 'string' ? value : JSON.stringify(value), { mode });
  fs.chmodSync(target, mode);
  return target;
};
const credentials = {
  SOGENACTIF_MERCHANT_ID: DEFAULT_MERCHANT.merchantId,
  SOGENACTIF_SECRET_KEY: DEFAULT_MERCHANT.secretKey,
  SOGENACTIF_KEY_VERSION: '1',
};
let sequence = 0;
const ref = (prefix: string): string => `${prefix}${Date.now().toString(36)}${(sequence += 1)}`;

describe('a write whose reply cannot be trusted exits 4 (outcome unknown), a read keeps its code', () => {
  let simulator: RunningSimulator;
  let client: SogenactifClient;
  beforeAll(async () => {
    simulator = await startSimulator();
    client = createClient({ ...DEFAULT_MERCHANT, environment: simulator.url, retry: false });
  });
  afterAll(async () => {
    client.close();
    await simulator.close();
  });

  /** A fresh approved card payment in the given capture mode (card 4100000000000035: held PENDING for a challenge). */
  async function payment(fields: Record<string, unknown> = {}): Promise<string> {
    const transactionReference = ref('CLIW');
    await client.checkout.cardOrder({
      amount: 1000,
      currencyCode: '978',
      cardNumber: '4200000000000000',
      cardExpiryDate: '203012',
      orderChannel: 'INTERNET',
      transactionReference,
      ...fields,
    } as never);
    return transactionReference;
  }
  const status = (transactionReference: string): string | undefined =>
    [...simulator.state.transactions.values()].find((t) => t.transactionReference === transactionReference)?.status;

  // given: a write, the fault its reply suffers (after the simulator did the work); want: exit 4 and the status the
  // gateway holds afterwards (the write was carried out although the CLI could not trust the reply).
  const writes: Array<{
    name: string;
    target: string;
    setup: () => Promise<string>;
    data: (reference: string, fault: string) => Record<string, unknown>;
    fault: string;
    after?: string;
  }> = [
    {
      name: 'cancel, forged seal',
      target: 'cashManagement.cancel',
      setup: () => payment(),
      data: (r, f) => ({ transactionReference: r, operationAmount: 1000, currencyCode: '978', operationOrigin: f }),
      fault: 'FAULT_BAD_SEAL_1',
      after: 'CANCELLED',
    },
    {
      name: 'cancel, no seal',
      target: 'cashManagement.cancel',
      setup: () => payment(),
      data: (r, f) => ({ transactionReference: r, operationAmount: 1000, currencyCode: '978', operationOrigin: f }),
      fault: 'FAULT_NO_SEAL_1',
      after: 'CANCELLED',
    },
    {
      name: 'cancel, truncated reply',
      target: 'cashManagement.cancel',
      setup: () => payment(),
      data: (r, f) => ({ transactionReference: r, operationAmount: 1000, currencyCode: '978', operationOrigin: f }),
      fault: 'FAULT_TRUNCATED_1',
      after: 'CANCELLED',
    },
    {
      name: 'cancel, connection dropped',
      target: 'cashManagement.cancel',
      setup: () => payment(),
      data: (r, f) => ({ transactionReference: r, operationAmount: 1000, currencyCode: '978', operationOrigin: f }),
      fault: 'FAULT_DROP_1',
      after: 'CANCELLED',
    },
    {
      name: 'validate, forged seal',
      target: 'cashManagement.validate',
      setup: () => payment({ captureMode: 'VALIDATION' }),
      data: (r, f) => ({ transactionReference: r, operationAmount: 1000, currencyCode: '978', operationOrigin: f }),
      fault: 'FAULT_BAD_SEAL_1',
      after: 'TO_CAPTURE',
    },
    {
      name: 'refund, forged seal',
      target: 'cashManagement.refund',
      setup: () => payment({ captureMode: 'IMMEDIATE' }),
      data: (r, f) => ({ transactionReference: r, operationAmount: 400, currencyCode: '978', operationOrigin: f }),
      fault: 'FAULT_BAD_SEAL_1',
    },
    {
      name: 'acceptChallenge, forged seal',
      target: 'cashManagement.acceptChallenge',
      setup: () => payment({ cardNumber: '4100000000000035' }),
      data: (r, f) => ({ transactionReference: r, operationOrigin: f }),
      fault: 'FAULT_BAD_SEAL_1',
    },
    {
      name: 'refuseChallenge, forged seal',
      target: 'cashManagement.refuseChallenge',
      setup: () => payment({ cardNumber: '4100000000000035' }),
      data: (r, f) => ({ transactionReference: r, operationOrigin: f }),
      fault: 'FAULT_BAD_SEAL_1',
    },
    {
      name: 'wallet signOff, forged seal',
      target: 'wallet.signOff',
      setup: async () => '',
      data: (_r, f) => ({ merchantWalletId: `${f}W` }),
      fault: 'FAULT_BAD_SEAL_1',
    },
  ];
  test.each(writes)(
    '$name: exit 4, "outcome": "unknown", and advice to look it up',
    async ({ target, setup, data, fault, after }) => {
      const reference = await setup();
      const capture = io(credentials);
      const code = await run(
        ['call', target, '--data', file(`${ref('w')}.json`, data(reference, fault)), '--env', simulator.url],
        capture,
      );
      expect(code).toBe(EXIT.outcomeUnknown);
      const error = JSON.parse(capture.err) as Record<string, unknown>;
      expect(error).toMatchObject({
        outcome: 'unknown',
        advice: expect.stringContaining(`${target} may have been carried out`),
      });
      if (reference) expect(error.advice).toContain(`"transactionReference": "${reference}"`);
      expect(capture.out).toBe('');
      expect(capture.err).not.toContain(DEFAULT_MERCHANT.secretKey);
      if (after) expect(status(reference)).toBe(after);
    },
  );

  test('a payment whose reply was forged still exits 4, with the lookup it did', async () => {
    const capture = io(credentials);
    const payment = {
      amount: 1000,
      currencyCode: '978',
      cardNumber: '4200000000000000',
      cardExpiryDate: '203012',
      orderChannel: 'INTERNET',
      transactionReference: ref('CLIP'),
      orderId: 'FAULT_BAD_SEAL_1',
    };
    expect(
      await run(['call', 'checkout.cardOrder', '--data', file('p.json', payment), '--env', simulator.url], capture),
    ).toBe(EXIT.outcomeUnknown);
    expect(JSON.parse(capture.err)).toMatchObject({
      error: 'OutcomeUnknownError',
      resolution: { outcome: 'approved' },
    });
  });

  // given: a read and the fault on its reply; want: its own exit code (nothing was changed).
  test.each([
    ['mandate.searchMandate', { customerId: 'FAULT_BAD_SEAL_1' }, EXIT.refused, 'SealMismatchError'],
    ['mandate.searchMandate', { customerId: 'FAULT_TRUNCATED_1' }, EXIT.transport, 'InvalidResponseError'],
  ])('%s with %j: exit %i (%s), no "outcome"', async (target, data, want, name) => {
    const capture = io(credentials);
    expect(await run(['call', target, '--data', file(`${ref('r')}.json`, data), '--env', simulator.url], capture)).toBe(
      want,
    );
    const error = JSON.parse(capture.err) as Record<string, unknown>;
    expect(error.error).toBe(name);
    expect(error.outcome).toBeUndefined();
  });

  test('a write refused by a sealed reply keeps exit 1 (the gateway said no)', async () => {
    const capture = io(credentials);
    expect(
      await run(
        [
          'call',
          'cashManagement.cancel',
          '--data',
          file('c.json', {
            transactionReference: ref('NONE'),
            operationAmount: 1,
            currencyCode: '978',
            operationOrigin: 'CLI',
          }),
          '--env',
          simulator.url,
        ],
        capture,
      ),
    ).toBe(EXIT.refused);
    expect(JSON.parse(capture.err)).toMatchObject({ code: '25' });
  });

  // given: the wire options; want: the exit code and the wire the simulator logged (undefined: nothing was sent).
  test.each([
    [[], EXIT.ok, 'soap'],
    [['--wire', 'json'], EXIT.ok, 'json'],
    [['--transport', 'json'], EXIT.ok, 'json'],
    [['--wire', 'xml'], EXIT.usage, undefined],
    [['--wire', 'json', '--transport', 'json'], EXIT.usage, undefined],
  ])(
    'call %j: exit %i on the %s wire (--transport is the hidden former name of --wire)',
    async (options, want, wire) => {
      const capture = io(credentials);
      const customerId = ref('WIRE');
      expect(
        await run(
          [
            'call',
            'mandate.searchMandate',
            '--data',
            file(`${customerId}.json`, { customerId }),
            '--env',
            simulator.url,
            ...options,
          ],
          capture,
        ),
      ).toBe(want);
      expect(simulator.exchanges().find((exchange) => exchange.request.customerId === customerId)?.wire).toBe(wire);
      if (want === EXIT.usage)
        expect(JSON.parse(capture.err).message).toMatch(
          options.length > 2
            ? /--transport is the former name of --wire: give only --wire/
            : /--wire takes 'soap' or 'json'/,
        );
    },
  );

  test('call --help shows --wire and not its former name', async () => {
    const capture = io();
    expect(await run(['call', '--help'], capture)).toBe(EXIT.ok);
    expect(capture.out).toContain('--wire <wire>');
    expect(capture.out).not.toContain('--transport');
  });

  test('a write that never left (connection refused) keeps exit 3', async () => {
    const capture = io(credentials);
    expect(
      await run(
        [
          'call',
          'cashManagement.cancel',
          '--data',
          file('d.json', {
            transactionReference: 'X',
            operationAmount: 1,
            currencyCode: '978',
            operationOrigin: 'CLI',
          }),
          '--env',
          'http://127.0.0.1:9',
        ],
        capture,
      ),
    ).toBe(EXIT.transport);
    expect(JSON.parse(capture.err)).toMatchObject({ error: 'TransportError', outcomeUnknown: false });
  });
});

describe('simulate: merchant keys from a file or the environment, never argv without a warning', () => {
  const A = { merchantId: '002001000000011', secretKey: 'KEY-A-secret', keyVersion: 2 };
  const B = { merchantId: '002001000000012', secretKey: 'KEY-B-secret', keyVersion: 1 };

  // given: the merchants as text; want: the merchants read.
  test.each([
    [
      'lines with a comment and a default version',
      `# test merchants\n${A.merchantId}:${A.secretKey}:2\n\n${B.merchantId}:${B.secretKey}  # the second\n`,
      [A, B],
    ],
    ['separated by commas and spaces', `${A.merchantId}:${A.secretKey}:2, ${B.merchantId}:${B.secretKey}`, [A, B]],
    ['a JSON array', JSON.stringify([A, { merchantId: B.merchantId, secretKey: B.secretKey }]), [A, B]],
    ['one JSON object, with a BOM', `\uFEFF${JSON.stringify(A)}`, [A]],
  ])('%s', (_name, text, want) => {
    expect(parseMerchants(text, 'test')).toEqual(want);
  });

  test.each([
    ['a bad line', `${A.merchantId}:${A.secretKey}\n12345:${B.secretKey}`, /test #2 must be ID:KEY\[:VERSION\]/],
    ['bad JSON', `[{"merchantId": "${A.merchantId}", "secretKey": "${A.secretKey}"`, /test is not valid JSON/],
    ['a JSON entry without a key', JSON.stringify([{ merchantId: A.merchantId }]), /test: merchant #1 must be/],
  ])('%s is refused without repeating a key', (_name, text, message) => {
    let thrown: Error | undefined;
    try {
      parseMerchants(text, 'test');
    } catch (error) {
      thrown = error as Error;
    }
    expect(thrown?.message).toMatch(message);
    expect(thrown?.message).not.toMatch(/KEY-[AB]-secret/);
  });

  test(
    'sources: --merchant-file, else --merchant (warned), else the environment; a file open to others is warned ' +
      'about',
    () => {
      const quiet = io();
      expect(simulatorMerchants({ merchant: [], merchantFile: file('m.json', [A, B]) }, quiet)).toEqual([A, B]);
      expect(quiet.err).toBe('');
      const open = io();
      expect(
        simulatorMerchants(
          { merchant: [], merchantFile: file('open.txt', `${A.merchantId}:${A.secretKey}:2`, 0o644) },
          open,
        ),
      ).toEqual([A]);
      expect(open.err).toMatch(/open\.txt can be read by other users of this machine \(chmod 600 it\)/);
      const argv = io({ SOGENACTIF_SIMULATOR_MERCHANTS: `${B.merchantId}:${B.secretKey}` });
      expect(simulatorMerchants({ merchant: [`${A.merchantId}:${A.secretKey}:2`] }, argv)).toEqual([A]);
      expect(argv.err).toMatch(
        /--merchant puts a secret key in this process's arguments, which other users of this machine can read/,
      );
      expect(argv.err).not.toContain(A.secretKey);
      const env = io({ SOGENACTIF_SIMULATOR_MERCHANTS: `${B.merchantId}:${B.secretKey}` });
      expect(simulatorMerchants({ merchant: [] }, env)).toEqual([B]);
      expect(env.err).toBe('');
      expect(simulatorMerchants({ merchant: [] }, io())).toBeUndefined();
      expect(() =>
        simulatorMerchants(
          { merchant: [`${A.merchantId}:${A.secretKey}`], merchantFile: file('both.json', [B]) },
          io(),
        ),
      ).toThrow(/not both/);
      expect(() => simulatorMerchants({ merchant: [], merchantFile: path.join(tmp, 'missing.json') }, io())).toThrow(
        /cannot read --merchant-file .*ENOENT/,
      );
    },
  );

  test.each([
    [['--allow-host', 'evil.example/x'], /allowedHosts: "evil\.example\/x" is not a host name/],
    [
      ['--headers-timeout-ms', '5000', '--request-timeout-ms', '1000'],
      /headersTimeoutMs \(5000\) must not exceed requestTimeoutMs \(1000\)/,
    ],
    [['--max-connections', '0'], /expected a positive integer/],
  ])('simulate %j is a usage error (exit 2)', async (args, message) => {
    const capture = io();
    expect(await run(['simulate', '--port', '0', ...args], capture)).toBe(EXIT.usage);
    // A JSON UsageError (its quotes escaped), or commander's own line for a flag's value.
    expect(capture.err.replace(/\\"/g, '"')).toMatch(message);
  });

  test('seal --key warns that argv is readable by other users; the key from the environment does not', async () => {
    const data = file('s.json', { merchantId: A.merchantId });
    const argv = io();
    expect(await run(['seal', '--data', data, '--key', 'K-ARGV-SECRET'], argv)).toBe(0);
    expect(argv.err).toMatch(/--key puts a secret key in this process's arguments.*SOGENACTIF_SECRET_KEY/);
    expect(argv.err).not.toContain('K-ARGV-SECRET');
    const env = io({ SOGENACTIF_SECRET_KEY: 'K' });
    expect(await run(['seal', '--data', data], env)).toBe(0);
    expect(env.err).toBe('');
  });

  test(
    '`sogenactif simulate` serves the merchants of $SOGENACTIF_SIMULATOR_MERCHANTS and of --merchant-file, ' +
      'printing no key',
    async () => {
      for (const source of ['env', 'file'] as const) {
        const args =
          source === 'file' ? ['--merchant-file', file('cli-merchants.txt', `${A.merchantId}:${A.secretKey}:2\n`)] : [];
        const env = {
          ...process.env,
          ...(source === 'env' ? { SOGENACTIF_SIMULATOR_MERCHANTS: `${A.merchantId}:${A.secretKey}:2` } : {}),
        };
        const child = spawn(
          process.execPath,
          ['scripts/ts-run.js', 'src/tools/cli/main.ts', 'simulate', '--port', '0', ...args],
          { stdio: ['ignore', 'pipe', 'pipe'], env },
        );
        let output = '';
        child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
        try {
          const url = await new Promise<string>((resolve, reject) => {
            child.stdout.on('data', (chunk: Buffer) => {
              output += chunk.toString('utf8');
              const found = /listening on (http\S+)/.exec(output);
              if (found && output.includes('Dashboard:')) resolve(found[1]!);
            });
            child.once('exit', (code) => reject(new Error(`simulate exited with ${code}: ${output}`)));
          });
          expect(output).toContain(`merchants: ${A.merchantId}`);
          expect(output).not.toContain(A.secretKey);
          const merchant = createClient({ ...A, environment: url, retry: false });
          await expect(merchant.mandate.searchMandate({ customerId: 'CUST-0001' })).resolves.toMatchObject({
            mandateResponseCode: '00',
          });
          merchant.close();
        } finally {
          await new Promise<void>((resolve) =>
            child.exitCode !== null ? resolve() : (child.once('exit', () => resolve()), child.kill('SIGTERM')),
          );
        }
      }
    },
    60_000,
  );
});
