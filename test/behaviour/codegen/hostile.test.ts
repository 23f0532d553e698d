// A hostile WSDL and a hostile dictionary (issue 19, item 4): every string they give the generator tries to end
// a string literal, a comment or a line. The output is golden, compiles under tsc --strict, and importing it
// runs nothing (a sentinel file that the payloads would create); reports and logs stay one line per entry.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';
import { generate, loadModel } from '../../../codegen';
import { describeContract, describeText } from '../../../codegen/inspect/describe';
import { diffContracts, diffMarkdown } from '../../../codegen/inspect/diff';
import { runGenerate } from '../../../codegen/run';
import { expectGolden } from '../../support/golden';

const root = path.resolve(__dirname, '..', '..', '..');
const fixture = 'test/fixtures/hostile';
const wsdl = `${fixture}/hostile.wsdl`;
const dictionary = { dictionaryDirs: [`${fixture}/dictionary`] };
const work = path.join(root, '.tmp', `hostile-${process.pid}`);
const out = path.join(work, 'out');
const PAYLOAD = "require('child_process').execSync('touch PWNED')";

/** What no well-formed report line may hold: a raw line terminator or control character other than tab. */
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029]/;

beforeAll(() => {
  fs.rmSync(work, { recursive: true, force: true });
  fs.mkdirSync(work, { recursive: true });
  generate({ ...dictionary, inputs: [wsdl], outDir: out, runtimeImport: 'sogenactif-office' });
});
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

const generatedFiles = (): string[] =>
  (fs.readdirSync(out, { recursive: true }) as string[])
    .map((f) => f.split(path.sep).join('/'))
    .filter((f) => f.endsWith('.ts'))
    .sort();

