// The sealing gateway's HTTP server: the Office interface (SOAP at /services/v2/<service> with its WSDLs, JSON at
// /rs-services/v2/<service>/<operation>) for callers without the key, every call made by the real client; health,
// readiness, metrics, one JSON log line per exchange, key reload without downtime, graceful shutdown.
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createClient, type ClientConfig, type SogenactifClient } from '../client';
import type { OperationDescriptor } from '../descriptor';
import { baseUrl, isLoopbackHost, type Environment } from '../endpoints';
import { PayloadTooLarge, readBody } from '../http-body';
import { describeIssues, InvalidRequestError, type FieldIssue } from '../errors';
import { checkMerchants, type MerchantKeys } from '../keyring';
import { loadKeysFile } from '../keys-file';
import { createHttpTransport, type Transport } from '../transport';
import { GATEWAY_ERRORS, type Answer, type GatewayError, type GatewayErrorCode } from './answers';
import { admit, loadTokensFile, type Caller, type CallerToken } from './callers';
import { errorAnswer, readCall } from './calls';
import { protocols, type Wire } from '../wire';
import { contractDir, contractFile, gatewayServices } from './contract';
import {
  callerRequest,
  countingLogger,
  gatewayError,
  isVerifiedAnswer,
  recordingTransport,
  traced,
  type ExchangeTrace,
} from './exchange';
import { GatewayMetrics } from './metrics';
import type { PaymentJournal, RecoveryReport } from '../journal';

/** Client settings the gateway passes through (the keyring, environment, wire, transport and logger are its own). */
export type GatewayClientOptions = Omit<
  ClientConfig,
  | 'merchantId'
  | 'secretKey'
  | 'keyVersion'
  | 'merchants'
  | 'environment'
  | 'wire'
  | 'serviceWires'
  | 'transport'
  | 'serviceTransports'
  | 'httpTransport'
  | 'logger'
>;

export interface GatewayOptions {
  /** Sogenactif: 'PROD', 'TEST', or a base URL (the simulator's). */
  readonly upstream: Environment;
  /** The keyring; or `keysFile`, re-read by reloadKeys(). */
  readonly merchants?: readonly MerchantKeys[];
  readonly keysFile?: string;
  /** Default 127.0.0.1. Any other address needs caller tokens. */
  readonly host?: string;
  /** Default 0 (a free port). */
  readonly port?: number;
  /** Listen on this unix socket instead of a TCP port (its file permissions decide who calls). */
  readonly socket?: string;
  /** Callers by bearer token, each with its merchants; or `tokensFile`. With tokens, every call needs one. */
  readonly tokens?: readonly CallerToken[];
  readonly tokensFile?: string;
  /** Host header names accepted besides localhost, 127.x and [::1] (the names callers use to reach the gateway). */
  readonly allowedHosts?: readonly string[];
  /** Largest request body, in bytes (default 1 MiB): 413 above. */
  readonly maxBodyBytes?: number;
  /** Calls processed at once (default 256): Busy above, nothing sent. */
  readonly maxInFlight?: number;
  /** How long close() waits for calls in flight (default 30000 ms). */
  readonly shutdownTimeoutMs?: number;
  /** One JSON line per exchange (default: standard output). Nothing secret is ever in it. */
  readonly log?: (line: string) => void;
  /**
   * The payment journal (fileJournal, postgresJournal or your own), passed to createClient: every payment is recorded
   * before it is sent; `ready()` feeds /readyz. The gateway recovers the journal's open entries (its own, or another
   * instance's on a shared PostgreSQL journal) at start and every `recoverEveryMs`.
   */
  readonly journal?: PaymentJournal;
  /** How often open journal entries are recovered (default 60000 ms; 0: only at start). */
  readonly recoverEveryMs?: number;
  /** Client settings: timeoutMs, retry, http (agent, ca), allowUnsignedResponses, interfaceVersions, ... */
  readonly client?: GatewayClientOptions;
}

export interface RunningGateway {
  /**
   * Recovers the journal's open entries now (the same run the gateway makes on its own); undefined without a journal.
   */
  recover(): Promise<RecoveryReport | undefined>;
  /** http://host:port, or `http://localhost` for a unix socket (see socketPath). */
  readonly url: string;
  readonly socketPath?: string;
  /** The Prometheus text of /metrics. */
  metrics(): string;
  /**
   * Swaps the keyring (the keys file again when no list is given): new calls use it; calls in flight finish on the old
   * one.
   */
  reloadKeys(merchants?: readonly MerchantKeys[]): void;
  /** Stops accepting calls, finishes those in flight (up to shutdownTimeoutMs), then closes. */
  close(): Promise<void>;
}

