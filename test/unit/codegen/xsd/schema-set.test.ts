// xsd/schema-set.ts, one construct per row: which declarations a schema registers, what xs:import,
// xs:include and xs:redefine read (chameleons adopt the includer's namespace), and what is refused.
import { UnsupportedConstructError } from '../../../../codegen/unsupported-construct-error';
import { schemaQName, typeKey } from '../../../../codegen/xsd/schema-set';
import { schema, schemaSetOf, typeOf, XS_NS } from './given';

describe('xs:schema registers its global declarations by QName', () => {
  const set = schemaSetOf({
    'main.xsd': schema(
      `<xs:complexType name="C"/><xs:simpleType name="S"><xs:restriction base="xs:string"/></xs:simpleType>
      <xs:element name="e"/><xs:attribute name="a"/><xs:group name="g"/><xs:attributeGroup name="ag"/>` +
        `<xs:complexType name="C"><xs:sequence/></xs:complexType>`,
    ),
  });
  test.each([
    ['complexType', () => set.types.find({ namespace: 'urn:t', local: 'C' })?.value.node.local, 'complexType'],
    ['simpleType', () => set.types.find({ namespace: 'urn:t', local: 'S' })?.value.node.local, 'simpleType'],
    ['element', () => set.elements.find({ namespace: 'urn:t', local: 'e' })?.value.node.attributes.name, 'e'],
    ['attribute', () => set.attributes.find({ namespace: 'urn:t', local: 'a' })?.value.node.attributes.name, 'a'],
    ['group', () => set.groups.find({ namespace: 'urn:t', local: 'g' })?.value.node.attributes.name, 'g'],
    [
      'attributeGroup',
      () => set.attributeGroups.find({ namespace: 'urn:t', local: 'ag' })?.value.node.attributes.name,
      'ag',
    ],
    [
      'the first of two declarations wins',
      () => set.types.find({ namespace: 'urn:t', local: 'C' })?.value.node.children.length,
      0,
    ],
    [
      'an undeclared prefix matches by local name',
      () => set.types.find({ namespace: undefined, local: 'C' })?.namespace,
      'urn:t',
    ],
  ])('%s', (_label, given, want) => {
    expect(given()).toBe(want);
  });
});

describe('xs:import, xs:include, xs:redefine', () => {
  const OTHER =
    `<xs:schema ${XS_NS}` +
    ` targetNamespace="urn:o" elementFormDefault="qualified"><xs:complexType name="O"/></xs:schema>`;
  const CHAMELEON = `<xs:schema ${XS_NS}><xs:complexType name="Adopted"/></xs:schema>`;
  test.each([
    [
      'xs:import reads the other namespace',
      schema('<xs:import namespace="urn:o" schemaLocation="o.xsd"/>'),
      'O',
      'urn:o',
      { targetNamespace: 'urn:o', chameleon: false, elementQualified: true, source: 'o.xsd', module: 'o' },
    ],
    [
      'xs:include of a schema without a namespace adopts the includer namespace',
      schema('<xs:include schemaLocation="c.xsd"/>'),
      'Adopted',
      'urn:t',
      { targetNamespace: 'urn:t', chameleon: true },
    ],
    [
      'xs:redefine reads the document like an include',
      schema('<xs:redefine schemaLocation="c.xsd"/>'),
      'Adopted',
      'urn:t',
      { chameleon: true },
    ],
    [
      'location= on xs:include (a common slip) is read too',
      schema('<xs:include location="sub/../c.xsd"/>'),
      'Adopted',
      'urn:t',
      { source: 'c.xsd' },
    ],
  ])('%s', (_label, main, name, namespace, want) => {
    const set = schemaSetOf({ 'main.xsd': main, 'o.xsd': OTHER, 'c.xsd': CHAMELEON });
    expect(typeOf(set, name, namespace).schema).toMatchObject(want);
  });

  test('a chameleon type is one type for every includer (keyed by its document, not its QName)', () => {
    const set = schemaSetOf({ 'main.xsd': schema('<xs:include schemaLocation="c.xsd"/>'), 'c.xsd': CHAMELEON });
    const adopted = typeOf(set, 'Adopted');
    expect(typeKey('urn:t', 'Adopted', adopted)).toBe('chameleon:c.xsd#Adopted');
    expect(schemaQName(adopted.node, 'Other', adopted.schema)).toEqual({ namespace: 'urn:t', local: 'Other' });
  });

  test.each([
    [
      'a missing document',
      schema('<xs:import namespace="urn:x" schemaLocation="gone.xsd"/>'),
      'main.xsd: unsupported xs:import: location "gone.xsd" (gone.xsd) was not found',
    ],
    [
      'a remote document',
      schema('<xs:include schemaLocation="https://example.com/x.xsd"/>'),
      'main.xsd: unsupported xs:include: location "https://example.com/x.xsd" is remote',
    ],
    [
      'a document that is not a schema (xsd/ knows no WSDL)',
      schema('<xs:import namespace="urn:w" schemaLocation="w.wsdl"/>'),
      'w.wsdl: unsupported document: root <definitions> is not xs:schema',
    ],
  ])('refuses %s, naming the file and the construct', (_label, main, message) => {
    const given = () =>
      schemaSetOf({ 'main.xsd': main, 'w.wsdl': '<definitions xmlns="http://schemas.xmlsoap.org/wsdl/"/>' });
    expect(given).toThrow(UnsupportedConstructError);
    expect(given).toThrow(message);
  });

  test('a schema in the 2000/10 namespace reads as XML Schema', () => {
    const set = schemaSetOf({
      'main.xsd':
        '<s:schema xmlns:s="http://www.w3.org/2000/10/XMLSchema" targetNamespace="urn:t"><s:complexType ' +
        'name="Old"/></s:schema>',
    });
    expect(typeOf(set, 'Old').node.namespace).toBe('http://www.w3.org/2001/XMLSchema');
  });
});
