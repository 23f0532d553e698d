// Masks card numbers, CSC values, IBANs and secrets before anything is logged or shown,
// the way the gateway masks them (first 4 and last 2 characters clear).
import type { SchemaTables, Sensitivity, StructDescriptor } from './descriptor';
import { ACCOUNT_FIELD_NAME, SENSITIVE_NAMES } from './platform-rules';
import { walkRecord, type RecordVisitor, type WalkKey } from './record/walk';

/** An IBAN (ISO 13616: country, check digits, up to 30 letters or digits), spaces allowed. */
const IBAN_LIKE = /^[A-Z]{2}\d{2}(?: ?[A-Z0-9]){11,30}$/;

/**
 * The sensitivity of a field: its descriptor's, then by name, then by value for account-like names
 * (an IBAN in any field named *iban*, *account*, *rib*), so masking does not wait for a dictionary edit.
 */
export function sensitivityOf(name: string, value: unknown, declared?: Sensitivity): Sensitivity | undefined {
  if (declared) return declared;
  const byName = SENSITIVE_NAMES.get(name);
  if (byName) return byName;
  if (typeof value === 'string' && ACCOUNT_FIELD_NAME.test(name) && IBAN_LIKE.test(value.trim().toUpperCase()))
    return 'iban';
  return undefined;
}

export function mask(value: string, sensitivity: Sensitivity): string {
  if (sensitivity === 'csc' || sensitivity === 'secret') return '***';
  const compact = value.replace(/\s+/g, '');
  if (compact.includes('#') || compact.length <= 6)
    return sensitivity === 'pan' && compact.length <= 6 ? '#'.repeat(compact.length) : compact;
  return `${compact.slice(0, 4)}${'#'.repeat(compact.length - 6)}${compact.slice(-2)}`;
}

/**
 * A copy of a request or response tree with every sensitive value masked: by each field's declared sensitivity where
 * `struct` and `schema` describe the tree, and by name everywhere (sensitivityOf).
 */
export function redact(value: unknown, struct?: StructDescriptor, schema?: SchemaTables): unknown {
  if (Array.isArray(value)) return value.map((item) => redact(item, struct, schema));
  if (value === null || typeof value !== 'object') return value;
  const out: Copy = {};
  walkRecord(value as Record<string, unknown>, schema ? struct : undefined, schema ?? NO_SCHEMA, REDACT, out);
  return out;
}

/** The copy being built: an object, or a list (indexed by number). */
type Copy = Record<WalkKey, unknown>;
const NO_SCHEMA: SchemaTables = { structs: {}, enums: {} };

const REDACT: RecordVisitor<Copy> = {
  // A list's items are masked (or not) with their list, by its name.
  value: (out, key, value, field) =>
    void (out[key] = typeof key === 'number' ? redact(value) : redactNamed(key, value, field.sensitive)),
  nil: (out, key) => void (out[key] = {}),
  enter(out, key) {
    const inner: Copy = {};
    out[key] = inner;
    return inner;
  },
  list(out, key, items, field) {
    const sensitivity = typeof key === 'string' ? sensitivityOf(key, items, field.sensitive) : undefined;
    if (sensitivity) {
      out[key] = items.map((item) => (typeof item === 'string' ? mask(item, sensitivity) : redact(item)));
      return undefined;
    }
    const inner: unknown[] = [];
    out[key] = inner;
    return inner as unknown as Copy;
  },
  untyped: (out, key, value, field) => void (out[key] = redactNamed(key, value, field?.sensitive)),
};

/**
 * A value under `name` with no struct to follow: masked when its name (or declaration) is sensitive, else by name
 * inside.
 */
function redactNamed(name: string, value: unknown, declared: Sensitivity | undefined): unknown {
  const sensitivity = sensitivityOf(name, value, declared);
  if (sensitivity && (typeof value === 'string' || typeof value === 'number')) return mask(String(value), sensitivity);
  if (sensitivity && Array.isArray(value))
    return value.map((item) => (typeof item === 'string' ? mask(item, sensitivity) : redact(item)));
  return redact(value);
}
