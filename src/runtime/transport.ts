// HTTP(S) POST of a SOAP envelope over keep-alive connections (or the caller's agent: proxy, own TLS), with a
// deadline and a size limit.
import type * as Http from 'node:http';
import type * as Https from 'node:https';
import { TransportError } from './errors';
import { CertificatePinError, pinSet, socketPinProblem } from './pinning';
import type { TLSSocket } from 'node:tls';

/**
 * Connection errors (errno codes) that mean the request never left: nothing reached the gateway, so the
 * TransportError says `outcomeUnknown: false`, which makes it `retryable`.
 */
export const NEVER_SENT_ERRORS: readonly string[] = Object.freeze([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);

export interface HttpReply {
  readonly status: number;
  readonly contentType: string;
  readonly body: string;
}

/**
 * Set by the client on the options it gives a transport: the caller's own signal, null when the call has none. The
 * built-in transport reads it instead of `signal`: its timer already ends the attempt at `timeoutMs`, which the client
 * sets within the call's deadline, so the deadline's signal (an AbortController, its timer and two listeners per
 * call, about 35 µs of a loopback call's CPU: tools/bench/README.md) is never made for it. A transport of your own
 * reads `signal`, which carries both the deadline and the caller's signal. The key counts only while `signal` is still
 * the client's getter: a wrapper around the built-in transport that spreads the options and sets a `signal` of its
 * own is heard.
 */
export const CALLER_SIGNAL: unique symbol = Symbol('sogenactif-office.callerSignal');

export interface PostOptions {
  readonly url: string;
  readonly body: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly timeoutMs: number;
  readonly maxResponseBytes: number;
  readonly operation: string;
  readonly signal?: AbortSignal;
  readonly [CALLER_SIGNAL]?: AbortSignal | null;
}

export interface Transport {
  post(options: PostOptions): Promise<HttpReply>;
  close(): void;
}

/** The request of a built-in transport, given the signal that aborts it. */
export type DirectPost = (options: PostOptions, signal: AbortSignal | undefined) => Promise<HttpReply>;
/**
 * The built-in transports (createHttpTransport) and their post as made: the client calls their request itself with
 * the caller's signal (directPost), so their options need no `signal` accessor, which cost V8 a runtime call and a
 * slow object per call (4.6 k instructions against 0.3 k for a plain object: tools/bench/README.md, issue 20, fifth
 * pass); the transport's timer keeps the deadline. A copy, a wrapper or a built-in transport whose post was replaced
 * is called through its post, with the accessor.
 */
const builtInPosts = new WeakMap<Transport, { readonly post: Transport['post']; readonly send: DirectPost }>();

/** The built-in transport's own request, for the client; undefined for any other transport (see builtInPosts). */
export function directPost(transport: Transport): DirectPost | undefined {
  const built = builtInPosts.get(transport);
  return built !== undefined && transport.post === built.post ? built.send : undefined;
}

/** Options of the built-in HTTP transport. */
export interface HttpTransportOptions {
  /**
   * The agent every request goes through, instead of the transport's keep-alive agents: a proxy agent (e.g. from the
   * https-proxy-agent package), or an https.Agent with your own TLS settings. `close()` leaves it open: it is yours.
   */
  readonly agent?: Http.Agent;
  /**
   * Extra trusted certificate authorities (PEM), for a TLS-intercepting proxy or a private test gateway (with `agent`,
   * set them on it).
   */
  readonly ca?: string | Buffer | ReadonlyArray<string | Buffer>;
  /**
   * Certificate pinning: the SHA-256 of the gateway's public key (SubjectPublicKeyInfo), as `sha256//<base64>`
   * (HPKP, curl's --pinnedpubkey), or several (the current key and the next, for rotation). Checked on every TLS
   * connection, through any agent or proxy, before the request is written: no match is a CertificatePinError
   * naming the host, and nothing is sent. Plain http cannot be pinned and is refused when pins are set.
   */
  readonly pin?: string | readonly string[];
}

/** The parts of a URL a request is made from (node:url's urlToHttpOptions, brackets off an IPv6 host). */
interface RequestTarget {
  readonly protocol: string;
  readonly hostname: string;
  readonly port: string | number | undefined;
  readonly path: string;
  readonly auth: string | undefined;
}

/** Node http/https transport with one keep-alive agent per protocol (or the `agent` given), `ca` trusted for TLS. */
export function createHttpTransport(options: HttpTransportOptions = {}): Transport {
  const { agent: ownAgent, ca } = options;
  const pins = pinSet(options.pin);
  // node:http and node:https (a few ms to load) and the agents come with the first request.
  let agents: { readonly 'http:': Http.Agent; readonly 'https:': Https.Agent } | undefined;
  let http: typeof Http;
  let https: typeof Https;
  // The URL's request options, parsed once per URL (a client posts to one or two): node:http otherwise parses the
  // string and converts it on every request (tools/bench/README.md, issue 20, transport).
  let lastUrl = '';
  let target: RequestTarget = { protocol: 'http:', hostname: '', port: undefined, path: '/', auth: undefined };
  let targetHost = '';
  // The request itself, with the signal that aborts it (the caller's alone from the client: see builtInPosts).
  const send = (options: PostOptions, signal: AbortSignal | undefined): Promise<HttpReply> => {
    // The attempt's time counts from here: loading node:http on the first request and making the request (a new
    // socket, TLS) come out of it, so the timer below ends the attempt within the call's deadline.
    const postedAt = performance.now();
    if (agents === undefined) {
      http = require('node:http') as typeof Http;
      https = require('node:https') as typeof Https;
      agents = {
        'http:': new http.Agent({ keepAlive: true, maxSockets: 64 }),
        'https:': new https.Agent({
          keepAlive: true,
          maxSockets: 64,
          ...(ca !== undefined ? { ca: ca as string | Buffer | Array<string | Buffer> } : {}),
        }),
      };
    }
    const { 'http:': httpAgent, 'https:': httpsAgent } = agents;
    if (options.url !== lastUrl) {
      const url = new URL(options.url);
      const { protocol, hostname, port, path, auth } = (
        require('node:url') as typeof import('node:url')
      ).urlToHttpOptions(url);
      target = {
        protocol: protocol!,
        hostname: hostname!,
        port: port ?? undefined,
        path: path!,
        auth: auth ?? undefined,
      };
      targetHost = url.host;
      lastUrl = options.url;
    }
    const url = target;
    const host = targetHost;
    return new Promise<HttpReply>((resolve, reject) => {
      const secure = url.protocol === 'https:';
      const agent = ownAgent ?? (secure ? httpsAgent : httpAgent);
      // The body goes as the string it is: node:http writes the header block and the body in one write.
      const payload = options.body;
      let sent = false;
      let settled = false;
      let onAbort: (() => void) | undefined;
      // Settles once: the timer cleared, the abort listener taken off the (caller's, longer-lived) signal.
      const settle = (): boolean => {
        if (settled) return false;
        settled = true;
        clearTimeout(timer);
        if (onAbort !== undefined) signal?.removeEventListener('abort', onAbort);
        return true;
      };
      const fail = (message: string, cause?: unknown, status?: number): void => {
        if (!settle()) return;
        request.destroy();
        reject(
          new TransportError(`${options.operation}: ${message}`, {
            operation: options.operation,
            outcomeUnknown: sent,
            cause,
            ...(status !== undefined ? { status } : {}),
          }),
        );
      };
      const request = (secure ? https : http).request(
        {
          // Only what a request needs (the URL's other parts, hash, href..., are copied by Node into two
          // prototype-less objects per request: tools/bench/README.md, issue 20 fourth pass).
          protocol: url.protocol,
          hostname: url.hostname,
          port: url.port,
          path: url.path,
          auth: url.auth,
          method: 'POST',
          agent,
          headers: { ...options.headers, 'Content-Length': String(Buffer.byteLength(payload, 'utf8')) },
        },
        (response) => {
          const chunks: Buffer[] = [];
          let size = 0;
          response.on('data', (chunk: Buffer) => {
            size += chunk.length;
            if (size > options.maxResponseBytes) {
              fail(`reply larger than ${options.maxResponseBytes} bytes, refused`);
              return;
            }
            chunks.push(chunk);
          });
          response.on('aborted', () => fail('connection closed while reading the reply'));
          response.on('error', (error) => fail(`reply failed: ${error.message}`, error));
          response.on('end', () => {
            if (!settle()) return;
            resolve({
              status: response.statusCode ?? 0,
              contentType: String(response.headers['content-type'] ?? ''),
              body: (chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size)).toString('utf8'),
            });
          });
        },
      );
      const timer = setTimeout(
        () => fail(`no complete reply within ${options.timeoutMs} ms`),
        Math.max(0, options.timeoutMs - (performance.now() - postedAt)),
      );
      request.on('error', (error: NodeJS.ErrnoException) => {
        // A connection that was never made means nothing reached the gateway.
        if (NEVER_SENT_ERRORS.includes(error.code ?? '')) sent = false;
        fail(`connection to ${host} failed (${error.code ?? error.message})`, error);
      });
      request.on('finish', () => {
        sent = true;
      });
      const refusePin = (why: string): void => {
        if (!settle()) return;
        request.destroy();
        reject(new CertificatePinError(options.operation, host, why));
      };
      if (signal) {
        if (signal.aborted) {
          fail('aborted before sending');
          return;
        }
        // The client's deadline aborts with a TimeoutError; anything else is the caller's own signal.
        onAbort = () =>
          fail(
            (signal.reason as Error | undefined)?.name === 'TimeoutError'
              ? "the call's deadline passed"
              : 'aborted by the caller',
          );
        signal.addEventListener('abort', onAbort, { once: true });
      }
      if (pins.size === 0) {
        request.end(payload);
        return;
      }
      if (!secure) {
        refusePin('http.pin is set but the URL is plain http, which has no certificate to check');
        return;
      }
      // Nothing is written (not even the headers) until the connection's certificate matches a pin.
      request.on('socket', (socket) => {
        const tls = socket as TLSSocket;
        const check = (): void => {
          const problem = socketPinProblem(tls, pins);
          if (problem) refusePin(problem);
          else if (!settled) request.end(payload);
        };
        if (typeof tls.getPeerCertificate !== 'function') refusePin('the agent gave a connection without TLS');
        else if (tls.getPeerCertificate(false)?.raw) check();
        else tls.once('secureConnect', check);
      });
    });
  };
  const transport: Transport = {
    post(options) {
      // The caller's signal alone when the client says which it is (CALLER_SIGNAL: the timer keeps the deadline) and
      // `signal` is still the client's own accessor: a wrapper that spread the options (which copies the symbol) and
      // set a signal of its own is heard. Else `signal`, read once: the client's deadline makes it on the first read
      // (client/deadline.ts).
      const callerSignal = options[CALLER_SIGNAL];
      return send(
        options,
        callerSignal !== undefined && Object.getOwnPropertyDescriptor(options, 'signal')?.get !== undefined
          ? (callerSignal ?? undefined)
          : options.signal,
      );
    },
    close() {
      agents?.['http:'].destroy();
      agents?.['https:'].destroy();
    },
  };
  builtInPosts.set(transport, { post: transport.post, send });
  return transport;
}
