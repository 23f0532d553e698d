// wsdl/bindings.ts through the model: which SOAP bindings a service offers (SOAP 1.1 preferred, one per
// portType) and the operations they bind, with unique method names.
import { modelOf, operation, wsdl } from '../model-given';

describe('bindings', () => {
  const types =
    '<xs:schema targetNamespace="urn:a"><xs:element name="req"><xs:complexType><xs:sequence><xs:element ' +
    'name="x" type="xs:string"/></xs:sequence></xs:complexType></xs:element><xs:element name="res" ' +
    'type="xs:string"/><xs:complexType name="T"><xs:sequence><xs:element name="y" ' +
    'type="xs:int"/></xs:sequence></xs:complexType></xs:schema>';

  test.each([
    ['SOAP 1.2 only', ['soap12'], '1.2'],
    ['SOAP 1.1 is preferred when both bind the same portType', ['soap12', 'soap'], '1.1'],
  ])('%s', (_label, versions, want) => {
    const bindings = versions
      .map(
        (v, i) =>
          `<wsdl:binding name="b${i}" type="tns:pt"><${v}` +
          `:binding style="document" transport="http://schemas.xmlsoap.org/soap/http"/><wsdl:operation ` +
          `name="op"><${v}:operation soapAction="a"/></wsdl:operation></wsdl:binding>`,
      )
      .join('');
    const ports = versions
      .map(
        (v, i) =>
          `<wsdl:port name="p${i}" binding="tns:b${i}"><${v}:address location="http://localhost/x"/></wsdl:port>`,
      )
      .join('');
    const text = wsdl(types, { binding: bindings })
      .replace(/<wsdl:service[\s\S]*<\/wsdl:service>/, `<wsdl:service name="s">${ports}</wsdl:service>`)
      .replace('<wsdl:definitions', '<wsdl:definitions xmlns:soap12="http://schemas.xmlsoap.org/wsdl/soap12/"');
    const model = modelOf({ 'main.wsdl': text });
    expect(model.services[0]!.operations).toHaveLength(1);
    expect(operation(model).soapVersion).toBe(want);
  });

  test('several portTypes: every operation, with unique identifiers', () => {
    const text = wsdl(types, {
      binding:
        `<wsdl:binding name="b" type="tns:pt"><soap:binding style="document" ` +
        `transport="http://schemas.xmlsoap.org/soap/http"/></wsdl:binding><wsdl:binding name="b2" ` +
        `type="tns:pt2"><soap:binding style="document" ` +
        `transport="http://schemas.xmlsoap.org/soap/http"/></wsdl:binding>`,
      extra:
        '<wsdl:portType name="pt2"><wsdl:operation name="op"><wsdl:input ' +
        'message="tns:in"/></wsdl:operation><wsdl:operation name="my-op"><wsdl:input ' +
        'message="tns:in"/></wsdl:operation></wsdl:portType><wsdl:service name="s2"><wsdl:port name="p2" ' +
        'binding="tns:b2"><soap:address location="http://localhost/y"/></wsdl:port></wsdl:service>',
    });
    expect(modelOf({ 'main.wsdl': text }).services[0]!.operations.map((o) => [o.name, o.identifier])).toEqual([
      ['op', 'op'],
      ['op', 'op2'],
      ['my-op', 'my_op'],
    ]);
  });
});
