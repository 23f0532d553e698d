// The call's deadline and the caller's signal through the built-in HTTP transport, against a local server that never
// answers: the transport's own timer ends the attempt within the deadline without the deadline's AbortController being
// made (CALLER_SIGNAL), the caller's signal still aborts the request in flight, a transport of one's own still gets
// a `signal` that carries the deadline, and a wrapper around the built-in transport that sets its own signal is heard.
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createClient, createHttpTransport, TransportError, type Transport } from '../../src/runtime';

const MERCHANT = { merchantId: '002001000000001', secretKey: '002001000000001_KEY1', keyVersion: 1 };
const LOOKUP = { transactionReference: 'DEADLINE-1' };

let server: http.Server;
let base: string;
let received = 0;

beforeAll(async () => {
  // Reads each request and never answers it.
  server = http.createServer((request) => {
    received++;
    request.resume();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

/** How many AbortControllers `run` makes. */
async function controllersMadeBy(run: () => Promise<unknown>): Promise<number> {
  const Original = globalThis.AbortController;
  let made = 0;
  globalThis.AbortController = class extends Original {
    constructor() {
      super();
      made++;
    }
  };
  try {
    await run();
  } finally {
    globalThis.AbortController = Original;
  }
  return made;
}

test('the deadline ends an unanswered request through the transport timer, no AbortController made', async () => {
  const client = createClient({ ...MERCHANT, environment: base, retry: false, timeoutMs: 300 });
  const before = received;
  let error: unknown;
  const made = await controllersMadeBy(() =>
    client.diagnostic.getTransactionData(LOOKUP).catch((caught: unknown) => (error = caught)),
  );
  client.close();
  expect(received - before).toBe(1);
  expect(error).toBeInstanceOf(TransportError);
  expect((error as TransportError).message).toMatch(/no complete reply within (29\d|300) ms/);
  expect((error as TransportError).outcomeUnknown).toBe(true);
  expect(made).toBe(0);
});

test("the caller's signal aborts the request in flight", async () => {
  const client = createClient({ ...MERCHANT, environment: base, retry: false, timeoutMs: 10_000 });
  const controller = new AbortController();
  const started = performance.now();
  const call = client.diagnostic.getTransactionData(LOOKUP, { signal: controller.signal });
  setTimeout(() => controller.abort(), 100);
  const error = await call.catch((caught: unknown) => caught);
  client.close();
  expect(error).toBeInstanceOf(TransportError);
  expect((error as TransportError).message).toMatch(/aborted by the caller/);
  expect((error as TransportError).outcomeUnknown).toBe(true);
  expect(performance.now() - started).toBeLessThan(5_000);
});

test('a transport of its own gets a signal that aborts at the deadline (TimeoutError)', async () => {
  let reason: unknown;
  const transport: Transport = {
    post: (options) =>
      new Promise((_resolve, reject) => {
        const signal = options.signal!;
        signal.addEventListener('abort', () => {
          reason = signal.reason;
          reject(new TransportError('aborted', { outcomeUnknown: true }));
        });
      }),
    close() {},
  };
  const client = createClient({ ...MERCHANT, environment: base, retry: false, timeoutMs: 200, transport });
  await expect(client.diagnostic.getTransactionData(LOOKUP)).rejects.toBeInstanceOf(TransportError);
  expect((reason as Error).name).toBe('TimeoutError');
});

test('a wrapper that spreads the options and sets a signal of its own is heard by the built-in transport', async () => {
  const inner = createHttpTransport();
  const shutdown = new AbortController();
  const transport: Transport = {
    post: (options) => inner.post({ ...options, signal: AbortSignal.any([options.signal!, shutdown.signal]) }),
    close: () => inner.close(),
  };
  const client = createClient({ ...MERCHANT, environment: base, retry: false, timeoutMs: 10_000, transport });
  const started = performance.now();
  const call = client.diagnostic.getTransactionData(LOOKUP);
  setTimeout(() => shutdown.abort(), 100);
  const error = await call.catch((caught: unknown) => caught);
  client.close();
  expect(error).toBeInstanceOf(TransportError);
  expect((error as TransportError).message).toMatch(/aborted by the caller/);
  expect(performance.now() - started).toBeLessThan(5_000);
});

test("the built-in transport's own request: no AbortController made, the caller's signal heard", async () => {
  const client = createClient({ ...MERCHANT, environment: base, retry: false, timeoutMs: 5_000 });
  const caller = new AbortController();
  let error: unknown;
  const made = await controllersMadeBy(() => {
    const call = client.diagnostic.getTransactionData(LOOKUP, { signal: caller.signal });
    setTimeout(() => caller.abort(), 50);
    return call.catch((caught: unknown) => (error = caught));
  });
  client.close();
  expect(made).toBe(0);
  expect((error as TransportError).message).toMatch(/aborted by the caller/);
});

test('a copy of the built-in transport, or one whose post was replaced, gets the signal accessor', async () => {
  const inner = createHttpTransport();
  const seen: (PropertyDescriptor | undefined)[] = [];
  // A spread copy with a post of its own, and the built-in transport itself with its post replaced.
  const copy: Transport = {
    ...inner,
    post: (options) => {
      seen.push(Object.getOwnPropertyDescriptor(options, 'signal'));
      return inner.post({ ...options, signal: AbortSignal.any([options.signal!]) });
    },
  };
  const replaced = createHttpTransport();
  const post = replaced.post.bind(replaced);
  (replaced as { post: Transport['post'] }).post = (options) => {
    seen.push(Object.getOwnPropertyDescriptor(options, 'signal'));
    return post(options);
  };
  for (const transport of [copy, replaced]) {
    const client = createClient({ ...MERCHANT, environment: base, retry: false, timeoutMs: 5_000, transport });
    const caller = new AbortController();
    const call = client.diagnostic.getTransactionData(LOOKUP, { signal: caller.signal });
    setTimeout(() => caller.abort(), 50);
    const error = await call.catch((caught: unknown) => caught);
    client.close();
    expect((error as TransportError).message).toMatch(/aborted by the caller/);
  }
  inner.close();
  expect(seen.map((descriptor) => typeof descriptor?.get)).toEqual(['function', 'function']);
});

test('a wrapper that takes the signal out: the built-in transport runs to its timeout, abort unheard', async () => {
  const inner = createHttpTransport();
  const transport: Transport = {
    // Lets a sent request end by its own timer, whatever the caller does (the options' other keys copied).
    post: ({ signal: _dropped, ...rest }) => inner.post(rest),
    close: () => inner.close(),
  };
  const client = createClient({ ...MERCHANT, environment: base, retry: false, timeoutMs: 400, transport });
  const caller = new AbortController();
  const call = client.diagnostic.getTransactionData(LOOKUP, { signal: caller.signal });
  setTimeout(() => caller.abort(), 50);
  const error = await call.catch((caught: unknown) => caught);
  client.close();
  expect((error as TransportError).message).toMatch(/no complete reply within/);
});
