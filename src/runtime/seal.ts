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

/** A key list and its order by the rule, once sorted: `sealed` leaves out the top level's excluded fields. */
interface KeyOrder {
  readonly keys: readonly string[];
  readonly sorted: readonly string[];
  readonly sealed: readonly string[];
}
const KEY_ORDERS = 8;
const keyOrders: KeyOrder[] = [];
let nextKeyOrder = 0;

/**
 * The keys of a record in the rule's order. Records of one struct come with their keys in one order (the struct's),
 * so the last few key lists seen are kept with their sorted order: an equal list (same keys, same order: compared
 * key by key, property names being internalised strings) takes its order from there, any other list is sorted as
 * the rule says and remembered in place of the oldest. Sorting 16 keys cost 8.9 k instructions per seal
 * (tools/bench/README.md, issue 20 fifth pass).
 */
function keyOrderOf(record: object): KeyOrder {
  const keys = Object.keys(record);
  const count = keys.length;
  for (let e = 0; e < keyOrders.length; e++) {
    const order = keyOrders[e]!;
    const known = order.keys;
    if (known.length !== count) continue;
    let i = 0;
    while (i < count && keys[i] === known[i]) i++;
    if (i === count) return order;
  }
  // sort() with no comparator orders strings by UTF-16 code units, the rule's order (faster than a comparator).
  const sorted = keys.slice().sort();
  const order = { keys, sorted, sealed: sorted.filter((key) => !SEAL_EXCLUDED_FIELDS.has(key)) };
  if (keyOrders.length < KEY_ORDERS) keyOrders.push(order);
  else {
    keyOrders[nextKeyOrder] = order;
    nextKeyOrder = (nextKeyOrder + 1) % KEY_ORDERS;
  }
  return order;
}

/** `text` followed by what `value` adds to the seal string. */
function append(value: SealValue, text: string): string {
  if (typeof value === 'string') return text + value;
  if (value === null || value === undefined) return text;
  if (Array.isArray(value)) {
    const items = value as readonly SealValue[];
    for (let i = 0; i < items.length; i++) text = append(items[i], text);
  } else if (typeof value === 'object') {
    const record = value as { readonly [key: string]: SealValue };
    const sorted = keyOrderOf(record).sorted;
    for (let i = 0; i < sorted.length; i++) text = append(record[sorted[i]!], text);
  } else {
    text += String(value);
  }
  return text;
}

/** The string that is hashed: exposed so the rule can be tested and shown (`sogenactif seal --explain`). */
export function sealString(fields: { readonly [key: string]: SealValue }): string {
  const sealed = keyOrderOf(fields).sealed;
  let text = '';
  for (let i = 0; i < sealed.length; i++) text = append(fields[sealed[i]!], text);
  return text;
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
  const a = expected.toLowerCase();
  const b = received.trim().toLowerCase();
  if (a.length > MATCHED_CHARS || b.length > MATCHED_CHARS)
    return bytesMatch(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
  // Written into two buffers kept for it: two Buffers made per reply cost about a third of the comparison.
  const length = expectedBytes.write(a, 0, 'utf8');
  const receivedLength = receivedBytes.write(b, 0, 'utf8');
  const views = (matchViews[length] ??= [expectedBytes.subarray(0, length), receivedBytes.subarray(0, length)]);
  const match =
    receivedLength === length
      ? crypto().timingSafeEqual(views[0], views[1])
      : !crypto().timingSafeEqual(views[0], views[0]); // the same work wherever the mismatch is; false
  // Nothing of the last exchange stays in the kept buffers.
  expectedBytes.fill(0, 0, length);
  receivedBytes.fill(0, 0, receivedLength);
  return match;
}

/** A UTF-16 code unit takes at most 3 bytes of UTF-8: texts of up to 170 units fit the 512 bytes of each buffer. */
const MATCHED_CHARS = 170;
const expectedBytes = Buffer.alloc(512);
const receivedBytes = Buffer.alloc(512);
/** Views of the buffers' first n bytes, by n (64 and 128 for the seals of SHA-256 and SHA-512). */
const matchViews: [Buffer, Buffer][] = [];

function bytesMatch(a: Buffer, b: Buffer): boolean {
  if (a.length !== b.length) {
    crypto().timingSafeEqual(a, a);
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
