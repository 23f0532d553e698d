// The outside-world proof of the sealing gateway: PHP SoapClient, Python zeep and curl scripts with no seal code and
// no key pay, are refused (05, acquirer 51), cancel part of a payment, look it up and lose a reply (FAULT_DROP)
// through the gateway in front of the simulator; the simulator's log shows every request sealed and valid.
import { execFile, execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { startGateway, type RunningGateway } from '../../src/runtime/gateway';
import { DEFAULT_MERCHANT, startSimulator, type RunningSimulator } from '../../src/tools/simulator';

let simulator: RunningSimulator;
let gateway: RunningGateway;
let folder: string;
const lines: string[] = [];

beforeAll(async () => {
  simulator = await startSimulator();
  folder = fs.mkdtempSync(path.join(os.tmpdir(), 'gateway-interop-'));
  // The key is in the gateway's environment only, named by the keys file (secretEnv).
  const keysFile = path.join(folder, 'keys.json');
  fs.writeFileSync(
    keysFile,
    JSON.stringify({
      merchants: [
        { merchantId: DEFAULT_MERCHANT.merchantId, keys: [{ version: 1, secretEnv: 'GATEWAY_INTEROP_KEY' }] },
      ],
    }),
  );
  process.env.GATEWAY_INTEROP_KEY = DEFAULT_MERCHANT.secretKey;
  gateway = await startGateway({ upstream: simulator.url, keysFile, log: (line) => lines.push(line) });
});

afterAll(async () => {
  await gateway.close();
  await simulator.close();
  delete process.env.GATEWAY_INTEROP_KEY;
  fs.rmSync(folder, { recursive: true, force: true });
});

const probe = (command: string, args: string[]): string | undefined => {
  try {
    execFileSync(command, args, { stdio: 'ignore', timeout: 20_000 });
    return undefined;
  } catch {
    return `${command} ${args.join(' ')} failed`;
  }
};

interface Caller {
  readonly name: string;
  readonly script: string;
  readonly run: (reference: string) => [string, string[]];
  readonly available: () => string | undefined;
  readonly amount: number;
  readonly cancelled: number;
  /** The script's results by call, each the verified reply's fields, or the gateway's fault/error. */
  readonly parse: (
    stdout: string,
  ) => Record<'payment' | 'refusal' | 'cancel' | 'lookup' | 'dropped', Record<string, unknown>>;
  /** Where the dropped payment's verdict is in the parsed result. */
  readonly verdict: (dropped: Record<string, unknown>) => Record<string, unknown>;
}

const CALLERS: readonly Caller[] = [
  {
    name: 'PHP SoapClient',
    script: 'test/interop/clients/gateway-php.php',
    run: (reference) => ['php', ['test/interop/clients/gateway-php.php', gateway.url, reference]],
    available: () => probe('php', ['-r', 'exit(class_exists("SoapClient") && class_exists("DOMDocument") ? 0 : 1);']),
    amount: 3100,
    cancelled: 1100,
    parse: (stdout) => JSON.parse(stdout),
    verdict: (dropped) => ({ fault: dropped.fault, ...(dropped.detail as object) }),
  },
  {
    name: 'Python zeep',
    script: 'test/interop/clients/gateway-zeep.py',
    run: (reference) => [
      '/usr/bin/python3',
      ['test/interop/clients/gateway-zeep.py', gateway.url, DEFAULT_MERCHANT.merchantId, reference],
    ],
    available: () => probe('/usr/bin/python3', ['-c', 'import zeep']),
    amount: 2500,
    cancelled: 1000,
    parse: (stdout) => JSON.parse(stdout),
    verdict: (dropped) => ({ fault: dropped.fault, ...(dropped.detail as object) }),
  },
  {
    name: 'curl (JSON)',
    script: 'test/interop/clients/gateway-curl.sh',
    run: (reference) => ['bash', ['test/interop/clients/gateway-curl.sh', gateway.url, reference]],
    available: () => probe('curl', ['--version']),
    amount: 4200,
    cancelled: 1200,
    parse: (stdout) =>
      Object.fromEntries(
        stdout
          .trim()
          .split('\n')
          .map((line) => {
            const [name, status, ...body] = line.split(' ');
            return [name, { httpStatus: Number(status), ...JSON.parse(body.join(' ')) }];
          }),
      ),
    verdict: (dropped) => ({
      fault: dropped.httpStatus === 409 ? 'gw:OutcomeUnknown' : String(dropped.httpStatus),
      ...(dropped.gatewayError as { resolution: object }).resolution,
    }),
  },
];

describe.each(CALLERS)('$name through the gateway', (caller) => {
  const missing = caller.available();
  if (missing)
    process.stderr.write(`\nSKIPPED ${caller.name} through the gateway: ${missing} (make tools installs it)\n\n`);
  (missing ? test.skip : test)(
    'pays, is refused 05/51, cancels part, looks up and gets the documented unknown-outcome answer for a ' +
      'dropped reply; every request sealed and valid; no key on its side',
    async () => {
      const source = fs.readFileSync(caller.script, 'utf8');
      // No seal code and no key in the caller: the gateway holds them.
      expect(source).not.toMatch(/hmac|sha256|hash_|hashlib|openssl|computeSeal|['"]seal['"]\s*[:\]=]/i);
      const reference = `GW${caller.name.slice(0, 3).toUpperCase().replace(/\W/g, '')}${Date.now().toString(36)}`;
      const [command, args] = caller.run(reference);
      // The caller's environment holds no key either.
      const { stdout } = await promisify(execFile)(command, args, {
        encoding: 'utf8',
        timeout: 90_000,
        env: { PATH: process.env.PATH ?? '/usr/bin:/bin' },
      });
      expect(stdout).not.toContain(DEFAULT_MERCHANT.secretKey);
      const run = caller.parse(stdout);
      expect(run.payment).toMatchObject({ responseCode: '00', transactionReference: reference });
      expect(run.refusal).toMatchObject({
        responseCode: '05',
        acquirerResponseCode: '51',
        transactionReference: `${reference}R`,
      });
      expect(run.cancel).toMatchObject({ responseCode: '00', newStatus: 'TO_CAPTURE' });
      expect(Number(run.cancel.newAmount)).toBe(caller.amount - caller.cancelled);
      expect(run.lookup).toMatchObject({
        responseCode: '00',
        transactionReference: reference,
        transactionStatus: 'TO_CAPTURE',
        lastOperationName: 'CANCEL',
      });
      expect(Number(run.lookup.currentAmount)).toBe(caller.amount - caller.cancelled);
      // The dropped reply: the documented answer with the lookup's verdict, the payment performed once.
      expect(caller.verdict(run.dropped)).toMatchObject({
        fault: 'gw:OutcomeUnknown',
        outcome: 'approved',
        transactionReference: `${reference}D`,
        transactionStatus: 'TO_CAPTURE',
      });
      const exchanges = simulator
        .exchanges()
        .filter((e) => String(e.request.transactionReference ?? '').startsWith(reference));
      expect(exchanges.map((e) => [e.operation, e.request.transactionReference, e.responseCode, e.seal])).toEqual([
        ['cardOrder', reference, '00', 'valid'],
        ['cardOrder', `${reference}R`, '05', 'valid'],
        ['cancel', reference, '00', 'valid'],
        ['getTransactionData', reference, '00', 'valid'],
        ['cardOrder', `${reference}D`, '00', 'valid'],
        ['getTransactionData', `${reference}D`, '00', 'valid'],
      ]);
      expect(exchanges.find((e) => e.request.transactionReference === `${reference}D`)?.fault).toBe('DROP');
      // The gateway's log lines: one per call, masked, without the key.
      const logged = lines.filter((line) => line.includes(reference));
      expect(logged.length).toBe(5);
      expect(logged.join('\n')).not.toMatch(/4200000000000000|4100000000000514|5017679110380400|002001000000001_KEY1/);
    },
  );
});
