// IR to the runtime's descriptor data (src/runtime/descriptor.ts) as plain objects: the emitter prints exactly
// these, and tools that run the runtime straight from a model (the conformance run) use them as they are.
import {
  compareVersions,
  type EnumCode,
  type EnumDescriptor,
  type FieldDescriptor,
  type OperationDescriptor,
  type SchemaTables,
  type ServiceDescriptor,
  type StructDescriptor,
} from 'sogenactif-office/internal';
import type { ContractModel, EnumModel, FieldModel, OperationModel, ServiceModel, StructModel } from './ir';

/** What a struct's fields share, said once on the struct: their namespace ('' unqualified) and since-version. */
export interface FieldDefaults {
  readonly ns?: string;
  readonly since?: string;
}

/**
 * A field's descriptor; `ns` and `since` only where they differ from its struct's `defaults` (an unqualified
 * field of a qualified struct says `ns: ''`).
 */
export function fieldDescriptor(field: FieldModel, defaults: FieldDefaults = {}): FieldDescriptor {
  const type: FieldDescriptor['type'] =
    field.type.kind === 'primitive'
      ? field.type.primitive
      : field.type.kind === 'enum'
        ? { enum: field.type.name }
        : { struct: field.type.name };
  let list: FieldDescriptor['list'];
  if (field.list?.kind === 'repeated') list = 'repeated';
  else if (field.list)
    list = { item: field.list.item, ...(field.list.itemNamespace ? { ns: field.list.itemNamespace } : {}) };
  return {
    name: field.name,
    ...(field.element !== field.name && field.xml !== 'text' ? { element: field.element } : {}),
    ...(field.namespace !== (defaults.ns ?? '') ? { ns: field.namespace } : {}),
    ...(field.xml === 'attribute' ? { attribute: true as const } : field.xml === 'text' ? { text: true as const } : {}),
    type,
    ...(field.required ? { required: true as const } : {}),
    ...(field.nillable ? { nillable: true as const } : {}),
    ...(list ? { list } : {}),
    ...(field.facets ? { facets: field.facets } : {}),
    ...(field.tokens ? { tokens: true as const } : {}),
    ...(field.derived
      ? { derived: Object.fromEntries(field.derived.map((d) => [d.struct, { ns: d.namespace, type: d.local }])) }
      : {}),
    ...(field.fixed !== undefined ? { fixed: field.fixed } : {}),
    ...(field.default !== undefined ? { default: field.default } : {}),
    ...(field.since && field.since !== defaults.since ? { since: field.since } : {}),
    ...(field.sensitive ? { sensitive: field.sensitive } : {}),
  };
}

/**
 * A struct's field defaults: the namespace most of its fields have, and the earliest since-version when
 * every field has one (so a field names its since-version only when it came later than its struct).
 */
export function fieldDefaults(struct: StructModel): FieldDefaults {
  if (struct.fields.length === 0) return {};
  const ns = mostCommon(struct.fields.map((f) => f.namespace));
  const versions = struct.fields.map((f) => f.since);
  const since = versions.every((v): v is string => v !== undefined)
    ? versions.reduce((a, b) => (compareVersions(b, a) < 0 ? b : a))
    : undefined;
  return { ...(ns ? { ns } : {}), ...(since ? { since } : {}) };
}

/** A struct's descriptor: its field defaults, then each field with only what differs from them. */
export function structDescriptor(struct: StructModel): StructDescriptor {
  const defaults = fieldDefaults(struct);
  return {
    ...defaults,
    fields: struct.fields.map((f) => fieldDescriptor(f, defaults)),
    ...(struct.open ? { any: true as const } : {}),
    ...(struct.anyAttributes ? { anyAttributes: true as const } : {}),
    ...(struct.choices
      ? { choices: struct.choices.map((c) => ({ of: c.branches, ...(c.required ? { required: true as const } : {}) })) }
      : {}),
  };
}

/** The value most items have (the first of them on a tie); undefined for no items. */
export function mostCommon<T>(items: readonly T[]): T | undefined {
  const counts = new Map<T, number>();
  for (const item of items) counts.set(item, (counts.get(item) ?? 0) + 1);
  let best: T | undefined;
  let bestCount = 0;
  for (const [item, count] of counts) if (count > bestCount) [best, bestCount] = [item, count];
  return best;
}

/** A list's descriptor: one row per value, `[value, meaning, outcome]`, trailing parts left out (null: no meaning). */
export function enumDescriptor(enumModel: EnumModel): EnumDescriptor {
  const codes = enumModel.values.map((v): EnumCode =>
    v.outcome ? [v.value, v.meaning ?? null, v.outcome] : v.meaning ? [v.value, v.meaning] : [v.value],
  );
  return { codes, ...(enumModel.open ? { open: true as const } : {}) };
}

/** An operation's descriptor without its schema tables (the emitter appends a reference to them). */
export function operationFields(service: ServiceModel, op: OperationModel): Omit<OperationDescriptor, 'schema'> {
  const responseLocal = op.responseElement?.local ?? '';
  // The body element's namespace; for a bare request (no body element) the reply's.
  const namespace = op.requestElement.local ? op.requestElement.namespace : (op.responseElement?.namespace ?? '');
  return {
    service: service.name,
    name: op.name,
    namespace,
    soapAction: op.soapAction,
    soapVersion: op.soapVersion,
    ...(op.style ? { style: op.style } : {}),
    requestElement: op.requestElement.local,
    responseElement: responseLocal,
    ...(responseLocal && op.responseElement!.namespace !== namespace
      ? { responseNamespace: op.responseElement!.namespace }
      : {}),
    ...(op.requestWrapper ? { requestWrapper: op.requestWrapper.local } : {}),
    ...(op.responseWrapper ? { responseWrapper: op.responseWrapper.local } : {}),
    ...(op.requestWrapper?.namespace ? { requestWrapperNamespace: op.requestWrapper.namespace } : {}),
    request: op.request,
    ...(op.requestHeaders ? { requestHeaders: op.requestHeaders } : {}),
    response: op.response ?? '',
    ...(op.response === undefined ? { oneWay: true as const } : {}),
    ...(op.recommendedInterfaceVersion ? { recommendedInterfaceVersion: op.recommendedInterfaceVersion } : {}),
    category: op.category,
    ...(op.codeField ? { codeField: op.codeField } : {}),
    ...(op.jsonPath ? { jsonPath: op.jsonPath } : {}),
    ...(op.wire ? { wire: op.wire } : {}),
    ...(op.requiresOneOf ? { requiresOneOf: op.requiresOneOf } : {}),
    // A foreign contract's calls go to its own soap:address, never to an Office endpoint.
    ...(service.foreign && service.location ? { address: service.location } : {}),
  };
}

/** Every service's descriptor, sharing one schema table with every type of the model. */
export function serviceDescriptors(model: ContractModel): Record<string, ServiceDescriptor> {
  const schema: SchemaTables = {
    structs: Object.fromEntries(model.structs.map((s) => [s.name, structDescriptor(s)])),
    enums: Object.fromEntries(model.enums.map((e) => [e.name, enumDescriptor(e)])),
  };
  return Object.fromEntries(
    model.services.map((service) => [
      service.name,
      {
        name: service.name,
        namespace: service.namespace,
        ...(service.interfaceVersionPrefix ? { interfaceVersionPrefix: service.interfaceVersionPrefix } : {}),
        operations: Object.fromEntries(
          service.operations.map((op) => [op.identifier, { ...operationFields(service, op), schema }]),
        ),
      },
    ]),
  );
}
