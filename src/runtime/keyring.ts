// The keyring: several merchants, several key versions each. Requests are sealed with a merchant's highest
// (current) version; replies are verified with the version they were sealed with, among those configured, so a
// key rotation needs no downtime. Checks name the field at fault and never repeat a secret.
import type { FieldIssue } from './errors';
import { MERCHANT_ID_FORMAT } from './platform-rules';

/** One key version of a merchant. `secret` is never logged nor repeated in an error. */
export interface MerchantKey {
  readonly version: number;
  readonly secret: string;
}

/** A merchant and its key versions (the highest seals; every one configured verifies). */
export interface MerchantKeys {
  /** Shop identifier (15 digits) given by Sogenactif. */
  readonly merchantId: string;
  readonly keys: readonly MerchantKey[];
}

/** What a call needs from the keyring: the merchant, its sealing key and every key that may verify a reply. */
export interface MerchantKeyring {
  readonly merchantId: string;
  /** The sealing key: the highest version configured. */
  readonly current: MerchantKey;
  /** Every configured version's secret, by version. */
  readonly byVersion: ReadonlyMap<number, string>;
}

/** Every problem of a merchants list, each naming its field (`merchants[1].keys[0].version`); empty when usable. */
export function checkMerchants(merchants: unknown, field = 'merchants'): FieldIssue[] {
  if (!Array.isArray(merchants) || merchants.length === 0)
    return [{ field, problem: 'must be a non-empty list of { merchantId, keys: [{ version, secret }] }' }];
  const issues: FieldIssue[] = [];
  const seen = new Set<string>();
  merchants.forEach((merchant: unknown, index) => {
    const at = `${field}[${index}]`;
    if (merchant === null || typeof merchant !== 'object') {
      issues.push({ field: at, problem: 'must be an object { merchantId, keys }' });
      return;
    }
    const { merchantId, keys } = merchant as Partial<MerchantKeys>;
    if (typeof merchantId !== 'string' || !MERCHANT_ID_FORMAT.test(merchantId))
      issues.push({ field: `${at}.merchantId`, problem: 'must be the 15-digit shop identifier' });
    else if (seen.has(merchantId))
      issues.push({
        field: `${at}.merchantId`,
        problem: 'appears twice: list each merchant once, with all its key versions',
      });
    else seen.add(merchantId);
    if (!Array.isArray(keys) || keys.length === 0) {
      issues.push({ field: `${at}.keys`, problem: 'must be a non-empty list of { version, secret }' });
      return;
    }
    const versions = new Set<number>();
    keys.forEach((key: unknown, k) => {
      const keyAt = `${at}.keys[${k}]`;
      const { version, secret } = (key ?? {}) as Partial<MerchantKey>;
      if (typeof version !== 'number' || !Number.isSafeInteger(version) || version < 1)
        issues.push({ field: `${keyAt}.version`, problem: 'must be a positive integer' });
      else if (versions.has(version))
        issues.push({ field: `${keyAt}.version`, problem: 'appears twice for this merchant' });
      else versions.add(version);
      if (typeof secret !== 'string' || secret.length === 0)
        issues.push({ field: `${keyAt}.secret`, problem: 'must be a non-empty string' });
    });
  });
  return issues;
}

/** The keyring of a checked merchants list (see checkMerchants), by merchantId, in the list's order. */
export function createKeyring(merchants: readonly MerchantKeys[]): ReadonlyMap<string, MerchantKeyring> {
  const keyring = new Map<string, MerchantKeyring>();
  for (const { merchantId, keys } of merchants) {
    const current = keys.reduce((best, key) => (key.version > best.version ? key : best));
    keyring.set(
      merchantId,
      Object.freeze({
        merchantId,
        current: Object.freeze({ version: current.version, secret: current.secret }),
        byVersion: new Map(keys.map((key) => [key.version, key.secret])),
      }),
    );
  }
  return keyring;
}
