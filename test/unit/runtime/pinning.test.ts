// Certificate pinning (http.pin, issue 19 item 3) against a local HTTPS server with a self-signed certificate made
// at test time (openssl): the right pin passes, a wrong one is a CertificatePinError naming the host and nothing
// reaches the server, through the built-in agents and through an agent of the caller's.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as https from 'node:https';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { CertificatePinError, createClient, InvalidRequestError, publicKeyPin } from '../../../src/runtime';
import { startSimulator, DEFAULT_MERCHANT, type RunningSimulator } from '../../../src/tools/simulator/server';

let openssl = true;
try {
  execFileSync('openssl', ['version'], { stdio: 'ignore' });
} catch {
  openssl = false;
  process.stdout.write('pinning: SKIPPED (no openssl to make a self-signed certificate)\n');
}
const maybe = openssl ? describe : describe.skip;

maybe('http.pin against a local HTTPS server', () => {
  let simulator: RunningSimulator;
  let server: https.Server;
  let url = '';
  let cert = '';
  let received = 0;
  beforeAll(async () => {
    simulator = await startSimulator();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pin-'));
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-keyout',
        path.join(dir, 'key.pem'),
        '-out',
        path.join(dir, 'cert.pem'),
        '-days',
        '1',
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
      ],
      { stdio: 'ignore' },
    );
    cert = fs.readFileSync(path.join(dir, 'cert.pem'), 'utf8');
    // An HTTPS front for the simulator: it counts what reaches it.
    server = https.createServer({ key: fs.readFileSync(path.join(dir, 'key.pem')), cert }, (request, response) => {
      received++;
      const chunks: Buffer[] = [];
      request.on('data', (c: Buffer) => chunks.push(c));
      request.on('end', () => {
        void fetch(`${simulator.url}${request.url ?? ''}`, {
          method: 'POST',
          body: Buffer.concat(chunks),
          headers: {
            'Content-Type': String(request.headers['content-type']),
            SOAPAction: String(request.headers.soapaction ?? '""'),
          },
        }).then(async (reply) => {
          response.writeHead(reply.status, { 'Content-Type': reply.headers.get('content-type') ?? 'text/xml' });
          response.end(await reply.text());
        });
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await simulator.close();
  });

  const pinOf = (pem: string): string =>
    publicKeyPin(Buffer.from(pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, ''), 'base64'));
  const OTHER_PIN = `sha256//${Buffer.alloc(32, 7).toString('base64')}`;
  const search = (extra: Record<string, unknown>) =>
    createClient({ ...DEFAULT_MERCHANT, environment: url, retry: false, ...extra }).mandate.searchMandate({
      customerId: 'CUST-0001',
    });

  test(
    'the pin of the server key passes (one of several, for rotation), on the built-in agent and on the ' +
      'keep-alive connection again',
    async () => {
      const client = createClient({
        ...DEFAULT_MERCHANT,
        environment: url,
        retry: false,
        http: { ca: cert, pin: [OTHER_PIN, pinOf(cert)] },
      });
      await expect(client.mandate.searchMandate({ customerId: 'CUST-0001' })).resolves.toMatchObject({
        mandateResponseCode: '00',
      });
      await expect(client.mandate.searchMandate({ customerId: 'CUST-0001' })).resolves.toMatchObject({
        mandateResponseCode: '00',
      });
      client.close();
    },
  );

  test.each([
    ['the built-in agent', () => ({ ca: cert, pin: OTHER_PIN })],
    ["an agent of the caller's", () => ({ agent: new https.Agent({ ca: cert }), pin: [OTHER_PIN] })],
  ])('no pin matches through %s: CertificatePinError naming the host, nothing sent', async (_label, http) => {
    const before = received;
    const error = await search({ http: http() }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CertificatePinError);
    expect(error).toMatchObject({ host: url.slice('https://'.length), outcomeUnknown: false, kind: 'transport' });
    expect((error as Error).message).toMatch(/matches no pinned key/);
    expect((error as Error).message).toContain(url.slice('https://'.length));
    expect(received).toBe(before);
  });

  test('one keep-alive agent shared by two clients: each checks its own pins on the same connection', async () => {
    const agent = new https.Agent({ ca: cert, keepAlive: true, maxSockets: 1 });
    const good = createClient({
      ...DEFAULT_MERCHANT,
      environment: url,
      retry: false,
      http: { agent, pin: pinOf(cert) },
    });
    const wrong = createClient({
      ...DEFAULT_MERCHANT,
      environment: url,
      retry: false,
      http: { agent, pin: OTHER_PIN },
    });
    await expect(good.mandate.searchMandate({ customerId: 'CUST-0001' })).resolves.toMatchObject({
      mandateResponseCode: '00',
    });
    const before = received;
    // The connection the first client verified is reused: its key was pinned by the first client, not by this one.
    await expect(wrong.mandate.searchMandate({ customerId: 'CUST-0001' })).rejects.toBeInstanceOf(CertificatePinError);
    expect(received).toBe(before);
    agent.destroy();
  });

  test('a malformed pin is refused by createClient, naming http.pin', () => {
    expect(() => createClient({ ...DEFAULT_MERCHANT, environment: url, http: { pin: 'sha256/abc' } })).toThrow(
      InvalidRequestError,
    );
    expect(() => createClient({ ...DEFAULT_MERCHANT, environment: url, http: { pin: [] } })).toThrow(/http\.pin/);
  });

  test('pins with a plain http URL: refused before anything is sent', async () => {
    const error = await createClient({
      ...DEFAULT_MERCHANT,
      environment: simulator.url,
      retry: false,
      http: { pin: OTHER_PIN },
    })
      .mandate.searchMandate({ customerId: 'C' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CertificatePinError);
    expect((error as Error).message).toMatch(/plain http/);
  });
});
