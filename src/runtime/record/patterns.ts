// Contract patterns (XSD pattern facets) as the runtime runs them: a pattern whose backtracking can take
// exponential time (a repeated group holding a quantifier or an alternation) is never compiled, and a pattern
// only ever runs on length-bounded text.

/** The longest text a pattern is run on when its field has no maxLength (a longer value is refused). */
export const PATTERN_INPUT_LIMIT = 4096;

/** A contract pattern the runtime refuses to compile (see unsafePatternReason). */
export class UnsafePatternError extends Error {
  override readonly name = 'UnsafePatternError';
}

/** The quantifier at `at` (`*`, `+`, `?`, `{n}`, `{n,}`, `{n,m}`), with its length, or undefined. */
function quantifierAt(
  pattern: string,
  at: number,
): { length: number; repeats: boolean; variable: boolean } | undefined {
  const c = pattern[at];
  let length = 0;
  let repeats = false;
  let variable = false;
  if (c === '*' || c === '+') [length, repeats, variable] = [1, true, true];
  else if (c === '?') [length, repeats, variable] = [1, false, true];
  else if (c === '{') {
    const braces = /^\{(\d+)(,(\d*))?\}/.exec(pattern.slice(at));
    if (!braces) return undefined;
    const min = Number(braces[1]);
    const max = braces[2] === undefined ? min : braces[3] === '' ? Infinity : Number(braces[3]);
    [length, repeats, variable] = [braces[0].length, max > 1, max !== min];
  } else return undefined;
  if (pattern[at + length] === '?' || pattern[at + length] === '+') length++; // lazy or possessive marker
  return { length, repeats, variable };
}

/**
 * Why a pattern can backtrack exponentially, or undefined when it cannot: a group that repeats (`*`, `+`,
 * `{n,}`, `{n,m}` with m > 1) and holds a variable quantifier (`([a-z]+)+`, `(a*)*`, `(a?){30}`) or an
 * alternation (`(a|aa)*`). Conservative: some harmless patterns (`(?:[a-z]|[0-9])+`) are refused too; they
 * can be written without the group (`[a-z0-9]+`).
 */
export function unsafePatternReason(pattern: string): string | undefined {
  interface Frame {
    start: number;
    variable: boolean;
    alternation: boolean;
  }
  const stack: Frame[] = [{ start: 0, variable: false, alternation: false }];
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    const top = stack[stack.length - 1]!;
    let atomEnd = i + 1;
    if (c === '\\') atomEnd = i + 2;
    else if (c === '[') {
      // A character class is one atom: skip to its closing bracket (escapes and a leading ']' included).
      let j = i + 1;
      if (pattern[j] === '^') j++;
      if (pattern[j] === ']') j++;
      for (; j < pattern.length && pattern[j] !== ']'; j++) if (pattern[j] === '\\') j++;
      atomEnd = j + 1;
    } else if (c === '(') {
      stack.push({ start: i, variable: false, alternation: false });
      continue;
    } else if (c === '|') {
      top.alternation = true;
      continue;
    } else if (c === ')') {
      if (stack.length === 1) return undefined; // unbalanced: the RegExp constructor reports it
      const group = stack.pop()!;
      const parent = stack[stack.length - 1]!;
      const quantifier = quantifierAt(pattern, i + 1);
      if (quantifier?.repeats && (group.variable || group.alternation)) {
        const text = pattern.slice(group.start, i + 1 + quantifier.length);
        return (
          `the repeated group ${text.length > 60 ? `${text.slice(0, 60)}...` : text} holds ` +
          `${group.variable ? 'a quantifier' : 'an alternation'}` +
          ` (nested repetition: matching can take exponential time)`
        );
      }
      if (group.variable || group.alternation || quantifier?.variable) parent.variable = true;
      if (quantifier) i += quantifier.length;
      continue;
    }
    const quantifier = quantifierAt(pattern, atomEnd);
    if (quantifier?.variable || quantifier?.repeats) top.variable = true;
    i = atomEnd - 1 + (quantifier?.length ?? 0);
  }
  return undefined;
}

const compiled = new Map<string, RegExp | UnsafePatternError>();

/**
 * A contract pattern compiled as XSD reads it (anchored, Unicode), once per pattern; an UnsafePatternError for
 * a pattern with nested repetition, which is never compiled.
 */
export function compiledPattern(source: string): RegExp {
  let entry = compiled.get(source);
  if (entry === undefined) {
    const reason = unsafePatternReason(source);
    entry = reason
      ? new UnsafePatternError(`pattern ${source.slice(0, 100)} is refused: ${reason}`)
      : new RegExp(`^(?:${source})$`, 'u');
    compiled.set(source, entry);
  }
  if (entry instanceof UnsafePatternError) throw entry;
  return entry;
}

/**
 * What is wrong with `text` for a pattern facet, or undefined. Callers check maxLength/length first and run the
 * pattern only on text within it; whatever the field, a pattern never runs on more than PATTERN_INPUT_LIMIT
 * characters.
 */
export function patternProblem(source: string, text: string): string | undefined {
  if (text.length > PATTERN_INPUT_LIMIT)
    return `is longer than ${PATTERN_INPUT_LIMIT} characters, the most a pattern is checked on`;
  let regex: RegExp;
  try {
    regex = compiledPattern(source);
  } catch (error) {
    if (error instanceof UnsafePatternError) return `cannot be checked: the contract's ${error.message}`;
    throw error;
  }
  return regex.test(text) ? undefined : `does not match the pattern ${source}`;
}
