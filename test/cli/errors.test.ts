// CLI errors that say the fix (issue 23): "did you mean", the missing variable named, --allow-insecure-http,
// fetch-wsdl's network failures (exit 3, nothing written), a busy port (--port 0), --version; and generate
// --services/--operations, diff --format sarif, diff between two interface versions that differ.
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { run } from '../../src/tools/cli/program';
import { closest, didYouMean, editDistance } from '../../src/tools/cli/suggest';
import { ownPackage, packageVersion } from '../../src/runtime/package-version';
import { captureIo } from '../support/cli-io';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-errors-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
const request = path.join(tmp, 'request.json');
fs.writeFileSync(request, '{"customerId":"CUST-0001"}');
const credentials = {
  SOGENACTIF_MERCHANT_ID: '002001000000001',
  SOGENACTIF_SECRET_KEY: '002001000000001_KEY1',
  SOGENACTIF_KEY_VERSION: '1',
};

describe('did you mean', () => {
  test.each<[string, string, number]>([
    ['cardOrder', 'cardOrder', 0],
    ['cardOrdr', 'cardOrder', 1],
    ['cardOrdre', 'cardOrder', 1], // a swap of neighbours counts one
    ['CARDORDER', 'cardOrder', 0],
    ['', 'abc', 3],
  ])('editDistance(%s, %s) is %d', (a, b, want) => expect(editDistance(a, b)).toBe(want));

  test('only names within reach, nearest first', () => {
    expect(closest('searchMandat', ['searchMandate', 'getMandateData', 'cancel'])).toEqual(['searchMandate']);
    expect(closest('zzz', ['searchMandate', 'cancel'])).toEqual([]);
    expect(didYouMean('chekout', ['checkout', 'token'])).toBe('; did you mean checkout?');
    expect(didYouMean('xyz', ['checkout'])).toBe('');
  });

  test('an operation named without its service is found by its own name', async () => {
    const io = captureIo(credentials);
    expect(await run(['call', 'cardOrdr', '--data', request], io)).toBe(2);
    expect(JSON.parse(io.err).message).toMatch(/^unknown operation "cardOrdr"; did you mean checkout\.cardOrder\?/);
  });
});

describe('call: the environment', () => {
  test.each<[Record<string, string>, string]>([
    [{}, 'SOGENACTIF_MERCHANT_ID, SOGENACTIF_SECRET_KEY, SOGENACTIF_KEY_VERSION are not set'],
    [{ SOGENACTIF_MERCHANT_ID: '002001000000001', SOGENACTIF_KEY_VERSION: '1' }, 'SOGENACTIF_SECRET_KEY is not set'],
    [{ SOGENACTIF_MERCHANT_ID: '002001000000001', SOGENACTIF_SECRET_KEY: 'k' }, 'SOGENACTIF_KEY_VERSION is not set'],
    [{ ...credentials, SOGENACTIF_KEY_VERSION: 'one' }, 'SOGENACTIF_KEY_VERSION must be a positive whole number'],
  ])('%j: the missing or bad variable is named (exit 2)', async (env, want) => {
    const io = captureIo(env);
    expect(await run(['call', 'mandate.searchMandate', '--data', request], io)).toBe(2);
    expect(JSON.parse(io.err).message).toContain(want);
    expect(io.err).not.toContain('KEY1');
  });

  test(
    'plain http to another machine names --allow-insecure-http, not the library option; with the flag it is ' + 'tried',
    async () => {
      const refused = captureIo(credentials);
      expect(
        await run(['call', 'mandate.searchMandate', '--data', request, '--env', 'http://192.0.2.1:9'], refused),
      ).toBe(2);
      expect(JSON.parse(refused.err).message).toBe(
        'environment URL uses plain http:// to 192.0.2.1: only https, or http to a loopback address, unless ' +
          '--allow-insecure-http is given',
      );
      const allowed = captureIo(credentials);
      expect(
        await run(
          [
            'call',
            'mandate.searchMandate',
            '--data',
            request,
            '--env',
            'http://192.0.2.1:9',
            '--allow-insecure-http',
            '--timeout-ms',
            '300',
          ],
          allowed,
        ),
      ).toBe(3);
      expect(JSON.parse(allowed.err)).toMatchObject({ error: 'TransportError' });
    },
  );
});

