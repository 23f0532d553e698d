// The gateway's command line (src/runtime/gateway/command.ts under `sogenactif gateway` and `sogenactif-gateway`):
// options to GatewayOptions, every missing or bad one named with exit code 2; --journal opens a file journal,
// --postgres and --journal together are refused.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { run } from '../../src/tools/cli/program';
import { gatewayOptions } from '../../src/runtime/gateway/command';
import { captureIo as io } from '../support/cli-io';

const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'gateway-command-'));
afterAll(() => fs.rmSync(folder, { recursive: true, force: true }));

test('values to options', () => {
  expect(
    gatewayOptions({
      upstream: 'TEST',
      keys: 'k.json',
      port: '0',
      tokens: 't.json',
      allowHost: ['gw.internal'],
      maxBodyBytes: '4096',
      timeoutMs: '5000',
    }),
  ).toEqual({
    upstream: 'TEST',
    keysFile: 'k.json',
    port: 0,
    tokensFile: 't.json',
    allowedHosts: ['gw.internal'],
    maxBodyBytes: 4096,
    client: { timeoutMs: 5000 },
  });
  expect(() => gatewayOptions({ upstream: 'TEST', keys: 'k.json', port: 'eighty' })).toThrow(
    /--port must be a whole number/,
  );
});

test('--journal PATH opens a file journal the gateway passes to its clients', async () => {
  const options = gatewayOptions({ upstream: 'TEST', keys: 'k.json', journal: path.join(folder, 'payments.journal') });
  expect(typeof options.journal?.recordIntent).toBe('function');
  await options.journal!.close();
});

test.each([
  // given arguments, want exit 2 and the fields named on stderr
  [[], ['upstream', 'keys']],
  [
    ['--upstream', 'TEST', '--keys', 'k.json', '--journal', 'j.db', '--postgres', 'postgres://u:PASSWORD@db/x'],
    ['postgres'],
  ],
] as const)('sogenactif gateway %j exits 2 naming %j', async (args, fields) => {
  const capture = io();
  expect(await run(['gateway', ...args], capture)).toBe(2);
  expect(JSON.parse(capture.err).fields.map((f: { field: string }) => f.field)).toEqual(fields);
  expect(capture.err).not.toContain('PASSWORD');
});

test('a bad keys file stops the start, naming the field and never the secret', async () => {
  const keys = path.join(folder, 'keys.json');
  fs.writeFileSync(
    keys,
    JSON.stringify({
      merchants: [{ merchantId: '002001000000001', keys: [{ version: 'one', secret: 'SECRET-IN-FILE' }] }],
    }),
  );
  const capture = io();
  expect(await run(['gateway', '--upstream', 'TEST', '--keys', keys, '--port', '0'], capture)).toBe(2);
  expect(JSON.parse(capture.err).fields).toEqual([
    { field: 'merchants[0].keys[0].version', problem: 'must be a positive integer' },
  ]);
  expect(capture.err).not.toContain('SECRET-IN-FILE');
});

test('--allow-insecure-http reaches the client (with or without a deadline)', () => {
  expect(gatewayOptions({ upstream: 'http://10.0.0.5:8080', keys: 'k.json', allowInsecureHttp: true })).toMatchObject({
    client: { allowInsecureHttp: true },
  });
  expect(
    gatewayOptions({ upstream: 'TEST', keys: 'k.json', timeoutMs: '5000', allowInsecureHttp: true }),
  ).toMatchObject({ client: { timeoutMs: 5000, allowInsecureHttp: true } });
  expect(gatewayOptions({ upstream: 'TEST', keys: 'k.json' })).not.toHaveProperty('client');
});

test('a busy port is named, with --port 0 suggested (exit 2)', async () => {
  const net = await import('node:net');
  const busy = net.createServer();
  await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
  const port = (busy.address() as { port: number }).port;
  const keys = path.join(folder, 'good-keys.json');
  fs.writeFileSync(
    keys,
    JSON.stringify({
      merchants: [{ merchantId: '002001000000001', keys: [{ version: 1, secret: '002001000000001_KEY1' }] }],
    }),
  );
  try {
    const capture = io();
    expect(await run(['gateway', '--upstream', 'TEST', '--keys', keys, '--port', String(port)], capture)).toBe(2);
    expect(JSON.parse(capture.err).message).toBe(
      `port ${port}` +
        ` is already in use (EADDRINUSE): pass --port 0 to listen on a free port (the URL is printed), or another ` +
        `--port`,
    );
  } finally {
    busy.close();
  }
});

test('sogenactif-gateway --version prints the version of the package holding it', async () => {
  const { execFileSync } = await import('node:child_process');
  const out = execFileSync(process.execPath, ['scripts/ts-run.js', 'src/runtime/gateway/bin.ts', '--version'], {
    encoding: 'utf8',
  });
  expect(out.trim()).toBe(JSON.parse(fs.readFileSync('package.json', 'utf8')).version);
});
