// The simulator's request log: one entry per exchange, with the request and reply fields masked the way
// the client masks them (card numbers, CSC, IBAN), the seal verdict and the fault that was applied. Requests
// whose seal did not verify are kept apart (their own bucket and cap), never under the merchant they claim.
import {
  redact,
  type SchemaTables,
  type StructDescriptor,
  type Wire,
  type WireRecord,
} from 'sogenactif-office/internal';

/** How the simulator judged the request's seal. */
export type SealVerdict = 'valid' | 'invalid' | 'wrong keyVersion' | 'missing' | 'unknown merchant' | 'not read';

export interface Exchange {
  /** Order of arrival, from 1. */
  readonly sequence: number;
  /** Simulator time (the controllable clock), ISO 8601. */
  readonly at: string;
  readonly service: string;
  readonly operation: string;
  /** The wire the request came on (SOAP when absent). */
  readonly wire?: Wire;
  /** The merchant, only when the request's seal verified with its key. */
  readonly merchantId?: string;
  /** The merchant an unauthenticated request named (seal not valid, unknown merchant, unreadable request). */
  readonly claimedMerchantId?: string;
  /** The request's fields as they were on the wire, masked. */
  readonly request: Readonly<Record<string, unknown>>;
  /** The reply's fields (before any fault), masked; absent when no reply was built. */
  reply?: Readonly<Record<string, unknown>>;
  /** The reply's response code (responseCode, walletResponseCode, ...). */
  responseCode?: string;
  seal: SealVerdict;
  /** The fault trigger applied to this exchange, if any (e.g. 'DROP'). */
  fault?: string;
  /** HTTP status sent, or 0 when the connection was dropped. */
  httpStatus?: number;
  /** Why the request was refused before reaching the business rules (malformed XML, unknown trigger, ...). */
  error?: string;
}

/** Default caps: the genuine entries (seal verified) and, apart, the unauthenticated ones. */
export const DEFAULT_LOG_LIMITS = { genuine: 500, unauthenticated: 200 } as const;

/** Masks a wire tree with the contract's sensitivity marks (and the known sensitive names). */
export function maskRecord(
  record: WireRecord | Record<string, unknown>,
  struct: StructDescriptor | undefined,
  schema: SchemaTables | undefined,
): Record<string, unknown> {
  return redact(record, struct, schema) as Record<string, unknown>;
}

/**
 * A bounded log, newest last, in two buckets: entries whose seal verified (`seal: 'valid'`, a merchant proved) and
 * the rest (unauthenticated: bad or missing seal, unknown merchant, unreadable request). Each has its own cap, so no
 * number of keyless requests can evict a merchant's genuine entries.
 */
export class ExchangeLog {
  private readonly genuine: Exchange[] = [];
  private readonly unauthenticated: Exchange[] = [];
  private sequence = 0;

  constructor(
    private readonly limits: { readonly genuine: number; readonly unauthenticated: number } = DEFAULT_LOG_LIMITS,
  ) {}

  /** Adds an entry to its bucket, chosen by its seal verdict as given now (`valid`: genuine). */
  add(entry: Omit<Exchange, 'sequence'>): Exchange {
    this.sequence += 1;
    const full: Exchange = { sequence: this.sequence, ...entry };
    const [bucket, limit] =
      full.seal === 'valid' ? [this.genuine, this.limits.genuine] : [this.unauthenticated, this.limits.unauthenticated];
    bucket.push(full);
    if (bucket.length > limit) bucket.splice(0, bucket.length - limit);
    return full;
  }

  /**
   * A copy of the entries, oldest first: all of them (both buckets, by arrival), or one merchant's genuine entries
   * (a request claiming a merchant without its key is never listed as that merchant's).
   */
  list(merchantId?: string): Exchange[] {
    if (merchantId !== undefined) return this.listGenuine(merchantId);
    return [...this.genuine, ...this.unauthenticated].sort((a, b) => a.sequence - b.sequence).map((e) => ({ ...e }));
  }

  /** A copy of the genuine bucket (seal verified), oldest first (optionally one merchant's). */
  listGenuine(merchantId?: string): Exchange[] {
    return this.genuine.filter((e) => merchantId === undefined || e.merchantId === merchantId).map((e) => ({ ...e }));
  }

  /** A copy of the unauthenticated bucket, oldest first. */
  listUnauthenticated(): Exchange[] {
    return this.unauthenticated.map((e) => ({ ...e }));
  }

  clear(): void {
    this.genuine.length = 0;
    this.unauthenticated.length = 0;
    this.sequence = 0;
  }
}