describe('generated code from a hostile contract', () => {
  test('golden output: every foreign string escaped for where it lands', () => {
    expect(generatedFiles()).toEqual([
      'hostile/client.ts',
      'hostile/index.ts',
      'hostile/operations.ts',
      'hostile/schema.ts',
      'hostile/types.ts',
      'index.ts',
      'manifest.ts',
    ]);
    for (const file of generatedFiles()) expectGolden(`hostile/${file}`, fs.readFileSync(path.join(out, file), 'utf8'));
  });

  test('it compiles under tsc --strict', () => {
    const program = ts.createProgram(
      generatedFiles().map((f) => path.join(out, f)),
      {
        strict: true,
        noEmit: true,
        target: ts.ScriptTarget.ES2022,
        module: ts.ModuleKind.CommonJS,
        moduleResolution: ts.ModuleResolutionKind.Node10,
        types: ['node'],
        skipLibCheck: true,
        baseUrl: root,
        paths: { 'sogenactif-office': ['./src/runtime/index.ts'] },
      },
    );
    expect(ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'))).toEqual(
      [],
    );
  });

  test('importing it runs nothing (no sentinel file), and each hostile string reads back exactly', () => {
    const js = path.join(work, 'js');
    for (const file of generatedFiles()) {
      const output = ts.transpileModule(fs.readFileSync(path.join(out, file), 'utf8'), {
        compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 },
      });
      fs.mkdirSync(path.dirname(path.join(js, file)), { recursive: true });
      fs.writeFileSync(path.join(js, file.replace(/\.ts$/, '.js')), output.outputText);
    }
    const probe =
      "const g = require('./index.js'); const op = g.services.hostile.operations.order; " +
      'process.stdout.write(JSON.stringify({ namespace: op.namespace, soapAction: op.soapAction, version: ' +
      'op.recommendedInterfaceVersion, kinds: Object.values(g.Kind), fields: ' +
      'g.hostileStructs.OrderRequest.fields.map((f) => f.name) }));';
    const result = spawnSync(process.execPath, ['-e', probe], { cwd: js, encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(fs.existsSync(path.join(js, 'PWNED'))).toBe(false);
    expect(fs.existsSync(path.join(root, 'PWNED'))).toBe(false);
    const read = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(read).toEqual({
      namespace: `urn:hostile:'+${PAYLOAD}+'`,
      soapAction: `urn:order'+${PAYLOAD}+'\n*/`,
      version: `2.0 */ ${PAYLOAD} /*`,
      kinds: [`A'); ${PAYLOAD}; ('`, `*/ ${PAYLOAD} /*`, 'line\nbreak\rreturn\u2028ls\u2029ps\\'],
      fields: ['amount', 'note', 'free', 'kind'],
    });
  });

  test('no comment in the output is ended or split by a foreign string', () => {
    for (const file of generatedFiles()) {
      const text = fs.readFileSync(path.join(out, file), 'utf8');
      // Scanned as TypeScript: the payload only ever appears inside comments and string literals.
      const scanner = ts.createScanner(ts.ScriptTarget.ES2022, false, ts.LanguageVariant.Standard, text);
      for (let token = scanner.scan(); token !== ts.SyntaxKind.EndOfFileToken; token = scanner.scan()) {
        if (token === ts.SyntaxKind.Identifier) expect([file, scanner.getTokenText()]).not.toEqual([file, 'require']);
      }
      expect(text).not.toMatch(/[\u2028\u2029]/);
    }
  });
});

describe('reports and logs from a hostile contract', () => {
  test('generate: each warning and undocumented entry is one escaped line', () => {
    const lines = { out: '', err: '' };
    runGenerate(
      {
        ...dictionary,
        inputs: [wsdl],
        outDir: path.join(work, 'report'),
        runtimeImport: 'sogenactif-office',
        importExtension: 'none',
        regenerateCommand: 'x',
      },
      { stdout: (t) => (lines.out += t), stderr: (t) => (lines.err += t) },
    );
    const all = `${lines.out}${lines.err}`.split('\n');
    for (const line of all) expect(line).not.toMatch(RAW_CONTROL);
    // The WSDL's broken type reference carries "\nforged: warning: all good": it stays inside its own warning line.
    expect(all.filter((l) => l.startsWith('forged'))).toEqual([]);
    expect(lines.err).toMatch(
      /^warning: .*missing\\nforged: warning: all good\\u2028require.*not found; typed as unknown$/m,
    );
  });

  test('diff (markdown): every row stays one table row of five cells', () => {
    const hostile = loadModel([wsdl], dictionary);
    const markdown = diffMarkdown(
      diffContracts({ ...hostile, services: [], structs: [], enums: [] }, hostile),
      `from x to ${wsdl}\n# forged`,
    );
    const rows = markdown.split('\n').filter((l) => l.startsWith('|'));
    expect(rows.length).toBeGreaterThan(2);
    for (const line of markdown.split('\n')) {
      expect(line).not.toMatch(RAW_CONTROL);
      expect(line.startsWith('# forged')).toBe(false);
    }
    // Five cells: six pipes that no backslash escapes.
    for (const row of rows) expect(row.replace(/\\./g, '').split('|')).toHaveLength(7);
  });

  test('describe (text): one line per entry, controls escaped', () => {
    const text = describeText(describeContract(loadModel([wsdl], dictionary), 'hostile.order'), true);
    for (const line of text.split('\n')) expect(line).not.toMatch(RAW_CONTROL);
    expect(text.split('\n').filter((l) => l.startsWith('forged'))).toEqual([]);
  });
});

describe('a dictionary beside the WSDLs', () => {
  test('is not read unless named: the hostile dictionary changes nothing, and a note says how to apply it', () => {
    const plain = loadModel([wsdl]);
    expect(plain.services[0]!.operations[0]!.recommendedInterfaceVersion).toBeUndefined();
    expect(plain.services[0]!.description).toBeUndefined();
    expect(loadModel([wsdl], dictionary).services[0]!.operations[0]!.recommendedInterfaceVersion).toBe(
      `2.0 */ ${PAYLOAD} /*`,
    );
    const lines = { out: '', err: '' };
    runGenerate(
      {
        inputs: [fixture],
        outDir: path.join(work, 'plain'),
        runtimeImport: 'sogenactif-office',
        importExtension: 'none',
        regenerateCommand: 'x',
        printModel: true,
      },
      { stdout: (t) => (lines.out += t), stderr: (t) => (lines.err += t) },
    );
    expect(lines.err).toBe(
      `note: ${fixture}/dictionary/ beside the WSDLs is not read: pass --dictionary ${fixture}` +
        `/dictionary to apply it\n`,
    );
    // Nothing of the dictionary reached the model (its texts start "Hostile service", "Orders.", "2.0 */").
    for (const text of ['Hostile service', 'Orders.', '2.0 */']) expect(lines.out).not.toContain(text);
  });

  test("the packaged contract's own dictionary still applies to wsdl/", () => {
    const model = loadModel(['wsdl']);
    expect(
      model.services.find((s) => s.name === 'checkout')!.operations.find((o) => o.name === 'cardOrder')!
        .recommendedInterfaceVersion,
    ).toMatch(/^IR_WS_2\.\d+$/);
  });
});
