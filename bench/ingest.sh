#!/usr/bin/env bash
# make bench-ingest: webhook ingestion, aureusd (embedded SQLite and PostgreSQL) next to the
# seed anchor (../shared/bench/seed-anchor), with the same wrk method: pre-signed unique bodies,
# 100 connections, wrk on the same box. One line per configuration:
#   req/s, p50/p99 latency, server peak RSS, acknowledged (200s) vs stored rows.
# Then one line for acknowledgement → `rates` event at a subscribed client (aureus-bench ack-rates).
# Loopback only; every run is bounded by DURATION. Usage: bench/ingest.sh [DURATION] [CONNS]
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
BIN=${AUREUS_BIN_DIR:-.build/release}
DURATION=${1:-15s}
CONNS=${2:-100}
THREADS=${THREADS:-2}
KINDS=${KINDS:-standard}
COUNT=${COUNT:-450000}
WORK=$(mktemp -d /tmp/aureus-bench-ingest.XXXXXX)
SEED_DIR=${SEED_DIR:-$ROOT/../shared/bench/seed-anchor}
SERVER=""
SVC=""
cleanup() {
  [ -n "$SERVER" ] && kill -TERM "$SERVER" 2>/dev/null && wait "$SERVER" 2>/dev/null || true
  [ -n "$SVC" ] && scripts/test-services.sh stop "$SVC" >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT

to_ms() { awk -v v="$1" 'BEGIN{ if (v ~ /us$/) printf "%.2f", v/1000; else if (v ~ /ms$/) printf "%.2f", v+0; else if (v ~ /s$/) printf "%.2f", v*1000; else print "?" }'; }

printf '%-24s %9s %8s %8s %8s %8s %10s %10s %s\n' config req_s p50_ms p99_ms non2xx rss_MiB acked stored match

run_aureusd() {  # $1 label, $2.. extra serve args
  local label=$1; shift
  local data=$WORK/data-$label
  rm -f "$WORK/port"
  "$BIN/aureusd" serve --listen 127.0.0.1:0 --port-file "$WORK/port" --data-dir "$data" --log-level error "$@" 2>"$WORK/$label.log" &
  SERVER=$!
  while [ ! -s "$WORK/port" ]; do kill -0 $SERVER || { cat "$WORK/$label.log"; exit 1; }; sleep 0.05; done
  local port; port=$(cat "$WORK/port")
  until curl -fsS "http://127.0.0.1:$port/ready" >/dev/null 2>&1; do sleep 0.05; done
  "$BIN/aureus-bench" webhooks --url "ws://127.0.0.1:$port/v1/ws" --password-file "$data/initial-admin-password" \
    --count "$COUNT" --kinds "$KINDS" --out "$WORK/bodies.tsv" >/dev/null
  wrk -t"$THREADS" -c"$CONNS" -d2s "http://127.0.0.1:$port/health" >/dev/null
  wrk -t"$THREADS" -c"$CONNS" -d"$DURATION" --latency -s bench/wrk_webhooks.lua "http://127.0.0.1:$port" -- "$WORK/bodies.tsv" "$THREADS" \
    >"$WORK/$label.wrk" 2>&1
  # RSS right after the load. Not VmHWM: the admin login before the load runs Argon2id, whose
  # 64 MiB work area would dominate the peak without saying anything about ingestion.
  local hwm; hwm=$(awk '/VmRSS/ {print int($2/1024)}' /proc/$SERVER/status)
  sleep 0.5   # responses wrk stopped waiting for still commit; count after they settle
  kill -TERM $SERVER; wait $SERVER 2>/dev/null || true; SERVER=""
  local stored
  if [ "$label" = sqlite ]; then
    stored=$(sqlite3 "$data/aureus.sqlite" "SELECT count(*) FROM webhook_deliveries")
  else
    stored=$(psql "$AUREUS_TEST_DATABASE_URL_BENCH" -Atc "SELECT count(*) FROM webhook_deliveries")
  fi
  report "aureusd-$label-c$CONNS" "$WORK/$label.wrk" "$hwm" "$stored"
}

report() {  # label wrkfile hwm stored
  local out=$2
  local rps p50 p99 non2xx acked match
  rps=$(awk '/Requests\/sec/{printf "%.0f", $2}' "$out")
  p50=$(to_ms "$(awk '$1=="50%"{print $2}' "$out")")
  p99=$(to_ms "$(awk '$1=="99%"{print $2}' "$out")")
  non2xx=$(awk '/Non-2xx/{print $NF}' "$out"); non2xx=${non2xx:-0}
  acked=$(sed -n 's/^acked_200=\([0-9]*\).*/\1/p' "$out"); acked=${acked:-?}
  # stored may exceed acked by requests still in flight when wrk stopped (wrk ignores late replies).
  if [ "$acked" != "?" ] && [ "$4" -ge "$acked" ] && [ $(( $4 - acked )) -le "$CONNS" ]; then match="ok(stored-acked=$(( $4 - acked )))"; else match="MISMATCH"; fi
  printf '%-24s %9s %8s %8s %8s %8s %10s %10s %s\n' "$1" "$rps" "$p50" "$p99" "$non2xx" "$3" "$acked" "$4" "$match"
}

run_aureusd sqlite

SVC=$(mktemp -d /tmp/aureus-bench-svc.XXXXXX)
scripts/test-services.sh start "$SVC" >/dev/null
# shellcheck disable=SC1091
source "$SVC/env"
psql "$AUREUS_TEST_DATABASE_URL" -qc "CREATE DATABASE aureus_bench" >/dev/null
AUREUS_TEST_DATABASE_URL_BENCH=${AUREUS_TEST_DATABASE_URL%/*}/aureus_bench
run_aureusd postgres --database-url "$AUREUS_TEST_DATABASE_URL_BENCH"

# The seed anchor, same machine, same run, its own wrk script and bodies.
if [ -d "$SEED_DIR" ]; then
  if [ ! -x /tmp/seedvenv/bin/uvicorn ]; then
    python3 -m venv /tmp/seedvenv && /tmp/seedvenv/bin/pip install -q fastapi 'uvicorn[standard]' aiosqlite >/dev/null
  fi
  (cd "$SEED_DIR" && CONFIGS="sqlite:1:$CONNS" DURATION=$DURATION NBODIES=${SEED_BODIES:-200000} WORK=$WORK/seed ./run.sh) | tail -n +2 \
    | awk '{printf "%-24s %9s %8s %8s %8s %8s %10s %10s %s\n", "seed-anchor-"$1, $2, $4, $5, $6, $9, $10, $11, ($11>=$10 ? "ok" : "MISMATCH")}'
else
  echo "seed anchor not found at $SEED_DIR"
fi

# Acknowledgement → `rates` event at a subscribed client (target p99 ≤ 20 ms), one webhook
# every 300 ms so the topic's 4-per-second coalescing is not what gets measured.
rm -f "$WORK/port"
"$BIN/aureusd" serve --listen 127.0.0.1:0 --port-file "$WORK/port" --data-dir "$WORK/data-ack" --log-level error 2>"$WORK/ack.log" &
SERVER=$!
while [ ! -s "$WORK/port" ]; do kill -0 $SERVER || { cat "$WORK/ack.log"; exit 1; }; sleep 0.05; done
port=$(cat "$WORK/port")
until curl -fsS "http://127.0.0.1:$port/ready" >/dev/null 2>&1; do sleep 0.05; done
"$BIN/aureus-bench" ack-rates --url "ws://127.0.0.1:$port/v1/ws" --password-file "$WORK/data-ack/initial-admin-password" \
  --count "${ACK_COUNT:-200}" --interval-ms 300
kill -TERM $SERVER; wait $SERVER 2>/dev/null || true; SERVER=""
