// Model stage, one construct per row: WSDL/XSD text in, the IR facts that matter out (wire names and
// namespaces above all). Documents are built in memory: no disk.
import { CONTEXT_NAMESPACE } from '../../src/descriptor';
import type { ContractModel, FieldModel, OperationModel, StructModel } from '../../codegen/ir';
import { buildModel, UnsupportedConstructError } from '../../codegen/model';
import { parseXmlDocument } from '../../codegen/parse';

const WSDL_NS = 'xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/" xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/" xmlns:xs="http://www.w3.org/2001/XMLSchema"';

/** A document/literal WSDL with one operation `op` whose input is element tns:req and output tns:res. */
function wsdl(schemas: string, options: { tns?: string; extra?: string; binding?: string; input?: string; output?: string | null } = {}): string {
  const tns = options.tns ?? 'urn:a';
  const output = options.output === null ? '' : `<wsdl:output message="tns:out"/>`;
  return `<wsdl:definitions ${WSDL_NS} xmlns:tns="${tns}" targetNamespace="${tns}">
  <wsdl:types>${schemas}</wsdl:types>
  <wsdl:message name="in">${options.input ?? '<wsdl:part name="p" element="tns:req"/>'}</wsdl:message>
  <wsdl:message name="out">${options.output ?? '<wsdl:part name="p" element="tns:res"/>'}</wsdl:message>
  <wsdl:portType name="pt"><wsdl:operation name="op"><wsdl:input message="tns:in"/>${output}</wsdl:operation></wsdl:portType>
  ${options.binding ?? `<wsdl:binding name="b" type="tns:pt"><soap:binding style="document" transport="http://schemas.xmlsoap.org/soap/http"/><wsdl:operation name="op"><soap:operation soapAction="urn:op"/></wsdl:operation></wsdl:binding>`}
  <wsdl:service name="s"><wsdl:port name="p" binding="tns:b"><soap:address location="http://localhost/x"/></wsdl:port></wsdl:service>
  ${options.extra ?? ''}
</wsdl:definitions>`;
}

function modelOf(files: Record<string, string>, wsdls = ['main.wsdl']): ContractModel {
  const documents = new Map(Object.entries(files).map(([name, text]) => [name, parseXmlDocument(text, name)]));
  return buildModel({ documents, wsdls });
}
const struct = (model: ContractModel, name: string): StructModel => {
  const found = model.structs.find((s) => s.name === name);
  if (!found) throw new Error(`no struct ${name} in ${model.structs.map((s) => s.name).join(', ')}`);
  return found;
};
const field = (model: ContractModel, structName: string, fieldName: string): FieldModel => {
  const found = struct(model, structName).fields.find((f) => f.name === fieldName);
  if (!found) throw new Error(`no field ${structName}.${fieldName}`);
  return found;
};
const operation = (model: ContractModel): OperationModel => model.services[0]!.operations[0]!;

const B_XSD = `<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:b="urn:b" targetNamespace="urn:b" elementFormDefault="qualified">
  <xs:complexType name="Base"><xs:sequence><xs:element name="inherited" type="xs:string"/></xs:sequence></xs:complexType>
  <xs:group name="g"><xs:sequence><xs:element name="grouped" type="xs:string"/></xs:sequence></xs:group>
  <xs:element name="global" type="xs:string"/>
  <xs:attribute name="globalAttr" type="xs:string"/>
</xs:schema>`;
const CHAMELEON_XSD = `<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" elementFormDefault="qualified">
  <xs:complexType name="Adopted"><xs:sequence><xs:element name="inChameleon" type="xs:string"/></xs:sequence></xs:complexType>
</xs:schema>`;

