// The `sogenactif` command line: a thin adapter over the library (seal, call, simulate).
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import * as fs from 'node:fs';
import { createClient, isLostReply } from '../client';
import type { OperationCategory, OperationDescriptor, ServiceDescriptor } from '../descriptor';
import { SogenactifError, type ErrorKind } from '../errors';
import { computeSeal, isSealAlgorithm, sealString, verifySeal, type SealAlgorithmName, type SealValue } from '../seal';
import { SIMULATOR_LIMITS, SimulatorOptionError } from '../simulator/limits';
import { ARGV_WARNING, MERCHANTS_ENV, simulatorMerchants } from './merchants';
import { UsageError } from './usage-error';
import { defaultWsdlDir } from '../contract/paths';
import { addGatewayCommand } from './gateway';
import { services } from '../../generated';
import { registerJournalCommands } from './journal';

export interface ProgramIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Reads standard input (for `--data -`). */
  readonly readStdin: () => string;
}

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

/** Fails the command with exit code 1 after its output was printed. */
class CheckFailed extends Error {}

const collect = (value: string, previous: string[]): string[] => [...previous, value];

/** A repeatable option collecting its values; `shown` is what help prints as its default (once). */
const repeatable = (flags: string, description: string, shown: string): Option => new Option(flags, description).argParser(collect).default([], shown);

/** The package's version, from its package.json (two folders up in the sources and in dist/). */
function packageVersion(): string {
  for (const candidate of ['../../package.json', '../../../package.json']) {
    try {
      const pkg = require(candidate) as { name?: string; version?: string };
      if (pkg.name === 'sogenactif-office' && pkg.version) return pkg.version;
    } catch {
      // Not at this depth: try the next.
    }
  }
  return 'unknown';
}

/** --dictionary DIR (repeatable) adds folders over the package's dictionary; --no-dictionary turns it off. */
function dictionaryOptions(dictionary: string[] | false | undefined): { dictionary: 'platform' | 'none'; dictionaryDirs: string[] } {
  if (dictionary === false) return { dictionary: 'none', dictionaryDirs: [] };
  for (const dir of dictionary ?? []) if (!fs.existsSync(dir)) throw new UsageError(`--dictionary ${dir}: no such folder`);
  return { dictionary: 'platform', dictionaryDirs: dictionary ?? [] };
}
const VERSION = /^(?:[A-Z]+_WS_)?\d+(?:\.\d+)+$/;

/** --allow-outside DIR (generate, diff, describe): a folder besides the contract's own that its locations may lead to. */
const allowOutsideOption = (): Option =>
  repeatable('--allow-outside <dir>', "a folder outside the contract's own that schemaLocation/location may lead to (repeatable)", "only the contract's folder");

/**
 * The contract model of diff and describe; a location leading outside the contract's folder, or a pattern with
 * nested repetition, is a usage error, as in generate.
 */
