// The client's configuration: its documented shape, the checks run once in createClient, and the settings
// (defaults applied) that every later step reads. The secret key stays in Settings, never on the client object.
import { serviceUrl, type Environment } from '../endpoints';
import { describeIssues, InvalidRequestError, type FieldIssue } from '../errors';
import { checkMerchants, createKeyring, type MerchantKeys } from '../keyring';
import { DEFAULT_SEAL_ALGORITHM, isSealAlgorithm, type SealAlgorithmName } from '../seal';
import { pinProblem } from '../pinning';
import { createHttpTransport, type HttpTransportOptions, type Transport } from '../transport';
import { isWire, type Wire } from '../wire/protocol';
import type { ExchangeEvent } from './log';
import type { ServiceClients } from '../../../generated';
import { serviceClientFactories } from '../../../generated/manifest';
import { didYouMean } from '../did-you-mean';
import { MERCHANT_ID_FORMAT } from '../platform-rules';

/**
 * The services of the contract (`checkout`, `cashManagement`, ...): the keys of `interfaceVersions` and `serviceWires`.
 */
export type ServiceName = keyof ServiceClients;
/** Every service name, for the run-time check of configuration keys. */
export const SERVICE_NAMES: readonly ServiceName[] = Object.keys(serviceClientFactories) as ServiceName[];
import type { RetryPolicy } from './retry';
import { isPaymentJournal, type PaymentJournal } from '../journal/entry';