describe('namespace qualification of every element on the wire, from the schema', () => {
  const schema = (attrs: string, body: string, imports = '') =>
    `<xs:schema targetNamespace="urn:a" ${attrs} xmlns:b="urn:b">${imports}<xs:element name="req"><xs:complexType>${body}</xs:complexType></xs:element><xs:element name="res" type="xs:string"/></xs:schema>`;
  const IMPORT_B = '<xs:import namespace="urn:b" schemaLocation="b.xsd"/>';
  test.each([
    ['unqualified by default', schema('', '<xs:sequence><xs:element name="x" type="xs:string"/></xs:sequence>'), 'x', ''],
    ['elementFormDefault="qualified"', schema('elementFormDefault="qualified"', '<xs:sequence><xs:element name="x" type="xs:string"/></xs:sequence>'), 'x', 'urn:a'],
    ['form="qualified" in an unqualified schema', schema('', '<xs:sequence><xs:element name="x" form="qualified" type="xs:string"/></xs:sequence>'), 'x', 'urn:a'],
    ['form="unqualified" in a qualified schema', schema('elementFormDefault="qualified"', '<xs:sequence><xs:element name="x" form="unqualified" type="xs:string"/></xs:sequence>'), 'x', ''],
    ['ref= to a global element of another namespace', schema('', '<xs:sequence><xs:element ref="b:global"/></xs:sequence>', IMPORT_B), 'global', 'urn:b'],
    ['an element inherited from a base in a qualified schema', schema('', '<xs:complexContent><xs:extension base="b:Base"><xs:sequence><xs:element name="own" type="xs:string"/></xs:sequence></xs:extension></xs:complexContent>', IMPORT_B), 'inherited', 'urn:b'],
    ["the derived type's own element keeps its own schema's rule", schema('', '<xs:complexContent><xs:extension base="b:Base"><xs:sequence><xs:element name="own" type="xs:string"/></xs:sequence></xs:extension></xs:complexContent>', IMPORT_B), 'own', ''],
    ['an element of a group declared in another schema', schema('', '<xs:sequence><xs:group ref="b:g"/></xs:sequence>', IMPORT_B), 'grouped', 'urn:b'],
    ['an unqualified attribute', schema('elementFormDefault="qualified"', '<xs:attribute name="at" type="xs:string"/>'), 'at', ''],
    ['attributeFormDefault="qualified"', schema('attributeFormDefault="qualified"', '<xs:attribute name="at" type="xs:string"/>'), 'at', 'urn:a'],
    ['ref= to a global attribute', schema('', '<xs:attribute ref="b:globalAttr"/>', IMPORT_B), 'globalAttr', 'urn:b'],
  ])('%s', (_label, schemaText, fieldName, want) => {
    const model = modelOf({ 'main.wsdl': wsdl(schemaText), 'b.xsd': B_XSD, 'chameleon.xsd': CHAMELEON_XSD });
    expect(field(model, 'OpRequest', fieldName).namespace).toBe(want);
  });

  test('chameleon include: the included type lives in the includer namespace (CONTEXT_NAMESPACE, resolved per operation) and keeps its own elementFormDefault', () => {
    const text = `<xs:schema targetNamespace="urn:a" xmlns:tns="urn:a"><xs:include schemaLocation="chameleon.xsd"/><xs:element name="req" type="tns:Adopted"/><xs:element name="res" type="xs:string"/></xs:schema>`;
    const model = modelOf({ 'main.wsdl': wsdl(text), 'chameleon.xsd': CHAMELEON_XSD });
    expect(field(model, 'OpRequest', 'inChameleon').namespace).toBe(CONTEXT_NAMESPACE);
  });

  test('chameleon include into two services: one shared type, not one per includer', () => {
    const service = (ns: string, file: string) =>
      wsdl(`<xs:schema targetNamespace="${ns}" xmlns:tns="${ns}"><xs:include schemaLocation="chameleon.xsd"/><xs:element name="req" type="tns:Adopted"/><xs:element name="res" type="xs:string"/></xs:schema>`)
        .replace(/urn:a/g, ns)
        .replace('location="http://localhost/x"', `location="http://localhost/services/v2/${file}"`);
    const model = modelOf({ 'one.wsdl': service('urn:one', 'one'), 'two.wsdl': service('urn:two', 'two'), 'chameleon.xsd': CHAMELEON_XSD }, ['one.wsdl', 'two.wsdl']);
    expect(model.structs.filter((s) => s.xsdName === 'Adopted')).toHaveLength(1);
  });

  test('the body element is qualified by the namespace of the schema that declares it', () => {
    const model = modelOf({ 'main.wsdl': wsdl(`<xs:schema targetNamespace="urn:a"><xs:import namespace="urn:b" schemaLocation="b.xsd"/><xs:element name="res" type="xs:string"/></xs:schema>`, { input: '<wsdl:part name="p" element="b:global"/>' }).replace('xmlns:tns', 'xmlns:b="urn:b" xmlns:tns'), 'b.xsd': B_XSD });
    expect(operation(model).requestElement).toEqual({ namespace: 'urn:b', local: 'global' });
  });
});

