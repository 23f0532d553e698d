// The `sogenactif` command line: a thin adapter over the library (seal, call, simulate).
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import * as fs from 'node:fs';
import { busyPortError, computeSeal, createClient, type ErrorKind, isLostReply, isSealAlgorithm, type OperationCategory, type OperationDescriptor, packageVersion, type SealAlgorithmName, sealString, type SealValue, type ServiceDescriptor, services, SogenactifError, verifySeal } from 'sogenactif-office/internal';
import { SIMULATOR_LIMITS, SimulatorOptionError } from '../simulator/limits';
import { ARGV_WARNING, MERCHANTS_ENV, simulatorMerchants } from './merchants';
import { addGatewayCommand } from './gateway';
import { addContractCommands } from './contract-commands';
import { CheckFailed, TransportFailed, UsageError, repeatable, transportAlias, wireOf, wireOption, type ProgramIo } from './shared';
import { didYouMean, editDistance } from './suggest';
import { registerJournalCommands } from './journal';

export type { ProgramIo } from './shared';

const defaultIo: ProgramIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
  readStdin: () => fs.readFileSync(0, 'utf8'),
};

/**
 * Exit codes, documented in `--help`: 0 ok; 1 the gateway refused, the seal does not verify, generated code
 * is stale (generate --check) or a breaking change was found (diff --fail-on breaking); 2 usage; 3 transport;
 * 4 the outcome of a write is unknown: a payment, cash operation or other write whose reply was lost, unreadable,
 * unsealed or failed a reply check may have been carried out (a payment's `resolution` says what
 * getTransactionData found).
 */
export const EXIT = { ok: 0, refused: 1, usage: 2, transport: 3, outcomeUnknown: 4 } as const;

/** The exit code of each kind of library error; a kind not listed is a refusal (1). */
const EXIT_BY_KIND: Partial<Record<ErrorKind, number>> = {
  'outcome-unknown': EXIT.outcomeUnknown,
  transport: EXIT.transport,
  'invalid-response': EXIT.transport,
  fault: EXIT.transport,
};

/**
 * Whether a failed call to an operation of `category` may have changed something at the gateway although the CLI
 * cannot say what: a write (anything but a read) whose request may have arrived and whose reply was lost, could not
 * be read, was unsealed, did not verify or failed a reply check. A read keeps its own code.
 */
export function writeOutcomeUnknown(error: SogenactifError, category: OperationCategory | undefined): boolean {
  return category !== undefined && category !== 'read' && (error.kind === 'outcome-unknown' || isLostReply(error, 1));
}

/**
 * The exit code for a library error: by its kind; a request refused locally (no gateway code) is a usage error; a
 * write whose outcome is unknown (see writeOutcomeUnknown) is 4 whatever the kind, never 1 "refused".
 */
export function exitCodeOf(error: SogenactifError, category?: OperationCategory): number {
  if (writeOutcomeUnknown(error, category)) return EXIT.outcomeUnknown;
  if (error.kind === 'invalid-request' && error.fault === 'client' && !error.code) return EXIT.usage;
  return EXIT_BY_KIND[error.kind] ?? EXIT.refused;
}

/** A library error raised by `call`, with the operation it was raised for (what its exit code depends on). */
class CallFailed extends Error {
  constructor(
    readonly error: SogenactifError,
    readonly operation: OperationDescriptor,
    readonly transactionReference: string | undefined,
  ) {
    super(error.message);
  }

  /** The JSON printed on stderr: the error's own view, and for a write of unknown outcome, what to do. */
  report(): Record<string, unknown> {
    const out: Record<string, unknown> = { error: this.error.name, ...this.error.toJSON() };
    if (!writeOutcomeUnknown(this.error, this.operation.category) || this.error.kind === 'outcome-unknown') return out;
    const target = `${this.operation.service}.${this.operation.name}`;
    const lookUp = this.transactionReference ? `sogenactif call diagnostic.getTransactionData with {"transactionReference": ${JSON.stringify(this.transactionReference)}}` : 'a lookup (diagnostic.getTransactionData, or the read matching this write)';
    return {
      ...out,
      outcome: 'unknown',
      advice: `${target} may have been carried out: its reply cannot be trusted, so the outcome is unknown (not refused). Look it up with ${lookUp} before sending it again.`,
    };
  }
}

