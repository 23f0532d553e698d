// Binds a reply to the exchange it answers (issue 19): the identifiers the request sent present and equal, a fresh
// date-time, a masked PAN agreeing with the card sent, and an approval that looks like one. The seal covers values, not
// field boundaries nor time: these checks refuse a genuine sealed reply replayed, or re-split, for another exchange.
import type { FieldDescriptor, OperationDescriptor } from './descriptor';
import type { FieldIssue } from './errors';
import {
  AUTHORISATION_ID_FORMAT,
  BOUND_ANYWHERE,
  BOUND_FIELDS,
  DATE_TIME,
  PENDING_CODE,
  STAMP_FIELDS,
  SUCCESS_CODE,
} from './platform-rules';
import { structOf } from './record';
import { indexOf } from './record/structs';
// The types from their module, so these declarations (DEFAULT_REPLY_MAX_AGE_MS is public) name no record index.
import type { WireRecord, WireValue } from './record/values';

/** What a reply is checked against: the request as sent and when it was sent. */
export interface Exchange {
  readonly sent: WireRecord;
  /** Epoch ms when the attempt started (the request left after this). */
  readonly sentAt: number;
  /** Epoch ms when the reply was read. */
  readonly now: number;
  /** How far a reply's date-time may be from the exchange (before sending, after reading): clock skew plus latency. */
  readonly maxAgeMs: number;
}

/** Default `replyMaxAgeMs`: five minutes either side of the exchange. */
export const DEFAULT_REPLY_MAX_AGE_MS = 5 * 60_000;

/** Operations whose reply binding concerns a transaction: payments, cash operations and the lookups by reference. */
export function isTransactionExchange(operation: OperationDescriptor): boolean {
  if (operation.category === 'payment' || operation.category === 'cash') return true;
  return (
    operation.category === 'read' &&
    indexOf(structOf(operation.schema, operation.request)).byName.has('transactionReference')
  );
}

/**
 * The instant of an ISO 8601 date-time with offset, or undefined when it is not one (or not a real date). Read as
 * Date.parse reads the same text (fractions to the millisecond, 24:00:00 as the next midnight, offsets up to 23:59),
 * from the regex's numbers: Date.parse's string scan was a tenth of the reply checks' CPU (tools/bench/README.md,
 * issue 20 fourth pass).
 */
export function instantOf(text: string): number | undefined {
  // The regex fixes every part's place: read in place, its digits are ASCII 0-9 (no capture array, no Number()).
  if (!DATE_TIME.test(text)) return undefined;
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 7);
  const day = digits(text, 8, 10);
  const hour = digits(text, 11, 13);
  const minute = digits(text, 14, 16);
  const second = digits(text, 17, 19);
  const zulu = text.charCodeAt(text.length - 1) === 90; /* Z */
  const offsetStart = zulu ? text.length - 1 : text.length - 6;
  // A fraction (.d to .ddddddddd) read to the millisecond: its first three digits, padded with zeros.
  let millisecond = 0;
  if (offsetStart > 19)
    for (let i = 20; i < 23; i++) millisecond = millisecond * 10 + (i < offsetStart ? text.charCodeAt(i) - 48 : 0);
  const offsetHours = zulu ? 0 : digits(text, offsetStart + 1, offsetStart + 3);
  const offsetMinutes = zulu ? 0 : digits(text, offsetStart + 4, offsetStart + 6);
  if (
    month < 1 ||
    month > 12 ||
    day < 1 ||
    minute > 59 ||
    second > 59 ||
    hour > 24 ||
    (hour === 24 && (minute !== 0 || second !== 0 || millisecond !== 0)) ||
    offsetHours > 23 ||
    offsetMinutes > 59
  )
    return undefined;
  // The day's midnight (setUTCFullYear reads years 0-99 as they are, where Date.UTC reads 1900-1999). A date that does
  // not exist (2026-02-31) is not a date: it would roll over into March.
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  const sign = !zulu && text.charCodeAt(offsetStart) === 45 /* - */ ? -1 : 1;
  return (
    date.getTime() +
    ((hour * 60 + minute) * 60 + second) * 1000 +
    millisecond -
    sign * (offsetHours * 60 + offsetMinutes) * 60_000
  );
}

