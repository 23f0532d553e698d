#!/usr/bin/env node
// `sogenactif-gateway`: the gateway as a service, from the runtime package alone (node:util's parseArgs, no
// commander). Exit codes: 0 stopped by a signal, 2 bad options or files (the message names them, never a key).
import { parseArgs } from 'node:util';
import { SogenactifError } from '../errors';
import { GATEWAY_USAGE, gatewayOptions, serveGateway } from './command';
import { packageVersion } from '../package-version';

async function main(argv: readonly string[]): Promise<number> {
  let values;
  try {
    values = parseArgs({
      args: [...argv],
      options: {
        upstream: { type: 'string' },
        keys: { type: 'string' },
        host: { type: 'string' },
        port: { type: 'string' },
        socket: { type: 'string' },
        tokens: { type: 'string' },
        'allow-host': { type: 'string', multiple: true },
        'max-body-bytes': { type: 'string' },
        'timeout-ms': { type: 'string' },
        'allow-insecure-http': { type: 'boolean' },
        journal: { type: 'string' },
        postgres: { type: 'string' },
        help: { type: 'boolean' },
        version: { type: 'boolean', short: 'V' },
      },
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
    const options = gatewayOptions({
      ...values,
      allowHost: values['allow-host'],
      maxBodyBytes: values['max-body-bytes'],
      timeoutMs: values['timeout-ms'],
      allowInsecureHttp: values['allow-insecure-http'],
    });
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
