// src/wire/validate.ts: every problem of a request collected with its field path.
import type { FieldIssue } from '../../src/errors';
import { buildWireRecord, luhnValid } from '../../src/wire';
import { schema } from './fixtures';

describe('request validation', () => {
  test.each<[string, string, object, FieldIssue[]]>([
    ['null on a field that is not nillable counts as absent', 'Order', { id: null, version: '2' }, [{ field: 'id', problem: 'is required' }]],
    ['a closed struct refuses properties it does not declare', 'Parts', { first: 'a', second: 1, third: 3 }, [{ field: 'third', problem: 'is not a field of this request' }]],
    ['an open struct refuses names XML cannot carry', 'Open', { 'not a name': 1 }, [{ field: 'not a name', problem: 'is not a valid XML element name' }]],
    ['attributes are typed', 'Amount', { $value: '1', estimated: 'yes' }, [{ field: 'estimated', problem: 'must be a boolean' }]],
  ])('%s', (_label, struct, request, want) => {
    const issues: FieldIssue[] = [];
    buildWireRecord(schema.structs[struct]!, request, { schema, issues });
    expect(issues).toEqual(want);
  });

  test.each<[string, string | undefined, FieldIssue[]]>([
    ['a field newer than the version sent', '2.21', [{ field: 'id', problem: 'appeared in interface version 2.27, newer than the 2.21 being sent' }]],
    ['the same version', '2.27', []],
    ['a later version', '2.58', []],
    ['no version to compare with', undefined, []],
  ])('since-versions (from the struct): %s', (_label, version, want) => {
    const issues: FieldIssue[] = [];
    const tables = { structs: { Late: { since: '2.27', fields: [{ name: 'id', type: 'string' as const }] } }, enums: {} };
    buildWireRecord(tables.structs.Late, { id: 'x' }, { schema: tables, issues, ...(version ? { version } : {}) });
    expect(issues).toEqual(want);
  });
});

describe('luhnValid', () => {
  test.each<[string, boolean]>([
    ['4970100000000055', true],
    ['4970100000000056', false],
    ['', false],
    ['4970 1000', false],
  ])('%s: %s', (digits, want) => expect(luhnValid(digits)).toBe(want));
});
