// The sealing gateway's guarantees in front of the simulator: the served contract, bad input refused with every field
// named and nothing sent, who may call, limits, a forged reply never passed on, a key rotation during a run of
// payments, metrics and log lines, readiness, a unix socket, and a graceful shutdown that finishes calls in flight.
import * as fs from 'node:fs';
import * as http from 'node:http';
import type * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileJournal, InvalidRequestError, type PaymentJournal } from '../../src/runtime';
import { startGateway, type RunningGateway } from '../../src/runtime/gateway';
import { admit } from '../../src/runtime/gateway/callers';
import { DEFAULT_MERCHANT, startSimulator, type RunningSimulator } from '../../src/tools/simulator';

const A = DEFAULT_MERCHANT.merchantId;
const B = '002001000000002';
const KEYS = [{ merchantId: A, keys: [{ version: 1, secret: DEFAULT_MERCHANT.secretKey }] }];
let simulator: RunningSimulator;
const gateways: RunningGateway[] = [];
let sequence = 0;
const ref = (prefix = 'G'): string => `${prefix}${Date.now().toString(36)}${(sequence += 1)}`;
const order = (fields: Record<string, unknown> = {}) => ({
  amount: 1000,
  currencyCode: '978',
  cardNumber: '4200000000000000',
  cardExpiryDate: '203012',
  orderChannel: 'INTERNET',
  transactionReference: ref(),
  ...fields,
});

async function gatewayWith(options: Partial<Parameters<typeof startGateway>[0]> = {}): Promise<RunningGateway> {
  const gateway = await startGateway({ upstream: simulator.url, merchants: KEYS, log: () => undefined, ...options });
  gateways.push(gateway);
  return gateway;
}

