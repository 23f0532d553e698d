// Summarises a V8 .cpuprofile (from node --cpu-prof): self time by function, then by file or package.
// Usage: node tools/bench/profile-summary.js PROFILE.cpuprofile [top-N]
'use strict';
const fs = require('node:fs');

const profile = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const top = Number(process.argv[3] ?? 25);
const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
const selfByNode = new Map();
let total = 0;
for (let i = 0; i < profile.samples.length; i++) {
  const us = profile.timeDeltas[i] ?? 0;
  selfByNode.set(profile.samples[i], (selfByNode.get(profile.samples[i]) ?? 0) + us);
  total += us;
}
const byFunction = new Map();
const byFile = new Map();
for (const [id, us] of selfByNode) {
  const frame = nodes.get(id).callFrame;
  const where = `${frame.url.split('/').slice(-2).join('/')}:${frame.lineNumber + 1}`;
  const fn = `${frame.functionName || '(anonymous)'} ${where}`;
  byFunction.set(fn, (byFunction.get(fn) ?? 0) + us);
  const file = frame.url
    ? frame.url
        .replace(/.*node_modules\//, 'node_modules/')
        .replace(/^file:\/\/.*?\/(src|generated|codegen|test|tools)\//, '$1/')
    : `(${frame.functionName})`;
  byFile.set(file, (byFile.get(file) ?? 0) + us);
}
const show = (map) =>
  [...map]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(
      ([key, us]) => `${(us / 1000).toFixed(1).padStart(9)} ms ${((100 * us) / total).toFixed(1).padStart(5)}%  ${key}`,
    )
    .join('\n');
console.log(
  `sampled ${(total / 1000).toFixed(1)} ms\n-- self time by function\n${show(byFunction)}` +
    `\n-- self time by file\n${show(byFile)}`,
);
