// manifest.ts: the values each folder exports and each service's client factory, as plain data. It lets an entry
// point load a service's modules on first use (the package's CommonJS entry does) instead of all up front.
import type { ContractModel } from '../ir';
import {
  clientFactory,
  enumsConst,
  modulesOf,
  operationConst,
  schemaConst,
  serviceConst,
  structsConst,
} from './context';
import { HEADER, MAX_LINE, propertyKey, quote, wrapWords } from './print';

/** The manifest's text, read from the model with the same names the other emitters give, not from their text. */
export function emitManifest(model: ContractModel): string {
  const byFolder = exportsByFolder(model);
  const folders = [...byFolder.keys()].sort();
  const names = (folder: string): string => [...byFolder.get(folder)!].sort().map(quote).join(', ');
  return [
    HEADER,
    "/** The values each folder of the generated code exports ('.' is the root index), by folder. */",
    'export const generatedExports = {',
    ...folders.flatMap((folder) => {
      const flat = `  ${propertyKey(folder)}: [${names(folder)}],`;
      if (flat.length <= MAX_LINE) return [flat];
      // Packed: as many names a line as fit.
      const lines = wrapWords(`${[...byFolder.get(folder)!].sort().map(quote).join(', ')},`, MAX_LINE - 4);
      return [`  ${propertyKey(folder)}: [`, ...lines.map((line) => `    ${line}`), '  ],'];
    }),
    '} as const;',
    "/** Each service's client factory, exported by the service's folder. */",
    'export const serviceClientFactories = {',
    ...model.services.map((s) => `  ${propertyKey(s.name)}: ${quote(clientFactory(s))},`),
    '} as const;',
  ].join('\n');
}

/** The values (not types) each folder exports, '.' for the root index. */
function exportsByFolder(model: ContractModel): Map<string, string[]> {
  const out = new Map<string, string[]>([['.', ['createServiceClients', 'services']]]);
  for (const module of modulesOf(model)) {
    const names: string[] = [];
    const enums = model.enums.filter((e) => e.module === module);
    if (enums.length > 0 || model.structs.some((s) => s.module === module))
      names.push(...enums.map((e) => e.name), structsConst(module), enumsConst(module));
    const service = model.services.find((s) => s.name === module);
    if (service)
      names.push(
        schemaConst(service),
        ...service.operations.map(operationConst),
        serviceConst(service),
        clientFactory(service),
      );
    out.set(module, names);
  }
  return out;
}
