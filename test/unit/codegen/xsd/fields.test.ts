// xsd/fields.ts, one construct per row: the wire namespace of every element and attribute, computed from
// the schema document that declares it (form=, elementFormDefault, ref=, inheritance, groups, chameleons).
import { CONTEXT_NAMESPACE } from '../../../../src/runtime/descriptor';
import { B_XSD, field, modelOf, wsdl } from '../model-given';

const CHAMELEON_XSD =
  `<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" elementFormDefault="qualified">
  <xs:complexType name="Adopted"><xs:sequence><xs:element name="inChameleon" type="xs:string"/></xs:sequence>` +
  `</xs:complexType>
</xs:schema>`;

describe('namespace qualification of every element on the wire, from the schema', () => {
  const schema = (attrs: string, body: string, imports = '') =>
    `<xs:schema targetNamespace="urn:a" ${attrs} xmlns:b="urn:b">${imports}` +
    `<xs:element name="req"><xs:complexType>${body}` +
    `</xs:complexType></xs:element><xs:element name="res" type="xs:string"/></xs:schema>`;
  const IMPORT_B = '<xs:import namespace="urn:b" schemaLocation="b.xsd"/>';
  test.each([
    [
      'unqualified by default',
      schema('', '<xs:sequence><xs:element name="x" type="xs:string"/></xs:sequence>'),
      'x',
      '',
    ],
    [
      'elementFormDefault="qualified"',
      schema('elementFormDefault="qualified"', '<xs:sequence><xs:element name="x" type="xs:string"/></xs:sequence>'),
      'x',
      'urn:a',
    ],
    [
      'form="qualified" in an unqualified schema',
      schema('', '<xs:sequence><xs:element name="x" form="qualified" type="xs:string"/></xs:sequence>'),
      'x',
      'urn:a',
    ],
    [
      'form="unqualified" in a qualified schema',
      schema(
        'elementFormDefault="qualified"',
        '<xs:sequence><xs:element name="x" form="unqualified" type="xs:string"/></xs:sequence>',
      ),
      'x',
      '',
    ],
    [
      'ref= to a global element of another namespace',
      schema('', '<xs:sequence><xs:element ref="b:global"/></xs:sequence>', IMPORT_B),
      'global',
      'urn:b',
    ],
    [
      'an element inherited from a base in a qualified schema',
      schema(
        '',
        '<xs:complexContent><xs:extension base="b:Base"><xs:sequence><xs:element name="own" ' +
          'type="xs:string"/></xs:sequence></xs:extension></xs:complexContent>',
        IMPORT_B,
      ),
      'inherited',
      'urn:b',
    ],
    [
      "the derived type's own element keeps its own schema's rule",
      schema(
        '',
        '<xs:complexContent><xs:extension base="b:Base"><xs:sequence><xs:element name="own" ' +
          'type="xs:string"/></xs:sequence></xs:extension></xs:complexContent>',
        IMPORT_B,
      ),
      'own',
      '',
    ],
    [
      'an element of a group declared in another schema',
      schema('', '<xs:sequence><xs:group ref="b:g"/></xs:sequence>', IMPORT_B),
      'grouped',
      'urn:b',
    ],
    [
      'an unqualified attribute',
      schema('elementFormDefault="qualified"', '<xs:attribute name="at" type="xs:string"/>'),
      'at',
      '',
    ],
    [
      'attributeFormDefault="qualified"',
      schema('attributeFormDefault="qualified"', '<xs:attribute name="at" type="xs:string"/>'),
      'at',
      'urn:a',
    ],
    ['ref= to a global attribute', schema('', '<xs:attribute ref="b:globalAttr"/>', IMPORT_B), 'globalAttr', 'urn:b'],
  ])('%s', (_label, schemaText, fieldName, want) => {
    const model = modelOf({ 'main.wsdl': wsdl(schemaText), 'b.xsd': B_XSD, 'chameleon.xsd': CHAMELEON_XSD });
    expect(field(model, 'OpRequest', fieldName).namespace).toBe(want);
  });

  test(
    'chameleon include: the included type lives in the includer namespace (CONTEXT_NAMESPACE, resolved per ' +
      'operation) and keeps its own elementFormDefault',
    () => {
      const text =
        `<xs:schema targetNamespace="urn:a" xmlns:tns="urn:a"><xs:include ` +
        `schemaLocation="chameleon.xsd"/><xs:element name="req" type="tns:Adopted"/><xs:element name="res" ` +
        `type="xs:string"/></xs:schema>`;
      const model = modelOf({ 'main.wsdl': wsdl(text), 'chameleon.xsd': CHAMELEON_XSD });
      expect(field(model, 'OpRequest', 'inChameleon').namespace).toBe(CONTEXT_NAMESPACE);
    },
  );

  test.each([
    [
      'an element ref= to no declaration: unknown, its occurrence kept',
      '<xs:sequence><xs:element ref="b:nowhere" minOccurs="0" maxOccurs="unbounded"/></xs:sequence>',
      'nowhere',
      { element: 'nowhere', namespace: 'urn:b', type: { kind: 'primitive', primitive: 'any' }, required: false },
      true,
    ],
    [
      'an attribute ref= to no declaration: text',
      '<xs:attribute ref="b:noAttr" use="required"/>',
      'noAttr',
      { element: 'noAttr', namespace: 'urn:b', xml: 'attribute', type: { kind: 'primitive', primitive: 'string' } },
      false,
    ],
  ])('%s', (_label, body, fieldName, want, listed) => {
    const text =
      `<xs:schema targetNamespace="urn:a" xmlns:b="urn:b"><xs:import namespace="urn:b" schemaLocation="b.xsd"/>` +
      `<xs:element name="req"><xs:complexType>${body}</xs:complexType></xs:element>` +
      `<xs:element name="res" type="xs:string"/></xs:schema>`;
    const got = field(modelOf({ 'main.wsdl': wsdl(text), 'b.xsd': B_XSD }), 'OpRequest', fieldName);
    expect(got).toMatchObject({ kind: 'field', name: fieldName, ...want });
    expect(got.list !== undefined).toBe(listed);
  });

  test('chameleon include into two services: one shared type, not one per includer', () => {
    const service = (ns: string, file: string) =>
      wsdl(
        `<xs:schema targetNamespace="${ns}" xmlns:tns="${ns}` +
          `"><xs:include schemaLocation="chameleon.xsd"/><xs:element name="req" type="tns:Adopted"/><xs:element ` +
          `name="res" type="xs:string"/></xs:schema>`,
      )
        .replace(/urn:a/g, ns)
        .replace('location="http://localhost/x"', `location="http://localhost/services/v2/${file}"`);
    const model = modelOf(
      { 'one.wsdl': service('urn:one', 'one'), 'two.wsdl': service('urn:two', 'two'), 'chameleon.xsd': CHAMELEON_XSD },
      ['one.wsdl', 'two.wsdl'],
    );
    expect(model.structs.filter((s) => s.xsdName === 'Adopted')).toHaveLength(1);
  });
});