describe('content models', () => {
  const one = (types: string, body: string) =>
    wsdl(`<xs:schema targetNamespace="urn:a" xmlns:tns="urn:a">${types}<xs:element name="req"><xs:complexType>${body}</xs:complexType></xs:element><xs:element name="res" type="xs:string"/></xs:schema>`);
  test.each<[string, string, string, string, Partial<FieldModel>]>([
    ['xs:choice alternatives are optional', '', '<xs:choice><xs:element name="a" type="xs:string"/><xs:element name="b" type="xs:string"/></xs:choice>', 'b', { required: false }],
    ['a repeated sequence repeats its elements', '', '<xs:sequence maxOccurs="unbounded"><xs:element name="a" type="xs:int"/></xs:sequence>', 'a', { list: { kind: 'repeated' }, type: { kind: 'primitive', primitive: 'integer' } }],
    ['nillable', '', '<xs:sequence><xs:element name="a" type="xs:string" nillable="true"/></xs:sequence>', 'a', { nillable: true }],
    ['xs:anyType', '', '<xs:sequence><xs:element name="a" type="xs:anyType"/></xs:sequence>', 'a', { type: { kind: 'primitive', primitive: 'any' } }],
    ['an element without a type is anything', '', '<xs:sequence><xs:element name="a"/></xs:sequence>', 'a', { type: { kind: 'primitive', primitive: 'any' } }],
    ['a list wrapper becomes a list of its item', '<xs:complexType name="Items"><xs:sequence><xs:element name="item" type="xs:string" maxOccurs="unbounded"/></xs:sequence></xs:complexType>', '<xs:sequence><xs:element name="items" type="tns:Items"/></xs:sequence>', 'items', { list: { kind: 'wrapped', item: 'item', itemNamespace: '' } }],
    ['a SOAP-encoded array is a list of its arrayType', '<xs:complexType name="Names"><xs:complexContent><xs:restriction base="soapenc:Array"><xs:attribute ref="soapenc:arrayType" wsdl:arrayType="xs:string[]"/></xs:restriction></xs:complexContent></xs:complexType>', '<xs:sequence><xs:element name="names" type="tns:Names"/></xs:sequence>', 'names', { list: { kind: 'wrapped', item: 'item', itemNamespace: '' }, type: { kind: 'primitive', primitive: 'string' } }],
    ['simpleContent without attributes is its text type', '<xs:complexType name="Amount"><xs:simpleContent><xs:extension base="xs:decimal"/></xs:simpleContent></xs:complexType>', '<xs:sequence><xs:element name="amount" type="tns:Amount"/></xs:sequence>', 'amount', { type: { kind: 'primitive', primitive: 'decimal' } }],
    ['an attribute with use="required"', '', '<xs:attribute name="id" type="xs:int" use="required"/>', 'id', { xml: 'attribute', required: true, type: { kind: 'primitive', primitive: 'integer' } }],
  ])('%s', (_label, types, body, fieldName, want) => {
    expect(field(modelOf({ 'main.wsdl': one(types, body).replace('<wsdl:definitions', '<wsdl:definitions xmlns:soapenc="http://schemas.xmlsoap.org/soap/encoding/"') }), 'OpRequest', fieldName)).toMatchObject(want);
  });

  test('simpleContent with attributes: the text is $value, the attributes are fields', () => {
    const model = modelOf({ 'main.wsdl': one('<xs:complexType name="Amount"><xs:simpleContent><xs:extension base="xs:decimal"><xs:attribute name="currency" type="xs:string"/></xs:extension></xs:simpleContent></xs:complexType>', '<xs:sequence><xs:element name="amount" type="tns:Amount"/></xs:sequence>') });
    expect(struct(model, 'Amount').fields).toMatchObject([
      { name: '$value', xml: 'text', type: { kind: 'primitive', primitive: 'decimal' } },
      { name: 'currency', xml: 'attribute' },
    ]);
  });

  test('xs:any makes the struct open', () => {
    expect(struct(modelOf({ 'main.wsdl': one('', '<xs:sequence><xs:element name="a" type="xs:string"/><xs:any processContents="lax"/></xs:sequence>') }), 'OpRequest').open).toBe(true);
  });

  test.each([
    ['a type that contains itself', '<xs:complexType name="Node"><xs:sequence><xs:element name="child" type="tns:Node" minOccurs="0"/></xs:sequence></xs:complexType>', '<xs:sequence><xs:element name="root" type="tns:Node"/></xs:sequence>', 'Node'],
    ['a list of itself', '<xs:complexType name="Tree"><xs:sequence><xs:element name="tree" type="tns:Tree" minOccurs="0" maxOccurs="unbounded"/></xs:sequence></xs:complexType>', '<xs:sequence><xs:element name="root" type="tns:Tree"/></xs:sequence>', 'Tree'],
  ])('recursive types terminate: %s', (_label, types, body, name) => {
    const model = modelOf({ 'main.wsdl': one(types, body) });
    expect(struct(model, name).fields[0]!.type).toEqual({ kind: 'struct', name });
  });

  test('recursion through ref= to a global element with an anonymous type terminates', () => {
    const types = '<xs:element name="property"><xs:complexType><xs:sequence><xs:element ref="tns:property" minOccurs="0" maxOccurs="unbounded"/></xs:sequence></xs:complexType></xs:element>';
    const model = modelOf({ 'main.wsdl': one(types, '<xs:sequence><xs:element ref="tns:property"/></xs:sequence>') });
    expect(struct(model, 'Property').fields[0]).toMatchObject({ name: 'property', namespace: 'urn:a', type: { kind: 'struct', name: 'Property' }, list: { kind: 'repeated' } });
  });

  test('an anonymous type inherited by two derived types is one struct, named after the type that declares it', () => {
    const types = `<xs:complexType name="Phone"><xs:sequence><xs:element name="data"><xs:complexType><xs:sequence><xs:element name="n" type="xs:string"/></xs:sequence></xs:complexType></xs:element></xs:sequence></xs:complexType>
      <xs:complexType name="Home"><xs:complexContent><xs:extension base="tns:Phone"/></xs:complexContent></xs:complexType>
      <xs:complexType name="Work"><xs:complexContent><xs:extension base="tns:Phone"/></xs:complexContent></xs:complexType>`;
    const model = modelOf({ 'main.wsdl': one(types, '<xs:sequence><xs:element name="home" type="tns:Home"/><xs:element name="work" type="tns:Work"/></xs:sequence>') });
    expect(field(model, 'Home', 'data').type).toEqual({ kind: 'struct', name: 'PhoneData' });
    expect(field(model, 'Work', 'data').type).toEqual({ kind: 'struct', name: 'PhoneData' });
  });
});

