// xsd/content.ts, one construct per row: the elements (with their effective occurrence), attributes, text
// and wildcards a complex type's content model yields, groups and base types included.
import { content } from '../../../../codegen/xsd/content';
import { UnsupportedConstructError } from '../../../../codegen/unsupported-construct-error';
import { schema, schemaSetOf, typeOf } from './given';

const E = (name: string, type = 'xs:string', extra = '') => `<xs:element name="${name}" type="${type}" ${extra}/>`;

/** The content of type T declared with `body` (and other declarations `types`), as plain rows. */
function rows(body: string, types = '') {
  const set = schemaSetOf({ 'main.xsd': schema(`${types}<xs:complexType name="T">${body}</xs:complexType>`) });
  const found = content(set, typeOf(set, 'T'));
  return {
    elements: found.elements.map((p) => [
      p.node.attributes.name,
      p.optional ? 'optional' : 'required',
      p.repeated ? 'repeated' : 'once',
    ]),
    attributes: found.attributes.map((p) => [
      p.node.attributes.name ?? p.node.attributes.ref,
      p.optional ? 'optional' : 'required',
    ]),
    open: found.open,
    text: found.text ? (found.text.restriction ? 'restriction' : found.text.node.attributes.base) : undefined,
    soapArray: found.soapArray?.value,
    anyAttribute: found.anyAttribute ?? false,
    choices: found.choices.map((c) => ({
      branches: c.branches.map((b) => b.map((n) => n.attributes.name)),
      required: c.required,
    })),
    warnings: set.warnings.map((w) => `${w.line}: ${w.construct} (${w.kind})`),
  };
}

describe('model groups and particles', () => {
  test.each<[string, string, string, unknown[]]>([
    [
      'xs:sequence keeps document order',
      `<xs:sequence>${E('a')}${E('b')}</xs:sequence>`,
      '',
      [
        ['a', 'required', 'once'],
        ['b', 'required', 'once'],
      ],
    ],
    [
      'minOccurs="0" and maxOccurs="unbounded" on an element',
      `<xs:sequence>${E('a', 'xs:string', 'minOccurs="0" maxOccurs="unbounded"')}</xs:sequence>`,
      '',
      [['a', 'optional', 'repeated']],
    ],
    [
      'maxOccurs="0" leaves an element out',
      `<xs:sequence>${E('a', 'xs:string', 'maxOccurs="0"')}${E('b')}</xs:sequence>`,
      '',
      [['b', 'required', 'once']],
    ],
    [
      'an optional sequence makes its elements optional',
      `<xs:sequence minOccurs="0">${E('a')}</xs:sequence>`,
      '',
      [['a', 'optional', 'once']],
    ],
    [
      'a repeated sequence repeats its elements',
      `<xs:sequence maxOccurs="3">${E('a')}</xs:sequence>`,
      '',
      [['a', 'required', 'repeated']],
    ],
    [
      'xs:all',
      `<xs:all>${E('a')}${E('b')}</xs:all>`,
      '',
      [
        ['a', 'required', 'once'],
        ['b', 'required', 'once'],
      ],
    ],
    [
      'xs:choice: every alternative is optional',
      `<xs:choice>${E('a')}${E('b')}</xs:choice>`,
      '',
      [
        ['a', 'optional', 'once'],
        ['b', 'optional', 'once'],
      ],
    ],
    [
      'a choice nested in a sequence',
      `<xs:sequence>${E('a')}<xs:choice maxOccurs="unbounded">${E('b')}</xs:choice></xs:sequence>`,
      '',
      [
        ['a', 'required', 'once'],
        ['b', 'optional', 'repeated'],
      ],
    ],
    [
      'xs:group ref= expands the group in place',
      `<xs:sequence>${E('a')}<xs:group ref="t:g" minOccurs="0"/></xs:sequence>`,
      `<xs:group name="g"><xs:sequence>${E('b')}</xs:sequence></xs:group>`,
      [
        ['a', 'required', 'once'],
        ['b', 'optional', 'once'],
      ],
    ],
    [
      'xs:extension appends its elements to the base',
      `<xs:complexContent><xs:extension base="t:B"><xs:sequence>${E('own')}` +
        `</xs:sequence></xs:extension></xs:complexContent>`,
      `<xs:complexType name="B"><xs:sequence>${E('inherited')}</xs:sequence></xs:complexType>`,
      [
        ['inherited', 'required', 'once'],
        ['own', 'required', 'once'],
      ],
    ],
    [
      'xs:restriction restates the elements',
      `<xs:complexContent><xs:restriction base="t:B"><xs:sequence>${E('kept')}` +
        `</xs:sequence></xs:restriction></xs:complexContent>`,
      `<xs:complexType name="B"><xs:sequence>${E('kept')}${E('dropped')}</xs:sequence></xs:complexType>`,
      [['kept', 'required', 'once']],
    ],
  ])('%s', (_label, body, types, want) => {
    expect(rows(body, types).elements).toEqual(want);
  });
});

