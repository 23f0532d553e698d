// The gateway as a service process, for `sogenactif-gateway` (bin.ts, no dependency) and `sogenactif gateway` (the
// tools CLI): command-line values to GatewayOptions, then run until SIGTERM/SIGINT (finishing calls in flight),
// re-reading the keys file on SIGHUP. Messages name options and files, never a key or a token.
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { InvalidRequestError } from '../errors';
import { fileJournal, postgresJournal, type PaymentJournal, type SqlQueryable } from '../journal';
import { flagKey, flagLines, GATEWAY_FLAGS, type GatewayCommandValues } from './flags';
import { startGateway, type GatewayOptions, type RunningGateway } from './server';

export type { GatewayCommandValues } from './flags';

/** The command's usage text (the bin's --help): its flags from GATEWAY_FLAGS. */
export const GATEWAY_USAGE =
  `usage: sogenactif-gateway ${GATEWAY_FLAGS.filter((flag) => flag.required)
    .map((flag) => `--${flag.name} ${flag.value}`)
    .join(' ')} [options]
       sogenactif-gateway --version | --help

Serves the Sogenactif Office interface (SOAP /services/v2/<service>, WSDLs at ?wsdl; ` +
  `JSON /rs-services/v2/<service>/<operation>)
to callers without the key, and seals, sends and verifies every call with the keys of the --keys file
({ "merchants": [ { "merchantId": "...", "keys": [ { "version": 2, "secretEnv": "NAME" } ] } ] }).
Loopback callers only, unless --tokens ` +
  `({ "tokens": [ { "name", "tokenEnv" | "sha256", "merchants": [...] } ] }) or --socket.
--journal PATH (a file) or --postgres URL (shared by several instances; needs pg installed beside it) journals
every payment before it is sent, and the gateway recovers open entries at start.
GET /healthz, /readyz, /metrics. SIGHUP re-reads the keys file; SIGTERM finishes the calls in flight, then exits.

Options:
${flagLines([
  ['--version, -V', "the package's version"],
  ['--help', 'this text'],
])}`;

const integer = (value: string | undefined, option: string): number | undefined => {
  if (value === undefined) return undefined;
  if (!/^[0-9]{1,10}$/.test(value))
    throw new InvalidRequestError(`--${option} must be a whole number`, {
      fields: [{ field: option, problem: 'must be a whole number' }],
    });
  return Number(value);
};

/** GatewayOptions from the command's values (InvalidRequestError naming the option). */
export function gatewayOptions(values: GatewayCommandValues): GatewayOptions {
  const missing = GATEWAY_FLAGS.filter((flag) => flag.required && values[flagKey(flag)] === undefined).map(
    (flag) => flag.name,
  );
  if (missing.length > 0)
    throw new InvalidRequestError(`${missing.map((m) => `--${m}`).join(' and ')} required`, {
      fields: missing.map((field) => ({ field, problem: 'is required' })),
    });
  if (values.journal !== undefined && values.postgres !== undefined) {
    throw new InvalidRequestError('--journal and --postgres: name one journal', {
      fields: [{ field: 'postgres', problem: 'cannot be given with --journal' }],
    });
  }
  const journal =
    values.journal !== undefined
      ? fileJournal(values.journal)
      : values.postgres !== undefined
        ? sharedJournal(values.postgres)
        : undefined;
  const port = integer(values.port, 'port');
  const maxBodyBytes = integer(values.maxBodyBytes, 'max-body-bytes');
  const timeoutMs = integer(values.timeoutMs, 'timeout-ms');
  return {
    upstream: values.upstream!,
    keysFile: values.keys!,
    ...(values.host ? { host: values.host } : {}),
    port: port ?? 8080,
    ...(values.socket ? { socket: values.socket } : {}),
    ...(values.tokens ? { tokensFile: values.tokens } : {}),
    ...(values.allowHost && values.allowHost.length > 0 ? { allowedHosts: values.allowHost } : {}),
    ...(maxBodyBytes !== undefined ? { maxBodyBytes } : {}),
    ...(timeoutMs !== undefined || values.allowInsecureHttp
      ? {
          client: {
            ...(timeoutMs !== undefined ? { timeoutMs } : {}),
            ...(values.allowInsecureHttp ? { allowInsecureHttp: true } : {}),
          },
        }
      : {}),
    ...(journal ? { journal } : {}),
  };
}

/**
 * The PostgreSQL journal several gateway instances share. The runtime depends on no package: node-postgres is loaded
 * from the project the gateway runs in (`npm install pg` beside it), only when --postgres is given.
 */
function sharedJournal(url: string): PaymentJournal {
  const fromProject = createRequire(path.join(process.cwd(), 'package.json'));
  const name = 'pg';
  let pg: { Pool: new (config: { connectionString: string; max?: number }) => SqlQueryable & { end(): Promise<void> } };
  try {
    pg = fromProject(name) as typeof pg;
  } catch {
    throw new InvalidRequestError('--postgres needs node-postgres in the project the gateway runs in: npm install pg', {
      fields: [{ field: 'postgres', problem: 'needs the pg package (npm install pg)' }],
    });
  }
  const pool = new pg.Pool({ connectionString: url, max: 8 }) as SqlQueryable & { end(): Promise<void> };
  const journal = postgresJournal(pool);
  // The command owns this pool: closing the journal ends it too (postgresJournal never ends a caller's pool).
  return {
    ...journal,
    close: async () => {
      await journal.close();
      await pool.end();
    },
  };
}

/**
 * The error to show for a listen failure on a port already taken (EADDRINUSE): it names the port and suggests
 * `--port 0` (a free one is picked and printed); undefined for any other error.
 */
export function busyPortError(error: unknown, port: number | undefined): Error | undefined {
  if ((error as NodeJS.ErrnoException | undefined)?.code !== 'EADDRINUSE') return undefined;
  return new Error(
    `port ${port ?? 0}` +
      ` is already in use (EADDRINUSE): pass --port 0 to listen on a free port (the URL is printed), or another ` +
      `--port`,
  );
}

/**
 * Starts the gateway and serves until SIGTERM or SIGINT (calls in flight finished first); SIGHUP re-reads the keys
 * file (a bad file keeps the running keys). `note` receives one JSON line per lifecycle event.
 */
export async function serveGateway(
  options: GatewayOptions,
  note: (line: string) => void = (line) => void process.stderr.write(`${line}\n`),
): Promise<void> {
  let gateway: RunningGateway;
  try {
    gateway = await startGateway(options);
  } catch (error) {
    throw busyPortError(error, options.port) ?? error;
  }
  note(
    JSON.stringify({
      time: new Date().toISOString(),
      event: 'listening',
      url: gateway.url,
      ...(gateway.socketPath ? { socket: gateway.socketPath } : {}),
      upstream: /^https?:/.test(options.upstream) ? new URL(options.upstream).origin : options.upstream,
    }),
  );
  const reload = (): void => {
    try {
      gateway.reloadKeys();
      note(JSON.stringify({ time: new Date().toISOString(), event: 'keys reloaded' }));
    } catch (error) {
      note(
        JSON.stringify({ time: new Date().toISOString(), event: 'keys not reloaded', error: (error as Error).message }),
      );
    }
  };
  process.on('SIGHUP', reload);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  process.off('SIGHUP', reload);
  note(JSON.stringify({ time: new Date().toISOString(), event: 'shutting down' }));
  await gateway.close();
  // The journal's last lines synced and its lock released (a file), or the pool ended (--postgres): after the calls.
  await options.journal?.close();
  note(JSON.stringify({ time: new Date().toISOString(), event: 'stopped' }));
}
