#!/usr/bin/env node
// The line-width check beside prettier (which leaves strings, comments and regular expressions as they are): no
// line of hand-written code over 120 characters. Usage: node scripts/long-lines.js (exit 1 listing each long line).
'use strict';
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');

const WIDTH = 120;
const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '*.ts', '*.js', '*.mjs'], {
  encoding: 'utf8',
})
  .split('\n')
  .filter((file) => file && !/^(generated|test\/golden|test\/fixtures)\//.test(file) && fs.existsSync(file));
const long = [];
for (const file of files) {
  fs.readFileSync(file, 'utf8')
    .split('\n')
    .forEach((line, index) => {
      if (line.length > WIDTH) long.push(`${file}:${index + 1}: ${line.length} characters`);
    });
}
if (long.length > 0) {
  console.error(`long-lines: ${long.length} line(s) over ${WIDTH} characters:\n  ${long.join('\n  ')}`);
  process.exit(1);
}
console.log(`long-lines: ${files.length} files, no line over ${WIDTH} characters`);
