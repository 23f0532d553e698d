#!/usr/bin/env node
// Executable entry of the `sogenactif` command.
import { run } from './program';

run(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