describe('WSDL styles, bindings and operations', () => {
  const types = '<xs:schema targetNamespace="urn:a"><xs:element name="req"><xs:complexType><xs:sequence><xs:element name="x" type="xs:string"/></xs:sequence></xs:complexType></xs:element><xs:element name="res" type="xs:string"/><xs:complexType name="T"><xs:sequence><xs:element name="y" type="xs:int"/></xs:sequence></xs:complexType></xs:schema>';
  const rpcBinding = (use: string) =>
    `<wsdl:binding name="b" type="tns:pt"><soap:binding style="rpc" transport="http://schemas.xmlsoap.org/soap/http"/><wsdl:operation name="op"><soap:operation soapAction=""/><wsdl:input><soap:body use="${use}" namespace="urn:rpc"/></wsdl:input><wsdl:output><soap:body use="${use}" namespace="urn:rpc"/></wsdl:output></wsdl:operation></wsdl:binding>`;

  test('RPC/literal: the wrapper is the operation in the soap:body namespace, type= parts are unqualified elements', () => {
    const model = modelOf({ 'main.wsdl': wsdl(types, { binding: rpcBinding('literal'), input: '<wsdl:part name="first" type="xs:string"/><wsdl:part name="second" type="tns:T"/>', output: '<wsdl:part name="return" type="xs:int"/>' }) });
    expect(operation(model)).toMatchObject({ style: 'rpc', requestElement: { namespace: 'urn:rpc', local: 'op' }, responseElement: { namespace: 'urn:rpc', local: 'opResponse' } });
    expect(struct(model, 'OpRequest').fields.map((f) => [f.element, f.namespace, f.type.kind])).toEqual([
      ['first', '', 'primitive'],
      ['second', '', 'struct'],
    ]);
  });

  test('bare document style with several parts: the parts sit in the Body', () => {
    const model = modelOf({ 'main.wsdl': wsdl(types, { input: '<wsdl:part name="a" element="tns:req"/><wsdl:part name="b" element="tns:res"/>' }) });
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
    expect(struct(model, 'OpResponse').fields).toMatchObject([{ name: '$value', xml: 'text', type: { kind: 'primitive', primitive: 'string' } }]);
  });

  test('one-way: no response', () => {
    const op = operation(modelOf({ 'main.wsdl': wsdl(types, { output: null }) }));
    expect(op.response).toBeUndefined();
    expect(op.responseElement).toBeUndefined();
  });

  test('soap:header parts are left out of the body', () => {
    const binding = `<wsdl:binding name="b" type="tns:pt"><soap:binding style="document" transport="http://schemas.xmlsoap.org/soap/http"/><wsdl:operation name="op"><wsdl:input><soap:body use="literal" parts="a"/><soap:header message="tns:in" part="h" use="literal"/></wsdl:input></wsdl:operation></wsdl:binding>`;
    const model = modelOf({ 'main.wsdl': wsdl(types, { binding, input: '<wsdl:part name="a" element="tns:req"/><wsdl:part name="h" element="tns:res"/>' }) });
    expect(operation(model).requestElement).toEqual({ namespace: 'urn:a', local: 'req' });
  });

  test.each([
    ['SOAP 1.2 only', ['soap12'], '1.2'],
    ['SOAP 1.1 is preferred when both bind the same portType', ['soap12', 'soap'], '1.1'],
  ])('%s', (_label, versions, want) => {
    const bindings = versions
      .map((v, i) => `<wsdl:binding name="b${i}" type="tns:pt"><${v}:binding style="document" transport="http://schemas.xmlsoap.org/soap/http"/><wsdl:operation name="op"><${v}:operation soapAction="a"/></wsdl:operation></wsdl:binding>`)
      .join('');
    const ports = versions.map((v, i) => `<wsdl:port name="p${i}" binding="tns:b${i}"><${v}:address location="http://localhost/x"/></wsdl:port>`).join('');
    const text = wsdl(types, { binding: bindings }).replace(/<wsdl:service[\s\S]*<\/wsdl:service>/, `<wsdl:service name="s">${ports}</wsdl:service>`).replace('<wsdl:definitions', '<wsdl:definitions xmlns:soap12="http://schemas.xmlsoap.org/wsdl/soap12/"');
    const model = modelOf({ 'main.wsdl': text });
    expect(model.services[0]!.operations).toHaveLength(1);
    expect(operation(model).soapVersion).toBe(want);
  });

  test('several portTypes: every operation, with unique identifiers', () => {
    const text = wsdl(types, {
      binding: `<wsdl:binding name="b" type="tns:pt"><soap:binding style="document" transport="http://schemas.xmlsoap.org/soap/http"/></wsdl:binding><wsdl:binding name="b2" type="tns:pt2"><soap:binding style="document" transport="http://schemas.xmlsoap.org/soap/http"/></wsdl:binding>`,
      extra: '<wsdl:portType name="pt2"><wsdl:operation name="op"><wsdl:input message="tns:in"/></wsdl:operation><wsdl:operation name="my-op"><wsdl:input message="tns:in"/></wsdl:operation></wsdl:portType><wsdl:service name="s2"><wsdl:port name="p2" binding="tns:b2"><soap:address location="http://localhost/y"/></wsdl:port></wsdl:service>',
    });
    expect(modelOf({ 'main.wsdl': text }).services[0]!.operations.map((o) => [o.name, o.identifier])).toEqual([
      ['op', 'op'],
      ['op', 'op2'],
      ['my-op', 'my_op'],
    ]);
  });

  test('wsdl:import: messages, portTypes and bindings of another document', () => {
    const inner = wsdl(types).replace(/<wsdl:service[\s\S]*<\/wsdl:service>/, '');
    const outer = `<wsdl:definitions ${WSDL_NS} xmlns:tns="urn:a" targetNamespace="urn:a"><wsdl:import namespace="urn:a" location="inner.wsdl"/><wsdl:service name="s"><wsdl:port name="p" binding="tns:b"><soap:address location="http://localhost/x"/></wsdl:port></wsdl:service></wsdl:definitions>`;
    expect(operation(modelOf({ 'main.wsdl': outer, 'inner.wsdl': inner })).requestElement).toEqual({ namespace: 'urn:a', local: 'req' });
  });
});