describe('fetch-wsdl', () => {
  test.each([
    ['connection refused', 'http://127.0.0.1:9', /ECONNREFUSED/],
    ['unknown host', 'https://no-such-host.invalid', /ENOTFOUND|EAI_AGAIN/],
  ])('%s: exit 3 (transport), and no folder is left behind', async (_label, env, want) => {
    const out = path.join(tmp, `fetched-${Math.random().toString(36).slice(2)}`);
    const io = captureIo();
    expect(await run(['fetch-wsdl', '--env', env, '--out', out, '--timeout-ms', '5000'], io)).toBe(3);
    expect(JSON.parse(io.err)).toMatchObject({ error: 'TransportError', message: expect.stringMatching(want) });
    expect(fs.existsSync(out)).toBe(false);
  });

  test('plain http to another machine names --allow-insecure-http (exit 2, nothing written)', async () => {
    const out = path.join(tmp, 'insecure');
    const io = captureIo();
    expect(await run(['fetch-wsdl', '--env', 'http://example.invalid', '--out', out], io)).toBe(2);
    expect(JSON.parse(io.err).message).toContain('unless --allow-insecure-http is given');
    expect(fs.existsSync(out)).toBe(false);
  });

  test('an unknown service offers the closest', async () => {
    const io = captureIo();
    expect(
      await run(
        ['fetch-wsdl', '--env', 'http://127.0.0.1:9', '--out', path.join(tmp, 'x'), '--service', 'chekout'],
        io,
      ),
    ).toBe(2);
    expect(JSON.parse(io.err).message).toMatch(/^unknown service chekout; did you mean checkout\?/);
  });
});

test('simulate on a busy port names it and suggests --port 0 (exit 2)', async () => {
  const busy = net.createServer();
  await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
  const port = (busy.address() as net.AddressInfo).port;
  try {
    const io = captureIo();
    expect(await run(['simulate', '--port', String(port)], io)).toBe(2);
    expect(JSON.parse(io.err).message).toBe(
      `port ${port}` +
        ` is already in use (EADDRINUSE): pass --port 0 to listen on a free port (the URL is printed), or another ` +
        `--port`,
    );
  } finally {
    busy.close();
  }
});

test(
  '--version is the version of the package holding the CLI (the repository here; both packages: make ' + 'pack-check)',
  async () => {
    const io = captureIo();
    expect(await run(['--version'], io)).toBe(0);
    expect(io.out.trim()).toBe(JSON.parse(fs.readFileSync('package.json', 'utf8')).version);
    const tools = path.join(tmp, 'node_modules/sogenactif-office-tools');
    fs.mkdirSync(path.join(tools, 'dist/src/tools/cli'), { recursive: true });
    fs.writeFileSync(path.join(tools, 'package.json'), '{"name":"sogenactif-office-tools","version":"9.8.7"}');
    expect(ownPackage(path.join(tools, 'dist/src/tools/cli'))).toEqual({
      name: 'sogenactif-office-tools',
      version: '9.8.7',
    });
    expect(packageVersion(os.tmpdir())).toBe('unknown');
  },
);

