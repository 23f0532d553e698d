// xsd/simple-types.ts, one construct per row: what a simple type resolves to (its base primitive with the
// facets, an enum of its values, text for list and union), and which XSD patterns JavaScript can check.
import { jsPatternOk, simpleType } from '../../../../codegen/xsd/simple-types';
import { schema, schemaSetOf, typeOf } from './given';

/** Resolves simple type S declared with `body` (and `types` beside it). */
function resolve(body: string, types = '') {
  const set = schemaSetOf({ 'main.xsd': schema(`${types}<xs:simpleType name="S">${body}</xs:simpleType>`) });
  const resolved = simpleType(set, 'S', typeOf(set, 'S'), { priority: 1, base: 'S' });
  return { resolved, enums: [...set.drafts.enums.values()].map((e) => e.values.map((v) => v.value)) };
}

describe('simple types', () => {
  test.each<[string, string, string, unknown]>([
    [
      'a restriction of a built-in',
      '<xs:restriction base="xs:int"/>',
      '',
      { type: { kind: 'primitive', primitive: 'integer' } },
    ],
    [
      'length sets both bounds',
      '<xs:restriction base="xs:string"><xs:length value="2"/></xs:restriction>',
      '',
      { facets: { minLength: 2, maxLength: 2 } },
    ],
    [
      'minLength, maxLength, minInclusive, maxInclusive',
      '<xs:restriction base="xs:decimal"><xs:minLength value="1"/><xs:maxLength value="9"/><xs:minInclusive ' +
        'value="0.5"/><xs:maxInclusive value="99"/></xs:restriction>',
      '',
      {
        type: { kind: 'primitive', primitive: 'decimal' },
        facets: { minLength: 1, maxLength: 9, minInclusive: 0.5, maxInclusive: 99 },
      },
    ],
    [
      'a pattern JavaScript reads the same',
      '<xs:restriction base="xs:string"><xs:pattern value="[0-9]{4}"/></xs:restriction>',
      '',
      { facets: { pattern: '[0-9]{4}' } },
    ],
    [
      'several patterns are alternatives',
      '<xs:restriction base="xs:string"><xs:pattern value="a"/><xs:pattern value="b"/></xs:restriction>',
      '',
      { facets: { pattern: '(?:a)|(?:b)' } },
    ],
    [
      'an XSD-only pattern is dropped',
      '<xs:restriction base="xs:string"><xs:pattern value="\\i\\c*"/></xs:restriction>',
      '',
      { type: { kind: 'primitive', primitive: 'string' } },
    ],
    [
      'facets merge over the base type facets',
      '<xs:restriction base="t:Base"><xs:maxLength value="5"/></xs:restriction>',
      '<xs:simpleType name="Base"><xs:restriction base="xs:string"><xs:minLength value="1"/><xs:maxLength ' +
        'value="9"/></xs:restriction></xs:simpleType>',
      { facets: { minLength: 1, maxLength: 5 } },
    ],
    [
      'an inline base simpleType',
      '<xs:restriction><xs:simpleType><xs:restriction base="xs:boolean"/></xs:simpleType></xs:restriction>',
      '',
      { type: { kind: 'primitive', primitive: 'boolean' } },
    ],
    [
      'xs:list is an array of its item type',
      '<xs:list itemType="xs:int"/>',
      '',
      { type: { kind: 'primitive', primitive: 'integer' }, tokens: true },
    ],
    [
      'xs:list of an inline item type keeps its facets',
      '<xs:list><xs:simpleType><xs:restriction base="xs:string"><xs:maxLength ' +
        'value="3"/></xs:restriction></xs:simpleType></xs:list>',
      '',
      { facets: { maxLength: 3 }, tokens: true },
    ],
    [
      'xs:union of one primitive is that primitive',
      '<xs:union memberTypes="xs:int xs:short"/>',
      '',
      { type: { kind: 'primitive', primitive: 'integer' } },
    ],
    [
      'xs:union of value lists is one list',
      '<xs:union memberTypes="t:A t:B"/>',
      '<xs:simpleType name="A"><xs:restriction base="xs:string"><xs:enumeration ' +
        'value="x"/></xs:restriction></xs:simpleType><xs:simpleType name="B"><xs:restriction ' +
        'base="xs:string"><xs:enumeration value="y"/></xs:restriction></xs:simpleType>',
      { type: { kind: 'enum', key: 'S' } },
    ],
    [
      'xs:union with a plain string member is a string',
      '<xs:union memberTypes="xs:int xs:string"/>',
      '',
      { type: { kind: 'primitive', primitive: 'string' } },
    ],
    [
      'xs:union of other mixes is text (reported)',
      '<xs:union memberTypes="xs:int xs:boolean"/>',
      '',
      { type: { kind: 'primitive', primitive: 'string' } },
    ],
    [
      'enumerations make an enum',
      '<xs:restriction base="xs:string"><xs:enumeration value="A"/><xs:enumeration value="B"/></xs:restriction>',
      '',
      { type: { kind: 'enum', key: 'S' } },
    ],
  ])('%s', (_label, body, types, want) => {
    expect(resolve(body, types).resolved).toEqual(expect.objectContaining(want as object));
  });

  test('a union of value lists has every value once; a union of other mixes is reported with its line', () => {
    const lists =
      '<xs:simpleType name="A"><xs:restriction base="xs:string"><xs:enumeration value="x"/><xs:enumeration ' +
      'value="y"/></xs:restriction></xs:simpleType><xs:simpleType name="B"><xs:restriction ' +
      'base="xs:string"><xs:enumeration value="y"/><xs:enumeration value="z"/></xs:restriction></xs:simpleType>';
    expect(resolve('<xs:union memberTypes="t:A t:B"/>', lists).enums).toContainEqual(['x', 'y', 'z']);
    const set = schemaSetOf({
      'main.xsd': schema('<xs:simpleType name="S">\n<xs:union memberTypes="xs:int xs:boolean"/></xs:simpleType>'),
    });
    simpleType(set, 'S', typeOf(set, 'S'), { priority: 1, base: 'S' });
    expect(set.warnings).toEqual([
      {
        kind: 'not-represented',
        file: 'main.xsd',
        line: 2,
        construct: 'xs:union',
        detail:
          'union S of integer | boolean is typed as string: a value is sent as given, not checked against the ' +
          'members',
      },
    ]);
  });

  test('an enum keeps its values in document order, each once', () => {
    expect(
      resolve(
        '<xs:restriction base="xs:string"><xs:enumeration value="B"/><xs:enumeration value="A"/><xs:enumeration ' +
          'value="B"/></xs:restriction>',
      ).enums,
    ).toEqual([['B', 'A']]);
  });
});

describe('jsPatternOk: XSD patterns JavaScript reads the same way', () => {
  test.each([
    ['[A-Z]{2}[0-9]+', true],
    ['\\d{3}-\\d{2}', true],
    ['\\i\\c*', false],
    ['\\p{IsBasicLatin}+', false],
    ['[a-z-[aeiou]]', false],
    ['(unclosed', false],
  ])('%s: %s', (pattern, want) => {
    expect(jsPatternOk(pattern)).toBe(want);
  });
});