async function contractModel(inputs: readonly string[], options: import('../../codegen').DictionaryOptions): Promise<import('../../codegen').ContractModel> {
  const codegen = await import('../../codegen');
  try {
    return codegen.loadModel(inputs, { ...options, dropUnsafePatterns: false });
  } catch (error) {
    if (error instanceof codegen.ContractLocationError || error instanceof codegen.UnsafePatternError) throw new UsageError(error.message);
    throw error;
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

function findOperation(target: string): OperationDescriptor {
  const [serviceName, operationName] = target.split('.');
  const service = (services as Readonly<Record<string, ServiceDescriptor>>)[serviceName ?? ''];
  const operation = service?.operations[operationName ?? ''];
  if (!operation) {
    const known = Object.values(services as Readonly<Record<string, ServiceDescriptor>>).flatMap((s) => Object.keys(s.operations).map((o) => `${s.name}.${o}`));
    throw new UsageError(`unknown operation "${target}"; known: ${known.join(', ')}`);
  }
  return operation;
}

export function createProgram(io: ProgramIo = defaultIo): Command {
  const program = new Command('sogenactif')
    .description('Sogenactif Office Server toolkit: seal, call and simulate the SOAP web services.')
    .addHelpText('after', '\nExit codes: 0 success; 1 refused by the gateway, seal mismatch of a read or of `seal --verify`, stale generated\ncode (generate --check) or a breaking change (diff --fail-on breaking); 2 usage error; 3 transport error (a\nread, or a write never sent); 4 outcome unknown: a write (payment, cash operation, wallet, mandate, fraud list,\ninitialisation) whose reply was lost, unreadable, unsealed or failed a check may have been carried out: look it\nup before sending it again (for a payment the JSON error\'s "resolution" says what the lookup found).')
    .version(packageVersion(), '-V, --version', 'print the package version')
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
    .option('--transport <wire>', "'soap' (POST /services/v2/<service>) or 'json' (POST /rs-services/v2/<service>/<operation>)", 'soap')
    .addHelpText('after', '\nCredentials: SOGENACTIF_MERCHANT_ID, SOGENACTIF_SECRET_KEY, SOGENACTIF_KEY_VERSION.\nErrors are printed on stderr as JSON naming the error class. Exit 4: a write (payment, cancel, validate, refund,\nduplicate, credit, challenge, wallet, mandate, fraud list, initialisation) whose reply was lost or cannot be trusted:\nit may have been carried out ("outcome": "unknown", "advice" says how to look it up; a payment\'s "resolution" says\nwhat getTransactionData found). Never send it again blindly.')
    .action(async (target: string, options: { data: string; env?: string; timeoutMs?: number; algorithm?: SealAlgorithmName; allowUnsigned?: boolean; transport: string }) => {
      if (options.transport !== 'soap' && options.transport !== 'json') throw new UsageError("--transport takes 'soap' or 'json'");
      const operation = findOperation(target);
      const request = readJson(options.data, io);
      const { SOGENACTIF_MERCHANT_ID: merchantId, SOGENACTIF_SECRET_KEY: secretKey, SOGENACTIF_KEY_VERSION: keyVersion } = io.env;
      if (!merchantId || !secretKey || !keyVersion) throw new UsageError('set SOGENACTIF_MERCHANT_ID, SOGENACTIF_SECRET_KEY and SOGENACTIF_KEY_VERSION');
      const client = createClient({
        merchantId,
        secretKey,
        keyVersion: Number(keyVersion),
        environment: options.env ?? io.env.SOGENACTIF_ENV ?? 'TEST',
        ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
        ...(options.algorithm ? { sealAlgorithm: options.algorithm } : {}),
        ...(options.allowUnsigned ? { allowUnsignedResponses: true } : {}),
        transport: options.transport,
      });
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
    .command('generate')
    .description('Generate the typed client from WSDLs (ours by default, or your own, e.g. downloaded with fetch-wsdl); the platform dictionary applies to Sips Office contracts only (says which and why)')
    .option('--wsdl <file|dir>', 'WSDL file or folder (repeatable; a dictionary/ beside it is read only with --dictionary)', collect, [] as string[])
    .option('--out <dir>', 'output folder', 'generated')
    .option('--runtime <module>', 'module the generated code imports the runtime types from', 'sogenactif-office')
    .option('--dictionary <dir>', "a folder of dictionary files applied over the package's, to every service, Office or not (repeatable; later wins)", collect, [] as string[])
    .option('--no-dictionary', "apply no dictionary at all: a plain client for a WSDL that is not Sogenactif's")
    .option('--import-extension <ext>', "'js' (ESM with node16/nodenext resolution) or 'none'; default: read from the nearest tsconfig.json")
    .option('--check', 'change nothing; list the files that would change and exit 1 if any')
    .option('--strict', 'fail (exit 2) on any warning: broken references, and constructs the generated code does not represent')
    .option('--report <file>', 'also write the run as JSON: Office decisions, warnings (construct, file, line), files written')
    .option('--print-model', 'print the intermediate model as JSON instead of generating')
    .addOption(allowOutsideOption())
    .option('--drop-unsafe-patterns', 'generate without pattern facets whose matching can take exponential time (nested repetition) instead of refusing the contract')
    .action(async (options: { wsdl: string[]; out: string; runtime: string; dictionary: string[] | false; importExtension?: string; check?: boolean; strict?: boolean; printModel?: boolean; allowOutside: string[]; dropUnsafePatterns?: boolean; report?: string }) => {
      const codegen = await import('../../codegen');
      const { runGenerate } = await import('../../codegen/run');
      const inputs = options.wsdl.length > 0 ? options.wsdl : [defaultWsdlDir()];
      const dictionary = dictionaryOptions(options.dictionary);
      if (options.importExtension !== undefined && options.importExtension !== 'js' && options.importExtension !== 'none') throw new UsageError("--import-extension takes 'js' or 'none'");
      let outcome;
      try {
        outcome = runGenerate(
          { inputs, outDir: options.out, runtimeImport: options.runtime, check: Boolean(options.check), strict: Boolean(options.strict), printModel: Boolean(options.printModel), importExtension: options.importExtension, regenerateCommand: 'sogenactif generate', ...(options.report ? { report: options.report } : {}), ...dictionary, allowOutside: options.allowOutside, dropUnsafePatterns: Boolean(options.dropUnsafePatterns) },
          { stdout: io.stdout, stderr: io.stderr },
        );
      } catch (error) {
        if (error instanceof codegen.ContractWarningsError || error instanceof codegen.ContractLocationError || error instanceof codegen.UnsafePatternError) throw new UsageError(error.message);
        throw error;
      }
      if (outcome === 'stale') throw new CheckFailed();
    });

  program
    .command('diff')
    .description('Compare two contracts (files or folders), or two interface versions of one contract (e.g. diff 2.21 2.58)')
    .argument('<old>', 'WSDL file or folder, or an interface version such as 2.21 or MR_WS_2.21')
    .argument('<new>', 'WSDL file or folder, or an interface version')
    .addOption(repeatable('--wsdl <file|dir>', 'the contract to read since-versions from when comparing versions', 'ours'))
    .option('--format <format>', 'md or json', 'md')
    .option('--fail-on <level>', "'breaking': exit 1 when any breaking change exists")
    .addOption(repeatable('--dictionary <dir>', "a folder of dictionary files applied over the package's (repeatable)", 'none'))
    .addOption(allowOutsideOption())
    .action(async (before: string, after: string, options: { wsdl: string[]; format: string; failOn?: string; dictionary: string[]; allowOutside: string[] }) => {
      if (options.format !== 'md' && options.format !== 'json') throw new UsageError('--format must be md or json');
      if (options.failOn !== undefined && options.failOn !== 'breaking') throw new UsageError("--fail-on takes 'breaking'");
      const codegen = await import('../../codegen');
      const { contractAt, diffContracts, diffMarkdown, UnknownVersionError } = await import('../../codegen/diff');
      const { markdownText } = await import('../../codegen/escape');
      let oldModel;
      let newModel;
      if (VERSION.test(before) && VERSION.test(after)) {
        const model = await contractModel(options.wsdl.length > 0 ? options.wsdl : [defaultWsdlDir()], { allowOutside: options.allowOutside });
        try {
          oldModel = contractAt(model, before);
          newModel = contractAt(model, after);
        } catch (error) {
          if (error instanceof UnknownVersionError) throw new UsageError(error.message);
          throw error;
        }
      } else {
        for (const input of [before, after]) if (!fs.existsSync(input)) throw new UsageError(`${input}: no such file or folder`);
        const dictionary = dictionaryOptions(options.dictionary);
        oldModel = await contractModel([before], { ...dictionary, allowOutside: options.allowOutside });
        newModel = await contractModel([after], { ...dictionary, allowOutside: options.allowOutside });
      }
      const diff = diffContracts(oldModel, newModel);
      // What the newer contract has that no dictionary describes: conventions cover it, the merchant reviews it.
      const undocumented = codegen.undocumentedParts(newModel);
      if (options.format === 'json') io.stdout(`${JSON.stringify({ old: before, new: after, ...diff, undocumented }, null, 2)}\n`);
      else {
        io.stdout(diffMarkdown(diff, `Contract changes from ${before} to ${after}`));
        if (undocumented.length > 0) {
          io.stdout(`\n## Not in the dictionary (${undocumented.length})\n\nConventions apply (outcome field, operation kind, no automatic resend of writes); review each, and describe it in your own --dictionary folder if needed.\n\n${undocumented.map((line) => `- ${markdownText(line, 500)}`).join('\n')}\n`);
        }
      }
      if (options.failOn === 'breaking' && diff.breaking > 0) throw new CheckFailed();
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
    .action(async (options: { env: string; out: string; service: string[]; timeoutMs?: number; allowHost: string[]; maxBytes?: number; maxDocuments?: number; maxTotalBytes?: number }) => {
      const { fetchWsdls } = await import('../contract/fetch');
      const known = Object.keys(services);
      const unknown = options.service.filter((s) => !known.includes(s));
      if (unknown.length > 0) throw new UsageError(`unknown service ${unknown.join(', ')}; known: ${known.join(', ')}`);
      const fetched = await fetchWsdls({
        environment: options.env,
        outDir: options.out,
        services: options.service.length > 0 ? options.service : known,
        ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
        ...(options.maxBytes ? { maxBytes: options.maxBytes } : {}),
        ...(options.maxDocuments ? { maxDocuments: options.maxDocuments } : {}),
        ...(options.maxTotalBytes ? { maxTotalBytes: options.maxTotalBytes } : {}),
        allowHosts: options.allowHost,
      });
      for (const file of fetched) io.stdout(`${file.url} -> ${options.out}/${file.file}\n`);
    });

  program
    .command('describe')
    .description('Describe services, endpoints and operations; SERVICE.OPERATION lists every field')
    .argument('[target]', 'SERVICE or SERVICE.OPERATION')
    .addOption(repeatable('--wsdl <file|dir>', 'contract to describe', 'ours'))
    .option('--json', 'print JSON')
    .option('--required', 'with SERVICE.OPERATION: only the mandatory fields you pass, and a minimal example request for `call`')
    .addOption(allowOutsideOption())
    .action(async (target: string | undefined, options: { wsdl: string[]; json?: boolean; required?: boolean; allowOutside: string[] }) => {
      const { describeContract, describeText, requiredText, requiredViews, UnknownTargetError } = await import('../../codegen/describe');
      if (options.required && !target?.includes('.')) throw new UsageError('--required takes SERVICE.OPERATION');
      const model = await contractModel(options.wsdl.length > 0 ? options.wsdl : [defaultWsdlDir()], { allowOutside: options.allowOutside });
      try {
        const described = describeContract(model, target);
        if (options.required) {
          const views = requiredViews(described);
          io.stdout(options.json ? `${JSON.stringify(views[0], null, 2)}\n` : requiredText(views));
          return;
        }
        io.stdout(options.json ? `${JSON.stringify(described, null, 2)}\n` : `${describeText(described, Boolean(target?.includes('.')))}\n`);
      } catch (error) {
        if (error instanceof UnknownTargetError) throw new UsageError(error.message);
        throw error;
      }
    });

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
