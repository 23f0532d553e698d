// `generate --services a,b` / `--operations service.op,...`: the part of a contract model a merchant asks for. The
// services and operations named, and only the structs and enums their requests and responses reach.
import type { ContractModel, StructModel, TypeRef } from './ir';

export interface Selection {
  /** Service names to keep (all when absent). */
  readonly services?: readonly string[];
  /** Operations to keep, as `service.operation` or a bare operation name (all of the kept services' when absent). */
  readonly operations?: readonly string[];
}

/** A name in `--services`/`--operations` that the contract does not have, with the names it does have. */
export class UnknownSelectionError extends Error {
  override readonly name = 'UnknownSelectionError';
  constructor(
    readonly unknown: readonly string[],
    readonly known: readonly string[],
    what: 'service' | 'operation',
  ) {
    super(`unknown ${what}${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}`);
  }
}

/** The model reduced to the selection; an unknown service or operation is an UnknownSelectionError. */
export function selectContract(model: ContractModel, selection: Selection): ContractModel {
  if (!selection.services?.length && !selection.operations?.length) return model;
  const serviceNames = model.services.map((s) => s.name);
  const unknownServices = (selection.services ?? []).filter((name) => !serviceNames.includes(name));
  if (unknownServices.length > 0) throw new UnknownSelectionError(unknownServices, serviceNames, 'service');
  const allOperations = model.services.flatMap((s) => s.operations.map((o) => `${s.name}.${o.name}`));
  const wanted = (selection.operations ?? []).map((name) =>
    name.includes('.') ? name : allOperations.filter((full) => full.endsWith(`.${name}`)).join('|') || name,
  );
  const unknownOperations = wanted.filter((name) => !name.split('|').every((full) => allOperations.includes(full)));
  if (unknownOperations.length > 0) throw new UnknownSelectionError(unknownOperations, allOperations, 'operation');
  const keptOperations = new Set(wanted.flatMap((name) => name.split('|')));
  const services = model.services
    .filter((s) => (selection.services?.length ? selection.services.includes(s.name) : true))
    .map((s) => ({
      ...s,
      operations:
        keptOperations.size > 0 ? s.operations.filter((o) => keptOperations.has(`${s.name}.${o.name}`)) : s.operations,
    }))
    .filter((s) => s.operations.length > 0 || keptOperations.size === 0);
  // The structs and enums reached from the kept operations, through fields and derived types.
  const structs = new Map(model.structs.map((s) => [s.name, s]));
  const reached = new Set<string>();
  const enums = new Set<string>();
  const visitType = (type: TypeRef): void => {
    if (type.kind === 'enum') enums.add(type.name);
    if (type.kind === 'struct') visit(type.name);
  };
  const visit = (name: string): void => {
    if (reached.has(name)) return;
    reached.add(name);
    const struct: StructModel | undefined = structs.get(name);
    for (const field of struct?.fields ?? []) {
      visitType(field.type);
      for (const derived of field.derived ?? []) visit(derived.struct);
    }
  };
  for (const operation of services.flatMap((s) => s.operations)) {
    visit(operation.request);
    if (operation.response) visit(operation.response);
  }
  const decisions = model.decisions?.filter((d) => services.some((s) => s.name === d.service));
  return {
    ...model,
    services,
    structs: model.structs.filter((s) => reached.has(s.name)),
    enums: model.enums.filter((e) => enums.has(e.name)),
    ...(decisions ? { decisions } : {}),
  };
}

/** `a,b , c` as ['a', 'b', 'c'] (a repeated option's values joined). */
export function listOption(values: readonly string[]): string[] {
  return values
    .flatMap((value) => value.split(','))
    .map((name) => name.trim())
    .filter((name) => name !== '');
}