const postJson = async (
  gateway: RunningGateway,
  operation: string,
  body: unknown,
  headers: Record<string, string> = {},
) => {
  const response = await fetch(`${gateway.url}/rs-services/v2/${operation}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { status: response.status, headers: response.headers, text: await response.text() };
};

const soapEnvelope = (fields: string): string =>
  `<?xml version="1.0"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" ` +
  `xmlns:ns="urn:sips:cn:contract:office:checkout:v2"><soapenv:Body><ns:cardOrder><ns:input>${fields}` +
  `</ns:input></ns:cardOrder></soapenv:Body></soapenv:Envelope>`;

beforeAll(async () => {
  simulator = await startSimulator({
    merchants: [DEFAULT_MERCHANT, { merchantId: B, secretKey: 'B-KEY-1', keyVersion: 1 }],
  });
});

afterAll(async () => {
  for (const gateway of gateways) await gateway.close();
  await simulator.close();
});

test('serves the contract with the fields it fills optional and its own address', async () => {
  const gateway = await gatewayWith();
  const wsdl = await (await fetch(`${gateway.url}/services/v2/checkout?wsdl`)).text();
  expect(wsdl).toContain(`location="${gateway.url}/services/v2/checkout"`);
  for (const name of ['seal', 'keyVersion', 'interfaceVersion', 'merchantId']) {
    const declarations = wsdl.match(new RegExp(`<xs:element name="${name}"[^>]*>`, 'g')) ?? [];
    expect(declarations.length).toBeGreaterThan(0);
    for (const declaration of declarations) expect(declaration).toContain('minOccurs="0"');
  }
  expect(wsdl).toMatch(/<xs:element name="amount" type="[^"]+"\/>/); // the caller's own fields stay as they are
  expect((await fetch(`${gateway.url}/services/v2/common.xsd`)).status).toBe(200);
  expect((await fetch(`${gateway.url}/services/v2/../../etc/passwd.xsd`)).status).toBe(404);
});

test('a bad request is a fault naming every bad field, and nothing is sent', async () => {
  const gateway = await gatewayWith();
  const before = simulator.exchanges().length;
  const response = await fetch(`${gateway.url}/services/v2/checkout`, {
    method: 'POST',
    headers: { 'Content-Type': 'text/xml; charset=utf-8', SOAPAction: '""' },
    body: soapEnvelope(
      '<ns:amount>12.5</ns:amount><ns:currencyCode>97</ns:currencyCode><ns:orderChannel>INTERNET</ns:orderChannel' +
        '>',
    ),
  });
  const text = await response.text();
  expect(response.status).toBe(500);
  expect(text).toContain('<faultcode>gw:InvalidRequest</faultcode>');
  for (const field of ['amount', 'currencyCode', 'cardNumber', 'cardExpiryDate'])
    expect(text).toContain(`<gw:name>${field}</gw:name>`);
  expect(text).toContain('<gw:sent>no</gw:sent>');
  const json = await postJson(gateway, 'checkout/cardOrder', { ...order(), merchantId: 'not-a-merchant' });
  expect(json.status).toBe(400);
  expect(JSON.parse(json.text).gatewayError.fields).toEqual([
    { field: 'merchantId', problem: 'must be the 15-digit shop identifier' },
  ]);
  expect(simulator.exchanges().length).toBe(before);
});

test('several merchants: the caller names one; one the gateway has no key for is refused before sending', async () => {
  const gateway = await gatewayWith({
    merchants: [...KEYS, { merchantId: B, keys: [{ version: 1, secret: 'B-KEY-1' }] }],
  });
  const unnamed = await postJson(gateway, 'checkout/cardOrder', order());
  expect(JSON.parse(unnamed.text).gatewayError).toMatchObject({
    code: 'InvalidRequest',
    fields: [{ field: 'merchantId' }],
  });
  const named = await postJson(gateway, 'checkout/cardOrder', { ...order(), merchantId: B });
  expect(JSON.parse(named.text)).toMatchObject({ responseCode: '00' });
  const unknown = await postJson(gateway, 'checkout/cardOrder', { ...order(), merchantId: '002001000000077' });
  expect(JSON.parse(unknown.text).gatewayError).toMatchObject({
    code: 'InvalidRequest',
    fields: [{ field: 'merchantId' }],
  });
});

test('callers: bearer tokens each with their merchants, Host checked, no browser origin, no CORS', async () => {
  const token = 'erp-token-0123456789abcdef';
  const gateway = await gatewayWith({
    tokens: [
      { name: 'erp', sha256: require('node:crypto').createHash('sha256').update(token).digest('hex'), merchants: [B] },
    ],
    merchants: [...KEYS, { merchantId: B, keys: [{ version: 1, secret: 'B-KEY-1' }] }],
  });
  const before = simulator.exchanges().length;
  expect((await postJson(gateway, 'checkout/cardOrder', { ...order(), merchantId: B })).status).toBe(401);
  expect(
    (
      await postJson(
        gateway,
        'checkout/cardOrder',
        { ...order(), merchantId: B },
        { Authorization: 'Bearer wrong-token-0123456789' },
      )
    ).status,
  ).toBe(401);
  const forbidden = await postJson(
    gateway,
    'checkout/cardOrder',
    { ...order(), merchantId: A },
    { Authorization: `Bearer ${token}` },
  );
  expect([forbidden.status, JSON.parse(forbidden.text).gatewayError.code]).toEqual([403, 'Forbidden']);
  expect(simulator.exchanges().length).toBe(before);
  expect(
    JSON.parse(
      (
        await postJson(
          gateway,
          'checkout/cardOrder',
          { ...order(), merchantId: B },
          { Authorization: `Bearer ${token}` },
        )
      ).text,
    ),
  ).toMatchObject({ responseCode: '00' });
  const soapUnauthorized = await fetch(`${gateway.url}/services/v2/checkout`, {
    method: 'POST',
    headers: { 'Content-Type': 'text/xml' },
    body: soapEnvelope(''),
  });
  expect([soapUnauthorized.status, await soapUnauthorized.text()]).toEqual([
    401,
    expect.stringContaining('<faultcode>gw:Unauthorized</faultcode>'),
  ]);
  // Host and Origin, checked before the token; the health check needs no token.
  const raw = (headers: Record<string, string>, method = 'GET', urlPath = '/healthz') =>
    new Promise<{ status: number; headers: http.IncomingHttpHeaders }>((resolve, reject) => {
      const request = http.request(`${gateway.url}${urlPath}`, { method, headers }, (response) => {
        response.resume();
        resolve({ status: response.statusCode!, headers: response.headers });
      });
      request.on('error', reject);
      request.end();
    });
  expect((await raw({})).status).toBe(200);
  expect((await raw({ Host: 'evil.example' })).status).toBe(403);
  expect((await raw({ Origin: 'https://shop.example' })).status).toBe(403);
  const options = await raw(
    { Authorization: `Bearer ${token}`, 'Access-Control-Request-Method': 'POST' },
    'OPTIONS',
    '/rs-services/v2/checkout/cardOrder',
  );
  expect(options.status).toBe(405);
  expect(Object.keys(options.headers).filter((name) => name.startsWith('access-control'))).toEqual([]);
  // A caller from another machine, without tokens configured, is refused.
  const remote = {
    headers: { host: 'gateway.internal' },
    socket: { remoteAddress: '10.1.2.3' },
  } as unknown as http.IncomingMessage;
  expect(admit(remote, { allowedHosts: new Set(['gateway.internal']), socket: false })).toMatchObject({
    ok: false,
    code: 'Forbidden',
    reason: 'not a loopback caller',
  });
  await expect(startGateway({ upstream: simulator.url, merchants: KEYS, host: '0.0.0.0' })).rejects.toThrow(
    /host 0\.0\.0\.0 is not loopback: give caller tokens/,
  );
});

test('limits: body size, content type', async () => {
  const gateway = await gatewayWith({ maxBodyBytes: 2048 });
  expect((await postJson(gateway, 'checkout/cardOrder', { ...order(), orderId: 'x'.repeat(4096) })).status).toBe(413);
  const wrongType = await fetch(`${gateway.url}/rs-services/v2/checkout/cardOrder`, {
    method: 'POST',
    headers: { 'Content-Type': 'text/plain' },
    body: JSON.stringify(order()),
  });
  expect([wrongType.status, JSON.parse(await wrongType.text()).gatewayError.code]).toEqual([
    415,
    'UnsupportedMediaType',
  ]);
});

test('a forged reply between the gateway and Sogenactif is never passed on', async () => {
  // A man in the middle turning refusals into approvals and statuses into CAPTURED, without the key.
  const proxy = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (c: Buffer) => chunks.push(c));
    request.on('end', async () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const upstream = await fetch(`${simulator.url}${request.url}`, {
        method: 'POST',
        headers: { 'Content-Type': String(request.headers['content-type']) },
        body,
      });
      let text = await upstream.text();
      if (/cardOrder/.test(request.url ?? '')) text = text.replace('"responseCode":"05"', '"responseCode":"00"');
      if (/getTransactionData/.test(request.url ?? '') && body.includes('FORGE'))
        text = text.replace('"transactionStatus":"TO_CAPTURE"', '"transactionStatus":"CAPTURED"');
      response.writeHead(upstream.status, {
        'Content-Type': upstream.headers.get('content-type') ?? 'application/json',
      });
      response.end(text);
    });
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', () => resolve()));
  try {
    const gateway = await gatewayWith({ upstream: `http://127.0.0.1:${(proxy.address() as net.AddressInfo).port}` });
    const refused = await postJson(
      gateway,
      'checkout/cardOrder',
      order({ cardNumber: '4100000000000514', transactionReference: ref('FORGE') }),
    );
    // The forged approval is not passed on: the lookup (a different sealed message) says refused.
    expect(refused.status).toBe(409);
    expect(refused.text).not.toContain('"responseCode":"00"');
    expect(JSON.parse(refused.text).gatewayError).toMatchObject({
      code: 'OutcomeUnknown',
      resolution: { outcome: 'refused', transactionStatus: 'REFUSED' },
    });
    const paid = order({ transactionReference: ref('FORGE') });
    expect(JSON.parse((await postJson(gateway, 'checkout/cardOrder', paid)).text)).toMatchObject({
      responseCode: '00',
    });
    const read = await postJson(gateway, 'diagnostic/getTransactionData', {
      transactionReference: paid.transactionReference,
    });
    expect([read.status, JSON.parse(read.text).gatewayError.code]).toEqual([502, 'ReplyNotTrusted']);
    expect(read.text).not.toContain('CAPTURED');
    expect(gateway.metrics()).toMatch(
      /sogenactif_gateway_seal_failures_total\{service="checkout",operation="cardOrder"\} 1/,
    );
  } finally {
    await new Promise((resolve) => proxy.close(resolve));
  }
});

