// Compares two contracts (two IRs) and classifies every change from the merchant's side: breaking when
// code or requests that worked before may stop working (an operation or response field removed, a request
// field added as mandatory or made mandatory, an enum value removed, a type narrowed), otherwise not.
import { markdownText } from '../escape';
import { compareVersions } from 'sogenactif-office/internal';
import type { ContractModel, EnumModel, Facets, FieldModel, StructModel, TypeRef } from '../ir';

export type Side = 'request' | 'response';

export interface ContractChange {
  readonly change: 'added' | 'removed' | 'changed';
  /** service, service.operation, or service.operation request|response field path. */
  readonly path: string;
  readonly side?: Side;
  readonly what: 'service' | 'operation' | 'field' | 'optionality' | 'type' | 'enum value' | 'facet' | 'list';
  readonly detail: string;
  readonly breaking: boolean;
}

export interface ContractDiff {
  readonly changes: readonly ContractChange[];
  readonly breaking: number;
}

const MAX_DEPTH = 12;

interface View {
  readonly structs: ReadonlyMap<string, StructModel>;
  readonly enums: ReadonlyMap<string, EnumModel>;
}

const viewOf = (model: ContractModel): View => ({
  structs: new Map(model.structs.map((s) => [s.name, s])),
  enums: new Map(model.enums.map((e) => [e.name, e])),
});

/** How wide a type is: a narrower type accepts fewer values. */
function width(type: TypeRef): number {
  if (type.kind === 'enum') return 1;
  if (type.kind === 'struct') return -1;
  return { boolean: 1, integer: 2, number: 3, decimal: 4, base64: 5, string: 6, any: 7 }[type.primitive] ?? 6;
}

function typeLabel(type: TypeRef): string {
  return type.kind === 'primitive' ? type.primitive : `${type.kind} ${type.name}`;
}

