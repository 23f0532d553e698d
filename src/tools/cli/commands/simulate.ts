// `sogenactif simulate`: the local Office Server simulator (startSimulator) with the merchants of a file, the
// environment or argv (merchants.ts), until SIGINT or SIGTERM.
import type { Command } from 'commander';
import { busyPortError } from 'sogenactif-office/internal';
import { SIMULATOR_LIMITS, SimulatorOptionError } from '../../simulator/limits';
import { UsageError } from '../failures';
import type { ProgramIo } from '../io';
import { MERCHANTS_ENV, simulatorMerchants } from '../merchants';
import { positiveInt, repeatable } from '../options';

/** Adds `simulate` to `program`. */
export function addSimulateCommand(program: Command, io: ProgramIo): void {
  program
    .command('simulate')
    .description('Run the local Office Server simulator until interrupted')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--port <n>', 'port (0 picks a free one)', (v) => Number(v), 8080)
    .option(
      '--merchant-file <file>',
      'merchants the simulator accepts: one ID:KEY[:VERSION] per line (# comments), or a JSON array of ' +
        '{merchantId, secretKey, keyVersion}',
    )
    // Parsed in the action, not by commander: commander's own error would repeat the value, a secret key.
    .addOption(
      repeatable(
        '--merchant <id:key[:version]>',
        `merchant the simulator accepts (repeatable; the key is visible to other users in the process list: ` +
          `prefer --merchant-file or $${MERCHANTS_ENV})`,
        'the demo merchant',
      ),
    )
    .option(
      '--local-admin',
      'let this machine use the dashboard and admin actions (batch, clock, reset) without credentials',
    )
    .addOption(
      repeatable(
        '--allow-host <name[:port]>',
        'another name the dashboard and admin endpoints answer to in the Host header (repeatable)',
        'the bound address, localhost, 127.0.0.1, [::1]',
      ),
    )
    .option(
      '--headers-timeout-ms <n>',
      `time to receive a request's headers (default ${SIMULATOR_LIMITS.headersTimeoutMs})`,
      positiveInt,
    )
    .option(
      '--body-timeout-ms <n>',
      `time to receive a request's body once its headers are in (default ${SIMULATOR_LIMITS.bodyTimeoutMs})`,
      positiveInt,
    )
    .option(
      '--request-timeout-ms <n>',
      `time to receive a whole request (default ${SIMULATOR_LIMITS.requestTimeoutMs})`,
      positiveInt,
    )
    .option(
      '--max-connections <n>',
      `open connections at once; more are closed at once (default ${SIMULATOR_LIMITS.maxConnections})`,
      positiveInt,
    )
    .addHelpText(
      'after',
      `\nMerchants: --merchant-file or --merchant (warned: argv is readable by other users), else\n$` +
        `${MERCHANTS_ENV} (the file's formats), else the public demo merchant. Keys are never printed.`,
    )
    .action(
      async (options: {
        host: string;
        port: number;
        merchant: string[];
        merchantFile?: string;
        localAdmin?: boolean;
        allowHost: string[];
        headersTimeoutMs?: number;
        bodyTimeoutMs?: number;
        requestTimeoutMs?: number;
        maxConnections?: number;
      }) => {
        const { startSimulator, DEFAULT_MERCHANT } = await import('../../simulator/server');
        const merchants = simulatorMerchants(options, io) ?? [DEFAULT_MERCHANT];
        const limits = {
          headersTimeoutMs: options.headersTimeoutMs,
          bodyTimeoutMs: options.bodyTimeoutMs,
          requestTimeoutMs: options.requestTimeoutMs,
          maxConnections: options.maxConnections,
        };
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
          // A bad option value (the simulator's own check, or an address Node refuses) or a busy port: a usage error.
          if (error instanceof SimulatorOptionError || error instanceof TypeError) throw new UsageError(error.message);
          const busy = busyPortError(error, options.port);
          if (busy) throw new UsageError(busy.message);
          throw error;
        }
        io.stdout(
          `Sogenactif Office simulator listening on ${simulator.url} (merchants: ` +
            `${merchants.map((m) => m.merchantId).join(', ')})\n`,
        );
        io.stdout(
          `Dashboard: ${simulator.url}/ (` +
            `${options.localAdmin ? 'open to this machine' : 'HTTP Basic merchantId:secretKey'})\n`,
        );
        await new Promise<void>((resolve) => {
          process.once('SIGINT', resolve);
          process.once('SIGTERM', resolve);
        });
        await simulator.close();
      },
    );
}
