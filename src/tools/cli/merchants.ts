// Where `simulate` takes its merchants' keys from: a file or the environment, and argv only with a warning (other
// users of the machine can read a process's arguments); the text formats, parsed without ever repeating a key.
import * as fs from 'node:fs';
import { MERCHANT_ID_FORMAT } from 'sogenactif-office/internal';
import type { SimulatorMerchant } from '../simulator/server';
import type { ProgramIo } from './io';
import { UsageError } from './failures';

/** The environment variable `simulate` reads merchants from (ID:KEY[:VERSION] entries, or JSON). */
export const MERCHANTS_ENV = 'SOGENACTIF_SIMULATOR_MERCHANTS';

/** The warning for a secret given on the command line, which `ps` and /proc show to every user of the machine. */
export const ARGV_WARNING = (flag: string, instead: string): string =>
  `warning: ${flag}` +
  ` puts a secret key in this process's arguments, which other users of this machine can read (ps, /proc); ` +
  `${instead}`;

/**
 * `simulate`'s merchants: --merchant-file or --merchant (not both; --merchant is warned about: argv is readable by
 * other users), else $SOGENACTIF_SIMULATOR_MERCHANTS, else undefined (the demo merchant). A merchant file readable
 * by other users is warned about. No key is ever printed.
 */
export function simulatorMerchants(
  options: { merchant: string[]; merchantFile?: string },
  io: ProgramIo,
): SimulatorMerchant[] | undefined {
  if (options.merchantFile !== undefined && options.merchant.length > 0)
    throw new UsageError('give merchants with --merchant-file or --merchant, not both');
  if (options.merchantFile !== undefined) {
    let text: string;
    try {
      text = fs.readFileSync(options.merchantFile, 'utf8');
      // Like ssh with a private key: a key file others can read is worth a word.
      if (process.platform !== 'win32' && (fs.statSync(options.merchantFile).mode & 0o077) !== 0) {
        io.stderr(
          `warning: ${options.merchantFile}` +
            ` can be read by other users of this machine (chmod 600 it): it holds secret keys\n`,
        );
      }
    } catch (error) {
      throw new UsageError(
        `cannot read --merchant-file ${options.merchantFile}: ` +
          `${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
      );
    }
    const merchants = parseMerchants(text, `--merchant-file ${options.merchantFile}`);
    if (merchants.length === 0) throw new UsageError(`--merchant-file ${options.merchantFile} names no merchant`);
    return merchants;
  }
  if (options.merchant.length > 0) {
    io.stderr(`${ARGV_WARNING('--merchant', `use --merchant-file or $${MERCHANTS_ENV} instead`)}\n`);
    return options.merchant.map((value, index) => merchantOption(value, index));
  }
  const fromEnv = io.env[MERCHANTS_ENV];
  if (fromEnv !== undefined && fromEnv.trim() !== '') return parseMerchants(fromEnv, `$${MERCHANTS_ENV}`);
  return undefined;
}

/**
 * `simulate`'s merchants from text: one ID:KEY[:VERSION] per line (or separated by spaces or commas), `#` comments,
 * or JSON (an array of {merchantId, secretKey, keyVersion}). `source` names where it came from; an error never
 * repeats a value (it may hold a key).
 */
export function parseMerchants(text: string, source: string): SimulatorMerchant[] {
  const trimmed = text.replace(/^\uFEFF/, '').trim();
  if (trimmed.startsWith('[') || trimmed.startsWith('{')) {
    let value: unknown;
    try {
      value = JSON.parse(trimmed);
    } catch {
      throw new UsageError(`${source} is not valid JSON (its text is not repeated here: it holds keys)`);
    }
    const list = Array.isArray(value) ? value : [value];
    return list.map((item, index) => {
      const entry = (item ?? {}) as { merchantId?: unknown; secretKey?: unknown; keyVersion?: unknown };
      const version = entry.keyVersion === undefined ? 1 : Number(entry.keyVersion);
      if (
        typeof entry.merchantId !== 'string' ||
        !MERCHANT_ID_FORMAT.test(entry.merchantId) ||
        typeof entry.secretKey !== 'string' ||
        entry.secretKey === '' ||
        !Number.isSafeInteger(version) ||
        version <= 0
      ) {
        throw new UsageError(
          `${source}: merchant #${index + 1}` +
            ` must be {"merchantId": 15 digits, "secretKey": the key, "keyVersion": a positive integer (default ` +
            `1)}; the values are not repeated here`,
        );
      }
      return { merchantId: entry.merchantId, secretKey: entry.secretKey, keyVersion: version };
    });
  }
  const entries = trimmed
    .split(/\r?\n/)
    .map((line) => line.replace(/(^|\s)#.*$/, '').trim())
    .flatMap((line) => line.split(/[\s,]+/))
    .filter((entry) => entry !== '');
  return entries.map((entry, index) => merchantOption(entry, index, source));
}

/**
 * One ID:KEY[:VERSION] (`simulate --merchant`, a merchant file or the environment); an error never repeats the value
 * (it holds a key).
 */
function merchantOption(value: string, index: number, source = '--merchant'): SimulatorMerchant {
  const parts = value.split(':');
  const [merchantId, secretKey, version] = parts;
  const versionNumber = version === undefined ? 1 : Number(version);
  if (
    parts.length > 3 ||
    !merchantId ||
    !MERCHANT_ID_FORMAT.test(merchantId) ||
    !secretKey ||
    !Number.isSafeInteger(versionNumber) ||
    versionNumber <= 0
  ) {
    throw new UsageError(
      `${source} #${index + 1}` +
        ` must be ID:KEY[:VERSION] (a 15-digit merchant id, the key, an optional positive key version); the value ` +
        `is not repeated here`,
    );
  }
  return { merchantId, secretKey, keyVersion: versionNumber };
}
