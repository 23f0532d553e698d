// Counts the character-shift variants of a sealed reply: every way to re-split its sealed string (the values
// joined without separators, in field-name order) over the operation's declared top-level scalar fields, so
// that the seal still verifies. Dynamic programming over (field, position); the counts are exact (BigInt).
import type { FieldDescriptor, OperationDescriptor } from '../../src/runtime/descriptor';
import { SEAL_EXCLUDED_FIELDS } from '../../src/runtime/seal';
import { structOf } from '../../src/runtime/record';

/** Accepts or refuses one field's value ('' means the field is absent, always possible). */
export type FieldValidator = (field: FieldDescriptor, value: string) => boolean;

const byCodeUnit = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The fields a shift can use: declared, top-level, scalar, sealed; in seal order. */
export function shiftableFields(operation: OperationDescriptor): FieldDescriptor[] {
  return structOf(operation.schema, operation.response)
    .fields.filter(
      (f) => !SEAL_EXCLUDED_FIELDS.has(f.name) && !f.list && !(typeof f.type === 'object' && 'struct' in f.type),
    )
    .sort((a, b) => byCodeUnit(a.name, b.name));
}

/** Number of re-splits of `sealed` over `fields` that every validator accepts. */
export function countSplits(sealed: string, fields: readonly FieldDescriptor[], accept: FieldValidator): bigint {
  const n = sealed.length;
  let ways: bigint[] = Array.from({ length: n + 1 }, (_, i) => (i === 0 ? 1n : 0n));
  for (const field of fields) {
    const next: bigint[] = new Array<bigint>(n + 1).fill(0n);
    for (let end = 0; end <= n; end++) {
      let total = ways[end]!; // the field is absent
      for (let start = 0; start < end; start++) {
        if (ways[start]! !== 0n && accept(field, sealed.slice(start, end))) total += ways[start]!;
      }
      next[end] = total;
    }
    ways = next;
  }
  return ways[n]!;
}

/**
 * Every single character shift of a reply: k characters (k >= 1) moved from one field across its boundary into
 * the next field in seal order, present or absent (an absent declared field between two present ones is a
 * boundary too). Returns each variant as the new values of the fields it touched.
 */
export function singleShifts(
  values: Readonly<Record<string, string>>,
  fields: readonly FieldDescriptor[],
): Record<string, string>[] {
  const names = fields.map((f) => f.name);
  const value = (name: string): string => values[name] ?? '';
  const variants: Record<string, string>[] = [];
  names.forEach((name, i) => {
    const text = value(name);
    if (text === '') return;
    // Towards later fields: the last k characters move to the front of the target.
    for (let j = i + 1; j < names.length; j++) {
      const target = names[j]!;
      for (let k = 1; k <= text.length; k++)
        variants.push({
          ...values,
          [name]: text.slice(0, text.length - k),
          [target]: text.slice(text.length - k) + value(target),
        });
      if (value(target) !== '') break;
    }
    // Towards earlier fields: the first k characters move to the end of the target.
    for (let j = i - 1; j >= 0; j--) {
      const target = names[j]!;
      for (let k = 1; k <= text.length; k++)
        variants.push({ ...values, [name]: text.slice(k), [target]: value(target) + text.slice(0, k) });
      if (value(target) !== '') break;
    }
  });
  return variants.map((v) => Object.fromEntries(Object.entries(v).filter(([, text]) => text !== '')));
}
