// wsdl/definitions.ts: what a WSDL document declares and imports, and which documents it reaches.
import { createWsdlSet, reachable } from '../../../../codegen/wsdl/definitions';
import { parseXmlDocument } from '../../../../codegen/parse';
import { modelOf, operation, wsdl, WSDL_NS } from '../model-given';

describe('definitions', () => {
  const types =
    '<xs:schema targetNamespace="urn:a"><xs:element name="req"><xs:complexType><xs:sequence><xs:element ' +
    'name="x" type="xs:string"/></xs:sequence></xs:complexType></xs:element><xs:element name="res" ' +
    'type="xs:string"/><xs:complexType name="T"><xs:sequence><xs:element name="y" ' +
    'type="xs:int"/></xs:sequence></xs:complexType></xs:schema>';

  test('wsdl:import: messages, portTypes and bindings of another document', () => {
    const inner = wsdl(types).replace(/<wsdl:service[\s\S]*<\/wsdl:service>/, '');
    const outer =
      `<wsdl:definitions ${WSDL_NS} xmlns:tns="urn:a" targetNamespace="urn:a"><wsdl:import namespace="urn:a" ` +
      `location="inner.wsdl"/><wsdl:service name="s"><wsdl:port name="p" binding="tns:b"><soap:address ` +
      `location="http://localhost/x"/></wsdl:port></wsdl:service></wsdl:definitions>`;
    expect(operation(modelOf({ 'main.wsdl': outer, 'inner.wsdl': inner })).requestElement).toEqual({
      namespace: 'urn:a',
      local: 'req',
    });
  });

  test.each([
    [
      'wsdl:import',
      '<wsdl:definitions xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/"><wsdl:import ' +
        'location="sub/inner.wsdl"/></wsdl:definitions>',
      ['main.wsdl', 'sub/inner.wsdl', 'sub/t.xsd'],
    ],
    [
      'xs:include inside wsdl:types, relative to the document',
      `<wsdl:definitions ${WSDL_NS}><wsdl:types><xs:schema><xs:include ` +
        `schemaLocation="sub/t.xsd"/></xs:schema></wsdl:types></wsdl:definitions>`,
      ['main.wsdl', 'sub/t.xsd'],
    ],
    [
      'a remote location is not followed',
      `<wsdl:definitions ${WSDL_NS}` +
        `><wsdl:types><xs:schema><xs:import schemaLocation="http://example.com/t.xsd"/></xs:schema></wsdl:types><` +
        `/wsdl:definitions>`,
      ['main.wsdl'],
    ],
  ])('documents reached through %s', (_label, main, want) => {
    const files: Record<string, string> = {
      'main.wsdl': main,
      'sub/inner.wsdl':
        `<wsdl:definitions ${WSDL_NS}` +
        `><wsdl:types><xs:schema><xs:import schemaLocation="t.xsd"/></xs:schema></wsdl:types></wsdl:definitions>`,
      'sub/t.xsd': '<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"/>',
    };
    const set = createWsdlSet(
      new Map(Object.entries(files).map(([name, text]) => [name, parseXmlDocument(text, name)])),
    );
    expect([...reachable(set, 'main.wsdl')].sort()).toEqual(want);
  });
});
