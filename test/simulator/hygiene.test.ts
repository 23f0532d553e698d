// The simulator against hostile clients: DNS rebinding (the Host header of the dashboard and admin endpoints),
// keyless requests flooding the log, fault triggers in requests nobody authenticated, slow headers and bodies
// holding connections, and the connection cap.
import * as http from 'node:http';
import * as net from 'node:net';
import { createClient } from '../../src/runtime';
import { parseJsonRecord } from '../../src/runtime/wire/json/index';
import { hashSealString, sealStringOf } from '../../src/runtime/seal';
import { buildEnvelope } from '../../src/runtime/wire';
import { checkoutService } from '../../generated/checkout/operations';
import { acceptedHosts } from '../../src/tools/simulator/admin';
import { DEFAULT_MERCHANT, startSimulator, type RunningSimulator } from '../../src/tools/simulator';
import { readReplyFields } from '../support/wire-fixtures';

let sequence = 0;
const ref = (prefix: string): string => `${prefix}${Date.now().toString(36)}${(sequence += 1)}`;
const order = (fields: Record<string, unknown> = {}) => ({
  amount: 1000,
  currencyCode: '978',
  cardNumber: '4200000000000000',
  cardExpiryDate: '203012',
  orderChannel: 'INTERNET' as const,
  transactionReference: ref('H'),
  ...fields,
});

/** One request with a Host header of our choosing (fetch would write its own). */
function request(
  url: string,
  path: string,
  options: { method?: string; host?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<{ status: number; text: string }> {
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    const sent = http.request(
      {
        host: target.hostname.replace(/^\[|\]$/g, ''),
        port: target.port,
        path,
        method: options.method ?? 'GET',
        headers: { ...(options.host !== undefined ? { Host: options.host } : {}), ...options.headers },
        agent: false,
      },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, text }));
      },
    );
    sent.on('error', reject);
    sent.end(options.body);
  });
}

/** A JSON cardOrder claiming the default merchant, with a seal made without its key. */
function keylessOrder(
  url: string,
  fields: Record<string, string> = {},
  init: { signal?: AbortSignal } = {},
): Promise<Response> {
  const body = {
    amount: '1000',
    cardExpiryDate: '203012',
    cardNumber: '4200000000000000',
    currencyCode: '978',
    interfaceVersion: 'IR_WS_2.55',
    keyVersion: '1',
    merchantId: DEFAULT_MERCHANT.merchantId,
    orderChannel: 'INTERNET',
    transactionReference: ref('K'),
    ...fields,
    seal: 'ab'.repeat(32),
  };
  return fetch(`${url}/rs-services/v2/checkout/cardOrder`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
    ...init,
  });
}

