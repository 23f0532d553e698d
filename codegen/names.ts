// Naming rules shared by the model stage: stable, valid TypeScript identifiers.

const RESERVED = new Set(
  (
    'break case catch class const continue debugger default delete do else enum export extends false finally for ' +
    'function if import in instanceof new null return super switch this throw true try typeof var void while with ' +
    'as implements interface let package private protected public static yield any boolean number string symbol ' +
    'type from of await never unknown object bigint undefined Array Object String Number Boolean Date Error Promise ' +
    'Record Partial Readonly Map Set Symbol Function RegExp JSON Math'
  ).split(' '),
);

/** Replaces characters that cannot appear in an identifier and avoids reserved words and leading digits. */
export function safeIdentifier(raw: string): string {
  let name = raw.replace(/[^A-Za-z0-9_$]/g, '_');
  if (name === '' || /^[0-9]/.test(name)) name = `_${name}`;
  if (RESERVED.has(name)) name = `${name}_`;
  return name;
}

export function pascalCase(raw: string): string {
  const words = raw.split(/[^A-Za-z0-9]+/).filter((w) => w.length > 0);
  return words.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('') || '_';
}

/**
 * First free name among `name`, `name2`, `name3`, ... `used` holds lower-cased names, so names differing
 * only by case count as taken: generated files never collide on case-insensitive file systems.
 */
export function uniqueName(name: string, used: Set<string>): string {
  let candidate = name;
  for (let i = 2; used.has(candidate.toLowerCase()); i++) candidate = `${name}${i}`;
  used.add(candidate.toLowerCase());
  return candidate;
}
