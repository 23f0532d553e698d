# sogenactif-office: the Makefile is the interface. `make help` lists the targets.
SHELL := /bin/bash
NODE  ?= node
RUN   := $(NODE) scripts/ts-run.js
JEST  := $(NODE) node_modules/jest/bin/jest.js
# Research material beside the repository (seeds, node-soap corpus); a plain clone has none of it.
SHARED ?= ../shared

.PHONY: format format-check help setup tools contract-ci demo-run leak-scan generate check-generated typecheck build jest conformance test demo pack-check bench clean shared-summary

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/^([a-z-]+):.*## /  make \1\t/' | expand -t 24

node_modules/.package-lock.json: package.json packages/runtime/package.json packages/tools/package.json package-lock.json
	npm ci --no-audit --no-fund
	@touch $@

setup: node_modules/.package-lock.json ## install the pinned dependencies (npm ci when needed)

tools: ## install the Debian packages the proofs use when missing (xmllint, Python zeep, PHP SoapClient, Chromium, PostgreSQL); says so when it cannot
	@missing=''; \
	command -v xmllint >/dev/null || missing="$$missing libxml2-utils"; \
	/usr/bin/python3 -c 'import zeep' 2>/dev/null || missing="$$missing python3-zeep"; \
	php -r 'exit(class_exists("SoapClient") && class_exists("DOMDocument") ? 0 : 1);' 2>/dev/null || missing="$$missing php-cli php-soap php-xml"; \
	command -v chromium >/dev/null || missing="$$missing chromium"; \
	ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || command -v initdb >/dev/null || missing="$$missing postgresql"; \
	if [ -n "$$missing" ]; then \
	  if command -v apt-get >/dev/null && [ "$$(id -u)" = 0 ]; then \
	    echo "installing$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null || echo "SKIP: apt-get could not install$$missing; the tests that need them will say they are skipped"; \
	  else \
	    echo "SKIP: cannot install$$missing (no apt-get or not root); the tests that need them will say they are skipped"; \
	  fi; \
	fi

# The CLI's own generate command with this repository's settings: generated/ imports the runtime from the sources
# and is CommonJS (no import extension, whatever a tsconfig.json says).
GENERATE := $(RUN) src/tools/cli/main.ts generate --wsdl wsdl --out generated --runtime ../src/runtime/descriptor --import-extension none

generate: setup ## regenerate generated/ from wsdl/
	$(GENERATE)

check-generated: setup ## fail when generated/ differs from what wsdl/ produces
	$(GENERATE) --check || { status=$$?; [ $$status -ne 1 ] || echo "run 'make generate' and commit the result" >&2; exit $$status; }

format: setup ## prettier (.prettierrc.json: 120 columns) over the hand-written code; generated/ and golden files excepted
	$(NODE) node_modules/prettier/bin/prettier.cjs --write --log-level warn .

format-check: setup ## the code is as prettier writes it, and no hand-written line is over 120 characters
	$(NODE) node_modules/prettier/bin/prettier.cjs --check --log-level warn .
	$(NODE) scripts/long-lines.js

typecheck: setup ## tsc --noEmit over sources, generated code and tests
	$(NODE) node_modules/typescript/bin/tsc -p tsconfig.json --noEmit

build: setup ## build both packages in place: packages/runtime/dist (sogenactif-office), then packages/tools/dist (sogenactif-office-tools)
	$(NODE) scripts/build.js

jest: setup tools
	@mkdir -p .tmp
	set -o pipefail; $(JEST) --ci 2>&1 | tee .tmp/jest.log

conformance: setup tools ## generator + runtime over node-soap's corpus (../shared/corpus/node-soap): pass rates, every failure; skipped when absent
	$(RUN) tools/conformance/main.ts

demo-run: setup
	@mkdir -p .tmp
	set -o pipefail; $(RUN) examples/demo.ts 2>&1 | tee .tmp/demo.log
	set -o pipefail; SOGENACTIF_WIRE=json $(RUN) examples/demo.ts 2>&1 | tee .tmp/demo-json.log

leak-scan: ## scan the captured test and demo output for keys, card numbers and IBANs
	node scripts/leak-scan.js .tmp/jest.log .tmp/demo.log .tmp/demo-json.log

test: setup format-check check-generated typecheck jest conformance demo-run contract-ci pack-check leak-scan shared-summary ## install and run every check

shared-summary: ## one line: what make test skipped for want of $(SHARED) (seeds, node-soap corpus) and why
	@skipped=''; \
	[ -f $(SHARED)/seeds/office-server-methods.txt ] || skipped="$$skipped; seed coverage (test/interop/contract-coverage.test.ts: no $(SHARED)/seeds/office-server-methods.txt, the published method list)"; \
	[ -d $(SHARED)/corpus/node-soap ] || skipped="$$skipped; node-soap conformance (make conformance: no $(SHARED)/corpus/node-soap, the third-party WSDL corpus)"; \
	if [ -n "$$skipped" ]; then echo "SKIPPED without $(SHARED) (research material beside the repository, not part of a clone)$$skipped"; \
	else echo "$(SHARED) present: seed coverage and node-soap conformance ran"; fi

demo: setup generate ## start the embedded simulator and run a merchant flow through the typed client
	$(RUN) examples/demo.ts

contract-ci: setup ## a merchant's CI recipe: fetch-wsdl, diff --fail-on breaking, generate, --check (ENV=PROD|TEST|URL; default: the simulator; DICTIONARY=DIR: your own entries)
	DICTIONARY=$(DICTIONARY) bash scripts/contract-ci.sh $(ENV)

pack-check: build ## npm pack both packages, install into empty projects: the runtime alone (no dependency), require() + import, the CLI, generated code in three project kinds, the README simulator example
	bash scripts/pack-check.sh

bench: build ## ours against node-soap and wsdl-tsclient, same run: prints a table, writes tools/bench/results.json
	$(RUN) tools/bench/run.ts

clean: ## remove build output
	rm -rf packages/runtime/dist packages/tools/dist .tmp
