// client-memory, one fresh process (node --expose-gc): V8 heap retained by clients for all nine services.
// Usage: node --expose-gc memory-child.js ours|node-soap ROOT   -> {"load":bytes,"create":bytes,"total":bytes}
// Each figure is heapUsed after two full GCs, minus the same before; the clients stay referenced.
// ours: require the built package (its code and the generated descriptors), then createClient.
// node-soap: require('soap') (its code), then createClientAsync on the nine local WSDLs (parsed WSDLs, cache).
'use strict';
const path = require('node:path');
const [which, root] = process.argv.slice(2);
const SERVICES = [
  'authentication',
  'cashManagement',
  'checkout',
  'diagnostic',
  'fraud',
  'mandate',
  'paymentMeanInfo',
  'token',
  'wallet',
];
if (typeof global.gc !== 'function') throw new Error('run with --expose-gc');
const heap = () => {
  global.gc();
  global.gc();
  return process.memoryUsage().heapUsed;
};

async function main() {
  const h0 = heap();
  let h1;
  if (which === 'ours') {
    const { createClient } = require(path.join(root, 'packages/runtime/dist/src/runtime/index.js'));
    h1 = heap();
    const client = createClient({
      merchantId: '002001000000001',
      secretKey: '002001000000001_KEY1',
      keyVersion: 1,
      environment: 'http://127.0.0.1:9',
    });
    // Every service's methods read once: each service's descriptors load on first use, and they are the
    // counterpart of node-soap's parsed WSDLs, so they are counted.
    for (const service of SERVICES) Object.values(client[service]);
    globalThis.kept = client;
  } else if (which === 'node-soap') {
    const soap = require('soap');
    h1 = heap();
    globalThis.kept = await Promise.all(
      SERVICES.map((s) => soap.createClientAsync(path.join(root, 'wsdl', `${s}.wsdl`))),
    );
  } else {
    throw new Error(`unknown side ${which}`);
  }
  const h2 = heap();
  process.stdout.write(`${JSON.stringify({ load: h1 - h0, create: h2 - h1, total: h2 - h0 })}\n`);
}
main().catch((error) => {
  console.error(error);
  process.exit(1);
});
