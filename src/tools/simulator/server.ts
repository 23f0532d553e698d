// Local Sogenactif Office stand-in, the routing: WSDLs and XSDs at /services/v2/, SOAP calls to the SOAP adapter,
// /rs-services/v2/ to the JSON adapter (both on one exchange path: exchange.ts, faults in faults.ts, seals checked
// in dispatch.ts), the dashboard and admin actions at `/` (Host checked: admin.ts), the redirection pages under
// /simulator/; header, body and request deadlines and a connection cap bound what slow clients can hold.
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { type ServiceDescriptor, services as allServices } from 'sogenactif-office/internal';
import { createHandlers } from './handlers';
import { createState, resetState, runSettlementBatch, type SimulatorState } from './state';
import { defaultWsdlDir } from '../contract/paths';
import { acceptedHosts, adminIdentity, hostAccepted, sameOrigin } from './admin';
import { createClock, type SimulatorClock } from './clock';
import { renderDashboard } from './dashboard';
import { DEFAULT_MERCHANT, merchantsById, type SimulatorMerchant } from './dispatch';
import { answerRequest, runExchange, type AdapterContext } from './exchange';
import { ExchangeLog, type Exchange } from './exchange-log';
import { FaultMemory } from './faults';
import { limitsOf } from './limits';
import { limitBodyTime, PayloadTooLarge, readBody, send, wantsPage } from './http-io';
import { jsonCall } from './json-adapter';
import { servePage } from './pages';
import { createSoapAdapter, type MountedService } from './soap-adapter';

export type { SimulatorMerchant } from './dispatch';
export { SIMULATOR_LIMITS } from './limits';

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
  /**
   * More names the dashboard and admin endpoints answer to in the Host header (`name` or `name:port`; e.g. a
   * container's service name). Always accepted: the bound address, `localhost`, `127.0.0.1` and `[::1]` with the
   * served port (every interface's address when bound to 0.0.0.0 or ::). Others get 421 (DNS rebinding).
   */
  readonly allowedHosts?: readonly string[];
  /** Time to receive a request's headers (server.headersTimeout; 408 and closed past it). Default 10000 ms. */
  readonly headersTimeoutMs?: number;
  /** Time to receive a request's body once its headers are in (408 and closed past it). Default 10000 ms. */
  readonly bodyTimeoutMs?: number;
  /**
   * Time to receive a whole request, headers and body (server.requestTimeout). Default 30000 ms, at least
   * headersTimeoutMs.
   */
  readonly requestTimeoutMs?: number;
  /** Open connections at once (server.maxConnections); a connection past it is closed at once. Default 256. */
  readonly maxConnections?: number;
  /** Entries kept in the request log for requests whose seal verified. Default 500. */
  readonly maxLogEntries?: number;
  /** Entries kept, apart, for requests whose seal did not verify (or that were unreadable). Default 200. */
  readonly maxUnauthenticatedLogEntries?: number;
}

export interface RunningSimulator {
  /** Base URL to use as a client's `environment`. */
  readonly url: string;
  readonly state: SimulatorState;
  /** The simulator's clock: `clock.advance(days)` ages expiry dates and runs the nightly settlement batch. */
  readonly clock: SimulatorClock;
  /** End-of-day settlement now (also POST /simulator/batch): captures what is due; returns how many it settled. */
  runSettlementBatch(merchantId?: string): number;
  /**
   * The recent exchanges, oldest first, with card numbers, CSC and IBAN masked: every entry (genuine and
   * unauthenticated, by arrival), or with `merchantId` only that merchant's entries whose seal verified.
   */
  exchanges(merchantId?: string): Exchange[];
  /** Back to a fresh start: state, log, spent fault triggers and clock. */
  reset(): void;
  /**
   * Accepts another key version for a merchant from now on (a key rotation; the highest version is its current key).
   */
  addMerchantKey(merchant: SimulatorMerchant): void;
  /** Stops accepting one key version of a merchant (the end of a rotation); its other versions stay. */
  removeMerchantKey(merchantId: string, keyVersion: number): void;
  close(): Promise<void>;
}

/** The public test merchant of the Sips documentation (defined beside the merchants' dispatch). */
export { DEFAULT_MERCHANT };