export interface ClientConfig {
  /** Shop identifier (15 digits) given by Sogenactif. With `merchants` instead, leave it out. */
  readonly merchantId?: string;
  /**
   * Secret key of the shop, used to seal requests and verify responses. Never logged. With `merchants`, leave it out.
   */
  readonly secretKey?: string;
  /** Version of `secretKey`. With `merchants`, leave it out. */
  readonly keyVersion?: number;
  /**
   * The keyring, instead of merchantId/secretKey/keyVersion: several merchants, several key versions each
   * (`[{ merchantId, keys: [{ version, secret }] }]`, or `loadKeysFile(path)`). Requests are sealed with the
   * merchant's highest version, replies verified with the version they were sealed with, among those configured.
   * The request's `merchantId` or `CallOptions.merchantId` picks the merchant; with one merchant both may be omitted.
   */
  readonly merchants?: readonly MerchantKeys[];
  /** 'PROD', 'TEST', or a base URL (e.g. the simulator's); /services/v2/<service> is appended. */
  readonly environment: Environment;
  readonly sealAlgorithm?: SealAlgorithmName;
  /**
   * interfaceVersion per service (e.g. `{ checkout: 'IR_WS_2.60', mandate: 'MR_WS_2.58' }`), sent when a call does
   * not pass its own; without it, the operation's recommended version from the contract is sent. Use it to move
   * to a new interface version without regenerating, or for operations the dictionary does not know.
   */
  readonly interfaceVersions?: Readonly<Partial<Record<ServiceName, string>>>;
  /**
   * Deadline for a whole call: every attempt, the backoff between them and, for a payment whose reply is lost,
   * the getTransactionData lookup (a third of the time is kept for it). Default 30000; at most 2147483647.
   * A call can pass its own (`CallOptions.timeoutMs`) and an AbortSignal (`CallOptions.signal`).
   */
  readonly timeoutMs?: number;
  /** Accept responses without a seal. Off by default except on TEST, which is documented as often unsigned. */
  readonly allowUnsignedResponses?: boolean;
  /** Largest reply accepted, in bytes. Default 4 MiB. */
  readonly maxResponseBytes?: number;
  /**
   * The wire: 'soap' (the default: POST /services/v2/<service>) or 'json' (the Office JSON interface, POST
   * /rs-services/v2/<service>/<operation>): same types, validation, seal, errors, retries and lost-reply
   * resolution. An operation documented with a JSON endpoint only uses JSON whatever this says.
   */
  readonly wire?: Wire;
  /** The wire per service, over `wire` (e.g. `{ mandate: 'json' }`). */
  readonly serviceWires?: Readonly<Partial<Record<ServiceName, Wire>>>;
  /**
   * Replaces the HTTP transport (tests, or your own `{ post, close }`). For a proxy or a private CA, `http` is enough.
   *
   * Deprecated form: the string 'soap' or 'json' here still names the wire, as it did before `wire` existed (same
   * meaning, kept for existing configurations); write `wire` instead. Giving both `wire` and a string here is refused.
   */
  readonly transport?: Transport | Wire;
  /**
   * @deprecated The old name of `serviceWires` (same meaning); giving both is refused.
   */
  readonly serviceTransports?: Readonly<Partial<Record<ServiceName, Wire>>>;
  /**
   * @deprecated The old name of `transport` as a Transport object (same meaning); giving both is refused.
   */
  readonly httpTransport?: Transport;
  /**
   * Options of the built-in HTTP transport: `agent` (e.g. a proxy agent, or one with your own TLS settings) and
   * `ca` (extra trusted certificates, PEM). Ignored when `transport` replaces the transport.
   */
  readonly http?: HttpTransportOptions;
  /**
   * How far (ms) the date-time stamping a payment, cash or wallet reply (transactionDateTime, operationDateTime,
   * walletActionDateTime) may be from the exchange: older than the request or later than the reply by more is a
   * reply to another exchange, refused. Covers clock skew between you and the gateway. Default 300000 (5 minutes).
   */
  readonly replyMaxAgeMs?: number;
  /**
   * Post-write confirmation: after cancel, validate, refund, acceptChallenge and refuseChallenge, a getTransactionData
   * lookup must show the last operation, status and amount asked, or the call throws WriteNotConfirmedError (the
   * seal does not cover the operation: a proxy can swap refuseChallenge for acceptChallenge, cancel for validate).
   * One more exchange per write. Default false; a call's `confirm` option overrides it.
   */
  readonly confirmWrites?: boolean;
  /**
   * Bounded retries with exponential backoff and full jitter. Only for reads (get*, search*, ...) and for
   * replies that say nothing was done (90, 99) or a connection that was never made; a payment or cash
   * operation whose outcome is unknown is never resent. `false` disables retries.
   */
  readonly retry?: RetryPolicy | false;
  /** Receives every exchange, redacted (no card number, CSC, IBAN or key), with its timing. */
  readonly logger?: (event: ExchangeEvent) => void;
  /**
   * When a payment's reply is lost or unusable after sending, look the payment up with getTransactionData
   * and throw an OutcomeUnknownError carrying the resolution (default true). Never resends the payment.
   */
  readonly resolveUnknownOutcomes?: boolean;
  /**
   * Accept reply elements the contract does not declare for the operation (default false: such a reply is an
   * InvalidResponseError). Only for a gateway release newer than your contract: undeclared elements are sealed,
   * and they are what lets a man in the middle shift characters between fields (see README, Reliability and security).
   */
  readonly allowUndeclaredReplyElements?: boolean;
  /** Allow a plain http:// environment URL on a host other than loopback (default false). */
  readonly allowInsecureHttp?: boolean;
  /**
   * Give a payment without transactionReference a generated one (default true), so a lost reply can still be
   * looked up; the reference is returned in the response. See generateTransactionReference.
   */
  readonly generateTransactionReferences?: boolean;
  /**
   * The payment journal (`fileJournal(path)`, `postgresJournal(pool)` or your own PaymentJournal): every payment,
   * cash operation and write is recorded durably before it is sent, then its outcome; `client.recover()` settles what
   * a crash left open. A journal that cannot write stops the call before sending (JournalError).
   */
  readonly journal?: PaymentJournal;
}

export { isWire, type Wire } from '../wire/protocol';

/** Node timers take at most 2^31-1 ms; anything above silently became 1 ms. */
export const MAX_TIMEOUT_MS = 2_147_483_647;

