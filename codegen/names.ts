// Naming rules shared by the model stage: stable, valid TypeScript identifiers.

const RESERVED = new Set(
  (
    'break case catch class const continue debugger default delete do else enum export extends false finally for ' +
    'function if import in instanceof new null return super switch this throw true try typeof var void while with ' +
    'as implements interface let package private protected public static yield any boolean number string symbol ' +
    'type from of await never unknown object bigint undefined Array Object String Number Boolean Date Error Promise ' +
    'Record Partial Readonly Map Set Symbol Function RegExp JSON Math __proto__'
  ).split(' '),
);

/** Names generated files import from the runtime or declare themselves: no schema type may take them. */
export const RUNTIME_NAMES: readonly string[] = [
  'CallOptions',
  'EnumDescriptor',
  'Invoke',
  'OperationDescriptor',
  'SchemaTables',
  'ServiceClients',
  'ServiceDescriptor',
  'StructDescriptor',
];

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

/**
 * What a type would like to be called. Lower priority wins a contested name: 0 an operation's request or
 * response, 1 a named XSD type, 2 the anonymous type of a global element, 3 an anonymous local type.
 */
export interface NameHint {
  readonly priority: 0 | 1 | 2 | 3;
  /** PascalCase name before identifier rules (safeIdentifier) and de-duplication; a suffix when `owner` is set. */
  readonly base: string;
  /** Key of the type this anonymous type sits in: the name is the owner's preferred name plus `base`. */
  readonly owner?: string;
}

const byCodeUnit = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Type names for every key, independent of the order types were reached in: each key takes its best hint;
 * contenders are ranked by (priority, name, key) in code-unit order; every uncontested name is granted
 * before any loser is suffixed (2, 3, ...), so a schema's own `Foo2` keeps its name. Case-only
 * differences collide (see uniqueName), and `reserved` names are never granted.
 */
export function assignNames(
  hints: ReadonlyMap<string, readonly NameHint[]>,
  reserved: readonly string[] = [],
  /** Hints of owners that get no name themselves (a base type only inherited from): they only spell owned names. */
  ownerHints: ReadonlyMap<string, readonly NameHint[]> = new Map(),
): Map<string, string> {
  // Each key's preferred name: its best hint, an owned hint spelled out from its owner's preferred name.
  const preferred = new Map<string, { priority: number; base: string }>();
  const resolve = (key: string, visiting: Set<string>): { priority: number; base: string } => {
    const known = preferred.get(key);
    if (known) return known;
    // An ownership cycle cannot happen in a schema; stay total anyway.
    if (visiting.has(key)) return { priority: 3, base: 'Anonymous' };
    visiting.add(key);
    const candidates = (hints.get(key) ?? ownerHints.get(key) ?? [{ priority: 3 as const, base: 'Anonymous' }]).map(
      (hint) => ({
        priority: hint.priority,
        base: hint.owner !== undefined ? `${resolve(hint.owner, visiting).base}${hint.base}` : hint.base,
      }),
    );
    const best = candidates.sort((a, b) => a.priority - b.priority || byCodeUnit(a.base, b.base))[0]!;
    preferred.set(key, best);
    return best;
  };
  const wanted = [...hints.keys()].map((key) => {
    const best = resolve(key, new Set());
    return { key, priority: best.priority, name: safeIdentifier(best.base) };
  });
  wanted.sort((a, b) => a.priority - b.priority || byCodeUnit(a.name, b.name) || byCodeUnit(a.key, b.key));
  const used = new Set(reserved.map((name) => name.toLowerCase()));
  const names = new Map<string, string>();
  const losers: typeof wanted = [];
  for (const entry of wanted) {
    if (used.has(entry.name.toLowerCase())) losers.push(entry);
    else {
      used.add(entry.name.toLowerCase());
      names.set(entry.key, entry.name);
    }
  }
  for (const entry of losers) names.set(entry.key, uniqueName(entry.name, used));
  return names;
}