test('a key rotation during a run of payments: no failure, both versions seen valid', async () => {
  const C = '002001000000003';
  simulator.addMerchantKey({ merchantId: C, secretKey: 'C-KEY-1', keyVersion: 1 });
  const gateway = await gatewayWith({ merchants: [{ merchantId: C, keys: [{ version: 1, secret: 'C-KEY-1' }] }] });
  const results: number[] = [];
  let started = 0;
  const total = 60;
  const worker = async (): Promise<void> => {
    while (started < total) {
      started += 1;
      if (started === 20) {
        // Mid-run: Sogenactif accepts version 2 beside 1, then the gateway seals with 2 (calls in flight finish on 1).
        simulator.addMerchantKey({ merchantId: C, secretKey: 'C-KEY-2', keyVersion: 2 });
        gateway.reloadKeys([
          {
            merchantId: C,
            keys: [
              { version: 2, secret: 'C-KEY-2' },
              { version: 1, secret: 'C-KEY-1' },
            ],
          },
        ]);
      }
      const answer = await postJson(gateway, 'checkout/cardOrder', order({ transactionReference: ref('ROT') }));
      results.push(answer.status === 200 && JSON.parse(answer.text).responseCode === '00' ? 1 : 0);
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  expect(results).toEqual(Array(total).fill(1));
  simulator.removeMerchantKey(C, 1);
  expect(JSON.parse((await postJson(gateway, 'checkout/cardOrder', order())).text)).toMatchObject({
    responseCode: '00',
  });
  const versions = simulator.exchanges(C).map((e) => `${e.request.keyVersion}:${e.seal}`);
  expect(new Set(versions)).toEqual(new Set(['1:valid', '2:valid']));
  expect(versions.length).toBe(total + 1);
});

test("metrics, one JSON log line per exchange with the caller's X-Request-Id, readiness", async () => {
  const lines: string[] = [];
  const gateway = await gatewayWith({ log: (line) => lines.push(line) });
  const answer = await postJson(gateway, 'checkout/cardOrder', order({ cardNumber: '4100000000000514' }), {
    'X-Request-Id': 'erp-42',
  });
  expect(answer.headers.get('x-request-id')).toBe('erp-42');
  const line = JSON.parse(lines.find((l) => l.includes('erp-42'))!);
  expect(line).toMatchObject({
    requestId: 'erp-42',
    caller: 'loopback',
    service: 'checkout',
    operation: 'cardOrder',
    merchantId: A,
    outcome: 'declined',
    code: '05',
    status: 200,
    attempts: 1,
  });
  expect(lines.join('\n')).not.toContain('4100000000000514');
  const metrics = await (await fetch(`${gateway.url}/metrics`)).text();
  expect(metrics).toContain(
    'sogenactif_gateway_requests_total{service="checkout",operation="cardOrder",outcome="declined",code="05"} 1',
  );
  expect(metrics).toMatch(
    /sogenactif_gateway_request_duration_seconds_bucket\{service="checkout",operation="cardOrder",le="\+Inf"\} 1/,
  );
  expect(metrics).toContain('# TYPE sogenactif_gateway_in_flight gauge');
  expect(await (await fetch(`${gateway.url}/readyz`)).json()).toEqual({
    ok: true,
    upstream: true,
    journal: 'none',
    draining: false,
  });
  const dead = await gatewayWith({ upstream: 'http://127.0.0.1:9' });
  const notReady = await fetch(`${dead.url}/readyz`);
  expect([notReady.status, ((await notReady.json()) as { upstream: boolean }).upstream]).toEqual([503, false]);
  const never = await postJson(dead, 'checkout/cardOrder', order());
  expect([never.status, JSON.parse(never.text).gatewayError]).toEqual([
    503,
    expect.objectContaining({ code: 'UpstreamUnavailable', sent: 'no' }),
  ]);
});

test('a unix socket', async () => {
  const socket = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'gateway-socket-')), 'gateway.sock');
  const gateway = await gatewayWith({ socket });
  const body = JSON.stringify(order());
  const answer = await new Promise<string>((resolve, reject) => {
    const request = http.request(
      {
        socketPath: socket,
        path: '/rs-services/v2/checkout/cardOrder',
        method: 'POST',
        headers: { Host: 'localhost', 'Content-Type': 'application/json' },
      },
      (response) => {
        let text = '';
        response.on('data', (c) => (text += c));
        response.on('end', () => resolve(text));
      },
    );
    request.on('error', reject);
    request.end(body);
  });
  expect(JSON.parse(answer)).toMatchObject({ responseCode: '00' });
  await gateway.close();
  expect(fs.existsSync(socket)).toBe(false);
});

