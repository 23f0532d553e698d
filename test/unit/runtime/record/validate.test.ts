// src/runtime/record/validate.ts: every problem of a request collected with its field path.
import type { FieldIssue } from '../../../../src/runtime/errors';
import { buildWireRecord, luhnValid } from '../../../../src/runtime/record';
import { schema } from '../../../support/wire-fixtures';

describe('request validation', () => {
  test.each<[string, string, object, FieldIssue[]]>([
    [
      'null on a field that is not nillable counts as absent',
      'Order',
      { id: null, version: '2' },
      [{ field: 'id', problem: 'is required', kind: 'required' }],
    ],
    [
      'a closed struct refuses properties it does not declare',
      'Parts',
      { first: 'a', second: 1, third: 3 },
      [{ field: 'third', problem: 'is not a field of this request', kind: 'invalid' }],
    ],
    [
      'an open struct refuses names XML cannot carry',
      'Open',
      { 'not a name': 1 },
      [{ field: 'not a name', problem: 'is not a valid XML element name', kind: 'invalid' }],
    ],
    [
      'attributes are typed',
      'Amount',
      { $value: '1', estimated: 'yes' },
      [{ field: 'estimated', problem: 'must be a boolean', kind: 'invalid' }],
    ],
  ])('%s', (_label, struct, request, want) => {
    const issues: FieldIssue[] = [];
    buildWireRecord(schema.structs[struct]!, request, { schema, issues });
    expect(issues).toEqual(want);
  });

  test.each<[string, string | undefined, FieldIssue[]]>([
    [
      'a field newer than the version sent',
      '2.21',
      [{ field: 'id', problem: 'appeared in interface version 2.27, newer than the 2.21 being sent', kind: 'invalid' }],
    ],
    ['the same version', '2.27', []],
    ['a later version', '2.58', []],
    ['no version to compare with', undefined, []],
  ])('since-versions (from the struct): %s', (_label, version, want) => {
    const issues: FieldIssue[] = [];
    const tables = {
      structs: { Late: { since: '2.27', fields: [{ name: 'id', type: 'string' as const }] } },
      enums: {},
    };
    buildWireRecord(tables.structs.Late, { id: 'x' }, { schema: tables, issues, ...(version ? { version } : {}) });
    expect(issues).toEqual(want);
  });
});

describe('the expected format in words (issue 23)', () => {
  const field = (facets: object) => ({
    structs: { S: { fields: [{ name: 'code', type: 'string' as const, facets }] } },
    enums: {},
  });
  test.each<[string, object, string, FieldIssue[]]>([
    [
      'a pattern with the format and example',
      { pattern: '[0-9]{3}', format: 'the ISO 4217 numeric code', example: '978 for EUR' },
      'EUR',
      [{ field: 'code', problem: 'must be the ISO 4217 numeric code, e.g. 978 for EUR', kind: 'invalid' }],
    ],
    [
      'a pattern with a format and no example',
      { pattern: '[0-9]{3,4}', format: 'the 3 or 4 digits printed on the card' },
      '12',
      [{ field: 'code', problem: 'must be the 3 or 4 digits printed on the card', kind: 'invalid' }],
    ],
    [
      'a length with the format',
      { maxLength: 6, format: 'YYYYMM', example: '203012' },
      '2030-12',
      [{ field: 'code', problem: 'is longer than 6 characters (must be YYYYMM, e.g. 203012)', kind: 'invalid' }],
    ],
    [
      'no format: the pattern itself',
      { pattern: '[A-Z]{2}' },
      'fr',
      [{ field: 'code', problem: 'does not match the pattern [A-Z]{2}', kind: 'invalid' }],
    ],
    ['a good value', { pattern: '[0-9]{3}', format: 'the ISO 4217 numeric code', example: '978 for EUR' }, '978', []],
  ])('%s', (_label, facets, value, want) => {
    const issues: FieldIssue[] = [];
    const tables = field(facets);
    buildWireRecord(tables.structs.S, { code: value }, { schema: tables, issues });
    expect(issues).toEqual(want);
  });

  test('the generated contract carries dictionary words: currencyCode and cardExpiryDate of cardOrder', async () => {
    const { createClient, InvalidRequestError } = await import('../../../../src/runtime');
    const client = createClient({ merchantId: '002001000000001', secretKey: 'k', keyVersion: 1, environment: 'TEST' });
    const order = {
      amount: 100,
      currencyCode: 'EUR',
      cardNumber: '4200000000000000',
      cardExpiryDate: '2030-12',
      orderChannel: 'INTERNET' as const,
      transactionReference: 'FMT1',
    };
    const error = await client.checkout.cardOrder(order).catch((e: unknown) => e);
    client.close();
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect((error as InstanceType<typeof InvalidRequestError>).fields).toEqual([
      {
        field: 'cardExpiryDate',
        problem: 'must be the expiry month as YYYYMM (6 digits), e.g. 203012 for December 2030',
        kind: 'invalid',
      },
      {
        field: 'currencyCode',
        problem: 'must be the ISO 4217 numeric code (3 digits, leading zeros kept), e.g. 978 for EUR',
        kind: 'invalid',
      },
    ]);
  });
});

