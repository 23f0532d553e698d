// src/runtime/seal.ts: the seal string against published vectors, the hashes (HMAC-SHA-256 vectors, HMAC-SHA-512,
// SHA-256, UTF-8 bytes), and verification (either hex case, whole values only).
import { createHash, createHmac } from 'node:crypto';
import { computeSeal, hashSealString, sealString, sealsMatch, verifySeal } from '../../../src/runtime/seal';
import paypageResponse from '../../fixtures/seal/paypage-init-response.json';

describe('seal string (published vectors, facts file section 2)', () => {
  const cases: { given: Record<string, unknown>; want: string; source: string }[] = [
    {
      source: 'worldline/sips-sdk-php JsonSealCalculatorTest (PaypageRequest)',
      given: {
        amount: 2,
        currencyCode: '978',
        interfaceVersion: 'IR_WS_2.19',
        normalReturnUrl: 'http://localhost/return.php',
        orderChannel: 'INTERNET',
        templateName: 'custom',
        automaticResponseUrl: 'http://test.com',
        transactionReference: 'test',
        keyVersion: 1,
      },
      want: '2http://test.com978IR_WS_2.19http://localhost/return.phpINTERNETcustomtest',
    },
    {
      source: 'warehousenantes/sips-sdk-php test (containers inserted at their position, sub-keys sorted)',
      given: {
        amount: 2,
        automaticResponseUrl: 'http://test.com',
        currencyCode: '978',
        customerContact: { lastname: 'Lastname', firstname: 'Firstname' },
        customerAddress: { country: 'CustomerCountry', city: 'CustomerCity' },
        interfaceVersion: 'IR_WS_2.35',
      },
      want: '2http://test.com978CustomerCityCustomerCountryFirstnameLastnameIR_WS_2.35',
    },
    {
      source:
        'worldline/sips-sdk-nodejs SealCalculator.test (container sorted under its own name: customerContact < ' +
        'customerId)',
      given: {
        amount: 10,
        automaticResponseUrl: 'http://test.com',
        customerId: 'customerId',
        interfaceVersion: 'IR_WS_2.19',
        templateName: 'customCSS.css',
        customerContact: { lastname: 'lastname', firstname: 'firstname' },
        keyVersion: 200,
      },
      want: '10http://test.comfirstnamelastnamecustomerIdIR_WS_2.19customCSS.css',
    },
    {
      source: 'worldline/sips-sdk-nodejs SealCalculator.test (arrays in list order)',
      given: {
        amount: 10,
        automaticResponseUrl: 'http://test.com',
        customerId: 'customerId',
        interfaceVersion: 'IR_WS_2.19',
        paymentMeanBrandList: ['BCMC', 'VISA'],
        templateName: 'customCSS.css',
      },
      want: '10http://test.comcustomerIdIR_WS_2.19BCMCVISAcustomCSS.css',
    },
    {
      source: 'list values concatenated in list order (S7/S4: ["VISA","MASTERCARD"])',
      given: { paymentMeanBrandList: ['VISA', 'MASTERCARD'], amount: '100' },
      want: '100VISAMASTERCARD',
    },
    {
      source: 'lists of containers: each item flattened with its keys sorted, items in order',
      given: {
        mandateList: [
          { mandateId: 'M1', iban: 'FR76#1' },
          { mandateStatus: 'ACTIVE', mandateId: 'M2' },
        ],
        mandateResponseCode: '00',
      },
      want: 'FR76#1M1M2ACTIVE00',
    },
    {
      source: 'keyVersion, sealAlgorithm and seal never take part; absent values add nothing',
      given: {
        seal: 'x',
        keyVersion: 3,
        sealAlgorithm: 'HMAC-SHA-512',
        merchantId: '002001000000001',
        customerId: null,
        returnContext: undefined,
      },
      want: '002001000000001',
    },
    {
      source: 'code-unit order: uppercase sorts before lowercase',
      given: { b: '2', B: '1', a: '3' },
      want: '132',
    },
  ];
  test.each(cases)('$source', ({ given, want }) => {
    expect(sealString(given as never)).toBe(want);
  });
});

describe('seal hashes', () => {
  test('HMAC-SHA-256 primitive vector (worldline sips-sdk-java / sips-sdk-nodejs SealCalculatorTest)', () => {
    expect(hashSealString('This is a test!', 'superSafeSecretKey')).toBe(
      '198e5f278e3f8548e174e84492953c4871732278b7e2aa2cbf20bb1ab85914ea',
    );
  });

  test(
    'response seal vector (worldline sips-sdk-java/nodejs: Paypage initialization response, key ' +
      '002001000000002_KEY1)',
    () => {
      expect(computeSeal(paypageResponse.fields, paypageResponse.key)).toBe(paypageResponse.seal);
      expect(verifySeal({ ...paypageResponse.fields, seal: paypageResponse.seal }, paypageResponse.key)).toBe(true);
    },
  );

  test('cancel request from the facts file (our own reference computation, not a published vector)', () => {
    const cancel = {
      currencyCode: '978',
      interfaceVersion: 'CR_WS_2.3',
      merchantId: '002001000000001',
      operationAmount: 120,
      operationOrigin: 'SO_BATCH',
      transactionReference: 'TREFEXA2012',
      keyVersion: 1,
    };
    expect(sealString(cancel)).toBe('978CR_WS_2.3002001000000001120SO_BATCHTREFEXA2012');
    expect(computeSeal(cancel, '002001000000001_KEY1')).toBe(
      'a55ca75cfe12c812e886d24ad05ad811c35899ebb71be2f2c626f87fae2be342',
    );
  });

  test('HMAC-SHA-512 and SHA-256 follow node:crypto on the same seal string', () => {
    const fields = { customerId: 'CUST-0001', merchantId: '002001000000001', interfaceVersion: 'MR_WS_2.58' };
    const data = 'CUST-0001MR_WS_2.58002001000000001';
    expect(computeSeal(fields, 'k', 'HMAC-SHA-512')).toBe(createHmac('sha512', 'k').update(data).digest('hex'));
    expect(computeSeal(fields, 'k', 'SHA-256')).toBe(createHash('sha256').update(`${data}k`).digest('hex'));
    expect(computeSeal(fields, 'k', 'HMAC-SHA-512')).toHaveLength(128);
  });

  test('UTF-8 values are hashed as UTF-8 bytes', () => {
    expect(computeSeal({ city: 'Besançon' }, 'clé')).toBe(
      createHmac('sha256', Buffer.from('clé', 'utf8')).update(Buffer.from('Besançon', 'utf8')).digest('hex'),
    );
  });
});

