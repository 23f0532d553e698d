// scripts/bundle.js, which puts the runtime entry's modules in one sources file that the entry loads: the bundled
// entry exports what the separate files did, each module is one instance whichever entry loads it first, stack traces
// name the original files, requires the bundle leaves out (computed paths, excluded files) still load through Node,
// and an edited sources file runs as edited. Run in child processes, as jest's own module registry stands in for
// require.cache (and once in this process: jest's module objects are not Node's).
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const { bundleEntry } = require('../../scripts/bundle.js') as {
  bundleEntry: (entry: string, keep?: (file: string) => boolean) => number;
};

const FILES: Record<string, string> = {
  'index.js':
    '"use strict";\nconst a = require("./a");\nconst sub = require("./sub");\n' +
    'exports.sum = () => a.value + sub.value;\nexports.a = a;\nexports.late = () => require("./" + "late").value;\n' +
    'exports.excluded = () => require("./excluded").value;\nexports.fail = () => a.fail();\n',
  'a.js':
    '"use strict";\nexports.value = 1;\nconst b = require("./b");\nexports.fromB = b.seenA;\n' +
    'exports.fail = () => { throw new Error("from a"); };\n',
  // b requires a while a is still loading: it sees a's exports so far (value, not fail), as with separate files.
  'b.js': '"use strict";\nexports.seenA = [require("./a.js").value, typeof require("./a.js").fail];\n',
  'sub/index.js': '"use strict";\nexports.value = 10;\nexports.file = __filename;\n',
  'late.js': '"use strict";\nexports.value = 100;\n',
  'excluded.js': '"use strict";\nexports.value = 1000;\n',
};

/**
 * The files above in a temp folder, with index.js bundled (excluded.js left out); returns the folder. Bundled in a
 * plain Node process, as the build does.
 */
function bundled(): { dir: string; modules: number } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bundle-test-'));
  for (const [file, text] of Object.entries(FILES)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  }
  const script =
    `const { bundleEntry } = require(${JSON.stringify(require.resolve('../../scripts/bundle.js'))});\n` +
    `console.log(bundleEntry(${JSON.stringify(path.join(dir, 'index.js'))}, (file) => !file.endsWith('excluded.js')));`;
  const modules = Number(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' }));
  return { dir, modules };
}

/** Runs `code` in a fresh Node process with `dir` as `D`; returns what it printed as JSON. */
function inChild(dir: string, code: string): any {
  const out = execFileSync(process.execPath, ['-e', `const D = ${JSON.stringify(dir)};\n${code}`], {
    encoding: 'utf8',
  });
  return JSON.parse(out);
}

describe('bundleEntry', () => {
  const { dir, modules } = bundled();
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('holds the entry and the modules it reaches by literal requires, not the excluded one', () => {
    expect(modules).toBe(4); // index, a, b, sub/index
    const text = fs.readFileSync(path.join(dir, 'index.js'), 'utf8');
    expect(text).toContain('"sub/index.js"');
    expect(text).not.toContain('"excluded.js"');
  });

  test('exports what the separate files did, cycles and computed requires included', () => {
    const got = inChild(
      dir,
      'const m = require(D + "/index.js");\n' +
        'console.log(JSON.stringify({ sum: m.sum(), fromB: m.a.fromB, late: m.late(), excluded: m.excluded(), ' +
        'file: require(D + "/sub").file }));',
    );
    expect(got).toEqual({
      sum: 11,
      fromB: [1, 'undefined'],
      late: 100,
      excluded: 1000,
      file: path.join(dir, 'sub/index.js'),
    });
  });

  test('one instance of each module whichever entry loads it first', () => {
    const got = inChild(
      dir,
      'const early = require(D + "/a.js");\nconst m = require(D + "/index.js");\n' +
        'console.log(JSON.stringify({ same: m.a === early, ' +
        'cached: require.cache[D + "/b.js"] !== undefined }));',
    );
    expect(got).toEqual({ same: true, cached: true });
    const after = inChild(
      dir,
      'const m = require(D + "/index.js");\nconsole.log(JSON.stringify({ same: m.a === require(D + "/a.js") }));',
    );
    expect(after).toEqual({ same: true });
  });

  test('a stack trace names the original file and line', () => {
    const got = inChild(
      dir,
      'try { require(D + "/index.js").fail(); } catch (e) { console.log(JSON.stringify(e.stack.split("\\n")[1])); }',
    );
    expect(got).toContain(`${path.join(dir, 'a.js')}:5:`);
  });

  test('the build writes no code cache (a cached function keeps its build-time path) and nothing else', () => {
    expect(
      fs
        .readdirSync(dir)
        .filter((file) => file.startsWith('index.'))
        .sort(),
    ).toEqual(['index.js', 'index.modules']);
  });

  test('an edit of the sources file runs as edited, wherever the folder is moved', () => {
    const moved = fs.mkdtempSync(path.join(os.tmpdir(), 'bundle-moved-'));
    try {
      fs.cpSync(dir, moved, { recursive: true });
      const file = path.join(moved, 'index.modules');
      fs.writeFileSync(
        file,
        fs.readFileSync(file, 'latin1').replace('exports.value = 1;', 'exports.value = 7;'),
        'latin1',
      );
      const got = inChild(
        moved,
        'const m = require(D + "/index.js");\n' +
          'try { m.fail(); } catch (e) { console.log(JSON.stringify({ sum: m.sum(), at: e.stack.split("\\n")[1] })); }',
      );
      expect(got.sum).toBe(17);
      expect(got.at).toContain(`${path.join(moved, 'a.js')}:5:`);
    } finally {
      fs.rmSync(moved, { recursive: true, force: true });
    }
  });

  test("loads in a host whose module objects are not Node's (jest, in this process)", () => {
    // jest gives each file a plain object as `module`: the loader then takes node:module's Module.
    const entry = require(path.join(dir, 'index.js')) as { sum: () => number; fail: () => void };
    expect(entry.sum()).toBe(11);
    expect(() => entry.fail()).toThrow('from a');
  });

  test('a literal request that resolves to no .js file stops the build', () => {
    const broken = fs.mkdtempSync(path.join(os.tmpdir(), 'bundle-test-'));
    fs.writeFileSync(path.join(broken, 'index.js'), 'require("./missing");\n');
    expect(() => bundleEntry(path.join(broken, 'index.js'))).toThrow(/\.\/missing from .*index\.js does not resolve/);
    fs.rmSync(broken, { recursive: true, force: true });
  });
});
