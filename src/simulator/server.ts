// Local Sogenactif Office stand-in built on the `soap` package (serverless mode behind our own HTTP
// server): serves each service's WSDL at /services/v2/<service>?wsdl (and the XSDs it imports),
// verifies request seals, runs the business rules, signs replies, injects documented faults, and
// serves the redirection pages (3-D Secure ACS, external wallet, bank, mandate signing).
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import * as soap from 'soap';
import type { OperationDescriptor, SchemaTables, ServiceDescriptor, StructDescriptor } from '../descriptor';
import type { FieldIssue } from '../errors';
import { computeSeal, isSealAlgorithm, sealsMatch } from '../seal';
import { buildWireRecord, structOf, versionNumber, type WireRecord, type WireValue } from '../wire';
import { services as allServices } from '../../generated';
import { createHandlers, type Handler } from './handlers';
import { TEST_CARDS } from './cards';
import { autoPostPage } from '../redirect';
import { buildJsonBody, JsonSyntaxError, parseJsonRecord } from '../json-wire';
import { createState, runSettlementBatch, type SimulatorState } from './state';
import { defaultWsdlDir } from '../contract/paths';

export interface SimulatorMerchant {
  readonly merchantId: string;
  readonly secretKey: string;
  readonly keyVersion: number;
}

export interface SimulatorOptions {
  readonly host?: string;
  /** 0 (default) picks a free port. */
  readonly port?: number;
  readonly merchants?: readonly SimulatorMerchant[];
  /** Folder holding the WSDLs and XSDs to serve (default: the package's wsdl/). */
  readonly wsdlDir?: string;
}

export interface RunningSimulator {
  /** Base URL to use as a client's `environment`. */
  readonly url: string;
  readonly state: SimulatorState;
  /** End-of-day settlement: captures what is due (also POST /simulator/batch). */
  runSettlementBatch(): number;
  close(): Promise<void>;
}

/** The public test merchant of the Sips documentation. */
export const DEFAULT_MERCHANT: SimulatorMerchant = { merchantId: '002001000000001', secretKey: '002001000000001_KEY1', keyVersion: 1 };

const MAX_REQUEST_BYTES = 1024 * 1024;

interface MountedService {
  readonly descriptor: ServiceDescriptor;
  readonly file: string;
  readonly soapServer: soap.Server;
}

