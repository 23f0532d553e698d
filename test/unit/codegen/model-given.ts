// Given-side helpers of the model tests: a one-operation document/literal WSDL around a schema, and the
// model of in-memory documents (no disk), with lookups that fail naming what exists.
import type { ContractModel, FieldModel, OperationModel, StructModel } from '../../../codegen/ir';
import { buildModel } from '../../../codegen/model';
import { parseXmlDocument } from '../../../codegen/parse';

export const WSDL_NS =
  'xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/" xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/" ' +
  'xmlns:xs="http://www.w3.org/2001/XMLSchema"';

const DEFAULT_BINDING =
  '<wsdl:binding name="b" type="tns:pt"><soap:binding style="document" ' +
  'transport="http://schemas.xmlsoap.org/soap/http"/><wsdl:operation name="op"><soap:operation ' +
  'soapAction="urn:op"/></wsdl:operation></wsdl:binding>';

/** A document/literal WSDL with one operation `op` whose input is element tns:req and output tns:res. */
export function wsdl(
  schemas: string,
  options: { tns?: string; extra?: string; binding?: string; input?: string; output?: string | null } = {},
): string {
  const tns = options.tns ?? 'urn:a';
  const output = options.output === null ? '' : `<wsdl:output message="tns:out"/>`;
  return (
    `<wsdl:definitions ${WSDL_NS} xmlns:tns="${tns}" targetNamespace="${tns}">
  <wsdl:types>${schemas}</wsdl:types>
  <wsdl:message name="in">${options.input ?? '<wsdl:part name="p" element="tns:req"/>'}</wsdl:message>
  <wsdl:message name="out">${options.output ?? '<wsdl:part name="p" element="tns:res"/>'}</wsdl:message>
  <wsdl:portType name="pt"><wsdl:operation name="op"><wsdl:input message="tns:in"/>${output}</wsdl:operation>` +
    `</wsdl:portType>
  ${options.binding ?? DEFAULT_BINDING}
  <wsdl:service name="s"><wsdl:port name="p" binding="tns:b"><soap:address location="http://localhost/x"/>` +
    `</wsdl:port></wsdl:service>
  ${options.extra ?? ''}
</wsdl:definitions>`
  );
}

export function modelOf(files: Record<string, string>, wsdls = ['main.wsdl']): ContractModel {
  const documents = new Map(Object.entries(files).map(([name, text]) => [name, parseXmlDocument(text, name)]));
  return buildModel({ documents, wsdls });
}
export const struct = (model: ContractModel, name: string): StructModel => {
  const found = model.structs.find((s) => s.name === name);
  if (!found) throw new Error(`no struct ${name} in ${model.structs.map((s) => s.name).join(', ')}`);
  return found;
};
export const field = (model: ContractModel, structName: string, fieldName: string): FieldModel => {
  const found = struct(model, structName).fields.find((f) => f.name === fieldName);
  if (!found) throw new Error(`no field ${structName}.${fieldName}`);
  return found;
};
export const operation = (model: ContractModel): OperationModel => model.services[0]!.operations[0]!;

/** A second schema (urn:b, qualified): a base type, a group, a global element and a global attribute. */
export const B_XSD =
  `<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:b="urn:b"` +
  ` targetNamespace="urn:b" elementFormDefault="qualified">
  <xs:complexType name="Base"><xs:sequence><xs:element name="inherited" type="xs:string"/></xs:sequence>` +
  `</xs:complexType>
  <xs:group name="g"><xs:sequence><xs:element name="grouped" type="xs:string"/></xs:sequence></xs:group>
  <xs:element name="global" type="xs:string"/>
  <xs:attribute name="globalAttr" type="xs:string"/>
</xs:schema>`;
