// cold-start, one fresh process: from nothing to clients ready to call all nine services.
// Usage: node cold-start-child.js ours|node-soap ROOT   -> {"load":ms,"create":ms,"total":ms}
//        node cold-start-child.js ours-modules ROOT   -> where ours' module loading goes (self ms by group)
// ours: require the built package (dist/, what `require('sogenactif-office')` loads), then createClient.
// node-soap: require('soap'), then createClientAsync on the nine local WSDLs (in parallel).
// Node's own start-up (before this file's first line) is outside both figures.
'use strict';
const t0 = performance.now();
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

/** Self time of every module load (its own time minus the modules it loads), by group. */
function moduleBreakdown() {
  const Module = require('node:module');
  const original = Module._load;
  const stack = [];
  const groups = {
    'node built-ins': 0,
    'runtime (dist/src)': 0,
    'generated descriptors (dist/generated)': 0,
    other: 0,
  };
  let files = 0;
  const generated = new Set();
  Module._load = function load(request, parent, isMain) {
    const started = performance.now();
    stack.push(0);
    try {
      return original.call(this, request, parent, isMain);
    } finally {
      const total = performance.now() - started;
      const children = stack.pop();
      if (stack.length) stack[stack.length - 1] += total;
      const builtin = Module.isBuiltin(request);
      const file = builtin ? '' : Module._resolveFilename(request, parent);
      const group = builtin
        ? 'node built-ins'
        : file.includes('/dist/generated/')
          ? 'generated descriptors (dist/generated)'
          : file.includes('/dist/src/')
            ? 'runtime (dist/src)'
            : 'other';
      if (group === 'generated descriptors (dist/generated)') generated.add(file);
      groups[group] += total - children;
      files++;
    }
  };
  return () => ({ groups, requires: files, generatedFiles: generated.size });
}

async function main() {
  let t1;
  let ready;
  if (which === 'ours-modules') {
    const report = moduleBreakdown();
    const loadStart = performance.now();
    require(path.join(root, 'packages/runtime/dist/src/runtime/index.js'));
    process.stdout.write(`${JSON.stringify({ load: performance.now() - loadStart, ...report() })}\n`);
    return;
  }
  if (which === 'ours') {
    const { createClient } = require(path.join(root, 'packages/runtime/dist/src/runtime/index.js'));
    t1 = performance.now();
    const client = createClient({
      merchantId: '002001000000001',
      secretKey: '002001000000001_KEY1',
      keyVersion: 1,
      environment: 'http://127.0.0.1:9',
    });
    ready = () =>
      SERVICES.every(
        (s) =>
          client[s] &&
          Object.values(client[s]).length > 0 &&
          Object.values(client[s]).every((m) => typeof m === 'function'),
      );
  } else if (which === 'node-soap') {
    const soap = require('soap');
    t1 = performance.now();
    const clients = await Promise.all(
      SERVICES.map((s) => soap.createClientAsync(path.join(root, 'wsdl', `${s}.wsdl`))),
    );
    ready = () => clients.length === SERVICES.length && clients.every((c) => Object.keys(c.describe()).length > 0);
  } else {
    throw new Error(`unknown side ${which}`);
  }
  const t2 = performance.now();
  // Touching every service's methods: for ours this loads each service's descriptors (built on first use).
  if (!ready()) throw new Error(`${which}: clients not ready`);
  const t3 = performance.now();
  process.stdout.write(
    `${JSON.stringify({ load: t1 - t0, create: t2 - t1, total: t2 - t0, allServicesUsed: t3 - t0 })}\n`,
  );
}
main().catch((error) => {
  console.error(error);
  process.exit(1);
});