export function diffContracts(before: ContractModel, after: ContractModel): ContractDiff {
  const changes: ContractChange[] = [];
  const oldView = viewOf(before);
  const newView = viewOf(after);
  const oldServices = new Map(before.services.map((s) => [s.name, s]));
  const newServices = new Map(after.services.map((s) => [s.name, s]));

  for (const [name, service] of [...oldServices].sort()) {
    if (!newServices.has(name))
      changes.push({
        change: 'removed',
        path: name,
        what: 'service',
        detail: `service ${name} removed`,
        breaking: true,
      });
    else {
      const next = newServices.get(name)!;
      const nextOps = new Map(next.operations.map((o) => [o.name, o]));
      for (const op of service.operations) {
        const path = `${name}.${op.name}`;
        const newOp = nextOps.get(op.name);
        if (!newOp) {
          changes.push({
            change: 'removed',
            path,
            what: 'operation',
            detail: `operation ${op.name} removed`,
            breaking: true,
          });
          continue;
        }
        compareStruct(op.request, newOp.request, `${path} request`, 'request', 0);
        if (op.response && newOp.response)
          compareStruct(op.response, newOp.response, `${path} response`, 'response', 0);
        else if (op.response && !newOp.response)
          changes.push({
            change: 'removed',
            path,
            what: 'operation',
            detail: 'the operation no longer replies (one-way)',
            breaking: true,
          });
      }
      for (const op of next.operations) {
        if (!service.operations.some((o) => o.name === op.name))
          changes.push({
            change: 'added',
            path: `${name}.${op.name}`,
            what: 'operation',
            detail: `operation ${op.name} added`,
            breaking: false,
          });
      }
    }
  }
  for (const name of [...newServices.keys()].sort()) {
    if (!oldServices.has(name))
      changes.push({ change: 'added', path: name, what: 'service', detail: `service ${name} added`, breaking: false });
  }

  function compareStruct(oldName: string, newName: string, path: string, side: Side, depth: number): void {
    if (depth > MAX_DEPTH) return;
    const oldStruct = oldView.structs.get(oldName);
    const newStruct = newView.structs.get(newName);
    if (!oldStruct || !newStruct) return;
    const newFields = new Map(newStruct.fields.map((f) => [f.name, f]));
    for (const field of oldStruct.fields) {
      const fieldPath = `${path} ${field.name}`;
      const next = newFields.get(field.name);
      if (!next) {
        changes.push({
          change: 'removed',
          path: fieldPath,
          side,
          what: 'field',
          detail:
            side === 'response'
              ? 'response field removed: code reading it gets nothing'
              : 'request field removed: the gateway no longer reads it (and typed code setting it no longer ' +
                'compiles)',
          breaking: true,
        });
        continue;
      }
      compareField(field, next, fieldPath, side, depth);
    }
    for (const field of newStruct.fields) {
      if (oldStruct.fields.some((f) => f.name === field.name)) continue;
      const mandatory = side === 'request' && field.required;
      changes.push({
        change: 'added',
        path: `${path} ${field.name}`,
        side,
        what: 'field',
        detail:
          `${mandatory ? 'mandatory' : 'optional'} ${side} field added` +
          `${field.since ? ` (since ${field.since})` : ''}`,
        breaking: mandatory,
      });
    }
  }

  function compareField(before: FieldModel, after: FieldModel, path: string, side: Side, depth: number): void {
    if (before.required !== after.required) {
      const breaking = side === 'request' ? after.required : !after.required;
      changes.push({
        change: 'changed',
        path,
        side,
        what: 'optionality',
        detail: `${before.required ? 'mandatory' : 'optional'} -> ${after.required ? 'mandatory' : 'optional'}`,
        breaking,
      });
    }
    if (Boolean(before.list) !== Boolean(after.list)) {
      changes.push({
        change: 'changed',
        path,
        side,
        what: 'list',
        detail: before.list ? 'list -> single value' : 'single value -> list',
        breaking: true,
      });
    }
    const a = before.type;
    const b = after.type;
    if (a.kind === 'struct' && b.kind === 'struct') {
      compareStruct(a.name, b.name, path, side, depth + 1);
    } else if (a.kind === 'enum' && b.kind === 'enum') {
      const oldValues = oldView.enums.get(a.name)?.values.map((v) => v.value) ?? [];
      const newValues = newView.enums.get(b.name)?.values.map((v) => v.value) ?? [];
      for (const value of oldValues.filter((v) => !newValues.includes(v)))
        changes.push({
          change: 'removed',
          path,
          side,
          what: 'enum value',
          detail: `value ${value} removed`,
          breaking: true,
        });
      for (const value of newValues.filter((v) => !oldValues.includes(v)))
        changes.push({
          change: 'added',
          path,
          side,
          what: 'enum value',
          detail: `value ${value} added`,
          breaking: false,
        });
    } else if (typeLabel(a) !== typeLabel(b) && !(a.kind === 'enum' && b.kind === 'enum')) {
      const narrowed = a.kind === 'struct' || b.kind === 'struct' || width(b) < width(a);
      const breaking =
        a.kind === 'struct' || b.kind === 'struct' || (side === 'request' ? narrowed : width(b) > width(a));
      changes.push({
        change: 'changed',
        path,
        side,
        what: 'type',
        detail: `${typeLabel(a)} -> ${typeLabel(b)}${narrowed ? ' (narrowed)' : ' (widened)'}`,
        breaking,
      });
    }
    compareFacets(before.facets ?? {}, after.facets ?? {}, path, side);
  }

  function compareFacets(a: Facets, b: Facets, path: string, side: Side): void {
    const narrowed: string[] = [];
    const widened: string[] = [];
    const bound = (
      name: string,
      oldValue: number | undefined,
      newValue: number | undefined,
      lowerIsNarrower: boolean,
    ): void => {
      if (oldValue === newValue) return;
      const text = `${name} ${oldValue ?? 'none'} -> ${newValue ?? 'none'}`;
      const narrower =
        newValue !== undefined &&
        (oldValue === undefined || (lowerIsNarrower ? newValue < oldValue : newValue > oldValue));
      (narrower ? narrowed : widened).push(text);
    };
    bound('maxLength', a.maxLength, b.maxLength, true);
    bound('maxInclusive', a.maxInclusive, b.maxInclusive, true);
    bound('minLength', a.minLength, b.minLength, false);
    bound('minInclusive', a.minInclusive, b.minInclusive, false);
    if (a.pattern !== b.pattern)
      (b.pattern === undefined ? widened : narrowed).push(`pattern ${a.pattern ?? 'none'} -> ${b.pattern ?? 'none'}`);
    if (narrowed.length > 0)
      changes.push({
        change: 'changed',
        path,
        side,
        what: 'facet',
        detail: `${narrowed.join(', ')} (narrowed)`,
        breaking: side === 'request',
      });
    if (widened.length > 0)
      changes.push({
        change: 'changed',
        path,
        side,
        what: 'facet',
        detail: `${widened.join(', ')} (widened)`,
        breaking: false,
      });
  }

  // Breaking rows first (a stable sort keeps each group in contract order): they are what a merchant acts on.
  const ordered = [...changes.filter((c) => c.breaking), ...changes.filter((c) => !c.breaking)];
  return { changes: ordered, breaking: ordered.filter((c) => c.breaking).length };
}

