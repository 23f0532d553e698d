// The whole generator over the shop fixture, stage by stage: parse, model, emit (golden files), and the
// files stage writing, checking and deleting generated output.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { emitContract, HEADER } from '../../../codegen/emit';
import { generate, generateFiles, loadModel } from '../../../codegen';
import { buildModel } from '../../../codegen/model';
import { parseXmlDocument, XmlParseError } from '../../../codegen/parse';
import { expectGolden } from '../../support/golden';

const fixture = path.join(__dirname, '..', '..', 'fixtures', 'shop');
const inRepo = (p: string) => path.relative(process.cwd(), p);
// The fixture's own dictionary: read only when named (a dictionary/ folder beside a WSDL is never read on its own).
const shopDictionary = { dictionaryDirs: [path.join(fixture, 'dictionary')] };

describe('parse stage', () => {
  test('resolves namespaces and decodes entities', () => {
    const root = parseXmlDocument('<a xmlns="urn:d" xmlns:x="urn:x"><x:b k="1&amp;2">t &lt; u</x:b></a>', 't.xml');
    expect(root).toMatchObject({ local: 'a', namespace: 'urn:d' });
    expect(root.children[0]).toMatchObject({ local: 'b', namespace: 'urn:x', attributes: { k: '1&2' }, text: 't < u' });
  });

  test.each([
    ['a DOCTYPE', '<!DOCTYPE a [<!ENTITY e "x">]><a>&e;</a>', 'DOCTYPE'],
    ['an undeclared prefix', '<p:a/>', 'undeclared namespace prefix'],
    ['broken XML', '<a><b></a>', 'not well-formed'],
  ])('refuses %s with the file name', (_label, text, message) => {
    expect(() => parseXmlDocument(text, 'bad.wsdl')).toThrow(XmlParseError);
    expect(() => parseXmlDocument(text, 'bad.wsdl')).toThrow(new RegExp(`bad.wsdl: .*${message}`));
  });
});

describe('model stage', () => {
  const model = loadModel([inRepo(path.join(fixture, 'shop.wsdl'))], shopDictionary);

  test('operation: wrappers, names, dictionary data', () => {
    expect(model.services).toHaveLength(1);
    const [order] = model.services[0]!.operations;
    expect(order).toMatchObject({
      name: 'order',
      soapAction: 'urn:order',
      requestElement: { namespace: 'urn:example:shop', local: 'order' },
      requestWrapper: { namespace: 'urn:example:shop', local: 'input' },
      responseWrapper: { namespace: 'urn:example:shop', local: 'output' },
      request: 'OrderRequest',
      response: 'OrderResponse',
      recommendedInterfaceVersion: 'SH_WS_2.1',
      category: 'payment',
      codeField: 'responseCode',
    });
  });

  test('fields: qualification, lists, enums, facets, reserved words, modules', () => {
    const request = model.structs.find((s) => s.name === 'OrderRequest')!;
    const byName = Object.fromEntries(request.fields.map((f) => [f.element, f]));
    expect(byName.amount).toMatchObject({
      name: 'amount',
      namespace: 'urn:example:shop',
      required: true,
      type: { kind: 'primitive', primitive: 'integer' },
      since: '2.0',
    });
    expect(byName.class).toMatchObject({ name: 'class', element: 'class', required: false });
    expect(byName.items).toMatchObject({
      list: { kind: 'wrapped', item: 'item', itemNamespace: 'urn:example:shop' },
      type: { kind: 'struct', name: 'Item' },
    });
    expect(byName.size).toMatchObject({ type: { kind: 'enum', name: 'Size' } });
    const item = model.structs.find((s) => s.name === 'Item')!;
    expect(item.fields[0]).toMatchObject({ facets: { maxLength: 8, pattern: '[A-Z0-9]+' } });
    const response = model.structs.find((s) => s.name === 'OrderResponse')!;
    expect(response.fields.find((f) => f.name === 'tags')).toMatchObject({ list: { kind: 'repeated' }, since: '2.1' });
    expect(model.structs.find((s) => s.name === 'Address')).toMatchObject({ module: 'shared' });
    expect(model.enums.find((e) => e.name === 'Code')!.values).toEqual([
      { value: '00', meaning: 'Accepted', outcome: 'success' },
      { value: '05', meaning: 'Refused', outcome: 'declined' },
    ]);
  });

  test('the model is plain JSON', () => {
    expect(JSON.parse(JSON.stringify(model))).toEqual(model);
  });

  test('an unsupported construct names itself and the file', () => {
    const documents = new Map([
      [
        'x.wsdl',
        parseXmlDocument(
          '<definitions xmlns="http://schemas.xmlsoap.org/wsdl/"><binding name="b"><binding ' +
            'xmlns="http://schemas.xmlsoap.org/wsdl/http/" verb="GET"/></binding></definitions>',
          'x.wsdl',
        ),
      ],
    ]);
    expect(() => buildModel({ documents, wsdls: ['x.wsdl'] })).toThrow(
      /x\.wsdl: unsupported wsdl:binding: no SOAP 1\.1 or 1\.2 binding/,
    );
  });
});

