// Contract patterns at run time (src/runtime/record/patterns.ts, issue 19 item 4): nested repetition is never compiled,
// length facets are applied before patterns, and a pattern never runs on unbounded text; requests and replies alike.
import type { FieldDescriptor, SchemaTables, StructDescriptor } from '../../../../src/runtime/descriptor';
import { fieldProblem } from '../../../../src/runtime/reply-checks';
import { buildWireRecord } from '../../../../src/runtime/record';
import {
  compiledPattern,
  PATTERN_INPUT_LIMIT,
  patternProblem,
  unsafePatternReason,
  UnsafePatternError,
} from '../../../../src/runtime/record/patterns';

describe('unsafePatternReason', () => {
  test.each([
    ['([a-z]+)+', 'holds a quantifier'],
    ['(a|aa)*', 'holds an alternation'],
    ['(a*)*', 'holds a quantifier'],
    ['(a?){30}', 'holds a quantifier'],
    ['(?:x+y?)+z', 'holds a quantifier'],
    ['((ab)+c)*', 'holds a quantifier'],
    ['(?<n>a|b)+', 'holds an alternation'],
  ])('refuses %s (%s)', (pattern, reason) => {
    expect(unsafePatternReason(pattern)).toContain(reason);
  });

  test.each([
    '[A-Z0-9]+',
    '[0-9]{6,11}',
    '[0-9a-f]{64}|[0-9a-f]{128}',
    '[A-Z]+_WS_[0-9]+\\.[0-9]+',
    '\\-?P(\\d*D)?(T(\\d*H)?(\\d*M)?(\\d*(\\.\\d*)?S)?)?',
    '(((([0-9]{4}(\\-))[0-9]{2})(\\-))[0-9]{2})',
    '\\(a+\\)+',
    '[(a+)]+',
    '(ab){3}',
  ])('accepts %s', (pattern) => {
    expect(unsafePatternReason(pattern)).toBeUndefined();
  });

  test('compiledPattern never compiles a refused pattern, and says why', () => {
    expect(() => compiledPattern('([a-z]+)+')).toThrow(UnsafePatternError);
    expect(() => compiledPattern('([a-z]+)+')).toThrow(
      'pattern ([a-z]+)+ is refused: the repeated group ([a-z]+)+ holds a quantifier',
    );
    expect(compiledPattern('[0-9]{3}').test('978')).toBe(true);
  });
});

const schema: SchemaTables = { structs: {}, enums: {} };
const field = (facets: FieldDescriptor['facets']): FieldDescriptor => ({ name: 'code', type: 'string', facets });
const requestIssues = (facets: FieldDescriptor['facets'], code: string) => {
  const struct: StructDescriptor = { fields: [field(facets)] };
  const issues: { field: string; problem: string }[] = [];
  buildWireRecord(struct, { code }, { schema, issues });
  return issues;
};

describe('requests', () => {
  test('a descriptor carrying a nested-repetition pattern: the field is refused, the pattern never run', () => {
    // 28 letters and a '!' took 5 s and doubled per character with the pattern compiled as given.
    expect(requestIssues({ pattern: '([a-z]+)+' }, `${'a'.repeat(28)}!`)).toEqual([
      {
        field: 'code',
        problem: expect.stringMatching(
          /^cannot be checked: the contract's pattern \(\[a-z\]\+\)\+ is refused: the repeated group/,
        ),
        kind: 'invalid',
      },
    ]);
  });

  test('length first: a value over maxLength is refused for its length, the pattern is not run on it', () => {
    expect(requestIssues({ maxLength: 5, pattern: '[a-z]+' }, 'abcdef1')).toEqual([
      { field: 'code', problem: 'is longer than 5 characters', kind: 'invalid' },
    ]);
    expect(requestIssues({ maxLength: 5, pattern: '[a-z]+' }, 'abc1')).toEqual([
      { field: 'code', problem: 'does not match the pattern [a-z]+', kind: 'invalid' },
    ]);
  });

  test(`without maxLength a pattern runs on at most ${PATTERN_INPUT_LIMIT} characters`, () => {
    expect(requestIssues({ pattern: '[a-z]+' }, 'a'.repeat(PATTERN_INPUT_LIMIT))).toEqual([]);
    expect(requestIssues({ pattern: '[a-z]+' }, 'a'.repeat(PATTERN_INPUT_LIMIT + 1))).toEqual([
      {
        field: 'code',
        problem: `is longer than ${PATTERN_INPUT_LIMIT} characters, the most a pattern is checked on`,
        kind: 'invalid',
      },
    ]);
  });
});

describe('replies', () => {
  test('the same guard on a reply value: refused, never run', () => {
    expect(fieldProblem(field({ pattern: '(a|aa)*' }), `${'a'.repeat(40)}b`, schema)).toMatch(
      /^cannot be checked: the contract's pattern/,
    );
    expect(fieldProblem(field({ maxLength: 3, pattern: '[0-9]+' }), '1234x', schema)).toBe(
      'is longer than 3 characters',
    );
    expect(patternProblem('[0-9]+', '12')).toBeUndefined();
  });
});
