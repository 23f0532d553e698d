// xsd/complex-types.ts through the model: what a complex type's use becomes (a struct, a list of a wrapper's
// item, its text type, a SOAP-encoded array), recursion, inherited anonymous types.
import type { FieldModel } from '../../../../codegen/ir';
import { field, modelOf, struct, wsdl } from '../model-given';

describe('content models', () => {
  const one = (types: string, body: string) =>
    wsdl(
      `<xs:schema targetNamespace="urn:a" xmlns:tns="urn:a">${types}<xs:element name="req"><xs:complexType>` +
        `${body}</xs:complexType></xs:element><xs:element name="res" type="xs:string"/></xs:schema>`,
    );
  test.each<[string, string, string, string, Partial<FieldModel>]>([
    [
      'xs:choice alternatives are optional',
      '',
      '<xs:choice><xs:element name="a" type="xs:string"/><xs:element name="b" type="xs:string"/></xs:choice>',
      'b',
      { required: false },
    ],
    [
      'a repeated sequence repeats its elements',
      '',
      '<xs:sequence maxOccurs="unbounded"><xs:element name="a" type="xs:int"/></xs:sequence>',
      'a',
      { list: { kind: 'repeated' }, type: { kind: 'primitive', primitive: 'integer' } },
    ],
    [
      'nillable',
      '',
      '<xs:sequence><xs:element name="a" type="xs:string" nillable="true"/></xs:sequence>',
      'a',
      { nillable: true },
    ],
    [
      'xs:anyType',
      '',
      '<xs:sequence><xs:element name="a" type="xs:anyType"/></xs:sequence>',
      'a',
      { type: { kind: 'primitive', primitive: 'any' } },
    ],
    [
      'an element without a type is anything',
      '',
      '<xs:sequence><xs:element name="a"/></xs:sequence>',
      'a',
      { type: { kind: 'primitive', primitive: 'any' } },
    ],
    [
      'a list wrapper becomes a list of its item',
      '<xs:complexType name="Items"><xs:sequence><xs:element name="item" type="xs:string" ' +
        'maxOccurs="unbounded"/></xs:sequence></xs:complexType>',
      '<xs:sequence><xs:element name="items" type="tns:Items"/></xs:sequence>',
      'items',
      { list: { kind: 'wrapped', item: 'item', itemNamespace: '' } },
    ],
    [
      'a SOAP-encoded array is a list of its arrayType',
      '<xs:complexType name="Names"><xs:complexContent><xs:restriction base="soapenc:Array"><xs:attribute ' +
        'ref="soapenc:arrayType" wsdl:arrayType="xs:string[]"/></xs:restriction></xs:complexContent></xs:complexType>',
      '<xs:sequence><xs:element name="names" type="tns:Names"/></xs:sequence>',
      'names',
      { list: { kind: 'wrapped', item: 'item', itemNamespace: '' }, type: { kind: 'primitive', primitive: 'string' } },
    ],
    [
      'simpleContent without attributes is its text type',
      '<xs:complexType name="Amount"><xs:simpleContent><xs:extension ' +
        'base="xs:decimal"/></xs:simpleContent></xs:complexType>',
      '<xs:sequence><xs:element name="amount" type="tns:Amount"/></xs:sequence>',
      'amount',
      { type: { kind: 'primitive', primitive: 'decimal' } },
    ],
    [
      'an attribute with use="required"',
      '',
      '<xs:attribute name="id" type="xs:int" use="required"/>',
      'id',
      { xml: 'attribute', required: true, type: { kind: 'primitive', primitive: 'integer' } },
    ],
  ])('%s', (_label, types, body, fieldName, want) => {
    expect(
      field(
        modelOf({
          'main.wsdl': one(types, body).replace(
            '<wsdl:definitions',
            '<wsdl:definitions xmlns:soapenc="http://schemas.xmlsoap.org/soap/encoding/"',
          ),
        }),
        'OpRequest',
        fieldName,
      ),
    ).toMatchObject(want);
  });

  test('simpleContent with attributes: the text is $value, the attributes are fields', () => {
    const model = modelOf({
      'main.wsdl': one(
        '<xs:complexType name="Amount"><xs:simpleContent><xs:extension base="xs:decimal"><xs:attribute ' +
          'name="currency" type="xs:string"/></xs:extension></xs:simpleContent></xs:complexType>',
        '<xs:sequence><xs:element name="amount" type="tns:Amount"/></xs:sequence>',
      ),
    });
    expect(struct(model, 'Amount').fields).toMatchObject([
      { name: '$value', xml: 'text', type: { kind: 'primitive', primitive: 'decimal' } },
      { name: 'currency', xml: 'attribute' },
    ]);
  });

  test('xs:any makes the struct open', () => {
    expect(
      struct(
        modelOf({
          'main.wsdl': one(
            '',
            '<xs:sequence><xs:element name="a" type="xs:string"/><xs:any processContents="lax"/></xs:sequence>',
          ),
        }),
        'OpRequest',
      ).open,
    ).toBe(true);
  });

  test.each([
    [
      'a type that contains itself',
      '<xs:complexType name="Node"><xs:sequence><xs:element name="child" type="tns:Node" ' +
        'minOccurs="0"/></xs:sequence></xs:complexType>',
      '<xs:sequence><xs:element name="root" type="tns:Node"/></xs:sequence>',
      'Node',
    ],
    [
      'a list of itself',
      '<xs:complexType name="Tree"><xs:sequence><xs:element name="tree" type="tns:Tree" minOccurs="0" ' +
        'maxOccurs="unbounded"/></xs:sequence></xs:complexType>',
      '<xs:sequence><xs:element name="root" type="tns:Tree"/></xs:sequence>',
      'Tree',
    ],
  ])('recursive types terminate: %s', (_label, types, body, name) => {
    const model = modelOf({ 'main.wsdl': one(types, body) });
    expect(struct(model, name).fields[0]!.type).toEqual({ kind: 'struct', name });
  });

  test('recursion through ref= to a global element with an anonymous type terminates', () => {
    const types =
      '<xs:element name="property"><xs:complexType><xs:sequence><xs:element ref="tns:property" minOccurs="0" ' +
      'maxOccurs="unbounded"/></xs:sequence></xs:complexType></xs:element>';
    const model = modelOf({ 'main.wsdl': one(types, '<xs:sequence><xs:element ref="tns:property"/></xs:sequence>') });
    expect(struct(model, 'Property').fields[0]).toMatchObject({
      name: 'property',
      namespace: 'urn:a',
      type: { kind: 'struct', name: 'Property' },
      list: { kind: 'repeated' },
    });
  });

  test('an anonymous type inherited by two derived types is one struct, named after the type that declares it', () => {
    const types =
      `<xs:complexType name="Phone"><xs:sequence><xs:element name="data"><xs:complexType>` +
      `<xs:sequence><xs:element name="n" type="xs:string"/></xs:sequence></xs:complexType></xs:element>` +
      `</xs:sequence></xs:complexType>
      <xs:complexType name="Home"><xs:complexContent><xs:extension base="tns:Phone"/></xs:complexContent>` +
      `</xs:complexType>
      <xs:complexType name="Work"><xs:complexContent><xs:extension base="tns:Phone"/></xs:complexContent>` +
      `</xs:complexType>`;
    const model = modelOf({
      'main.wsdl': one(
        types,
        '<xs:sequence><xs:element name="home" type="tns:Home"/><xs:element name="work" ' +
          'type="tns:Work"/></xs:sequence>',
      ),
    });
    expect(field(model, 'Home', 'data').type).toEqual({ kind: 'struct', name: 'PhoneData' });
    expect(field(model, 'Work', 'data').type).toEqual({ kind: 'struct', name: 'PhoneData' });
  });
});
