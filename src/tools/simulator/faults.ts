// Fault injection: triggers `FAULT_<NAME>` written in any request value, with any suffix after the name (so unique
// references work), read only from requests whose seal verified, spent once the faulted request was processed for
// its transaction; unknown names refused; the replies they inject before the work and the damage they do after it.
import { protocols, type Wire, type WireRecord, type WireValue } from 'sogenactif-office/internal';

/** The trigger names, in the order they are matched (longest first where one name starts another). */
export const FAULT_NAMES = [
  'SLOW',
  'DROP',
  'HTTP500',
  'SOAP_FAULT',
  'HTML',
  'TRUNCATED',
  'BAD_SEAL',
  'NO_SEAL',
  '90',
  '99',
] as const;
export type FaultName = (typeof FAULT_NAMES)[number];

/** Faults after which the gateway has done the work (the trigger is then spent for that transaction). */
const PROCESSED: ReadonlySet<FaultName> = new Set(['SLOW', 'DROP', 'TRUNCATED', 'BAD_SEAL', 'NO_SEAL']);

export interface FaultTrigger {
  readonly name: FaultName;
  /** FAULT_SLOW_<ms>: the delay, at most 60000. */
  readonly delayMs?: number;
  /** Top-level field that carried it (for messages and the log). */
  readonly field: string;
}

/** A `FAULT_` word that names no trigger: the request is refused with this message (a SOAP Client fault). */
export class UnknownFaultError extends Error {
  override readonly name = 'UnknownFaultError';
  constructor(
    readonly trigger: string,
    readonly field: string,
  ) {
    super(
      `unknown fault trigger "${trigger}" in ${field}; known: FAULT_SLOW_<ms>, ` +
        `${FAULT_NAMES.filter((n) => n !== 'SLOW')
          .map((n) => `FAULT_${n}`)
          .join(', ')}` +
        ` (a suffix may follow the name: FAULT_DROP_123, FAULT_DROP-abc, FAULT_SLOW_500_x)`,
    );
  }
}

// FAULT_ at the start of a value or after a non-letter (so DEFAULT_X is not a trigger).
const START = /(?<![A-Za-z])FAULT_/g;
const KNOWN = /^(?:SLOW_([0-9]+)|(SOAP_FAULT|BAD_SEAL|NO_SEAL|HTTP500|TRUNCATED|HTML|DROP|90|99))/;

function inText(text: string, field: string): FaultTrigger | undefined {
  for (const match of text.matchAll(START)) {
    const rest = text.slice(match.index + match[0].length);
    const known = KNOWN.exec(rest);
    if (!known) throw new UnknownFaultError(`FAULT_${/^[A-Za-z0-9_]*/.exec(rest)![0].slice(0, 30)}`, field);
    if (known[1] !== undefined) return { name: 'SLOW', delayMs: Math.min(Number(known[1]), 60_000), field };
    return { name: known[2] as FaultName, field };
  }
  return undefined;
}

function inValue(value: WireValue, field: string): FaultTrigger | undefined {
  if (typeof value === 'string') return inText(value, field);
  for (const item of Array.isArray(value) ? value : Object.values(value)) {
    const found = inValue(item, field);
    if (found) return found;
  }
  return undefined;
}

/** The first trigger in a request's values (field order); throws UnknownFaultError for an unknown name. */
export function findFaultTrigger(record: WireRecord): FaultTrigger | undefined {
  for (const [field, value] of Object.entries(record)) {
    const found = inValue(value, field);
    if (found) return found;
  }
  return undefined;
}

/**
 * Remembers which transactions a trigger has already faulted: a trigger whose request was processed
 * (SLOW, DROP, TRUNCATED, BAD_SEAL, NO_SEAL) fires once per transaction, so the lookup that resolves the
 * lost reply (carrying the same reference) is answered normally. Triggers that leave nothing done (90,
 * 99, HTTP500, HTML, SOAP_FAULT) fire on every attempt, as a gateway that stays unavailable would.
 */
export class FaultMemory {
  private readonly spent = new Set<string>();

  /** Whether `trigger` should fire for this request; `reference` is the transaction it names, if any. */
  fires(trigger: FaultTrigger, merchantId: string, reference: string | undefined): boolean {
    return reference === undefined || !this.spent.has(this.key(trigger, merchantId, reference));
  }

  /** Records that the trigger has faulted a processed request for this transaction. */
  fired(trigger: FaultTrigger, merchantId: string, reference: string | undefined): void {
    if (reference !== undefined && PROCESSED.has(trigger.name))
      this.spent.add(this.key(trigger, merchantId, reference));
  }

  clear(): void {
    this.spent.clear();
  }

  private key(trigger: FaultTrigger, merchantId: string, reference: string): string {
    return `${merchantId}\u0000${reference}\u0000${trigger.name}`;
  }
}

/** A reply the simulator sends as it is. */
export interface InjectedReply {
  readonly status: number;
  readonly contentType: string;
  readonly body: string;
}

/** The reply that replaces the gateway's before any work is done (HTTP500, HTML, SOAP_FAULT), or undefined. */
export function replacementReply(trigger: FaultTrigger | undefined, wire: Wire): InjectedReply | undefined {
  switch (trigger?.name) {
    case 'HTTP500':
      return {
        status: 500,
        contentType: 'text/html',
        body: '<html><body><h1>500 Internal Server Error</h1></body></html>',
      };
    case 'HTML':
      return {
        status: 200,
        contentType: 'text/html',
        body: '<!DOCTYPE html><html><body>Maintenance in progress</body></html>',
      };
    case 'SOAP_FAULT':
      return protocols[wire].errorAnswer({ status: 500, side: 'Server', reason: 'Simulated server fault' });
    default:
      return undefined;
  }
}

/** The reply text once the faults that strike after the work have hit it: a forged or missing seal, a cut body. */
export function damagedReply(trigger: FaultTrigger | undefined, wire: Wire, text: string): string {
  const sealPattern = wire === 'json' ? /"seal":"[0-9a-f]+"/ : /<seal>[0-9a-f]+<\/seal>/;
  const sealText = (seal: string): string =>
    wire === 'json' ? `"seal":"${seal}"` : seal ? `<seal>${seal}</seal>` : '';
  if (trigger?.name === 'BAD_SEAL') return text.replace(sealPattern, sealText('0'.repeat(64)));
  if (trigger?.name === 'NO_SEAL') return text.replace(sealPattern, sealText(''));
  if (trigger?.name === 'TRUNCATED') return text.slice(0, Math.floor(text.length / 2));
  return text;
}
