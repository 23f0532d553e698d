// The conformance tooling's own parts (tools/conformance/): node-soap's JSON conventions both ways, the
// quirk allowances of the comparison, the schema set handed to xmllint, and the skip without a corpus.
// The run over the corpus itself is `make conformance` (also part of `make test`).
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseXmlDocument } from '../../codegen/parse';
import type { SchemaTables } from '../../src/runtime/descriptor';
import { conventionsOf } from '../../tools/conformance/corpus';
import {
  compareWithNodeSoap,
  fromNodeSoap,
  toNodeSoap,
  UnsupportedSampleError,
  type QuirkId,
} from '../../tools/conformance/node-soap-json';
import { serializeElement, validate, writeSchemaSet } from '../../tools/conformance/xsd';

const schema: SchemaTables = {
  structs: {
    Req: {
      fields: [
        { name: 'count', type: 'integer' },
        { name: 'flag', type: 'boolean' },
        { name: 'label', type: 'string' },
        { name: 'items', type: { struct: 'Item' }, list: { item: 'item' } },
        { name: 'tags', type: 'string', list: 'repeated' },
        { name: 'price', type: { struct: 'Price' } },
      ],
    },
    Item: { fields: [{ name: 'sku', type: 'string' }] },
    Price: {
      fields: [
        { name: '$value', text: true, type: 'decimal', required: true },
        { name: 'currency', attribute: true, type: 'string' },
        { name: 'vat', attribute: true, type: 'boolean' },
      ],
    },
  },
  enums: {},
};
const conventions = conventionsOf({});

describe("node-soap's request.json to our typed request", () => {
  test.each<[string, unknown, unknown, QuirkId[]]>([
    [
      'scalars typed from the schema',
      { count: '3', flag: 'true', label: 12 },
      { count: 3, flag: true, label: '12' },
      [],
    ],
    [
      'a list wrapper unwrapped, a lone item made a list',
      { items: { item: { sku: 'a' } }, tags: 'x' },
      { items: [{ sku: 'a' }], tags: ['x'] },
      [],
    ],
    [
      'attributes and $value',
      { price: { attributes: { currency: 'EUR', vat: 'false' }, $value: 10.5 } },
      { price: { $value: '10.5', currency: 'EUR', vat: false } },
      [],
    ],
    ['prefixed keys', { 'tns:label': 'x' }, { label: 'x' }, ['prefixedKeys']],
    [
      'xsi_type hints are noted and dropped',
      { price: { attributes: { xsi_type: { type: 'Price' } }, $value: 1 } },
      { price: { $value: '1' } },
      ['xsiTypeHints'],
    ],
    ['undeclared keys are passed on for our validation to name', { other: 1 }, { other: 1 }, []],
  ])('%s', (_label, given, want, wantQuirks) => {
    const quirks = new Set<QuirkId>();
    expect(fromNodeSoap(given, schema.structs.Req!, schema, conventions, quirks)).toEqual(want);
    expect([...quirks]).toEqual(wantQuirks);
  });

  test('raw XML ($xml) at any depth is not supported', () => {
    expect(() =>
      fromNodeSoap({ price: { $xml: '<x/>' } }, schema.structs.Req!, schema, conventions, new Set()),
    ).toThrow(UnsupportedSampleError);
  });

  test('renamed keys (attributesKey, valueKey options)', () => {
    const renamed = conventionsOf({ attributesKey: '$attributes', valueKey: 'v' });
    expect(
      fromNodeSoap(
        { price: { $attributes: { currency: 'X' }, v: 1 } },
        schema.structs.Req!,
        schema,
        renamed,
        new Set(),
      ),
    ).toEqual({ price: { $value: '1', currency: 'X' } });
  });
});

describe("our typed reply in node-soap's shape", () => {
  test.each<[string, unknown, unknown]>([
    [
      'list wrappers restored, attributes grouped',
      { items: [{ sku: 'a' }], price: { $value: '1', currency: 'EUR' } },
      { items: { item: [{ sku: 'a' }] }, price: { attributes: { currency: 'EUR' }, $value: '1' } },
    ],
    ['simple content without attributes is a bare value', { price: { $value: '1' } }, { price: '1' }],
    [
      'untyped content: $attributes and $value renamed',
      { other: { $attributes: { k: 'v' }, $value: 't' } },
      { other: { attributes: { k: 'v' }, $value: 't' } },
    ],
  ])('%s', (_label, given, want) => {
    expect(toNodeSoap(given, schema.structs.Req, schema, conventions)).toEqual(want);
  });
});

