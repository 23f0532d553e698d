// The generator as a library: load -> parse -> model -> emit -> write (or check).
import { emitContract, type GeneratedFile } from './emit';
import { loadContract, writeGenerated, type WriteResult } from './files';
import type { ContractModel } from './ir';
import { buildModel } from './model';
import { parseXmlDocument, type XmlElement } from './parse';

export type { ContractModel } from './ir';
export { UnsupportedConstructError } from './model';
export { XmlParseError } from './parse';

export interface GenerateOptions {
  /** WSDL files or folders (a folder's dictionary/ subfolder is read too). */
  readonly inputs: readonly string[];
  readonly outDir: string;
  /** Where generated code imports the runtime types from. */
  readonly runtimeImport?: string;
  /** Report what would change instead of writing. */
  readonly check?: boolean;
  /** Fail on broken references in the contract instead of typing what they touch as unknown. */
  readonly strict?: boolean;
}

/** Raised by `generate({ strict: true })` when the contract has broken references (see ContractModel.warnings). */
export class ContractWarningsError extends Error {
  override readonly name = 'ContractWarningsError';
  constructor(readonly warnings: readonly string[]) {
    super(`the contract has ${warnings.length} broken reference(s):\n${warnings.map((w) => `  ${w}`).join('\n')}`);
  }
}

export const PACKAGE_RUNTIME_IMPORT = 'sogenactif-office';

/** Reads and models the contract without emitting anything. */
export function loadModel(inputs: readonly string[]): ContractModel {
  const contract = loadContract(inputs);
  const documents = new Map<string, XmlElement>();
  for (const [path, text] of contract.texts) documents.set(path, parseXmlDocument(text, path));
  return buildModel({ documents, wsdls: contract.wsdls, dictionaries: contract.dictionaries });
}

export function generateFiles(model: ContractModel, runtimeImport = PACKAGE_RUNTIME_IMPORT): GeneratedFile[] {
  return emitContract(model, { runtimeImport });
}

export function generate(options: GenerateOptions): WriteResult & { readonly warnings: readonly string[] } {
  const model = loadModel(options.inputs);
  const warnings = model.warnings ?? [];
  if (options.strict && warnings.length > 0) throw new ContractWarningsError(warnings);
  const files = generateFiles(model, options.runtimeImport);
  return { ...writeGenerated(options.outDir, files, options.check ?? false), warnings };
}
