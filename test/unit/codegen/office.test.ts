// office.ts: the rule that says whether a WSDL is a Sips Office contract, and what follows from it: the dictionary,
// conventions and /services/v2 routing for Office contracts only; a foreign WSDL keeps its own text and address.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadModel } from '../../../codegen';
import { operationFields } from '../../../codegen/descriptors';
import { mergeDictionaries } from '../../../codegen/dictionary';
import type { DictionaryFile, ServiceModel } from '../../../codegen/ir';
import { recogniseOffice } from '../../../codegen/office';
import { addressUrl } from '../../../src/runtime/endpoints';

const overlay = mergeDictionaries(
  fs
    .readdirSync('wsdl/dictionary')
    .filter((f) => f.endsWith('.json'))
    .map((f) => JSON.parse(fs.readFileSync(path.join('wsdl/dictionary', f), 'utf8')) as DictionaryFile),
);
const service = (name: string, namespace: string, location?: string, operations: string[] = []): ServiceModel => ({
  kind: 'service',
  name,
  source: `${name}.wsdl`,
  namespace,
  soapVersion: '1.1',
  ...(location ? { location } : {}),
  operations: operations.map((op) => ({
    kind: 'operation',
    name: op,
    identifier: op,
    soapAction: '',
    soapVersion: '1.1',
    requestElement: { namespace, local: op },
    request: 'R',
    category: 'write',
  })),
});

describe('the recognition rule (first match wins)', () => {
  test.each<[string, ServiceModel, boolean, RegExp]>([
    [
      '1. an Office target namespace',
      service('anything', 'urn:sips:cn:contract:office:mandate:v2'),
      true,
      /target namespace urn:sips:cn:contract:office:mandate:v2 is urn:sips:cn:contract:office:\*/,
    ],
    [
      '2. an address /services/v2/<an Office service>',
      service('x', 'urn:other', 'https://proxy.example/services/v2/cashManagement'),
      true,
      /address .* is \/services\/v2\/cashManagement, an Office service/,
    ],
    [
      '3. an Office service name and most of its operations',
      service('wallet', 'urn:other', undefined, ['getWalletData', 'addCard', 'somethingElse']),
      true,
      /service wallet and 2 of its 3 operation\(s\) are Office's/,
    ],
    [
      'an address /services/v2/<unknown> is not enough',
      service('vm', 'urn:other', 'https://cloud.example/services/v2/vm'),
      false,
      /address https:\/\/cloud.example\/services\/v2\/vm is not \/services\/v2\/<Office service>/,
    ],
    [
      'an Office name with foreign operations is not enough',
      service('wallet', 'urn:other', undefined, ['setBootOrder', 'reboot', 'getWalletData']),
      false,
      /fewer than half of its operations are wallet's/,
    ],
    [
      'anything else is foreign',
      service('inventory', 'http://example.com/inventory'),
      false,
      new RegExp(
        String.raw`target namespace http:\/\/example.com\/inventory is not urn:sips:cn:contract:office:\*; no` +
          String.raw` soap:address; inventory is not an Office service name`,
      ),
    ],
  ])('%s', (_label, given, office, reason) => {
    const decided = recogniseOffice(given, overlay);
    expect(decided.office).toBe(office);
    expect(decided.reason).toMatch(reason);
  });
});

/**
 * A one-operation WSDL with an `amount` field (described by the Office dictionary) and a name the conventions call a
 * payment.
 */
const wsdl = (namespace: string, location: string): string =>
  `<?xml version="1.0"?>
<wsdl:definitions xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/"` +
  ` xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/" xmlns:xs="http://www.w3.org/2001/XMLSchema"` +
  ` xmlns:tns="${namespace}" targetNamespace="${namespace}">
  <wsdl:types><xs:schema targetNamespace="${namespace}" elementFormDefault="qualified">
    <xs:element name="cardOrder"><xs:complexType><xs:sequence><xs:element name="amount" type="xs:decimal"/>` +
  `</xs:sequence></xs:complexType></xs:element>
    <xs:element name="cardOrderResponse"><xs:complexType><xs:sequence><xs:element name="responseCode"` +
  ` type="xs:string"/></xs:sequence></xs:complexType></xs:element>
  </xs:schema></wsdl:types>
  <wsdl:message name="in"><wsdl:part name="p" element="tns:cardOrder"/></wsdl:message>
  <wsdl:message name="out"><wsdl:part name="p" element="tns:cardOrderResponse"/></wsdl:message>
  <wsdl:portType name="pt"><wsdl:operation name="cardOrder"><wsdl:input message="tns:in"/>` +
  `<wsdl:output message="tns:out"/></wsdl:operation></wsdl:portType>
  <wsdl:binding name="b" type="tns:pt"><soap:binding style="document" transport="http://schemas.xmlsoap.org/soap/http"/>
    <wsdl:operation name="cardOrder"><soap:operation soapAction="urn:cardOrder"/><wsdl:input>` +
  `<soap:body use="literal"/></wsdl:input><wsdl:output><soap:body use="literal"/></wsdl:output>` +
  `</wsdl:operation></wsdl:binding>
  <wsdl:service name="s"><wsdl:port name="p" binding="tns:b"><soap:address location="${location}"/></wsdl:port>` +
  `</wsdl:service>
</wsdl:definitions>`;

