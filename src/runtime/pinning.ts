// Certificate pinning (issue 19, item 3): the SHA-256 of the gateway's public key (SubjectPublicKeyInfo), written
// as HPKP and curl's --pinnedpubkey write it (`sha256//<base64>`), checked on every TLS connection before anything
// is written to it, whatever agent (keep-alive, proxy, your own) made the connection.
import { nodeCrypto as crypto } from './node-crypto';
import type { TLSSocket } from 'node:tls';
import { TransportError } from './errors';

/** A pin: `sha256//` then the base64 of the SHA-256 of the DER SubjectPublicKeyInfo (44 characters). */
const PIN = /^sha256\/\/[A-Za-z0-9+/]{43}=$/;

/** What is wrong with an `http.pin` value, or undefined when it is a pin or a non-empty list of pins. */
export function pinProblem(value: unknown): string | undefined {
  const pins = typeof value === 'string' ? [value] : value;
  if (!Array.isArray(pins) || pins.length === 0)
    return "must be a pin or a non-empty list of pins ('sha256//' + base64 of the SHA-256 of the server's public key)";
  const bad = pins.findIndex((pin) => typeof pin !== 'string' || !PIN.test(pin));
  return bad < 0 ? undefined : `entry ${bad} is not 'sha256//' followed by the 44-character base64 of a SHA-256 digest`;
}

/** The configured pins as a set (empty: no pinning). */
export function pinSet(value: string | readonly string[] | undefined): ReadonlySet<string> {
  return new Set(value === undefined ? [] : typeof value === 'string' ? [value] : value);
}

/** The pin of a DER certificate's public key: `sha256//` + base64(SHA-256(SPKI DER)). */
export function publicKeyPin(certificateDer: Buffer): string {
  const spki = new (crypto().X509Certificate)(certificateDer).publicKey.export({ type: 'spki', format: 'der' });
  return `sha256//${crypto().createHash('sha256').update(spki).digest('base64')}`;
}

/** The TLS peer certificate could not be matched with `http.pin`: nothing was sent on that connection. */
export class CertificatePinError extends TransportError {
  override readonly name: string = 'CertificatePinError';
  /**
   * Nothing was sent, yet not retryable: a certificate that does not match its pins will not match on the next attempt.
   */
  override readonly retryable: boolean = false;
  /** The host whose certificate did not match. */
  readonly host: string;

  constructor(operation: string, host: string, why: string) {
    super(`${operation}: ${why} for ${host}; the connection was closed and nothing was sent (http.pin)`, {
      operation,
      outcomeUnknown: false,
    });
    this.host = host;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), host: this.host };
  }
}

/** Each connection's peer key pin, computed once: a kept-alive connection is not hashed again. */
const peerPins = new WeakMap<object, string>();

/**
 * Why the connection's peer does not satisfy the pins, or undefined when it does. The key is hashed once per
 * connection but compared with the pins of every call: one agent shared by clients with other pins checks each.
 */
export function socketPinProblem(socket: TLSSocket, pins: ReadonlySet<string>): string | undefined {
  let pin = peerPins.get(socket);
  if (pin === undefined) {
    const certificate = socket.getPeerCertificate(false);
    if (!certificate || !certificate.raw) return 'the TLS connection shows no certificate';
    peerPins.set(socket, (pin = publicKeyPin(certificate.raw)));
  }
  return pins.has(pin) ? undefined : "the TLS certificate's public key matches no pinned key";
}
