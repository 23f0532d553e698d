// What a contract offers, for people (text) and machines (JSON): services, endpoints per environment,
// operations, and each operation's request and response fields with types, mandatory flags, value
// lists, since-versions and the recommended interfaceVersion.
import { ENDPOINT_HOSTS, patternProblem } from 'sogenactif-office/internal';
import { reportText } from '../escape';
import type { ContractModel, EnumModel, FieldModel, OperationModel, ServiceModel, StructModel } from '../ir';

/** A foreign string on one line of the text rendering: never cut, controls and line breaks escaped. */
const t = (text: string): string => reportText(text, Infinity);

export interface FieldDescription {
  readonly name: string;
  readonly type: string;
  readonly required: boolean;
  readonly list: boolean;
  readonly since?: string;
  /** Set on request fields the client fills itself: what it puts there (the merchant does not pass them). */
  readonly filledByClient?: string;
  readonly description?: string;
  readonly constraints?: string;
  readonly values?: readonly { readonly value: string; readonly meaning?: string }[];
  readonly fields?: readonly FieldDescription[];
}

export interface OperationDescription {
  readonly name: string;
  readonly description?: string;
  readonly status?: string;
  readonly recommendedInterfaceVersion?: string;
  readonly kind: string;
  readonly codeField?: string;
  /** Both wires per environment: SOAP (absent when the operation is documented with a JSON endpoint only) and JSON. */
  readonly endpoints: Readonly<Record<string, { readonly soap?: string; readonly json: string }>>;
  readonly request: readonly FieldDescription[];
  readonly response: readonly FieldDescription[];
  /** The dictionary's rule the WSDL cannot say: exactly one of these alternatives (dotted field paths) is required. */
  readonly requiresOneOf?: readonly (readonly string[])[];
}

export interface ServiceDescription {
  readonly name: string;
  readonly description?: string;
  readonly interfaceVersionPrefix?: string;
  readonly namespace: string;
  readonly endpoints: Readonly<Record<string, string>>;
  readonly operations: readonly OperationDescription[];
}

/** The request header fields the client fills from its configuration, and what it puts there. */
const CLIENT_FIELDS: Readonly<Record<string, string>> = {
  merchantId: 'from its configuration (merchantId)',
  keyVersion: 'from its configuration (keyVersion)',
  seal: 'the seal it computes',
  sealAlgorithm: 'from its configuration (sealAlgorithm; sent only when not HMAC-SHA-256)',
};

/** What the client puts in a top-level request field of `op` on its own, or undefined when the merchant passes it. */
export function filledByClient(op: OperationModel, field: FieldModel, request: StructModel): string | undefined {
  if (CLIENT_FIELDS[field.name]) return CLIENT_FIELDS[field.name];
  if (field.name === 'interfaceVersion' && op.recommendedInterfaceVersion)
    return `${op.recommendedInterfaceVersion} unless passed (or interfaceVersions in the client configuration)`;
  if (
    field.name === 'transactionReference' &&
    op.category === 'payment' &&
    request.fields.some((f) => f.name === 'amount' && f.required)
  )
    return 'generated when absent (generateTransactionReferences)';
  return undefined;
}

export class UnknownTargetError extends Error {
  override readonly name = 'UnknownTargetError';
}

