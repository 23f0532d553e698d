// The configuration step (src/runtime/client/config.ts): each bad field named, defaults applied once into Settings.
import { checkConfig, resolveSettings, type ClientConfig } from '../../../../src/runtime/client';
import { InvalidRequestError, type Transport } from '../../../../src/runtime';

const good: ClientConfig = { merchantId: '002001000000001', secretKey: 'k', keyVersion: 1, environment: 'TEST' };
const transport = (): Transport => ({
  post: async () => ({ status: 200, contentType: 'text/xml', body: '' }),
  close: () => undefined,
});

test.each([
  // given a change to a good configuration, want the fields named
  [{}, []],
  [{ merchantId: '123' }, ['merchantId']],
  [{ secretKey: '' }, ['secretKey']],
  [{ keyVersion: 0 }, ['keyVersion']],
  [{ timeoutMs: 2 ** 31 }, ['timeoutMs']],
  [{ wire: 'xml' }, ['wire']],
  [{ transport: 'xml' }, ['transport']],
  [{ httpTransport: {} }, ['httpTransport']],
  [{ serviceWires: { mandate: 'rest' } }, ['serviceWires.mandate']],
  [{ serviceTransports: { mandate: 'rest' } }, ['serviceTransports.mandate']],
  // An old name beside its new one is refused, whatever the values: neither silently wins.
  [{ wire: 'json', transport: 'json' }, ['transport']],
  [{ wire: 'soap', transport: 'json' }, ['transport']],
  [{ transport: transport(), httpTransport: transport() }, ['httpTransport']],
  [{ serviceWires: { mandate: 'json' }, serviceTransports: { mandate: 'json' } }, ['serviceTransports']],
  [{ interfaceVersions: { checkout: '2.60' } }, ['interfaceVersions.checkout']],
  [{ http: 'proxy' }, ['http']],
  // Pins are checked by the built-in transport: with a replacement transport they would silently do nothing.
  [{ http: { pin: 'sha256//' + 'A'.repeat(43) + '=' }, transport: transport() }, ['http.pin']],
  [{ http: { pin: 'sha256//' + 'A'.repeat(43) + '=' }, httpTransport: transport() }, ['http.pin']],
  [{ environment: 'http://gateway.example' }, ['environment']],
] as const)('%p names %p', (change, want) => {
  expect(checkConfig({ ...good, ...(change as object) } as ClientConfig).map((issue) => issue.field)).toEqual(want);
});

test('resolveSettings applies the defaults', () => {
  const settings = resolveSettings(good);
  expect(settings).toMatchObject({
    sealAlgorithm: 'HMAC-SHA-256',
    timeoutMs: 30_000,
    maxResponseBytes: 4 * 1024 * 1024,
    allowUnsigned: true,
    defaultWire: 'soap',
    retry: {},
  });
  expect(resolveSettings({ ...good, environment: 'PROD', wire: 'json', retry: false }).allowUnsigned).toBe(false);
  expect(resolveSettings({ ...good, wire: 'json' }).defaultWire).toBe('json');
});

test('the old names keep their meaning: transport as a wire name, httpTransport, serviceTransports', () => {
  const replacement = transport();
  // given each configuration, want the same settings from the new names and the old
  for (const [current, former] of [
    [{ wire: 'json' }, { transport: 'json' }],
    [{ transport: replacement }, { httpTransport: replacement }],
    [
      { wire: 'json', transport: replacement },
      { transport: 'json', httpTransport: replacement },
    ],
    [{ serviceWires: { mandate: 'json' } }, { serviceTransports: { mandate: 'json' } }],
    [
      { wire: 'json', transport: replacement },
      { wire: 'json', httpTransport: replacement },
    ],
  ] as [ClientConfig, ClientConfig][]) {
    const [now, then] = [resolveSettings({ ...good, ...current }), resolveSettings({ ...good, ...former })];
    expect([then.defaultWire, then.serviceWires, then.transport === replacement]).toEqual([
      now.defaultWire,
      now.serviceWires,
      now.transport === replacement,
    ]);
  }
  expect(resolveSettings({ ...good, transport: 'json', httpTransport: replacement })).toMatchObject({
    defaultWire: 'json',
    transport: replacement,
  });
});

test('an old name beside its new one is refused naming both', () => {
  const problems = checkConfig({
    ...good,
    wire: 'soap',
    transport: 'json',
    serviceWires: {},
    serviceTransports: {},
    httpTransport: transport(),
  });
  expect(problems).toEqual([
    {
      field: 'transport',
      problem: "is the deprecated name of wire when it is 'soap' or 'json', and wire is given too: give only wire",
    },
    {
      field: 'serviceTransports',
      problem: 'is the deprecated name of serviceWires, and serviceWires is given too: give only serviceWires',
    },
  ]);
  expect(checkConfig({ ...good, transport: transport(), httpTransport: transport() })).toEqual([
    {
      field: 'httpTransport',
      problem: 'is the deprecated name of transport, and transport is given too: give only transport',
    },
  ]);
});

test('a bad configuration throws one InvalidRequestError listing every field, never the key', () => {
  let error: unknown;
  try {
    resolveSettings({ ...good, merchantId: 'x', keyVersion: -1, secretKey: 'TOP-SECRET' } as ClientConfig);
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(InvalidRequestError);
  expect((error as InvalidRequestError).fields.map((f) => f.field)).toEqual(['merchantId', 'keyVersion']);
  expect(JSON.stringify(error)).not.toContain('TOP-SECRET');
});
