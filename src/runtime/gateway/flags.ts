// The gateway command's flags, declared once: the table `sogenactif-gateway` (bin.ts, node:util's parseArgs) and
// `sogenactif gateway` (the tools CLI, commander) both build their parser and their help from, and the values they
// give command.ts.

/** One flag of the gateway command. */
export interface GatewayFlag {
  /** The flag without its dashes, e.g. `allow-host`. */
  readonly name: string;
  /** The value's placeholder as help shows it (`<file>`); absent for a flag that takes no value. */
  readonly value?: string;
  readonly help: string;
  /** Given without it, the command fails naming it. */
  readonly required?: boolean;
  /** May be given several times; its values are collected in order. */
  readonly repeatable?: boolean;
  /** The value used when the flag is absent (help shows it). */
  readonly default?: string;
}

/** The gateway command's flags, in the order help lists them. */
export const GATEWAY_FLAGS: readonly GatewayFlag[] = [
  {
    name: 'upstream',
    value: '<PROD|TEST|URL>',
    help: 'the Sogenactif environment, or a base URL (the simulator)',
    required: true,
  },
  {
    name: 'keys',
    value: '<file>',
    help: 'keys file: { "merchants": [ { "merchantId", "keys": [ { "version", "secret" | "secretEnv" } ] } ] }',
    required: true,
  },
  {
    name: 'host',
    value: '<host>',
    help: 'address to listen on (not loopback: needs --tokens)',
    default: '127.0.0.1',
  },
  { name: 'port', value: '<n>', help: 'port (0 picks a free one)', default: '8080' },
  { name: 'socket', value: '<path>', help: 'listen on a unix socket instead' },
  {
    name: 'tokens',
    value: '<file>',
    help: 'caller tokens: { "tokens": [ { "name", "tokenEnv" | "sha256", "merchants": [...] } ] }',
  },
  {
    name: 'allow-host',
    value: '<name>',
    help: 'Host header name callers use besides localhost (repeatable)',
    repeatable: true,
  },
  { name: 'max-body-bytes', value: '<n>', help: 'largest request body (default 1 MiB)' },
  { name: 'timeout-ms', value: '<n>', help: 'deadline of one call to Sogenactif, lookups included (default 30000)' },
  {
    name: 'allow-insecure-http',
    help: 'allow a plain http:// --upstream URL to a host that is not this machine (a documented risk)',
  },
  {
    name: 'journal',
    value: '<path>',
    help:
      'payment journal file: every payment journaled before it is sent, open entries recovered at start and ' +
      'every minute',
  },
  {
    name: 'postgres',
    value: '<url>',
    help:
      "shared PostgreSQL journal for several instances, which recover each other's open entries (needs pg " +
      'installed beside the gateway)',
  },
];

/** The command's values as parsed, each flag under its camel-case name (strings; repeatable ones as lists). */
export interface GatewayCommandValues {
  readonly upstream?: string;
  readonly keys?: string;
  readonly host?: string;
  readonly port?: string;
  readonly socket?: string;
  readonly tokens?: string;
  readonly allowHost?: readonly string[];
  readonly maxBodyBytes?: string;
  readonly timeoutMs?: string;
  /** Allow a plain http:// upstream to a host that is not this machine (a documented risk). */
  readonly allowInsecureHttp?: boolean;
  readonly journal?: string;
  readonly postgres?: string;
}

/** The key of a flag's value in GatewayCommandValues (`allow-host` → `allowHost`, as commander names it). */
export const flagKey = (flag: GatewayFlag): keyof GatewayCommandValues =>
  flag.name.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase()) as keyof GatewayCommandValues;

/** The flags as node:util parseArgs options (the bin's own --help and --version beside them). */
export function parseArgsOptions(): Record<
  string,
  { type: 'string' | 'boolean'; multiple?: boolean; default?: string; short?: string }
> {
  const options: ReturnType<typeof parseArgsOptions> = {};
  for (const flag of GATEWAY_FLAGS) {
    options[flag.name] = {
      type: flag.value ? 'string' : 'boolean',
      ...(flag.repeatable ? { multiple: true } : {}),
      ...(flag.default !== undefined ? { default: flag.default } : {}),
    };
  }
  options.help = { type: 'boolean' };
  options.version = { type: 'boolean', short: 'V' };
  return options;
}

/** Parsed values keyed by flag name (`allow-host`) as GatewayCommandValues (`allowHost`). */
export function commandValues(parsed: Readonly<Record<string, unknown>>): GatewayCommandValues {
  const values: Record<string, unknown> = {};
  for (const flag of GATEWAY_FLAGS) if (parsed[flag.name] !== undefined) values[flagKey(flag)] = parsed[flag.name];
  return values as GatewayCommandValues;
}

/**
 * The flags' lines of a usage text, aligned: each flag with its placeholder, its help and its default, then `extra`
 * rows (a command's own flags, as [flag, help]).
 */
export function flagLines(extra: readonly (readonly [string, string])[] = []): string {
  const rows: (readonly [string, string])[] = GATEWAY_FLAGS.map((flag) => [
    `--${flag.name}${flag.value ? ` ${flag.value}` : ''}`,
    flag.help +
      (flag.default !== undefined ? ` (default: ${flag.default})` : '') +
      (flag.required ? ' (required)' : ''),
  ]);
  rows.push(...extra);
  const width = Math.max(...rows.map(([head]) => head.length)) + 2;
  return rows.map(([head, help]) => `  ${head.padEnd(width)}${help}\n`).join('');
}
