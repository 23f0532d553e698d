// The simulator's limits (body size, header/body/request deadlines, connection cap, log caps): their defaults, and
// each one read from the options and checked. Free of the soap package, so the CLI's help can print the defaults.
import { DEFAULT_LOG_LIMITS } from './exchange-log';

/**
 * An option of startSimulator that cannot be used (a limit that is not a positive integer, a bad allowedHosts entry).
 */
export class SimulatorOptionError extends TypeError {
  override readonly name = 'SimulatorOptionError';
}

/** The limits SimulatorOptions may set (each a positive integer; see SimulatorOptions for what each bounds). */
export type SimulatorLimitOptions = { readonly [K in keyof typeof SIMULATOR_LIMITS]?: number };

/** The defaults of the limits in SimulatorOptions. */
export const SIMULATOR_LIMITS = {
  maxRequestBytes: 1024 * 1024,
  headersTimeoutMs: 10_000,
  bodyTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  maxConnections: 256,
  maxLogEntries: DEFAULT_LOG_LIMITS.genuine,
  maxUnauthenticatedLogEntries: DEFAULT_LOG_LIMITS.unauthenticated,
} as const;

/** Each limit, from the options or its default; a limit that is not a positive integer is refused, named. */
export function limitsOf(options: SimulatorLimitOptions): Record<keyof typeof SIMULATOR_LIMITS, number> {
  const limits = { ...SIMULATOR_LIMITS } as Record<keyof typeof SIMULATOR_LIMITS, number>;
  for (const name of Object.keys(SIMULATOR_LIMITS) as Array<keyof typeof SIMULATOR_LIMITS>) {
    const given = options[name];
    if (given === undefined) continue;
    if (!Number.isSafeInteger(given) || given <= 0)
      throw new SimulatorOptionError(`startSimulator: ${name} must be a positive integer, got ${String(given)}`);
    limits[name] = given;
  }
  if (options.requestTimeoutMs === undefined)
    limits.requestTimeoutMs = Math.max(limits.requestTimeoutMs, limits.headersTimeoutMs);
  if (limits.headersTimeoutMs > limits.requestTimeoutMs)
    throw new SimulatorOptionError(
      `startSimulator: headersTimeoutMs (${limits.headersTimeoutMs}) must not exceed requestTimeoutMs (` +
        `${limits.requestTimeoutMs})`,
    );
  return limits;
}
