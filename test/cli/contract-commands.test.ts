// The contract tooling commands, each through a fresh createProgram(): generate, diff, fetch-wsdl, describe.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { run } from '../../src/tools/cli/program';
import { captureIo as io } from '../support/cli-io';
import { startSimulator, type RunningSimulator } from '../../src/tools/simulator/server';

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'cli-contract-'));
const versions = 'test/fixtures/versions';

describe('sogenactif generate', () => {
  test('--check on the committed output passes (exit 0)', async () => {
    const capture = io();
    expect(
      await run(
        ['generate', '--wsdl', 'wsdl', '--out', 'generated', '--runtime', '../src/runtime/descriptor', '--check'],
        capture,
      ),
    ).toBe(0);
    expect(capture.out).toMatch(/0 stale, 0 extra/);
  });

  test('generates outside the repository against the package; --check lists stale, extra files (exit 1)', async () => {
    const out = tmp();
    const first = io();
    expect(
      await run(['generate', '--wsdl', `${versions}/mandate-2.58`, '--out', out, '--allow-outside', 'wsdl'], first),
    ).toBe(0);
    const client = fs.readFileSync(path.join(out, 'mandate/client.ts'), 'utf8');
    expect(client).toContain("from 'sogenactif-office'");
    fs.appendFileSync(path.join(out, 'mandate/types.ts'), '// edited by hand\n');
    fs.writeFileSync(path.join(out, 'mandate/old.ts'), fs.readFileSync(path.join(out, 'mandate/index.ts'), 'utf8'));
    const check = io();
    expect(
      await run(
        ['generate', '--wsdl', `${versions}/mandate-2.58`, '--out', out, '--check', '--allow-outside', 'wsdl'],
        check,
      ),
    ).toBe(1);
    expect(check.out).toContain(`stale   ${out}/mandate/types.ts`);
    expect(check.out).toContain(`extra ${out}/mandate/old.ts`);
  });

  test('--print-model prints the intermediate model', async () => {
    const capture = io();
    expect(
      await run(
        ['generate', '--wsdl', `${versions}/mandate-2.58`, '--print-model', '--allow-outside', 'wsdl'],
        capture,
      ),
    ).toBe(0);
    expect(JSON.parse(capture.out)).toMatchObject({ kind: 'contract', services: [{ name: 'mandate' }] });
  });
});

