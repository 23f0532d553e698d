// wsdl/definitions.ts: what a WSDL document declares and imports, and which documents it reaches.
import { operation, modelOf, wsdl, WSDL_NS } from '../model-given';

describe('definitions', () => {
  const types = '<xs:schema targetNamespace="urn:a"><xs:element name="req"><xs:complexType><xs:sequence><xs:element name="x" type="xs:string"/></xs:sequence></xs:complexType></xs:element><xs:element name="res" type="xs:string"/><xs:complexType name="T"><xs:sequence><xs:element name="y" type="xs:int"/></xs:sequence></xs:complexType></xs:schema>';

  test('wsdl:import: messages, portTypes and bindings of another document', () => {
    const inner = wsdl(types).replace(/<wsdl:service[\s\S]*<\/wsdl:service>/, '');
    const outer = `<wsdl:definitions ${WSDL_NS} xmlns:tns="urn:a" targetNamespace="urn:a"><wsdl:import namespace="urn:a" location="inner.wsdl"/><wsdl:service name="s"><wsdl:port name="p" binding="tns:b"><soap:address location="http://localhost/x"/></wsdl:port></wsdl:service></wsdl:definitions>`;
    expect(operation(modelOf({ 'main.wsdl': outer, 'inner.wsdl': inner })).requestElement).toEqual({ namespace: 'urn:a', local: 'req' });
  });
});