/** The contract as it stood at an interface version: fields whose since-version is newer are left out. */
export function contractAt(model: ContractModel, version: string): ContractModel {
  const number = /(\d+(?:\.\d+)+)$/.exec(version)?.[1];
  if (!number) throw new UnknownVersionError(`"${version}" is not an interface version (e.g. 2.55 or MR_WS_2.55)`);
  const known = knownVersions(model);
  if (!known.includes(number)) {
    throw new UnknownVersionError(
      `interface version ${version}` +
        ` is unknown to this contract (no field appeared in it and no operation recommends it); known: ` +
        `${known.join(', ')}`,
    );
  }
  return {
    ...model,
    structs: model.structs.map((s) => ({
      ...s,
      fields: s.fields.filter((f) => !f.since || compareVersions(f.since, number) <= 0),
    })),
  };
}

/** An interface version the contract cannot place: not a version, or one no since-version or recommendation names. */
export class UnknownVersionError extends Error {
  override readonly name = 'UnknownVersionError';
}

/**
 * Every version number the contract knows: the fields' since-versions and the recommended interfaceVersions, sorted.
 */
export function knownVersions(model: ContractModel): string[] {
  const versions = new Set<string>();
  for (const struct of model.structs) for (const field of struct.fields) if (field.since) versions.add(field.since);
  for (const service of model.services) {
    for (const op of service.operations) {
      const number = op.recommendedInterfaceVersion
        ? /(\d+(?:\.\d+)+)$/.exec(op.recommendedInterfaceVersion)?.[1]
        : undefined;
      if (number) versions.add(number);
    }
  }
  return [...versions].sort(compareVersions);
}

export function diffMarkdown(diff: ContractDiff, title: string): string {
  const lines = [
    `# ${markdownText(title, 500)}`,
    '',
    `${diff.changes.length} change${diff.changes.length === 1 ? '' : 's'}, ${diff.breaking} breaking.`,
  ];
  if (diff.changes.length === 0) return `${lines.join('\n')}\n`;
  lines.push('', '| | change | where | what | detail |', '| --- | --- | --- | --- | --- |');
  for (const c of diff.changes) {
    // Paths and details carry names and values from the contracts: escaped for a markdown cell (escape.ts).
    lines.push(
      `| ${c.breaking ? 'BREAKING' : ''} | ${c.change} | ${markdownText(c.path)} | ${c.what} | ` +
        `${markdownText(c.detail, 500)} |`,
    );
  }
  return `${lines.join('\n')}\n`;
}