describe('sogenactif diff', () => {
  test('searchMandate 2.21 to 2.58 (the seed changelog): two optional response fields, nothing breaking', async () => {
    const capture = io();
    expect(
      await run(
        [
          'diff',
          `${versions}/mandate-2.21`,
          `${versions}/mandate-2.58`,
          '--format',
          'json',
          '--fail-on',
          'breaking',
          '--allow-outside',
          'wsdl',
        ],
        capture,
      ),
    ).toBe(0);
    const report = JSON.parse(capture.out) as {
      breaking: number;
      changes: { path: string; change: string; breaking: boolean }[];
    };
    expect(report.breaking).toBe(0);
    expect(report.changes.filter((c) => c.path.startsWith('mandate.searchMandate'))).toEqual([
      expect.objectContaining({
        change: 'added',
        path: 'mandate.searchMandate response mandateList mandateSecureReference',
        breaking: false,
      }),
      expect.objectContaining({
        change: 'added',
        path: 'mandate.searchMandate response mandateList riskyMandate',
        breaking: false,
      }),
    ]);
  });

  test('breaking changes are classified and fail the run with --fail-on breaking (Markdown)', async () => {
    const capture = io();
    expect(
      await run(
        [
          'diff',
          `${versions}/mandate-2.58`,
          `${versions}/mandate-breaking`,
          '--fail-on',
          'breaking',
          '--allow-outside',
          'wsdl',
        ],
        capture,
      ),
    ).toBe(1);
    // OBSOLETE is removed from the enum used by searchMandate's list and the flat replies of finalizeMandate and
    // getMandateData.
    expect(capture.out).toContain('6 changes, 6 breaking.');
    expect(capture.out).toContain(
      '| BREAKING | removed | mandate.finalizeMandate response mandateStatus | enum value | value OBSOLETE ' +
        'removed |',
    );
    expect(capture.out).toContain(
      '| BREAKING | changed | mandate.initializeMandate request customerId | optionality | optional -> ' +
        'mandatory |',
    );
    expect(capture.out).toContain(
      '| BREAKING | changed | mandate.finalizeMandate request messageVersion | type | string -> integer ' +
        '(narrowed) |',
    );
    expect(capture.out).toContain(
      '| BREAKING | removed | mandate.searchMandate response mandateList mandateStatus | enum value | value ' +
        'OBSOLETE removed |',
    );
    expect(capture.out).toContain(
      '| BREAKING | removed | mandate.searchMandate response mandateList mandateSignatureDate | field |',
    );
  });

  test('the reverse direction: additions are not breaking, a mandatory field made optional is not either', async () => {
    const capture = io();
    expect(
      await run(
        [
          'diff',
          `${versions}/mandate-breaking`,
          `${versions}/mandate-2.58`,
          '--format',
          'json',
          '--allow-outside',
          'wsdl',
        ],
        capture,
      ),
    ).toBe(0);
    const report = JSON.parse(capture.out) as { breaking: number; changes: { what: string; breaking: boolean }[] };
    expect(report.changes.filter((c) => c.what !== 'type')).toEqual(
      expect.arrayContaining([expect.objectContaining({ what: 'optionality', breaking: false })]),
    );
    // integer -> string on a request field widens what is accepted.
    expect(report.changes.find((c) => c.what === 'type')).toMatchObject({ breaking: false });
  });

  test('interface versions of a contract, from the dictionary since-versions: what changed, 2.21 to 2.29', async () => {
    const capture = io();
    expect(
      await run(['diff', 'MR_WS_2.21', 'MR_WS_2.29', '--wsdl', 'wsdl/mandate.wsdl', '--format', 'json'], capture),
    ).toBe(0);
    const report = JSON.parse(capture.out) as { changes: { path: string }[] };
    expect(report.changes.map((c) => c.path)).toEqual(
      expect.arrayContaining([
        'mandate.searchMandate response mandateList mandateSecureReference',
        'mandate.searchMandate response mandateList riskyMandate',
      ]),
    );
    const unchanged = io();
    await run(['diff', '2.55', '2.58', '--wsdl', 'wsdl/mandate.wsdl', '--format', 'json'], unchanged);
    expect(JSON.parse(unchanged.out).changes).toEqual([]);
  });

  test('usage errors exit 2', async () => {
    expect(await run(['diff', 'nowhere', `${versions}/mandate-2.58`, '--allow-outside', 'wsdl'], io())).toBe(2);
    expect(
      await run(
        ['diff', `${versions}/mandate-2.58`, `${versions}/mandate-2.58`, '--format', 'xml', '--allow-outside', 'wsdl'],
        io(),
      ),
    ).toBe(2);
  });
});

describe('sogenactif fetch-wsdl', () => {
  let simulator: RunningSimulator;
  beforeAll(async () => {
    simulator = await startSimulator();
  });
  afterAll(async () => simulator.close());

  test(
    'downloads every WSDL and the XSD they import from the simulator; diff finds the contract identical to ' + 'wsdl/',
    async () => {
      const out = tmp();
      const capture = io();
      expect(await run(['fetch-wsdl', '--env', simulator.url, '--out', out], capture)).toBe(0);
      expect(fs.readdirSync(out).sort()).toEqual([
        'authentication.wsdl',
        'cashManagement.wsdl',
        'checkout.wsdl',
        'common.xsd',
        'diagnostic.wsdl',
        'fraud.wsdl',
        'mandate.wsdl',
        'paymentMeanInfo.wsdl',
        'token.wsdl',
        'wallet.wsdl',
      ]);
      expect(fs.readFileSync(path.join(out, 'mandate.wsdl'), 'utf8')).toContain('schemaLocation="common.xsd"');
      const diff = io();
      expect(await run(['diff', 'wsdl', out, '--format', 'json', '--fail-on', 'breaking'], diff)).toBe(0);
      expect(JSON.parse(diff.out)).toMatchObject({ changes: [], breaking: 0 });
    },
  );

  test('--service limits the download; unknown service: usage error; unreachable host: transport error', async () => {
    const out = tmp();
    expect(await run(['fetch-wsdl', '--env', simulator.url, '--out', out, '--service', 'mandate'], io())).toBe(0);
    expect(fs.readdirSync(out).sort()).toEqual(['common.xsd', 'mandate.wsdl']);
    expect(await run(['fetch-wsdl', '--env', simulator.url, '--out', out, '--service', 'nope'], io())).toBe(2);
    expect(
      await run(
        ['fetch-wsdl', '--env', 'http://127.0.0.1:9', '--out', out, '--service', 'mandate', '--timeout-ms', '2000'],
        io(),
      ),
    ).toBe(3);
  });
});

