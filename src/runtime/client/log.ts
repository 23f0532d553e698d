// The exchange log: each attempt, redacted (no card number, CSC, IBAN or key), handed to the configured logger.
import type { OperationDescriptor } from '../descriptor';
import { redact } from '../redact';
import { structOf } from '../record';

export interface ExchangeEvent {
  /** The call's correlation id: the same as its diagnostics_channel events (diagnostics.ts) carry. */
  readonly correlationId: string;
  readonly operation: string;
  readonly attempt: number;
  readonly url: string;
  readonly durationMs: number;
  /** The request fields as sent (seal included), sensitive values masked. */
  readonly request: unknown;
  /** The verified response, sensitive values masked, when there was one. */
  readonly response?: unknown;
  readonly error?: { readonly name: string; readonly message: string; readonly retrying: boolean };
}

/** Redacts the event's request and response against the operation's descriptors and gives it to `logger`. */
export function logExchange(
  logger: ((event: ExchangeEvent) => void) | undefined,
  operation: OperationDescriptor,
  event: ExchangeEvent,
): void {
  if (!logger) return;
  const request = redact(event.request, structOf(operation.schema, operation.request), operation.schema);
  const response =
    event.response === undefined
      ? undefined
      : redact(event.response, structOf(operation.schema, operation.response), operation.schema);
  try {
    logger({ ...event, request, ...(response === undefined ? {} : { response }) });
  } catch {
    // A failing logger must not change the outcome of a payment.
  }
}
