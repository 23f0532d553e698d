// The keyring (src/runtime/keyring.ts, src/runtime/keys-file.ts, the client's merchant choice): checks naming each
// field, the keys file with secretEnv, several merchants on one client, and a key rotation against the simulator's
// several versions.
import { createClient, InvalidRequestError, SealMismatchError, type SogenactifClient } from '../../../src/runtime';
import { checkMerchants, createKeyring } from '../../../src/runtime/keyring';
import { parseKeysFile } from '../../../src/runtime/keys-file';
import { startSimulator, type RunningSimulator } from '../../../src/tools/simulator';

const A = '002001000000001';
const B = '002001000000002';
const order = (reference: string) => ({
  amount: 1000,
  currencyCode: '978',
  cardNumber: '4200000000000000',
  cardExpiryDate: '203012',
  orderChannel: 'INTERNET' as const,
  transactionReference: reference,
});
let sequence = 0;
const ref = (): string => `KR${Date.now().toString(36)}${(sequence += 1)}`;

test.each([
  // given a merchants list, want the fields named
  [[{ merchantId: A, keys: [{ version: 1, secret: 'k' }] }], []],
  [[], ['merchants']],
  [[{ merchantId: '12', keys: [] }], ['merchants[0].merchantId', 'merchants[0].keys']],
  [
    [{ merchantId: A, keys: [{ version: 0, secret: '' }] }],
    ['merchants[0].keys[0].version', 'merchants[0].keys[0].secret'],
  ],
  [
    [
      {
        merchantId: A,
        keys: [
          { version: 2, secret: 'a' },
          { version: 2, secret: 'b' },
        ],
      },
    ],
    ['merchants[0].keys[1].version'],
  ],
  [
    [
      { merchantId: A, keys: [{ version: 1, secret: 'a' }] },
      { merchantId: A, keys: [{ version: 2, secret: 'b' }] },
    ],
    ['merchants[1].merchantId'],
  ],
])('checkMerchants(%j) names %j', (given, want) => {
  expect(checkMerchants(given).map((issue) => issue.field)).toEqual(want);
});

test('the highest version seals; every version verifies', () => {
  const keyring = createKeyring([
    {
      merchantId: A,
      keys: [
        { version: 1, secret: 'one' },
        { version: 3, secret: 'three' },
        { version: 2, secret: 'two' },
      ],
    },
  ]);
  expect(keyring.get(A)!.current).toEqual({ version: 3, secret: 'three' });
  expect([...keyring.get(A)!.byVersion.keys()]).toEqual([1, 3, 2]);
});

