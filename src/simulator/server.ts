// Local Sogenactif Office stand-in built on the `soap` package: serves each service's WSDL at
// /services/v2/<service>?wsdl (and the XSDs it imports), verifies request seals, signs replies.
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import * as soap from 'soap';
import type { OperationDescriptor, ServiceDescriptor, StructDescriptor } from '../descriptor';
import type { FieldIssue } from '../errors';
import { computeSeal, isSealAlgorithm, sealsMatch } from '../seal';
import { buildWireRecord, structOf, versionNumber, type WireRecord, type WireValue } from '../wire';
import { services as allServices } from '../../generated';
import { createHandlers, createState, type Handler, type SimulatorState } from './handlers';

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
  close(): Promise<void>;
}

/** The public test merchant of the Sips documentation. */
export const DEFAULT_MERCHANT: SimulatorMerchant = { merchantId: '002001000000001', secretKey: '002001000000001_KEY1', keyVersion: 1 };

export function defaultWsdlDir(): string {
  // Works from the sources (src/simulator) and from the build (dist/src/simulator).
  for (const candidate of [path.resolve(__dirname, '../../wsdl'), path.resolve(__dirname, '../../../wsdl')]) {
    if (fs.existsSync(path.join(candidate, 'common.xsd'))) return candidate;
  }
  throw new Error('wsdl/ folder not found beside the package');
}

export async function startSimulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  const wsdlDir = options.wsdlDir ?? defaultWsdlDir();
  const merchants = new Map((options.merchants ?? [DEFAULT_MERCHANT]).map((m) => [m.merchantId, m]));
  const server = http.createServer((request, response) => serveStatic(wsdlDir, request, response));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${host}:${address.port}`;
  const state = createState(url);
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
    await new Promise<void>((resolve, reject) => {
      soap.listen(server, {
        path: `/services/v2/${service.name}`,
        services: { [serviceName]: { [portName]: methods } },
        xml,
        uri: file,
        callback: (error: unknown) => (error ? reject(error) : resolve()),
      } as unknown as soap.IServerOptions);
    });
  }

  return {
    url,
    state,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}

/** XSDs imported by the WSDLs, relative to /services/v2/ (schemaLocation="common.xsd"). */
function serveStatic(wsdlDir: string, request: http.IncomingMessage, response: http.ServerResponse): void {
  const match = /^\/services\/v2\/([A-Za-z0-9_-]+\.xsd)$/.exec((request.url ?? '').split('?')[0] ?? '');
  const file = match ? path.join(wsdlDir, match[1]!) : undefined;
  if (request.method === 'GET' && file && fs.existsSync(file)) {
    response.writeHead(200, { 'Content-Type': 'text/xml; charset=utf-8' });
    response.end(fs.readFileSync(file));
    return;
  }
  response.writeHead(404, { 'Content-Type': 'text/plain' });
  response.end('not found');
}

/** node-soap's parsed arguments to our wire tree: lists as arrays, wrappers collapsed, scalars as text. */
export function fromSoapArgs(struct: StructDescriptor | undefined, value: unknown, schema: OperationDescriptor['schema']): WireRecord {
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

/** Our wire tree to the object node-soap serialises, in descriptor order, lists re-wrapped. */
export function toSoapOutput(struct: StructDescriptor, record: WireRecord, schema: OperationDescriptor['schema']): Record<string, unknown> {
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

/** Renders handler output (numbers, nested objects, arrays) as wire text values. */
export function toWire(value: unknown): WireValue {
  if (Array.isArray(value)) return value.map(toWire);
  if (value !== null && typeof value === 'object') {
    const out: WireRecord = {};
    for (const [key, item] of Object.entries(value)) if (item !== undefined && item !== null) out[key] = toWire(item);
    return out;
  }
  return String(value);
}

function handle(
  operation: OperationDescriptor,
  args: unknown,
  merchants: ReadonlyMap<string, SimulatorMerchant>,
  handler: Handler | undefined,
): unknown {
  const input = operation.requestWrapper ? (args as Record<string, unknown>)?.[operation.requestWrapper] : args;
  const request = fromSoapArgs(structOf(operation.schema, operation.request), input, operation.schema);
  const codeField = operation.codeField ?? 'responseCode';
  const merchant = merchants.get(String(request.merchantId ?? ''));
  const reply = (fields: Record<string, unknown>): unknown => {
    const wire = toWire(fields) as WireRecord;
    if (merchant) wire.seal = computeSeal(wire, merchant.secretKey, 'HMAC-SHA-256');
    const output = toSoapOutput(structOf(operation.schema, operation.response), wire, operation.schema);
    return operation.responseWrapper ? { [operation.responseWrapper]: output } : output;
  };
  if (!merchant) return reply({ [codeField]: '03' });
  const algorithm = typeof request.sealAlgorithm === 'string' && isSealAlgorithm(request.sealAlgorithm) ? request.sealAlgorithm : 'HMAC-SHA-256';
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
  if (!handler) return reply({ [codeField]: '40' });
  return reply(handler(request, merchant.merchantId));
}
