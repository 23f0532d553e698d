// <service>/operations.ts: the service's schema (every table its operations reach), one `defaults` constant of what
// its operations share, one descriptor per operation naming only what differs, and the service descriptor.
import { mostCommon, operationFields } from '../descriptors';
import type { OperationStatus, ServiceModel } from '../ir';
import {
  enumsConst,
  modulesReached,
  operationConst,
  rel,
  runtimeImport,
  schemaConst,
  serviceConst,
  structsConst,
  type EmitContext,
  type Statements,
} from './context';
import { exportConst, importLine, jsDoc, literal, propertyKey, quote } from './print';

type OperationFields = ReturnType<typeof operationFields>;

/**
 * Per-service constants an operation descriptor spreads: each key's value most operations share (when they have one).
 */
const SHARED_OPERATION_KEYS = [
  'service',
  'namespace',
  'soapAction',
  'soapVersion',
  'style',
  'responseNamespace',
  'requestWrapper',
  'responseWrapper',
  'requestWrapperNamespace',
  'recommendedInterfaceVersion',
  'category',
  'codeField',
] as const;

/** How much of a service the data dictionary shows: its operations' most common status, said once on the service. */
export function serviceStatus(service: ServiceModel): OperationStatus | undefined {
  return mostCommon(service.operations.map((op) => op.status).filter((s) => s !== undefined));
}

export function emitOperations(ctx: EmitContext, service: ServiceModel): Statements {
  const modules = modulesReached(ctx, service);
  const imports = modules.map((m) =>
    importLine([enumsConst(m), structsConst(m)], rel(ctx, `${m === service.name ? '.' : `../${m}`}/schema`)),
  );
  const schemaName = schemaConst(service);
  const runtimeTypes = [
    ...(service.operations.length > 0 ? ['OperationDescriptor'] : []),
    'SchemaTables',
    'ServiceDescriptor',
  ];
  const spread = (names: string[]): string => {
    const flat = `{ ${names.map((n) => `...${n}`).join(', ')} }`;
    return flat.length <= 100 ? flat : `{\n${names.map((n) => `    ...${n},`).join('\n')}\n  }`;
  };
  const statements: Statements = [
    importLine(runtimeTypes, runtimeImport(ctx), true),
    ...imports,
    exportConst(
      schemaName,
      `{\n  structs: ${spread(modules.map(structsConst))},\n  enums: ${spread(modules.map(enumsConst))},\n}`,
      `Every type the ${service.name} operations use.`,
      'SchemaTables',
    ),
  ];
  const descriptors = service.operations.map((op) => operationFields(service, op));
  const defaults = operationDefaults(descriptors);
  if (service.operations.length > 0) {
    const entries = [
      ...Object.entries(defaults).map(
        ([key, value]) => `  ${propertyKey(key)}: ${literal(value, '  ', 100, key.length + 2)},`,
      ),
      `  schema: ${schemaName},`,
    ];
    statements.push(
      `/** What the ${service.name}` +
        ` operations share; each operation below names only what differs. */\nconst defaults = {\n` +
        `${entries.join('\n')}\n} as const;`,
    );
  }
  const status = serviceStatus(service);
  service.operations.forEach((op, i) => {
    const doc = jsDoc(op.description, {
      recommendedInterfaceVersion: op.recommendedInterfaceVersion,
      contract: op.status === status ? undefined : op.status,
    });
    statements.push(
      exportConst(operationConst(op), operationLiteral(descriptors[i]!, defaults), doc, 'OperationDescriptor'),
    );
  });
  const lines = [`  name: ${quote(service.name)},`, `  namespace: ${literal(service.namespace, '  ', 100, 11)},`];
  if (service.interfaceVersionPrefix) lines.push(`  interfaceVersionPrefix: ${quote(service.interfaceVersionPrefix)},`);
  lines.push('  operations: {', ...service.operations.map((o) => `    ${o.identifier}: ${operationConst(o)},`), '  },');
  const doc = jsDoc(service.description ?? `The ${service.name} service.`, { contract: status });
  statements.push(exportConst(serviceConst(service), `{\n${lines.join('\n')}\n}`, doc, 'ServiceDescriptor'));
  return statements;
}

function operationDefaults(operations: readonly OperationFields[]): Partial<OperationFields> {
  const defaults: Record<string, unknown> = {};
  for (const key of SHARED_OPERATION_KEYS) {
    const value = mostCommon(operations.map((op) => op[key]));
    if (value !== undefined) defaults[key] = value;
  }
  return defaults as Partial<OperationFields>;
}

/** An operation descriptor as `...defaults` and the keys whose values differ (undefined cancels a default). */
function operationLiteral(operation: OperationFields, defaults: Partial<OperationFields>): string {
  const own = Object.entries(operation).filter(([key, value]) => defaults[key as keyof OperationFields] !== value);
  const cancelled = Object.keys(defaults).filter((key) => !(key in operation));
  const lines = [
    '  ...defaults,',
    ...own.map(([key, value]) => `  ${propertyKey(key)}: ${literal(value, '  ', 100, propertyKey(key).length + 2)},`),
    ...cancelled.map((key) => `  ${propertyKey(key)}: undefined,`),
  ];
  return `{\n${lines.join('\n')}\n}`;
}
