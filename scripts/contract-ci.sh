#!/usr/bin/env bash
# A merchant's contract check, as a CI job would run it: fetch the live WSDLs, diff them against the
# committed contract (fail on breaking changes), regenerate from them, and check the generated code.
# Usage: scripts/contract-ci.sh [PROD|TEST|URL]   (no argument: the embedded simulator)
# DICTIONARY=DIR applies your own dictionary entries (a dictionary/ folder beside the WSDLs is never read on its own).
set -euo pipefail
cd "$(dirname "$0")/.."
sogenactif() { node scripts/ts-run.js src/tools/cli/main.ts "$@"; }
work=.tmp/contract-ci
rm -rf "$work" && mkdir -p "$work"
env=${1:-}
dictionary=()
if [[ -n ${DICTIONARY:-} ]]; then dictionary=(--dictionary "$DICTIONARY"); fi
if [[ -z $env ]]; then
  # Started directly (not through the shell function) so that $! is the simulator itself.
  node scripts/ts-run.js src/tools/cli/main.ts simulate --port 0 > "$work/simulator.log" 2>&1 &
  simulator=$!
  trap 'kill $simulator 2>/dev/null || true' EXIT
  for _ in $(seq 600); do grep -q 'listening on' "$work/simulator.log" 2>/dev/null && break; sleep 0.1; done
  env=$(sed -n 's/.*listening on \(http[^ ]*\).*/\1/p' "$work/simulator.log")
  [[ -n $env ]] || { echo 'contract-ci: the simulator did not start within 60 s'; cat "$work/simulator.log"; exit 1; }
  echo "contract-ci: using the embedded simulator at $env"
fi
echo '== 1. fetch the live WSDLs'
sogenactif fetch-wsdl --env "$env" --out "$work/live"
echo '== 2. diff against the committed contract (fails on breaking changes)'
sogenactif diff wsdl "$work/live" --fail-on breaking ${dictionary[@]+"${dictionary[@]}"}
echo '== 3. regenerate from the live contract'
sogenactif generate --wsdl "$work/live" --out "$work/generated" ${dictionary[@]+"${dictionary[@]}"}
echo '== 4. check the generated code is current'
sogenactif generate --wsdl "$work/live" --out "$work/generated" --check ${dictionary[@]+"${dictionary[@]}"}
echo 'contract-ci ok'
