// The HTTP transport (src/runtime/transport.ts) against real local servers: a caller's agent carries every request,
// `ca` makes a private certificate trusted, and a connection error names the host it could not reach.
import * as http from 'node:http';
import * as https from 'node:https';
import * as net from 'node:net';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createClient, createHttpTransport, TransportError, type PostOptions } from '../../../src/runtime';
import { startSimulator } from '../../../src/tools/simulator';

const post = (url: string): PostOptions => ({
  url,
  body: '<x/>',
  headers: { 'Content-Type': 'text/xml' },
  timeoutMs: 5000,
  maxResponseBytes: 1 << 20,
  operation: 'mandate.searchMandate',
});

function listen(server: net.Server): Promise<number> {
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve((server.address() as net.AddressInfo).port)),
  );
}

test('a caller-supplied agent carries the request', async () => {
  const server = http.createServer((_req, res) => res.end('<ok/>'));
  const port = await listen(server);
  const agent = new http.Agent({ keepAlive: false });
  const used = jest.spyOn(agent, 'createConnection');
  const transport = createHttpTransport({ agent });
  try {
    const reply = await transport.post(post(`http://127.0.0.1:${port}/services/v2/mandate`));
    expect(reply).toMatchObject({ status: 200, body: '<ok/>' });
    expect(used).toHaveBeenCalledTimes(1);
  } finally {
    transport.close();
    agent.destroy();
    server.close();
  }
});

test('a request goes to its URL: path and query, credentials, an IPv6 host, then another URL', async () => {
  const seen: { url?: string; authorization?: string; host?: string }[] = [];
  const server = http.createServer((req, res) => {
    seen.push({ url: req.url, authorization: req.headers.authorization, host: req.headers.host });
    res.end('<ok/>');
  });
  const ipv6 = await new Promise<boolean>((resolve) => {
    server.once('error', () => resolve(false));
    server.listen(0, '::1', () => resolve(true));
  });
  const host = ipv6 ? '[::1]' : '127.0.0.1';
  if (!ipv6) await listen(server);
  const port = (server.address() as net.AddressInfo).port;
  const transport = createHttpTransport();
  try {
    await transport.post(post(`http://user:pa%40ss@${host}:${port}/services/v2/mandate?x=1`));
    await transport.post(post(`http://${host}:${port}/services/v2/checkout`));
    expect(seen).toEqual([
      {
        url: '/services/v2/mandate?x=1',
        authorization: `Basic ${Buffer.from('user:pa@ss').toString('base64')}`,
        host: `${host}:${port}`,
      },
      { url: '/services/v2/checkout', authorization: undefined, host: `${host}:${port}` },
    ]);
  } finally {
    transport.close();
    server.close();
  }
});

test('the client configuration `http.agent` reaches the built-in transport', async () => {
  const simulator = await startSimulator();
  const agent = new http.Agent({ keepAlive: false });
  const used = jest.spyOn(agent, 'createConnection');
  const client = createClient({
    merchantId: '002001000000001',
    secretKey: '002001000000001_KEY1',
    keyVersion: 1,
    environment: simulator.url,
    http: { agent },
    retry: false,
  });
  try {
    await expect(client.mandate.searchMandate({ customerId: 'CUST-0001' })).resolves.toMatchObject({
      mandateResponseCode: '00',
    });
    expect(used).toHaveBeenCalled();
  } finally {
    client.close();
    agent.destroy();
    await simulator.close();
  }
});

test("request headers: length in bytes, Host without the default port, the caller's Host and auth", async () => {
  const seen: { headers: http.IncomingHttpHeaders; raw: string[]; body: string }[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      seen.push({ headers: req.headers, raw: req.rawHeaders, body });
      res.end('<ok/>');
    });
  });
  const port = await listen(server);
  // The URL names port 80 (the default, so not in Host); the agent connects to the test server whatever the URL says.
  const agent = new http.Agent({ keepAlive: true });
  (agent as unknown as { createConnection: () => net.Socket }).createConnection = () => net.connect(port, '127.0.0.1');
  const transport = createHttpTransport({ agent });
  const body = '<x>é€</x>';
  try {
    await transport.post({ ...post('http://gateway.test/services/v2/checkout'), body });
    await transport.post({
      ...post('http://u:p@gateway.test:8080/services/v2/checkout'),
      body,
      headers: { 'Content-Type': 'text/xml', 'content-length': '1', host: 'front.test', Authorization: 'Bearer t' },
    });
    expect(seen.map((s) => s.body)).toEqual([body, body]);
    expect(seen[0]!.headers).toMatchObject({ host: 'gateway.test', 'content-length': String(Buffer.byteLength(body)) });
    expect(seen[0]!.headers.authorization).toBeUndefined();
    expect(seen[1]!.headers).toMatchObject({
      host: 'front.test',
      authorization: 'Bearer t',
      'content-length': String(Buffer.byteLength(body)),
    });
    // One of each: the caller's Content-Length replaced, no second Host or Authorization.
    const count = (raw: string[], name: string): number =>
      raw.filter((value, i) => i % 2 === 0 && value.toLowerCase() === name).length;
    for (const name of ['host', 'content-length', 'authorization']) expect(count(seen[1]!.raw, name)).toBe(1);
  } finally {
    transport.close();
    agent.destroy();
    server.close();
  }
});

