// Conformance, part one: generate TypeScript for every corpus WSDL and compile all of it in ONE
// TypeScript program (one tsconfig listing every output folder) under --strict.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';
import {
  generateFiles,
  loadModel,
  UnsupportedConstructError,
  XmlParseError,
  type ContractModel,
  type ContractWarning,
} from '../../codegen';
import { CORPUS_DIR } from './corpus';

export type GenerationStatus = 'generated' | 'refused' | 'crashed';

export interface GenerationResult {
  readonly wsdl: string;
  readonly id: string;
  readonly status: GenerationStatus;
  /** The generator's error (refused) or the unexpected exception (crashed). */
  readonly message?: string;
  readonly warnings: readonly ContractWarning[];
  readonly model?: ContractModel;
  readonly files: number;
  /** Set by compileAll: the first diagnostics of this output, when it does not compile. */
  compileErrors?: string[];
}

/** Runs parse -> model -> emit for one WSDL and writes the output under `outRoot/<id>/`. */
export function generateOne(wsdl: string, id: string, outRoot: string, runtimeFromOut: string): GenerationResult {
  let model: ContractModel;
  try {
    // Some corpus schemas import from sibling folders of the corpus (../../platform/...): the run names the
    // corpus root as a folder locations may reach, as a merchant would with --allow-outside.
    model = loadModel([wsdl], { dictionary: 'none', allowOutside: [CORPUS_DIR] });
  } catch (error) {
    // A clear refusal names the file and the construct; anything else is a crash, which the run fails on.
    const clear = error instanceof UnsupportedConstructError || error instanceof XmlParseError;
    return { wsdl, id, status: clear ? 'refused' : 'crashed', message: describeError(error), warnings: [], files: 0 };
  }
  try {
    const files = generateFiles(model, runtimeFromOut);
    const dir = path.join(outRoot, id);
    fs.rmSync(dir, { recursive: true, force: true });
    for (const file of files) {
      fs.mkdirSync(path.dirname(path.join(dir, file.path)), { recursive: true });
      fs.writeFileSync(path.join(dir, file.path), file.text);
    }
    return { wsdl, id, status: 'generated', warnings: model.warnings ?? [], model, files: files.length };
  } catch (error) {
    return {
      wsdl,
      id,
      status: 'crashed',
      message: `emit: ${describeError(error)}`,
      warnings: model.warnings ?? [],
      model,
      files: 0,
    };
  }
}

function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const where = error.stack
    ?.split('\n')
    .find((line) => line.includes('codegen/'))
    ?.trim();
  return error instanceof UnsupportedConstructError || error instanceof XmlParseError
    ? error.message
    : `${error.name}: ${error.message}${where ? ` (${where})` : ''}`;
}

export const COMPILER_OPTIONS = {
  strict: true,
  noEmit: true,
  noUnusedLocals: true,
  isolatedModules: true,
  target: 'ES2022',
  module: 'commonjs',
  moduleResolution: 'node',
  lib: ['ES2022'],
  types: ['node'],
  skipLibCheck: true,
  forceConsistentCasingInFileNames: true,
} as const;

/**
 * Writes `<tmpRoot>/tsconfig.json` including every generated folder and type-checks them as one program
 * (`tsc -p <tmpRoot>/tsconfig.json` reproduces it). Diagnostics are attributed to their output folder.
 */
export function compileAll(
  tmpRoot: string,
  outDirName: string,
  results: GenerationResult[],
): { diagnostics: number; outside: string[] } {
  const generated = results.filter((r) => r.status === 'generated');
  const config = {
    compilerOptions: { ...COMPILER_OPTIONS, typeRoots: [path.relative(tmpRoot, 'node_modules/@types')] },
    include: generated.map((r) => `${outDirName}/${r.id}/**/*.ts`),
  };
  const configPath = path.join(tmpRoot, 'tsconfig.json');
  fs.writeFileSync(configPath, `${JSON.stringify(config, null, 2)}\n`);
  const parsed = ts.getParsedCommandLineOfConfigFile(
    configPath,
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      },
    },
  )!;
  const program = ts.createProgram({ rootNames: parsed.fileNames, options: parsed.options });
  const diagnostics = ts.getPreEmitDiagnostics(program);
  const byId = new Map(generated.map((r) => [r.id, r]));
  const outDir = path.resolve(tmpRoot, outDirName);
  const outside: string[] = [];
  for (const diagnostic of diagnostics) {
    const file = diagnostic.file?.fileName ? path.resolve(diagnostic.file.fileName) : '';
    const text = ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ');
    const relative = path.relative(outDir, file);
    const id = relative.startsWith('..') || file === '' ? undefined : relative.split(path.sep)[0]!;
    const position =
      diagnostic.file && diagnostic.start !== undefined
        ? diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start)
        : undefined;
    const where = `${relative || file}${position ? `:${position.line + 1}:${position.character + 1}` : ''}`;
    const result = id ? byId.get(id) : undefined;
    if (!result) outside.push(`${where} TS${diagnostic.code}: ${text}`);
    else
      (result.compileErrors ??= []).push(`${where.split(path.sep).slice(1).join('/')} TS${diagnostic.code}: ${text}`);
  }
  return { diagnostics: diagnostics.length, outside };
}
