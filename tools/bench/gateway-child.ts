// The sealing gateway in its own process for the gateway benchmarks: in front of the simulator URL given as the
// argument, prints {"url":...}, answers "cpu" lines on stdin with its CPU time, exits when stdin closes.
import { startGateway } from '../../src/runtime/gateway/server';
import { serveChildControl } from './lib';
import { MERCHANT } from './fixtures';

void startGateway({
  upstream: process.argv[2]!,
  merchants: [
    { merchantId: MERCHANT.merchantId, keys: [{ version: MERCHANT.keyVersion, secret: MERCHANT.secretKey }] },
  ],
  client: { retry: false },
  log: () => undefined,
}).then((gateway) => {
  process.stdout.write(`${JSON.stringify({ url: gateway.url })}\n`);
  serveChildControl(() => void gateway.close().then(() => process.exit(0)));
});
