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
