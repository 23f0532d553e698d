// What every per-output emitter reads: the model indexed once, the options, and the names of the generated values
// (shared by the files that declare them and the manifest that lists them). A plain object, no class.
import type { StatementStructures } from 'ts-morph';
import type { ContractModel, EnumModel, OperationModel, ServiceModel, StructModel } from '../ir';
import { camel, pascal } from './print';

export interface EmitOptions {
  /** Module specifier generated files import the runtime types from; a relative one is relative to the output root. */
  readonly runtimeImport: string;
  /** Written on relative imports: '' or '.js' (ESM with node16/nodenext resolution; folders become folder/index.js). */
  readonly importExtension?: '' | '.js';
}

export interface EmitContext {
  readonly model: ContractModel;
  readonly options: EmitOptions;
  readonly structs: ReadonlyMap<string, StructModel>;
  readonly enums: ReadonlyMap<string, EnumModel>;
  /** Structs that are an operation's request. */
  readonly requestStructs: ReadonlySet<string>;
  /**
   * Request structs used by an operation with no recommended interfaceVersion: interfaceVersion stays required there.
   */
  readonly withoutDefaultVersion: ReadonlySet<string>;
  /**
   * Request structs whose operation has the dictionary's "exactly one of" rule: the type is a union of its
   * alternatives.
   */
  readonly alternatives: ReadonlyMap<string, readonly (readonly string[])[]>;
}

/** Statements of one file: laid-out text, or ts-morph structures printed with the fixed settings. */
export type Statements = (string | StatementStructures)[];

export function createContext(model: ContractModel, options: EmitOptions): EmitContext {
  const requestStructs = new Set<string>();
  const withoutDefaultVersion = new Set<string>();
  const alternatives = new Map<string, readonly (readonly string[])[]>();
  for (const service of model.services) {
    for (const op of service.operations) {
      requestStructs.add(op.request);
      if (!op.recommendedInterfaceVersion) withoutDefaultVersion.add(op.request);
      if (op.requiresOneOf) alternatives.set(op.request, op.requiresOneOf);
    }
  }
  return {
    model,
    options,
    structs: new Map(model.structs.map((s) => [s.name, s])),
    enums: new Map(model.enums.map((e) => [e.name, e])),
    requestStructs,
    withoutDefaultVersion,
    alternatives,
  };
}

/** The folders of the generated code: one per service and per module of types, sorted. */
export function modulesOf(model: ContractModel): string[] {
  return [
    ...new Set([
      ...model.services.map((s) => s.name),
      ...model.structs.map((s) => s.module),
      ...model.enums.map((e) => e.module),
    ]),
  ].sort();
}

/** Modules whose types a service's operations reach, the service's own first. */
export function modulesReached(ctx: EmitContext, service: ServiceModel): string[] {
  const seen = new Set<string>();
  const modules = new Set<string>();
  const visit = (name: string): void => {
    if (seen.has(name)) return;
    seen.add(name);
    const struct = ctx.structs.get(name);
    if (!struct) return;
    modules.add(struct.module);
    for (const field of struct.fields) {
      if (field.type.kind === 'struct') visit(field.type.name);
      else if (field.type.kind === 'enum') modules.add(ctx.enums.get(field.type.name)!.module);
    }
  };
  for (const op of service.operations) {
    visit(op.request);
    if (op.response) visit(op.response);
  }
  return [...modules].sort();
}

/** A relative specifier with the configured extension; a folder (its index) spelled out when one is needed. */
export function rel(ctx: EmitContext, spec: string, folder = false): string {
  const ext = ctx.options.importExtension ?? '';
  if (ext === '') return spec;
  return folder ? `${spec}/index${ext}` : `${spec}${ext}`;
}

/**
 * Runtime specifier as seen from a module folder (`depth` 1) or the root (0); relative ones are relative to the output
 * root.
 */
export function runtimeImport(ctx: EmitContext, depth = 1): string {
  const spec = ctx.options.runtimeImport;
  return spec.startsWith('.') ? rel(ctx, `${'../'.repeat(depth)}${spec.replace(/^\.\//, '')}`) : spec;
}

// The names of the generated values.
export const structsConst = (module: string): string => `${camel(module)}Structs`;
export const enumsConst = (module: string): string => `${camel(module)}Enums`;
export const schemaConst = (service: ServiceModel): string => `${camel(service.name)}Schema`;
export const operationConst = (op: OperationModel): string => `${op.identifier}Operation`;
export const serviceConst = (service: ServiceModel): string => `${camel(service.name)}Service`;
export const clientFactory = (service: ServiceModel): string => `create${pascal(service.name)}Client`;
export const clientInterface = (service: ServiceModel): string => `${pascal(service.name)}Client`;
