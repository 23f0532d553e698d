// The simulator in its own process for the throughput benchmark: prints {"url":...}, answers "cpu" lines on
// stdin with its CPU time, exits when stdin closes (or after 10 minutes). Run with scripts/ts-run.js.
import { startSimulator } from '../../src/tools/simulator/server';
import { serveChildControl } from './lib';

void startSimulator({ host: '127.0.0.1' }).then((simulator) => {
  process.stdout.write(`${JSON.stringify({ url: simulator.url })}\n`);
  serveChildControl(() => void simulator.close().then(() => process.exit(0)));
});
