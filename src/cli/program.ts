// The `sogenactif` command line: a thin adapter over the library (seal, call, simulate).
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import * as fs from 'node:fs';
import { createClient } from '../client';
import type { OperationDescriptor, ServiceDescriptor } from '../descriptor';
import { SogenactifError } from '../errors';
import { computeSeal, isSealAlgorithm, sealString, verifySeal, type SealAlgorithmName, type SealValue } from '../seal';
import { startSimulator, DEFAULT_MERCHANT, type SimulatorMerchant } from '../simulator/server';
import { services } from '../../generated';

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

/** Exit codes, documented in `--help`: 0 ok, 1 the gateway refused or the seal does not verify, 2 usage, 3 transport. */
export const EXIT = { ok: 0, refused: 1, usage: 2, transport: 3 } as const;

class UsageError extends Error {}

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
    throw new UsageError(`${source} is not valid JSON: ${(error as Error).message}`);
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
    .addHelpText('after', '\nExit codes: 0 success, 1 refused by the gateway or seal mismatch, 2 usage error, 3 transport error.')
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .exitOverride();

  program
    .command('seal')
    .description('Print the seal of the request fields in a JSON file, or check a response seal with --verify')
    .requiredOption('--data <file>', "JSON file with the fields ('-' for standard input)")
    .option('--key <key>', 'secret key (default: $SOGENACTIF_SECRET_KEY)')
    .option('--algorithm <name>', 'HMAC-SHA-256 (default), HMAC-SHA-512 or SHA-256', algorithmOption)
    .option('--verify', "check the data's own seal field instead of printing a seal")
    .option('--explain', 'also print the string that is hashed (contains the field values)')
    .action((options: { data: string; key?: string; algorithm?: SealAlgorithmName; verify?: boolean; explain?: boolean }) => {
      const key = options.key ?? io.env.SOGENACTIF_SECRET_KEY;
      if (!key) throw new UsageError('no secret key: pass --key or set SOGENACTIF_SECRET_KEY');
      const fields = readJson(options.data, io) as { [key: string]: SealValue };
      const algorithm = options.algorithm ?? (isSealAlgorithm(fields.sealAlgorithm) ? fields.sealAlgorithm : 'HMAC-SHA-256');
      if (options.explain) io.stderr(`seal string: ${sealString(fields)}\n`);
      if (options.verify) {
        const ok = verifySeal(fields, key, algorithm);
        io.stdout(`${JSON.stringify({ valid: ok, algorithm })}\n`);
        if (!ok) throw new CommanderError(EXIT.refused, 'sogenactif.sealMismatch', '');
        return;
      }
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
    .addHelpText('after', '\nCredentials: SOGENACTIF_MERCHANT_ID, SOGENACTIF_SECRET_KEY, SOGENACTIF_KEY_VERSION.\nErrors are printed on stderr as JSON naming the error class.')
    .action(async (target: string, options: { data: string; env?: string; timeoutMs?: number; algorithm?: SealAlgorithmName; allowUnsigned?: boolean }) => {
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
      });
      try {
        const response = await client.invoke(operation, request);
        io.stdout(`${JSON.stringify(response, null, 2)}\n`);
      } finally {
        client.close();
      }
    });

  program
    .command('simulate')
    .description('Run the local Office Server simulator until interrupted')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--port <n>', 'port (0 picks a free one)', (v) => Number(v), 8080)
    .option('--merchant <id:key[:version]>', 'merchant the simulator accepts (repeatable)', (value: string, previous: SimulatorMerchant[]) => {
      const [merchantId, secretKey, version] = value.split(':');
      if (!merchantId || !secretKey) throw new InvalidArgumentError('expected ID:KEY[:VERSION]');
      return [...previous, { merchantId, secretKey, keyVersion: version ? positiveInt(version) : 1 }];
    }, [] as SimulatorMerchant[])
    .action(async (options: { host: string; port: number; merchant: SimulatorMerchant[] }) => {
      const merchants = options.merchant.length > 0 ? options.merchant : [DEFAULT_MERCHANT];
      const simulator = await startSimulator({ host: options.host, port: options.port, merchants });
      io.stdout(`Sogenactif Office simulator listening on ${simulator.url} (merchants: ${merchants.map((m) => m.merchantId).join(', ')})\n`);
      await new Promise<void>((resolve) => {
        process.once('SIGINT', resolve);
        process.once('SIGTERM', resolve);
      });
      await simulator.close();
    });

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
      return error.code === 'sogenactif.sealMismatch' ? EXIT.refused : EXIT.usage;
    }
    if (error instanceof UsageError) {
      io.stderr(`${JSON.stringify({ error: 'UsageError', message: error.message })}\n`);
      return EXIT.usage;
    }
    if (error instanceof SogenactifError) {
      io.stderr(`${JSON.stringify({ error: error.name, ...error.toJSON() })}\n`);
      if (error.name === 'TransportError' || error.name === 'InvalidResponseError' || error.name === 'SoapFaultError') return EXIT.transport;
      return error.fault === 'client' && error.name === 'InvalidRequestError' && !error.code ? EXIT.usage : EXIT.refused;
    }
    io.stderr(`${JSON.stringify({ error: 'Error', message: (error as Error).message })}\n`);
    return EXIT.usage;
  }
}
