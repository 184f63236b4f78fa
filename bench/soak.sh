#!/usr/bin/env bash
# Drill (e), on demand: aureusd on the embedded store at a steady webhook rate for SECONDS
# (default 3600) with ten aureus dashboards attached under tmux; resident memory sampled once
# warm and at the end must grow less than 5 %. RATE defaults to 500/s: set it to half of what
# `make bench-ingest` measured on the machine. WORKERS (default 8) is how many requests are in
# flight, each on its own keep-alive connection and thread.
# One verdict line. Loopback only.
# Usage: bench/soak.sh [SECONDS] [RATE] [WORKERS]
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_TOTAL=${1:-3600}
RATE=${2:-500}
WORKERS=${3:-8}
BIN=${AUREUS_BIN_DIR:-$PWD/.build/release}
[ -x "$BIN/aureusd" ] && [ -x "$BIN/aureus" ] && [ -x "$BIN/aureus-bench" ] || { echo "soak: no $BIN/aureusd, aureus or aureus-bench (make release, or set AUREUS_BIN_DIR)" >&2; exit 1; }
swift build --build-tests >/dev/null
LOG=$(mktemp /tmp/aureus-soak.XXXXXX)
status=0
AUREUS_BIN_DIR=$BIN AUREUS_SOAK_SECONDS=$SECONDS_TOTAL AUREUS_SOAK_RATE=$RATE AUREUS_SOAK_WORKERS=$WORKERS \
  timeout $((SECONDS_TOTAL + 600)) swift test --skip-build --filter drillSoakWithTenDashboards >"$LOG" 2>&1 || status=$?
grep -a '^drill e' "$LOG" || echo "soak: no verdict (exit $status); log: $LOG"
[ "$status" -eq 0 ] && ! grep -aq '^drill e.*FAIL' "$LOG"
