#!/usr/bin/env node
// Scans captured output (make test, make demo) for secret keys, full card numbers and IBANs.
// Usage: node scripts/leak-scan.js FILE...   Exit 1 when anything is found.
'use strict';
const fs = require('node:fs');

// Keys and passwords the tests use (a password inside an environment URL included).
const SECRETS = [
  '002001000000001_KEY1',
  '002001000000002_KEY1',
  'TOP-SECRET-KEY-1',
  'WRONG-KEY-0042',
  'SECRET-K',
  'ENV-PASSWORD-77',
];
// An IBAN written in groups of four (as a customer types it in a form).
const SPACED_IBANS = /\b[A-Z]{2}\d{2}(?: [A-Z0-9]{4}){3,7}(?: [A-Z0-9]{1,4})?\b/g;
const IBANS = /\b[A-Z]{2}\d{2}[A-Z0-9]{11,30}\b/g;
const DIGITS = /(?<![0-9])[3-6][0-9]{12,18}(?![0-9])/g;
// Documented test cards, Luhn-valid or not, are card numbers too.
const TEST_CARDS = new Set(['4100000000000005', '5017679110380905']);

function luhn(digits) {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (double && (d *= 2) > 9) d -= 9;
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

let found = 0;
let lines = 0;
for (const file of process.argv.slice(2)) {
  const text = fs.readFileSync(file, 'utf8');
  text.split('\n').forEach((line, index) => {
    lines++;
    const hits = [
      ...SECRETS.filter((s) => line.includes(s)).map((s) => `secret ${s.slice(0, 4)}...`),
      ...[...line.matchAll(DIGITS)]
        .map((m) => m[0])
        .filter((d) => luhn(d) || TEST_CARDS.has(d))
        .map((d) => `card number ${d.slice(0, 4)}...${d.slice(-2)}`),
      ...[...line.matchAll(IBANS)]
        .map((m) => m[0])
        .filter((iban) => /^[A-Z]{2}\d{2}\d{10,}/.test(iban))
        .map((iban) => `IBAN ${iban.slice(0, 4)}...`),
      ...[...line.matchAll(SPACED_IBANS)]
        .map((m) => m[0])
        .filter((iban) => /\d{4} \d{4} \d{4}/.test(iban))
        .map((iban) => `IBAN ${iban.slice(0, 4)}...`),
    ];
    for (const hit of hits) {
      found++;
      console.error(`${file}:${index + 1}: ${hit}`);
    }
  });
}
console.log(`leak-scan: ${lines} lines scanned, ${found} secret${found === 1 ? '' : 's'} found`);
process.exit(found > 0 ? 1 : 0);
