// Option parsers and option builders the command files share: repeatable options, numbers, dates, seal algorithms,
// the wire, the --dictionary and --allow-outside options of the contract commands.
import { InvalidArgumentError, Option } from 'commander';
import * as fs from 'node:fs';
import { isSealAlgorithm, type SealAlgorithmName } from 'sogenactif-office/internal';
import { UsageError } from './failures';

export const collect = (value: string, previous: string[]): string[] => [...previous, value];

/** A repeatable option collecting its values; `shown` is what help prints as its default (once). */
export const repeatable = (flags: string, description: string, shown: string): Option =>
  new Option(flags, description).argParser(collect).default([], shown);

/**
 * --allow-outside DIR (generate, diff, describe): a folder besides the contract's own that its locations may lead to.
 */
export const allowOutsideOption = (): Option =>
  repeatable(
    '--allow-outside <dir>',
    "a folder outside the contract's own that schemaLocation/location may lead to (repeatable)",
    "only the contract's folder",
  );

/** --dictionary DIR (repeatable) adds folders over the package's dictionary; --no-dictionary turns it off. */
export function dictionaryOptions(dictionary: string[] | false | undefined): {
  dictionary: 'platform' | 'none';
  dictionaryDirs: string[];
} {
  if (dictionary === false) return { dictionary: 'none', dictionaryDirs: [] };
  for (const dir of dictionary ?? [])
    if (!fs.existsSync(dir)) throw new UsageError(`--dictionary ${dir}: no such folder`);
  return { dictionary: 'platform', dictionaryDirs: dictionary ?? [] };
}

export function algorithmOption(value: string): SealAlgorithmName {
  if (!isSealAlgorithm(value)) throw new InvalidArgumentError('expected HMAC-SHA-256, HMAC-SHA-512 or SHA-256');
  return value;
}

export function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n <= 0) throw new InvalidArgumentError('expected a positive integer');
  return n;
}

/** A whole number, 0 included (the journal commands' counts and durations). */
export function wholeNumber(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 0) throw new InvalidArgumentError('expected a whole number');
  return n;
}

/** A day (2026-12-07, midnight UTC) or an ISO 8601 instant. */
export function dateOption(value: string): Date {
  const date = new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(date.getTime()))
    throw new InvalidArgumentError('expected a date (2026-12-07) or an ISO 8601 instant');
  return date;
}

/** `--wire <wire>`: the wire of the calls a command makes (read with wireOf). */
export const wireOption = (description: string): Option => new Option('--wire <wire>', description);

/** `--transport <wire>`, the former name of `--wire`: a hidden alias with the same meaning (read with wireOf). */
export const transportAlias = (): Option => new Option('--transport <wire>', 'deprecated name of --wire').hideHelp();

/**
 * The wire `--wire` or its hidden alias `--transport` names (undefined when neither is given); anything but 'soap' or
 * 'json', or both options at once, is a usage error naming them (checked here, so the error is the CLI's JSON one).
 */
export function wireOf(options: { wire?: string; transport?: string }): 'soap' | 'json' | undefined {
  if (options.wire !== undefined && options.transport !== undefined) {
    throw new UsageError('--transport is the former name of --wire: give only --wire');
  }
  const flag = options.wire !== undefined ? '--wire' : '--transport';
  const wire = options.wire ?? options.transport;
  if (wire !== undefined && wire !== 'soap' && wire !== 'json') throw new UsageError(`${flag} takes 'soap' or 'json'`);
  return wire;
}
