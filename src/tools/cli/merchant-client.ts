// The client `call`, `recover` and `journal reconcile` use: the merchant's credentials from the environment (never
// from argv), the command's options as client options, and the library's refusal of plain http named by its flag.
import {
  createClient,
  type PaymentJournal,
  type SealAlgorithmName,
  type SogenactifClient,
} from 'sogenactif-office/internal';
import { UsageError } from './failures';
import type { ProgramIo } from './io';
import { wireOf } from './options';

/** What a command's flags say about the client. */
export interface ClientFlags {
  readonly env?: string;
  readonly timeoutMs?: number;
  readonly algorithm?: SealAlgorithmName;
  readonly allowUnsigned?: boolean;
  readonly allowInsecureHttp?: boolean;
  readonly wire?: 'soap' | 'json';
  readonly journal?: PaymentJournal;
}

/**
 * SOGENACTIF_MERCHANT_ID, SOGENACTIF_SECRET_KEY and SOGENACTIF_KEY_VERSION; one missing or malformed is a usage error.
 */
export function merchantCredentials(env: ProgramIo['env']): {
  merchantId: string;
  secretKey: string;
  keyVersion: number;
} {
  const {
    SOGENACTIF_MERCHANT_ID: merchantId,
    SOGENACTIF_SECRET_KEY: secretKey,
    SOGENACTIF_KEY_VERSION: keyVersion,
  } = env;
  const missing = Object.entries({
    SOGENACTIF_MERCHANT_ID: merchantId,
    SOGENACTIF_SECRET_KEY: secretKey,
    SOGENACTIF_KEY_VERSION: keyVersion,
  })
    .filter(([, value]) => !value)
    .map(([name]) => name);
  if (missing.length > 0)
    throw new UsageError(
      `${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'}` +
        ` not set: call reads the merchant id, the secret key and its version from SOGENACTIF_MERCHANT_ID, ` +
        `SOGENACTIF_SECRET_KEY and SOGENACTIF_KEY_VERSION`,
    );
  if (!/^[1-9][0-9]{0,8}$/.test(keyVersion!))
    throw new UsageError(
      'SOGENACTIF_KEY_VERSION must be a positive whole number (the key version Sogenactif gave with the key)',
    );
  return { merchantId: merchantId!, secretKey: secretKey!, keyVersion: Number(keyVersion) };
}

/** The merchant's client for `flags`: the environment is --env, else $SOGENACTIF_ENV, else TEST. */
export function merchantClient(io: ProgramIo, flags: ClientFlags): Promise<SogenactifClient> {
  const credentials = merchantCredentials(io.env);
  return insecureHttpHint(() =>
    createClient({
      ...credentials,
      environment: flags.env ?? io.env.SOGENACTIF_ENV ?? 'TEST',
      ...(flags.timeoutMs ? { timeoutMs: flags.timeoutMs } : {}),
      ...(flags.algorithm ? { sealAlgorithm: flags.algorithm } : {}),
      ...(flags.allowUnsigned ? { allowUnsignedResponses: true } : {}),
      ...(flags.wire ? { wire: flags.wire } : {}),
      ...(flags.allowInsecureHttp ? { allowInsecureHttp: true } : {}),
      ...(flags.journal ? { journal: flags.journal } : {}),
    }),
  );
}

/**
 * Runs `start` (which builds a client or checks an environment URL); the library's refusal of plain http to another
 * machine names its option `allowInsecureHttp`, which becomes the CLI's `--allow-insecure-http`.
 */
export async function insecureHttpHint<T>(start: () => T | Promise<T>): Promise<T> {
  try {
    return await start();
  } catch (error) {
    // A TypeError from the URL check, or the client's configuration error wrapping it.
    const message = (error as Error | undefined)?.message ?? '';
    if (/unless allowInsecureHttp is set/.test(message))
      throw new UsageError(
        message
          .slice(Math.max(0, message.indexOf('environment URL')))
          .replace(/unless allowInsecureHttp is set/, 'unless --allow-insecure-http is given'),
      );
    throw error;
  }
}

/**
 * The client `recover` and `journal reconcile` look payments up with: `call`'s credentials, their --env,
 * --timeout-ms and --wire, and the journal they work on.
 */
export function lookupClient(
  io: ProgramIo,
  options: { env?: string; timeoutMs?: number; wire?: string; transport?: string },
  journal: PaymentJournal,
): Promise<SogenactifClient> {
  const wire = wireOf(options);
  return merchantClient(io, { env: options.env, timeoutMs: options.timeoutMs, journal, ...(wire ? { wire } : {}) });
}
