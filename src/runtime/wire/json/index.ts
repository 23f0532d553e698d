// The Office JSON wire (POST /rs-services/v2/<service>/<operation>): the request body written from the same wire
// record the SOAP envelope is written from (body.ts), the reply read into a wire record keeping each scalar's text
// (parse.ts), the URL and headers (url.ts); as a WireProtocol, both directions.
import { structOf } from '../../record/structs';
import { RequestShapeError, type WireProtocol } from '../protocol';
import { buildJsonBody } from './body';
import { JsonSyntaxError, parseJsonRecord } from './parse';
import { JSON_HEADERS, jsonOperation, jsonUrl } from './url';

export const jsonWire: WireProtocol = {
  wire: 'json',
  syntax: 'JSON',
  headers: () => JSON_HEADERS,
  url: jsonUrl,
  body: (operation, record) => buildJsonBody(record, structOf(operation.schema, operation.request), operation.schema),
  accepts: (contentType, body) => /json/i.test(contentType) || body.trimStart().startsWith('{'),
  // The JSON interface has no fault: its errors are replies with a code, read like any other.
  read: (_operation, body) => ({ kind: 'record', record: parseJsonRecord(body) }),
  readRequest(service, body, segment = '') {
    const operation = jsonOperation(service, segment);
    if (!operation)
      throw new RequestShapeError(
        `no operation ${service.name}/${segment.slice(0, 60)}`,
        'operation',
        '(path)',
        'must name an operation of the service',
      );
    try {
      return { operation, record: parseJsonRecord(body) };
    } catch (error) {
      if (error instanceof JsonSyntaxError)
        throw new RequestShapeError(
          `the request is not a JSON object (${error.message})`,
          'syntax',
          '(body)',
          'must be a JSON object',
          operation,
        );
      throw error;
    }
  },
  // A server's error answer: the error's own JSON body (the gateway's `gatewayError`), else `{ "error": reason }`.
  errorAnswer: (error) => ({
    status: error.status,
    contentType: JSON_HEADERS['Content-Type']!,
    body: JSON.stringify(error.json ?? { error: error.reason }),
  }),
};

export { buildJsonBody } from './body';
export { JsonSyntaxError, parseJsonRecord } from './parse';
export { JSON_HEADERS, jsonOperation, jsonUrl } from './url';
