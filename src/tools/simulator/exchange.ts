// One exchange, whichever adapter (SOAP or JSON) read the request: its seal checked first, logged masked (apart when
// unauthenticated), its fault trigger found (only once the seal verified), the injected faults applied around the
// work, and the gateway's sealed answer (dispatch + the operation's handler).
import type * as http from 'node:http';
import {
  computeSeal,
  nestedStruct,
  type OperationDescriptor,
  type SchemaTables,
  type StructDescriptor,
  structOf,
  type Wire,
  type WireRecord,
  type WireValue,
} from 'sogenactif-office/internal';
import { referenceOf } from './handlers/common';
import type { Handler } from './handlers';
import { checkRequestSeal, dispatch, type SimulatorMerchant } from './dispatch';
import { maskRecord, type Exchange, type ExchangeLog } from './exchange-log';
import {
  damagedReply,
  findFaultTrigger,
  replacementReply,
  UnknownFaultError,
  type FaultMemory,
  type FaultTrigger,
} from './faults';
import { send, sendSoapFault } from './http-io';
import type { SimulatorState } from './state';

/** What an adapter's work produced: the reply as it would go on the wire. */
export interface ProducedReply {
  readonly status: number;
  readonly contentType: string;
  readonly text: string;
}

/** The work of one exchange, given its (still live) fault trigger and its log entry. */
export type Produce = (trigger: FaultTrigger | undefined, entry: Exchange) => Promise<ProducedReply>;

/** What the adapters share with the server: limits, the log, the state, the exchange path and the answer. */
export interface AdapterContext {
  readonly maxBytes: number;
  readonly log: ExchangeLog;
  state(): SimulatorState;
  exchange(
    serviceName: string,
    operation: OperationDescriptor,
    record: WireRecord,
    wire: Wire,
    request: http.IncomingMessage,
    response: http.ServerResponse,
    produce: Produce,
  ): Promise<void>;
  /** The gateway's sealed answer to one request, its log entry completed. */
  answer(
    serviceName: string,
    operation: OperationDescriptor,
    record: WireRecord,
    trigger: FaultTrigger | undefined,
    entry: Exchange,
  ): WireRecord;
}

/** What an exchange needs from the server. */
export interface ExchangeDeps {
  readonly merchants: ReadonlyMap<string, SimulatorMerchant>;
  readonly log: ExchangeLog;
  readonly faults: FaultMemory;
  state(): SimulatorState;
}

/**
 * One exchange on either wire: its seal checked, logged (masked; a request whose seal does not verify goes to the
 * unauthenticated bucket, under the merchant it claims, never as that merchant's), answered at once when its seal
 * does not verify (no fault trigger is read from a request nobody authenticated); otherwise its fault trigger found
 * (an unknown one refused), the faults that replace the reply applied before the work, the work done by `produce`,
 * then the faults that strike after it (slow, dropped, forged or missing seal, truncated).
 */
export async function runExchange(
  deps: ExchangeDeps,
  serviceName: string,
  operation: OperationDescriptor,
  record: WireRecord,
  wire: Wire,
  request: http.IncomingMessage,
  response: http.ServerResponse,
  produce: Produce,
): Promise<void> {
  const current = deps.state();
  const struct = structOf(operation.schema, operation.request);
  const { verdict } = checkRequestSeal(record, deps.merchants);
  const genuine = verdict === 'valid';
  const claimed = typeof record.merchantId === 'string' && record.merchantId !== '' ? record.merchantId : undefined;
  const who = claimed === undefined ? {} : genuine ? { merchantId: claimed } : { claimedMerchantId: claimed };
  const entry = deps.log.add({
    at: current.now().toISOString(),
    service: serviceName,
    operation: operation.name,
    wire,
    ...who,
    request: maskRecord(record, struct, operation.schema),
    seal: verdict,
  });
  if (!genuine) {
    // The gateway's 03 or 34, at once: a keyless request neither fires nor spends a fault trigger.
    const refused = await produce(undefined, entry);
    entry.httpStatus = refused.status;
    return send(response, refused.status, refused.contentType, refused.text);
  }
  let trigger: FaultTrigger | undefined;
  try {
    trigger = findFaultTrigger(record);
  } catch (error) {
    if (!(error instanceof UnknownFaultError)) throw error;
    entry.error = error.message;
    entry.httpStatus = wire === 'json' ? 400 : 500;
    return wire === 'json'
      ? send(response, 400, 'application/json', JSON.stringify({ error: error.message }))
      : sendSoapFault(response, 'Client', error.message);
  }
  const reference = referenceOf(record, current);
  if (trigger && !deps.faults.fires(trigger, claimed ?? '', reference)) trigger = undefined;
  if (trigger) entry.fault = trigger.name === 'SLOW' ? `SLOW_${trigger.delayMs}` : trigger.name;
  const replaced = replacementReply(trigger, wire);
  if (replaced) {
    entry.httpStatus = replaced.status;
    return send(response, replaced.status, replaced.contentType, replaced.body);
  }
  const result = await produce(trigger, entry);
  if (trigger) deps.faults.fired(trigger, claimed ?? '', reference);
  // A slow gateway: the work is done, the reply comes late.
  if (trigger?.name === 'SLOW') await new Promise((resolve) => setTimeout(resolve, trigger.delayMs));
  if (trigger?.name === 'DROP') {
    // The gateway did the work, then the connection broke: the outcome is unknown to the client.
    entry.httpStatus = 0;
    request.socket.destroy();
    return;
  }
  entry.httpStatus = result.status;
  send(response, result.status, result.contentType, damagedReply(trigger, wire, result.text));
}

/** The gateway's answer to one request, sealed with the algorithm the request used; the log entry completed. */
export function answerRequest(
  merchants: ReadonlyMap<string, SimulatorMerchant>,
  handler: Handler | undefined,
  operation: OperationDescriptor,
  record: WireRecord,
  trigger: FaultTrigger | undefined,
  entry: Exchange,
): WireRecord {
  const outcome = dispatch(operation, record, merchants, handler, trigger);
  const responseStruct = structOf(operation.schema, operation.response);
  const wire = projectReply(responseStruct, outcome.fields, operation.schema);
  if (outcome.merchant) wire.seal = computeSeal(wire, outcome.merchant.secretKey, outcome.algorithm);
  entry.seal = outcome.seal;
  entry.reply = maskRecord(wire, responseStruct, operation.schema);
  const code = wire[operation.codeField ?? 'responseCode'];
  if (typeof code === 'string') entry.responseCode = code;
  return wire;
}

/**
 * Handler output (numbers, nested objects, arrays) as a wire tree holding only the struct's fields, in the struct's
 * order (the JSON reply is written in it). Not a walkRecord visitor: it walks the struct's fields, not the output's
 * keys.
 */
export function projectReply(
  struct: StructDescriptor,
  value: Record<string, unknown>,
  schema: SchemaTables,
): WireRecord {
  const out: WireRecord = {};
  for (const field of struct.fields) {
    const item = value[field.name];
    if (item === undefined || item === null) continue;
    const inner = nestedStruct(field, schema);
    const one = (v: unknown): WireValue =>
      inner ? projectReply(inner, v as Record<string, unknown>, schema) : String(v);
    out[field.name] = field.list ? (item as unknown[]).map(one) : one(item);
  }
  return out;
}
