// scripts/packages.js: the runtime half of dist/ may load only Node's built-ins and itself, and the tools
// package's imports of runtime modules point at the installed runtime package (pack-check proves the whole).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const { checkRuntime, rewriteToolsFile } = require('../scripts/packages.js') as {
  checkRuntime: (dist: string) => void;
  rewriteToolsFile: (dist: string, file: string, text: string) => string;
};

/** A dist/ folder in a temp dir holding the given files (relative path -> text). */
function distWith(files: Record<string, string>): string {
  const dist = fs.mkdtempSync(path.join(os.tmpdir(), 'packages-test-'));
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dist, file)), { recursive: true });
    fs.writeFileSync(path.join(dist, file), text);
  }
  return dist;
}

const LAYOUT = {
  'src/seal.js': '',
  'src/seal.d.ts': '',
  'src/wire/index.js': '',
  'src/wire/index.d.ts': '',
  'src/simulator/state.js': '',
  'src/simulator/state.d.ts': '',
  'generated/checkout/index.js': '',
  'codegen/index.js': '',
};

describe('rewriteToolsFile', () => {
  const dist = distWith(LAYOUT);
  afterAll(() => fs.rmSync(dist, { recursive: true, force: true }));
  const cases: { given: string; file: string; want: string }[] = [
    { given: 'const seal_1 = require("../seal");', file: 'src/simulator/dispatch.js', want: 'const seal_1 = require("sogenactif-office/dist/src/seal");' },
    { given: 'const wire = require("../wire");', file: 'src/simulator/dispatch.js', want: 'const wire = require("sogenactif-office/dist/src/wire/index");' },
    { given: "import type { WireRecord } from '../wire';", file: 'src/simulator/urls.d.ts', want: "import type { WireRecord } from 'sogenactif-office/dist/src/wire/index';" },
    { given: "x: import('../src/seal').SealValue;", file: 'codegen/emit.d.ts', want: "x: import('sogenactif-office/dist/src/seal').SealValue;" },
    { given: 'require("../../generated/checkout")', file: 'src/simulator/server.js', want: 'require("sogenactif-office/dist/generated/checkout/index")' },
    // Tools modules stay relative, packages and strings that name no file are left alone.
    { given: 'const state_1 = require("./state");', file: 'src/simulator/server.js', want: 'const state_1 = require("./state");' },
    { given: 'await import("../../codegen")', file: 'src/cli/program.js', want: 'await import("../../codegen")' },
    { given: 'const soap = require("soap");', file: 'src/simulator/server.js', want: 'const soap = require("soap");' },
    { given: "`import { a } from './types'`", file: 'codegen/emit.js', want: "`import { a } from './types'`" },
  ];
  test.each(cases)('$file: $given', ({ given, file, want }) => {
    expect(rewriteToolsFile(dist, file, given)).toBe(want);
  });
});

describe('checkRuntime', () => {
  const cases: { name: string; given: Record<string, string>; want: RegExp | undefined }[] = [
    { name: 'built-ins and runtime modules', given: { ...LAYOUT, 'src/client.js': 'require("node:https"); require("./seal"); require("crypto");' }, want: undefined },
    { name: 'a package', given: { ...LAYOUT, 'src/client.js': 'const x = require("axios");' }, want: /src\/client\.js loads the package axios/ },
    { name: 'a tools module', given: { ...LAYOUT, 'src/index.js': 'require("./simulator/state");' }, want: /src\/index\.js loads the tools module \.\/simulator\/state/ },
    { name: 'an ESM entry importing a package', given: { ...LAYOUT, 'src/index.mjs': "import cjs from 'soap';" }, want: /src\/index\.mjs loads the package soap/ },
    { name: 'a message that only reads like an import', given: { ...LAYOUT, 'src/wire.js': 'throw new Error(`not from "MR_WS_2.58"`);' }, want: undefined },
    { name: 'the tools themselves may load packages', given: { ...LAYOUT, 'src/cli/program.js': 'require("commander");' }, want: undefined },
  ];
  test.each(cases)('$name', ({ given, want }) => {
    const dist = distWith(given);
    try {
      if (want === undefined) expect(() => checkRuntime(dist)).not.toThrow();
      else expect(() => checkRuntime(dist)).toThrow(want);
    } finally {
      fs.rmSync(dist, { recursive: true, force: true });
    }
  });
});