/** The number the ASCII digits of text[from, to) write. */
function digits(text: string, from: number, to: number): number {
  let value = 0;
  for (let i = from; i < to; i++) value = value * 10 + text.charCodeAt(i) - 48;
  return value;
}

/** Whether a masked PAN agrees with the card number sent: same length, every shown digit equal, the rest masked. */
export function maskAgrees(masked: string, cardNumber: string): boolean {
  return maskAgreesWithDigits(masked, cardNumber.replace(/\s+/g, ''));
}

/** maskAgrees for a card number of digits only (bindingIssues has tested it so): nothing to take out. */
function maskAgreesWithDigits(masked: string, card: string): boolean {
  if (masked.length !== card.length || !/^[0-9]+[#*X]+[0-9]*$/.test(masked)) return false;
  for (let i = 0; i < masked.length; i++) {
    const c = masked[i]!;
    if (c !== '#' && c !== '*' && c !== 'X' && c !== card[i]) return false;
  }
  return true;
}

const text = (value: WireValue | undefined): string | undefined => (typeof value === 'string' ? value : undefined);

/** The code field's verdict: success (00), pending (60), or anything else. */
function codeOf(operation: OperationDescriptor, reply: WireRecord): string | undefined {
  return operation.codeField ? text(reply[operation.codeField]) : undefined;
}

/** What bindingIssues needs to know of an operation, worked out once per descriptor. */
interface Plan {
  readonly declared: ReadonlyMap<string, FieldDescriptor>;
  readonly bound: readonly string[];
  readonly stampField?: string;
  /** A finalisation (redirectionData) completes a transaction begun at its initialisation, possibly long before. */
  readonly continues: boolean;
}
const plans = new WeakMap<OperationDescriptor, Plan>();
function planOf(operation: OperationDescriptor): Plan {
  let plan = plans.get(operation);
  if (!plan) {
    const declared = indexOf(structOf(operation.schema, operation.response)).byName;
    const bound = (isTransactionExchange(operation) ? BOUND_FIELDS : BOUND_ANYWHERE).filter((name) =>
      declared.has(name),
    );
    const stampField = operation.category === 'read' ? undefined : STAMP_FIELDS.find((name) => declared.has(name));
    const continues = indexOf(structOf(operation.schema, operation.request)).byName.has('redirectionData');
    plans.set(operation, (plan = { declared, bound, ...(stampField ? { stampField } : {}), continues }));
  }
  return plan;
}

/**
 * Everything that ties `reply` to `exchange`, as field issues (names, never values). Empty when the reply answers
 * this request: identifiers present and equal, date-time fresh, masked PAN agreeing, an approval shaped like one.
 */
export function bindingIssues(operation: OperationDescriptor, exchange: Exchange, reply: WireRecord): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const plan = planOf(operation);
  const declared = (name: string): FieldDescriptor | undefined => plan.declared.get(name);
  const code = codeOf(operation, reply);
  const success = code === SUCCESS_CODE;
  const { stampField } = plan;
  const stamp = stampField ? text(reply[stampField]) : undefined;
  // A reply that reports success, or that reports a processed transaction (it is stamped), must name what it answers.
  const binding = success || code === PENDING_CODE || (stamp !== undefined && stamp !== '');

  if (success && text(reply.errorFieldName))
    issues.push({ field: 'errorFieldName', problem: `is present beside ${operation.codeField} 00` });

  if (binding) {
    const { sent } = exchange;
    for (const name of plan.bound) {
      const request = text(sent[name]);
      if (request === undefined) continue;
      const answer = reply[name];
      if (answer === undefined || answer === '')
        issues.push({ field: name, problem: 'is missing: the reply does not name what it answers' });
      else if (answer !== request) issues.push({ field: name, problem: 'differs from the value sent' });
    }
    const s10 = s10Problem(sent, reply, declared);
    if (s10) issues.push(s10);
  }

  if (stampField && (stamp !== undefined || success)) {
    const problem = freshnessProblem(stamp, exchange, plan.continues);
    if (problem) issues.push({ field: stampField, problem });
  }

  // Only a clear PAN can be compared: a token (panType TOKEN_PAN) or an encrypted one (CSE) is not the card's number.
  const panType = text(exchange.sent.panType);
  const sentNumber = text(exchange.sent.cardNumber);
  const cardNumber =
    sentNumber !== undefined && /^[0-9]{12,19}$/.test(sentNumber) && (panType === undefined || panType === 'PAN')
      ? sentNumber
      : undefined;
  if (cardNumber !== undefined && declared('maskedPan') && (success || text(reply.maskedPan))) {
    const masked = text(reply.maskedPan);
    if (!masked) issues.push({ field: 'maskedPan', problem: 'is missing beside an approval of the card sent' });
    else if (!maskAgreesWithDigits(masked, cardNumber))
      issues.push({ field: 'maskedPan', problem: 'does not agree with the card sent' });
  }

  const authorisationId = text(reply.authorisationId);
  if (authorisationId && !AUTHORISATION_ID_FORMAT.test(authorisationId))
    issues.push({ field: 'authorisationId', problem: 'is not an authorisation code (6 to 10 letters or digits)' });

  if (success && (operation.category === 'payment' || operation.category === 'cash'))
    issues.push(...approvalIssues(operation, reply, declared));
  return issues;
}

/**
 * What an approval (00) of a payment or cash operation must carry beyond its code. (An acquirer's answer that
 * contradicts it is reply-checks.ts's consistencyIssues, run beside this.)
 */
function approvalIssues(
  operation: OperationDescriptor,
  reply: WireRecord,
  declared: (name: string) => FieldDescriptor | undefined,
): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (operation.category === 'payment') {
    if (declared('acquirerResponseCode') && !text(reply.acquirerResponseCode))
      issues.push({ field: 'acquirerResponseCode', problem: 'is missing beside responseCode 00' });
    if (declared('authorisationId') && !text(reply.authorisationId))
      issues.push({ field: 'authorisationId', problem: 'is missing beside responseCode 00' });
  } else if (declared('newStatus') && !text(reply.newStatus)) {
    issues.push({ field: 'newStatus', problem: 'is missing beside responseCode 00' });
  }
  return issues;
}

