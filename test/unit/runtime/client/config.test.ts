// The configuration step (src/runtime/client/config.ts): each bad field named, defaults applied once into Settings.
import { checkConfig, resolveSettings, type ClientConfig } from '../../../../src/runtime/client';
import { InvalidRequestError } from '../../../../src/runtime';

const good: ClientConfig = { merchantId: '002001000000001', secretKey: 'k', keyVersion: 1, environment: 'TEST' };

test.each([
  // given a change to a good configuration, want the fields named
  [{}, []],
  [{ merchantId: '123' }, ['merchantId']],
  [{ secretKey: '' }, ['secretKey']],
  [{ keyVersion: 0 }, ['keyVersion']],
  [{ timeoutMs: 2 ** 31 }, ['timeoutMs']],
  [{ transport: 'xml' }, ['transport']],
  [{ serviceTransports: { mandate: 'rest' } }, ['serviceTransports.mandate']],
  [{ interfaceVersions: { checkout: '2.60' } }, ['interfaceVersions.checkout']],
  [{ http: 'proxy' }, ['http']],
  // Pins are checked by the built-in transport: with a replacement transport they would silently do nothing.
  [{ http: { pin: 'sha256//' + 'A'.repeat(43) + '=' }, httpTransport: { post: async () => ({ status: 200, headers: {}, body: '' }), close: () => undefined } }, ['http.pin']],
  [{ environment: 'http://gateway.example' }, ['environment']],
] as const)('%p names %p', (change, want) => {
  expect(checkConfig({ ...good, ...(change as object) } as ClientConfig).map((issue) => issue.field)).toEqual(want);
});

test('resolveSettings applies the defaults', () => {
  const settings = resolveSettings(good);
  expect(settings).toMatchObject({ sealAlgorithm: 'HMAC-SHA-256', timeoutMs: 30_000, maxResponseBytes: 4 * 1024 * 1024, allowUnsigned: true, defaultWire: 'soap', retry: {} });
  expect(resolveSettings({ ...good, environment: 'PROD', transport: 'json', retry: false }).allowUnsigned).toBe(false);
  expect(resolveSettings({ ...good, transport: 'json' }).defaultWire).toBe('json');
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
