// codegen/inspect/diff-report.ts, what `sogenactif diff` runs: which two models its arguments name (two interface
// versions of one contract, or two contracts) and the report in each format.
import { DiffInputError, diffReport, loadDiffInputs } from '../../../../codegen/inspect/diff-report';
import { UnknownVersionError } from '../../../../codegen/inspect/diff';

const MANDATE = 'wsdl/mandate.wsdl';
const VERSIONS = 'test/fixtures/versions';
const SARIF = { version: '0.0.0-test', base: process.cwd() };

describe('loadDiffInputs', () => {
  test.each([
    // given old, new, want kind
    ['2.21', '2.29', 'versions'],
    ['MR_WS_2.21', 'MR_WS_2.29', 'versions'],
    [`${VERSIONS}/mandate-2.21`, `${VERSIONS}/mandate-2.58`, 'contracts'],
  ])('%s %s: two %s', (before, after, kind) => {
    expect(loadDiffInputs(before, after, { contract: [MANDATE], allowOutside: ['wsdl'] }).kind).toBe(kind);
  });

  test.each([
    // given old, new, want error and message
    [
      '2.21',
      'nowhere',
      DiffInputError,
      '2.21 is an interface version and nowhere is not: give two versions, or two WSDL files or folders',
    ],
    ['nowhere', `${VERSIONS}/mandate-2.58`, DiffInputError, 'nowhere: no such file or folder'],
    ['2.21', '9.99', UnknownVersionError, 'interface version 9.99 is unknown to this contract'],
  ])('%s %s: %p', (before, after, error, message) => {
    const load = () => loadDiffInputs(before, after, { contract: [MANDATE], allowOutside: ['wsdl'] });
    expect(load).toThrow(error);
    expect(load).toThrow(message);
  });
});

describe('diffReport', () => {
  const inputs = loadDiffInputs('2.21', '2.29', { contract: [MANDATE] });

  test('md: a title naming the arguments, the count, one row per change', () => {
    const { text, diff } = diffReport(inputs, { format: 'md', names: { before: '2.21', after: '2.29' }, sarif: SARIF });
    expect(text.split('\n').slice(0, 3)).toEqual([
      '# Contract changes from 2.21 to 2.29',
      '',
      `${diff.changes.length} changes, ${diff.breaking} breaking.`,
    ]);
    expect(text).toContain('| mandate.searchMandate response mandateList riskyMandate |');
  });

  test('json: the arguments, the changes, the breaking count and the undocumented parts', () => {
    const { text, diff } = diffReport(inputs, {
      format: 'json',
      names: { before: '2.21', after: '2.29' },
      sarif: SARIF,
    });
    expect(JSON.parse(text)).toEqual({
      old: '2.21',
      new: '2.29',
      changes: diff.changes,
      breaking: diff.breaking,
      undocumented: [],
    });
  });

  test('sarif: one result per change, the tool version given', () => {
    const { text, diff } = diffReport(inputs, {
      format: 'sarif',
      names: { before: '2.21', after: '2.29' },
      sarif: SARIF,
    });
    const log = JSON.parse(text) as { runs: { tool: { driver: { version: string } }; results: unknown[] }[] };
    expect(log.runs[0]!.tool.driver.version).toBe('0.0.0-test');
    expect(log.runs[0]!.results).toHaveLength(diff.changes.length);
  });
});