/** A prefix naming the interface, then the version number: IR_WS_2.55, MR_WS_2.58, AUT_WS_2.55. */
const INTERFACE_VERSION = /^[A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)*_\d+(?:\.\d+)*$/;

/** What is wrong with a timeout value, or undefined when it is absent or fine. */
export function checkTimeout(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0)
    return 'must be a positive number of milliseconds';
  if (value > MAX_TIMEOUT_MS) return `must be at most ${MAX_TIMEOUT_MS} ms`;
  return undefined;
}

/** Every key of ClientConfig, for the run-time refusal of unknown ones (the compiler keeps the list complete). */
const CONFIG_KEYS = [
  'merchantId',
  'secretKey',
  'keyVersion',
  'merchants',
  'environment',
  'sealAlgorithm',
  'interfaceVersions',
  'timeoutMs',
  'allowUnsignedResponses',
  'maxResponseBytes',
  'wire',
  'serviceWires',
  'transport',
  'serviceTransports',
  'httpTransport',
  'http',
  'replyMaxAgeMs',
  'confirmWrites',
  'retry',
  'logger',
  'resolveUnknownOutcomes',
  'allowUndeclaredReplyElements',
  'allowInsecureHttp',
  'generateTransactionReferences',
  'journal',
] as const satisfies readonly (keyof ClientConfig)[];
// Fails to compile when ClientConfig gains a key this list lacks.
const everyKeyListed: Exclude<keyof ClientConfig, (typeof CONFIG_KEYS)[number]> extends never ? true : never = true;
void everyKeyListed;

/** A key of interfaceVersions or serviceWires that names no service: refused, with the nearest service name. */
function unknownService(setting: string, service: string): FieldIssue | undefined {
  if ((SERVICE_NAMES as readonly string[]).includes(service)) return undefined;
  const near = didYouMean(service, SERVICE_NAMES);
  return {
    field: `${setting}.${service}`,
    problem:
      `names no service${near ? `: did you mean ${near}?` : ''} (services: ${SERVICE_NAMES.join(', ')}` +
      `); the setting would be ignored`,
  };
}

const isTransport = (value: unknown): value is Transport =>
  typeof value === 'object' && value !== null && typeof (value as Transport).post === 'function';

/**
 * The wire and transport settings, old names beside new: `transport` a Transport object (or, deprecated, the wire's
 * name), `wire`, `httpTransport` (deprecated for `transport`), `serviceTransports` (deprecated for `serviceWires`).
 * An old name given with its new one is refused naming both, whatever their values: neither silently wins.
 */
function wireAndTransportIssues(config: ClientConfig): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (config.wire !== undefined && !isWire(config.wire))
    issues.push({ field: 'wire', problem: "must be 'soap' or 'json'" });
  if (config.transport !== undefined && !isWire(config.transport) && !isTransport(config.transport)) {
    issues.push({
      field: 'transport',
      problem: "must be a Transport object ({ post, close }); the wire is set by wire: 'soap' or 'json'",
    });
  }
  if (config.httpTransport !== undefined && !isTransport(config.httpTransport))
    issues.push({ field: 'httpTransport', problem: 'must be a Transport object ({ post, close })' });
  if (config.wire !== undefined && isWire(config.transport)) {
    issues.push({
      field: 'transport',
      problem: "is the deprecated name of wire when it is 'soap' or 'json', and wire is given too: give only wire",
    });
  }
  if (config.httpTransport !== undefined && isTransport(config.transport)) {
    issues.push({
      field: 'httpTransport',
      problem: 'is the deprecated name of transport, and transport is given too: give only transport',
    });
  }
  if (config.serviceTransports !== undefined && config.serviceWires !== undefined) {
    issues.push({
      field: 'serviceTransports',
      problem: 'is the deprecated name of serviceWires, and serviceWires is given too: give only serviceWires',
    });
  }
  return issues;
}

