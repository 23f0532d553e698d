// Every one of the contract's 44 operations has an asserted success case and an asserted failure case in the
// simulator suites of this folder: the suites' rows of COVERAGE (each suite checks its own row at its end) cover them
// all both ways.
import { ALL_OPERATIONS, COVERAGE } from './given';

type Kind = 'success' | 'failure';
const covered = (kind: Kind): string[] => [...new Set(Object.values(COVERAGE).flatMap((row) => row[kind]))].sort();
const missing = (kind: Kind): string[] => ALL_OPERATIONS.filter((operation) => !covered(kind).includes(operation));

test('the contract has 44 operations', () => {
  expect(ALL_OPERATIONS).toHaveLength(44);
});

test('every operation has an asserted success case and an asserted failure case in some suite', () => {
  const want = { withoutSuccessCase: [], withoutFailureCase: [] };
  expect({ withoutSuccessCase: missing('success'), withoutFailureCase: missing('failure') }).toEqual(want);
  expect(covered('success')).toEqual(ALL_OPERATIONS);
  expect(covered('failure')).toEqual(ALL_OPERATIONS);
});
