// The generator as a library: load -> parse -> model -> emit -> write (or check).
import { emitContract, type GeneratedFile } from './emit';
import { reportText } from './escape';
import { applyDictionary, mergeDictionaries, undocumentedParts } from './dictionary';
import { loadContract, writeGenerated, type DictionaryOptions, type WriteResult } from './files';
import { formatWarning, type ContractModel, type ContractWarning } from './ir';
import { buildModel } from './model';
import { decide } from './office';
import { checkPatterns } from './patterns';
import { checkWireNames } from './wire-names';
import { parseXmlDocument, type XmlElement } from './parse';
import { selectContract, type Selection } from './select';

export type { ContractDecision, ContractModel, ContractWarning } from './ir';
export { formatWarning } from './ir';
export { UnsupportedConstructError } from './model';
export { XmlParseError } from './parse';
export { UnknownSelectionError, listOption, type Selection } from './select';

export type { DictionaryOptions } from './files';
export { ContractLocationError } from './files';
export { UnsafePatternError } from './patterns';

/** How a contract is read: its dictionaries and folders (DictionaryOptions), and what to do with unsafe patterns. */
export interface LoadOptions extends DictionaryOptions {
  /** Drop pattern facets with nested repetition (named in the warnings) instead of refusing the contract. */
  readonly dropUnsafePatterns?: boolean;
}

export interface GenerateOptions extends LoadOptions {
  /** WSDL files or folders (a folder's dictionary/ subfolder is read too). */
  readonly inputs: readonly string[];
  readonly outDir: string;
  /** Where generated code imports the runtime types from. */
  readonly runtimeImport?: string;
  /** Report what would change instead of writing. */
  readonly check?: boolean;
  /** Fail on broken references in the contract instead of typing what they touch as unknown. */
  readonly strict?: boolean;
  /**
   * Extension written on relative imports between generated files: '' (the default: CommonJS and bundler
   * projects) or '.js' (ESM projects with moduleResolution node16/nodenext, which require it).
   */
  readonly importExtension?: '' | '.js';
  /** Only these services and operations, and the types they reach (`generate --services` / `--operations`). */
  readonly select?: Selection;
}

/**
 * Raised by `generate({ strict: true })` when the contract has broken references or constructs the generated
 * code does not represent (see ContractModel.warnings).
 */
export class ContractWarningsError extends Error {
  override readonly name = 'ContractWarningsError';
  constructor(
    readonly warnings: readonly ContractWarning[],
    readonly decisions: NonNullable<ContractModel['decisions']> = [],
  ) {
    const broken = warnings.filter((w) => w.kind === 'broken-reference').length;
    super(
      `the contract has ${broken} broken reference(s) and ${warnings.length - broken}` +
        ` construct(s) not represented (--strict):\n` +
        `${warnings.map((w) => `  ${reportText(formatWarning(w), 500)}`).join('\n')}`,
    );
  }
}

export const PACKAGE_RUNTIME_IMPORT = 'sogenactif-office';

/** Reads and models the contract, with the platform overlay unless `dictionary: 'none'`, without emitting anything. */
export function loadModel(inputs: readonly string[], options: LoadOptions = {}): ContractModel {
  const contract = loadContract(inputs, options);
  const documents = new Map<string, XmlElement>();
  for (const [path, text] of contract.texts) documents.set(path, parseXmlDocument(text, path));
  const structural = checkPatterns(
    checkWireNames(buildModel({ documents, wsdls: contract.wsdls })),
    options.dropUnsafePatterns === true,
  );
  const mode =
    options.dictionary === 'none' ? 'none' : (options.dictionaryDirs?.length ?? 0) > 0 ? 'forced' : 'platform';
  const overlay = mode === 'none' ? undefined : mergeDictionaries(contract.dictionaries);
  const decisions = decide(structural.services, overlay, mode);
  const model: ContractModel = {
    ...structural,
    services: structural.services.map((service, i) =>
      decisions[i]!.office ? service : { ...service, foreign: true as const },
    ),
    ...(decisions.length > 0 ? { decisions } : {}),
  };
  const described = new Set(decisions.filter((d) => d.dictionary).map((d) => d.service));
  // Types no service reaches (a schema given alone) are described when every service is, or on --dictionary.
  const unreached = mode === 'forced' || (decisions.length > 0 && described.size === decisions.length);
  if (!overlay || (described.size === 0 && !unreached)) return model;
  // The dictionary can set a JSON path: the names are checked again once it applies.
  return checkWireNames(applyDictionary(model, overlay, described, unreached));
}

export function generateFiles(
  model: ContractModel,
  runtimeImport = PACKAGE_RUNTIME_IMPORT,
  importExtension: '' | '.js' = '',
): GeneratedFile[] {
  return emitContract(model, { runtimeImport, importExtension });
}

export { undocumentedParts } from './dictionary';

export function generate(options: GenerateOptions): WriteResult & {
  readonly warnings: readonly ContractWarning[];
  readonly undocumented: readonly string[];
  readonly decisions: NonNullable<ContractModel['decisions']>;
} {
  const model = selectContract(loadModel(options.inputs, options), options.select ?? {});
  const warnings = model.warnings ?? [];
  if (options.strict && warnings.length > 0) throw new ContractWarningsError(warnings, model.decisions);
  const files = generateFiles(model, options.runtimeImport, options.importExtension ?? '');
  const undocumented = options.dictionary === 'none' ? [] : undocumentedParts(model);
  return {
    ...writeGenerated(options.outDir, files, options.check ?? false),
    warnings,
    undocumented,
    decisions: model.decisions ?? [],
  };
}