describe('generate --services / --operations', () => {
  test(
    'only the services and operations named, and the types they reach; the result compiles into a client of ' + 'them',
    async () => {
      const out = path.join(tmp, 'selected');
      const io = captureIo();
      expect(
        await run(
          [
            'generate',
            '--services',
            'checkout,cashManagement',
            '--operations',
            'cardOrder',
            '--operations',
            'cashManagement.cancel',
            '--out',
            out,
            '--import-extension',
            'none',
          ],
          io,
        ),
      ).toBe(0);
      const folders = fs
        .readdirSync(out)
        .filter((f) => fs.statSync(path.join(out, f)).isDirectory())
        .sort();
      expect(folders).toEqual(['cashManagement', 'checkout', 'common']);
      const client = fs.readFileSync(path.join(out, 'checkout/client.ts'), 'utf8');
      expect(client).toContain('cardOrder(request: CardOrderRequest');
      expect(client).not.toContain('walletOrder');
      expect(fs.readFileSync(path.join(out, 'cashManagement/client.ts'), 'utf8')).not.toContain('refund(');
      expect(fs.readFileSync(path.join(out, 'checkout/types.ts'), 'utf8')).not.toContain(
        'interface WalletOrderRequest',
      );
    },
  );

  test.each([
    [
      ['--services', 'chekout'],
      /^unknown service chekout; did you mean checkout\?; known: authentication, cashManagement, checkout/,
    ],
    [
      ['--operations', 'cardOrdr'],
      /^unknown operation cardOrdr; did you mean checkout\.cardOrder\?; known: 44 \(sogenactif describe lists them\)$/,
    ],
  ])('%j is refused with the closest name (exit 2, nothing written)', async (args, want) => {
    const out = path.join(tmp, `refused-${Math.random().toString(36).slice(2)}`);
    const io = captureIo();
    expect(await run(['generate', ...args, '--out', out], io)).toBe(2);
    expect(JSON.parse(io.err).message).toMatch(want);
    expect(fs.existsSync(out)).toBe(false);
  });
});

describe('diff', () => {
  test('two interface versions that differ: the showcase prints real changes, breaking first', async () => {
    const io = captureIo();
    expect(await run(['diff', '2.44', '2.55'], io)).toBe(0);
    expect(io.out.split('\n').slice(0, 3)).toEqual([
      '# Contract changes from 2.44 to 2.55',
      '',
      '7 changes, 2 breaking.',
    ]);
    expect(io.out).toMatch(
      /\| BREAKING \| added \| checkout\.paymentDataProviderCheck request paymentData \| field \|/,
    );
  });

  test('--format sarif: a SARIF 2.1.0 log, one result per change, breaking ones errors located in WSDL', async () => {
    const io = captureIo();
    expect(await run(['diff', '2.44', '2.55', '--format', 'sarif'], io)).toBe(0);
    const log = JSON.parse(io.out);
    expect(log).toMatchObject({ version: '2.1.0', $schema: expect.stringContaining('sarif-2.1.0') });
    const [runLog] = log.runs;
    expect(runLog.tool.driver).toMatchObject({
      name: 'sogenactif diff',
      rules: [{ id: 'contract/breaking-change' }, { id: 'contract/change' }, { id: 'contract/undocumented' }],
    });
    expect(runLog.results).toHaveLength(7);
    const breaking = runLog.results.filter((r: { level: string }) => r.level === 'error');
    expect(breaking).toHaveLength(2);
    const location = breaking[0].locations[0].physicalLocation;
    expect(location.artifactLocation.uri).toBe('wsdl/checkout.wsdl');
    const line = fs.readFileSync('wsdl/checkout.wsdl', 'utf8').split('\n')[location.region.startLine - 1];
    expect(line).toMatch(/name="paymentData"|name="paymentDataProviderCheck"/);
    expect(breaking[0].message.text).toBe(
      'BREAKING: checkout.paymentDataProviderCheck request paymentData: mandatory request field added (since ' +
        '2.55)',
    );
  });

  test('--format xml is refused naming the three formats', async () => {
    const io = captureIo();
    expect(await run(['diff', '2.44', '2.55', '--format', 'xml'], io)).toBe(2);
    expect(JSON.parse(io.err).message).toBe('--format must be md, json or sarif');
  });
});
