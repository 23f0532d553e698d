// What the generator agrees to read (issue 19, item 4): schemaLocation/location stay inside the contract's
// folder unless --allow-outside names another (generate, diff, describe), and pattern facets whose matching
// can take exponential time are refused at generation with the field named (or dropped when asked).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ContractLocationError, loadModel, UnsafePatternError } from '../../../codegen';
import { loadContract } from '../../../codegen/files';
import { run } from '../../../src/tools/cli/program';
import { captureIo } from '../../support/cli-io';

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'contract-inputs-'));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

/** A one-operation WSDL whose request has one string field `code` of the simple type given. */
function wsdl(simpleType: string, schemaImport = ''): string {
  return (
    `<?xml version="1.0"?>
<wsdl:definitions targetNamespace="urn:t" xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/"` +
    ` xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:tns="urn:t">
  <wsdl:types><xs:schema targetNamespace="urn:t" elementFormDefault="qualified">${schemaImport}
    <xs:element name="op"><xs:complexType><xs:sequence><xs:element name="code" type="tns:code"/></xs:sequence>` +
    `</xs:complexType></xs:element>
    <xs:element name="opResponse"><xs:complexType><xs:sequence><xs:element name="responseCode"` +
    ` type="xs:string"/></xs:sequence></xs:complexType></xs:element>
    ${simpleType}
  </xs:schema></wsdl:types>
  <wsdl:message name="op"><wsdl:part name="p" element="tns:op"/></wsdl:message>
  <wsdl:message name="opResponse"><wsdl:part name="p" element="tns:opResponse"/></wsdl:message>
  <wsdl:portType name="P"><wsdl:operation name="op"><wsdl:input message="tns:op"/>` +
    `<wsdl:output message="tns:opResponse"/></wsdl:operation></wsdl:portType>
  <wsdl:binding name="B" type="tns:P"><soap:binding style="document" transport="http://schemas.xmlsoap.org/soap/http"/>
    <wsdl:operation name="op"><soap:operation soapAction="op"/><wsdl:input><soap:body use="literal"/>` +
    `</wsdl:input><wsdl:output><soap:body use="literal"/></wsdl:output></wsdl:operation></wsdl:binding>
  <wsdl:service name="S"><wsdl:port name="P" binding="tns:B">` +
    `<soap:address location="http://localhost/services/v2/probe"/></wsdl:port></wsdl:service>
</wsdl:definitions>`
  );
}

/** Writes files under a fresh folder of the work area; returns the folder. */
function folder(name: string, files: Record<string, string>): string {
  const dir = path.join(work, name);
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  }
  return dir;
}

const CODE =
  '<xs:simpleType name="code"><xs:restriction base="xs:string"><xs:maxLength ' +
  'value="8"/></xs:restriction></xs:simpleType>';
const OUTSIDE_XSD =
  '<?xml version="1.0"?><xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" ' +
  'targetNamespace="urn:outside"><xs:complexType name="secret"><xs:sequence><xs:element name="x" ' +
  'type="xs:string"/></xs:sequence></xs:complexType></xs:schema>';

describe('locations stay inside the contract folder', () => {
  const outside = folder('elsewhere', { 'secret.xsd': OUTSIDE_XSD });

  test.each([
    [
      'a double-quoted ../ schemaLocation',
      `<xs:import namespace="urn:outside" schemaLocation="../elsewhere/secret.xsd"/>`,
      '../elsewhere/secret.xsd',
    ],
    [
      'a single-quoted ../ schemaLocation',
      `<xs:import namespace='urn:outside' schemaLocation='../elsewhere/secret.xsd'/>`,
      '../elsewhere/secret.xsd',
    ],
    [
      'a deep ../../ location that does not even exist',
      `<xs:include schemaLocation="../../../../etc/none.xsd"/>`,
      '../../../../etc/none.xsd',
    ],
  ])('%s is refused, naming the file and the location', (_label, schemaImport, location) => {
    const dir = folder(`c-${location.length}-${schemaImport.length}`, { 'probe.wsdl': wsdl(CODE, schemaImport) });
    const load = () => loadModel([dir], { dictionary: 'none' });
    expect(load).toThrow(ContractLocationError);
    expect(load).toThrow(`probe.wsdl: unsupported location: "${location}" leads outside the contract's folder`);
  });

  test('a symbolic link inside the folder that points outside is refused too', () => {
    const dir = folder('linked', {
      'probe.wsdl': wsdl(CODE, '<xs:import namespace="urn:outside" schemaLocation="link/secret.xsd"/>'),
    });
    fs.symlinkSync(outside, path.join(dir, 'link'));
    expect(() => loadModel([dir], { dictionary: 'none' })).toThrow(
      /unsupported location: "link\/secret\.xsd" leads outside the contract's folder/,
    );
  });

  test('--allow-outside DIR names the other folder: then it is read', () => {
    const dir = folder('allowed', {
      'probe.wsdl': wsdl(CODE, '<xs:import namespace="urn:outside" schemaLocation="../elsewhere/secret.xsd"/>'),
    });
    expect(() => loadModel([dir], { dictionary: 'none', allowOutside: [outside] })).not.toThrow();
    const read = [...loadContract([dir], { dictionary: 'none', allowOutside: [outside] }).texts.keys()];
    expect(read.some((file) => file.endsWith('elsewhere/secret.xsd'))).toBe(true);
  });

  test.each([
    ['generate', ['generate', '--wsdl', 'test/fixtures/broken/shop.wsdl', '--out', path.join(work, 'gen')]],
    ['diff', ['diff', 'test/fixtures/broken/shop.wsdl', 'test/fixtures/broken/shop.wsdl']],
    ['describe', ['describe', 'shop', '--wsdl', 'test/fixtures/broken/shop.wsdl']],
  ])('CLI %s: exit 2 with the file and the location named; 0 with --allow-outside', async (_command, args) => {
    const refused = captureIo();
    expect(await run(args, refused)).toBe(2);
    expect(JSON.parse(refused.err)).toEqual({
      error: 'UsageError',
      message: expect.stringContaining(
        `test/fixtures/broken/shop.wsdl: unsupported location: "../shop/shared.xsd" leads outside the ` +
          `contract's folder (test/fixtures/broken); copy the document into it, or name its folder with ` +
          `--allow-outside DIR`,
      ),
    });
    const allowed = captureIo();
    expect(await run([...args, '--allow-outside', 'test/fixtures/shop'], allowed)).toBe(0);
  });
});

