// transactionReference generator: a payment always carries a reference, so a lost reply can be looked up.
// Format (AN35, letters and digits only): prefix + UTC date-time (yyyyMMddHHmmss) + 64 random bits in hex.
import { nodeCrypto } from './node-crypto';

/** The field's documented length (AN35). */
export const TRANSACTION_REFERENCE_MAX_LENGTH = 35;
const PREFIX = /^[A-Za-z0-9]{0,5}$/;

/**
 * A new transactionReference: `prefix` (up to 5 letters or digits, default "SO") + the UTC time to the second
 * + 16 hex digits of randomness, at most 35 characters, e.g. `SO20261127190602a1b2c3d4e5f60718`.
 * Unique in practice (2^64 values per second) and sortable by creation time.
 */
export function generateTransactionReference(prefix = 'SO', now: Date = new Date()): string {
  if (typeof prefix !== 'string' || !PREFIX.test(prefix))
    throw new TypeError('transactionReference prefix must be 0 to 5 letters or digits');
  const stamp = now.toISOString().replace(/[-:T]/g, '').slice(0, 14);
  return `${prefix}${stamp}${nodeCrypto().randomBytes(8).toString('hex')}`;
}