/** Every problem of a configuration, each naming its field; empty when it is usable. */
export function checkConfig(config: ClientConfig): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (config === null || typeof config !== 'object') return [{ field: 'config', problem: 'must be an object' }];
  for (const key of Object.keys(config)) {
    if ((CONFIG_KEYS as readonly string[]).includes(key)) continue;
    const near = didYouMean(key, CONFIG_KEYS);
    issues.push({
      field: key,
      problem: `is not a configuration setting${near ? `: did you mean ${near}?` : ''}; it would be ignored`,
    });
  }
  if (config.merchants !== undefined) {
    const single = (['merchantId', 'secretKey', 'keyVersion'] as const).filter((field) => config[field] !== undefined);
    for (const field of single)
      issues.push({ field, problem: 'must be left out when merchants (the keyring) is given' });
    issues.push(...checkMerchants(config.merchants));
  } else {
    if (typeof config.merchantId !== 'string' || !MERCHANT_ID_FORMAT.test(config.merchantId))
      issues.push({ field: 'merchantId', problem: 'must be the 15-digit shop identifier' });
    if (typeof config.secretKey !== 'string' || config.secretKey.length === 0)
      issues.push({ field: 'secretKey', problem: 'must be a non-empty string' });
    if (!Number.isSafeInteger(config.keyVersion) || (config.keyVersion as number) < 1)
      issues.push({ field: 'keyVersion', problem: 'must be a positive integer' });
  }
  if (config.sealAlgorithm !== undefined && !isSealAlgorithm(config.sealAlgorithm))
    issues.push({ field: 'sealAlgorithm', problem: 'must be HMAC-SHA-256, HMAC-SHA-512 or SHA-256' });
  if (
    config.replyMaxAgeMs !== undefined &&
    (typeof config.replyMaxAgeMs !== 'number' ||
      !Number.isSafeInteger(config.replyMaxAgeMs) ||
      config.replyMaxAgeMs < 1000)
  ) {
    issues.push({ field: 'replyMaxAgeMs', problem: 'must be a whole number of milliseconds, at least 1000' });
  }
  const timeoutProblem = checkTimeout(config.timeoutMs);
  if (timeoutProblem) issues.push({ field: 'timeoutMs', problem: timeoutProblem });
  issues.push(...wireAndTransportIssues(config));
  if (config.http !== undefined && (config.http === null || typeof config.http !== 'object'))
    issues.push({ field: 'http', problem: 'must be an object ({ agent?, ca?, pin? })' });
  else if (config.http?.pin !== undefined) {
    const problem = pinProblem(config.http.pin);
    if (problem) issues.push({ field: 'http.pin', problem });
    // Pins are checked by the built-in transport: a replacement would silently go without them.
    const replaced =
      config.httpTransport !== undefined ? 'httpTransport' : isTransport(config.transport) ? 'transport' : undefined;
    if (replaced)
      issues.push({
        field: 'http.pin',
        problem:
          `cannot be used with ${replaced}` +
          ` (your transport must check the certificate itself); use http.agent for a proxy`,
      });
  }
  for (const setting of ['serviceWires', 'serviceTransports'] as const) {
    const perService = config[setting];
    if (perService === undefined) continue;
    if (perService === null || typeof perService !== 'object')
      issues.push({ field: setting, problem: "must be an object of service name to 'soap' or 'json'" });
    else {
      for (const [service, wire] of Object.entries(perService)) {
        const unknown = unknownService(setting, service);
        if (unknown) issues.push(unknown);
        else if (!isWire(wire)) issues.push({ field: `${setting}.${service}`, problem: "must be 'soap' or 'json'" });
      }
    }
  }
  if (config.interfaceVersions !== undefined) {
    if (config.interfaceVersions === null || typeof config.interfaceVersions !== 'object')
      issues.push({ field: 'interfaceVersions', problem: 'must be an object of service name to interfaceVersion' });
    else {
      for (const [service, version] of Object.entries(config.interfaceVersions)) {
        const unknown = unknownService('interfaceVersions', service);
        if (unknown) issues.push(unknown);
        else if (typeof version !== 'string' || !INTERFACE_VERSION.test(version))
          issues.push({
            field: `interfaceVersions.${service}`,
            problem: 'must be an interface version such as IR_WS_2.60',
          });
      }
    }
  }
  if (config.journal !== undefined && !isPaymentJournal(config.journal))
    issues.push({
      field: 'journal',
      problem: 'must be a PaymentJournal (fileJournal(path), postgresJournal(pool) or an object with its methods)',
    });
  try {
    serviceUrl(config.environment, 'x', { allowInsecureHttp: config.allowInsecureHttp === true });
  } catch (error) {
    issues.push({ field: 'environment', problem: (error as Error).message });
  }
  return issues;
}

