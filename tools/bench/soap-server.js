// The loopback benchmarks' server, in its own process: a minimal node-soap server (soap.listen) on
// 127.0.0.1 serving each service's WSDL and answering every call with the canned sealed reply fields
// (node-soap parses each request and serialises the reply, as a real SOAP server does).
// Usage: node soap-server.js SPEC.json   (prints {"port":N}; answers "cpu" lines on stdin; exits when stdin
// closes, or after 10 minutes)
'use strict';
const fs = require('node:fs');
const crypto = require('node:crypto');
const http = require('node:http');
const soap = require('soap');

const spec = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const server = http.createServer((request, response) => {
  response.writeHead(404, { 'Content-Type': 'text/plain' });
  response.end('not found');
});
server.keepAliveTimeout = 60_000;

server.listen(0, '127.0.0.1', () => {
  let pending = spec.length;
  const ready = (error) => {
    if (error) throw error;
    if (--pending === 0) process.stdout.write(`${JSON.stringify({ port: server.address().port })}\n`);
  };
  for (const entry of spec) {
    const xml = fs.readFileSync(entry.wsdl, 'utf8');
    const serviceName = /<wsdl:service\s+name="([^"]+)"/.exec(xml)[1];
    const portName = /<wsdl:port\s+name="([^"]+)"/.exec(xml)[1];
    // A stamped reply (transactionDateTime) is stamped now and sealed again for each call, as a gateway's is: a
    // client refuses a stamped reply it has already accepted (issue 19). The flat fields are sealed by the
    // documented rule (values in name order, seal excluded), HMAC-SHA-256 with the merchant's key.
    let stamped = 0;
    const answer = () => {
      if (entry.fields.transactionDateTime === undefined) return entry.fields;
      // Replies in the same millisecond differ in the fraction's last six digits (a counter): each stamp is unique.
      const stamp = new Date().toISOString().replace(/Z$/, `${String(++stamped % 1_000_000).padStart(6, '0')}+00:00`);
      const fields = { ...entry.fields, transactionDateTime: stamp };
      delete fields.seal;
      const data = Object.keys(fields)
        .sort()
        .map((name) => fields[name])
        .join('');
      return { ...fields, seal: crypto.createHmac('sha256', entry.key).update(data, 'utf8').digest('hex') };
    };
    soap.listen(server, {
      path: `/services/v2/${entry.service}`,
      services: {
        [serviceName]: {
          [portName]: {
            [entry.operation]: () => {
              const fields = answer();
              return entry.wrapper ? { [entry.wrapper]: fields } : fields;
            },
          },
        },
      },
      xml,
      uri: entry.wsdl,
      callback: ready,
    });
  }
});

// Control on stdin, as in lib.ts serveChildControl: "cpu" answers the CPU time used so far (µs), so the
// client can tell the server's share of a run; the end of stdin ends the process.
let pending = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => {
  pending += chunk;
  for (let newline = pending.indexOf('\n'); newline >= 0; newline = pending.indexOf('\n')) {
    const command = pending.slice(0, newline).trim();
    pending = pending.slice(newline + 1);
    if (command === 'cpu') {
      const used = process.cpuUsage();
      process.stdout.write(`${JSON.stringify({ cpuUs: used.user + used.system })}\n`);
    }
  }
});
process.stdin.on('end', () => process.exit(0));
setTimeout(() => process.exit(0), 10 * 60_000).unref();
