// Who may use the simulator's admin pages and actions (dashboard, batch, clock, reset, log): a merchant
// with its own credentials (HTTP Basic, merchantId:secretKey; it then sees and acts on its own data),
// or anyone on the loopback interface when the simulator was started with `localAdmin`.
import type * as http from 'node:http';
import { sealsMatch } from '../seal';
import type { SimulatorMerchant } from './dispatch';

/** Who is asking: one merchant (by its credentials) or the local operator (every merchant). */
export type AdminIdentity = { readonly kind: 'merchant'; readonly merchantId: string } | { readonly kind: 'local' };

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;

/** The identity of an admin request, or undefined when it must be refused (401). */
export function adminIdentity(request: http.IncomingMessage, merchants: ReadonlyMap<string, SimulatorMerchant>, localAdmin: boolean): AdminIdentity | undefined {
  const header = request.headers.authorization ?? '';
  const basic = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header);
  if (basic) {
    const decoded = Buffer.from(basic[1]!, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    const merchant = colon > 0 ? merchants.get(decoded.slice(0, colon)) : undefined;
    // Compared in constant time, as hex of the same length.
    const given = Buffer.from(decoded.slice(colon + 1), 'utf8').toString('hex');
    if (merchant && sealsMatch(Buffer.from(merchant.secretKey, 'utf8').toString('hex'), given)) return { kind: 'merchant', merchantId: merchant.merchantId };
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
