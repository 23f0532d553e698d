// "Did you mean": the known names closest to a mistyped one, by edit distance (Damerau-Levenshtein, adjacent
// swaps counting one), for the CLI's unknown operation, service and version messages.

/** The edit distance between two strings, case-insensitive; a swap of two neighbours counts 1. */
export function editDistance(a: string, b: string): number {
  const s = a.toLowerCase();
  const t = b.toLowerCase();
  const rows: number[][] = Array.from({ length: s.length + 1 }, (_, i) =>
    Array.from({ length: t.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= s.length; i++) {
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      let best = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1])
        best = Math.min(best, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = best;
    }
  }
  return rows[s.length]![t.length]!;
}

/**
 * The names of `known` closest to `given` (at most `limit`, nearest first, ties in `known`'s order), keeping only
 * those within a third of the longer name's length (at least 2 edits) and at most one edit further than the nearest:
 * nothing when nothing is close.
 */
export function closest(given: string, known: readonly string[], limit = 3): string[] {
  return known
    .map((name, index) => ({ name, index, distance: editDistance(given, name) }))
    .filter(({ name, distance }) => distance <= Math.max(2, Math.floor(Math.max(name.length, given.length) / 3)))
    .sort((x, y) => x.distance - y.distance || x.index - y.index)
    .filter((candidate, _, sorted) => candidate.distance <= sorted[0]!.distance + 1)
    .slice(0, limit)
    .map(({ name }) => name);
}

/** ` did you mean a, b or c?` for a message, or '' when nothing is close. */
export function didYouMean(given: string, known: readonly string[]): string {
  const names = closest(given, known);
  if (names.length === 0) return '';
  // Unquoted: the CLI prints its errors as JSON, where quotes would come out escaped.
  return (
    `; did you mean ` +
    `${names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`}?`
  );
}
