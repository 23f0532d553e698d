// The gateway's own answers, documented for legacy callers: a SOAP 1.1 fault with a `gw:` fault code and a detail
// element in the gateway's namespace, or a JSON body `{ "gatewayError": { code, ... } }`, each written by its wire.
// Each code says whether the request reached Sogenactif, so a caller never has to guess whether to retry.
import type { FieldIssue, PaymentResolution } from '../errors';
import type { WireErrorToWrite } from '../wire';
import { escapeText } from '../wire/soap/xml';

/** Namespace of the gateway's fault codes and fault details. */
export const GATEWAY_NS = 'urn:sogenactif-office:gateway:v1';

/**
 * The gateway's answers that are not Sogenactif's verified reply. `sent`: whether anything reached Sogenactif
 * ('no': safe to send again; 'maybe': never resend a payment without resolving it first).
 */
export const GATEWAY_ERRORS = {
  InvalidRequest: { status: 400, sent: 'no', text: 'the request breaks the contract; nothing was sent' },
  Unauthorized: { status: 401, sent: 'no', text: 'a caller token is required (Authorization: Bearer)' },
  Forbidden: { status: 403, sent: 'no', text: 'this caller may not use this merchant, host or origin' },
  NotFound: { status: 404, sent: 'no', text: 'no such service or operation' },
  MethodNotAllowed: { status: 405, sent: 'no', text: 'method not allowed' },
  TooLarge: { status: 413, sent: 'no', text: 'request body too large' },
  UnsupportedMediaType: {
    status: 415,
    sent: 'no',
    text: 'SOAP needs text/xml (or application/soap+xml), JSON needs application/json',
  },
  OutcomeUnknown: {
    status: 409,
    sent: 'maybe',
    text:
      'the payment was sent and its reply was lost or not trusted; the lookup verdict is in the detail; never ' +
      'resend it without checking the verdict',
  },
  ReplyNotTrusted: {
    status: 502,
    sent: 'yes',
    text: "Sogenactif's reply failed a check (seal, format, echo): it is not passed on",
  },
  UpstreamUnavailable: { status: 503, sent: 'no', text: 'Sogenactif could not be reached; nothing was sent' },
  Busy: { status: 503, sent: 'no', text: 'too many calls in flight; nothing was sent' },
  JournalUnavailable: {
    status: 503,
    sent: 'no',
    text: 'the payment journal could not record the call; nothing was sent',
  },
  ShuttingDown: { status: 503, sent: 'no', text: 'the gateway is shutting down; nothing was sent' },
  Internal: { status: 500, sent: 'maybe', text: 'the gateway failed' },
} as const;

export type GatewayErrorCode = keyof typeof GATEWAY_ERRORS;

/** One gateway answer, before it is written on the caller's wire. */
export interface GatewayError {
  readonly code: GatewayErrorCode;
  readonly message: string;
  readonly operation?: string;
  readonly fields?: readonly FieldIssue[];
  readonly resolution?: PaymentResolution;
}

/** What the caller receives: status, content type and body. */
export interface Answer {
  readonly status: number;
  readonly contentType: string;
  readonly body: string;
  readonly headers?: Readonly<Record<string, string>>;
}

/**
 * Fields of the looked-up transaction that say what happened to it (no card data; not the lookup's own responseCode).
 */
const RESOLUTION_FIELDS = [
  'transactionStatus',
  'acquirerResponseCode',
  'amount',
  'currencyCode',
  'authorisationId',
  'transactionDateTime',
] as const;

function resolutionFields(resolution: PaymentResolution): Record<string, string> {
  const out: Record<string, string> = {
    outcome: resolution.outcome,
    transactionReference: resolution.transactionReference,
  };
  for (const name of RESOLUTION_FIELDS) {
    const value = resolution.transaction?.[name];
    if (typeof value === 'string' || typeof value === 'number') out[name] = String(value);
  }
  if (resolution.reason) out.reason = resolution.reason;
  return out;
}

const element = (name: string, value: string): string => `<gw:${name}>${escapeText(value)}</gw:${name}>`;

/**
 * A gateway answer as the wires write errors (protocols[wire].errorAnswer): on SOAP a 1.1 fault with `gw:<code>` in
 * faultcode (namespace GATEWAY_NS), the message in faultstring and a detail `<gw:gatewayError>` with code, sent
 * (no/maybe/yes), operation, each bad field, and for OutcomeUnknown the lookup's verdict (`<gw:resolution>`: outcome
 * approved|refused|pending|unknown, transactionReference, transactionStatus, ...); on JSON `{ "gatewayError": { code,
 * message, sent, operation?, fields?, resolution? } }`, with the code's HTTP status.
 */
export function wireError(error: GatewayError): WireErrorToWrite {
  const { status, sent } = GATEWAY_ERRORS[error.code];
  const resolution = error.resolution ? resolutionFields(error.resolution) : undefined;
  const detail = [
    element('code', error.code),
    element('sent', sent),
    error.operation ? element('operation', error.operation) : '',
    ...(error.fields ?? []).map(
      (issue) => `<gw:field>${element('name', issue.field)}${element('problem', issue.problem)}</gw:field>`,
    ),
    resolution
      ? `<gw:resolution>` +
        `${Object.entries(resolution)
          .map(([name, value]) => element(name, value))
          .join('')}` +
        `</gw:resolution>`
      : '',
  ].join('');
  return {
    status,
    // A caller refused before any SOAP processing gets the HTTP status on SOAP too (otherwise SOAP 1.1's 500).
    beforeProcessing:
      error.code === 'Unauthorized' ||
      error.code === 'Forbidden' ||
      error.code === 'TooLarge' ||
      error.code === 'NotFound' ||
      error.code === 'MethodNotAllowed' ||
      error.code === 'UnsupportedMediaType',
    // The caller is at fault for a refusal (4xx); not for a lost outcome (409) or the gateway's own failures.
    side: status < 500 && error.code !== 'OutcomeUnknown' ? 'Client' : 'Server',
    reason: error.message,
    code: `gw:${error.code}`,
    detail: `<gw:gatewayError>${detail}</gw:gatewayError>`,
    namespaces: { gw: GATEWAY_NS },
    json: {
      gatewayError: {
        code: error.code,
        message: error.message,
        sent,
        ...(error.operation ? { operation: error.operation } : {}),
        ...(error.fields
          ? { fields: error.fields.map((issue) => ({ field: issue.field, problem: issue.problem })) }
          : {}),
        ...(resolution ? { resolution } : {}),
      },
    },
  };
}
