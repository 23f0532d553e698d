#!/usr/bin/env bash
# npm pack both packages (the runtime sogenactif-office from packages/runtime, sogenactif-office-tools from
# packages/tools, each built by `make build`), install them into empty projects, then use them from require(),
# import, the CLI and tsc.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
# PACK_CHECK_KEEP=1 keeps the installed projects (printed) to rerun scripts/doc-test.js by hand.
cleanup() { if [ -n "${PACK_CHECK_KEEP:-}" ]; then echo "kept $work"; else rm -rf "$work"; fi; }
trap cleanup EXIT
cd "$root"
runtime=$(npm pack --silent --ignore-scripts --pack-destination "$work" ./packages/runtime | tail -n 1)
tools=$(npm pack --silent --ignore-scripts --pack-destination "$work" ./packages/tools | tail -n 1)
echo "packed $runtime ($(du -k "$work/$runtime" | cut -f1) KiB) and $tools ($(du -k "$work/$tools" | cut -f1) KiB)"
listing=$(tar -tzf "$work/$runtime")
grep -qx 'package/dist/src/runtime/index.d.ts' <<<"$listing" || { echo 'type declarations are missing from the runtime package'; exit 1; }
grep -qx 'package/dist/generated/checkout/operations.js' <<<"$listing" || { echo 'the generated contract is missing from the runtime package'; exit 1; }
! grep -E '^package/(dist/src/tools|dist/codegen|dist/wsdl/dictionary)/' <<<"$listing" || { echo 'the runtime package carries tools files (above)'; exit 1; }
listing=$(tar -tzf "$work/$tools")
grep -qx 'package/dist/wsdl/mandate.wsdl' <<<"$listing" || { echo 'the WSDLs are missing from the tools package'; exit 1; }
grep -qx 'package/dist/src/tools/simulator/index.d.ts' <<<"$listing" || { echo 'the simulator is missing from the tools package'; exit 1; }
! grep -E '^package/dist/(src/runtime|generated)/' <<<"$listing" || { echo 'the tools package carries runtime files (above): it must load them from sogenactif-office'; exit 1; }

# The runtime alone, as a merchant's production install: no dependency at all.
mkdir "$work/runtime" && cd "$work/runtime"
npm init -y >/dev/null
npm install --omit=dev --no-audit --no-fund --silent "$work/$runtime"
echo "runtime production install: $(node "$root/scripts/footprint.js" . --expect-only sogenactif-office)"
node -e "
const { createClient, computeSeal } = require('sogenactif-office');
if (typeof createClient !== 'function') throw new Error('require: createClient missing');
createClient({ merchantId: '002001000000001', secretKey: 'k', keyVersion: 1, environment: 'TEST' }).mandate;
const outside = Object.keys(require.cache).filter((file) => !file.includes('/node_modules/sogenactif-office/'));
if (outside.length > 0) throw new Error('the runtime loaded a file from elsewhere: ' + outside[0]);
console.log('require() ok, nothing loaded from outside the package:', computeSeal({ a: '1' }, 'k').slice(0, 16));
"
node --input-type=module -e "
import { createClient, MandateStatus } from 'sogenactif-office';
if (typeof createClient !== 'function' || MandateStatus.ACTIVE !== 'ACTIVE') throw new Error('import failed');
console.log('import ok');
"
# import loads only what it uses: the generated manifest, not the 50 generated modules (a service loads on first use).
node --input-type=module -e "
import { createRequire } from 'node:module';
const require = createRequire(process.cwd() + '/x.js');
const generated = () => Object.keys(require.cache).filter((file) => file.includes('/sogenactif-office/dist/generated/')).length;
const { createClient, OrderChannel } = await import('sogenactif-office');
const atImport = generated();
if (atImport > 1) throw new Error('import sogenactif-office loaded ' + atImport + ' generated modules');
if (OrderChannel.INTERNET !== 'INTERNET') throw new Error('OrderChannel');
const client = createClient({ merchantId: '002001000000001', secretKey: 'k', keyVersion: 1, environment: 'TEST' });
if (typeof client.mandate.searchMandate !== 'function') throw new Error('mandate client');
console.log('import loads', atImport, 'generated module(s) of 50; after OrderChannel and the mandate client:', generated());
"