describe('seal verification', () => {
  const response = { mandateResponseCode: '00', mandateList: [{ mandateId: 'M1' }] };
  const seal = computeSeal(response, 'KEY');

  test('accepts the right seal, in either hex case', () => {
    expect(verifySeal({ ...response, seal }, 'KEY')).toBe(true);
    expect(verifySeal({ ...response, seal: seal.toUpperCase() }, 'KEY')).toBe(true);
  });

  test.each([
    ['a changed value', { ...response, mandateResponseCode: '05', seal }],
    ['a wrong key', { ...response, seal: computeSeal(response, 'OTHER') }],
    ['a missing seal', { ...response }],
    ['a truncated seal', { ...response, seal: seal.slice(0, 63) }],
  ])('rejects %s', (_label, fields) => {
    expect(verifySeal(fields as never, 'KEY')).toBe(false);
  });

  test('sealsMatch compares whole values', () => {
    expect(sealsMatch('abc', 'abc')).toBe(true);
    expect(sealsMatch('abc', 'abd')).toBe(false);
    expect(sealsMatch('abc', 'ab')).toBe(false);
  });
});

describe('seal string: the remembered key orders give the rule string', () => {
  // The rule as written, sorting every key list it meets (sealString keeps the last key lists' sorted orders).
  const EXCLUDED = new Set(['keyVersion', 'sealAlgorithm', 'seal']);
  function reference(value: unknown, top = false): string {
    if (value === null || value === undefined) return '';
    if (Array.isArray(value)) return value.map((item) => reference(item)).join('');
    if (typeof value === 'object')
      return Object.keys(value)
        .sort()
        .filter((key) => !top || !EXCLUDED.has(key))
        .map((key) => reference((value as Record<string, unknown>)[key]))
        .join('');
    return String(value);
  }

  // A small deterministic generator (no Math.random: a failure replays).
  let state = 12345;
  const next = (n: number): number => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state % n;
  };
  const NAMES = ['amount', 'Amount', 'seal', 'keyVersion', 'sealAlgorithm', 'b', 'B', 'a', '10', '2', 'é', 'z', ''];
  const leaf = (): unknown =>
    [() => 'x', () => 42, () => true, () => null, () => undefined, () => 'Besançon'][next(6)]!();
  function record(depth: number): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    const count = next(8);
    for (let i = 0; i < count; i++) {
      const kind = depth > 0 ? next(5) : 0;
      out[NAMES[next(NAMES.length)]!] =
        kind === 3 ? record(depth - 1) : kind === 4 ? [leaf(), record(depth - 1), [leaf()]] : leaf();
    }
    return out;
  }

  test('random key sets, nested containers and lists, each sealed twice and after other lists', () => {
    const records = Array.from({ length: 400 }, () => record(2));
    for (let round = 0; round < 2; round++)
      for (const given of records) expect(sealString(given as never)).toBe(reference(given, true));
  });

  test('the same keys in another order, and a key list that only starts like a known one', () => {
    const first = { b: '2', a: '1', seal: 'x', c: '3' };
    const reordered = { c: '3', seal: 'x', a: '1', b: '2' };
    const longer = { b: '2', a: '1', seal: 'x', c: '3', A: '0' };
    for (const given of [first, reordered, longer, first, { seal: 'x' }, {}, { keyVersion: 1, inner: { seal: 's' } }])
      expect(sealString(given)).toBe(reference(given, true));
    expect(sealString({ keyVersion: 1, inner: { seal: 's', keyVersion: 2 } })).toBe('2s');
  });

  test('the cardOrder request and reply records', () => {
    // Records of the size and key order the client seals (16 and 12 keys), more than the orders kept apart.
    const request = Object.fromEntries(Array.from({ length: 16 }, (_, i) => [`field${(i * 7) % 16}`, `v${i}`]));
    const reply = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`r${(i * 5) % 12}x`, `w${i}`]));
    for (let i = 0; i < 3; i++) {
      expect(sealString(request)).toBe(reference(request, true));
      expect(sealString(reply)).toBe(reference(reply, true));
    }
  });
});

describe('sealsMatch beyond the buffers it keeps', () => {
  test('long and non-ASCII texts compare as their UTF-8 bytes', () => {
    const long = 'a'.repeat(300);
    expect(sealsMatch(long, long)).toBe(true);
    expect(sealsMatch(long, `${long}b`)).toBe(false);
    expect(sealsMatch('é'.repeat(170), 'É'.repeat(170))).toBe(true);
    expect(sealsMatch('abc', 'ab\u00e9')).toBe(false);
    expect(sealsMatch('ab', ' AB \n')).toBe(true);
    expect(sealsMatch('ab', 'abc')).toBe(false);
  });
});