describe("comparison with node-soap's response.json, naming each quirk it allows for", () => {
  test.each<[string, unknown, unknown, QuirkId[]]>([
    ['equal', { a: 'x' }, { a: 'x' }, []],
    ['whitespace node-soap trimmed', { a: '\n  x \n' }, { a: 'x' }, ['trimmedText']],
    ['a lone occurrence node-soap did not make a list', { a: ['x'] }, { a: 'x' }, ['singleNotArray']],
    ['a number node-soap left as text', { a: 3 }, { a: '3' }, ['textForNumbers']],
    [
      'an attribute node-soap left as text',
      { attributes: { on: true } },
      { attributes: { on: 'true' } },
      ['attributesAsText'],
    ],
    [
      'a date node-soap turned into a Date',
      { a: '2014-06-19T19:04:12-07:00' },
      { a: '2014-06-20T02:04:12.000Z' },
      ['datesAsDate'],
    ],
    [
      'xsi:type and friends node-soap keeps',
      { a: 'x' },
      { a: { attributes: { 'xsi:type': 'xsd:string' }, $value: 'x' } },
      ['foreignAttributes'],
    ],
    ['an empty element node-soap calls null', { a: {} }, { a: null }, ['emptyAsObject']],
    [
      'xsi:nil node-soap returns as an object',
      { a: null },
      { a: { attributes: { 'xsi:nil': 'true' } } },
      ['nilAsObject'],
    ],
  ])('%s', (_label, ours, theirs, wantQuirks) => {
    const quirks = new Set<QuirkId>();
    expect(compareWithNodeSoap(ours, theirs, conventions, quirks)).toBeUndefined();
    expect([...quirks]).toEqual(wantQuirks);
  });

  test.each<[string, unknown, unknown, string]>([
    ['a different value', { a: 'x' }, { a: 'y' }, '.a: "x" here, "y" in node-soap\'s'],
    ['a missing field', { a: 'x' }, { a: 'x', b: 'y' }, '.b: missing here, node-soap has "y"'],
    ['an extra field', { a: 'x', b: 'y' }, { a: 'x' }, '.b: "y" here, missing in node-soap\'s'],
    ['a list of another length', { a: ['x', 'y'] }, { a: ['x'] }, ".a: 2 items here, 1 in node-soap's"],
    [
      'whitespace when node-soap was told to preserve it',
      { a: ' x' },
      { a: 'x' },
      '.a: " x" here, "x" in node-soap\'s',
    ],
  ])('reports %s', (_label, ours, theirs, want) => {
    const keep = _label.includes('preserve') ? conventionsOf({ preserveWhitespace: true }) : conventions;
    expect(compareWithNodeSoap(ours, theirs, keep, new Set())).toBe(want);
  });
});

describe('the schema set handed to xmllint', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xsd-test-'));
  const write = (name: string, text: string): string => {
    fs.writeFileSync(path.join(dir, name), text);
    return path.relative(process.cwd(), path.join(dir, name)).split(path.sep).join('/');
  };

  test('serializes an element with the namespaces in scope, declaring conventional prefixes used undeclared', () => {
    const root = parseXmlDocument(
      '<a xmlns="urn:d" xmlns:p="urn:p"><p:b x="1&amp;2"><xs:element type="xsd:string"/></p:b></a>',
      't.xml',
    );
    expect(serializeElement(root.children[0]!)).toBe(
      '<p:b xmlns="urn:d" xmlns:p="urn:p" x="1&amp;2"><xs:element xmlns:xs="http://www.w3.org/2001/XMLSchema" ' +
        'xmlns:xsd="http://www.w3.org/2001/XMLSchema" type="xsd:string"/></p:b>',
    );
  });

  test(
    'an inline schema importing an XSD under the wrong namespace: repaired, listed, and it validates what it ' +
      'should',
    () => {
      const xsd = write(
        'common.xsd',
        '<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:c" ' +
          'elementFormDefault="qualified"><xs:complexType name="T"><xs:sequence><xs:element name="v" ' +
          'type="xs:int"/></xs:sequence></xs:complexType></xs:schema>',
      );
      const wsdl = write(
        'x.wsdl',
        '<wsdl:definitions xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/" ' +
          'xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:c="urn:c"><wsdl:types><xs:schema ' +
          'targetNamespace="urn:a" xmlns:c="urn:c"><xs:import namespace="common.xsd" ' +
          'schemaLocation="common.xsd"/><xs:element name="e" ' +
          'type="c:T"/></xs:schema></wsdl:types></wsdl:definitions>',
      );
      const documents = new Map(
        [wsdl, xsd].map((file) => [file, parseXmlDocument(fs.readFileSync(file, 'utf8'), file)]),
      );
      const set = writeSchemaSet(wsdl, documents, path.join(dir, 'set'));
      expect(set.repairs).toEqual(["xs:import namespace= set to the imported document's targetNamespace"]);
      const good = write('good.xml', '<a:e xmlns:a="urn:a"><c:v xmlns:c="urn:c">1</c:v></a:e>');
      const bad = write('bad.xml', '<a:e xmlns:a="urn:a"><v>1</v></a:e>');
      expect(validate(set.driver, [good])).toMatchObject({ valid: true });
      expect(validate(set.driver, [bad])).toMatchObject({ valid: false, schemaBroken: false });
    },
  );
});

test('without the corpus the run says it skipped, and succeeds', () => {
  const output = execFileSync(
    process.execPath,
    ['scripts/ts-run.js', 'tools/conformance/main.ts', '--corpus', path.join(os.tmpdir(), 'no-corpus-here')],
    { encoding: 'utf8' },
  );
  expect(output).toMatch(/^conformance: SKIPPED: no node-soap corpus at .*no-corpus-here/);
});