test('the keys file resolves secretEnv and names every bad field without repeating a secret', () => {
  const text = JSON.stringify({
    merchants: [
      {
        merchantId: A,
        keys: [
          { version: 2, secretEnv: 'KR_TEST_KEY2' },
          { version: 1, secret: 'FILE-SECRET-1' },
        ],
      },
    ],
  });
  expect(parseKeysFile(text, { KR_TEST_KEY2: 'ENV-SECRET-2' })).toEqual([
    {
      merchantId: A,
      keys: [
        { version: 2, secret: 'ENV-SECRET-2' },
        { version: 1, secret: 'FILE-SECRET-1' },
      ],
    },
  ]);
  let error: unknown;
  try {
    parseKeysFile(
      JSON.stringify({
        merchants: [
          {
            merchantId: A,
            keys: [
              { version: 2, secretEnv: 'KR_MISSING' },
              { version: 1, secret: 'FILE-SECRET-1', secretEnv: 'X', note: 'n' },
            ],
          },
        ],
      }),
      {},
    );
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(InvalidRequestError);
  expect((error as InvalidRequestError).fields.map((f) => f.field)).toEqual([
    'merchants[0].keys[0].secretEnv',
    'merchants[0].keys[1].note',
    'merchants[0].keys[1]',
    'merchants[0].keys[1].secretEnv',
  ]);
  expect(`${(error as Error).message} ${JSON.stringify(error)}`).not.toContain('FILE-SECRET-1');
  // Not JSON: the text (which may hold a secret) is not quoted back.
  expect(() => parseKeysFile('{"merchants": [FILE-SECRET-9')).toThrow(/^keys file: not valid JSON$/);
});

test('a configuration gives either one merchant or the keyring, each field named', () => {
  expect(() =>
    createClient({
      merchantId: A,
      merchants: [{ merchantId: A, keys: [{ version: 1, secret: 'k' }] }],
      environment: 'TEST',
    }),
  ).toThrow(/merchantId must be left out when merchants/);
  expect(() =>
    createClient({ merchants: [{ merchantId: A, keys: [{ version: 1, secret: '' }] }], environment: 'TEST' }),
  ).toThrow(/merchants\[0\]\.keys\[0\]\.secret must be a non-empty string/);
});

describe('against the simulator', () => {
  let simulator: RunningSimulator;
  const clients: SogenactifClient[] = [];
  const client = (config: Parameters<typeof createClient>[0]): SogenactifClient => {
    const made = createClient(config);
    clients.push(made);
    return made;
  };
  beforeAll(async () => {
    simulator = await startSimulator({
      merchants: [
        { merchantId: A, secretKey: 'A-KEY-1', keyVersion: 1 },
        { merchantId: B, secretKey: 'B-KEY-1', keyVersion: 1 },
        { merchantId: B, secretKey: 'B-KEY-2', keyVersion: 2 },
      ],
    });
  });
  afterAll(async () => {
    for (const made of clients) made.close();
    await simulator.close();
  });

  test('two merchants on a client: the request or call options pick one, sealed with its current key', async () => {
    const both = client({
      merchants: [
        { merchantId: A, keys: [{ version: 1, secret: 'A-KEY-1' }] },
        {
          merchantId: B,
          keys: [
            { version: 1, secret: 'B-KEY-1' },
            { version: 2, secret: 'B-KEY-2' },
          ],
        },
      ],
      environment: simulator.url,
      retry: false,
    });
    expect(both.merchantIds).toEqual([A, B]);
    const first = ref();
    const second = ref();
    await expect(both.checkout.cardOrder(order(first), { merchantId: A })).resolves.toMatchObject({
      responseCode: '00',
    });
    await expect(
      both.invoke((await import('../../../generated/checkout')).cardOrderOperation, {
        ...order(second),
        merchantId: B,
      }),
    ).resolves.toMatchObject({ responseCode: '00' });
    const log = simulator
      .exchanges()
      .filter(
        (e) =>
          e.request && [first, second].includes((e.request as Record<string, unknown>).transactionReference as string),
      );
    expect(log.map((e) => [e.merchantId, (e.request as Record<string, unknown>).keyVersion, e.seal])).toEqual([
      [A, '1', 'valid'],
      [B, '2', 'valid'],
    ]);
    await expect(both.checkout.cardOrder(order(ref()))).rejects.toThrow(
      /merchantId is required: the client holds 2 merchants/,
    );
    await expect(both.checkout.cardOrder(order(ref()), { merchantId: '002001000000009' })).rejects.toThrow(
      /merchantId is not one of the client's merchants/,
    );
  });

  test(
    'a key rotation: old and new clients both pay while the simulator accepts both versions; a retired version ' +
      'is refused',
    async () => {
      const C = '002001000000003';
      simulator.addMerchantKey({ merchantId: C, secretKey: 'C-KEY-1', keyVersion: 1 });
      const before = client({
        merchants: [{ merchantId: C, keys: [{ version: 1, secret: 'C-KEY-1' }] }],
        environment: simulator.url,
        retry: false,
      });
      await expect(before.checkout.cardOrder(order(ref()))).resolves.toMatchObject({ responseCode: '00' });
      simulator.addMerchantKey({ merchantId: C, secretKey: 'C-KEY-2', keyVersion: 2 });
      const after = client({
        merchants: [
          {
            merchantId: C,
            keys: [
              { version: 2, secret: 'C-KEY-2' },
              { version: 1, secret: 'C-KEY-1' },
            ],
          },
        ],
        environment: simulator.url,
        retry: false,
      });
      await expect(
        Promise.all([before.checkout.cardOrder(order(ref())), after.checkout.cardOrder(order(ref()))]),
      ).resolves.toMatchObject([{ responseCode: '00' }, { responseCode: '00' }]);
      simulator.removeMerchantKey(C, 1);
      await expect(after.checkout.cardOrder(order(ref()))).resolves.toMatchObject({ responseCode: '00' });
      // The retired version is answered 34 (the simulator logs "wrong keyVersion"): the old client gets an error, never
      // a result.
      await expect(before.diagnostic.getTransactionData({ transactionReference: 'none' })).rejects.toThrow(/34|seal/);
      // The merchant's own log holds its verified requests; the retired version's request is logged apart, under the
      // merchant it claims (a request without a valid seal is never listed as the merchant's).
      const versions = simulator
        .exchanges()
        .filter((e) => (e.merchantId ?? e.claimedMerchantId) === C)
        .map((e) => `${(e.request as Record<string, unknown>).keyVersion}:${e.seal}`);
      expect(versions).toEqual(['1:valid', '1:valid', '2:valid', '2:valid', '1:wrong keyVersion']);
      expect(simulator.exchanges(C).map((e) => e.seal)).toEqual(['valid', 'valid', 'valid', 'valid']);
    },
  );

  test('a reply sealed with a version the client does not hold is refused', async () => {
    // The client holds only B's version 1 under the name of version 2: the simulator seals with the real version 2.
    const wrong = client({
      merchants: [{ merchantId: B, keys: [{ version: 2, secret: 'B-KEY-1' }] }],
      environment: simulator.url,
      retry: false,
      resolveUnknownOutcomes: false,
    });
    await expect(wrong.diagnostic.getTransactionData({ transactionReference: 'none' })).rejects.toBeInstanceOf(
      SealMismatchError,
    );
  });
});
