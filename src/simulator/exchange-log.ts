// The simulator's request log: one entry per exchange, with the request and reply fields masked the way
// the client masks them (card numbers, CSC, IBAN), the seal verdict and the fault that was applied.
import type { SchemaTables, StructDescriptor } from '../descriptor';
import { redact } from '../redact';
import type { WireRecord } from '../wire';

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
  readonly wire?: 'soap' | 'json';
  readonly merchantId?: string;
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

const DEFAULT_LIMIT = 500;

/** Masks a wire tree with the contract's sensitivity marks (and the known sensitive names). */
export function maskRecord(record: WireRecord | Record<string, unknown>, struct: StructDescriptor | undefined, schema: SchemaTables | undefined): Record<string, unknown> {
  return redact(record, struct, schema) as Record<string, unknown>;
}

/** A bounded log, newest last. */
export class ExchangeLog {
  private readonly entries: Exchange[] = [];
  private sequence = 0;

  constructor(private readonly limit = DEFAULT_LIMIT) {}

  add(entry: Omit<Exchange, 'sequence'>): Exchange {
    this.sequence += 1;
    const full: Exchange = { sequence: this.sequence, ...entry };
    this.entries.push(full);
    if (this.entries.length > this.limit) this.entries.splice(0, this.entries.length - this.limit);
    return full;
  }

  /** A copy of the entries, oldest first (optionally one merchant's). */
  list(merchantId?: string): Exchange[] {
    return this.entries.filter((e) => merchantId === undefined || e.merchantId === merchantId).map((e) => ({ ...e }));
  }

  clear(): void {
    this.entries.length = 0;
    this.sequence = 0;
  }
}