/** One keyring's clients (SOAP and JSON upstream wires), kept until their calls in flight are done. */
interface Generation {
  readonly soap: SogenactifClient;
  readonly json: SogenactifClient;
  readonly transport: Transport;
  readonly merchantIds: readonly string[];
  inFlight: number;
  retired: boolean;
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;
const DEFAULT_MAX_BODY = 1024 * 1024;

function checkOptions(options: GatewayOptions): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if ((options.merchants === undefined) === (options.keysFile === undefined))
    issues.push({ field: 'merchants', problem: 'give either merchants or keysFile' });
  if (options.merchants) issues.push(...checkMerchants(options.merchants));
  const host = options.host ?? '127.0.0.1';
  const loopback = isLoopbackHost(host);
  if (!loopback && !options.socket && !options.tokens && !options.tokensFile)
    issues.push({
      field: 'host',
      problem: `${host} is not loopback: give caller tokens (tokensFile) or use a unix socket`,
    });
  for (const field of ['maxBodyBytes', 'maxInFlight', 'shutdownTimeoutMs'] as const) {
    const value = options[field];
    if (value !== undefined && (!Number.isSafeInteger(value) || value < 1))
      issues.push({ field, problem: 'must be a positive integer' });
  }
  return issues;
}

/** Starts the gateway (InvalidRequestError naming each bad option; nothing secret in it). */
export async function startGateway(options: GatewayOptions): Promise<RunningGateway> {
  const issues = checkOptions(options);
  if (issues.length > 0)
    throw new InvalidRequestError(`invalid gateway options: ${describeIssues(issues)}`, { fields: issues });
  const services = gatewayServices();
  const wsdlDir = contractDir();
  const tokens = options.tokens ?? (options.tokensFile ? loadTokensFile(options.tokensFile) : undefined);
  const policy = {
    ...(tokens ? { tokens } : {}),
    allowedHosts: new Set((options.allowedHosts ?? []).map((h) => h.toLowerCase())),
    socket: options.socket !== undefined,
  };
  const maxBody = options.maxBodyBytes ?? DEFAULT_MAX_BODY;
  const maxInFlight = options.maxInFlight ?? 256;
  const log = options.log ?? ((line: string) => void process.stdout.write(`${line}\n`));
  const metrics = new GatewayMetrics();
  const journal = options.journal;

  function makeGeneration(merchants: readonly MerchantKeys[]): Generation {
    const transport = recordingTransport(createHttpTransport(options.client?.http));
    const config: ClientConfig = {
      ...options.client,
      ...(journal ? { journal } : {}),
      merchants,
      environment: options.upstream,
      transport,
      logger: countingLogger(),
    };
    return {
      soap: createClient(config),
      json: createClient({ ...config, wire: 'json' }),
      transport,
      merchantIds: merchants.map((m) => m.merchantId),
      inFlight: 0,
      retired: false,
    };
  }
  let generation = makeGeneration(options.merchants ?? loadKeysFile(options.keysFile!));
  const retire = (old: Generation): void => {
    old.retired = true;
    if (old.inFlight === 0) old.transport.close();
  };

  // Open journal entries (a payment in flight when this or another instance died) settled by lookup, never resent.
  let recovering: Promise<RecoveryReport | undefined> | undefined;
  const recoverNow = (): Promise<RecoveryReport | undefined> => {
    if (!journal) return Promise.resolve(undefined);
    recovering ??= generation.soap
      .recover()
      .then((report) => {
        if (report.entries.length > 0)
          log(
            JSON.stringify({
              time: new Date().toISOString(),
              event: 'recovery',
              looked: report.entries.length,
              settled: report.settled,
              open: report.open,
            }),
          );
        return report;
      })
      .catch((error: unknown) => {
        log(
          JSON.stringify({ time: new Date().toISOString(), event: 'recovery failed', error: (error as Error).message }),
        );
        return undefined;
      })
      .finally(() => {
        recovering = undefined;
      });
    return recovering;
  };
  const recoveryTimer =
    journal && (options.recoverEveryMs ?? 60_000) > 0
      ? setInterval(() => void recoverNow(), options.recoverEveryMs ?? 60_000)
      : undefined;
  recoveryTimer?.unref();

  let draining = false;
  let inFlight = 0;
  let idle: (() => void) | undefined;
  let publicUrl = '';

  async function handle(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    const started = performance.now();
    const header = request.headers['x-request-id'];
    const requestId = typeof header === 'string' && REQUEST_ID.test(header) ? header : randomUUID();
    const url = new URL(request.url ?? '/', 'http://gateway');
    const wire: Wire = url.pathname.startsWith('/rs-services/') ? 'json' : 'soap';
    const entry: Record<string, unknown> = {
      time: new Date().toISOString(),
      requestId,
      method: request.method,
      path: url.pathname.slice(0, 120),
      wire,
    };
    const reply = (answer: Answer): void => {
      response.writeHead(answer.status, {
        'Content-Type': answer.contentType,
        'Content-Length': Buffer.byteLength(answer.body),
        'X-Request-Id': requestId,
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
        ...(draining ? { Connection: 'close' } : {}),
        ...answer.headers,
      });
      response.end(answer.body);
      entry.status = answer.status;
      entry.durationMs = Math.round((performance.now() - started) * 10) / 10;
      log(JSON.stringify(entry));
    };
    const refuse = (code: GatewayErrorCode, message: string, on: Wire = wire): void => {
      entry.outcome = 'rejected';
      entry.code = `gw:${code}`;
      reply(errorAnswer(on, { code, message }));
    };
    const plain = (status: number, contentType: string, body: string): void => reply({ status, contentType, body });

    const admission = admit(request, policy);
    if (!admission.ok && !(url.pathname === '/healthz' && admission.code === 'Unauthorized')) {
      metrics.rejected(admission.reason);
      entry.reason = admission.reason;
      return refuse(admission.code, `${GATEWAY_ERRORS[admission.code].text}: ${admission.reason}`);
    }
    const caller: Caller = admission.ok ? admission.caller : { name: 'anonymous' };
    entry.caller = caller.name;
    if (request.method === 'OPTIONS') return refuse('MethodNotAllowed', 'no CORS: the gateway serves no browser');
    if (request.method === 'GET') {
      if (url.pathname === '/healthz')
        return plain(200, 'application/json', JSON.stringify({ status: draining ? 'draining' : 'ok' }));
      if (url.pathname === '/readyz') {
        const ready = await readiness();
        return plain(ready.ok ? 200 : 503, 'application/json', JSON.stringify(ready));
      }
      if (url.pathname === '/metrics') return plain(200, 'text/plain; version=0.0.4; charset=utf-8', metrics.render());
      const soapPath = /^\/services\/v2\/([A-Za-z0-9]+)$/.exec(url.pathname);
      if (soapPath && services[soapPath[1]!] && url.search.toLowerCase() === '?wsdl') {
        const text = contractFile(wsdlDir, `${soapPath[1]}.wsdl`, `${publicBase(request)}/services/v2/${soapPath[1]}`);
        if (text !== undefined) return plain(200, 'text/xml; charset=utf-8', text);
      }
      const xsd = /^\/services\/v2\/([A-Za-z0-9_-]+\.xsd)$/.exec(url.pathname);
      const schema = xsd ? contractFile(wsdlDir, xsd[1]!) : undefined;
      if (schema !== undefined) return plain(200, 'text/xml; charset=utf-8', schema);
      return refuse('NotFound', `nothing at ${url.pathname.slice(0, 120)}`);
    }
    if (request.method !== 'POST')
      return refuse('MethodNotAllowed', 'POST a call, or GET ?wsdl, /healthz, /readyz, /metrics');
    const soapPath = /^\/services\/v2\/([A-Za-z0-9]+)$/.exec(url.pathname);
    const jsonPath = /^\/rs-services\/v2\/([A-Za-z0-9]+)\/([A-Za-z0-9]+)$/.exec(url.pathname);
    const service = services[(soapPath ?? jsonPath)?.[1] ?? ''];
    if (!service) return refuse('NotFound', `no service at ${url.pathname.slice(0, 120)}`);
    const contentType = String(request.headers['content-type'] ?? '');
    if (!protocols[wire].accepts(contentType, ''))
      return refuse('UnsupportedMediaType', GATEWAY_ERRORS.UnsupportedMediaType.text);
    if (draining) return refuse('ShuttingDown', GATEWAY_ERRORS.ShuttingDown.text);
    if (inFlight >= maxInFlight) return refuse('Busy', GATEWAY_ERRORS.Busy.text);
    inFlight += 1;
    metrics.inFlight = inFlight;
    try {
      let body: string;
      try {
        body = await readBody(request, maxBody);
      } catch (error) {
        if (error instanceof PayloadTooLarge) {
          response.shouldKeepAlive = false;
          return refuse('TooLarge', `request body larger than ${maxBody} bytes`);
        }
        throw error;
      }
      const read = readCall(wire, service, body, jsonPath?.[2]);
      if (!read.ok) {
        entry.outcome = read.error.code === 'InvalidRequest' ? 'invalid-request' : 'rejected';
        entry.code = `gw:${read.error.code}`;
        if (read.error.fields) entry.fields = read.error.fields.map((f) => f.field);
        return reply(errorAnswer(wire, read.error));
      }
      reply(await call(wire, read.operation, read.record, caller, entry, started));
    } finally {
      inFlight -= 1;
      metrics.inFlight = inFlight;
      if (inFlight === 0) idle?.();
    }
  }

  /** One call through the client, and the caller's answer. */
  async function call(
    wire: Wire,
    operation: OperationDescriptor,
    record: Parameters<typeof callerRequest>[1],
    caller: Caller,
    entry: Record<string, unknown>,
    started: number,
  ): Promise<Answer> {
    const name = `${operation.service}.${operation.name}`;
    Object.assign(entry, { service: operation.service, operation: operation.name });
    const trace: ExchangeTrace = { name, attempts: 0, retries: 0, lookups: 0, sealFailures: 0 };
    const finish = (outcome: string, code: string, answer: Answer): Answer => {
      Object.assign(entry, {
        outcome,
        code,
        attempts: trace.attempts,
        retries: trace.retries,
        lookups: trace.lookups,
        sealFailures: trace.sealFailures,
      });
      metrics.exchange({
        service: operation.service,
        operation: operation.name,
        outcome,
        code,
        seconds: (performance.now() - started) / 1000,
        retries: trace.retries,
        lookups: trace.lookups,
        sealFailures: trace.sealFailures,
      });
      return answer;
    };
    const fail = (error: GatewayError): Answer => {
      if (error.fields) entry.fields = error.fields.map((f) => f.field);
      if (error.resolution) entry.resolution = error.resolution.outcome;
      const outcome =
        {
          OutcomeUnknown: 'outcome-unknown',
          ReplyNotTrusted: 'not-trusted',
          InvalidRequest: 'invalid-request',
          UpstreamUnavailable: 'upstream-unavailable',
        }[error.code as string] ?? 'rejected';
      return finish(outcome, `gw:${error.code}`, errorAnswer(wire, error));
    };
    const prepared = callerRequest(operation, record);
    if (!prepared.ok)
      return fail({
        code: 'InvalidRequest',
        operation: name,
        message: `${name}: invalid request: ${describeIssues(prepared.fields.slice(0, 10))}; nothing was sent`,
        fields: prepared.fields,
      });
    const current = generation;
    const merchantId = prepared.merchantId ?? (current.merchantIds.length === 1 ? current.merchantIds[0] : undefined);
    if (merchantId) entry.merchantId = merchantId;
    if (caller.merchants && (merchantId === undefined || !caller.merchants.has(merchantId))) {
      return fail({
        code: 'Forbidden',
        operation: name,
        message:
          `${name}: caller ${caller.name} may not use ` +
          `${merchantId === undefined ? 'an unnamed merchant (name merchantId)' : `merchant ${merchantId}`}` +
          `; nothing was sent`,
      });
    }
    const sentReference = prepared.request.transactionReference;
    if (typeof sentReference === 'string') entry.transactionReference = sentReference;
    current.inFlight += 1;
    try {
      const client = wire === 'json' ? current.json : current.soap;
      let response: Record<string, unknown>;
      try {
        response = await traced(trace, () =>
          client.invoke<Record<string, unknown>>(operation, prepared.request, merchantId ? { merchantId } : {}),
        );
      } catch (error) {
        if (isVerifiedAnswer(error) && trace.reply) return finish(error.kind, error.code ?? '', passOn(trace.reply));
        return fail(gatewayError(operation, name, error));
      }
      if (!trace.reply)
        return fail({ code: 'Internal', operation: name, message: `${name}: the verified reply was not kept` });
      const generated =
        typeof response.transactionReference === 'string' && sentReference === undefined
          ? response.transactionReference
          : undefined;
      if (generated) entry.transactionReference = generated;
      const code = operation.codeField ? response[operation.codeField] : undefined;
      return finish(
        'ok',
        typeof code === 'string' ? code : '',
        passOn(trace.reply, generated ? { 'X-Transaction-Reference': generated } : undefined),
      );
    } finally {
      current.inFlight -= 1;
      if (current.retired && current.inFlight === 0) current.transport.close();
    }
  }

  /** Sogenactif's reply, as received, once the client verified it. */
  const passOn = (
    received: { status: number; contentType: string; body: string },
    headers?: Record<string, string>,
  ): Answer => ({
    status: received.status,
    contentType: received.contentType || 'text/xml; charset=utf-8',
    body: received.body,
    ...(headers ? { headers } : {}),
  });

  let readyCache: { at: number; upstream: boolean } | undefined;
  async function readiness(): Promise<{
    ok: boolean;
    upstream: boolean;
    journal: boolean | 'none';
    draining: boolean;
  }> {
    if (!readyCache || performance.now() - readyCache.at > 5_000) {
      let upstream = false;
      try {
        await fetch(
          new URL(baseUrl(options.upstream, { allowInsecureHttp: options.client?.allowInsecureHttp === true })).origin,
          { method: 'HEAD', signal: AbortSignal.timeout(3_000) },
        );
        upstream = true;
      } catch {
        upstream = false;
      }
      readyCache = { at: performance.now(), upstream };
    }
    let journalReady: boolean | 'none' = 'none';
    const check = journal?.ready;
    if (typeof check === 'function') {
      try {
        await check.call(journal);
        journalReady = true;
      } catch {
        journalReady = false;
      }
    }
    return {
      ok: readyCache.upstream && journalReady !== false && !draining,
      upstream: readyCache.upstream,
      journal: journalReady,
      draining,
    };
  }

  const server = http.createServer((request, response) => {
    handle(request, response).catch(() => {
      // Never a stack trace nor a message that could carry request data.
      if (!response.headersSent)
        response.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8', Connection: 'close' });
      response.end('gateway error');
    });
  });
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;
  server.keepAliveTimeout = 5_000;

  const publicBase = (request: http.IncomingMessage): string =>
    options.socket ? `http://${request.headers.host ?? 'localhost'}` : publicUrl;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    if (options.socket) {
      if (fs.existsSync(options.socket)) fs.unlinkSync(options.socket);
      server.listen(options.socket, () => resolve());
    } else server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  if (options.socket) publicUrl = 'http://localhost';
  else {
    const address = server.address() as AddressInfo;
    publicUrl = `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`;
  }
  // A journal left open by a crash (this instance's or another's) is settled as soon as the gateway is up.
  void recoverNow();

  return {
    url: publicUrl,
    ...(options.socket ? { socketPath: options.socket } : {}),
    metrics: () => metrics.render(),
    reloadKeys(merchants?: readonly MerchantKeys[]) {
      const list = merchants ?? (options.keysFile ? loadKeysFile(options.keysFile) : undefined);
      if (!list)
        throw new InvalidRequestError(
          'reloadKeys: give the merchants list (the gateway was started without a keys file)',
          { fields: [{ field: 'merchants', problem: 'is required' }] },
        );
      const problems = checkMerchants(list);
      if (problems.length > 0)
        throw new InvalidRequestError(`reloadKeys: ${describeIssues(problems)}`, { fields: problems });
      const old = generation;
      generation = makeGeneration(list);
      retire(old);
    },
    recover: recoverNow,
    async close() {
      draining = true;
      if (recoveryTimer) clearInterval(recoveryTimer);
      // A recovery run in progress gets the shutdown's time, no more: what it has not settled stays open for the next.
      if (recovering)
        await Promise.race([
          recovering,
          new Promise<void>((resolve) => setTimeout(resolve, options.shutdownTimeoutMs ?? 30_000).unref()),
        ]);
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      if (inFlight > 0) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, options.shutdownTimeoutMs ?? 30_000);
          idle = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
      server.closeAllConnections();
      await closed;
      retire(generation);
      if (options.socket && fs.existsSync(options.socket)) fs.unlinkSync(options.socket);
    },
  };
}