# The tools beside it, as a merchant installs them for the CLI, the generator and the simulator.
mkdir "$work/app" && cd "$work/app"
npm init -y >/dev/null
npm install --no-audit --no-fund --silent "$work/$runtime" "$work/$tools"
echo "runtime + tools install: $(node "$root/scripts/footprint.js" .)"
# A merchant's TypeScript project has Node's types: the docs' examples use process.env (the version the repo pins).
npm install --no-audit --no-fund --silent --save-dev "@types/node@$(node -p "require('$root/package.json').devDependencies['@types/node']")"
# --version from the installed bins: each package's own version, never "unknown".
want=$(node -p "require('$root/package.json').version")
for bin in "npx --no-install sogenactif --version" "$work/runtime/node_modules/.bin/sogenactif-gateway --version" "node_modules/.bin/sogenactif-gateway --version"; do
  got=$($bin)
  [ "$got" = "$want" ] || { echo "$bin printed '$got', want $want"; exit 1; }
done
echo "--version: sogenactif (tools) and sogenactif-gateway (runtime alone, and beside the tools) print $want"
[ ! -e node_modules/sogenactif-office-tools/node_modules/sogenactif-office ] || { echo 'the tools package installed its own copy of the runtime'; exit 1; }
node -e "
const { startSimulator } = require('sogenactif-office-tools/simulator');
if (typeof startSimulator !== 'function') throw new Error('require: sogenactif-office-tools/simulator has no startSimulator');
const seals = Object.keys(require.cache).filter((file) => file.endsWith('/dist/src/runtime/seal.js'));
if (seals.length !== 1 || !seals[0].endsWith('/app/node_modules/sogenactif-office/dist/src/runtime/seal.js')) throw new Error('the simulator did not load the installed runtime: ' + seals);
console.log('require() sogenactif-office-tools/simulator ok, on the installed runtime');
"
node --input-type=module -e "
import { startSimulator, DEFAULT_MERCHANT } from 'sogenactif-office-tools/simulator';
if (typeof startSimulator !== 'function' || !DEFAULT_MERCHANT.merchantId) throw new Error('import sogenactif-office-tools/simulator failed');
"
cli=node_modules/sogenactif-office-tools/dist/src/tools/cli/main.js
echo '{"customerId":"CUST-0001","merchantId":"002001000000001","interfaceVersion":"MR_WS_2.58"}' > req.json
echo "seal: $(SOGENACTIF_SECRET_KEY=002001000000001_KEY1 npx --no-install sogenactif seal --data req.json)"
# The installed bin itself, not npx, so that $! is the simulator and kill stops it.
node "$cli" simulate --port 0 > sim.log 2>&1 &
sim=$!
trap 'kill "$sim" 2>/dev/null || true; cleanup' EXIT
for _ in $(seq 50); do grep -q 'listening on' sim.log && break; sleep 0.1; done
url=$(sed -n 's/.*listening on \(http[^ ]*\).*/\1/p' sim.log)
echo '{"customerId":"CUST-0001"}' > search.json
SOGENACTIF_MERCHANT_ID=002001000000001 SOGENACTIF_SECRET_KEY=002001000000001_KEY1 SOGENACTIF_KEY_VERSION=1 \
  npx --no-install sogenactif call mandate.searchMandate --data search.json --env "$url" | head -c 300; echo
