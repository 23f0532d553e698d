// Small things a merchant noticed in the CLI, each through a fresh createProgram(): --version, exit codes read from the
// error's kind, defaults printed once in help, describe's client-filled fields and --required, diff's version checks.
import { exitCodeOf } from '../../src/tools/cli/exit-codes';
import { run } from '../../src/tools/cli/program';
import { captureIo as io } from '../support/cli-io';
import * as errors from '../../src/runtime';

test('--version prints the package version', async () => {
  const capture = io();
  expect(await run(['--version'], capture)).toBe(0);
  expect(capture.out.trim()).toBe((require('../../package.json') as { version: string }).version);
});

test.each([
  // given error, want exit code
  [new errors.OutcomeUnknownError('m', { resolution: { outcome: 'unknown', transactionReference: 'R' } }), 4],
  [new errors.TransportError('m', { outcomeUnknown: true }), 3],
  [new errors.InvalidResponseError('m'), 3],
  [new errors.SoapFaultError('m', { faultCode: 'c', faultString: 's' }), 3],
  [new errors.InvalidRequestError('m'), 2],
  [new errors.InvalidRequestError('m', { code: '12' }), 1],
  [new errors.DuplicateTransactionError('m', { code: '94' }), 1],
  [new errors.DeclinedError('m'), 1],
  [new errors.AuthenticationError('m'), 1],
  [new errors.SealMismatchError('m'), 1],
  [new errors.TemporarilyUnavailableError('m'), 1],
] as [errors.SogenactifError, number][])('%p exits %p', (error, want) => {
  expect(exitCodeOf(error)).toBe(want);
});

test.each([['call'], ['simulate'], ['diff'], ['fetch-wsdl'], ['describe'], ['seal']])(
  '%s --help prints each default once',
  async (command) => {
    const capture = io();
    expect(await run([command, '--help'], capture)).toBe(0);
    // One entry per option: its first line starts with a flag, the wrapped lines after it do not.
    const entries = capture.out.split(/\n(?=\s+(?:-\w, )?--)/).map((entry) => entry.replace(/\s+/g, ' '));
    for (const entry of entries)
      expect({ entry, defaults: entry.match(/default/g)?.length ?? 0 }).toEqual({
        entry,
        defaults: entry.match(/default/g) ? 1 : 0,
      });
    expect(capture.out).not.toContain('(default: [])');
  },
);

describe('describe', () => {
  test('marks the fields the client fills', async () => {
    const capture = io();
    expect(await run(['describe', 'checkout.cardOrder', '--json'], capture)).toBe(0);
    const [service] = JSON.parse(capture.out) as {
      operations: { request: { name: string; filledByClient?: string }[] }[];
    }[];
    const filled = Object.fromEntries(
      service!.operations[0]!.request.filter((f) => f.filledByClient).map((f) => [f.name, f.filledByClient]),
    );
    expect(filled).toEqual({
      interfaceVersion: expect.stringMatching(/^IR_WS_\d+\.\d+ unless passed/),
      keyVersion: 'from its configuration (keyVersion)',
      merchantId: 'from its configuration (merchantId)',
      seal: 'the seal it computes',
      sealAlgorithm: expect.stringMatching(/^from its configuration/),
      transactionReference: 'generated when absent (generateTransactionReferences)',
    });
  });

  test.each([
    // given operation, want example request
    ['mandate.searchMandate', { customerId: '<customerId>' }],
    [
      'checkout.cardOrder',
      {
        amount: 1000,
        cardExpiryDate: '<cardExpiryDate>',
        cardNumber: '<cardNumber>',
        currencyCode: '978',
        orderChannel: 'INTERNET',
      },
    ],
  ])('%s --required: the mandatory fields you pass and an example request', async (target, want) => {
    const capture = io();
    expect(await run(['describe', target, '--required', '--json'], capture)).toBe(0);
    const view = JSON.parse(capture.out) as { operation: string; required: { name: string }[]; example: unknown };
    expect(view.operation).toBe(target);
    expect(view.example).toEqual(want);
    expect(view.required.map((f) => f.name)).toEqual(Object.keys(want));
    const text = io();
    expect(await run(['describe', target, '--required'], text)).toBe(0);
    expect(text.out).toContain(`sogenactif call ${target} --data request.json`);
  });

  test('--required without an operation is a usage error', async () => {
    const capture = io();
    expect(await run(['describe', 'mandate', '--required'], capture)).toBe(2);
    expect(capture.err).toContain('--required takes SERVICE.OPERATION');
  });
});

describe('diff between interface versions', () => {
  test.each([
    ['2.21', '2.99', /interface version 2\.99 is unknown to this contract.*known: 2\.0, /],
    ['MR_WS_1.7', '2.58', /interface version MR_WS_1\.7 is unknown/],
  ])('%s -> %s is refused', async (before, after, want) => {
    const capture = io();
    expect(await run(['diff', before, after], capture)).toBe(2);
    expect(capture.err).toMatch(want);
  });

  test('breaking rows come first', async () => {
    const capture = io();
    expect(await run(['diff', '2.21', '2.58', '--format', 'json'], capture)).toBe(0);
    const { changes, breaking } = JSON.parse(capture.out) as { changes: { breaking: boolean }[]; breaking: number };
    expect(breaking).toBeGreaterThan(0);
    expect(changes.slice(0, breaking).every((c) => c.breaking)).toBe(true);
    expect(changes.slice(breaking).some((c) => c.breaking)).toBe(false);
  });
});
