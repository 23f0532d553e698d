// Masks card numbers, CSC values, IBANs and secrets before anything is logged or shown,
// the way the gateway masks them (first 4 and last 2 characters clear).
import type { SchemaTables, Sensitivity, StructDescriptor } from './descriptor';

/** Field names treated as sensitive even where no descriptor says so. */
const SENSITIVE_NAMES: Readonly<Record<string, Sensitivity>> = {
  cardNumber: 'pan',
  pan: 'pan',
  cardCSCValue: 'csc',
  cscValue: 'csc',
  iban: 'iban',
  secretKey: 'secret',
};

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
    const sensitivity = field?.sensitive ?? SENSITIVE_NAMES[key];
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