describe('the Host header of the dashboard and admin endpoints (DNS rebinding)', () => {
  let simulator: RunningSimulator;
  let port: string;
  beforeAll(async () => {
    simulator = await startSimulator({ localAdmin: true, allowedHosts: ['simulator.test', 'proxy.test:9443'] });
    port = new URL(simulator.url).port;
  });
  afterAll(async () => simulator.close());

  test(
    'a page on evil.example resolving to 127.0.0.1 can neither read the dashboard or the log nor reset the ' +
      'state: 421',
    async () => {
      const client = createClient({ ...DEFAULT_MERCHANT, environment: simulator.url, retry: false });
      const transactionReference = ref('DNS');
      await client.checkout.cardOrder(order({ transactionReference }));
      client.close();
      const evil = `evil.example:${port}`;
      const dashboard = await request(simulator.url, '/', { host: evil });
      expect(dashboard.status).toBe(421);
      expect(dashboard.text).not.toContain(transactionReference);
      expect((await request(simulator.url, '/simulator/exchanges', { host: evil })).status).toBe(421);
      // The browser sends the rebinding page's own origin, which matches its Host: the origin check alone let it
      // through.
      for (const action of ['/simulator/reset', '/simulator/clock?days=30', '/simulator/batch']) {
        expect(
          (await request(simulator.url, action, { method: 'POST', host: evil, headers: { Origin: `http://${evil}` } }))
            .status,
        ).toBe(421);
      }
      expect(
        [...simulator.state.transactions.values()].some((t) => t.transactionReference === transactionReference),
      ).toBe(true);
      expect(simulator.clock.offsetDays).toBe(0);
      // Credentials do not lift it: the Host is checked first.
      const credentials = `${DEFAULT_MERCHANT.merchantId}:${DEFAULT_MERCHANT.secretKey}`;
      const basic = `Basic ${Buffer.from(credentials).toString('base64')}`;
      expect((await request(simulator.url, '/', { host: evil, headers: { Authorization: basic } })).status).toBe(421);
    },
  );

  // given: the Host header; want: the dashboard's status for the local operator.
  test.each([
    ['127.0.0.1:PORT', 200],
    ['localhost:PORT', 200],
    ['LocalHost:PORT', 200],
    ['[::1]:PORT', 200],
    ['simulator.test:PORT', 200],
    ['proxy.test:9443', 200],
    ['proxy.test:PORT', 421],
    ['simulator.test:1', 421],
    ['localhost', 421],
    ['127.0.0.1:1', 421],
    ['evil.example:PORT', 421],
    ['localhost.evil.example:PORT', 421],
  ])('Host %p: %i', async (host, want) => {
    expect((await request(simulator.url, '/', { host: host.replace('PORT', port) })).status).toBe(want);
  });

  test('a request without a Host header (HTTP/1.0) is refused too', async () => {
    const reply = await new Promise<string>((resolve, reject) => {
      let text = '';
      const socket = net.connect(Number(port), '127.0.0.1', () => socket.write('GET / HTTP/1.0\r\n\r\n'));
      socket.setEncoding('utf8');
      socket.on('data', (chunk: string) => (text += chunk));
      socket.on('end', () => resolve(text));
      socket.on('error', reject);
    });
    expect(reply).toMatch(/^HTTP\/1\.1 421 /);
  });

  test(
    'the SOAP and JSON endpoints and the WSDLs answer under any name (a container reaches them by its service ' +
      'name)',
    async () => {
      expect(
        (await request(simulator.url, '/services/v2/checkout?wsdl', { host: `simulator-container:${port}` })).status,
      ).toBe(200);
    },
  );

  test('an allowedHosts entry that is not a host name is refused, named', async () => {
    await expect(startSimulator({ allowedHosts: ['evil.example/x'] })).rejects.toThrow(
      /allowedHosts: "evil\.example\/x" is not a host name/,
    );
  });

  test(
    'bound to every interface: each interface address with the port, and the loopback names; port 80 also ' +
      'without it',
    () => {
      const hosts = acceptedHosts({ address: '0.0.0.0', family: 'IPv4', port: 80 }, ['shop.test']);
      for (const host of [
        '127.0.0.1:80',
        '127.0.0.1',
        'localhost',
        'localhost:80',
        '[::1]:80',
        'shop.test',
        'shop.test:80',
      ])
        expect(hosts).toContain(host);
      expect(acceptedHosts({ address: '127.0.0.1', family: 'IPv4', port: 8080 })).toEqual(
        new Set(['127.0.0.1:8080', 'localhost:8080', '[::1]:8080']),
      );
    },
  );
});

describe('keyless requests are logged apart from the merchant they claim', () => {
  test('520 bad-seal requests claiming the default merchant leave its genuine entries in the log', async () => {
    const simulator = await startSimulator();
    try {
      const client = createClient({ ...DEFAULT_MERCHANT, environment: simulator.url, retry: false });
      const genuine: string[] = [];
      for (let i = 0; i < 3; i += 1) {
        const transactionReference = ref('GEN');
        await client.checkout.cardOrder(order({ transactionReference }));
        genuine.push(transactionReference);
      }
      client.close();
      for (let i = 0; i < 520; i += 1)
        expect((await (await keylessOrder(simulator.url)).json()) as Record<string, unknown>).toMatchObject({
          responseCode: '34',
        });
      const own = simulator.exchanges(DEFAULT_MERCHANT.merchantId);
      expect(own.map((e) => e.request.transactionReference)).toEqual(genuine);
      expect(own.every((e) => e.seal === 'valid')).toBe(true);
      const all = simulator.exchanges();
      const unauthenticated = all.filter((e) => e.seal !== 'valid');
      // Its own cap (200 by default), and the claim is kept as a claim only.
      expect(unauthenticated).toHaveLength(200);
      expect(
        unauthenticated.every(
          (e) =>
            e.merchantId === undefined && e.claimedMerchantId === DEFAULT_MERCHANT.merchantId && e.seal === 'invalid',
        ),
      ).toBe(true);
      expect(all.filter((e) => e.seal === 'valid').map((e) => e.request.transactionReference)).toEqual(genuine);
    } finally {
      await simulator.close();
    }
  });

  test('the local dashboard lists them in their own table; a merchant never sees those claiming its id', async () => {
    const simulator = await startSimulator({ localAdmin: true, maxUnauthenticatedLogEntries: 5 });
    try {
      for (let i = 0; i < 8; i += 1) await keylessOrder(simulator.url, { orderId: `FORGED-${i}` });
      expect(
        simulator
          .exchanges()
          .filter((e) => e.seal !== 'valid')
          .map((e) => e.request.orderId),
      ).toEqual(['FORGED-3', 'FORGED-4', 'FORGED-5', 'FORGED-6', 'FORGED-7']);
      const local = await (await fetch(`${simulator.url}/`)).text();
      expect(local).toContain('<table id="unauthenticated">');
      expect(local).toContain(`claims ${DEFAULT_MERCHANT.merchantId}`);
      const basic =
        `Basic ` + `${Buffer.from(`${DEFAULT_MERCHANT.merchantId}:${DEFAULT_MERCHANT.secretKey}`).toString('base64')}`;
      const merchant = await (await fetch(`${simulator.url}/`, { headers: { Authorization: basic } })).text();
      expect(merchant).not.toContain('FORGED-');
      expect(
        JSON.parse(
          await (await fetch(`${simulator.url}/simulator/exchanges`, { headers: { Authorization: basic } })).text(),
        ),
      ).toEqual([]);
    } finally {
      await simulator.close();
    }
  });
});

