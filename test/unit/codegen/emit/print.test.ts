// emit/print.ts: literals, wrapping and JSDoc helpers every emitted file uses.
import { docComment, importLine, jsDoc, literal, packedObject, wrapWords } from '../../../../codegen/emit/print';

describe('print helpers', () => {
  test('wrapWords cuts at spaces; a word longer than the width stays whole', () => {
    expect(wrapWords('aa bb cc dd', 5)).toEqual(['aa bb', 'cc dd']);
    expect(wrapWords(`x ${'y'.repeat(10)} z`, 5)).toEqual(['x', 'y'.repeat(10), 'z']);
  });

  test('literal: flat when it fits, one entry a line otherwise; a long string cut into parts that join back', () => {
    expect(literal({ a: 1, b: ['x', null] })).toBe("{ a: 1, b: ['x', null] }");
    const long = `${'part '.repeat(40)}end`;
    const text = literal({ text: long }, '', 100);
    expect(text.split('\n').every((l) => l.length <= 120)).toBe(true);
    // eslint-disable-next-line no-new-func
    expect((new Function(`return (${text});`) as () => { text: string })().text).toBe(long);
  });

  test('packedObject packs entries greedily and nests a long object', () => {
    const value = {
      name: 'n',
      type: 'string',
      facets: { pattern: 'p'.repeat(40), format: 'f'.repeat(50), example: 'e'.repeat(20) },
    };
    const text = packedObject(value, '    ');
    expect(text.split('\n').every((l) => 4 + l.length <= 120)).toBe(true);
    // eslint-disable-next-line no-new-func
    expect((new Function(`return (${text});`) as () => unknown)()).toEqual(value);
  });

  test('jsDoc and docComment: one line when it fits, tags on their own lines, no forged tag, no comment end', () => {
    expect(docComment(jsDoc('Short.'))).toBe('/** Short. */\n');
    expect(docComment(jsDoc('Text */ more', { since: '2.1' }), '  ')).toBe(
      '  /**\n   * Text *\\/ more\n   * @since 2.1\n   */\n',
    );
  });

  test('importLine: one line when it fits, else one name a line', () => {
    expect(importLine(['A', 'B'], './x', true)).toBe("import type { A, B } from './x';");
    const names = Array.from({ length: 12 }, (_, i) => `SomeLongTypeName${i}`);
    expect(importLine(names, './x')).toBe(`import {\n${names.map((n) => `  ${n},`).join('\n')}\n} from './x';`);
  });
});