function readJson(source: string, io: ProgramIo): Record<string, unknown> {
  let text: string;
  try {
    text = source === '-' ? io.readStdin() : fs.readFileSync(source, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${source}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    // JSON.parse quotes the text around the error: it may be a card number or a CSC, so only the position is shown.
    const position = /position (\d+)/.exec((error as Error).message)?.[1];
    throw new UsageError(`${source} is not valid JSON${position ? ` (at character ${position})` : ''}`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new UsageError(`${source} must hold a JSON object`);
  return value as Record<string, unknown>;
}

function algorithmOption(value: string): SealAlgorithmName {
  if (!isSealAlgorithm(value)) throw new InvalidArgumentError('expected HMAC-SHA-256, HMAC-SHA-512 or SHA-256');
  return value;
}

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n <= 0) throw new InvalidArgumentError('expected a positive integer');
  return n;
}

/**
 * Runs `start` (which builds a client or checks an environment URL); the library's refusal of plain http to another
 * machine names its option `allowInsecureHttp`, which becomes the CLI's `--allow-insecure-http`.
 */
async function insecureHttpHint<T>(start: () => T | Promise<T>): Promise<T> {
  try {
    return await start();
  } catch (error) {
    // A TypeError from the URL check, or the client's configuration error wrapping it.
    const message = (error as Error | undefined)?.message ?? '';
    if (/unless allowInsecureHttp is set/.test(message)) throw new UsageError(message.slice(Math.max(0, message.indexOf('environment URL'))).replace(/unless allowInsecureHttp is set/, 'unless --allow-insecure-http is given'));
    throw error;
  }
}

/** The operation `SERVICE.OPERATION` names; an unknown one is a usage error offering the closest names. */
export function findOperation(target: string): OperationDescriptor {
  const all = services as Readonly<Record<string, ServiceDescriptor>>;
  const [serviceName, operationName] = target.split('.');
  const operation = all[serviceName ?? '']?.operations[operationName ?? ''];
  if (!operation) {
    const known = Object.values(all).flatMap((s) => Object.keys(s.operations).map((o) => `${s.name}.${o}`));
    // Without a service ("cardOrder"), or with a wrong one, the operation's own name is compared too.
    const byOperation = target.includes('.') && all[serviceName ?? ''] ? [] : known.filter((name) => editDistance(name.split('.')[1]!, operationName ?? serviceName ?? '') <= 2);
    const suggestion = didYouMean(target, known) || (byOperation.length > 0 ? didYouMean(byOperation[0]!, byOperation) : '');
    throw new UsageError(`unknown operation "${target.slice(0, 100)}"${suggestion}${suggestion ? '' : ': give SERVICE.OPERATION'} (\`sogenactif describe\` lists the ${known.length} operations of ${Object.keys(all).join(', ')})`);
  }
  return operation;
}

export function createProgram(io: ProgramIo = defaultIo): Command {
  const program = new Command('sogenactif')
    .description('Sogenactif Office Server toolkit: seal, call and simulate the SOAP web services.')
    .addHelpText('after', '\nExit codes: 0 success; 1 refused by the gateway, seal mismatch of a read or of `seal --verify`, stale generated\ncode (generate --check) or a breaking change (diff --fail-on breaking); 2 usage error; 3 transport error (a\nread, or a write never sent); 4 outcome unknown: a write (payment, cash operation, wallet, mandate, fraud list,\ninitialisation) whose reply was lost, unreadable, unsealed or failed a check may have been carried out: look it\nup before sending it again (for a payment the JSON error\'s "resolution" says what the lookup found).')
    .version(packageVersion(__dirname), '-V, --version', 'print the package version')
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .exitOverride();

  program
    .command('seal')
    .description('Print the seal of the request fields in a JSON file, or check a response seal with --verify')
    .requiredOption('--data <file>', "JSON file with the fields ('-' for standard input)")
    .option('--key <key>', 'secret key (default: $SOGENACTIF_SECRET_KEY; prefer it: other users of this machine can read the arguments of a process)')
    .option('--algorithm <name>', 'HMAC-SHA-256 (default), HMAC-SHA-512 or SHA-256', algorithmOption)
    .option('--verify', "check the data's own seal field instead of printing a seal")
    .option('--explain', 'also print the string that is hashed (contains the field values)')
    .action((options: { data: string; key?: string; algorithm?: SealAlgorithmName; verify?: boolean; explain?: boolean }) => {
      if (options.key !== undefined) io.stderr(`${ARGV_WARNING('--key', 'set SOGENACTIF_SECRET_KEY instead')}\n`);
      const key = options.key ?? io.env.SOGENACTIF_SECRET_KEY;
      if (!key) throw new UsageError('no secret key: pass --key or set SOGENACTIF_SECRET_KEY');
      const fields = readJson(options.data, io) as { [key: string]: SealValue };
      if (options.explain) io.stderr(`seal string: ${sealString(fields)}\n`);
      if (options.verify) {
        // A reply never picks the algorithm it is verified with: --algorithm (default HMAC-SHA-256) does.
        const algorithm = options.algorithm ?? 'HMAC-SHA-256';
        const declared = fields.sealAlgorithm;
        const mismatch = declared !== undefined && declared !== null && declared !== algorithm;
        const ok = !mismatch && verifySeal(fields, key, algorithm);
        io.stdout(`${JSON.stringify({ valid: ok, algorithm, ...(mismatch ? { reason: `the data declares sealAlgorithm ${JSON.stringify(String(declared).slice(0, 20))}; pass --algorithm to verify with another algorithm` } : {}) })}\n`);
        if (!ok) throw new CommanderError(EXIT.refused, 'sogenactif.sealMismatch', '');
        return;
      }
      const algorithm = options.algorithm ?? (isSealAlgorithm(fields.sealAlgorithm) ? fields.sealAlgorithm : 'HMAC-SHA-256');
      io.stdout(`${computeSeal(fields, key, algorithm)}\n`);
    });

  program
    .command('call')
    .description('Send a sealed call, e.g. `sogenactif call mandate.searchMandate --data req.json`; prints the response as JSON')
    .argument('<service.operation>', 'operation to call')
    .requiredOption('--data <file>', "JSON request fields ('-' for standard input)")
    .option('--env <env>', 'PROD, TEST or a base URL (default: $SOGENACTIF_ENV or TEST)')
    .option('--timeout-ms <n>', 'deadline for the call', positiveInt)
    .option('--algorithm <name>', 'seal algorithm', algorithmOption)
    .option('--allow-unsigned', 'accept replies without a seal')
    .option('--allow-insecure-http', 'allow a plain http:// --env URL to a host that is not this machine (a documented risk: nothing protects the exchange)')
    .addOption(wireOption("'soap' (POST /services/v2/<service>, the default) or 'json' (POST /rs-services/v2/<service>/<operation>)"))
    .addOption(transportAlias())
    .addHelpText('after', '\nCredentials: SOGENACTIF_MERCHANT_ID, SOGENACTIF_SECRET_KEY, SOGENACTIF_KEY_VERSION.\nErrors are printed on stderr as JSON naming the error class. Exit 4: a write (payment, cancel, validate, refund,\nduplicate, credit, challenge, wallet, mandate, fraud list, initialisation) whose reply was lost or cannot be trusted:\nit may have been carried out ("outcome": "unknown", "advice" says how to look it up; a payment\'s "resolution" says\nwhat getTransactionData found). Never send it again blindly.')
    .action(async (target: string, options: { data: string; env?: string; timeoutMs?: number; algorithm?: SealAlgorithmName; allowUnsigned?: boolean; allowInsecureHttp?: boolean; wire?: string; transport?: string }) => {
      const wire = wireOf(options) ?? 'soap';
      const operation = findOperation(target);
      const request = readJson(options.data, io);
      const { SOGENACTIF_MERCHANT_ID: merchantId, SOGENACTIF_SECRET_KEY: secretKey, SOGENACTIF_KEY_VERSION: keyVersion } = io.env;
      const missing = Object.entries({ SOGENACTIF_MERCHANT_ID: merchantId, SOGENACTIF_SECRET_KEY: secretKey, SOGENACTIF_KEY_VERSION: keyVersion }).filter(([, value]) => !value).map(([name]) => name);
      if (missing.length > 0) throw new UsageError(`${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} not set: call reads the merchant id, the secret key and its version from SOGENACTIF_MERCHANT_ID, SOGENACTIF_SECRET_KEY and SOGENACTIF_KEY_VERSION`);
      if (!/^[1-9][0-9]{0,8}$/.test(keyVersion!)) throw new UsageError('SOGENACTIF_KEY_VERSION must be a positive whole number (the key version Sogenactif gave with the key)');
      const client = await insecureHttpHint(() => createClient({
        merchantId: merchantId!,
        secretKey: secretKey!,
        keyVersion: Number(keyVersion),
        environment: options.env ?? io.env.SOGENACTIF_ENV ?? 'TEST',
        ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
        ...(options.algorithm ? { sealAlgorithm: options.algorithm } : {}),
        ...(options.allowUnsigned ? { allowUnsignedResponses: true } : {}),
        wire,
        ...(options.allowInsecureHttp ? { allowInsecureHttp: true } : {}),
      }));
      try {
        const response = await client.invoke(operation, request);
        io.stdout(`${JSON.stringify(response, null, 2)}\n`);
      } catch (error) {
        if (!(error instanceof SogenactifError)) throw error;
        const reference = typeof request.transactionReference === 'string' ? request.transactionReference : undefined;
        throw new CallFailed(error, operation, reference);
      } finally {
        client.close();
      }
    });

  program
    .command('simulate')
    .description('Run the local Office Server simulator until interrupted')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--port <n>', 'port (0 picks a free one)', (v) => Number(v), 8080)
    .option('--merchant-file <file>', 'merchants the simulator accepts: one ID:KEY[:VERSION] per line (# comments), or a JSON array of {merchantId, secretKey, keyVersion}')
    // Parsed in the action, not by commander: commander's own error would repeat the value, a secret key.
    .addOption(repeatable('--merchant <id:key[:version]>', `merchant the simulator accepts (repeatable; the key is visible to other users in the process list: prefer --merchant-file or $${MERCHANTS_ENV})`, 'the demo merchant'))
    .option('--local-admin', 'let this machine use the dashboard and admin actions (batch, clock, reset) without credentials')
    .addOption(repeatable('--allow-host <name[:port]>', 'another name the dashboard and admin endpoints answer to in the Host header (repeatable)', 'the bound address, localhost, 127.0.0.1, [::1]'))
    .option('--headers-timeout-ms <n>', `time to receive a request's headers (default ${SIMULATOR_LIMITS.headersTimeoutMs})`, positiveInt)
    .option('--body-timeout-ms <n>', `time to receive a request's body once its headers are in (default ${SIMULATOR_LIMITS.bodyTimeoutMs})`, positiveInt)
    .option('--request-timeout-ms <n>', `time to receive a whole request (default ${SIMULATOR_LIMITS.requestTimeoutMs})`, positiveInt)
    .option('--max-connections <n>', `open connections at once; more are closed at once (default ${SIMULATOR_LIMITS.maxConnections})`, positiveInt)
    .addHelpText('after', `\nMerchants: --merchant-file or --merchant (warned: argv is readable by other users), else\n$${MERCHANTS_ENV} (the file's formats), else the public demo merchant. Keys are never printed.`)
    .action(async (options: { host: string; port: number; merchant: string[]; merchantFile?: string; localAdmin?: boolean; allowHost: string[]; headersTimeoutMs?: number; bodyTimeoutMs?: number; requestTimeoutMs?: number; maxConnections?: number }) => {
      const { startSimulator, DEFAULT_MERCHANT } = await import('../simulator/server');
      const merchants = simulatorMerchants(options, io) ?? [DEFAULT_MERCHANT];
      const limits = { headersTimeoutMs: options.headersTimeoutMs, bodyTimeoutMs: options.bodyTimeoutMs, requestTimeoutMs: options.requestTimeoutMs, maxConnections: options.maxConnections };
      let simulator;
      try {
        simulator = await startSimulator({
          host: options.host,
          port: options.port,
          merchants,
          localAdmin: options.localAdmin === true,
          allowedHosts: options.allowHost,
          ...Object.fromEntries(Object.entries(limits).filter(([, value]) => value !== undefined)),
        });
      } catch (error) {
        if (error instanceof SimulatorOptionError) throw new UsageError(error.message);
        if (error instanceof TypeError) throw new UsageError(error.message);
        const busy = busyPortError(error, options.port);
        if (busy) throw new UsageError(busy.message);
        throw error;
      }
      io.stdout(`Sogenactif Office simulator listening on ${simulator.url} (merchants: ${merchants.map((m) => m.merchantId).join(', ')})\n`);
      io.stdout(`Dashboard: ${simulator.url}/ (${options.localAdmin ? 'open to this machine' : 'HTTP Basic merchantId:secretKey'})\n`);
      await new Promise<void>((resolve) => {
        process.once('SIGINT', resolve);
        process.once('SIGTERM', resolve);
      });
      await simulator.close();
    });

  program
    .command('fetch-wsdl')
    .description("Download each service's ?wsdl and every XSD it imports, rewriting imports to the local files")
    .requiredOption('--env <env>', 'PROD, TEST or a base URL')
    .requiredOption('--out <dir>', 'folder to write the files to')
    .addOption(repeatable('--service <name>', 'service to fetch (repeatable)', 'all nine'))
    .option('--timeout-ms <n>', 'deadline per download', positiveInt)
    .addOption(repeatable('--allow-host <host>', 'another host (name or name:port) imports and redirects may lead to (repeatable)', "only the environment's origin"))
    .option('--max-bytes <n>', 'largest document, as received and once decoded (default 8 MiB)', positiveInt)
    .option('--max-documents <n>', 'most documents one fetch saves, WSDLs and imports (default 100)', positiveInt)
    .option('--max-total-bytes <n>', 'most bytes all the documents add up to, decoded (default 32 MiB)', positiveInt)
    .option('--allow-insecure-http', 'allow a plain http:// --env URL to a host that is not this machine (a documented risk)')
    .addHelpText('after', '\nNothing is written unless every document was fetched: a failure leaves --out as it was (exit 3 for a network\nfailure or an HTTP error, 2 for a refused import or redirect).')
    .action(async (options: { env: string; out: string; service: string[]; timeoutMs?: number; allowHost: string[]; maxBytes?: number; maxDocuments?: number; maxTotalBytes?: number; allowInsecureHttp?: boolean }) => {
      const { fetchWsdls, FetchWsdlNetworkError } = await import('../contract/fetch');
      const known = Object.keys(services);
      const unknown = options.service.filter((s) => !known.includes(s));
      if (unknown.length > 0) throw new UsageError(`unknown service ${unknown.join(", ")}${unknown.map((name) => didYouMean(name, known)).join("")}; known: ${known.join(", ")}`);
      let fetched;
      try {
        fetched = await insecureHttpHint(() =>
          fetchWsdls({
            environment: options.env,
            outDir: options.out,
            services: options.service.length > 0 ? options.service : known,
            ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
            ...(options.maxBytes ? { maxBytes: options.maxBytes } : {}),
            ...(options.maxDocuments ? { maxDocuments: options.maxDocuments } : {}),
            ...(options.maxTotalBytes ? { maxTotalBytes: options.maxTotalBytes } : {}),
            ...(options.allowInsecureHttp ? { allowInsecureHttp: true } : {}),
            allowHosts: options.allowHost,
          }),
        );
      } catch (error) {
        // A network failure (refused, unknown host, reset, timed out, an HTTP error) is a transport error: exit 3.
        if (error instanceof FetchWsdlNetworkError) throw new TransportFailed(error.message);
        throw error;
      }
      for (const file of fetched) io.stdout(`${file.url} -> ${options.out}/${file.file}\n`);
    });

  addContractCommands(program, io);
  addGatewayCommand(program, io.stderr);
  registerJournalCommands(program, io);
  return program;
}

/** Runs the program and maps failures to exit codes and JSON errors on stderr. */
export async function run(argv: readonly string[], io: ProgramIo = defaultIo): Promise<number> {
  const program = createProgram(io);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return EXIT.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return EXIT.ok;
      if (error.code === 'sogenactif.exit') {
        // A command's own ending (journal commands): its message, when any, says why.
        if (error.message) io.stderr(`${JSON.stringify({ error: error.exitCode === EXIT.usage ? 'UsageError' : 'Error', message: error.message })}\n`);
        return error.exitCode;
      }
      return error.code === 'sogenactif.sealMismatch' ? EXIT.refused : EXIT.usage;
    }
    if (error instanceof CheckFailed) return EXIT.refused;
    if (error instanceof UsageError) {
      io.stderr(`${JSON.stringify({ error: 'UsageError', message: error.message })}\n`);
      return EXIT.usage;
    }
    if (error instanceof TransportFailed) {
      io.stderr(`${JSON.stringify({ error: 'TransportError', message: error.message })}\n`);
      return EXIT.transport;
    }
    if (error instanceof CallFailed) {
      io.stderr(`${JSON.stringify(error.report())}\n`);
      return exitCodeOf(error.error, error.operation.category);
    }
    if (error instanceof SogenactifError) {
      io.stderr(`${JSON.stringify({ error: error.name, ...error.toJSON() })}\n`);
      return exitCodeOf(error);
    }
    const message = (error as Error).message;
    io.stderr(`${JSON.stringify({ error: (error as Error).name ?? 'Error', message })}\n`);
    // Network failures of fetch-wsdl are transport errors; anything else is a usage problem.
    return /fetch failed|HTTP \d{3}|ECONN|timed? ?out|aborted/i.test(message) ? EXIT.transport : EXIT.usage;
  }
}
