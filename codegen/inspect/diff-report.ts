// The routine behind `sogenactif diff`: what the two arguments name (two interface versions of one contract, or two
// contracts as files or folders), the models compared, and the report printed (markdown, JSON or SARIF 2.1.0).
import * as fs from 'node:fs';
import { markdownText } from '../escape';
import { loadModel, type LoadOptions } from '../index';
import type { ContractModel } from '../ir';
import { undocumentedParts } from '../dictionary';
import { contractAt, diffContracts, diffMarkdown, type ContractDiff } from './diff';
import { diffSarif } from './sarif';

/** An interface version as `diff` takes it: 2.58 or MR_WS_2.58 (any upper-case prefix ending in _WS_). */
export const INTERFACE_VERSION = /^(?:[A-Z]+_WS_)?\d+(?:\.\d+)+$/;

/** An argument of `diff` that is neither an interface version nor an existing file or folder. */
export class DiffInputError extends Error {
  override readonly name = 'DiffInputError';
}

export interface DiffInputOptions extends LoadOptions {
  /** The contract the two versions are read from (files or folders), when both arguments are versions. */
  readonly contract: readonly string[];
}

/** The two models `diff` compares, and whether they are versions of one contract or two contracts. */
export interface DiffInputs {
  readonly kind: 'versions' | 'contracts';
  readonly before: ContractModel;
  readonly after: ContractModel;
}

/**
 * Two interface versions (both arguments like 2.21 or MR_WS_2.21) of `options.contract`, read without dictionary
 * folders; otherwise two contracts, each a WSDL file or folder, read with the dictionaries of `options`. An
 * unknown version is an UnknownVersionError, a path that does not exist a DiffInputError.
 */
export function loadDiffInputs(before: string, after: string, options: DiffInputOptions): DiffInputs {
  if (INTERFACE_VERSION.test(before) && INTERFACE_VERSION.test(after)) {
    const model = loadModel(options.contract, { allowOutside: options.allowOutside ?? [] });
    return { kind: 'versions', before: contractAt(model, before), after: contractAt(model, after) };
  }
  for (const [input, other] of [
    [before, after],
    [after, before],
  ] as const) {
    if (fs.existsSync(input)) continue;
    if (INTERFACE_VERSION.test(input))
      throw new DiffInputError(
        `${input} is an interface version and ${other} is not: give two versions, or two WSDL files or folders`,
      );
    throw new DiffInputError(`${input}: no such file or folder`);
  }
  const { contract: _contract, ...load } = options;
  return { kind: 'contracts', before: loadModel([before], load), after: loadModel([after], load) };
}

export type DiffFormat = 'md' | 'json' | 'sarif';

export interface DiffReportOptions {
  readonly format: DiffFormat;
  /** The arguments as given, named in the report's title (markdown) or fields (JSON). */
  readonly names: { readonly before: string; readonly after: string };
  /** The tool's version and the folder the SARIF artifact URIs are relative to. */
  readonly sarif: { readonly version: string; readonly base: string };
}

/**
 * The comparison as `diff` prints it, with what the newer contract has that no dictionary describes (conventions
 * cover it; the merchant reviews it), and the diff itself (its `breaking` count decides `--fail-on breaking`).
 */
export function diffReport(
  inputs: DiffInputs,
  options: DiffReportOptions,
): { readonly text: string; readonly diff: ContractDiff } {
  const diff = diffContracts(inputs.before, inputs.after);
  const undocumented = undocumentedParts(inputs.after);
  const { before, after } = options.names;
  if (options.format === 'sarif')
    return {
      diff,
      text: `${JSON.stringify(diffSarif(diff, inputs.before, inputs.after, undocumented, options.sarif), null, 2)}\n`,
    };
  if (options.format === 'json')
    return { diff, text: `${JSON.stringify({ old: before, new: after, ...diff, undocumented }, null, 2)}\n` };
  let text = diffMarkdown(diff, `Contract changes from ${before} to ${after}`);
  if (undocumented.length > 0) {
    text +=
      `\n## Not in the dictionary (${undocumented.length}` +
      `)\n\nConventions apply (outcome field, operation kind, no automatic resend of writes); review each, and ` +
      `describe it in your own --dictionary folder if needed.\n\n` +
      `${undocumented.map((line) => `- ${markdownText(line, 500)}`).join('\n')}\n`;
  }
  return { diff, text };
}
