// Who may use the simulator's admin pages and actions (dashboard, batch, clock, reset, log): a request naming
// this simulator in its Host header (no DNS rebinding), then a merchant with its own credentials (HTTP Basic,
// merchantId:secretKey; it sees and acts on its own data) or anyone on loopback when started with `localAdmin`.
import type * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import { sealsMatch } from 'sogenactif-office/internal';
import type { SimulatorMerchant } from './dispatch';
import { SimulatorOptionError } from './limits';

/** Who is asking: one merchant (by its credentials) or the local operator (every merchant). */
export type AdminIdentity = { readonly kind: 'merchant'; readonly merchantId: string } | { readonly kind: 'local' };

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;

/** A name or an [IPv6] literal, with an optional port (group 1). */
const HOST_NAME = /^(?:[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?|\[[0-9a-f:.]+\])(?::([0-9]{1,5}))?$/i;

/**
 * The Host header values the admin endpoints and the dashboard accept, lower-case, each with the served port:
 * the bound address (every interface's address when bound to 0.0.0.0 or ::), `localhost`, `127.0.0.1` and
 * `[::1]`, and each of `allowedHosts` (a name, or name:port for a proxy on another port). On port 80 the forms
 * without a port are accepted too (a browser omits it). Anything else (a DNS-rebinding name such as
 * `evil.example`, which a page would need to reach a local simulator through the browser) is refused with 421.
 */
export function acceptedHosts(address: AddressInfo, allowedHosts: readonly string[] = []): ReadonlySet<string> {
  const port = address.port;
  const literal = (ip: string): string => (ip.includes(':') ? `[${ip}]` : ip);
  const unspecified = address.address === '0.0.0.0' || address.address === '::';
  const addresses = unspecified
    ? Object.values(os.networkInterfaces())
        .flatMap((list) => list ?? [])
        .map((i) => i.address)
        .filter((ip) => !ip.includes('%'))
    : [address.address];
  const names = new Set<string>();
  const add = (host: string): void => {
    names.add(host.toLowerCase());
    if (port === 80 && host.endsWith(':80')) names.add(host.slice(0, -3).toLowerCase());
  };
  for (const host of [...addresses.map(literal), 'localhost', '127.0.0.1', '[::1]']) add(`${host}:${port}`);
  for (const host of allowedHosts) {
    const parsed = HOST_NAME.exec(host);
    if (!parsed)
      throw new SimulatorOptionError(
        `allowedHosts: ${JSON.stringify(host.slice(0, 80))}` +
          ` is not a host name, an [IPv6] literal or either with :port`,
      );
    add(parsed[1] === undefined ? `${host}:${port}` : host);
  }
  return names;
}

/** Whether the request's Host header is one of `accepted` (see acceptedHosts). A missing Host is refused. */
export function hostAccepted(request: http.IncomingMessage, accepted: ReadonlySet<string>): boolean {
  const host = request.headers.host;
  return typeof host === 'string' && accepted.has(host.trim().toLowerCase());
}

/** The identity of an admin request, or undefined when it must be refused (401). */
export function adminIdentity(
  request: http.IncomingMessage,
  merchants: ReadonlyMap<string, SimulatorMerchant>,
  localAdmin: boolean,
): AdminIdentity | undefined {
  const header = request.headers.authorization ?? '';
  const basic = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header);
  if (basic) {
    const decoded = Buffer.from(basic[1]!, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    const merchant = colon > 0 ? merchants.get(decoded.slice(0, colon)) : undefined;
    // Compared in constant time, as hex of the same length.
    const given = Buffer.from(decoded.slice(colon + 1), 'utf8').toString('hex');
    if (merchant && sealsMatch(Buffer.from(merchant.secretKey, 'utf8').toString('hex'), given))
      return { kind: 'merchant', merchantId: merchant.merchantId };
    return undefined;
  }
  if (localAdmin && LOOPBACK.test(request.socket.remoteAddress ?? '')) return { kind: 'local' };
  return undefined;
}

/**
 * A form post from another site (Origin or Referer naming another origin) is refused, so a page the
 * browser visits cannot drive a local simulator's admin actions.
 */
export function sameOrigin(request: http.IncomingMessage, simulatorOrigin: string): boolean {
  const origin = request.headers.origin ?? (request.headers.referer ? safeOrigin(request.headers.referer) : undefined);
  // No Origin nor Referer: not a browser form post (curl, a test suite). An opaque origin ("null") is refused.
  if (origin === undefined) return true;
  return origin === simulatorOrigin || origin === hostOrigin(request);
}

function safeOrigin(url: string): string | undefined {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

function hostOrigin(request: http.IncomingMessage): string | undefined {
  return request.headers.host ? `http://${request.headers.host}` : undefined;
}
