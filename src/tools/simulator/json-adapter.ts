// The Office JSON interface adapter: POST /rs-services/v2/<service>/<operation> with the request fields as a JSON
// object (the path names the operation as the JSON pages do: getPDFMandate), on the same exchange path, state and
// rules as SOAP; the seal is verified over the JSON values as received and the reply is sealed JSON.
import type * as http from 'node:http';
import { buildJsonBody, JsonSyntaxError, parseJsonRecord, type ServiceDescriptor, structOf, type WireRecord } from 'sogenactif-office/internal';
import type { AdapterContext } from './exchange';
import { readBody, send } from './http-io';

/** Answers one JSON call to `service` (undefined when no such service is mounted: 404). */
export async function jsonCall(context: AdapterContext, service: ServiceDescriptor | undefined, serviceName: string, operationName: string, request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
  const operation = service && Object.values(service.operations).find((o) => (o.jsonPath ?? o.name) === operationName || o.name === operationName);
  if (!operation) return send(response, 404, 'application/json', JSON.stringify({ error: `no operation ${serviceName}/${operationName}` }));
  const body = await readBody(request, context.maxBytes);
  let record: WireRecord;
  try {
    record = parseJsonRecord(body);
  } catch (error) {
    if (!(error instanceof JsonSyntaxError)) throw error;
    context.log.add({ at: context.state().now().toISOString(), service: serviceName, operation: operation.name, wire: 'json', request: {}, seal: 'not read', error: error.message, httpStatus: 400 });
    return send(response, 400, 'application/json', JSON.stringify({ error: `the request is not a JSON object: ${error.message}` }));
  }
  await context.exchange(serviceName, operation, record, 'json', request, response, async (trigger, entry) => {
    const wire = context.answer(serviceName, operation, record, trigger, entry);
    return { status: 200, contentType: 'application/json; charset=utf-8', text: buildJsonBody(wire, structOf(operation.schema, operation.response), operation.schema) };
  });
}