describe('emit stage', () => {
  const model = loadModel([inRepo(path.join(fixture, 'shop.wsdl'))], shopDictionary);
  const files = emitContract(model, { runtimeImport: 'sogenactif-office' });

  test('golden output for the fixture', () => {
    expect(files.map((f) => f.path)).toEqual([
      'index.ts',
      'manifest.ts',
      'shared/index.ts',
      'shared/schema.ts',
      'shared/types.ts',
      'shop/client.ts',
      'shop/index.ts',
      'shop/operations.ts',
      'shop/schema.ts',
      'shop/types.ts',
    ]);
    for (const file of files) expectGolden(`shop/${file.path}`, file.text);
  });

  test('every file starts with the do-not-edit header and ends with one newline', () => {
    for (const file of files) {
      expect(file.text.startsWith(`${HEADER}\n`)).toBe(true);
      expect(file.text.endsWith('\n') && !file.text.endsWith('\n\n')).toBe(true);
    }
  });

  test('deterministic: generating twice gives identical bytes', () => {
    const again = generateFiles(
      loadModel([inRepo(path.join(fixture, 'shop.wsdl'))], shopDictionary),
      'sogenactif-office',
    );
    expect(again).toEqual(files);
  });
});

describe('files stage: write and --check', () => {
  test('writes, detects stale and extra files, deletes only generated ones', () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'gen-'));
    const input = inRepo(path.join(fixture, 'shop.wsdl'));
    expect(generate({ ...shopDictionary, inputs: [input], outDir: out }).written).toHaveLength(10);
    expect(generate({ ...shopDictionary, inputs: [input], outDir: out, check: true })).toMatchObject({
      written: [],
      deleted: [],
      unchanged: 10,
    });
    fs.appendFileSync(path.join(out, 'shop/types.ts'), '// edited\n');
    fs.writeFileSync(path.join(out, 'shop/old.ts'), `${HEADER}\n`);
    fs.writeFileSync(path.join(out, 'shop/mine.ts'), '// hand-written\n');
    expect(generate({ ...shopDictionary, inputs: [input], outDir: out, check: true })).toMatchObject({
      written: ['shop/types.ts'],
      deleted: ['shop/old.ts'],
    });
    generate({ ...shopDictionary, inputs: [input], outDir: out });
    expect(fs.existsSync(path.join(out, 'shop/old.ts'))).toBe(false);
    expect(fs.existsSync(path.join(out, 'shop/mine.ts'))).toBe(true);
  });

  test('the committed generated/ is what wsdl/ produces', () => {
    expect(
      generate({ inputs: ['wsdl'], outDir: 'generated', runtimeImport: '../src/runtime/descriptor', check: true }),
    ).toMatchObject({ written: [], deleted: [] });
  });

  test('no committed generated line is over 120 characters', () => {
    const files = fs.readdirSync('generated', { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
    expect(files.length).toBeGreaterThan(40);
    const long = files.flatMap((f) =>
      fs
        .readFileSync(path.join('generated', f), 'utf8')
        .split('\n')
        .filter((l) => l.length > 120)
        .map((l) => `${f}: ${l}`),
    );
    expect(long).toEqual([]);
  });
});
