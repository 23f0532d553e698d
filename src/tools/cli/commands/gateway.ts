// `sogenactif gateway`: the sealing gateway from the tools CLI, the same command as the runtime's dependency-free
// `sogenactif-gateway` (src/runtime/gateway/command.ts does the work; the flags are the runtime's GATEWAY_FLAGS,
// declared for commander here).
import type { Command } from 'commander';
import { GATEWAY_FLAGS, gatewayOptions, serveGateway, type GatewayCommandValues } from 'sogenactif-office/internal';
import type { ProgramIo } from '../io';
import { collect } from '../options';

/** Adds the `gateway` command to `program`. */
export function addGatewayCommand(program: Command, io: ProgramIo): void {
  const command = program
    .command('gateway')
    .description(
      'Run the sealing gateway: the Office interface for callers without the key (PHP SoapClient, zeep, JAX-WS, ' +
        'curl), every call sealed, sent and verified with the keys file',
    );
  for (const flag of GATEWAY_FLAGS) {
    const flags = `--${flag.name}${flag.value ? ` ${flag.value}` : ''}`;
    if (flag.repeatable) command.option(flags, flag.help, collect, [] as string[]);
    else command.option(flags, flag.help, flag.default);
  }
  command.action(async (values: GatewayCommandValues) => {
    await serveGateway(gatewayOptions(values), (line) => io.stderr(`${line}\n`));
  });
}