describe('fault triggers act only once the seal verified', () => {
  let simulator: RunningSimulator;
  beforeAll(async () => {
    simulator = await startSimulator();
  });
  afterAll(async () => simulator.close());

  test('a keyless FAULT_SLOW_60000 in orderId gets 34 at once (not after a minute); no fault is logged', async () => {
    const response = await keylessOrder(
      simulator.url,
      { orderId: 'FAULT_SLOW_60000_x' },
      { signal: AbortSignal.timeout(10_000) },
    );
    expect(await response.json()).toMatchObject({ responseCode: '34' });
    expect(simulator.exchanges().at(-1)).toMatchObject({ seal: 'invalid', responseCode: '34', httpStatus: 200 });
    expect(simulator.exchanges().at(-1)!.fault).toBeUndefined();
  });

  // given: a trigger in a keyless request; want: the gateway's seal error, not the fault.
  test.each([
    'FAULT_DROP',
    'FAULT_HTTP500',
    'FAULT_SOAP_FAULT',
    'FAULT_HTML',
    'FAULT_TRUNCATED',
    'FAULT_BAD_SEAL',
    'FAULT_DORP',
  ])('a keyless %s: the 34, whole and sealed for the merchant it names', async (trigger) => {
    const response = await keylessOrder(simulator.url, { orderId: `${trigger}_x` });
    expect(response.status).toBe(200);
    const reply = parseJsonRecord(await response.text());
    expect(reply).toMatchObject({ responseCode: '34' });
    expect(reply.seal).toBe(hashSealString(sealStringOf(reply), DEFAULT_MERCHANT.secretKey));
  });

  test('on the SOAP wire too: a keyless FAULT_DROP gets its 34, the connection kept', async () => {
    const operation = checkoutService.operations.cardOrder!;
    const record = {
      amount: '1000',
      cardExpiryDate: '203012',
      cardNumber: '4200000000000000',
      currencyCode: '978',
      interfaceVersion: 'IR_WS_2.55',
      keyVersion: '1',
      merchantId: DEFAULT_MERCHANT.merchantId,
      orderChannel: 'INTERNET',
      orderId: 'FAULT_DROP_x',
      transactionReference: ref('KS'),
      seal: 'ab'.repeat(32),
    };
    const response = await fetch(`${simulator.url}/services/v2/checkout`, {
      method: 'POST',
      headers: { 'Content-Type': 'text/xml; charset=utf-8', SOAPAction: '""' },
      body: buildEnvelope(operation, record),
    });
    expect(response.status).toBe(200);
    expect(readReplyFields(operation, await response.text())).toMatchObject({ responseCode: '34' });
  });

  test("a keyless FAULT_DROP does not spend the trigger of the merchant's own request of that reference", async () => {
    const transactionReference = ref('FAULT_DROP_');
    await keylessOrder(simulator.url, { transactionReference });
    const client = createClient({
      ...DEFAULT_MERCHANT,
      environment: simulator.url,
      retry: false,
      resolveUnknownOutcomes: false,
    });
    await expect(client.checkout.cardOrder(order({ transactionReference }))).rejects.toMatchObject({
      kind: 'transport',
      outcomeUnknown: true,
    });
    client.close();
  });
});