# The sealing gateway from the runtime-only install (its own bin, no tools package) in front of the simulator:
# a curl caller without the key pays; SIGTERM stops it cleanly.
echo '{"merchants":[{"merchantId":"002001000000001","keys":[{"version":1,"secretEnv":"PACK_GATEWAY_KEY"}]}]}' > keys.json
PACK_GATEWAY_KEY=002001000000001_KEY1 "$work/runtime/node_modules/.bin/sogenactif-gateway" --upstream "$url" --keys keys.json --port 0 2> gateway.log &
gateway=$!
trap 'kill "$sim" "$gateway" 2>/dev/null || true; cleanup' EXIT
for _ in $(seq 100); do grep -q '"listening"' gateway.log && break; sleep 0.1; done
gurl=$(sed -n 's/.*"url":"\(http[^"]*\)".*/\1/p' gateway.log | head -n 1)
paid=$(curl -sS -H 'Content-Type: application/json' --data '{"amount":1000,"currencyCode":"978","cardNumber":"4200000000000000","cardExpiryDate":"203012","orderChannel":"INTERNET","transactionReference":"PACKGW1"}' "$gurl/rs-services/v2/checkout/cardOrder")
grep -q '"responseCode":"00"' <<<"$paid" || { echo "the runtime's sogenactif-gateway did not pay: $paid"; cat gateway.log; exit 1; }
curl -sS -o checkout.wsdl "$gurl/services/v2/checkout?wsdl"
grep -q 'name="seal" type="tns:seal" minOccurs="0"' checkout.wsdl || { echo "the runtime's gateway does not serve its WSDL"; exit 1; }
kill -TERM "$gateway"; wait "$gateway" 2>/dev/null || true
grep -q '"stopped"' gateway.log || { echo 'the gateway did not stop cleanly on SIGTERM'; cat gateway.log; exit 1; }
echo "sogenactif-gateway from the runtime alone: paid through it (responseCode 00), WSDL served, stopped on SIGTERM"
kill "$sim"; wait "$sim" 2>/dev/null || true
# Regenerate inside the user's project from the package's contract, then compile it against the package, in
# the three kinds of TypeScript project: CommonJS, ESM with nodenext resolution (relative imports need .js:
# generate reads that from tsconfig.json) and bundler resolution. The ESM one is also built and run by node.
use_ts() { # $1: import specifier of the generated folder
  cat <<TS
import { createClient } from 'sogenactif-office';
import { createServiceClients, type SearchMandateResponse } from '$1';
const runtime = createClient({ merchantId: '002001000000001', secretKey: 'k', keyVersion: 1, environment: 'TEST' });
const office = createServiceClients(runtime.invoke);
export const search: () => Promise<SearchMandateResponse> = () => office.mandate.searchMandate({ customerId: 'C' });
if (typeof office.checkout.cardOrder !== 'function') throw new Error('no cardOrder');
console.log('generated client runs');
TS
}
project() { # $1: folder, $2: compilerOptions (JSON members), $3: package.json type, $4: import specifier
  mkdir -p "$1/src" && cd "$1"
  echo "{ \"name\": \"$1\", \"private\": true, \"type\": \"$3\" }" > package.json
  ln -s ../node_modules node_modules
  # strict and without skipLibCheck: the packages' declarations must compile as a merchant's project reads them.
  echo "{ \"compilerOptions\": { \"strict\": true, \"target\": \"ES2022\", \"types\": [\"node\"], \"outDir\": \"out\", $2 }, \"include\": [\"src\"] }" > tsconfig.json
  npx --no-install sogenactif generate --out src/sogenactif | grep -v '^wrote'
  use_ts "$4" > src/use.ts
  node "$root/node_modules/typescript/bin/tsc" -p tsconfig.json --noEmit && echo "$1: generated client compiles against the installed package"
  cd ..
}
project cjs '"module": "commonjs", "moduleResolution": "node"' commonjs ./sogenactif
project esm '"module": "nodenext", "moduleResolution": "nodenext"' module ./sogenactif/index.js
project bundler '"module": "esnext", "moduleResolution": "bundler"' module ./sogenactif
grep -q "from './types.js'" esm/src/sogenactif/checkout/index.ts || { echo 'esm: relative imports without .js'; exit 1; }
(cd esm && node "$root/node_modules/typescript/bin/tsc" -p tsconfig.json && node out/use.js)
# The OpenTelemetry recipe imports @opentelemetry/api, which a merchant installs beside their own SDK: the repository's
# pinned copy (a package with no dependency of its own) goes into the projects' node_modules, as npm would put it.
mkdir -p "$work/app/node_modules/@opentelemetry" && cp -R "$root/node_modules/@opentelemetry/api" "$work/app/node_modules/@opentelemetry/"
# The docs test: every code block of the three READMEs compiled in the three projects (strict, no skipLibCheck),
# run against the simulator, printed output compared with the README's (conventions: test/README.md).
node "$root/scripts/doc-test.js" --app "$work/app" --projects cjs,esm,bundler --preludes "$root/test/docs" --tsc "$root/node_modules/typescript/bin/tsc" \
  --package "$root/packages/runtime/README.md=$work/app/node_modules/sogenactif-office" \
  --package "$root/packages/tools/README.md=$work/app/node_modules/sogenactif-office-tools" \
  "$root/README.md" "$root/packages/runtime/README.md" "$root/packages/tools/README.md"
echo 'pack-check ok'
