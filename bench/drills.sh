#!/usr/bin/env bash
# The fault drills of issue 7 (docs/deployment.md, "Drills"), full length, loopback only, one verdict line each:
#   a  SIGKILL one of two instances (PostgreSQL + Redis) every 2 s under webhook load
#   b  PostgreSQL down for 2 s under load, then back: 503 meanwhile, recovery ≤ 5 s
#   c  Redis down for 2 s under load on two instances: local fan-out, store dedup, recovery ≤ 5 s
#   d  two instances, concurrent approvals on both and audit appends: exact quorums, one valid chain
# Every drill checks that each acknowledged webhook id is stored exactly once. `make test` runs
# the same drills for 8 s; this runs them for SECONDS (default 60) and REQUESTS approvals (200).
# The drills live in the test suite (Tests/EndToEndTests/Drills, ClusterApprovalDrillTests), so
# this builds the tests; the aureusd under test is AUREUS_BIN_DIR (default .build/release).
# Usage: bench/drills.sh [SECONDS] [REQUESTS]
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_DRILL=${1:-60}
REQUESTS=${2:-200}
BIN=${AUREUS_BIN_DIR:-$PWD/.build/release}
[ -x "$BIN/aureusd" ] || { echo "drills: no $BIN/aureusd (make release, or set AUREUS_BIN_DIR)" >&2; exit 1; }
swift build --build-tests >/dev/null
SVC=$(mktemp -d /tmp/aureus-drills-services.XXXXXX)
chmod 755 "$SVC"
LOG=$(mktemp /tmp/aureus-drills.XXXXXX)
trap 'scripts/test-services.sh stop "$SVC" >/dev/null 2>&1 || true' EXIT
scripts/test-services.sh start "$SVC" >/dev/null
# shellcheck disable=SC1091
source "$SVC/env"
status=0
AUREUS_BIN_DIR=$BIN AUREUS_DRILL_SECONDS=$SECONDS_PER_DRILL AUREUS_DRILL_REQUESTS=$REQUESTS \
  timeout $((SECONDS_PER_DRILL * 4 + 300)) swift test --skip-build --filter 'drill|ClusterApprovalDrillTests' >"$LOG" 2>&1 || status=$?
grep -a '^drill ' "$LOG" | sort
if [ "$status" -ne 0 ] || grep -aq '^drill .*FAIL' "$LOG"; then
  echo "drills: FAILED (exit $status); full log: $LOG"
  exit 1
fi
echo "drills: all passed (log: $LOG)"
