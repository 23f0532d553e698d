// scripts/esm-entry.js, the ESM file the build writes beside a CommonJS entry: every name of the CommonJS entry is a
// named export of it, with the same value, the entry itself its default; the generated values (getters that load
// their modules) are not read at import, and their stand-ins behave as the objects once used. Run in a child process.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

const { writeEsmEntry } = require('../../scripts/esm-entry.js') as {
  writeEsmEntry: (entry: string, generatedNames: Set<string>) => number;
};

// A CommonJS entry as the runtime's: plain values, and generated ones defined as getters that record their load.
const ENTRY =
  '"use strict";\nconst loads = (globalThis.loads = []);\n' +
  'exports.plain = { a: 1 };\nexports.SomeError = class SomeError extends Error {};\nexports.count = 3;\n' +
  'exports.inc = (x) => x + 1;\nlet colour;\n' +
  'Object.defineProperty(exports, "Colour", { enumerable: true, configurable: true, get: () => {\n' +
  '  loads.push("Colour");\n' +
  '  colour ??= Object.freeze(Object.assign(Object.create({ inherited: 1 }), { RED: "RED", BLUE: "BLUE" }));\n' +
  '  return colour;\n' +
  '} });\n' +
  'Object.defineProperty(exports, "createThing", { enumerable: true, configurable: true, get: () => {\n' +
  '  loads.push("createThing");\n  return (n) => ({ n });\n} });\n';

const CHECK = `
import { createRequire } from 'node:module';
const esm = await import(ENTRY_URL);
const atImport = [...globalThis.loads];
const cjs = createRequire(ENTRY_FILE)(ENTRY_FILE);
const names = Object.keys(cjs);
const caught = (f) => { try { f(); return 'no error'; } catch (e) { return e.constructor.name; } };
console.log(JSON.stringify({
  atImport,
  missing: names.filter((name) => !(name in esm)),
  extra: Object.keys(esm).filter((name) => name !== 'default' && !names.includes(name)),
  same: ['plain', 'SomeError', 'count', 'inc'].filter((name) => esm[name] === cjs[name]),
  isDefault: esm.default === cjs,
  colour: {
    red: esm.Colour.RED,
    keys: Object.keys(esm.Colour),
    json: JSON.stringify(esm.Colour),
    has: ['BLUE' in esm.Colour, 'GREEN' in esm.Colour],
    inherited: esm.Colour.inherited,
    descriptor: Object.getOwnPropertyDescriptor(esm.Colour, 'RED'),
    write: caught(() => { esm.Colour.RED = 'x'; }),
    remove: caught(() => { delete esm.Colour.RED; }),
    define: caught(() => Object.defineProperty(esm.Colour, 'GREEN', { value: 'GREEN' })),
    after: esm.Colour.RED,
  },
  thing: esm.createThing(2),
  loads: globalThis.loads,
}));
`;

describe('writeEsmEntry', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'esm-entry-test-'));
  const entry = path.join(dir, 'index.js');
  fs.writeFileSync(entry, ENTRY);
  const count = writeEsmEntry(entry, new Set(['Colour', 'createThing']));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const got = JSON.parse(
    execFileSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        CHECK.replace('ENTRY_URL', JSON.stringify(pathToFileURL(entry.replace(/\.js$/, '.mjs')).href)).replace(
          /ENTRY_FILE/g,
          JSON.stringify(entry),
        ),
      ],
      { encoding: 'utf8' },
    ),
  );

  test('exports every name of the CommonJS entry, plain values the same, and the entry as its default', () => {
    expect(count).toBe(6);
    expect(got.missing).toEqual([]);
    expect(got.extra).toEqual([]);
    expect(got.same).toEqual(['plain', 'SomeError', 'count', 'inc']);
    expect(got.isDefault).toBe(true);
  });

  test('reads no generated value at import; each is read on its first use', () => {
    expect(got.atImport).toEqual([]);
    expect(got.loads).toEqual(['Colour', 'createThing']);
  });

  test("a generated object's stand-in reads as the object and cannot be changed", () => {
    expect(got.colour).toEqual({
      red: 'RED',
      keys: ['RED', 'BLUE'],
      json: '{"RED":"RED","BLUE":"BLUE"}',
      has: [true, false],
      inherited: 1,
      descriptor: { value: 'RED', writable: false, enumerable: true, configurable: true },
      write: 'TypeError',
      remove: 'TypeError',
      define: 'TypeError',
      after: 'RED',
    });
    expect(got.thing).toEqual({ n: 2 });
  });
});
