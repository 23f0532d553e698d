// <service>/client.ts: the typed client interface of a service (one method per operation) and the factory that
// binds each method to the runtime's invoke function, one line each.
import { StructureKind } from 'ts-morph';
import type { OperationModel, ServiceModel } from '../ir';
import {
  clientFactory,
  clientInterface,
  operationConst,
  rel,
  runtimeImport,
  type EmitContext,
  type Statements,
} from './context';
import { docComment, importLine, jsDoc, MAX_LINE } from './print';

export function emitClient(ctx: EmitContext, service: ServiceModel): Statements {
  const clientName = clientInterface(service);
  const typeModules = new Map<string, Set<string>>();
  for (const op of service.operations) {
    for (const name of [
      op.request,
      ...(op.response ? [op.response] : []),
      ...(op.requestHeaders ? [op.requestHeaders] : []),
    ]) {
      const module = ctx.structs.get(name)!.module;
      if (!typeModules.has(module)) typeModules.set(module, new Set());
      typeModules.get(module)!.add(name);
    }
  }
  const hasOperations = service.operations.length > 0;
  return [
    importLine([...(hasOperations ? ['CallOptions'] : []), 'Invoke'], runtimeImport(ctx), true),
    ...[...typeModules.keys()]
      .sort()
      .map((m) =>
        importLine([...typeModules.get(m)!].sort(), rel(ctx, `${m === service.name ? '.' : `../${m}`}/types`), true),
      ),
    ...(hasOperations ? [importLine(service.operations.map(operationConst), rel(ctx, './operations'))] : []),
    `${docComment(jsDoc(service.description ?? `Operations of the ${service.name} service.`))}` +
      `export interface ${clientName} {\n${service.operations.map((op) => methodSignature(ctx, op)).join('\n')}` +
      `\n}`,
    {
      kind: StructureKind.Function,
      isExported: true,
      name: clientFactory(service),
      docs: jsDoc(`Binds every ${service.name} operation to the runtime's invoke function.`),
      parameters: [{ name: hasOperations ? 'invoke' : '_invoke', type: 'Invoke' }],
      returnType: clientName,
      statements: `return {\n${service.operations.map(methodLine).join('\n')}\n};`,
    },
  ];
}

const responseType = (op: OperationModel): string => op.response ?? 'void';

/** One method of the factory's object (written two levels in: the function body, the object). */
function methodLine(op: OperationModel): string {
  const call = `invoke<${responseType(op)}>(${operationConst(op)}, request, options),`;
  const flat = `  ${op.identifier}: (request, options) => ${call}`;
  if (flat.length + 2 <= MAX_LINE) return flat;
  if (call.length + 6 <= MAX_LINE) return `  ${op.identifier}: (request, options) =>\n    ${call}`;
  return (
    `  ${op.identifier}: (request, options) =>\n    invoke<${responseType(op)}>(\n      ${operationConst(op)}` +
    `,\n      request,\n      options,\n    ),`
  );
}

/** A method of the client interface, with its JSDoc; its parameters one per line when the signature is long. */
function methodSignature(ctx: EmitContext, op: OperationModel): string {
  const doc = docComment(jsDoc(op.description, { recommendedInterfaceVersion: op.recommendedInterfaceVersion }), '  ');
  // An operation with SOAP header blocks takes them, typed, as the `headers` option (required when a header is).
  const parameters = [`request: ${op.request}`, optionsParameter(ctx, op)];
  const flat = `  ${op.identifier}(${parameters.join(', ')}): Promise<${responseType(op)}>;`;
  if (flat.length <= MAX_LINE) return `${doc}${flat}`;
  return (
    `${doc}  ${op.identifier}(\n${parameters.map((p) => `    ${p},`).join('\n')}\n  ): Promise<` +
    `${responseType(op)}>;`
  );
}

/** A method's options parameter: CallOptions, with the typed SOAP header blocks as `headers`. */
function optionsParameter(ctx: EmitContext, op: OperationModel): string {
  if (!op.requestHeaders) return 'options?: CallOptions';
  const required = ctx.structs.get(op.requestHeaders)!.fields.some((f) => f.required);
  return (
    `options${required ? '' : '?'}: CallOptions & { readonly headers${required ? '' : '?'}: ` + `${op.requestHeaders} }`
  );
}