/**
 * The configuration with its defaults applied: what every step of a call reads. Internal: it holds the key.
 * One Settings per merchant of the keyring: its `config` carries that merchant's merchantId, current secretKey
 * and keyVersion, so every step reads them from there.
 */
export interface Settings {
  readonly config: ClientConfig & {
    readonly merchantId: string;
    readonly secretKey: string;
    readonly keyVersion: number;
  };
  /** The sealing key: the merchant's highest version. */
  readonly secretKey: string;
  /** Every configured version's key, by version: a reply is verified with the one it was sealed with. */
  readonly verificationKeys: ReadonlyMap<number, string>;
  /** The Settings of every merchant of the keyring, by merchantId (this one included), in configuration order. */
  readonly merchants: ReadonlyMap<string, Settings>;
  readonly sealAlgorithm: SealAlgorithmName;
  readonly timeoutMs: number;
  readonly maxResponseBytes: number;
  readonly allowUnsigned: boolean;
  readonly transport: Transport;
  readonly defaultWire: Wire;
  /** The wire per service (`serviceWires`, or its deprecated name `serviceTransports`). */
  readonly serviceWires: Readonly<Partial<Record<string, Wire>>>;
  readonly endpointOptions: { readonly allowInsecureHttp: boolean };
  readonly retry: RetryPolicy | false;
}

/** Checks the configuration (InvalidRequestError naming every bad field) and applies the defaults. */
export function resolveSettings(config: ClientConfig): Settings {
  const issues = checkConfig(config);
  if (issues.length > 0)
    throw new InvalidRequestError(`invalid client configuration: ${describeIssues(issues)}`, { fields: issues });
  const keyring = createKeyring(
    config.merchants ?? [
      { merchantId: config.merchantId!, keys: [{ version: config.keyVersion!, secret: config.secretKey! }] },
    ],
  );
  const merchants = new Map<string, Settings>();
  const shared = {
    sealAlgorithm: config.sealAlgorithm ?? DEFAULT_SEAL_ALGORITHM,
    timeoutMs: config.timeoutMs ?? 30_000,
    maxResponseBytes: config.maxResponseBytes ?? 4 * 1024 * 1024,
    allowUnsigned: config.allowUnsignedResponses ?? config.environment === 'TEST',
    transport:
      (isTransport(config.transport) ? config.transport : undefined) ??
      config.httpTransport ??
      createHttpTransport(config.http),
    defaultWire: config.wire ?? (isWire(config.transport) ? config.transport : 'soap'),
    serviceWires: config.serviceWires ?? config.serviceTransports ?? {},
    endpointOptions: { allowInsecureHttp: config.allowInsecureHttp === true },
    retry: config.retry ?? {},
    merchants,
  };
  for (const { merchantId, current, byVersion } of keyring.values()) {
    merchants.set(merchantId, {
      ...shared,
      config: { ...config, merchantId, secretKey: current.secret, keyVersion: current.version },
      secretKey: current.secret,
      verificationKeys: byVersion,
    });
  }
  return merchants.values().next().value!;
}
