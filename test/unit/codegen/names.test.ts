// Naming: valid, stable TypeScript names whatever the schema calls things.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as ts from 'typescript';
import { emitContract } from '../../../codegen/emit';
import { buildModel } from '../../../codegen/model';
import { assignNames, pascalCase, RUNTIME_NAMES, safeIdentifier, type NameHint } from '../../../codegen/names';
import { parseXmlDocument } from '../../../codegen/parse';
import { expectGolden } from '../../support/golden';

describe('identifiers', () => {
  test.each([
    ['class', 'class_'],
    ['delete', 'delete_'],
    ['Promise', 'Promise_'],
    ['__proto__', '__proto___'],
    ['3DSecure', '_3DSecure'],
    ['my-op.v2', 'my_op_v2'],
    ['', '_'],
    ['naïve', 'na_ve'],
  ])('safeIdentifier(%j) is %j', (given, want) => {
    expect(safeIdentifier(given)).toBe(want);
  });

  test.each([
    ['order', 'Order'],
    ['get-order_item', 'GetOrderItem'],
    ['3ds', '3ds'],
    ['Enums.FareFilterMethodType', 'EnumsFareFilterMethodType'],
  ])('pascalCase(%j) is %j', (given, want) => {
    expect(pascalCase(given)).toBe(want);
  });
});

describe('assignNames: contested names', () => {
  const hints = (entries: [string, NameHint][]): Map<string, NameHint[]> =>
    new Map(entries.map(([key, hint]) => [key, [hint]]));
  test.each<[string, [string, NameHint][], Record<string, string>]>([
    [
      'case-only difference: the code-unit-first spelling keeps the name',
      [
        ['{a}foo', { priority: 1, base: 'Foo' }],
        ['{a}Foo', { priority: 1, base: 'Foo' }],
      ],
      { '{a}Foo': 'Foo', '{a}foo': 'Foo2' },
    ],
    [
      'case-only difference between two names',
      [
        ['{a}fooBar', { priority: 1, base: 'FooBar' }],
        ['{a}foobar', { priority: 1, base: 'Foobar' }],
      ],
      { '{a}fooBar': 'FooBar', '{a}foobar': 'Foobar2' },
    ],
    [
      'a named type wins over an element of the same name with an anonymous type',
      [
        ['{a}Foo#element', { priority: 2, base: 'Foo' }],
        ['{a}Foo', { priority: 1, base: 'Foo' }],
      ],
      { '{a}Foo': 'Foo', '{a}Foo#element': 'Foo2' },
    ],
    [
      "an operation's request wins over a type of that name",
      [
        ['{a}OpRequest', { priority: 1, base: 'OpRequest' }],
        ['x#op#Request', { priority: 0, base: 'OpRequest' }],
      ],
      { 'x#op#Request': 'OpRequest', '{a}OpRequest': 'OpRequest2' },
    ],
    [
      "a schema's own Foo2 keeps its name: losers are suffixed after every exact name is granted",
      [
        ['{a}Foo', { priority: 1, base: 'Foo' }],
        ['{a}Foo#element', { priority: 2, base: 'Foo' }],
        ['{a}Foo2', { priority: 1, base: 'Foo2' }],
      ],
      { '{a}Foo': 'Foo', '{a}Foo2': 'Foo2', '{a}Foo#element': 'Foo3' },
    ],
    [
      'names starting with a digit and reserved words',
      [
        ['{a}3ds', { priority: 1, base: '3ds' }],
        ['{a}Date', { priority: 1, base: 'Date' }],
      ],
      { '{a}3ds': '_3ds', '{a}Date': 'Date_' },
    ],
    [
      'runtime names are never given to a type',
      [
        ['{a}Invoke', { priority: 1, base: 'Invoke' }],
        ['{a}CallOptions', { priority: 1, base: 'CallOptions' }],
      ],
      { '{a}Invoke': 'Invoke2', '{a}CallOptions': 'CallOptions2' },
    ],
  ])('%s', (_label, given, want) => {
    expect(Object.fromEntries(assignNames(hints(given), RUNTIME_NAMES))).toEqual(want);
  });

  test("an anonymous type is named after its owner's best name, even when the owner gets no name itself", () => {
    const given = new Map<string, NameHint[]>([
      [
        '{a}T',
        [
          { priority: 1, base: 'T' },
          { priority: 0, base: 'OpRequest' },
        ],
      ],
      ['{a}T/child', [{ priority: 3, base: 'Child', owner: '{a}T' }]],
      ['{a}Base/data', [{ priority: 3, base: 'Data', owner: '{a}Base' }]],
    ]);
    const owners = new Map<string, NameHint[]>([['{a}Base', [{ priority: 1, base: 'Base' }]]]);
    expect(Object.fromEntries(assignNames(given, [], owners))).toEqual({
      '{a}T': 'OpRequest',
      '{a}T/child': 'OpRequestChild',
      '{a}Base/data': 'BaseData',
    });
  });

  test('stable: the order types were reached in changes nothing', () => {
    const entries: [string, NameHint][] = [
      ['{a}foo', { priority: 1, base: 'Foo' }],
      ['{b}Foo', { priority: 1, base: 'Foo' }],
      ['{a}Foo#element', { priority: 2, base: 'Foo' }],
      ['{a}Bar', { priority: 1, base: 'Bar' }],
      ['{a}Bar/foo', { priority: 3, base: 'Foo', owner: '{a}Bar' }],
      ['{a}barFoo', { priority: 1, base: 'BarFoo' }],
      ['{a}Bar/foo/x', { priority: 3, base: 'X', owner: '{a}Bar/foo' }],
    ];
    const forward = assignNames(hints(entries));
    const backward = assignNames(hints([...entries].reverse()));
    expect(Object.fromEntries(backward)).toEqual(Object.fromEntries(forward));
  });
});

describe('a contract full of collisions generates valid TypeScript', () => {
  const fixture = path.join(__dirname, '..', '..', 'fixtures', 'collisions');
  const documents = new Map(
    fs
      .readdirSync(fixture)
      .map((file) => [`collisions/${file}`, parseXmlDocument(fs.readFileSync(path.join(fixture, file), 'utf8'), file)]),
  );
  const model = buildModel({ documents, wsdls: ['collisions/collisions.wsdl'] });
  const files = emitContract(model, { runtimeImport: 'sogenactif-office' });

  test('golden output', () => {
    for (const file of files) expectGolden(`collisions/${file.path}`, file.text);
  });

  test('it compiles under --strict (with noUnusedLocals)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'collisions-'));
    for (const file of files) {
      fs.mkdirSync(path.dirname(path.join(dir, file.path)), { recursive: true });
      // The runtime types come from the package: point the import at the source.
      fs.writeFileSync(
        path.join(dir, file.path),
        file.text.replace(
          /'sogenactif-office'/g,
          `'${path.resolve('src/runtime/descriptor').split(path.sep).join('/')}'`,
        ),
      );
    }
    const program = ts.createProgram({
      rootNames: files.map((f) => path.join(dir, f.path)),
      options: {
        strict: true,
        noEmit: true,
        noUnusedLocals: true,
        target: ts.ScriptTarget.ES2022,
        module: ts.ModuleKind.CommonJS,
        types: ['node'],
        skipLibCheck: true,
      },
    });
    const diagnostics = ts
      .getPreEmitDiagnostics(program)
      .map((d) => `${d.file?.fileName ?? ''}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`);
    expect(diagnostics).toEqual([]);
  });
});
