// The structs and enums under construction, keyed by type identity until names.ts names them, and the name
// hints each one collects on the way.
import type { EnumModel, Facets, FieldModel, Primitive, StructModel } from '../ir';
import type { NameHint } from '../names';

/** A field's type before naming: a primitive, or the key of a struct or enum draft. */
export type DraftType =
  | { readonly kind: 'primitive'; readonly primitive: Primitive }
  | { readonly kind: 'enum' | 'struct'; readonly key: string };

/** What a type reference resolves to for the field that uses it. */
export interface Resolved {
  readonly type: DraftType;
  readonly facets?: Facets;
  /** xs:list: the value is an array of `type`, one whitespace-separated text on the wire. */
  readonly tokens?: true;
  /** The type is a list wrapper (one repeated child, nothing else): the field becomes a list of the item. */
  readonly listItem?: {
    readonly element: string;
    readonly namespace: string;
    readonly type: DraftType;
    readonly facets?: Facets;
  };
}

export const ANY: Resolved = { type: { kind: 'primitive', primitive: 'any' } };
export const STRING: Resolved = { type: { kind: 'primitive', primitive: 'string' } };

export type DraftField = Omit<FieldModel, 'type' | 'derived'> & {
  readonly type: DraftType;
  /** Derived types of an abstract field type, by draft key (named in model.ts). */
  readonly derived?: readonly { readonly key: string; readonly namespace: string; readonly local: string }[];
};
export interface DraftStruct {
  readonly key: string;
  readonly module: string;
  readonly xsdName: string;
  readonly description?: string;
  fields: DraftField[];
  open?: boolean;
  anyAttributes?: true;
  choices?: StructModel['choices'];
}
export interface DraftEnum extends Omit<EnumModel, 'name'> {
  readonly key: string;
}

/** Every draft so far, and the hints that will name them. */
export interface Drafts {
  readonly structs: Map<string, DraftStruct>;
  readonly enums: Map<string, DraftEnum>;
  readonly hints: Map<string, NameHint[]>;
  /** Hints of types that only name the anonymous types inside them (a base type, a collapsed list wrapper). */
  readonly ownerHints: Map<string, NameHint[]>;
}

export function createDrafts(): Drafts {
  return { structs: new Map(), enums: new Map(), hints: new Map(), ownerHints: new Map() };
}

/** Records a name a type would like (once per distinct hint). */
export function addHint(into: Map<string, NameHint[]>, typeKey: string, hint: NameHint): void {
  const list = into.get(typeKey) ?? [];
  if (!list.some((h) => h.priority === hint.priority && h.base === hint.base && h.owner === hint.owner))
    list.push(hint);
  into.set(typeKey, list);
}

/** An anonymous type's name: its owner's name (whatever it turns out to be) and a suffix. */
export function ownedHint(owner: string, suffix: string): NameHint {
  return { priority: 3, base: suffix, owner };
}

/** The facets of a resolution, as a spreadable property (absent when there are none). */
export function facetsOf(resolved: Resolved): { facets?: Facets } {
  return resolved.facets && Object.keys(resolved.facets).length > 0 ? { facets: resolved.facets } : {};
}

/** Field property names: the wire name, suffixed 2, 3, ... when the same struct already uses it. */
export function claimer(): (name: string) => string {
  const used = new Set<string>();
  return (name) => {
    let candidate = name;
    for (let i = 2; used.has(candidate); i++) candidate = `${name}${i}`;
    used.add(candidate);
    return candidate;
  };
}
