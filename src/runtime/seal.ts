// The seal: signs requests and verifies responses by the Sips Office rule (see wsdl/README.md):
// field values concatenated in code-unit order of their names, containers flattened in place with
// their own keys sorted, list items in order, keyVersion/sealAlgorithm/seal left out; UTF-8; lowercase hex.
import { nodeCrypto as crypto } from './node-crypto';

export const SEAL_ALGORITHMS = ['HMAC-SHA-256', 'HMAC-SHA-512', 'SHA-256'] as const;
export type SealAlgorithmName = (typeof SEAL_ALGORITHMS)[number];
export const DEFAULT_SEAL_ALGORITHM: SealAlgorithmName = 'HMAC-SHA-256';

/** Top-level fields that never take part in the seal. */
export const SEAL_EXCLUDED_FIELDS: ReadonlySet<string> = new Set(['keyVersion', 'sealAlgorithm', 'seal']);

/** A value the seal can read: scalars, lists and containers, as sent or received (JSON-like). */
export type SealValue =
  string | number | bigint | boolean | null | undefined | readonly SealValue[] | { readonly [key: string]: SealValue };

function append(value: SealValue, parts: string[]): void {
  if (value === null || value === undefined) return;
  if (Array.isArray(value)) {
    for (const item of value) append(item, parts);
  } else if (typeof value === 'object') {
    const record = value as { readonly [key: string]: SealValue };
    // sort() with no comparator orders strings by UTF-16 code units, the rule's order (faster than a comparator).
    for (const key of Object.keys(record).sort()) append(record[key], parts);
  } else {
    parts.push(String(value));
  }
}

/** The string that is hashed: exposed so the rule can be tested and shown (`sogenactif seal --explain`). */
export function sealString(fields: { readonly [key: string]: SealValue }): string {
  const parts: string[] = [];
  for (const key of Object.keys(fields).sort()) {
    if (!SEAL_EXCLUDED_FIELDS.has(key)) append(fields[key], parts);
  }
  return parts.join('');
}

const sealStrings = new WeakMap<object, string>();
/**
 * sealString of a record, worked out once per record object: a call reads the request's string again to refuse a
 * reflected reply, and a reply's string serves both the reflection check and the seal check.
 */
export function sealStringOf(fields: { readonly [key: string]: SealValue }): string {
  let text = sealStrings.get(fields);
  if (text === undefined) sealStrings.set(fields, (text = sealString(fields)));
  return text;
}

export function isSealAlgorithm(value: unknown): value is SealAlgorithmName {
  return typeof value === 'string' && (SEAL_ALGORITHMS as readonly string[]).includes(value);
}

/** Hashes an already-built seal string. SHA-256 is the POST-connector style: sha256(data + key). */
export function hashSealString(
  data: string,
  secretKey: string,
  algorithm: SealAlgorithmName = DEFAULT_SEAL_ALGORITHM,
): string {
  switch (algorithm) {
    case 'HMAC-SHA-256':
      return crypto().createHmac('sha256', Buffer.from(secretKey, 'utf8')).update(data, 'utf8').digest('hex');
    case 'HMAC-SHA-512':
      return crypto().createHmac('sha512', Buffer.from(secretKey, 'utf8')).update(data, 'utf8').digest('hex');
    case 'SHA-256':
      return crypto()
        .createHash('sha256')
        .update(data + secretKey, 'utf8')
        .digest('hex');
  }
}

export function computeSeal(
  fields: { readonly [key: string]: SealValue },
  secretKey: string,
  algorithm: SealAlgorithmName = DEFAULT_SEAL_ALGORITHM,
): string {
  return hashSealString(sealString(fields), secretKey, algorithm);
}

/** Constant-time comparison of a received seal with the expected one (case-insensitive hex). */
export function sealsMatch(expected: string, received: string): boolean {
  const a = Buffer.from(expected.toLowerCase(), 'utf8');
  const b = Buffer.from(received.trim().toLowerCase(), 'utf8');
  if (a.length !== b.length) {
    crypto().timingSafeEqual(a, a); // keep the timing independent of where the mismatch is
    return false;
  }
  return crypto().timingSafeEqual(a, b);
}

export function verifySeal(
  fields: { readonly [key: string]: SealValue },
  secretKey: string,
  algorithm: SealAlgorithmName = DEFAULT_SEAL_ALGORITHM,
): boolean {
  const received = fields.seal;
  if (typeof received !== 'string' || received === '') return false;
  return sealsMatch(computeSeal(fields, secretKey, algorithm), received);
}
