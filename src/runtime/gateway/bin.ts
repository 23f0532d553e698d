#!/usr/bin/env node
// `sogenactif-gateway`: the gateway as a service, from the runtime package alone (node:util's parseArgs over
// flags.ts's table, no commander). Exit codes: 0 stopped by a signal, 2 bad options or files (the message names
// them, never a key).
import { parseArgs } from 'node:util';
import { SogenactifError } from '../errors';
import { GATEWAY_USAGE, gatewayOptions, serveGateway } from './command';
import { commandValues, parseArgsOptions } from './flags';
import { packageVersion } from '../package-version';

async function main(argv: readonly string[]): Promise<number> {
  let values;
  try {
    values = parseArgs({
      args: [...argv],
      options: parseArgsOptions(),
    }).values;
  } catch (error) {
    // parseArgs names the unknown option only.
    process.stderr.write(
      `${JSON.stringify({ error: 'UsageError', message: (error as Error).message.split('\n')[0] })}\n` +
        `${GATEWAY_USAGE}`,
    );
    return 2;
  }
  if (values.version) {
    process.stdout.write(`${packageVersion(__dirname)}\n`);
    return 0;
  }
  if (values.help) {
    process.stdout.write(GATEWAY_USAGE);
    return 0;
  }
  try {
    const options = gatewayOptions(commandValues(values));
    await serveGateway(options);
    return 0;
  } catch (error) {
    const json =
      error instanceof SogenactifError
        ? { error: error.name, ...error.toJSON() }
        : { error: (error as Error).name, message: (error as Error).message };
    process.stderr.write(`${JSON.stringify(json)}\n`);
    return 2;
  }
}

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