describe('attributes, text and wildcards', () => {
  test.each<[string, string, string, Partial<ReturnType<typeof rows>>]>([
    [
      'xs:attribute is optional unless use="required"',
      '<xs:attribute name="a" type="xs:string"/><xs:attribute name="b" type="xs:string" use="required"/>',
      '',
      {
        attributes: [
          ['a', 'optional'],
          ['b', 'required'],
        ],
      },
    ],
    [
      'xs:attributeGroup ref= brings its attributes',
      '<xs:attributeGroup ref="t:ag"/>',
      '<xs:attributeGroup name="ag"><xs:attribute name="a"/><xs:attribute name="b"/></xs:attributeGroup>',
      {
        attributes: [
          ['a', 'optional'],
          ['b', 'optional'],
        ],
      },
    ],
    [
      'a restriction restating an attribute keeps the last declaration',
      '<xs:complexContent><xs:restriction base="t:B"><xs:attribute name="a" ' +
        'use="required"/></xs:restriction></xs:complexContent>',
      '<xs:complexType name="B"><xs:attribute name="a"/></xs:complexType>',
      { attributes: [['a', 'required']] },
    ],
    [
      'xs:any opens the type',
      '<xs:sequence><xs:any processContents="lax"/></xs:sequence>',
      '',
      { open: true, elements: [] },
    ],
    [
      'xs:simpleContent extension: text of the base type',
      '<xs:simpleContent><xs:extension base="xs:decimal"><xs:attribute ' +
        'name="currency"/></xs:extension></xs:simpleContent>',
      '',
      { text: 'xs:decimal', attributes: [['currency', 'optional']] },
    ],
    [
      'xs:simpleContent restriction: text from its own facets',
      '<xs:simpleContent><xs:restriction base="t:B"><xs:maxLength ' + 'value="3"/></xs:restriction></xs:simpleContent>',
      '<xs:complexType name="B"><xs:simpleContent><xs:extension ' +
        'base="xs:string"/></xs:simpleContent></xs:complexType>',
      { text: 'restriction' },
    ],
    [
      'a restriction of soapenc:Array: the item type of wsdl:arrayType',
      '<xs:complexContent><xs:restriction base="soapenc:Array"><xs:attribute ref="soapenc:arrayType" ' +
        'wsdl:arrayType="xs:int[]"/></xs:restriction></xs:complexContent>',
      '',
      { soapArray: 'xs:int', attributes: [] },
    ],
  ])('%s', (_label, body, types, want) => {
    expect(rows(body, types)).toMatchObject(want);
  });
});

describe('choices and wildcards: recorded, or reported with their line', () => {
  test.each<[string, string, string, unknown]>([
    [
      'a required xs:choice: its alternatives, one required',
      `<xs:choice>${E('a')}<xs:sequence>${E('b')}${E('c')}</xs:sequence></xs:choice>`,
      '',
      { choices: [{ branches: [['a'], ['b', 'c']], required: true }], warnings: [] },
    ],
    [
      'an optional xs:choice',
      `<xs:choice minOccurs="0">${E('a')}${E('b')}</xs:choice>`,
      '',
      { choices: [{ branches: [['a'], ['b']], required: false }] },
    ],
    [
      'a repeated xs:choice interleaves: no check',
      `<xs:choice maxOccurs="unbounded">${E('a')}${E('b')}</xs:choice>`,
      '',
      { choices: [] },
    ],
    [
      'an extension inherits the base choices',
      `<xs:complexContent><xs:extension base="t:B"><xs:sequence>${E('c')}` +
        `</xs:sequence></xs:extension></xs:complexContent>`,
      `<xs:complexType name="B"><xs:choice>${E('a')}${E('b')}</xs:choice></xs:complexType>`,
      { choices: [{ branches: [['a'], ['b']], required: true }] },
    ],
    [
      'xs:any is reported',
      '<xs:sequence><xs:any/></xs:sequence>',
      '',
      { open: true, warnings: ['1: xs:any (not-represented)'] },
    ],
    [
      'xs:anyAttribute is kept (no warning), inherited by an extension',
      '<xs:complexContent><xs:extension base="t:B"/></xs:complexContent>',
      '<xs:complexType name="B"><xs:anyAttribute/></xs:complexType>',
      { anyAttribute: true, warnings: [] },
    ],
    [
      'a group containing itself: the inner reference left out, reported',
      `<xs:sequence>${E('a')}<xs:group ref="t:g"/></xs:sequence>`,
      `<xs:group name="g"><xs:sequence>${E('b')}<xs:group ref="t:g"/></xs:sequence></xs:group>`,
      {
        elements: [
          ['a', 'required', 'once'],
          ['b', 'required', 'once'],
        ],
        warnings: ['1: xs:group (not-represented)'],
      },
    ],
  ])('%s', (_label, body, types, want) => {
    expect(rows(body, types)).toMatchObject(want as object);
  });

  test('mixed="true" is reported', () => {
    const set = schemaSetOf({
      'main.xsd': schema(`<xs:complexType name="T" mixed="true"><xs:sequence>${E('b')}</xs:sequence></xs:complexType>`),
    });
    content(set, typeOf(set, 'T'));
    expect(set.warnings.map((w) => w.construct)).toEqual(['mixed content']);
  });
});

describe('refused', () => {
  test.each([
    [
      'a type deriving from itself',
      '<xs:complexContent><xs:extension base="t:T"/></xs:complexContent>',
      'unsupported xs:extension: type T derives from itself',
    ],
    [
      'complexContent without extension or restriction',
      '<xs:complexContent/>',
      'unsupported xs:complexContent: in type T: neither xs:extension nor xs:restriction',
    ],
  ])('%s', (_label, body, message) => {
    const given = () => rows(body, '<xs:group name="g"><xs:sequence><xs:group ref="t:g"/></xs:sequence></xs:group>');
    expect(given).toThrow(UnsupportedConstructError);
    expect(given).toThrow(message);
  });
});
