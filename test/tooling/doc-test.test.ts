// scripts/doc-test.js, the docs test's conventions: blocks and their markers, output blocks, links; and every block
// of the three READMEs we ship has a plan (the compiling and running is make pack-check's, against the packages).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const docTest = require('../../scripts/doc-test.js') as {
  extract(readme: string): { line: number; lang: string; text: string; marker?: string; output?: string }[];
  planOf(block: { readme: string; line: number; lang: string; marker?: string }): {
    kind: string;
    reason?: string;
    prelude?: string;
  };
  brokenLinks(readme: string, packageDir: string): string[];
  outputDiff(got: string, want: string): string;
};

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'doc-test-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
const markdown = (name: string, text: string): string => {
  const file = path.join(tmp, name);
  fs.writeFileSync(file, text);
  return file;
};
const plans = (file: string) =>
  docTest.extract(file).map((block) => ({ line: block.line, ...docTest.planOf({ ...block, readme: file }) }));

test('blocks, their markers and their output blocks', () => {
  const file = markdown(
    'a.md',
    [
      '# A',
      '',
      '```ts',
      "console.log('x');",
      '```',
      '',
      '<!-- doc-test: output -->',
      '```text',
      'x',
      '```',
      '',
      '<!-- doc-test: skip (needs a container engine) -->',
      '',
      '```dockerfile',
      'FROM node',
      '```',
      '<!-- doc-test: fragment of credentials -->',
      '```ts',
      'f(merchantId);',
      '```',
      '<!-- doc-test: compile only (two merchants) -->',
      '```ts',
      'g();',
      '```',
      '```sh',
      'echo hi',
      '```',
      '```json',
      '{}',
      '```',
      '```js',
      'require("x")',
      '```',
      '',
    ].join('\n'),
  );
  const blocks = docTest.extract(file);
  expect(blocks.map((b) => [b.line, b.lang])).toEqual([
    [3, 'ts'],
    [14, 'dockerfile'],
    [18, 'ts'],
    [22, 'ts'],
    [25, 'sh'],
    [28, 'json'],
    [31, 'js'],
  ]);
  expect(blocks[0]!.output).toBe('x\n');
  expect(plans(file).map((p) => p.kind)).toEqual(['ts', 'skip', 'fragment', 'compile', 'shell', 'json', 'js']);
  expect(plans(file)[1]).toMatchObject({ reason: 'needs a container engine' });
  expect(plans(file)[2]).toMatchObject({ prelude: 'credentials' });
});

test.each([
  ['a skip without its reason', '<!-- doc-test: skip -->\n```sh\nx\n```\n', /unknown doc-test marker "skip"/],
  [
    'an unmarked block of a language it cannot run',
    '```ini\n[Unit]\n```\n',
    /a `ini` block needs a marker: <!-- doc-test: skip \(why it cannot be run\) -->/,
  ],
  ['an unknown marker', '<!-- doc-test: later -->\n```ts\nx\n```\n', /unknown doc-test marker "later"/],
  ['a shell fragment', '<!-- doc-test: fragment of x -->\n```sh\nx\n```\n', /only TypeScript blocks can be fragments/],
])('%s is refused, naming the file and line', (_label, text, want) => {
  const file = markdown('bad.md', text);
  expect(() => plans(file)).toThrow(want);
  expect(() => plans(file)).toThrow(/bad\.md:\d+/);
});

test('an output block with no code block before it is refused', () => {
  expect(() => docTest.extract(markdown('orphan.md', '<!-- doc-test: output -->\n```text\nx\n```\n'))).toThrow(
    /orphan\.md:1: an output block must follow the code block/,
  );
});

test('a marker belongs only to the block right under it', () => {
  const file = markdown('far.md', '<!-- doc-test: skip (reason) -->\n\nSome prose.\n\n```ts\nx\n```\n');
  expect(plans(file)[0]!.kind).toBe('ts');
});

test('output is compared line by line, trailing spaces and final newlines aside', () => {
  expect(docTest.outputDiff('a  \nb\n\n', 'a\nb')).toBe('');
  expect(docTest.outputDiff('TransportError undefined undefined\n', 'TransportError connection refused\n')).toMatch(
    /printed:\n {4}\| TransportError undefined undefined\n {2}the README shows:/,
  );
});

test('links: relative links must name a file of the package; URLs and anchors are not checked', () => {
  const pkg = fs.mkdtempSync(path.join(tmp, 'pkg-'));
  fs.mkdirSync(path.join(pkg, 'dist'));
  fs.writeFileSync(path.join(pkg, 'dist/index.d.ts'), '');
  const file = markdown(
    'links.md',
    '[types](dist/index.d.ts) [repo](test/README.md) [npm](https://www.npmjs.com/) ' +
      '[here](#use-it)\n```sh\n[not](a-link.md)\n```\n',
  );
  expect(docTest.brokenLinks(file, pkg)).toEqual(['test/README.md']);
});

test.each(['README.md', 'packages/runtime/README.md', 'packages/tools/README.md'])(
  '%s: every block has a plan; skips give reasons and stay rare',
  (readme) => {
    const all = plans(path.resolve(readme));
    expect(all.length).toBeGreaterThan(3);
    const skipped = all.filter((p) => p.kind === 'skip');
    for (const skip of skipped) expect(skip.reason!.length).toBeGreaterThan(20);
    // The package READMEs skip only their registry install line; everything else is compiled or run.
    if (readme.startsWith('packages/')) expect(skipped).toHaveLength(1);
  },
);