export async function startSimulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  const wsdlDir = options.wsdlDir ?? defaultWsdlDir();
  const merchants = new Map((options.merchants ?? [DEFAULT_MERCHANT]).map((m) => [m.merchantId, m]));
  const mounted = new Map<string, MountedService>();
  let state: SimulatorState | undefined;
  const server = http.createServer((request, response) => {
    route(request, response).catch((error: unknown) => {
      if (!response.headersSent) response.writeHead(500, { 'Content-Type': 'text/plain' });
      response.end(`simulator error: ${(error as Error).message}`);
    });
  });

  async function route(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://simulator');
    const serviceMatch = /^\/services\/v2\/([A-Za-z0-9]+)$/.exec(url.pathname);
    const service = serviceMatch ? mounted.get(serviceMatch[1]!) : undefined;
    if (request.method === 'GET' && service && url.search.toLowerCase() === '?wsdl') {
      const wsdl = fs.readFileSync(service.file, 'utf8').replace(/(<soap(?:12)?:address\s+location=")[^"]*(")/, `$1${simulatorUrl}/services/v2/${service.descriptor.name}$2`);
      return send(response, 200, 'text/xml; charset=utf-8', wsdl);
    }
    const xsd = /^\/services\/v2\/([A-Za-z0-9_-]+\.xsd)$/.exec(url.pathname);
    if (request.method === 'GET' && xsd && fs.existsSync(path.join(wsdlDir, xsd[1]!))) {
      return send(response, 200, 'text/xml; charset=utf-8', fs.readFileSync(path.join(wsdlDir, xsd[1]!), 'utf8'));
    }
    if (request.method === 'POST' && service) return soapCall(service, request, response);
    const jsonMatch = /^\/rs-services\/v2\/([A-Za-z0-9]+)\/([A-Za-z0-9]+)$/.exec(url.pathname);
    if (request.method === 'POST' && jsonMatch) return jsonCall(jsonMatch[1]!, jsonMatch[2]!, request, response);
    if (url.pathname.startsWith('/simulator/')) return page(url, request, response);
    send(response, 404, 'text/plain', 'not found');
  }

  async function soapCall(service: MountedService, request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    const body = await readBody(request);
    if (body === undefined) return send(response, 413, 'text/plain', 'request too large');
    const fault = faultIn(body);
    if (fault === 'SOAP') {
      return send(response, 500, 'text/xml; charset=utf-8', '<?xml version="1.0"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><soap:Fault><faultcode>soap:Server</faultcode><faultstring>Simulated server fault</faultstring></soap:Fault></soap:Body></soap:Envelope>');
    }
    if (await transportFault(fault, request, response)) return;
    const result = await service.soapServer.processRequest(body, { headers: request.headers as Record<string, string>, url: request.url ?? '' });
    await deliver(fault, request, response, result.statusCode, String(result.headers['content-type'] ?? 'text/xml; charset=utf-8'), result.body, /<seal>[0-9a-f]+<\/seal>/, (seal) => (seal ? `<seal>${seal}</seal>` : ''));
  }

  /**
   * The Office JSON interface on the same state: POST /rs-services/v2/<service>/<operation> with the request
   * fields as a JSON object; the seal is verified over the JSON values as received and the reply is sealed
   * JSON. (The path names the operation as the JSON pages do: getPDFMandate for getPdfMandate.)
   */
  async function jsonCall(serviceName: string, operationName: string, request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    const service = mounted.get(serviceName);
    const operation = service && Object.values(service.descriptor.operations).find((o) => (o.jsonPath ?? o.name) === operationName || o.name === operationName);
    if (!operation) return send(response, 404, 'application/json', JSON.stringify({ error: `no JSON operation ${serviceName}/${operationName}` }));
    const body = await readBody(request);
    if (body === undefined) return send(response, 413, 'text/plain', 'request too large');
    const fault = faultIn(body);
    if (await transportFault(fault, request, response)) return;
    let fields: WireRecord;
    try {
      fields = parseJsonRecord(body);
    } catch (error) {
      return send(response, 400, 'application/json', JSON.stringify({ error: `request is not a JSON object: ${(error as JsonSyntaxError).message}` }));
    }
    const reply = process(operation, fields, merchants, handlers[`${serviceName}.${operation.name}`]);
    const text = buildJsonBody(reply, structOf(operation.schema, operation.response), operation.schema);
    await deliver(fault, request, response, 200, 'application/json; charset=utf-8', text, /"seal":"[0-9a-f]+"/, (seal) => (seal ? `"seal":"${seal}"` : '"seal":""'));
  }

  /** Faults that replace the reply before any work is done: an HTTP 500 page, a maintenance page. */
  async function transportFault(fault: string | undefined, _request: http.IncomingMessage, response: http.ServerResponse): Promise<boolean> {
    if (fault === 'HTTP500') send(response, 500, 'text/html', '<html><body><h1>500 Internal Server Error</h1></body></html>');
    else if (fault === 'HTML') send(response, 200, 'text/html', '<!DOCTYPE html><html><body>Maintenance in progress</body></html>');
    else return false;
    return true;
  }

  /** Sends a reply once the work is done, with the faults that strike after it: slow, dropped, forged seal, no seal, truncated. */
  async function deliver(
    fault: string | undefined,
    request: http.IncomingMessage,
    response: http.ServerResponse,
    status: number,
    contentType: string,
    text: string,
    sealPattern: RegExp,
    sealText: (seal: string) => string,
  ): Promise<void> {
    // A slow gateway: the work is done, the reply comes late.
    if (fault?.startsWith('SLOW_')) await new Promise((resolve) => setTimeout(resolve, Math.min(Number(fault.slice(5)) || 0, 60_000)));
    if (fault === 'DROP') {
      // The gateway did the work, then the connection broke: the outcome is unknown to the client.
      request.socket.destroy();
      return;
    }
    let out = text;
    if (fault === 'BAD') out = out.replace(sealPattern, sealText('0'.repeat(64)));
    if (fault === 'NO') out = out.replace(sealPattern, sealText(''));
    if (fault === 'TRUNCATED') out = out.slice(0, Math.floor(out.length / 2));
    send(response, status, contentType, out);
  }

  async function page(url: URL, request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    const current = state!;
    if (url.pathname === '/simulator/batch' && request.method === 'POST') {
      return send(response, 200, 'application/json', JSON.stringify({ captured: runSettlementBatch(current).length }));
    }
    if (url.pathname === '/simulator/hosted-fields-sdk.js') return send(response, 200, 'application/javascript', '// Sogenactif Office simulator: hosted fields stand-in\nwindow.SimulatedHostedFields = {};\n');
    const form = request.method === 'POST' ? new URLSearchParams((await readBody(request)) ?? '') : url.searchParams;
    const kind = url.pathname.slice('/simulator/'.length);
    const sessionId = kind === 'acs' ? form.get('MD') : form.get('redirectionData');
    const session = sessionId ? current.sessions.get(sessionId) : undefined;
    if (!session) return send(response, 404, 'text/html', '<html><body>Unknown or expired session</body></html>');
    let target = session.returnUrl;
    let fields: Record<string, string>;
    if (kind === 'acs') {
      target = form.get('TermUrl') ?? target;
      const card = String(session.request.cardNumber ?? '');
      fields = { PaRes: `${TEST_CARDS[card]?.authenticationFails ? 'N' : 'Y'}:${session.id}`, MD: session.id };
    } else {
      fields = {
        merchantId: session.merchantId,
        messageVersion: form.get('messageVersion') ?? '0.1',
        redirectionData: session.id,
        responseCode: '00',
        transactionReference: session.transactionReference,
        ...(session.kind === 'mandate' ? { mandateId: session.transactionReference } : {}),
      };
    }
    if (!target) return send(response, 400, 'text/html', '<html><body>No return URL for this session</body></html>');
    const title = { acs: '3-D Secure authentication (simulated ACS)', provider: 'External wallet (simulated)', bank: 'Bank transfer (simulated)', mandate: 'SEPA mandate signature (simulated)' }[kind] ?? 'Simulated page';
    send(response, 200, 'text/html; charset=utf-8', autoPostPage(target, fields, title));
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const simulatorUrl = `http://${host}:${address.port}`;
  state = createState(simulatorUrl);
  const handlers = createHandlers(state);

  for (const service of Object.values(allServices) as ServiceDescriptor[]) {
    const file = path.join(wsdlDir, `${service.name}.wsdl`);
    if (!fs.existsSync(file)) continue;
    const xml = fs.readFileSync(file, 'utf8');
    const serviceName = /<wsdl:service\s+name="([^"]+)"/.exec(xml)?.[1];
    const portName = /<wsdl:port\s+name="([^"]+)"/.exec(xml)?.[1];
    if (!serviceName || !portName) throw new Error(`${file}: no wsdl:service/wsdl:port`);
    const methods: Record<string, (args: unknown) => unknown> = {};
    for (const operation of Object.values(service.operations)) {
      methods[operation.name] = (args) => handle(operation, args, merchants, handlers[`${service.name}.${operation.name}`]);
    }
    const soapServer = await new Promise<soap.Server>((resolve, reject) => {
      let created: soap.Server | undefined;
      void soap
        .createServerless({
          path: `/services/v2/${service.name}`,
          services: { [serviceName]: { [portName]: methods } },
          xml,
          uri: file,
          callback: (error: unknown) => (error ? reject(error) : setImmediate(() => resolve(created!))),
        } as unknown as soap.IServerOptions)
        .then((s) => {
          created = s;
        }, reject);
    });
    mounted.set(service.name, { descriptor: service, file, soapServer });
  }

  return {
    url: simulatorUrl,
    state,
    runSettlementBatch: () => runSettlementBatch(state!).length,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}

