// Local Sogenactif Office stand-in: serves each service's WSDL at /services/v2/<service>?wsdl (and the
// XSDs it imports), reads each request as the text on the wire (seals are verified over it), runs the
// business rules, signs replies with the `soap` package's serialiser, injects documented faults, logs
// every exchange (masked), and serves the redirection pages and the dashboard at `/`.
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import * as soap from 'soap';
import type { OperationDescriptor, SchemaTables, ServiceDescriptor, StructDescriptor } from '../descriptor';
import { buildJsonBody, JsonSyntaxError, parseJsonRecord } from '../json-wire';
import { computeSeal } from '../seal';
import { structOf, type WireRecord, type WireValue } from '../wire';
import { services as allServices } from '../../generated';
import { createHandlers, type Handler } from './handlers';
import { referenceOf } from './handlers/common';
import { TEST_CARDS } from './cards';
import { autoPostPage } from '../redirect';
import { createState, resetState, runSettlementBatch, type SimulatorState } from './state';
import { defaultWsdlDir } from '../contract/paths';
import { adminIdentity, sameOrigin } from './admin';
import { createClock, type SimulatorClock } from './clock';
import { renderDashboard } from './dashboard';
import { dispatch, type SimulatorMerchant } from './dispatch';
import { ExchangeLog, maskRecord, type Exchange } from './exchange-log';
import { FaultMemory, findFaultTrigger, UnknownFaultError, type FaultTrigger } from './faults';
import { readSoapRequest, SoapRequestError } from './soap-request';
import { isWebUrl } from './urls';

export type { SimulatorMerchant } from './dispatch';

export interface SimulatorOptions {
  readonly host?: string;
  /** 0 (default) picks a free port. */
  readonly port?: number;
  readonly merchants?: readonly SimulatorMerchant[];
  /** Folder holding the WSDLs and XSDs to serve (default: the package's wsdl/). */
  readonly wsdlDir?: string;
  /**
   * Lets requests from the loopback interface use the dashboard and the admin actions (batch, clock,
   * reset, log) without credentials. Otherwise they need HTTP Basic `merchantId:secretKey`. Default false.
   */
  readonly localAdmin?: boolean;
  /** Largest request body accepted (413 above). Default 1 MiB. */
  readonly maxRequestBytes?: number;
}

export interface RunningSimulator {
  /** Base URL to use as a client's `environment`. */
  readonly url: string;
  readonly state: SimulatorState;
  /** The simulator's clock: `clock.advance(days)` ages expiry dates and runs the nightly settlement batch. */
  readonly clock: SimulatorClock;
  /** End-of-day settlement now (also POST /simulator/batch): captures what is due; returns how many it settled. */
  runSettlementBatch(merchantId?: string): number;
  /** The recent exchanges, oldest first, with card numbers, CSC and IBAN masked (optionally one merchant's). */
  exchanges(merchantId?: string): Exchange[];
  /** Back to a fresh start: state, log, spent fault triggers and clock. */
  reset(): void;
  close(): Promise<void>;
}

/** The public test merchant of the Sips documentation. */
export const DEFAULT_MERCHANT: SimulatorMerchant = { merchantId: '002001000000001', secretKey: '002001000000001_KEY1', keyVersion: 1 };

const DEFAULT_MAX_REQUEST_BYTES = 1024 * 1024;
const EXCHANGE_HEADER = 'x-simulator-exchange';

interface MountedService {
  readonly descriptor: ServiceDescriptor;
  readonly file: string;
  readonly soapServer: soap.Server;
}

/** What the SOAP method of an exchange needs: the request as written, the trigger, the log entry. */
interface ExchangeContext {
  readonly record: WireRecord;
  readonly trigger: FaultTrigger | undefined;
  readonly entry: Exchange;
}

class PayloadTooLarge extends Error {}