test('a graceful shutdown finishes the calls in flight and refuses new ones', async () => {
  const gateway = await startGateway({ upstream: simulator.url, merchants: KEYS, log: () => undefined });
  const slow = postJson(gateway, 'checkout/cardOrder', order({ orderId: `FAULT_SLOW_800_${ref()}` }));
  await new Promise((resolve) => setTimeout(resolve, 200));
  const closing = gateway.close();
  const answer = await slow;
  expect([answer.status, JSON.parse(answer.text).responseCode]).toEqual([200, '00']);
  await closing;
  await expect(fetch(`${gateway.url}/healthz`)).rejects.toThrow();
});

test('bad options are named, never a secret', async () => {
  const error = await startGateway({
    upstream: simulator.url,
    merchants: [{ merchantId: A, keys: [{ version: 0, secret: 'TOP-SECRET-KEY' }] }],
  }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(InvalidRequestError);
  expect((error as InvalidRequestError).fields.map((f) => f.field)).toEqual(['merchants[0].keys[0].version']);
  expect(JSON.stringify(error) + (error as Error).message).not.toContain('TOP-SECRET-KEY');
});

test('a journal is passed through; /readyz reports whether it is writable', async () => {
  let writable = true;
  const base = fileJournal(path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'gateway-journal-')), 'journal.jsonl'));
  const journal: PaymentJournal = {
    recordIntent: (e) => base.recordIntent(e),
    recordSent: (id, at) => base.recordSent(id, at),
    update: (id, c) => base.update(id, c),
    claimDue: (o) => base.claimDue(o),
    list: (f) => base.list(f),
    get: (id) => base.get(id),
    close: () => base.close(),
    ready: () => {
      if (!writable) throw new Error('disk full');
    },
  };
  const gateway = await gatewayWith({ journal });
  expect(((await (await fetch(`${gateway.url}/readyz`)).json()) as { journal: unknown }).journal).toBe(true);
  writable = false;
  const answer = await fetch(`${gateway.url}/readyz`);
  expect([answer.status, ((await answer.json()) as { journal: unknown }).journal]).toEqual([503, false]);
});