describe('real-world slips: read as node-soap and zeep read them, or refused with a clear error', () => {
  test.each([
    ['an undeclared conventional prefix (xsd:)', '<xs:schema targetNamespace="urn:a"><xs:element name="req" type="xsd:int"/><xs:element name="res" type="xs:string"/></xs:schema>', { type: { kind: 'primitive', primitive: 'integer' } }],
    ['an undeclared prefix on a reference: matched by local name', '<xs:schema targetNamespace="urn:a"><xs:complexType name="T"><xs:sequence><xs:element name="y" type="xs:int"/></xs:sequence></xs:complexType><xs:element name="req" type="nope:T"/><xs:element name="res" type="xs:string"/></xs:schema>', { name: 'y' }],
    ['type= naming a global element means its type', '<xs:schema targetNamespace="urn:a" xmlns:tns="urn:a"><xs:element name="E" type="xs:int"/><xs:element name="req"><xs:complexType><xs:sequence><xs:element name="y" type="tns:E"/></xs:sequence></xs:complexType></xs:element><xs:element name="res" type="xs:string"/></xs:schema>', { name: 'y', type: { kind: 'primitive', primitive: 'integer' } }],
    ['the 2000/10 XML Schema namespace', '<s:schema xmlns:s="http://www.w3.org/2000/10/XMLSchema" targetNamespace="urn:a"><s:element name="req"><s:complexType><s:sequence><s:element name="y" type="s:boolean"/></s:sequence></s:complexType></s:element><s:element name="res" type="s:string"/></s:schema>', { name: 'y', type: { kind: 'primitive', primitive: 'boolean' } }],
  ])('%s', (_label, schemaText, want) => {
    const model = modelOf({ 'main.wsdl': wsdl(schemaText) });
    expect(model.warnings).toBeUndefined();
    expect(struct(model, 'OpRequest').fields[0]).toMatchObject(want);
  });

  test('a type declared nowhere is unknown, with a warning naming the file, the construct and the reference', () => {
    const model = modelOf({ 'main.wsdl': wsdl('<xs:schema targetNamespace="urn:a"><xs:element name="req"><xs:complexType><xs:sequence><xs:element name="y" type="tns:Missing"/></xs:sequence></xs:complexType></xs:element><xs:element name="res" type="xs:string"/></xs:schema>') });
    expect(field(model, 'OpRequest', 'y').type).toEqual({ kind: 'primitive', primitive: 'any' });
    expect(model.warnings).toEqual(['main.wsdl: type reference: type tns:Missing of OpRequest.y not found; typed as unknown']);
  });

  test('a missing message skips its operation, with a warning', () => {
    const model = modelOf({ 'main.wsdl': wsdl('<xs:schema targetNamespace="urn:a"><xs:element name="req" type="xs:string"/></xs:schema>').replace('message="tns:out"', 'message="tns:nowhere"') });
    expect(model.services[0]!.operations).toEqual([]);
    expect(model.warnings).toEqual(['main.wsdl: wsdl:message: message tns:nowhere of operation op not found; the operation is skipped']);
  });

  test.each([
    ['WSDL 2.0', '<description xmlns="http://www.w3.org/ns/wsdl"/>', /main\.wsdl: unsupported document: a WSDL 2\.0 description/],
    ['a WSDL whose default namespace hides the WSDL vocabulary', '<definitions xmlns="urn:mine"/>', /main\.wsdl: unsupported document: not a WSDL 1\.1 document: its root <definitions> is in namespace "urn:mine"/],
    ['only HTTP bindings', wsdl('<xs:schema/>', { binding: '<wsdl:binding name="b" type="tns:pt"><http:binding xmlns:http="http://schemas.xmlsoap.org/wsdl/http/" verb="POST"/></wsdl:binding>' }), /unsupported wsdl:binding: no SOAP 1\.1 or 1\.2 binding \(only b/],
    ['a missing imported schema', wsdl('<xs:schema><xs:import namespace="urn:x" schemaLocation="gone.xsd"/></xs:schema>'), /main\.wsdl: unsupported xs:import: location "gone\.xsd" \(gone\.xsd\) was not found/],
    ['a remote schema', wsdl('<xs:schema><xs:include schemaLocation="http://example.com/x.xsd"/></xs:schema>'), /unsupported xs:include: location "http:\/\/example\.com\/x\.xsd" is remote/],
  ])('refuses %s, naming the file and the construct', (_label, text, message) => {
    expect(() => modelOf({ 'main.wsdl': text })).toThrow(UnsupportedConstructError);
    expect(() => modelOf({ 'main.wsdl': text })).toThrow(message);
  });

  test('a document that is only a schema generates its types', () => {
    const model = modelOf({ 'types.xsd': B_XSD }, ['types.xsd']);
    expect(model.services).toEqual([]);
    expect(model.structs.map((s) => s.name)).toEqual(['Base']);
  });
});
