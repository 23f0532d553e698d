// The Office JSON interface adapter: POST /rs-services/v2/<service>/<operation> with the request fields as a JSON
// object (the path names the operation as the JSON pages do: getPDFMandate), on the same exchange path, state and
// rules as SOAP; the request read by the runtime's JSON wire (wire/json), the seal verified over the JSON values as
// received, and the reply written as sealed JSON by the same wire's body writer.
import type * as http from 'node:http';
import {
  buildJsonBody,
  protocols,
  RequestShapeError,
  type ServiceDescriptor,
  structOf,
  type ReadRequest,
} from 'sogenactif-office/internal';
import type { AdapterContext } from './exchange';
import { readBody, sendAnswer } from './http-io';

/** Answers one JSON call to `service` (undefined when no such service is mounted: 404). */
export async function jsonCall(
  context: AdapterContext,
  service: ServiceDescriptor | undefined,
  serviceName: string,
  operationName: string,
  request: http.IncomingMessage,
  response: http.ServerResponse,
): Promise<void> {
  const notFound = (): void =>
    sendAnswer(
      response,
      protocols.json.errorAnswer({
        status: 404,
        side: 'Client',
        reason: `no operation ${serviceName}/${operationName}`,
      }),
    );
  if (!service) return notFound();
  const body = await readBody(request, context.maxBytes);
  let read: ReadRequest;
  try {
    read = protocols.json.readRequest(service, body, operationName);
  } catch (error) {
    if (!(error instanceof RequestShapeError)) throw error;
    if (error.kind === 'operation') return notFound();
    context.log.add({
      at: context.state().now().toISOString(),
      service: serviceName,
      operation: error.operation?.name ?? operationName,
      wire: 'json',
      request: {},
      seal: 'not read',
      error: error.message,
      httpStatus: 400,
    });
    return sendAnswer(response, protocols.json.errorAnswer({ status: 400, side: 'Client', reason: error.message }));
  }
  const { operation, record } = read;
  await context.exchange(serviceName, operation, record, 'json', request, response, async (trigger, entry) => {
    const wire = context.answer(serviceName, operation, record, trigger, entry);
    return {
      status: 200,
      contentType: 'application/json; charset=utf-8',
      text: buildJsonBody(wire, structOf(operation.schema, operation.response), operation.schema),
    };
  });
}
