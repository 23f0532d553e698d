// The platform overlay: what we know about Sogenactif (meanings, value lists, code fields, operation kinds,
// recommended interface versions, sensitive fields) applied to a structural model read from any WSDL,
// matched by service, operation and field name, then conventions for what no dictionary knows.
import type {
  ContractModel,
  DictionaryFile,
  DictionaryOperation,
  EnumModel,
  FieldModel,
  OperationCategory,
  OperationModel,
  ServiceModel,
  StructModel,
} from './ir';
import { OPERATION_NAME_CATEGORIES, UNLISTED_OPERATION_CATEGORY } from 'sogenactif-office/internal';
import { pascalCase } from './names';

/** Dictionaries merged into one common layer and one layer per service (keys compared case-insensitively). */
export interface Overlay {
  readonly common: DictionaryFile;
  readonly services: ReadonlyMap<string, DictionaryFile>;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * Merges dictionary files in order: a later file's entry (operation, field, value list) replaces the same
 * entry of an earlier one key by key, so a merchant's overlay can override a single property.
 */
export function mergeDictionaries(files: readonly DictionaryFile[]): Overlay {
  let common: DictionaryFile = { scope: 'common' };
  const services = new Map<string, DictionaryFile>();
  for (const file of files) {
    if (file.scope === 'common') common = mergeFile(common, file);
    else if (file.scope === 'service' && file.service) {
      const key = file.service.toLowerCase();
      services.set(key, mergeFile(services.get(key) ?? { scope: 'service', service: file.service }, file));
    }
  }
  return { common, services };
}

function mergeFile(base: DictionaryFile, top: DictionaryFile): DictionaryFile {
  const out: Mutable<DictionaryFile> = { ...base };
  for (const key of ['interfaceVersionPrefix', 'description', 'codeField'] as const)
    if (top[key] !== undefined) out[key] = top[key];
  if (top.operations) out.operations = mergeEntries(base.operations, top.operations);
  if (top.fields) out.fields = mergeEntries(base.fields, top.fields);
  if (top.valueLists) out.valueLists = mergeEntries(base.valueLists, top.valueLists);
  if (top.sources) out.sources = { ...base.sources, ...top.sources };
  return out;
}

function mergeEntries<T extends object>(
  base: Readonly<Record<string, T>> | undefined,
  top: Readonly<Record<string, T>>,
): Record<string, T> {
  const out: Record<string, T> = { ...base };
  for (const [name, entry] of Object.entries(top)) out[name] = { ...out[name], ...entry };
  return out;
}

/** An entry by exact name, else by name compared case-insensitively (getPDFMandate and getPdfMandate). */
function lookup<T>(table: Readonly<Record<string, T>> | undefined, name: string): T | undefined {
  if (!table) return undefined;
  if (Object.prototype.hasOwnProperty.call(table, name)) return table[name];
  const lower = name.toLowerCase();
  const found = Object.keys(table).find((k) => k.toLowerCase() === lower);
  return found === undefined ? undefined : table[found];
}

/**
 * Applies the overlay, then the conventions, to a structural model: to the services named in `described` (all when
 * absent) and the types they reach; types no service reaches are described when `unreached` says so.
 */
export function applyDictionary(
  model: ContractModel,
  overlay: Overlay,
  described?: ReadonlySet<string>,
  unreached = true,
): ContractModel {
  const applies = describedTypes(model, described, unreached);
  const serviceNames = new Set(model.services.map((s) => s.name));
  const serviceLayers = [...overlay.services.keys()].sort().map((k) => overlay.services.get(k)!);
  const layersFor = (module: string): DictionaryFile[] => {
    // A service's own types read its dictionary first; shared types (common.xsd and the like) read the common
    // layer first, then the service dictionaries in name order, so they carry the same text whichever service
    // uses them.
    const own = serviceNames.has(module) ? overlay.services.get(module.toLowerCase()) : undefined;
    return own ? [own, overlay.common] : [overlay.common, ...serviceLayers];
  };
  const structs = model.structs.map((struct) =>
    applies.struct(struct.name) ? describeStruct(struct, layersFor(struct.module)) : struct,
  );
  const { enums, openLists } = describeEnums(model, structs, overlay, layersFor, applies);
  const withOpenLists =
    openLists.size === 0
      ? structs
      : structs.map((struct) => (applies.struct(struct.name) ? useOpenLists(struct, openLists) : struct));
  const byName = new Map(withOpenLists.map((s) => [s.name, s]));
  const services = model.services.map((service) =>
    !described || described.has(service.name)
      ? describeService(service, overlay.services.get(service.name.toLowerCase()), byName)
      : service,
  );
  return { ...model, services, structs: withOpenLists, enums };
}

/** Which structs and enums the overlay describes: those the described services reach (every one when all are). */
function describedTypes(
  model: ContractModel,
  described: ReadonlySet<string> | undefined,
  unreached: boolean,
): { struct: (name: string) => boolean; enum: (name: string) => boolean } {
  if (!described || (unreached && model.services.every((s) => described.has(s.name))))
    return { struct: () => true, enum: () => true };
  const structs = new Map(model.structs.map((s) => [s.name, s]));
  const reach = (services: readonly ServiceModel[]): { structs: Set<string>; enums: Set<string> } => {
    const out = { structs: new Set<string>(), enums: new Set<string>() };
    const visit = (name: string): void => {
      const struct = structs.get(name);
      if (!struct || out.structs.has(name)) return;
      out.structs.add(name);
      for (const field of struct.fields) {
        if (field.type.kind === 'struct') visit(field.type.name);
        else if (field.type.kind === 'enum') out.enums.add(field.type.name);
      }
    };
    for (const operation of services.flatMap((s) => s.operations)) {
      visit(operation.request);
      if (operation.response) visit(operation.response);
    }
    return out;
  };
  const yes = reach(model.services.filter((s) => described.has(s.name)));
  const any = reach(model.services);
  return {
    struct: (name) => yes.structs.has(name) || (unreached && !any.structs.has(name)),
    enum: (name) => yes.enums.has(name) || (unreached && !any.enums.has(name)),
  };
}

function describeStruct(struct: StructModel, layers: readonly DictionaryFile[]): StructModel {
  const own = fieldEntry(layers, struct.xsdName);
  return {
    ...struct,
    ...(struct.description === undefined && own.description ? { description: own.description } : {}),
    fields: struct.fields.map((field) => {
      const entry = fieldEntry(layers, field.element || field.name);
      return {
        ...field,
        ...(field.description === undefined && entry.description ? { description: entry.description } : {}),
        ...(field.since === undefined && entry.since ? { since: entry.since } : {}),
        ...(field.sensitive === undefined && entry.sensitive ? { sensitive: entry.sensitive } : {}),
        // The format in words and an example go where the checks are (the facets), for the messages of a bad value.
        ...(field.facets && entry.format
          ? { facets: { ...field.facets, format: entry.format, ...(entry.example ? { example: entry.example } : {}) } }
          : {}),
        ...(entry.description === undefined && entry.since === undefined && field.xml !== 'text'
          ? { undocumented: true as const }
          : {}),
      };
    }),
  };
}

/** A field's entry merged over the layers, the first layer that says something winning. */
type FieldEntry = NonNullable<DictionaryFile['fields']>[string];

function fieldEntry(
  layers: readonly DictionaryFile[],
  name: string,
): { -readonly [K in keyof FieldEntry]: FieldEntry[K] } {
  const out: { -readonly [K in keyof FieldEntry]: FieldEntry[K] } = {};
  if (!name) return out;
  for (const layer of layers) {
    const entry = lookup(layer.fields, name);
    if (!entry) continue;
    out.description ??= entry.description;
    out.since ??= entry.since;
    out.sensitive ??= entry.sensitive;
    out.valueList ??= entry.valueList;
    out.format ??= entry.format;
    out.example ??= entry.example;
  }
  return Object.fromEntries(Object.entries(out).filter(([, v]) => v !== undefined));
}

type ValueList = NonNullable<DictionaryFile['valueLists']>[string];

/** The value list documented for a simple type name, or for a field name (its `valueList`, or a list named like it). */
function valueListFor(
  layers: readonly DictionaryFile[],
  typeName: string | undefined,
  fieldNames: readonly string[],
): ValueList | undefined {
  for (const name of [typeName, ...fieldNames]) {
    if (!name) continue;
    for (const layer of layers) {
      const list = lookup(layer.valueLists, name);
      if (list) return list;
    }
  }
  for (const field of fieldNames) {
    const named = fieldEntry(layers, field).valueList;
    if (!named) continue;
    for (const layer of layers) {
      const list = lookup(layer.valueLists, named);
      if (list) return list;
    }
  }
  return undefined;
}

/**
 * Enumerations get their meanings and outcomes by type name, else by the names of the fields that use them
 * (a newer WSDL may name its types otherwise). A plain string field whose name has a documented value list
 * gets an open list: the known values with their meanings, any other value still accepted.
 */
function describeEnums(
  model: ContractModel,
  structs: readonly StructModel[],
  overlay: Overlay,
  layersFor: (module: string) => DictionaryFile[],
  applies: { struct: (name: string) => boolean; enum: (name: string) => boolean },
): { enums: EnumModel[]; openLists: Map<string, string> } {
  const usedBy = new Map<string, Set<string>>();
  for (const struct of structs) {
    if (!applies.struct(struct.name)) continue;
    for (const field of struct.fields) {
      if (field.type.kind !== 'enum') continue;
      if (!usedBy.has(field.type.name)) usedBy.set(field.type.name, new Set());
      usedBy.get(field.type.name)!.add(field.element || field.name);
    }
  }
  const enums: EnumModel[] = model.enums.map((enumModel) => {
    if (!applies.enum(enumModel.name)) return enumModel;
    const list = valueListFor(
      layersFor(enumModel.module),
      enumModel.xsdName,
      [...(usedBy.get(enumModel.name) ?? [])].sort(),
    );
    if (!list) return enumModel;
    return {
      ...enumModel,
      ...(enumModel.description === undefined && list.description ? { description: list.description } : {}),
      values: enumModel.values.map((v) => ({
        ...v,
        ...(v.meaning === undefined && list.values[v.value] ? { meaning: list.values[v.value] } : {}),
        ...(v.outcome === undefined && list.outcomes?.[v.value] ? { outcome: list.outcomes[v.value] } : {}),
      })),
    };
  });
  // Open lists for plain string fields, one per field name, in a shared module when a shared type uses the
  // field (else the first module in name order), so a list is written once.
  const taken = new Set([
    ...model.structs.map((s) => s.name),
    ...model.enums.map((e) => e.name),
    ...model.services.map((s) => `${pascalCase(s.name)}Client`),
  ]);
  const serviceModules = new Set(model.services.map((s) => s.name));
  const candidates = new Map<string, { modules: Set<string>; list: ValueList }>();
  for (const struct of structs) {
    if (!applies.struct(struct.name)) continue;
    for (const field of struct.fields) {
      if (field.type.kind !== 'primitive' || field.type.primitive !== 'string' || field.xml === 'text') continue;
      const element = field.element || field.name;
      const list = candidates.get(element)?.list ?? valueListFor(layersFor(struct.module), undefined, [element]);
      if (!list) continue;
      if (!candidates.has(element)) candidates.set(element, { modules: new Set(), list });
      candidates.get(element)!.modules.add(struct.module);
    }
  }
  const openLists = new Map<string, string>();
  for (const element of [...candidates.keys()].sort()) {
    const { modules, list } = candidates.get(element)!;
    const sorted = [...modules].sort();
    const module = sorted.find((m) => !serviceModules.has(m)) ?? sorted[0]!;
    let name = `${pascalCase(element)}Value`;
    for (let n = 2; taken.has(name); n++) name = `${pascalCase(element)}Value${n}`;
    taken.add(name);
    openLists.set(element, name);
    enums.push({
      kind: 'enum',
      name,
      module,
      xsdName: element,
      open: true,
      description:
        list.description ??
        `Documented values of ${element}; the contract types it as a string, so other values are accepted too.`,
      values: Object.keys(list.values)
        .sort()
        .map((value) => ({
          value,
          meaning: list.values[value]!,
          ...(list.outcomes?.[value] ? { outcome: list.outcomes[value] } : {}),
        })),
    });
  }
  enums.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { enums, openLists };
}

function useOpenLists(struct: StructModel, openLists: ReadonlyMap<string, string>): StructModel {
  let changed = false;
  const fields = struct.fields.map((field) => {
    const name =
      field.type.kind === 'primitive' && field.type.primitive === 'string' && field.xml !== 'text'
        ? openLists.get(field.element || field.name)
        : undefined;
    if (!name) return field;
    changed = true;
    return { ...field, type: { kind: 'enum' as const, name } };
  });
  return changed ? { ...struct, fields } : struct;
}

function describeService(
  service: ServiceModel,
  dictionary: DictionaryFile | undefined,
  structs: ReadonlyMap<string, StructModel>,
): ServiceModel {
  return {
    ...service,
    ...(service.interfaceVersionPrefix === undefined && dictionary?.interfaceVersionPrefix
      ? { interfaceVersionPrefix: dictionary.interfaceVersionPrefix }
      : {}),
    ...(service.description === undefined && dictionary?.description ? { description: dictionary.description } : {}),
    operations: service.operations.map((operation) => describeOperation(service, operation, dictionary, structs)),
  };
}

function describeOperation(
  service: ServiceModel,
  operation: OperationModel,
  dictionary: DictionaryFile | undefined,
  structs: ReadonlyMap<string, StructModel>,
): OperationModel {
  const entry: DictionaryOperation | undefined = lookup(dictionary?.operations, operation.name);
  const responseFields = operation.response ? (structs.get(operation.response)?.fields ?? []) : [];
  const codeField =
    operation.codeField ??
    entry?.codeField ??
    conventionalCodeField(service.name, responseFields, dictionary?.codeField);
  const out: Mutable<OperationModel> = {
    ...operation,
    // The dictionary's kind, else the kind by naming convention (Office names only: see office.ts).
    category: entry?.kind ?? conventionalCategory(operation.name),
  };
  if (codeField) out.codeField = codeField;
  if (entry?.description && out.description === undefined) out.description = entry.description;
  if (entry?.recommendedInterfaceVersion) out.recommendedInterfaceVersion = entry.recommendedInterfaceVersion;
  if (entry?.status) out.status = entry.status;
  if (entry?.sources) out.sources = entry.sources;
  if (entry?.inference) out.inference = entry.inference;
  if (entry?.note) out.note = entry.note;
  // The JSON endpoint's last segment names the operation on that wire (getPDFMandate for getPdfMandate).
  const jsonPath = entry?.jsonPath ?? entry?.endpoints?.json?.split('/').filter(Boolean).pop();
  if (jsonPath && jsonPath !== operation.name) out.jsonPath = jsonPath;
  if (entry?.wire === 'json' || (entry?.endpoints?.json && !entry.endpoints.soap)) out.wire = 'json';
  if (entry?.requiresOneOf) out.requiresOneOf = entry.requiresOneOf;
  if (!entry) out.undocumented = true;
  return out;
}

/** Response code fields that report something other than the operation's outcome. */
const NOT_OUTCOME_CODES = new Set([
  'acquirerResponseCode',
  'recurringResponseCode',
  'authorisationResponseCode',
  'bankResponseCode',
  'complementaryResponseCode',
]);

/**
 * The reply field that carries the outcome, by convention: the dictionary's service-wide field when the
 * reply has it, else `responseCode`, else the one `<service>ResponseCode` (or the one other `*ResponseCode`).
 */
export function conventionalCodeField(
  service: string,
  fields: readonly FieldModel[],
  serviceCodeField?: string,
): string | undefined {
  const names = fields.filter((f) => !f.xml && !f.list).map((f) => f.name);
  if (serviceCodeField && names.includes(serviceCodeField)) return serviceCodeField;
  if (names.includes('responseCode')) return 'responseCode';
  const candidates = names.filter((n) => /^[a-z][A-Za-z0-9]*ResponseCode$/.test(n) && !NOT_OUTCOME_CODES.has(n));
  const own = candidates.find((n) => n.toLowerCase() === `${service.toLowerCase()}responsecode`);
  if (own) return own;
  return candidates.length === 1 ? candidates[0] : undefined;
}

/**
 * The operation kind from its name where the name is unambiguous (the platform's naming conventions,
 * OPERATION_NAME_CATEGORIES): get*, search*, *Inquire read; the known payment and cash-management names;
 * *Initialize starts a redirect flow; anything else is a write, which the client never resends automatically.
 */
export function conventionalCategory(operation: string): OperationCategory {
  return OPERATION_NAME_CATEGORIES.find((rule) => rule.name.test(operation))?.category ?? UNLISTED_OPERATION_CATEGORY;
}

/** What no dictionary knows, one line each ("service.operation", "Type.field (in service.operation's reply)"). */
export function undocumentedParts(model: ContractModel): string[] {
  const structs = new Map(model.structs.map((s) => [s.name, s]));
  const lines = new Set<string>();
  const visit = (name: string, where: string, seen: Set<string>): void => {
    const struct = structs.get(name);
    if (!struct || seen.has(name)) return;
    seen.add(name);
    for (const field of struct.fields) {
      if (field.undocumented) lines.add(`field ${struct.name}.${field.name} (${where})`);
      if (field.type.kind === 'struct') visit(field.type.name, where, seen);
    }
  };
  for (const service of model.services) {
    for (const operation of service.operations) {
      if (operation.undocumented)
        lines.add(
          `operation ${service.name}.${operation.name} (kind ${operation.category} by convention` +
            `${operation.codeField ? `, outcome in ${operation.codeField}` : ', no outcome field found'}` +
            `${operation.recommendedInterfaceVersion ? '' : ', no recommended interfaceVersion'})`,
        );
      visit(operation.request, `${service.name}.${operation.name} request`, new Set());
      if (operation.response) visit(operation.response, `${service.name}.${operation.name} reply`, new Set());
    }
  }
  return [...lines].sort();
}
