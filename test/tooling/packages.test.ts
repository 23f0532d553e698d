// The two packages: the runtime's build may load only Node's built-ins and its own files (scripts/packages.js,
// run by every build), and the manifests agree with each other and with what the sources import (pack-check
// proves the installed whole).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const { checkRuntime } = require('../../scripts/packages.js') as { checkRuntime: (dist: string) => void };
const ROOT = path.resolve(__dirname, '..', '..');
const manifest = (file: string): Record<string, any> => JSON.parse(fs.readFileSync(path.join(ROOT, file), 'utf8'));

/** A dist/ folder in a temp dir holding the given files (relative path -> text). */
function distWith(files: Record<string, string>): string {
  const dist = fs.mkdtempSync(path.join(os.tmpdir(), 'packages-test-'));
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dist, file)), { recursive: true });
    fs.writeFileSync(path.join(dist, file), text);
  }
  return dist;
}

const LAYOUT = { 'src/runtime/seal.js': '', 'src/runtime/wire/index.js': '', 'generated/checkout/index.js': '' };

describe('checkRuntime', () => {
  const cases: { name: string; given: Record<string, string>; want: RegExp | undefined }[] = [
    {
      name: 'built-ins and runtime modules',
      given: {
        ...LAYOUT,
        'src/runtime/client.js':
          'require("node:https"); require("./seal"); require("crypto"); require("../../generated/checkout");',
      },
      want: undefined,
    },
    {
      name: 'a package',
      given: { ...LAYOUT, 'src/runtime/client.js': 'const x = require("axios");' },
      want: /src\/runtime\/client\.js loads the package axios/,
    },
    {
      name: 'the tools package',
      given: { ...LAYOUT, 'src/runtime/index.js': 'require("sogenactif-office-tools/simulator");' },
      want: /loads the package sogenactif-office-tools\/simulator/,
    },
    {
      name: 'a file outside the package',
      given: { ...LAYOUT, 'src/runtime/index.js': 'require("../../../outside");', '../outside.js': '' },
      want: /src\/runtime\/index\.js loads \.\.\/\.\.\/\.\.\/outside, outside the runtime package/,
    },
    {
      name: 'an ESM entry importing a package',
      given: { ...LAYOUT, 'src/runtime/index.mjs': "import cjs from 'soap';" },
      want: /src\/runtime\/index\.mjs loads the package soap/,
    },
    {
      name: 'a message that only reads like an import',
      given: { ...LAYOUT, 'src/runtime/wire.js': 'throw new Error(`not from "MR_WS_2.58"`);' },
      want: undefined,
    },
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

describe('the manifests', () => {
  const root = manifest('package.json');
  const runtime = manifest('packages/runtime/package.json');
  const tools = manifest('packages/tools/package.json');

  test("one version: the repository, both packages and the tools' dependency on the runtime", () => {
    expect([runtime.version, tools.version, tools.dependencies['sogenactif-office']]).toEqual([
      root.version,
      root.version,
      root.version,
    ]);
  });

  test('the runtime has no dependency; the tools pin what the repository installs', () => {
    expect(runtime.dependencies).toBeUndefined();
    for (const [name, version] of Object.entries(tools.dependencies)) {
      if (name !== 'sogenactif-office') expect([name, version]).toEqual([name, root.devDependencies[name]]);
    }
  });

  test('the workspaces are the two packages', () => {
    expect(root.private).toBe(true);
    expect(root.workspaces).toEqual(['packages/runtime', 'packages/tools']);
  });

  test('no wildcard export: the runtime exports its entry, the gateway, the internal entry and package.json', () => {
    expect(Object.keys(runtime.exports)).toEqual(['.', './gateway', './internal', './package.json']);
    expect(Object.keys(tools.exports)).toEqual(['./simulator', './package.json']);
  });

  test('the tools reach the runtime only by its entries (no relative import into src/runtime or generated/)', () => {
    const offenders: string[] = [];
    const walk = (dir: string): void => {
      for (const entry of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
        const file = `${dir}/${entry.name}`;
        if (entry.isDirectory()) walk(file);
        else if (file.endsWith('.ts')) {
          for (const match of fs
            .readFileSync(path.join(ROOT, file), 'utf8')
            .matchAll(/from '(\.[^']*)'|import\('(\.[^']*)'\)/g)) {
            const target = path
              .relative(ROOT, path.resolve(ROOT, path.dirname(file), match[1] ?? match[2]!))
              .split(path.sep)
              .join('/');
            if (target.startsWith('src/runtime') || target.startsWith('generated'))
              offenders.push(`${file}: ${match[1] ?? match[2]}`);
          }
        }
      }
    };
    walk('src/tools');
    walk('codegen');
    expect(offenders).toEqual([]);
  });

  test('the internal entry exports exactly what the tools import from it', () => {
    const names = (clause: string): string[] =>
      clause
        .split(',')
        .map(
          (item) =>
            item
              .trim()
              .replace(/^type\s+/, '')
              .split(/\s+as\s+/)[0]!,
        )
        .filter(Boolean);
    const internal = fs.readFileSync(path.join(ROOT, 'src/runtime/internal.ts'), 'utf8');
    const exported = [...internal.matchAll(/export (?:type )?\{([^}]*)\}/g)].flatMap((match) => names(match[1]!));
    const imported = new Set<string>();
    const walk = (dir: string): void => {
      for (const entry of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
        const file = `${dir}/${entry.name}`;
        if (entry.isDirectory()) walk(file);
        else if (file.endsWith('.ts')) {
          const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
          for (const match of text.matchAll(
            /(?:import|export) (?:type )?\{([^}]*)\} from 'sogenactif-office\/internal'/g,
          ))
            names(match[1]!).forEach((n) => imported.add(n));
          if (/import\('sogenactif-office\/internal'\)/.test(text)) {
            for (const match of text.matchAll(/const \{([^}]*)\} = await import\('sogenactif-office\/internal'\)/g))
              names(match[1]!).forEach((n) => imported.add(n));
          }
        }
      }
    };
    walk('src/tools');
    walk('codegen');
    expect(exported.filter((name) => !imported.has(name))).toEqual([]);
    expect([...imported].filter((name) => !exported.includes(name))).toEqual([]);
  });

  test("the internal entry is documented as the tools' only, not a stable API", () => {
    expect(fs.readFileSync(path.join(ROOT, 'src/runtime/internal.ts'), 'utf8')).toMatch(
      /For sogenactif-office-tools only: not a stable API/,
    );
  });
});