function send(response: http.ServerResponse, status: number, contentType: string, body: string): void {
  response.writeHead(status, { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(body) });
  response.end(body);
}

function readBody(request: http.IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_REQUEST_BYTES) {
        resolve(undefined);
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

/** node-soap's parsed arguments to our wire tree: lists as arrays, wrappers collapsed, scalars as text. */
export function fromSoapArgs(struct: StructDescriptor | undefined, value: unknown, schema: SchemaTables): WireRecord {
  const out: WireRecord = {};
  if (value === null || typeof value !== 'object') return out;
  const record = value as Record<string, unknown>;
  for (const field of struct?.fields ?? []) {
    const raw = record[field.element ?? field.name];
    if (raw === undefined || raw === null) continue;
    const inner = typeof field.type === 'object' && 'struct' in field.type ? structOf(schema, field.type.struct) : undefined;
    const one = (item: unknown): WireValue => (inner ? fromSoapArgs(inner, item, schema) : scalarText(item));
    if (field.list === 'repeated') out[field.name] = (Array.isArray(raw) ? raw : [raw]).map(one);
    else if (field.list) {
      const items = (raw as Record<string, unknown>)[field.list.item];
      out[field.name] = items === undefined ? [] : (Array.isArray(items) ? items : [items]).map(one);
    } else out[field.name] = one(raw);
  }
  return out;
}

function scalarText(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object' && value !== null && '$value' in value) return String((value as { $value: unknown }).$value);
  return String(value);
}

/** Handler output (numbers, nested objects, arrays) as a wire tree holding only the struct's fields. */
export function projectReply(struct: StructDescriptor, value: Record<string, unknown>, schema: SchemaTables): WireRecord {
  const out: WireRecord = {};
  for (const field of struct.fields) {
    const item = value[field.name];
    if (item === undefined || item === null) continue;
    const inner = typeof field.type === 'object' && 'struct' in field.type ? structOf(schema, field.type.struct) : undefined;
    const one = (v: unknown): WireValue => (inner ? projectReply(inner, v as Record<string, unknown>, schema) : String(v));
    out[field.name] = field.list ? (item as unknown[]).map(one) : one(item);
  }
  return out;
}

/** Our wire tree to the object node-soap serialises, in descriptor order, lists re-wrapped. */
export function toSoapOutput(struct: StructDescriptor, record: WireRecord, schema: SchemaTables): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of struct.fields) {
    const value = record[field.name];
    if (value === undefined) continue;
    const inner = typeof field.type === 'object' && 'struct' in field.type ? structOf(schema, field.type.struct) : undefined;
    const one = (item: WireValue): unknown => (inner ? toSoapOutput(inner, item as WireRecord, schema) : item);
    if (field.list === 'repeated') out[field.element ?? field.name] = (value as WireValue[]).map(one);
    else if (field.list) out[field.element ?? field.name] = { [field.list.item]: (value as WireValue[]).map(one) };
    else out[field.element ?? field.name] = one(value);
  }
  return out;
}