/** The date-time stamp: present, well formed, and within maxAgeMs of the exchange. */
function freshnessProblem(stamp: string | undefined, exchange: Exchange, continues: boolean): string | undefined {
  if (stamp === undefined || stamp === '') return 'is missing: an answer to this request is stamped with its date-time';
  const instant = instantOf(stamp);
  if (instant === undefined) return 'is not an ISO 8601 date-time with offset';
  if (!continues && instant < exchange.sentAt - exchange.maxAgeMs)
    return (
      `is older than the request by more than ${exchange.maxAgeMs}` +
      ` ms: a reply to an earlier exchange (replyMaxAgeMs)`
    );
  if (instant > exchange.now + exchange.maxAgeMs)
    return `is later than the reply by more than ${exchange.maxAgeMs} ms (replyMaxAgeMs)`;
  return undefined;
}

/** The legacy s10 pair: when the request named its transaction by it, the reply must name the same one. */
function s10Problem(
  sent: WireRecord,
  reply: WireRecord,
  declared: (name: string) => FieldDescriptor | undefined,
): FieldIssue | undefined {
  if (text(sent.transactionReference) !== undefined) return undefined;
  const pair = sent.s10TransactionReference;
  if (!pair || typeof pair !== 'object' || Array.isArray(pair)) return undefined;
  const id = text(pair.s10TransactionId);
  if (!id) return undefined;
  const date = text(pair.s10TransactionIdDate);
  const answer = reply.s10TransactionReference;
  if (answer && typeof answer === 'object' && !Array.isArray(answer)) {
    const answerDate = text(answer.s10TransactionIdDate);
    if (text(answer.s10TransactionId) === id && (date === undefined || answerDate === undefined || answerDate === date))
      return undefined;
    return { field: 's10TransactionReference', problem: 'differs from the pair sent' };
  }
  const reference = text(reply.transactionReference);
  // The platform answers an s10 pair with transactionReference = YYYYMMDD + s10TransactionId.
  if (
    reference !== undefined &&
    reference.length === 8 + id.length &&
    reference.endsWith(id) &&
    (date === undefined ? /^\d{8}$/.test(reference.slice(0, 8)) : reference.startsWith(date))
  )
    return undefined;
  if (!declared('s10TransactionReference') && !declared('transactionReference')) return undefined;
  return {
    field: 's10TransactionReference',
    problem:
      reference === undefined
        ? 'is missing: the reply does not name the transaction sent'
        : 'differs from the pair sent',
  };
}