describe('pattern facets with nested repetition', () => {
  const unsafe = (pattern: string) =>
    `<xs:simpleType name="code"><xs:restriction base="xs:string"><xs:maxLength value="40"/><xs:pattern value="` +
    `${pattern}"/></xs:restriction></xs:simpleType>`;

  test.each(['([a-z]+)+', '(a|aa)*', '(a*)*', '(?:x?){2,}'])(
    '%s is refused at generation, naming the field',
    (pattern) => {
      const dir = folder(`p-${Buffer.from(pattern).toString('hex')}`, { 'probe.wsdl': wsdl(unsafe(pattern)) });
      const load = () => loadModel([dir], { dictionary: 'none' });
      expect(load).toThrow(UnsafePatternError);
      expect(load).toThrow(`field OpRequest.code (in probe): pattern "${pattern}" is refused: the repeated group`);
    },
  );

  test('the CLI says how to go on; --drop-unsafe-patterns generates without the pattern and says so', async () => {
    const dir = folder('p-cli', { 'probe.wsdl': wsdl(unsafe('([a-z]+)+')) });
    const out = path.join(work, 'p-out');
    const refused = captureIo();
    expect(await run(['generate', '--wsdl', dir, '--out', out, '--no-dictionary'], refused)).toBe(2);
    expect(refused.err).toContain('field OpRequest.code (in probe): pattern \\"([a-z]+)+\\" is refused');
    expect(refused.err).toContain('--drop-unsafe-patterns');
    expect(fs.existsSync(out)).toBe(false);
    const dropped = captureIo();
    expect(
      await run(['generate', '--wsdl', dir, '--out', out, '--no-dictionary', '--drop-unsafe-patterns'], dropped),
    ).toBe(0);
    expect(dropped.err).toMatch(
      /^warning: probe: xs:pattern: OpRequest\.code: pattern .* dropped \(--drop-unsafe-patterns\)/m,
    );
    const schema = fs.readFileSync(path.join(out, 'probe/schema.ts'), 'utf8');
    expect(schema).toContain('maxLength: 40');
    expect(schema).not.toContain('pattern');
  });

  test('a safe pattern is kept as it was', () => {
    const dir = folder('p-safe', { 'probe.wsdl': wsdl(unsafe('[A-Z]+_WS_[0-9]+\\.[0-9]+')) });
    const model = loadModel([dir], { dictionary: 'none' });
    expect(model.structs.find((s) => s.name === 'OpRequest')!.fields[0]!.facets).toEqual({
      maxLength: 40,
      pattern: '[A-Z]+_WS_[0-9]+\\.[0-9]+',
    });
  });
});

describe('names a contract puts on the wire', () => {
  test.each([
    [
      'an element name carrying markup',
      (w: string) =>
        w.replace('name="code" type="tns:code"', 'name="code&gt;&lt;amount&gt;1&lt;/amount&gt;&lt;x" type="tns:code"'),
      /element of type .*: "code><amount>1<\/amount><x" is not an XML name/,
    ],
    [
      'an operation name that is not one path segment',
      (w: string) => w.replace(/operation name="op"/g, 'operation name="op/../../admin"'),
      /operation: "op\/\.\.\/\.\.\/admin" is not a name that can be one segment of the JSON endpoint path/,
    ],
  ])('%s is refused, naming it', (_label, edit, message) => {
    const dir = folder(`n-${String(message).length}`, { 'probe.wsdl': edit(wsdl(CODE)) });
    expect(() => loadModel([dir], { dictionary: 'none' })).toThrow(message);
  });

  test("a dictionary's JSON path that is not one path segment is refused", () => {
    const dir = folder('n-json', {
      'probe.wsdl': wsdl(CODE),
      'notes/probe.json': JSON.stringify({
        scope: 'service',
        service: 'probe',
        operations: { op: { jsonPath: '../../simulator/reset' } },
      }),
    });
    expect(() => loadModel([dir], { dictionaryDirs: [path.join(dir, 'notes')] })).toThrow(
      /JSON path of operation op: "\.\.\/\.\.\/simulator\/reset" is not one URL path segment/,
    );
  });
});
