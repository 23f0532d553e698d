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

export function generate(options: GenerateOptions): WriteResult {
  const files = generateFiles(loadModel(options.inputs), options.runtimeImport);
  return writeGenerated(options.outDir, files, options.check ?? false);
}