describe('header and body deadlines, and the connection cap', () => {
  /** A raw connection: what the server sent, whether it closed it, and when. */
  interface Held {
    readonly socket: net.Socket;
    readonly opened: number;
    received: string;
    closedAfterMs?: number;
  }

  function hold(port: number, first: string, drip: string): Held {
    const socket = net.connect(port, '127.0.0.1');
    const held: Held = { socket, opened: Date.now(), received: '' };
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (held.received += chunk));
    socket.on('error', () => undefined);
    socket.once('close', () => (held.closedAfterMs = Date.now() - held.opened));
    socket.write(first);
    const timer = setInterval(() => (socket.destroyed ? clearInterval(timer) : socket.write(drip)), 100);
    socket.once('close', () => clearInterval(timer));
    return held;
  }

  const until = async (done: () => boolean, ms: number): Promise<void> => {
    const end = Date.now() + ms;
    while (!done() && Date.now() < end) await new Promise((resolve) => setTimeout(resolve, 50));
  };

  test(
    '200 slow bodies and 10 slow headers are cut within the deadlines with 408, connections past the cap are ' +
      'closed, and genuine calls are answered throughout',
    async () => {
      const limits = { headersTimeoutMs: 1000, bodyTimeoutMs: 1000, requestTimeoutMs: 2000, maxConnections: 240 };
      const simulator = await startSimulator(limits);
      const port = Number(new URL(simulator.url).port);
      const client = createClient({ ...DEFAULT_MERCHANT, environment: simulator.url, retry: false });
      const all: Held[] = [];
      try {
        const bodies = Array.from({ length: 200 }, () =>
          hold(
            port,
            `POST /services/v2/checkout HTTP/1.1\r\nHost: 127.0.0.1:${port}` +
              `\r\nContent-Type: text/xml\r\nContent-Length: 100000\r\n\r\n<soap:Envelope`,
            ' ',
          ),
        );
        const headers = Array.from({ length: 10 }, (_, i) =>
          hold(
            port,
            `POST /rs-services/v2/checkout/cardOrder HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n`,
            `X-Slow-${i}: x\r\n`,
          ),
        );
        all.push(...bodies, ...headers);
        await new Promise((resolve) => setTimeout(resolve, 100));
        // Held, under the cap: a genuine payment still goes through.
        await expect(client.checkout.cardOrder(order())).resolves.toMatchObject({ responseCode: '00' });
        // Past the cap: closed at once, with nothing written.
        const extra = Array.from({ length: 60 }, () => hold(port, '', ''));
        all.push(...extra);
        // The client stops dripping after 8 s: anything the server has not cut by then was held.
        await until(() => all.every((h) => h.closedAfterMs !== undefined), 8000);
        const cut = (h: Held): boolean => h.closedAfterMs !== undefined;
        expect(bodies.filter((h) => !cut(h) || !h.received.startsWith('HTTP/1.1 408'))).toHaveLength(0);
        expect(headers.filter((h) => !cut(h) || !h.received.startsWith('HTTP/1.1 408'))).toHaveLength(0);
        // Cut within the configured deadline (headers or body, plus Node's check interval and a slow machine's slack).
        expect(Math.max(...[...bodies, ...headers].map((h) => h.closedAfterMs!))).toBeLessThan(
          limits.requestTimeoutMs + 3000,
        );
        // About 30 of them find no room (240 - 210 held - the client's); any accepted one is an idle connection cut
        // with 408.
        const refused = extra.filter((h) => cut(h) && h.received === '');
        expect(refused.length).toBeGreaterThanOrEqual(15);
        expect(
          extra.filter((h) => !cut(h) || (h.received !== '' && !h.received.startsWith('HTTP/1.1 408'))),
        ).toHaveLength(0);
        await expect(client.checkout.cardOrder(order())).resolves.toMatchObject({ responseCode: '00' });
      } finally {
        for (const h of all) h.socket.destroy();
        client.close();
        await simulator.close();
      }
    },
    30_000,
  );

  test('a reply that comes late (FAULT_SLOW) is not cut: the deadlines bound receiving the request only', async () => {
    const simulator = await startSimulator({ headersTimeoutMs: 200, bodyTimeoutMs: 200, requestTimeoutMs: 300 });
    const client = createClient({ ...DEFAULT_MERCHANT, environment: simulator.url, retry: false });
    try {
      await expect(
        client.checkout.cardOrder(order({ transactionReference: ref('FAULT_SLOW_1200_') })),
      ).resolves.toMatchObject({ responseCode: '00' });
    } finally {
      client.close();
      await simulator.close();
    }
  });

  test.each([
    [{ headersTimeoutMs: 0 }, /headersTimeoutMs must be a positive integer/],
    [{ maxConnections: 1.5 }, /maxConnections must be a positive integer/],
    [
      { headersTimeoutMs: 5000, requestTimeoutMs: 1000 },
      /headersTimeoutMs \(5000\) must not exceed requestTimeoutMs \(1000\)/,
    ],
  ])('%j is refused, the option named', async (options, message) => {
    await expect(startSimulator(options)).rejects.toThrow(message);
  });
});
