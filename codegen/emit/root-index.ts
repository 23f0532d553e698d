// index.ts at the output root: re-exports every folder, the map of service descriptors, and one function that
// builds every service client on one invoke function.
import { StructureKind } from 'ts-morph';
import {
  clientFactory,
  clientInterface,
  rel,
  runtimeImport,
  serviceConst,
  type EmitContext,
  type Statements,
} from './context';
import { exportConst, importLine, jsDoc, MAX_LINE } from './print';

export function emitRootIndex(ctx: EmitContext, modules: readonly string[]): Statements {
  const services = ctx.model.services;
  const byName = (pairs: readonly string[], indent: string): string => {
    const flat = `{ ${pairs.join(', ')} }`;
    return indent.length + flat.length + 40 <= MAX_LINE
      ? flat
      : `{\n${pairs.map((p) => `${indent}  ${p},`).join('\n')}\n${indent}}`;
  };
  const descriptors = byName(
    services.map((s) => `${s.name}: ${serviceConst(s)}`),
    '',
  );
  const clients = byName(
    services.map((s) => `${s.name}: ${clientFactory(s)}(invoke)`),
    '',
  );
  return [
    importLine(['Invoke', 'ServiceDescriptor'], runtimeImport(ctx, 0), true),
    ...services.map((s) =>
      importLine([clientFactory(s), serviceConst(s), `type ${clientInterface(s)}`], rel(ctx, `./${s.name}`, true)),
    ),
    ...modules.map((m) => `export * from '${rel(ctx, `./${m}`, true)}';`),
    {
      kind: StructureKind.Interface,
      isExported: true,
      name: 'ServiceClients',
      docs: jsDoc('One typed client per service.'),
      properties: services.map((s) => ({ name: s.name, type: clientInterface(s), isReadonly: true })),
    },
    exportConst(
      'services',
      `${descriptors} as const satisfies Readonly<Record<string, ServiceDescriptor>>`,
      'Every service descriptor by name.',
    ),
    {
      kind: StructureKind.Function,
      isExported: true,
      name: 'createServiceClients',
      docs: jsDoc('Builds every service client on one invoke function.'),
      parameters: [{ name: services.length > 0 ? 'invoke' : '_invoke', type: 'Invoke' }],
      returnType: 'ServiceClients',
      statements: `return ${clients};`,
    },
  ];
}
