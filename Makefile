# Aureus — the two commands a newcomer needs are `make demo` and `make test`.
SHELL := /bin/bash
SWIFT ?= swift
APT_PACKAGES := libncursesw5-dev libpq-dev libhiredis-dev libssl-dev libsodium-dev libsqlite3-dev \
                zlib1g-dev pkg-config postgresql redis-server tmux curl procps sqlite3 wrk python3
FORMAT_PATHS := Package.swift Core Server TUI Tests bench Fuzz
# Seconds per fuzz target: the short run in `make test`, and `make fuzz`'s default.
FUZZ_SMOKE_SECONDS ?= 15
FUZZ_SECONDS ?= 600
BIN := .build/debug

.PHONY: all deps build release test lint format fuzz fuzz-smoke demo bench bench-ingest bench-approvals bench-query bench-spikes drills clean

all: build

## deps: install the missing apt packages (idempotent; root or sudo).
deps:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi; \
	  $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	  $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
	else echo "apt packages: all present"; fi

## build: debug build of aureusd and aureus.
build: deps
	$(SWIFT) build --product aureusd
	$(SWIFT) build --product aureus

## release: optimised build (benchmarks).
release: deps
	$(SWIFT) build -c release --product aureusd
	$(SWIFT) build -c release --product aureus
	$(SWIFT) build -c release --product aureus-bench

## lint: swift-format in strict mode over every Swift file.
lint:
	$(SWIFT) format lint --strict --recursive $(FORMAT_PATHS)

## format: rewrite files with swift-format.
format:
	$(SWIFT) format format --in-place --recursive $(FORMAT_PATHS)

## test: lint, then unit + integration (real PostgreSQL and Redis on loopback) + tmux end-to-end tests, then fuzz-smoke.
test: deps lint
	$(SWIFT) build --build-tests
	$(SWIFT) build --product aureusd
	$(SWIFT) build --product aureus
	@svc=$$(mktemp -d /tmp/aureus-test-services.XXXXXX); \
	trap 'scripts/test-services.sh stop '"$$svc"' >/dev/null 2>&1 || true' EXIT; \
	scripts/test-services.sh start $$svc && source $$svc/env && \
	AUREUS_BIN_DIR=$$PWD/$(BIN) $(SWIFT) test --skip-build
	$(MAKE) fuzz-smoke

## fuzz-smoke: every libFuzzer target for FUZZ_SMOKE_SECONDS (15 s) from its seeds; fails on any crash, hang or leak.
fuzz-smoke: deps
	scripts/fuzz.sh $(FUZZ_SMOKE_SECONDS)

## fuzz: every libFuzzer target for FUZZ_SECONDS (600 s each); FUZZ_TARGETS="FuzzWAV FuzzMAT" picks some (docs/fuzzing.md).
fuzz: deps
	scripts/fuzz.sh $(FUZZ_SECONDS) $(FUZZ_TARGETS)

## demo: build, start aureusd on a fresh embedded store with demo traffic, open the TUI logged in as admin.
demo: build
	scripts/demo.sh

## bench: the Foundation targets (ready time, hello p99, idle RSS, first frame).
bench: deps release
	bench/foundation.sh

## bench-ingest: webhook ingestion on SQLite and PostgreSQL next to the seed anchor (wrk, 100 connections).
bench-ingest: deps release
	bench/ingest.sh

## bench-approvals: decision signing rate, approvals.decide latency, submit → other TUI latency.
bench-approvals: deps release
	bench/approvals.sh

## bench-query: aggregate vs sqlite3/psql on 1M rows, first page on screen, client RSS (bench/query.sh).
bench-query: deps release
	bench/query.sh

## bench-spikes: spike DSP throughput and accuracy vs SpikeInterface 0.105.3 on the same recordings (bench/spikes.sh),
## then spike → raster latency and the server's 1,024-channel run loop (bench/spikes-live.sh).
bench-spikes: deps release
	bench/spikes.sh
	bench/spikes-live.sh

## drills: the fault drills at full length (60 s each; make test runs them for 8 s): SIGKILL, PostgreSQL restart,
## Redis stop, concurrent approvals on two instances; one verdict line each (bench/drills.sh).
drills: deps release
	bench/drills.sh

clean:
	rm -rf .build Fuzz/.build
