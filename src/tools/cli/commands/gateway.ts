// `sogenactif gateway`: the sealing gateway from the tools CLI, the same command as the runtime's dependency-free
// `sogenactif-gateway` (src/runtime/gateway/command.ts does the work; this file only declares the options for
// commander).
import type { Command } from 'commander';
import { gatewayOptions, serveGateway } from 'sogenactif-office/internal';
import type { ProgramIo } from '../io';
import { collect } from '../options';

/** Adds the `gateway` command to `program`. */
export function addGatewayCommand(program: Command, io: ProgramIo): void {
  program
    .command('gateway')
    .description(
      'Run the sealing gateway: the Office interface for callers without the key (PHP SoapClient, zeep, JAX-WS, ' +
        'curl), every call sealed, sent and verified with the keys file',
    )
    .option('--upstream <PROD|TEST|URL>', 'the Sogenactif environment, or a base URL (the simulator)')
    .option(
      '--keys <file>',
      'keys file: { "merchants": [ { "merchantId", "keys": [ { "version", "secret" | "secretEnv" } ] } ] }',
    )
    .option('--host <host>', 'address to listen on (not loopback: needs --tokens)', '127.0.0.1')
    .option('--port <n>', 'port (0 picks a free one)', '8080')
    .option('--socket <path>', 'listen on a unix socket instead')
    .option('--tokens <file>', 'caller tokens: { "tokens": [ { "name", "tokenEnv" | "sha256", "merchants": [...] } ] }')
    .option(
      '--allow-host <name>',
      'Host header name callers use besides localhost (repeatable)',
      collect,
      [] as string[],
    )
    .option('--max-body-bytes <n>', 'largest request body (default 1 MiB)')
    .option('--timeout-ms <n>', 'deadline of one call to Sogenactif, lookups included (default 30000)')
    .option(
      '--allow-insecure-http',
      'allow a plain http:// --upstream URL to a host that is not this machine (a documented risk)',
    )
    .option(
      '--journal <path>',
      'payment journal file: every payment journaled before it is sent, open entries recovered at start and ' +
        'every minute',
    )
    .option(
      '--postgres <url>',
      "shared PostgreSQL journal for several instances, which recover each other's open entries (needs pg " +
        'installed beside the gateway)',
    )
    .action(
      async (values: {
        upstream?: string;
        keys?: string;
        host?: string;
        port?: string;
        socket?: string;
        tokens?: string;
        allowHost: string[];
        maxBodyBytes?: string;
        timeoutMs?: string;
        allowInsecureHttp?: boolean;
        journal?: string;
        postgres?: string;
      }) => {
        await serveGateway(gatewayOptions(values), (line) => io.stderr(`${line}\n`));
      },
    );
}