export async function startSimulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  const wsdlDir = options.wsdlDir ?? defaultWsdlDir();
  const merchantList = options.merchants ?? [DEFAULT_MERCHANT];
  const merchants = new Map(merchantList.map((m) => [m.merchantId, m]));
  const maxBytes = options.maxRequestBytes ?? DEFAULT_MAX_REQUEST_BYTES;
  const mounted = new Map<string, MountedService>();
  const contexts = new Map<string, ExchangeContext>();
  const log = new ExchangeLog();
  const faults = new FaultMemory();
  let contextSequence = 0;
  let state: SimulatorState | undefined;
  const clock = createClock(() => runSettlementBatch(state!).length);
  const server = http.createServer((request, response) => {
    route(request, response).catch((error: unknown) => {
      const tooLarge = error instanceof PayloadTooLarge;
      // Never a stack trace: the message only.
      if (!response.headersSent) response.writeHead(tooLarge ? 413 : 500, { 'Content-Type': 'text/plain; charset=utf-8', Connection: 'close' });
      response.end(tooLarge ? 'request too large' : `simulator error: ${(error as Error).message}`);
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
    if (url.pathname === '/' || url.pathname === '/simulator/batch' || url.pathname === '/simulator/clock' || url.pathname === '/simulator/reset' || url.pathname === '/simulator/exchanges') {
      return admin(url, request, response);
    }
    if (url.pathname.startsWith('/simulator/')) return page(url, request, response);
    send(response, 404, 'text/plain', 'not found');
  }

  function soapFault(response: http.ServerResponse, code: 'Client' | 'Server', message: string): void {
    const text = message.replace(/[&<>]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c]!);
    send(response, 500, 'text/xml; charset=utf-8', `<?xml version="1.0"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><soap:Fault><faultcode>soap:${code}</faultcode><faultstring>${text}</faultstring></soap:Fault></soap:Body></soap:Envelope>`);
  }

  async function soapCall(service: MountedService, request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    const body = await readBody(request, maxBytes);
    let operation;
    let record: WireRecord;
    try {
      ({ operation, record } = readSoapRequest(service.descriptor, body));
    } catch (error) {
      if (!(error instanceof SoapRequestError)) throw error;
      log.add({ at: state!.now().toISOString(), service: service.descriptor.name, operation: '?', request: {}, seal: 'not read', error: error.message, httpStatus: 500 });
      return soapFault(response, 'Client', error.message);
    }
    await exchange(service.descriptor.name, operation, record, 'soap', request, response, async (trigger, entry) => {
      const id = String((contextSequence += 1));
      contexts.set(id, { record, trigger, entry });
      try {
        const result = await service.soapServer.processRequest(body, { headers: { ...(request.headers as Record<string, string>), [EXCHANGE_HEADER]: id }, url: request.url ?? '' });
        return { status: result.statusCode, contentType: String(result.headers['content-type'] ?? 'text/xml; charset=utf-8'), text: result.body };
      } finally {
        contexts.delete(id);
      }
    });
  }

  /**
   * The Office JSON interface on the same state and rules: POST /rs-services/v2/<service>/<operation> with the
   * request fields as a JSON object (the path names the operation as the JSON pages do: getPDFMandate). The
   * seal is verified over the JSON values as received; the reply is sealed JSON.
   */
  async function jsonCall(serviceName: string, operationName: string, request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    const service = mounted.get(serviceName);
    const operation = service && Object.values(service.descriptor.operations).find((o) => (o.jsonPath ?? o.name) === operationName || o.name === operationName);
    if (!operation) return send(response, 404, 'application/json', JSON.stringify({ error: `no operation ${serviceName}/${operationName}` }));
    const body = await readBody(request, maxBytes);
    let record: WireRecord;
    try {
      record = parseJsonRecord(body);
    } catch (error) {
      if (!(error instanceof JsonSyntaxError)) throw error;
      log.add({ at: state!.now().toISOString(), service: serviceName, operation: operation.name, wire: 'json', request: {}, seal: 'not read', error: error.message, httpStatus: 400 });
      return send(response, 400, 'application/json', JSON.stringify({ error: `the request is not a JSON object: ${error.message}` }));
    }
    await exchange(serviceName, operation, record, 'json', request, response, async (trigger, entry) => {
      const responseStruct = structOf(operation.schema, operation.response);
      const wire = answer(operation, record, trigger, entry, handlers[`${serviceName}.${operation.name}`]);
      return { status: 200, contentType: 'application/json; charset=utf-8', text: buildJsonBody(wire, responseStruct, operation.schema) };
    });
  }

  /**
   * One exchange on either wire: logged (masked), its fault trigger found (an unknown one refused), the
   * faults that replace the reply applied before the work, the work done by `produce`, then the faults that
   * strike after it (slow, dropped, forged or missing seal, truncated).
   */
  async function exchange(
    serviceName: string,
    operation: OperationDescriptor,
    record: WireRecord,
    wire: 'soap' | 'json',
    request: http.IncomingMessage,
    response: http.ServerResponse,
    produce: (trigger: FaultTrigger | undefined, entry: Exchange) => Promise<{ status: number; contentType: string; text: string }>,
  ): Promise<void> {
    const current = state!;
    const struct = structOf(operation.schema, operation.request);
    const merchantId = typeof record.merchantId === 'string' ? record.merchantId : undefined;
    const entry = log.add({ at: current.now().toISOString(), service: serviceName, operation: operation.name, wire, ...(merchantId ? { merchantId } : {}), request: maskRecord(record, struct, operation.schema), seal: 'not read' });
    const refuse = (message: string): void =>
      wire === 'json' ? send(response, 400, 'application/json', JSON.stringify({ error: message })) : soapFault(response, 'Client', message);
    let trigger: FaultTrigger | undefined;
    try {
      trigger = findFaultTrigger(record);
    } catch (error) {
      if (!(error instanceof UnknownFaultError)) throw error;
      entry.error = error.message;
      entry.httpStatus = wire === 'json' ? 400 : 500;
      return refuse(error.message);
    }
    const reference = referenceOf(record, current);
    if (trigger && !faults.fires(trigger, merchantId ?? '', reference)) trigger = undefined;
    if (trigger) entry.fault = trigger.name === 'SLOW' ? `SLOW_${trigger.delayMs}` : trigger.name;
    const sent = (status: number): void => {
      entry.httpStatus = status;
    };
    if (trigger?.name === 'HTTP500') return sent(500), send(response, 500, 'text/html', '<html><body><h1>500 Internal Server Error</h1></body></html>');
    if (trigger?.name === 'HTML') return sent(200), send(response, 200, 'text/html', '<!DOCTYPE html><html><body>Maintenance in progress</body></html>');
    if (trigger?.name === 'SOAP_FAULT') {
      if (wire === 'json') return sent(500), send(response, 500, 'application/json', JSON.stringify({ error: 'Simulated server fault' }));
      return sent(500), soapFault(response, 'Server', 'Simulated server fault');
    }
    const result = await produce(trigger, entry);
    if (trigger) faults.fired(trigger, merchantId ?? '', reference);
    // A slow gateway: the work is done, the reply comes late.
    if (trigger?.name === 'SLOW') await new Promise((resolve) => setTimeout(resolve, trigger.delayMs));
    if (trigger?.name === 'DROP') {
      // The gateway did the work, then the connection broke: the outcome is unknown to the client.
      sent(0);
      request.socket.destroy();
      return;
    }
    const sealPattern = wire === 'json' ? /"seal":"[0-9a-f]+"/ : /<seal>[0-9a-f]+<\/seal>/;
    const sealText = (seal: string): string => (wire === 'json' ? `"seal":"${seal}"` : seal ? `<seal>${seal}</seal>` : '');
    let text = result.text;
    if (trigger?.name === 'BAD_SEAL') text = text.replace(sealPattern, sealText('0'.repeat(64)));
    if (trigger?.name === 'NO_SEAL') text = text.replace(sealPattern, sealText(''));
    if (trigger?.name === 'TRUNCATED') text = text.slice(0, Math.floor(text.length / 2));
    sent(result.status);
    send(response, result.status, result.contentType, text);
  }

  /** The gateway's answer to one request, sealed with the algorithm the request used; the log entry completed. */
  function answer(operation: OperationDescriptor, record: WireRecord, trigger: FaultTrigger | undefined, entry: Exchange, handler: Handler | undefined): WireRecord {
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

  /** The dashboard and the admin actions: credentials or the local-only flag; form posts from this origin only. */
  async function admin(url: URL, request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    const identity = adminIdentity(request, merchants, options.localAdmin === true);
    if (!identity) {
      response.setHeader('WWW-Authenticate', 'Basic realm="Sogenactif Office simulator (merchantId:secretKey)"');
      return send(response, 401, 'text/plain; charset=utf-8', 'credentials required: HTTP Basic merchantId:secretKey (or start the simulator with localAdmin / --local-admin and connect from this machine)');
    }
    const own = identity.kind === 'merchant' ? identity.merchantId : undefined;
    if (request.method === 'GET' && url.pathname === '/') {
      response.setHeader('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'");
      const notice = url.searchParams.get('notice') ?? undefined;
      return send(response, 200, 'text/html; charset=utf-8', renderDashboard({ identity, merchants: merchantList, state: state!, exchanges: log.list(own), clockOffsetDays: clock.offsetDays, ...(notice ? { notice } : {}) }));
    }
    if (request.method === 'GET' && url.pathname === '/simulator/exchanges') return send(response, 200, 'application/json', JSON.stringify(log.list(own)));
    if (request.method !== 'POST') return send(response, 405, 'text/plain', 'method not allowed');
    if (!sameOrigin(request, simulatorUrl)) return send(response, 403, 'text/plain', 'cross-site form posts are refused');
    const form = new URLSearchParams(await readBody(request, maxBytes));
    let notice: string;
    if (url.pathname === '/simulator/batch') {
      const captured = runSettlementBatch(state!, own).length;
      notice = `settlement batch: ${captured} transaction(s) settled`;
      if (!wantsPage(request)) return send(response, 200, 'application/json', JSON.stringify({ captured }));
    } else if (identity.kind !== 'local') {
      return send(response, 403, 'text/plain', 'the clock and reset act on every merchant: local operator only (localAdmin / --local-admin)');
    } else if (url.pathname === '/simulator/clock') {
      const days = Number(form.get('days') ?? url.searchParams.get('days') ?? '1');
      let settled: number;
      try {
        settled = clock.advance(days);
      } catch (error) {
        return send(response, 400, 'text/plain', (error as Error).message);
      }
      notice = `clock advanced by ${days} day(s): ${settled} transaction(s) settled`;
      if (!wantsPage(request)) return send(response, 200, 'application/json', JSON.stringify({ now: state!.now().toISOString(), settled }));
    } else {
      reset();
      notice = 'simulator reset';
      if (!wantsPage(request)) return send(response, 200, 'application/json', JSON.stringify({ reset: true }));
    }
    response.writeHead(303, { Location: `/?notice=${encodeURIComponent(notice)}`, 'Content-Length': 0 });
    response.end();
  }

  async function page(url: URL, request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    const current = state!;
    if (url.pathname === '/simulator/hosted-fields-sdk.js') return send(response, 200, 'application/javascript', '// Sogenactif Office simulator: hosted fields stand-in\nwindow.SimulatedHostedFields = {};\n');
    const form = request.method === 'POST' ? new URLSearchParams(await readBody(request, maxBytes)) : url.searchParams;
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
    if (!isWebUrl(target)) return send(response, 400, 'text/html', '<html><body>The return URL (TermUrl) must be an absolute http(s) URL</body></html>');
    const title = { acs: '3-D Secure authentication (simulated ACS)', provider: 'External wallet (simulated)', bank: 'Bank transfer (simulated)', mandate: 'SEPA mandate signature (simulated)' }[kind] ?? 'Simulated page';
    send(response, 200, 'text/html; charset=utf-8', autoPostPage(target, fields, title));
  }

  function reset(): void {
    resetState(state!);
    log.clear();
    faults.clear();
    clock.reset();
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const simulatorUrl = `http://${host}:${address.port}`;
  state = createState(simulatorUrl, clock.now);
  const handlers = createHandlers(state);

  for (const service of Object.values(allServices) as ServiceDescriptor[]) {
    const file = path.join(wsdlDir, `${service.name}.wsdl`);
    if (!fs.existsSync(file)) continue;
    const xml = fs.readFileSync(file, 'utf8');
    const serviceName = /<wsdl:service\s+name="([^"]+)"/.exec(xml)?.[1];
    const portName = /<wsdl:port\s+name="([^"]+)"/.exec(xml)?.[1];
    if (!serviceName || !portName) throw new Error(`${file}: no wsdl:service/wsdl:port`);
    const methods: Record<string, (args: unknown, callback: unknown, headers: unknown, req: { headers: Record<string, string> }) => unknown> = {};
    for (const operation of Object.values(service.operations)) {
      methods[operation.name] = (_args, _callback, _headers, req) => {
        const context = contexts.get(req.headers[EXCHANGE_HEADER] ?? '');
        if (!context) throw new Error('request context lost');
        const wire = answer(operation, context.record, context.trigger, context.entry, handlers[`${service.name}.${operation.name}`]);
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
    mounted.set(service.name, { descriptor: service, file, soapServer });
  }

  return {
    url: simulatorUrl,
    state,
    clock,
    runSettlementBatch: (merchantId?: string) => runSettlementBatch(state!, merchantId).length,
    exchanges: (merchantId?: string) => log.list(merchantId),
    reset,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}

function wantsPage(request: http.IncomingMessage): boolean {
  return String(request.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded') && String(request.headers.accept ?? '').includes('text/html');
}

function send(response: http.ServerResponse, status: number, contentType: string, body: string): void {
  response.writeHead(status, { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(body) });
  response.end(body);
}

/** The body as UTF-8 text; PayloadTooLarge (answered 413) past `maxBytes`, declared or streamed. */
function readBody(request: http.IncomingMessage, maxBytes: number): Promise<string> {
  return new Promise((resolve, reject) => {
    if (Number(request.headers['content-length'] ?? 0) > maxBytes) {
      request.resume();
      reject(new PayloadTooLarge());
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let refused = false;
    request.on('data', (chunk: Buffer) => {
      if (refused) return;
      size += chunk.length;
      if (size > maxBytes) {
        refused = true;
        chunks.length = 0;
        reject(new PayloadTooLarge());
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
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