test('a connection error names the host, and says nothing was sent', async () => {
  const server = net.createServer();
  const port = await listen(server);
  await new Promise((resolve) => server.close(resolve));
  const transport = createHttpTransport();
  const error = await transport.post(post(`http://127.0.0.1:${port}/services/v2/mandate`)).catch((e: unknown) => e);
  transport.close();
  expect(error).toBeInstanceOf(TransportError);
  expect((error as TransportError).message).toBe(
    `mandate.searchMandate: connection to 127.0.0.1:${port} failed (ECONNREFUSED)`,
  );
  expect((error as TransportError).outcomeUnknown).toBe(false);
});

describe('a private certificate authority', () => {
  let dir: string;
  let cert: string;
  let key: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sogenactif-ca-'));
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
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
    key = fs.readFileSync(path.join(dir, 'key.pem'), 'utf8');
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test.each([
    // given ca, want
    [
      false,
      new RegExp(
        String.raw`connection to 127\.0\.0\.1:\d+ failed` +
          String.raw` \((DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_VERIFY_LEAF_SIGNATURE)\)`,
      ),
    ],
    [true, undefined],
  ])('with ca %p', async (withCa, wantError) => {
    const server = https.createServer({ cert, key }, (_req, res) => res.end('<ok/>'));
    const port = await listen(server);
    const transport = createHttpTransport(withCa ? { ca: cert } : {});
    try {
      const outcome = await transport
        .post(post(`https://127.0.0.1:${port}/services/v2/mandate`))
        .catch((e: unknown) => e);
      if (wantError) expect((outcome as Error).message).toMatch(wantError);
      else expect(outcome).toMatchObject({ status: 200, body: '<ok/>' });
    } finally {
      transport.close();
      server.close();
    }
  });
});

test("the reply's content type: the first Content-Type line, whatever its case, '' when there is none", async () => {
  const answers = [
    'HTTP/1.1 200 OK\r\nCONTENT-TYPE: text/xml; charset=utf-8\r\ncontent-type: text/html\r\n' +
      'Content-Length: 5\r\nConnection: close\r\n\r\n<ok/>',
    'HTTP/1.1 200 OK\r\nContent-Length: 5\r\nConnection: close\r\n\r\n<ok/>',
  ];
  let turn = 0;
  const server = net.createServer((socket) => {
    socket.once('data', () => socket.end(answers[turn++]));
  });
  const port = await listen(server);
  const transport = createHttpTransport();
  try {
    const first = await transport.post(post(`http://127.0.0.1:${port}/a`));
    const second = await transport.post(post(`http://127.0.0.1:${port}/b`));
    expect([first.contentType, second.contentType]).toEqual(['text/xml; charset=utf-8', '']);
    expect(first.body).toBe('<ok/>');
  } finally {
    transport.close();
    server.close();
  }
});

/** A server that answers every request and keeps the headers it received. */
async function headerServer(): Promise<{ seen: http.IncomingHttpHeaders[]; server: http.Server; port: number }> {
  const seen: http.IncomingHttpHeaders[] = [];
  const server = http.createServer((req, res) => {
    seen.push(req.headers);
    req.resume();
    req.on('end', () => res.end('<ok/>'));
  });
  return { seen, server, port: await listen(server) };
}

test("a caller's agent may still set headers on the request (as a plain-HTTP proxy agent does)", async () => {
  const { seen, server, port } = await headerServer();
  class HeaderAgent extends http.Agent {
    addRequest(request: http.ClientRequest, options: http.RequestOptions): void {
      request.setHeader('Proxy-Authorization', 'Basic cHJveHk6c2VjcmV0');
      (http.Agent.prototype as unknown as { addRequest: (r: unknown, o: unknown) => void }).addRequest.call(
        this,
        request,
        options,
      );
    }
  }
  const agent = new HeaderAgent({ keepAlive: false });
  const transport = createHttpTransport({ agent });
  try {
    await transport.post(post(`http://user:pw@127.0.0.1:${port}/services/v2/checkout`));
    expect(seen[0]).toMatchObject({
      'proxy-authorization': 'Basic cHJveHk6c2VjcmV0',
      'content-type': 'text/xml',
      'content-length': '4',
      host: `127.0.0.1:${port}`,
      authorization: `Basic ${Buffer.from('user:pw').toString('base64')}`,
    });
  } finally {
    transport.close();
    agent.destroy();
    server.close();
  }
});

test('an APM agent that wraps http.request and adds a header to the options keeps every header of ours', async () => {
  const { seen, server, port } = await headerServer();
  // As tracing agents do: a copy of the options' headers with their propagation header, then the real request.
  const core = require('node:http') as typeof http;
  const original = core.request;
  const patched = jest
    .spyOn(core, 'request')
    .mockImplementation(((options: http.RequestOptions, callback: never) =>
      original(
        { ...options, headers: { ...Object.assign({}, options.headers), traceparent: '00-abc-def-01' } },
        callback,
      )) as unknown as typeof http.request);
  const transport = createHttpTransport();
  try {
    await transport.post(post(`http://127.0.0.1:${port}/services/v2/checkout`));
    expect(patched).toHaveBeenCalledTimes(1);
    expect(seen[0]).toMatchObject({
      traceparent: '00-abc-def-01',
      'content-type': 'text/xml',
      'content-length': '4',
      host: `127.0.0.1:${port}`,
    });
  } finally {
    patched.mockRestore();
    transport.close();
    server.close();
  }
});
