// What a field descriptor says, asked once: the struct a field points to, Base64 text, and what is wrong with a value
// for its facets (one wording for requests and replies). xsi:nil, an XML matter, is wire/soap/xml.ts's isNil.
import type { FieldDescriptor, FieldFacets, SchemaTables, StructDescriptor } from '../descriptor';
import { patternProblem } from './patterns';
import { structOf } from './structs';

/** Whether a field's type is a struct (a nested record), whatever derived types its values may name. */
export function isStructField(
  field: FieldDescriptor,
): field is FieldDescriptor & { readonly type: { readonly struct: string } } {
  const type = field.type;
  return typeof type === 'object' && 'struct' in type;
}

/**
 * The struct a field points to, or undefined for a scalar, enum or untyped field (and for no field: an undeclared
 * key). A value naming a derived type (`$type`) is read with `valueStruct` instead.
 */
export function nestedStruct(field: FieldDescriptor | undefined, schema: SchemaTables): StructDescriptor | undefined {
  return field !== undefined && isStructField(field) ? structOf(schema, field.type.struct) : undefined;
}

/** xs:base64Binary text: the Base64 alphabet, whitespace allowed, up to two '=' of padding. */
export const BASE64 = /^[A-Za-z0-9+/\s]*={0,2}\s*$/;

const SURROGATE = /[\uD800-\uDFFF]/;

/** A value's length as XSD counts it: in code points (surrogate pairs counted one by one only when there are some). */
export function characterCount(text: string): number {
  return SURROGATE.test(text) ? [...text].length : text.length;
}

/**
 * What is wrong with `text` for a field's facets, or undefined: length first, then the pattern (run only on text
 * within the length, and never on more than patterns.ts's limit), then the numeric range. Where the dictionary
 * gives the field's format, a length or pattern problem says it (what to send, rather than a regular expression).
 * Requests and replies word their problems alike; one problem per value, the first found.
 */
export function facetProblem(facets: FieldFacets | undefined, text: string): string | undefined {
  if (facets === undefined) return undefined;
  // Counted in code points only when the UTF-16 length leaves the answer open: a text within maxLength code units is
  // within it in code points, and one of 2 x minLength code units or more holds minLength code points (each has one
  // or two); the count's regex test was ~120 instructions a value.
  if (
    (facets.maxLength !== undefined && text.length > facets.maxLength) ||
    (facets.minLength !== undefined && text.length < 2 * facets.minLength)
  ) {
    const length = characterCount(text);
    if (facets.maxLength !== undefined && length > facets.maxLength)
      return `is longer than ${facets.maxLength} characters${formatNote(facets)}`;
    if (facets.minLength !== undefined && length < facets.minLength)
      return `is shorter than ${facets.minLength} characters${formatNote(facets)}`;
  }
  if (facets.pattern !== undefined) {
    const problem = patternProblem(facets.pattern, text);
    if (problem)
      return facets.format !== undefined && problem.startsWith('does not match') ? expectedFormat(facets) : problem;
  }
  if (facets.minInclusive !== undefined && Number(text) < facets.minInclusive)
    return `must be at least ${facets.minInclusive}`;
  if (facets.maxInclusive !== undefined && Number(text) > facets.maxInclusive)
    return `must be at most ${facets.maxInclusive}`;
  return undefined;
}

/** The dictionary's words for a field's format: "must be YYYYMM, e.g. 203012". */
function expectedFormat(facets: FieldFacets): string {
  return `must be ${facets.format}${facets.example === undefined ? '' : `, e.g. ${facets.example}`}`;
}

function formatNote(facets: FieldFacets): string {
  return facets.format === undefined ? '' : ` (${expectedFormat(facets)})`;
}