describe('luhnValid', () => {
  test.each<[string, boolean]>([
    ['4970100000000055', true],
    ['4970100000000056', false],
    ['', false],
    ['4970 1000', false],
  ])('%s: %s', (digits, want) => expect(luhnValid(digits)).toBe(want));
});

describe('a plain request visits its own keys only (the fields it has, required and fixed ones)', () => {
  // A plain object has its own keys and nothing else: its fields are visited from them; any other object has every
  // field of the struct read (it may inherit some). Both give the same record, keys in the same order, same issues.
  const tables = {
    structs: {
      S: {
        since: '2.0',
        fields: [
          { name: 'a', type: 'string' as const, required: true as const },
          { name: 'b', type: 'integer' as const },
          { name: 'c', type: 'string' as const, fixed: 'C' },
          { name: 'd', type: 'string' as const, since: '2.27', facets: { maxLength: 3 } },
          { name: 'e', type: 'boolean' as const, nillable: true as const },
          { name: 'f', type: 'string' as const, required: true as const },
          { name: 'g', type: 'string' as const, list: 'repeated' as const },
        ],
      },
    },
    enums: {},
  };
  const struct = tables.structs.S;
  const requests: Record<string, unknown>[] = [
    { a: 'x', b: 1, f: 'y' },
    { f: 'y', b: 1, a: 'x' },
    { f: 'y', b: 1, a: 'x' },
    { g: ['1', '2'], e: null, d: 'long', z: 1, a: undefined },
    { e: true, c: 'not C', zz: undefined, b: 'one', f: 'y\r\nz', y: 2 },
    {},
    { a: 'x', b: 1, f: 'y' },
  ];
  test.each(requests.map((request, i) => [i, request] as const))('request %i', (_i, request) => {
    const build = (value: object, version?: string): [unknown, FieldIssue[]] => {
      const issues: FieldIssue[] = [];
      const wire = buildWireRecord(struct, value, { schema: tables, issues, ...(version ? { version } : {}) });
      return [Object.entries(wire), issues];
    };
    // A class instance holding the same own keys in the same order: read field by field.
    class Request {
      constructor(fields: Record<string, unknown>) {
        Object.assign(this, fields);
      }
    }
    const nullPrototype = Object.assign(Object.create(null) as object, request);
    for (const version of [undefined, '2.21', '2.58']) {
      const want = build(new Request(request), version);
      expect(build(request, version)).toEqual(want);
      expect(build(nullPrototype, version)).toEqual(want);
    }
  });
});

describe('string values: CR read as the gateway reads it, characters XML cannot carry refused', () => {
  const tables = { structs: { S: { fields: [{ name: 's', type: 'string' as const }] } }, enums: {} };
  test.each<[string, string | undefined]>([
    ['plain', 'plain'],
    ['tab\tand\nline', 'tab\tand\nline'],
    ['a\r\nb\rc\r\r\n', 'a\nb\nc\n\n'],
    ['\u000b', undefined],
    ['a\r\u0000', undefined],
    ['\u001f', undefined],
    ['x\uFFFE', undefined],
    ['x\uFFFF\r', undefined],
    ['\uFFFD \u0020 é 😀', '\uFFFD \u0020 é 😀'],
  ])('%j', (value, want) => {
    const issues: FieldIssue[] = [];
    const wire = buildWireRecord(tables.structs.S, { s: value }, { schema: tables, issues });
    if (want === undefined) {
      expect(issues).toEqual([
        { field: 's', problem: 'contains a control character XML cannot carry', kind: 'invalid' },
      ]);
    } else {
      expect(issues).toEqual([]);
      expect(wire.s).toBe(want);
    }
  });
});