describe('sogenactif describe', () => {
  test('lists the nine services with their endpoints', async () => {
    const capture = io();
    expect(await run(['describe'], capture)).toBe(0);
    for (const service of [
      'checkout',
      'cashManagement',
      'diagnostic',
      'wallet',
      'fraud',
      'mandate',
      'paymentMeanInfo',
      'authentication',
      'token',
    ]) {
      expect(capture.out).toContain(`https://office-server.sogenactif.com/services/v2/${service}`);
    }
  });

  test(
    'SERVICE.OPERATION --json: fields, types, mandatory flags, value lists, since-versions, recommended ' +
      'interfaceVersion',
    async () => {
      const capture = io();
      expect(await run(['describe', 'mandate.searchMandate', '--json'], capture)).toBe(0);
      const [service] = JSON.parse(capture.out);
      expect(service.endpoints.TEST).toBe(
        'https://office-server-sogenactif.test.sips-services.com/services/v2/mandate',
      );
      const [operation] = service.operations;
      expect(operation).toMatchObject({
        name: 'searchMandate',
        recommendedInterfaceVersion: 'MR_WS_2.58',
        status: 'documented',
        codeField: 'mandateResponseCode',
      });
      expect(operation.request.find((f: { name: string }) => f.name === 'customerId')).toMatchObject({
        required: true,
        type: 'string',
        constraints: 'max 19 chars',
      });
      const list = operation.response.find((f: { name: string }) => f.name === 'mandateList');
      expect(list).toMatchObject({ list: true, type: 'Mandate' });
      expect(list.fields.find((f: { name: string }) => f.name === 'riskyMandate')).toMatchObject({
        since: '2.29',
        values: [
          { value: 'N', meaning: 'SDD mandate is risk free' },
          { value: 'Y', meaning: 'SDD mandate is risky' },
        ],
      });
    },
  );

  test('text output for an operation, and an unknown target is a usage error', async () => {
    const capture = io();
    expect(await run(['describe', 'checkout.cardOrder'], capture)).toBe(0);
    expect(capture.out).toMatch(/cardNumber: string {2}\(mandatory/);
    expect(capture.out).toMatch(/captureMode: CaptureMode {2}\(optional.*\n.*values: AUTHOR_CAPTURE/);
    const unknown = io();
    expect(await run(['describe', 'mandate.nothing'], unknown)).toBe(2);
    expect(unknown.err).toContain('searchMandate');
  });
});

describe('sogenactif generate on a contract with a broken reference', () => {
  test('warns on stderr and types the field as unknown; --strict fails with exit 2', async () => {
    const out = tmp();
    const lenient = io();
    expect(
      await run(
        ['generate', '--wsdl', 'test/fixtures/broken/shop.wsdl', '--out', out, '--allow-outside', 'test/fixtures/shop'],
        lenient,
      ),
    ).toBe(0);
    expect(lenient.err).toMatch(/warning: .*missingType.*not found/);
    expect(fs.readFileSync(path.join(out, 'shop/types.ts'), 'utf8')).toMatch(/note\?: unknown;/);
    const strict = io();
    expect(
      await run(
        [
          'generate',
          '--wsdl',
          'test/fixtures/broken/shop.wsdl',
          '--out',
          tmp(),
          '--strict',
          '--allow-outside',
          'test/fixtures/shop',
        ],
        strict,
      ),
    ).toBe(2);
    expect(strict.err).toMatch(/broken reference/);
  });
});