test('a body past the limit sent without Content-Length (chunked) is answered 413, not cut', async () => {
  const gateway = await gatewayWith({ maxBodyBytes: 2048 });
  const status = await new Promise<number>((resolve, reject) => {
    const request = http.request(
      `${gateway.url}/rs-services/v2/checkout/cardOrder`,
      { method: 'POST', headers: { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' } },
      (response) => {
        response.resume();
        resolve(response.statusCode!);
      },
    );
    request.on('error', reject);
    for (let i = 0; i < 8; i++) request.write('x'.repeat(1024));
    request.end();
  });
  expect(status).toBe(413);
});

test(
  '90 is retried as the client retries it, then passed on as Sogenactif sent it; a dropped cancel is an unknown ' +
    'outcome, never resent',
  async () => {
    const lines: string[] = [];
    const gateway = await gatewayWith({
      log: (line) => lines.push(line),
      client: { retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 2 } },
    });
    const busy = order({ cardNumber: '4100000000000902' });
    const answer = await postJson(gateway, 'checkout/cardOrder', busy);
    expect([answer.status, JSON.parse(answer.text).responseCode]).toEqual([200, '90']);
    expect(JSON.parse(lines.find((l) => l.includes(busy.transactionReference))!)).toMatchObject({
      outcome: 'unavailable',
      code: '90',
      attempts: 3,
      retries: 2,
    });
    expect(gateway.metrics()).toContain(
      'sogenactif_gateway_upstream_retries_total{service="checkout",operation="cardOrder"} 2',
    );
    const paid = order();
    expect(JSON.parse((await postJson(gateway, 'checkout/cardOrder', paid)).text)).toMatchObject({
      responseCode: '00',
    });
    const dropped = await postJson(gateway, 'cashManagement/cancel', {
      transactionReference: paid.transactionReference,
      operationAmount: 100,
      currencyCode: '978',
      operationOrigin: `FAULT_DROP_${sequence}`,
    });
    expect([dropped.status, JSON.parse(dropped.text).gatewayError]).toEqual([
      409,
      expect.objectContaining({
        code: 'OutcomeUnknown',
        sent: 'maybe',
        resolution: expect.objectContaining({ outcome: 'unknown' }),
      }),
    ]);
    const cancels = simulator
      .exchanges()
      .filter((e) => e.operation === 'cancel' && e.request.transactionReference === paid.transactionReference);
    expect(cancels.map((e) => [e.responseCode, e.fault])).toEqual([['00', 'DROP']]);
  },
);

test('reloadKeys() re-reads the keys file: new calls are sealed with the new version', async () => {
  const D = '002001000000004';
  simulator.addMerchantKey({ merchantId: D, secretKey: 'D-KEY-1', keyVersion: 1 });
  simulator.addMerchantKey({ merchantId: D, secretKey: 'D-KEY-2', keyVersion: 2 });
  const keysFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'gateway-keys-')), 'keys.json');
  const write = (keys: object[]) =>
    fs.writeFileSync(keysFile, JSON.stringify({ merchants: [{ merchantId: D, keys }] }));
  write([{ version: 1, secret: 'D-KEY-1' }]);
  const gateway = await gatewayWith({ merchants: undefined, keysFile });
  await postJson(gateway, 'checkout/cardOrder', order());
  write([
    { version: 2, secret: 'D-KEY-2' },
    { version: 1, secret: 'D-KEY-1' },
  ]);
  gateway.reloadKeys();
  await postJson(gateway, 'checkout/cardOrder', order());
  write([{ version: 0, secret: 'D-KEY-3' }]);
  expect(() => gateway.reloadKeys()).toThrow(/merchants\[0\]\.keys\[0\]\.version must be a positive integer/);
  await postJson(gateway, 'checkout/cardOrder', order());
  expect(simulator.exchanges(D).map((e) => `${e.request.keyVersion}:${e.seal}:${e.responseCode}`)).toEqual([
    '1:valid:00',
    '2:valid:00',
    '2:valid:00',
  ]);
});