export function describeContract(model: ContractModel, target?: string): ServiceDescription[] {
  const structs = new Map(model.structs.map((s) => [s.name, s]));
  const enums = new Map(model.enums.map((e) => [e.name, e]));
  const [serviceName, operationName] = (target ?? '').split('.');
  const services = model.services.filter((s) => !serviceName || s.name === serviceName);
  if (services.length === 0)
    throw new UnknownTargetError(
      `unknown service "${serviceName}"; known: ${model.services.map((s) => s.name).join(', ')}`,
    );

  const fields = (
    structName: string | undefined,
    depth: number,
    seen: readonly string[],
    op?: OperationModel,
  ): FieldDescription[] => {
    const struct: StructModel | undefined = structName ? structs.get(structName) : undefined;
    if (!struct) return [];
    return struct.fields.map((field) =>
      describeField(field, depth, [...seen, struct.name], op && filledByClient(op, field, struct)),
    );
  };
  const describeField = (
    field: FieldModel,
    depth: number,
    seen: readonly string[],
    filled?: string,
  ): FieldDescription => {
    const type = field.type;
    const enumModel: EnumModel | undefined = type.kind === 'enum' ? enums.get(type.name) : undefined;
    const constraints = [
      field.facets?.maxLength !== undefined ? `max ${field.facets.maxLength} chars` : '',
      field.facets?.minLength !== undefined ? `min ${field.facets.minLength} chars` : '',
      field.facets?.pattern !== undefined ? `pattern ${field.facets.pattern}` : '',
      field.facets?.minInclusive !== undefined ? `>= ${field.facets.minInclusive}` : '',
      field.facets?.maxInclusive !== undefined ? `<= ${field.facets.maxInclusive}` : '',
    ]
      .filter(Boolean)
      .join(', ');
    const nested =
      type.kind === 'struct' && depth < 6 && !seen.includes(type.name) ? fields(type.name, depth + 1, seen) : [];
    return {
      name: field.name,
      type: type.kind === 'primitive' ? type.primitive : type.name,
      required: field.required,
      list: Boolean(field.list),
      ...(field.since ? { since: field.since } : {}),
      ...(filled ? { filledByClient: filled } : {}),
      ...(field.description ? { description: field.description } : {}),
      ...(constraints ? { constraints } : {}),
      ...(enumModel
        ? { values: enumModel.values.map((v) => ({ value: v.value, ...(v.meaning ? { meaning: v.meaning } : {}) })) }
        : {}),
      ...(nested.length > 0 ? { fields: nested } : {}),
    };
  };
  const describeOperation = (service: ServiceModel, op: OperationModel): OperationDescription => ({
    name: op.name,
    ...(op.description ? { description: op.description } : {}),
    ...(op.status ? { status: op.status } : {}),
    ...(op.recommendedInterfaceVersion ? { recommendedInterfaceVersion: op.recommendedInterfaceVersion } : {}),
    kind: op.category,
    ...(op.codeField ? { codeField: op.codeField } : {}),
    endpoints: Object.fromEntries(
      Object.entries(ENDPOINT_HOSTS).map(([env, host]) => [
        env,
        {
          ...(op.wire === 'json' ? {} : { soap: `${host}/services/v2/${service.name}` }),
          json: `${host}/rs-services/v2/${service.name}/${op.jsonPath ?? op.name}`,
        },
      ]),
    ),
    request: fields(op.request, 0, [], op),
    response: fields(op.response, 0, []),
    ...(op.requiresOneOf ? { requiresOneOf: op.requiresOneOf } : {}),
  });

  return services.map((service: ServiceModel) => {
    const operations = service.operations.filter((o) => !operationName || o.name === operationName);
    if (operationName && operations.length === 0) {
      throw new UnknownTargetError(
        `unknown operation "${service.name}.${operationName}"; known: ` +
          `${service.operations.map((o) => o.name).join(', ')}`,
      );
    }
    return {
      name: service.name,
      ...(service.description ? { description: service.description } : {}),
      ...(service.interfaceVersionPrefix ? { interfaceVersionPrefix: service.interfaceVersionPrefix } : {}),
      namespace: service.namespace,
      endpoints: Object.fromEntries(
        Object.entries(ENDPOINT_HOSTS).map(([env, host]) => [env, `${host}/services/v2/${service.name}`]),
      ),
      operations: operations.map((op) => describeOperation(service, op)),
    };
  });
}

/** Text rendering: a service overview, or every field of the operations asked for. */
export function describeText(services: readonly ServiceDescription[], detailed: boolean): string {
  const out: string[] = [];
  for (const service of services) {
    // Every string from the contract or its dictionary is shown on one line, controls escaped (escape.ts).
    out.push(
      `${t(service.name)}${service.interfaceVersionPrefix ? ` (${t(service.interfaceVersionPrefix)})` : ''}` +
        `${service.description ? `: ${t(service.description)}` : ''}`,
    );
    for (const [env, url] of Object.entries(service.endpoints)) out.push(`  ${env.padEnd(5)} ${t(url)}`);
    out.push(`  namespace ${t(service.namespace)}`);
    for (const op of service.operations) {
      out.push(
        `  ${t(op.name)}  [${op.kind}${op.status ? `, ${t(op.status)}` : ''}` +
          `${op.recommendedInterfaceVersion ? `, ${t(op.recommendedInterfaceVersion)}` : ''}]`,
      );
      if (!detailed) continue;
      if (op.description) out.push(`    ${t(op.description)}`);
      for (const [env, urls] of Object.entries(op.endpoints))
        out.push(
          `    ${env.padEnd(5)} ${urls.soap ? `SOAP ${t(urls.soap)}  ` : '(JSON only)  '}JSON POST ` +
            `${t(urls.json)}`,
        );
      out.push('    request:');
      if (op.requiresOneOf) out.push(`      one of (required): ${oneOfText(op.requiresOneOf)}`);
      renderFields(op.request, 6, out);
      out.push(`    response${op.codeField ? ` (outcome in ${t(op.codeField)})` : ''}:`);
      renderFields(op.response, 6, out);
    }
    out.push('');
  }
  return out.join('\n');
}

function renderFields(fields: readonly FieldDescription[], indent: number, out: string[]): void {
  const pad = ' '.repeat(indent);
  for (const f of fields) {
    const flags = [
      f.filledByClient ? `filled by the client: ${t(f.filledByClient)}` : f.required ? 'mandatory' : 'optional',
      f.since ? `since ${t(f.since)}` : '',
      t(f.constraints ?? ''),
    ]
      .filter(Boolean)
      .join(', ');
    out.push(
      `${pad}${t(f.name)}: ${t(f.type)}${f.list ? '[]' : ''}  (${flags})` +
        `${f.description ? `  ${t(f.description)}` : ''}`,
    );
    if (f.values)
      out.push(
        `${pad}  values: ${f.values.map((v) => t(v.meaning ? `${v.value} = ${v.meaning}` : v.value)).join('; ')}`,
      );
    if (f.fields) renderFields(f.fields, indent + 4, out);
  }
}

