// What the CLI's command files share: its error classes (each mapped to an exit code by program.ts's run), the
// repeatable-option helper and the --dictionary option.
import { Option } from 'commander';
import * as fs from 'node:fs';

export interface ProgramIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Reads standard input (for `--data -`). */
  readonly readStdin: () => string;
}

import { UsageError } from './usage-error';

export { UsageError };

/** A network failure (exit 3), printed as a JSON error like a usage error. */
export class TransportFailed extends Error {}

/** Fails the command with exit code 1 after its output was printed. */
export class CheckFailed extends Error {}

export const collect = (value: string, previous: string[]): string[] => [...previous, value];

/** A repeatable option collecting its values; `shown` is what help prints as its default (once). */
export const repeatable = (flags: string, description: string, shown: string): Option => new Option(flags, description).argParser(collect).default([], shown);

/** --dictionary DIR (repeatable) adds folders over the package's dictionary; --no-dictionary turns it off. */
export function dictionaryOptions(dictionary: string[] | false | undefined): { dictionary: 'platform' | 'none'; dictionaryDirs: string[] } {
  if (dictionary === false) return { dictionary: 'none', dictionaryDirs: [] };
  for (const dir of dictionary ?? []) if (!fs.existsSync(dir)) throw new UsageError(`--dictionary ${dir}: no such folder`);
  return { dictionary: 'platform', dictionaryDirs: dictionary ?? [] };
}
export const VERSION = /^(?:[A-Z]+_WS_)?\d+(?:\.\d+)+$/;

/** `--wire <wire>`: the wire of the calls a command makes (read with wireOf). */
export const wireOption = (description: string): Option => new Option('--wire <wire>', description);

/** `--transport <wire>`, the former name of `--wire`: a hidden alias with the same meaning (read with wireOf). */
export const transportAlias = (): Option => new Option('--transport <wire>', 'deprecated name of --wire').hideHelp();

/**
 * The wire `--wire` or its hidden alias `--transport` names (undefined when neither is given); anything but 'soap' or
 * 'json', or both options at once, is a usage error naming them. `fail` builds the command's usage error.
 */
export function wireOf(options: { wire?: string; transport?: string }, fail: (message: string) => Error = (message) => new UsageError(message)): 'soap' | 'json' | undefined {
  if (options.wire !== undefined && options.transport !== undefined) throw fail('--transport is the former name of --wire: give only --wire');
  const flag = options.wire !== undefined ? '--wire' : '--transport';
  const wire = options.wire ?? options.transport;
  if (wire !== undefined && wire !== 'soap' && wire !== 'json') throw fail(`${flag} takes 'soap' or 'json'`);
  return wire;
}