/** The FAULT_ trigger a request body carries, if any. */
function faultIn(body: string): string | undefined {
  return /FAULT_([A-Z0-9]+(?:_[0-9]+)?)/.exec(body)?.[1];
}

function containsFault(record: WireValue, code: string): boolean {
  if (typeof record === 'string') return record.includes(`FAULT_${code}`);
  return (Array.isArray(record) ? record : Object.values(record)).some((v) => containsFault(v, code));
}

/** node-soap's call of an operation: its arguments read into our wire tree, processed, the reply re-shaped for node-soap. */
function handle(operation: OperationDescriptor, args: unknown, merchants: ReadonlyMap<string, SimulatorMerchant>, handler: Handler | undefined): unknown {
  const input = operation.requestWrapper ? (args as Record<string, unknown>)?.[operation.requestWrapper] : args;
  const request = fromSoapArgs(structOf(operation.schema, operation.request), input, operation.schema);
  const output = toSoapOutput(structOf(operation.schema, operation.response), process(operation, request, merchants, handler), operation.schema);
  return operation.responseWrapper ? { [operation.responseWrapper]: output } : output;
}

/**
 * One request, whichever wire it came on: merchant and seal checked (03, 34), fields validated (12, 30),
 * global faults (90, 99), then the business rules; the reply's fields sealed with the request's algorithm.
 */
function process(operation: OperationDescriptor, request: WireRecord, merchants: ReadonlyMap<string, SimulatorMerchant>, handler: Handler | undefined): WireRecord {
  const codeField = operation.codeField ?? 'responseCode';
  const merchant = merchants.get(String(request.merchantId ?? ''));
  const responseStruct = structOf(operation.schema, operation.response);
  const algorithm = typeof request.sealAlgorithm === 'string' && isSealAlgorithm(request.sealAlgorithm) ? request.sealAlgorithm : 'HMAC-SHA-256';
  // Replies are sealed with the algorithm the request used.
  const reply = (fields: Record<string, unknown>): WireRecord => {
    const wire = projectReply(responseStruct, fields, operation.schema);
    if (merchant) wire.seal = computeSeal(wire, merchant.secretKey, algorithm);
    return wire;
  };
  if (!merchant) return reply({ [codeField]: '03' });
  if (String(request.keyVersion) !== String(merchant.keyVersion) || typeof request.seal !== 'string' || !sealsMatch(computeSeal(request, merchant.secretKey, algorithm), request.seal)) {
    return reply({ [codeField]: '34' });
  }
  const issues: FieldIssue[] = [];
  const version = typeof request.interfaceVersion === 'string' ? versionNumber(request.interfaceVersion) : undefined;
  buildWireRecord(structOf(operation.schema, operation.request), request, { schema: operation.schema, issues, acceptText: true, ...(version ? { version } : {}) });
  if (issues.length > 0) {
    const missing = issues.find((i) => i.problem === 'is required');
    const first = missing ?? issues[0]!;
    return reply({ [codeField]: missing ? '12' : '30', errorFieldName: first.field.split(/[.[]/)[0] });
  }
  if (containsFault(request, '90')) return reply({ [codeField]: '90' });
  if (containsFault(request, '99')) return reply({ [codeField]: '99' });
  if (!handler) return reply({ [codeField]: '40' });
  return reply(handler(request, merchant.merchantId));
}