/** `transactionReference | s10TransactionReference.s10TransactionId + s10TransactionReference.s10TransactionIdDate`. */
function oneOfText(alternatives: readonly (readonly string[])[]): string {
  return alternatives.map((paths) => paths.join(' + ')).join('  |  ');
}

/** An operation's required-only view: the mandatory fields a merchant passes, and a minimal request to start from. */
export interface RequiredView {
  readonly operation: string;
  /** Dotted paths of the mandatory fields the merchant passes (nested ones under mandatory structures). */
  readonly required: readonly FieldDescription[];
  /** Exactly one of these alternatives is required too (the example request uses the first). */
  readonly requiresOneOf?: readonly (readonly string[])[];
  /** A minimal JSON request for `sogenactif call`: enum fields hold their first value, text fields a <placeholder>. */
  readonly example: Record<string, unknown>;
}

/** The required-only view of each operation described (fields the client fills are left out). */
export function requiredViews(services: readonly ServiceDescription[]): RequiredView[] {
  return services.flatMap((service) =>
    service.operations.map((op) => {
      const required = onlyRequired(op.request);
      const example = exampleOf(required);
      // The first alternative of the rule goes in the example (the others are named beside it).
      for (const path of op.requiresOneOf?.[0] ?? []) setPath(example, path, `<${path.split('.').pop()}>`);
      return {
        operation: `${service.name}.${op.name}`,
        required,
        ...(op.requiresOneOf ? { requiresOneOf: op.requiresOneOf } : {}),
        example,
      };
    }),
  );
}

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let node = target;
  for (const key of keys.slice(0, -1)) node = (node[key] ??= {}) as Record<string, unknown>;
  node[keys[keys.length - 1]!] = value;
}

function onlyRequired(fields: readonly FieldDescription[]): FieldDescription[] {
  return fields
    .filter((f) => f.required && !f.filledByClient)
    .map((f) => {
      const { fields: nested, ...rest } = f;
      const kept = nested ? onlyRequired(nested) : [];
      return kept.length > 0 ? { ...rest, fields: kept } : rest;
    });
}

/** A value of the field's type that a merchant replaces: never a card number, an IBAN or a key. */
function exampleValue(field: FieldDescription): unknown {
  if (field.fields) return exampleOf(field.fields);
  if (field.values && field.values.length > 0)
    return (field.values.find((v) => v.meaning?.includes('(default')) ?? field.values[0]!).value;
  if (field.type === 'integer' || field.type === 'number' || field.type === 'decimal')
    return field.name === 'amount' ? 1000 : Number(/>= (\d+)/.exec(field.constraints ?? '')?.[1] ?? 1);
  if (field.type === 'boolean') return false;
  // The dictionary's own example ("e.g. 978 for EUR") when it fits the field's pattern.
  const example = /e\.g\. ([^\s,;)]+)/.exec(field.description ?? '')?.[1]?.replace(/[.:]$/, '');
  const pattern = /pattern (\S+)/.exec(field.constraints ?? '')?.[1];
  if (example && pattern && patternProblem(pattern, example) === undefined) return example;
  return `<${field.name}>`;
}

function exampleOf(fields: readonly FieldDescription[]): Record<string, unknown> {
  return Object.fromEntries(fields.map((f) => [f.name, f.list ? [exampleValue(f)] : exampleValue(f)]));
}

/** Text rendering of the required-only views: each mandatory field, then the example request. */
export function requiredText(views: readonly RequiredView[]): string {
  const out: string[] = [];
  for (const view of views) {
    out.push(
      `${t(view.operation)}` +
        `: the mandatory fields you pass (merchantId, keyVersion, seal and a defaulted interfaceVersion are ` +
        `filled by the client)`,
    );
    renderFields(view.required, 2, out);
    if (view.requiresOneOf)
      out.push(
        `  and one of (the WSDL marks them optional, the operation needs exactly one): ` +
          `${oneOfText(view.requiresOneOf)}`,
      );
    out.push(
      '',
      `example request (replace the <placeholders>; sogenactif call ${t(view.operation)} --data request.json):`,
      JSON.stringify(view.example, null, 2),
      '',
    );
  }
  return out.join('\n');
}

/**
 * What `sogenactif describe [target]` prints: the services (or the one service, or the operation with every field)
 * as text or JSON; with `required`, the mandatory fields of one operation and a minimal request (the first
 * operation's view as JSON). An unknown target is an UnknownTargetError.
 */
export function describeReport(
  model: ContractModel,
  target: string | undefined,
  options: { readonly json?: boolean; readonly required?: boolean },
): string {
  const described = describeContract(model, target);
  if (options.required) {
    const views = requiredViews(described);
    return options.json ? `${JSON.stringify(views[0], null, 2)}\n` : requiredText(views);
  }
  return options.json
    ? `${JSON.stringify(described, null, 2)}\n`
    : `${describeText(described, Boolean(target?.includes('.')))}\n`;
}
