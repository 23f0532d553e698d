// Masks card numbers, CSC values, IBANs and secrets before anything is logged or shown,
// the way the gateway masks them (first 4 and last 2 characters clear).
import type { SchemaTables, Sensitivity, StructDescriptor } from './descriptor';
import { ACCOUNT_FIELD_NAME, SENSITIVE_NAMES } from './platform-rules';

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
  if (typeof value === 'string' && ACCOUNT_FIELD_NAME.test(name) && IBAN_LIKE.test(value.trim().toUpperCase())) return 'iban';
  return undefined;
}

export function mask(value: string, sensitivity: Sensitivity): string {
  if (sensitivity === 'csc' || sensitivity === 'secret') return '***';
  const compact = value.replace(/\s+/g, '');
  if (compact.includes('#') || compact.length <= 6) return sensitivity === 'pan' && compact.length <= 6 ? '#'.repeat(compact.length) : compact;
  return `${compact.slice(0, 4)}${'#'.repeat(compact.length - 6)}${compact.slice(-2)}`;
}

/** A copy of a request or response tree with every sensitive value masked. */
export function redact(value: unknown, struct?: StructDescriptor, schema?: SchemaTables): unknown {
  if (Array.isArray(value)) return value.map((item) => redact(item, struct, schema));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  const fields = new Map((struct?.fields ?? []).map((f) => [f.name, f]));
  for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
    const field = fields.get(key);
    const sensitivity = sensitivityOf(key, item, field?.sensitive);
    if (sensitivity && (typeof item === 'string' || typeof item === 'number')) {
      out[key] = mask(String(item), sensitivity);
      continue;
    }
    if (sensitivity && Array.isArray(item)) {
      out[key] = item.map((v) => (typeof v === 'string' ? mask(v, sensitivity) : redact(v)));
      continue;
    }
    const inner = field && typeof field.type === 'object' && 'struct' in field.type && schema ? schema.structs[field.type.struct] : undefined;
    out[key] = redact(item, inner, schema);
  }
  return out;
}
