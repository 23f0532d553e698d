// wsdl/message-bodies.ts through the model: what each style puts in the SOAP Body (RPC, document wrapped,
// bare, empty, one-way, soap:header parts left out) and which element travels.
import { formatWarning } from '../../../../codegen/ir';
import { B_XSD, modelOf, operation, struct, wsdl } from '../model-given';

describe('message bodies', () => {
  const types =
    '<xs:schema targetNamespace="urn:a"><xs:element name="req"><xs:complexType><xs:sequence><xs:element ' +
    'name="x" type="xs:string"/></xs:sequence></xs:complexType></xs:element><xs:element name="res" ' +
    'type="xs:string"/><xs:complexType name="T"><xs:sequence><xs:element name="y" ' +
    'type="xs:int"/></xs:sequence></xs:complexType></xs:schema>';
  const rpcBinding = (use: string) =>
    `<wsdl:binding name="b" type="tns:pt"><soap:binding style="rpc" ` +
    `transport="http://schemas.xmlsoap.org/soap/http"/><wsdl:operation name="op"><soap:operation ` +
    `soapAction=""/><wsdl:input><soap:body use="${use}` +
    `" namespace="urn:rpc"/></wsdl:input><wsdl:output><soap:body use="${use}` +
    `" namespace="urn:rpc"/></wsdl:output></wsdl:operation></wsdl:binding>`;

  test('RPC/literal: the wrapper is the operation in the soap:body namespace; type= parts unqualified elements', () => {
    const model = modelOf({
      'main.wsdl': wsdl(types, {
        binding: rpcBinding('literal'),
        input: '<wsdl:part name="first" type="xs:string"/><wsdl:part name="second" type="tns:T"/>',
        output: '<wsdl:part name="return" type="xs:int"/>',
      }),
    });
    expect(operation(model)).toMatchObject({
      style: 'rpc',
      requestElement: { namespace: 'urn:rpc', local: 'op' },
      responseElement: { namespace: 'urn:rpc', local: 'opResponse' },
    });
    expect(struct(model, 'OpRequest').fields.map((f) => [f.element, f.namespace, f.type.kind])).toEqual([
      ['first', '', 'primitive'],
      ['second', '', 'struct'],
    ]);
  });

  test('bare document style with several parts: the parts sit in the Body', () => {
    const model = modelOf({
      'main.wsdl': wsdl(types, {
        input: '<wsdl:part name="a" element="tns:req"/><wsdl:part name="b" element="tns:res"/>',
      }),
    });
    expect(operation(model).requestElement).toEqual({ namespace: '', local: '' });
    expect(struct(model, 'OpRequest').fields.map((f) => [f.element, f.namespace])).toEqual([
      ['req', 'urn:a'],
      ['res', 'urn:a'],
    ]);
  });

  test('a message without parts is an empty request', () => {
    const model = modelOf({ 'main.wsdl': wsdl(types, { input: '' }) });
    expect(operation(model).requestElement).toEqual({ namespace: '', local: '' });
    expect(struct(model, 'OpRequest').fields).toEqual([]);
  });

  test('a simple-typed body element is a struct holding its text', () => {
    const model = modelOf({ 'main.wsdl': wsdl(types) });
    expect(struct(model, 'OpResponse').fields).toMatchObject([
      { name: '$value', xml: 'text', type: { kind: 'primitive', primitive: 'string' } },
    ]);
  });

  test('one-way: no response', () => {
    const op = operation(modelOf({ 'main.wsdl': wsdl(types, { output: null }) }));
    expect(op.response).toBeUndefined();
    expect(op.responseElement).toBeUndefined();
  });

  test('soap:header parts are left out of the body', () => {
    const binding =
      `<wsdl:binding name="b" type="tns:pt"><soap:binding style="document" ` +
      `transport="http://schemas.xmlsoap.org/soap/http"/><wsdl:operation name="op"><wsdl:input><soap:body ` +
      `use="literal" parts="a"/><soap:header message="tns:in" part="h" ` +
      `use="literal"/></wsdl:input></wsdl:operation></wsdl:binding>`;
    const model = modelOf({
      'main.wsdl': wsdl(types, {
        binding,
        input: '<wsdl:part name="a" element="tns:req"/><wsdl:part name="h" element="tns:res"/>',
      }),
    });
    expect(operation(model).requestElement).toEqual({ namespace: 'urn:a', local: 'req' });
  });

  test('the body element is qualified by the namespace of the schema that declares it', () => {
    const model = modelOf({
      'main.wsdl': wsdl(
        `<xs:schema targetNamespace="urn:a"><xs:import namespace="urn:b" schemaLocation="b.xsd"/><xs:element ` +
          `name="res" type="xs:string"/></xs:schema>`,
        { input: '<wsdl:part name="p" element="b:global"/>' },
      ).replace('xmlns:tns', 'xmlns:b="urn:b" xmlns:tns'),
      'b.xsd': B_XSD,
    });
    expect(operation(model).requestElement).toEqual({ namespace: 'urn:b', local: 'global' });
  });

  test('a missing message skips its operation, with a warning', () => {
    const model = modelOf({
      'main.wsdl': wsdl(
        '<xs:schema targetNamespace="urn:a"><xs:element name="req" type="xs:string"/></xs:schema>',
      ).replace('message="tns:out"', 'message="tns:nowhere"'),
    });
    expect(model.services[0]!.operations).toEqual([]);
    expect(model.warnings?.map(formatWarning)).toEqual([
      'main.wsdl:5: wsdl:message: message tns:nowhere of operation op not found; the operation is skipped',
    ]);
  });
});
