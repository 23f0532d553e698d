#!/usr/bin/env node
// What a production install brought into a project: the packages npm installed (from its
// node_modules/.package-lock.json) and the disk size of node_modules (`du -sk`). Used by pack-check and make bench.
// Usage: node scripts/footprint.js PROJECT_DIR [--expect-only NAME]   prints one line, or fails when asked to.
'use strict';
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

/** The installed packages of a project (sorted names) and the KiB its node_modules takes on disk. */
function installFootprint(project) {
  const modules = path.join(project, 'node_modules');
  const lock = JSON.parse(fs.readFileSync(path.join(modules, '.package-lock.json'), 'utf8'));
  const packages = Object.keys(lock.packages)
    .filter((where) => where.startsWith('node_modules/'))
    .map((where) => where.slice(where.lastIndexOf('node_modules/') + 'node_modules/'.length))
    .sort();
  const kib = Number(execFileSync('du', ['-sk', modules], { encoding: 'utf8' }).split('\t')[0]);
  return { packages, kib };
}

/** One line: how many packages, of which how many besides `own`, and the size. */
function describeFootprint({ packages, kib }, own) {
  const others = packages.filter((name) => !own.includes(name)).length;
  return (
    `${packages.length} package(s) (${others} besides ${own.join(' + ')}), ${(kib / 1024).toFixed(2)} MiB (` +
    `${kib} KiB)`
  );
}

if (require.main === module) {
  const [project, flag, only] = process.argv.slice(2);
  if (!project) throw new Error('usage: footprint.js PROJECT_DIR [--expect-only NAME]');
  const footprint = installFootprint(project);
  const own = footprint.packages.filter((name) => name.startsWith('sogenactif-office'));
  console.log(describeFootprint(footprint, own));
  if (flag === '--expect-only' && (footprint.packages.length !== 1 || footprint.packages[0] !== only)) {
    console.error(`expected ${only} alone, installed: ${footprint.packages.join(', ')}`);
    process.exit(1);
  }
}

module.exports = { installFootprint, describeFootprint };
