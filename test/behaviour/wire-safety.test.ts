// Plain http only to loopback or by opt-in; a carriage return never turns into a seal mismatch (issue 12, item 13).
import {
  baseUrl,
  createClient,
  DEFAULT_SEAL_ALGORITHM,
  hashSealString,
  isLoopbackHost,
  sealString,
  type PostOptions,
} from '../../src/runtime';
import { startSimulator, DEFAULT_MERCHANT, type RunningSimulator } from '../../src/tools/simulator/server';
import { parseXml } from '../../src/runtime/wire/soap/xml';

let simulator: RunningSimulator;
beforeAll(async () => {
  simulator = await startSimulator();
});
afterAll(async () => simulator.close());

describe('plain http', () => {
  test.each([
    ['http://127.0.0.1:8080', true],
    ['http://127.9.9.9', true],
    ['http://localhost:1234', true],
    ['http://[::1]:8080', true],
    ['https://office.example', true],
    ['http://office.example', false],
    ['http://10.0.0.5:8080', false],
    ['http://127.0.0.1.evil.example', false],
    // Issue 19: a name under .localhost is a name, not an address: not trusted as loopback.
    ['http://anything.localhost:8080', false],
    ['http://localhost.evil.example', false],
  ])('%s accepted without opt-in: %s', (environment, accepted) => {
    const make = () => createClient({ ...DEFAULT_MERCHANT, environment });
    if (accepted) expect(make).not.toThrow();
    else expect(make).toThrow(/plain http:\/\/ .* allowInsecureHttp/);
  });

  test('allowInsecureHttp opts in; credentials in the URL are refused and never repeated', () => {
    expect(() =>
      createClient({ ...DEFAULT_MERCHANT, environment: 'http://office.example', allowInsecureHttp: true }),
    ).not.toThrow();
    expect(() => baseUrl('https://user:pa55word@office.example')).toThrow(/must not carry credentials/);
    expect(() => baseUrl('not a url pa55word')).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining('pa55word') }),
    );
    expect(isLoopbackHost('LOCALHOST')).toBe(true);
    expect(isLoopbackHost('[::1]')).toBe(true);
    expect(isLoopbackHost('::1')).toBe(true);
    expect(isLoopbackHost('127.255.255.255')).toBe(true);
    expect(isLoopbackHost('anything.localhost')).toBe(false);
    expect(isLoopbackHost('127.0.0.256')).toBe(false);
    expect(isLoopbackHost('[::2]')).toBe(false);
  });
});

describe('carriage returns', () => {
  test("CR and CRLF in a value are sent and sealed as LF, what the gateway's XML parser reads", async () => {
    let body = '';
    const client = createClient({
      ...DEFAULT_MERCHANT,
      environment: 'PROD',
      retry: false,
      transport: {
        post: async (options: PostOptions) => {
          body = options.body;
          throw new Error('captured');
        },
        close: () => undefined,
      },
    });
    await client.mandate.searchMandate({ customerId: 'A\r\nB\rC' }).catch(() => undefined);
    const input = parseXml(body).children[0]!.children[0]!.children[0]!;
    const fields = Object.fromEntries(input.children.map((c) => [c.local, c.text]));
    expect(fields.customerId).toBe('A\nB\nC');
    // The seal sent is the seal of what a parser reads back.
    const { seal, ...rest } = fields;
    expect(seal).toBe(hashSealString(sealString(rest), DEFAULT_MERCHANT.secretKey, DEFAULT_SEAL_ALGORITHM));
  });

  test('against the simulator: a value with CRLF is accepted (no 34 seal error)', async () => {
    const client = createClient({ ...DEFAULT_MERCHANT, environment: simulator.url, retry: false });
    await expect(
      client.checkout.cardOrder({
        amount: 100,
        currencyCode: '978',
        cardNumber: '4200000000000000',
        cardExpiryDate: '203012',
        orderChannel: 'INTERNET',
        transactionReference: `CR${Date.now()}`,
        returnContext: 'line one\r\nline two',
      }),
    ).resolves.toMatchObject({ responseCode: '00' });
    client.close();
  });
});