describe('what follows from the decision', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'office-'));
    fs.writeFileSync(
      path.join(dir, 'foreign.wsdl'),
      wsdl('http://shop.example.com/orders', 'https://shop.example.com/soap/orders'),
    );
    fs.mkdirSync(path.join(dir, 'office'));
    fs.writeFileSync(
      path.join(dir, 'office', 'orders.wsdl'),
      wsdl('urn:sips:cn:contract:office:orders:v2', 'https://office-server.sogenactif.com/services/v2/orders'),
    );
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test(
    'a foreign WSDL: no Sogenactif text, kind, code field or since-version; its own address; the decision says ' +
      'why',
    () => {
      const model = loadModel([path.join(dir, 'foreign.wsdl')]);
      const service = model.services[0]!;
      const amount = model.structs.find((s) => s.name === 'CardOrderRequest')!.fields[0]!;
      expect(amount).not.toHaveProperty('description');
      expect(amount).not.toHaveProperty('since');
      expect(service.operations[0]).toMatchObject({ category: 'write' });
      expect(service.operations[0]).not.toHaveProperty('codeField');
      expect(operationFields(service, service.operations[0]!).address).toBe('https://shop.example.com/soap/orders');
      expect(model.decisions).toEqual([
        expect.objectContaining({
          service: 'foreign',
          office: false,
          dictionary: false,
          reason: expect.stringContaining('calls go to its soap:address https://shop.example.com/soap/orders'),
        }),
      ]);
    },
  );

  test('an Office WSDL: the dictionary and conventions apply, calls go to /services/v2/<service>', () => {
    const model = loadModel([path.join(dir, 'office', 'orders.wsdl')]);
    const service = model.services[0]!;
    expect(model.structs.find((s) => s.name === 'CardOrderRequest')!.fields[0]!.description).toMatch(
      /EUR 10.50 is sent as 1050/,
    );
    expect(service.operations[0]).toMatchObject({ category: 'payment', codeField: 'responseCode' });
    expect(operationFields(service, service.operations[0]!)).not.toHaveProperty('address');
    expect(model.decisions).toEqual([expect.objectContaining({ office: true, dictionary: true })]);
  });

  test('--dictionary applies a dictionary to a foreign WSDL too, which still keeps its address', () => {
    const model = loadModel([path.join(dir, 'foreign.wsdl')], { dictionaryDirs: ['wsdl/dictionary'] });
    const service = model.services[0]!;
    expect(model.structs.find((s) => s.name === 'CardOrderRequest')!.fields[0]!.description).toMatch(/EUR 10.50/);
    expect(model.decisions).toEqual([
      expect.objectContaining({
        office: false,
        dictionary: true,
        reason: expect.stringContaining('dictionary applied because --dictionary was given'),
      }),
    ]);
    expect(operationFields(service, service.operations[0]!).address).toBe('https://shop.example.com/soap/orders');
  });

  test('a foreign and an Office WSDL together: each type is described only when an Office operation reaches it', () => {
    const model = loadModel([path.join(dir, 'foreign.wsdl'), path.join(dir, 'office', 'orders.wsdl')]);
    const described = [
      ...new Set(model.structs.filter((s) => s.fields.some((f) => f.description)).map((s) => s.module)),
    ];
    expect(described).toEqual(['orders']);
  });
});

describe('addressUrl: where a foreign operation is sent', () => {
  test.each([
    ['TEST', 'https://shop.example.com/soap/orders?wsdl=1', 'https://shop.example.com/soap/orders?wsdl=1'],
    ['PROD', 'https://shop.example.com/soap/orders', 'https://shop.example.com/soap/orders'],
    ['http://127.0.0.1:8080', 'https://shop.example.com/soap/orders', 'http://127.0.0.1:8080/soap/orders'],
    ['https://proxy.example/base/', 'https://shop.example.com/soap/orders', 'https://proxy.example/base/soap/orders'],
  ])('%s + %s', (environment, address, want) => {
    expect(addressUrl(environment, address)).toBe(want);
  });
});
