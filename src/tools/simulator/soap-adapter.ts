// The SOAP adapter: each service's WSDL mounted on node-soap's serverless server (which writes the replies: the
// independent half of the proof), the request read as the text on the wire by the runtime's SOAP wire (wire/soap), its
// refusals written as that wire's Faults, and the exchange handed to the shared path with its context.
import * as fs from 'node:fs';
import type * as http from 'node:http';
import * as soap from 'soap';
import {
  nestedStruct,
  protocols,
  RequestShapeError,
  type SchemaTables,
  type ServiceDescriptor,
  type StructDescriptor,
  structOf,
  type WireRecord,
  type WireValue,
} from 'sogenactif-office/internal';
import type { AdapterContext } from './exchange';
import type { Exchange } from './exchange-log';
import type { FaultTrigger } from './faults';
import { readBody, sendSoapFault } from './http-io';

/**
 * What the simulator uses of node-soap's server. Declared here rather than as `soap.Server` so that the published
 * declarations do not import the `soap` package's types, which need the `sax` types a merchant's project lacks
 * (TS7016 without skipLibCheck).
 */
export interface SoapRequestProcessor {
  processRequest(
    body: string,
    request: { readonly headers: Record<string, string>; readonly url: string },
  ): Promise<{
    readonly statusCode: number;
    readonly headers: Readonly<Record<string, string | number | readonly string[] | undefined>>;
    readonly body: string;
  }>;
}

/** A service's WSDL as mounted: where it came from and the node-soap server answering it. */
export interface MountedService {
  readonly descriptor: ServiceDescriptor;
  readonly file: string;
  readonly soapServer: SoapRequestProcessor;
}

/** What the SOAP method of an exchange needs: the request as written, the trigger, the log entry. */
interface ExchangeContext {
  readonly record: WireRecord;
  readonly trigger: FaultTrigger | undefined;
  readonly entry: Exchange;
}

const EXCHANGE_HEADER = 'x-simulator-exchange';

/** The SOAP side of a simulator: mount services, answer calls. */
export interface SoapAdapter {
  /** Mounts a service's WSDL file (undefined when the file is absent). */
  mount(service: ServiceDescriptor, file: string): Promise<MountedService | undefined>;
  call(service: MountedService, request: http.IncomingMessage, response: http.ServerResponse): Promise<void>;
}

/** A SOAP adapter over `context`: node-soap methods find their exchange through a header set per call. */
export function createSoapAdapter(context: AdapterContext): SoapAdapter {
  const contexts = new Map<string, ExchangeContext>();
  let sequence = 0;

  async function mount(service: ServiceDescriptor, file: string): Promise<MountedService | undefined> {
    if (!fs.existsSync(file)) return undefined;
    const xml = fs.readFileSync(file, 'utf8');
    const serviceName = /<wsdl:service\s+name="([^"]+)"/.exec(xml)?.[1];
    const portName = /<wsdl:port\s+name="([^"]+)"/.exec(xml)?.[1];
    if (!serviceName || !portName) throw new Error(`${file}: no wsdl:service/wsdl:port`);
    const methods: Record<
      string,
      (args: unknown, callback: unknown, headers: unknown, req: { headers: Record<string, string> }) => unknown
    > = {};
    for (const operation of Object.values(service.operations)) {
      methods[operation.name] = (_args, _callback, _headers, req) => {
        const exchange = contexts.get(req.headers[EXCHANGE_HEADER] ?? '');
        if (!exchange) throw new Error('request context lost');
        const wire = context.answer(service.name, operation, exchange.record, exchange.trigger, exchange.entry);
        const output = toSoapOutput(structOf(operation.schema, operation.response), wire, operation.schema);
        return operation.responseWrapper ? { [operation.responseWrapper]: output } : output;
      };
    }
    const soapServer = await new Promise<soap.Server>((resolve, reject) => {
      let created: soap.Server | undefined;
      void soap
        .createServerless({
          path: `/services/v2/${service.name}`,
          services: { [serviceName]: { [portName]: methods } },
          xml,
          uri: file,
          suppressStack: true,
          callback: (error: unknown) => (error ? reject(error) : setImmediate(() => resolve(created!))),
        } as unknown as soap.IServerOptions)
        .then((s) => {
          created = s;
        }, reject);
    });
    return { descriptor: service, file, soapServer };
  }

  async function call(
    service: MountedService,
    request: http.IncomingMessage,
    response: http.ServerResponse,
  ): Promise<void> {
    const body = await readBody(request, context.maxBytes);
    let operation;
    let record: WireRecord;
    try {
      ({ operation, record } = protocols.soap.readRequest(service.descriptor, body));
    } catch (error) {
      if (!(error instanceof RequestShapeError)) throw error;
      context.log.add({
        at: context.state().now().toISOString(),
        service: service.descriptor.name,
        operation: error.operation?.name ?? '?',
        request: {},
        seal: 'not read',
        error: error.message,
        httpStatus: 500,
      });
      return sendSoapFault(response, 'Client', error.message);
    }
    await context.exchange(
      service.descriptor.name,
      operation,
      record,
      'soap',
      request,
      response,
      async (trigger, entry) => {
        const id = String((sequence += 1));
        contexts.set(id, { record, trigger, entry });
        try {
          const result = await service.soapServer.processRequest(body, {
            headers: { ...(request.headers as Record<string, string>), [EXCHANGE_HEADER]: id },
            url: request.url ?? '',
          });
          return {
            status: result.statusCode,
            contentType: String(result.headers['content-type'] ?? 'text/xml; charset=utf-8'),
            text: result.body,
          };
        } finally {
          contexts.delete(id);
        }
      },
    );
  }

  return { mount, call };
}

/**
 * Our wire tree to the object node-soap serialises, in descriptor order, lists re-wrapped. Not a walkRecord visitor:
 * node-soap writes the object's keys in their order, so this walks the struct's fields (xs:sequence order).
 */
export function toSoapOutput(
  struct: StructDescriptor,
  record: WireRecord,
  schema: SchemaTables,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of struct.fields) {
    const value = record[field.name];
    if (value === undefined) continue;
    const inner = nestedStruct(field, schema);
    const one = (item: WireValue): unknown => (inner ? toSoapOutput(inner, item as WireRecord, schema) : item);
    if (field.list === 'repeated') out[field.element ?? field.name] = (value as WireValue[]).map(one);
    else if (field.list) out[field.element ?? field.name] = { [field.list.item]: (value as WireValue[]).map(one) };
    else out[field.element ?? field.name] = one(value);
  }
  return out;
}
