// No import cycle in the runtime package (src/runtime and generated/): every import counts, `import type` and
// re-exports included, so a module's dependencies can be read (and loaded) one way only.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as ts from 'typescript';

const root = path.join(__dirname, '..', '..');

/** Every .ts source under `folder` (declaration files aside). */
function sources(folder: string): string[] {
  return fs.readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) return sources(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [full] : [];
  });
}

/** The file a relative specifier names (`./x` is x.ts or x/index.ts), or undefined for a package or a missing file. */
function resolveSpecifier(from: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  const base = path.resolve(path.dirname(from), specifier);
  return [`${base}.ts`, path.join(base, 'index.ts')].find((candidate) => fs.existsSync(candidate));
}

/** The import graph of `files`: each file to the files among them it imports (static, type-only, require, import()). */
function importGraph(files: readonly string[]): Map<string, string[]> {
  const known = new Set(files);
  return new Map(
    files.map((file) => {
      const { importedFiles } = ts.preProcessFile(fs.readFileSync(file, 'utf8'), true, true);
      const targets = importedFiles
        .map((imported) => resolveSpecifier(file, imported.fileName))
        .filter((target): target is string => target !== undefined && known.has(target));
      return [file, [...new Set(targets)]];
    }),
  );
}

/**
 * The cycles of a graph: its strongly connected components of more than one node, or a node importing itself (Tarjan).
 */
function cyclesOf(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (node: string): void => {
    index.set(node, next);
    low.set(node, next);
    next += 1;
    stack.push(node);
    onStack.add(node);
    for (const target of graph.get(node) ?? []) {
      if (!index.has(target)) {
        visit(target);
        low.set(node, Math.min(low.get(node)!, low.get(target)!));
      } else if (onStack.has(target)) low.set(node, Math.min(low.get(node)!, index.get(target)!));
    }
    if (low.get(node) !== index.get(node)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(member);
    } while (member !== node);
    if (component.length > 1 || (graph.get(node) ?? []).includes(node)) cycles.push(component.sort());
  };
  for (const node of graph.keys()) if (!index.has(node)) visit(node);
  return cycles;
}

describe('the cycle finder', () => {
  test.each([
    // given edges, want cycles
    ['a line', { a: ['b'], b: ['c'], c: [] }, []],
    ['two modules importing each other', { a: ['b'], b: ['a'] }, [['a', 'b']]],
    ['a loop of three beside a leaf', { a: ['b'], b: ['c'], c: ['a', 'd'], d: [] }, [['a', 'b', 'c']]],
    ['a module importing itself', { a: ['a'] }, [['a']]],
    ['a diamond', { a: ['b', 'c'], b: ['d'], c: ['d'], d: [] }, []],
  ])('%s', (_label, edges, want) => {
    expect(cyclesOf(new Map(Object.entries(edges)))).toEqual(want);
  });

  test('reads type-only imports, re-exports, require and import()', () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'cycles-'));
    try {
      const write = (name: string, text: string): string => {
        fs.writeFileSync(path.join(folder, name), text);
        return path.join(folder, name);
      };
      const a = write('a.ts', "import type { B } from './b';\nexport type A = B;\n");
      const b = write('b.ts', "export { c } from './c';\nexport type B = string;\n");
      const c = write('c.ts', "export const c = (): unknown => require('./d');\n");
      const d = write('d.ts', "export const d = (): Promise<unknown> => import('./a');\n");
      const graph = importGraph([a, b, c, d]);
      expect([...graph.values()]).toEqual([[b], [c], [d], [a]]);
      expect(cyclesOf(graph)).toEqual([[a, b, c, d].sort()]);
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });
});

test('the runtime package has no import cycle', () => {
  const files = [...sources(path.join(root, 'src', 'runtime')), ...sources(path.join(root, 'generated'))];
  const graph = importGraph(files);
  // The graph is the real one: the modules this change separated are in it, with their edges.
  const at = (file: string): string => path.join(root, 'src', 'runtime', file);
  expect(graph.get(at('errors.ts'))).toContain(at('platform-rules.ts'));
  expect(graph.get(at('client/retry.ts'))).toContain(at('errors.ts'));
  expect(graph.get(at('transport.ts'))).not.toContain(at('client/retry.ts'));
  expect([...graph.values()].reduce((sum, targets) => sum + targets.length, 0)).toBeGreaterThan(200);
  expect(cyclesOf(graph).map((cycle) => cycle.map((file) => path.relative(root, file)))).toEqual([]);
});
