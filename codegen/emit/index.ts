// Emit stage: IR to TypeScript source text, one module per kind of output file (types, schema, operations, client,
// folder and root index, manifest); this one lays out the files and prints them with fixed settings. Pure.
import { IndentationText, NewLineKind, Project, QuoteKind } from 'ts-morph';
import { assertModuleSpecifier, lineCommentText } from '../escape';
import type { ContractModel } from '../ir';
import { emitClient } from './client';
import { createContext, modulesOf, rel, type EmitContext, type EmitOptions, type Statements } from './context';
import { emitManifest } from './manifest';
import { emitOperations } from './operations';
import { HEADER, separateTopLevel } from './print';
import { emitRootIndex } from './root-index';
import { emitSchema } from './schema';
import { emitTypes } from './types';

export type { EmitOptions } from './context';
export { HEADER } from './print';

export interface GeneratedFile {
  readonly path: string;
  readonly text: string;
}

export function emitContract(model: ContractModel, options: EmitOptions): GeneratedFile[] {
  const project = new Project({
    useInMemoryFileSystem: true,
    manipulationSettings: {
      indentationText: IndentationText.TwoSpaces,
      quoteKind: QuoteKind.Single,
      newLineKind: NewLineKind.LineFeed,
      useTrailingCommas: true,
    },
  });
  assertModuleSpecifier(options.runtimeImport, 'the runtime import');
  const ctx = createContext(model, options);
  const files: GeneratedFile[] = [];
  for (const [path, statements, source] of layout(ctx)) {
    const head = [HEADER, ...(source !== undefined ? [`// source: ${lineCommentText(source)}`] : [])];
    // Data files (descriptors) are already laid out text; declarations go through ts-morph's printer.
    // Every piece is written with its final indentation, so no formatting pass is needed.
    const text = statements.every((statement) => typeof statement === 'string')
      ? [...head, ...statements].join('\n')
      : project
          .createSourceFile(`/${path}`, { statements: [...head, ...statements] }, { overwrite: true })
          .getFullText();
    files.push({ path, text: separateTopLevel(text) });
  }
  files.push({ path: 'manifest.ts', text: separateTopLevel(emitManifest(model)) });
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** Every file but the manifest: its path, its statements, and the document its module was read from. */
function* layout(ctx: EmitContext): Generator<[string, Statements, string | undefined]> {
  const modules = modulesOf(ctx.model);
  for (const module of modules) {
    const source = ctx.model.sources?.[module];
    const structs = ctx.model.structs.filter((s) => s.module === module);
    const enums = ctx.model.enums.filter((e) => e.module === module);
    const exports: string[] = [];
    if (structs.length + enums.length > 0) {
      yield [`${module}/types.ts`, emitTypes(ctx, module, structs, enums), source];
      yield [`${module}/schema.ts`, emitSchema(ctx, module, structs, enums), source];
      exports.push('./types', './schema');
    }
    const service = ctx.model.services.find((s) => s.name === module);
    if (service) {
      yield [`${module}/operations.ts`, emitOperations(ctx, service), source];
      yield [`${module}/client.ts`, emitClient(ctx, service), source];
      exports.push('./operations', './client');
    }
    yield [`${module}/index.ts`, exports.map((e) => `export * from '${rel(ctx, e)}';`), source];
  }
  yield ['index.ts', emitRootIndex(ctx, modules), undefined];
}
