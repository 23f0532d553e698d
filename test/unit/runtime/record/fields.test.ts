// src/runtime/record/fields.ts: what a field descriptor says, asked once (nested struct, Base64, facets).
import type { FieldDescriptor, FieldFacets, SchemaTables } from '../../../../src/runtime/descriptor';
import {
  BASE64,
  characterCount,
  facetProblem,
  isStructField,
  nestedStruct,
} from '../../../../src/runtime/record/fields';
import { PATTERN_INPUT_LIMIT } from '../../../../src/runtime/record/patterns';

const schema: SchemaTables = {
  structs: { Card: { fields: [{ name: 'brand', type: 'string' }] } },
  enums: { Color: { codes: [['RED']] } },
};

describe('nestedStruct: the struct a field points to', () => {
  test.each<[string, FieldDescriptor | undefined, string | undefined]>([
    ['a struct field', { name: 'card', type: { struct: 'Card' } }, 'Card'],
    ['a list of structs', { name: 'cards', type: { struct: 'Card' }, list: 'repeated' }, 'Card'],
    ['a string field', { name: 'brand', type: 'string' }, undefined],
    ['an enum field', { name: 'color', type: { enum: 'Color' } }, undefined],
    ['an untyped field', { name: 'extra', type: 'any' }, undefined],
    ['no field (an undeclared key)', undefined, undefined],
  ])('%s', (_label, field, want) => {
    expect(nestedStruct(field, schema)).toBe(want === undefined ? undefined : schema.structs[want]);
    if (field) expect(isStructField(field)).toBe(want !== undefined);
  });

  test('a struct the tables lack is a descriptor error', () => {
    expect(() => nestedStruct({ name: 'x', type: { struct: 'Missing' } }, schema)).toThrow(
      'descriptor error: struct Missing is not in the schema tables',
    );
  });
});

test.each<[string, boolean]>([
  ['', true],
  ['QUJD', true],
  ['QUI=', true],
  ['QQ==\n', true],
  ['QU JD\nRA==', true],
  ['QQ===', false],
  ['QU-D', false],
])('BASE64 %j -> %s', (text, want) => {
  expect(BASE64.test(text)).toBe(want);
});

test.each<[string, number]>([
  ['abc', 3],
  ['é', 1],
  ['😀x', 2],
])('characterCount(%j) = %d (code points)', (text, want) => {
  expect(characterCount(text)).toBe(want);
});

describe('facetProblem: one wording for requests and replies', () => {
  test.each<[string, FieldFacets | undefined, string, string | undefined]>([
    ['no facets', undefined, 'anything', undefined],
    ['within every facet', { maxLength: 5, minLength: 2, pattern: '[a-z]+' }, 'abc', undefined],
    ['too long', { maxLength: 3 }, 'abcd', 'is longer than 3 characters'],
    ['too short', { minLength: 3 }, 'ab', 'is shorter than 3 characters'],
    ['length counts code points', { maxLength: 1 }, '😀', undefined],
    [
      'too long, with the format',
      { maxLength: 6, format: 'YYYYMM', example: '203012' },
      '2030-12',
      'is longer than 6 characters (must be YYYYMM, e.g. 203012)',
    ],
    ['no match, no format: the pattern', { pattern: '[A-Z]{2}' }, 'fr', 'does not match the pattern [A-Z]{2}'],
    [
      'no match, with the format',
      { pattern: '[0-9]{3}', format: 'the ISO 4217 numeric code', example: '978 for EUR' },
      'EUR',
      'must be the ISO 4217 numeric code, e.g. 978 for EUR',
    ],
    [
      'length first: the pattern is not run on a value too long',
      { maxLength: 5, pattern: '[a-z]+' },
      'abcdef1',
      'is longer than 5 characters',
    ],
    [
      'a pattern never runs on more than the limit',
      { pattern: '[a-z]+' },
      'a'.repeat(PATTERN_INPUT_LIMIT + 1),
      `is longer than ${PATTERN_INPUT_LIMIT} characters, the most a pattern is checked on`,
    ],
    ['below the range', { minInclusive: 1 }, '0', 'must be at least 1'],
    ['above the range', { maxInclusive: 99 }, '100', 'must be at most 99'],
    ['within the range', { minInclusive: 0, maxInclusive: 99 }, '99', undefined],
  ])('%s', (_label, facets, text, want) => {
    expect(facetProblem(facets, text)).toBe(want);
  });

  test('a nested-repetition pattern is refused, never run', () => {
    expect(facetProblem({ pattern: '([a-z]+)+' }, `${'a'.repeat(28)}!`)).toMatch(
      /^cannot be checked: the contract's pattern \(\[a-z\]\+\)\+ is refused/,
    );
  });
});

describe('facet lengths counted in code points only when the UTF-16 length leaves it open', () => {
  test.each<[object, string, string | undefined]>([
    [{ maxLength: 2 }, '😀😀', undefined],
    [{ maxLength: 2 }, '😀😀a', 'is longer than 2 characters'],
    [{ maxLength: 2 }, 'abc', 'is longer than 2 characters'],
    [{ minLength: 2 }, '😀', 'is shorter than 2 characters'],
    [{ minLength: 2 }, '😀a', undefined],
    [{ minLength: 2 }, '\uD800\uD800', undefined],
    [{ minLength: 3 }, '😀😀', 'is shorter than 3 characters'],
    [{ minLength: 1, maxLength: 1 }, '😀', undefined],
    [{ minLength: 1 }, '', 'is shorter than 1 characters'],
  ])('%j %j', (facets, text, want) => {
    expect(facetProblem(facets, text)).toBe(want);
  });
});
