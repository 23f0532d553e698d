// Model stage end to end (model.ts over wsdl/ and xsd/): slips real WSDLs make, read as node-soap and zeep
// read them, broken references as warnings, and what is refused with an error naming file and construct.
import { UnsupportedConstructError } from '../../../codegen/model';
import { field, modelOf, struct, wsdl } from './model-given';

describe('real-world slips: read as node-soap and zeep read them, or refused with a clear error', () => {
  test.each([
    [
      'an undeclared conventional prefix (xsd:)',
      '<xs:schema targetNamespace="urn:a"><xs:element name="req" type="xsd:int"/><xs:element name="res" ' +
        'type="xs:string"/></xs:schema>',
      { type: { kind: 'primitive', primitive: 'integer' } },
    ],
    [
      'an undeclared prefix on a reference: matched by local name',
      '<xs:schema targetNamespace="urn:a"><xs:complexType name="T"><xs:sequence><xs:element name="y" ' +
        'type="xs:int"/></xs:sequence></xs:complexType><xs:element name="req" type="nope:T"/><xs:element ' +
        'name="res" type="xs:string"/></xs:schema>',
      { name: 'y' },
    ],
    [
      'type= naming a global element means its type',
      '<xs:schema targetNamespace="urn:a" xmlns:tns="urn:a"><xs:element name="E" type="xs:int"/><xs:element ' +
        'name="req"><xs:complexType><xs:sequence><xs:element name="y" ' +
        'type="tns:E"/></xs:sequence></xs:complexType></xs:element><xs:element name="res" ' +
        'type="xs:string"/></xs:schema>',
      { name: 'y', type: { kind: 'primitive', primitive: 'integer' } },
    ],
    [
      'the 2000/10 XML Schema namespace',
      '<s:schema xmlns:s="http://www.w3.org/2000/10/XMLSchema" targetNamespace="urn:a"><s:element ' +
        'name="req"><s:complexType><s:sequence><s:element name="y" ' +
        'type="s:boolean"/></s:sequence></s:complexType></s:element><s:element name="res" ' +
        'type="s:string"/></s:schema>',
      { name: 'y', type: { kind: 'primitive', primitive: 'boolean' } },
    ],
  ])('%s', (_label, schemaText, want) => {
    const model = modelOf({ 'main.wsdl': wsdl(schemaText) });
    expect(model.warnings).toBeUndefined();
    expect(struct(model, 'OpRequest').fields[0]).toMatchObject(want);
  });

  test('a type declared nowhere is unknown, with a warning naming the file, the construct and the reference', () => {
    const model = modelOf({
      'main.wsdl': wsdl(
        '<xs:schema targetNamespace="urn:a"><xs:element name="req"><xs:complexType><xs:sequence><xs:element ' +
          'name="y" type="tns:Missing"/></xs:sequence></xs:complexType></xs:element><xs:element name="res" ' +
          'type="xs:string"/></xs:schema>',
      ),
    });
    expect(field(model, 'OpRequest', 'y').type).toEqual({ kind: 'primitive', primitive: 'any' });
    expect(model.warnings).toEqual([
      {
        kind: 'broken-reference',
        file: 'main.wsdl',
        line: 2,
        construct: 'type reference',
        detail: 'type tns:Missing of OpRequest.y not found; typed as unknown',
      },
    ]);
  });

  test.each([
    [
      'WSDL 2.0',
      '<description xmlns="http://www.w3.org/ns/wsdl"/>',
      /main\.wsdl: unsupported document: a WSDL 2\.0 description/,
    ],
    [
      'a WSDL whose default namespace hides the WSDL vocabulary',
      '<definitions xmlns="urn:mine"/>',
      /main\.wsdl: unsupported document: not a WSDL 1\.1 document: its root <definitions> is in namespace "urn:mine"/,
    ],
    [
      'only HTTP bindings',
      wsdl('<xs:schema/>', {
        binding:
          '<wsdl:binding name="b" type="tns:pt"><http:binding xmlns:http="http://schemas.xmlsoap.org/wsdl/http/" ' +
          'verb="POST"/></wsdl:binding>',
      }),
      /unsupported wsdl:binding: no SOAP 1\.1 or 1\.2 binding \(only b/,
    ],
    [
      'a missing imported schema',
      wsdl('<xs:schema><xs:import namespace="urn:x" schemaLocation="gone.xsd"/></xs:schema>'),
      /main\.wsdl: unsupported xs:import: location "gone\.xsd" \(gone\.xsd\) was not found/,
    ],
    [
      'a remote schema',
      wsdl('<xs:schema><xs:include schemaLocation="http://example.com/x.xsd"/></xs:schema>'),
      /unsupported xs:include: location "http:\/\/example\.com\/x\.xsd" is remote/,
    ],
  ])('refuses %s, naming the file and the construct', (_label, text, message) => {
    expect(() => modelOf({ 'main.wsdl': text })).toThrow(UnsupportedConstructError);
    expect(() => modelOf({ 'main.wsdl': text })).toThrow(message);
  });
});