export async function startSimulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  const wsdlDir = options.wsdlDir ?? defaultWsdlDir();
  const merchantList = options.merchants ?? [DEFAULT_MERCHANT];
  // One merchantId may be listed once per key version (a rotation): every listed version is accepted.
  const merchants = merchantsById(merchantList);
  const limits = limitsOf(options);
  const maxBytes = limits.maxRequestBytes;
  const mounted = new Map<string, MountedService>();
  const log = new ExchangeLog({ genuine: limits.maxLogEntries, unauthenticated: limits.maxUnauthenticatedLogEntries });
  const faults = new FaultMemory();
  let state: SimulatorState | undefined;
  let handlers: ReturnType<typeof createHandlers> | undefined;
  let hosts: ReadonlySet<string> = new Set();
  const exchangeDeps = { merchants, log, faults, state: () => state! };
  const context: AdapterContext = {
    maxBytes,
    log,
    state: () => state!,
    exchange: (...args) => runExchange(exchangeDeps, ...args),
    answer: (serviceName, operation, record, trigger, entry: Exchange) =>
      answerRequest(merchants, handlers![`${serviceName}.${operation.name}`], operation, record, trigger, entry),
  };
  const soapAdapter = createSoapAdapter(context);
  const clock = createClock(() => runSettlementBatch(state!).length);
  // Node checks the header and request deadlines on an interval (30 s by default): a fraction of the shortest here.
  const checkEveryMs = Math.max(50, Math.min(1000, Math.floor(limits.headersTimeoutMs / 4)));
  const server = http.createServer(
    {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      connectionsCheckingInterval: checkEveryMs,
    },
    (request, response) => {
      limitBodyTime(request, response, limits.bodyTimeoutMs);
      route(request, response).catch((error: unknown) => {
        if (response.writableEnded) return;
        const tooLarge = error instanceof PayloadTooLarge;
        // Never a stack trace: the message only.
        if (!response.headersSent)
          response.writeHead(tooLarge ? 413 : 500, {
            'Content-Type': 'text/plain; charset=utf-8',
            Connection: 'close',
          });
        response.end(tooLarge ? 'request too large' : `simulator error: ${(error as Error).message}`);
      });
    },
  );

  async function route(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://simulator');
    const serviceMatch = /^\/services\/v2\/([A-Za-z0-9]+)$/.exec(url.pathname);
    const service = serviceMatch ? mounted.get(serviceMatch[1]!) : undefined;
    if (request.method === 'GET' && service && url.search.toLowerCase() === '?wsdl') {
      const wsdl = fs
        .readFileSync(service.file, 'utf8')
        .replace(
          /(<soap(?:12)?:address\s+location=")[^"]*(")/,
          `$1${simulatorUrl}/services/v2/${service.descriptor.name}$2`,
        );
      return send(response, 200, 'text/xml; charset=utf-8', wsdl);
    }
    const xsd = /^\/services\/v2\/([A-Za-z0-9_-]+\.xsd)$/.exec(url.pathname);
    if (request.method === 'GET' && xsd && fs.existsSync(path.join(wsdlDir, xsd[1]!))) {
      return send(response, 200, 'text/xml; charset=utf-8', fs.readFileSync(path.join(wsdlDir, xsd[1]!), 'utf8'));
    }
    if (request.method === 'POST' && service) return soapAdapter.call(service, request, response);
    const jsonMatch = /^\/rs-services\/v2\/([A-Za-z0-9]+)\/([A-Za-z0-9]+)$/.exec(url.pathname);
    if (request.method === 'POST' && jsonMatch)
      return jsonCall(context, mounted.get(jsonMatch[1]!)?.descriptor, jsonMatch[1]!, jsonMatch[2]!, request, response);
    if (
      url.pathname === '/' ||
      url.pathname === '/simulator/batch' ||
      url.pathname === '/simulator/clock' ||
      url.pathname === '/simulator/reset' ||
      url.pathname === '/simulator/exchanges'
    ) {
      return admin(url, request, response);
    }
    if (url.pathname.startsWith('/simulator/')) return servePage(url, request, response, state!, maxBytes);
    send(response, 404, 'text/plain', 'not found');
  }

  /** The dashboard and the admin actions: credentials or the local-only flag; form posts from this origin only. */
  async function admin(url: URL, request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    // Before any credential: a page on another name that resolves here (DNS rebinding) is not this simulator's.
    if (!hostAccepted(request, hosts)) {
      const given = String(request.headers.host ?? '')
        .replace(/[^\x21-\x7e]/g, '?')
        .slice(0, 100);
      return send(
        response,
        421,
        'text/plain; charset=utf-8',
        `Host "${given}` +
          `" is not a name this simulator serves its dashboard and admin endpoints under; accepted: the bound ` +
          `address, localhost, 127.0.0.1 and [::1] with the port, and the names given with allowedHosts / ` +
          `--allow-host`,
      );
    }
    const identity = adminIdentity(request, merchants, options.localAdmin === true);
    if (!identity) {
      response.setHeader('WWW-Authenticate', 'Basic realm="Sogenactif Office simulator (merchantId:secretKey)"');
      return send(
        response,
        401,
        'text/plain; charset=utf-8',
        'credentials required: HTTP Basic merchantId:secretKey (or start the simulator with localAdmin / ' +
          '--local-admin and connect from this machine)',
      );
    }
    const own = identity.kind === 'merchant' ? identity.merchantId : undefined;
    if (request.method === 'GET' && url.pathname === '/') {
      response.setHeader(
        'Content-Security-Policy',
        "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'",
      );
      const notice = url.searchParams.get('notice') ?? undefined;
      return send(
        response,
        200,
        'text/html; charset=utf-8',
        renderDashboard({
          identity,
          merchants: merchantList,
          state: state!,
          exchanges: log.listGenuine(own),
          unauthenticated: own === undefined ? log.listUnauthenticated() : [],
          clockOffsetDays: clock.offsetDays,
          ...(notice ? { notice } : {}),
        }),
      );
    }
    if (request.method === 'GET' && url.pathname === '/simulator/exchanges')
      return send(response, 200, 'application/json', JSON.stringify(log.list(own)));
    if (request.method !== 'POST') return send(response, 405, 'text/plain', 'method not allowed');
    if (!sameOrigin(request, simulatorUrl))
      return send(response, 403, 'text/plain', 'cross-site form posts are refused');
    const form = new URLSearchParams(await readBody(request, maxBytes));
    let notice: string;
    if (url.pathname === '/simulator/batch') {
      const captured = runSettlementBatch(state!, own).length;
      notice = `settlement batch: ${captured} transaction(s) settled`;
      if (!wantsPage(request)) return send(response, 200, 'application/json', JSON.stringify({ captured }));
    } else if (identity.kind !== 'local') {
      return send(
        response,
        403,
        'text/plain',
        'the clock and reset act on every merchant: local operator only (localAdmin / --local-admin)',
      );
    } else if (url.pathname === '/simulator/clock') {
      const days = Number(form.get('days') ?? url.searchParams.get('days') ?? '1');
      let settled: number;
      try {
        settled = clock.advance(days);
      } catch (error) {
        return send(response, 400, 'text/plain', (error as Error).message);
      }
      notice = `clock advanced by ${days} day(s): ${settled} transaction(s) settled`;
      if (!wantsPage(request))
        return send(response, 200, 'application/json', JSON.stringify({ now: state!.now().toISOString(), settled }));
    } else {
      reset();
      notice = 'simulator reset';
      if (!wantsPage(request)) return send(response, 200, 'application/json', JSON.stringify({ reset: true }));
    }
    response.writeHead(303, { Location: `/?notice=${encodeURIComponent(notice)}`, 'Content-Length': 0 });
    response.end();
  }

  function reset(): void {
    resetState(state!);
    log.clear();
    faults.clear();
    clock.reset();
  }

  server.maxConnections = limits.maxConnections;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  try {
    hosts = acceptedHosts(address, options.allowedHosts);
  } catch (error) {
    server.close();
    throw error;
  }
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const simulatorUrl = `http://${host}:${address.port}`;
  state = createState(simulatorUrl, clock.now);
  handlers = createHandlers(state);

  for (const service of Object.values(allServices) as ServiceDescriptor[]) {
    const mountedService = await soapAdapter.mount(service, path.join(wsdlDir, `${service.name}.wsdl`));
    if (mountedService) mounted.set(service.name, mountedService);
  }

  return {
    url: simulatorUrl,
    state,
    clock,
    runSettlementBatch: (merchantId?: string) => runSettlementBatch(state!, merchantId).length,
    exchanges: (merchantId?: string) => log.list(merchantId),
    reset,
    addMerchantKey: (merchant: SimulatorMerchant) => {
      const known = merchants.get(merchant.merchantId);
      const versions = [...(known?.versions ?? [])].map(([keyVersion, secretKey]) => ({
        merchantId: merchant.merchantId,
        keyVersion,
        secretKey,
      }));
      merchants.set(merchant.merchantId, merchantsById([...versions, merchant]).get(merchant.merchantId)!);
    },
    removeMerchantKey: (merchantId: string, keyVersion: number) => {
      const versions = [...(merchants.get(merchantId)?.versions ?? [])]
        .filter(([version]) => version !== keyVersion)
        .map(([version, secretKey]) => ({ merchantId, keyVersion: version, secretKey }));
      if (versions.length === 0) merchants.delete(merchantId);
      else merchants.set(merchantId, merchantsById(versions).get(merchantId)!);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}

export { projectReply } from './exchange';
export { toSoapOutput } from './soap-adapter';
