#!/usr/bin/env bash
# Webhook ingestion on PostgreSQL + Redis: one aureusd, then two behind no proxy (each gets half
# the wrk connections), same machine, same run, same pre-signed unique bodies method as
# bench/ingest.sh. Prints req/s for each and the ratio (issue 7's target: two ≥ 1.6 × one).
# Both instances, PostgreSQL, Redis and wrk share this machine's cores: on a 2-core VM the
# ratio measures contention as much as scale-out. Usage: bench/ingest-cluster.sh [DURATION] [CONNS]
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${AUREUS_BIN_DIR:-.build/release}
DURATION=${1:-15s}
CONNS=${2:-100}
COUNT=${COUNT:-600000}
WORK=$(mktemp -d /tmp/aureus-bench-cluster.XXXXXX)
PIDS=()
SVC=""
cleanup() {
  for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  [ -n "$SVC" ] && scripts/test-services.sh stop "$SVC" >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT

SVC=$(mktemp -d /tmp/aureus-bench-svc.XXXXXX)
chmod 755 "$SVC"
scripts/test-services.sh start "$SVC" >/dev/null
# shellcheck disable=SC1091
source "$SVC/env"
psql "$AUREUS_TEST_DATABASE_URL" -qc "CREATE DATABASE aureus_cluster" >/dev/null
DB=${AUREUS_TEST_DATABASE_URL%/*}/aureus_cluster

start() {  # $1 name → sets PORT (not echoed: a $(…) would wait on the server's inherited stdout)
  local name=$1
  "$BIN/aureusd" serve --listen 127.0.0.1:0 --port-file "$WORK/$name.port" --data-dir "$WORK/data-$name" --log-level error \
    --database-url "$DB" --redis-url "$AUREUS_TEST_REDIS_URL" >/dev/null 2>"$WORK/$name.log" &
  PIDS+=($!)
  while [ ! -s "$WORK/$name.port" ]; do sleep 0.05; done
  PORT=$(cat "$WORK/$name.port")
  until curl -fsS "http://127.0.0.1:$PORT/ready" >/dev/null 2>&1; do sleep 0.05; done
}

rps() { awk '/Requests\/sec/{printf "%.0f", $2}' "$1"; }

start a; A=$PORT
"$BIN/aureus-bench" webhooks --url "ws://127.0.0.1:$A/v1/ws" --password-file "$WORK/data-a/initial-admin-password" \
  --count "$COUNT" --kinds standard --out "$WORK/bodies.tsv" >/dev/null
# Three disjoint thirds: the single-instance run, and one per instance in the two-instance run.
split -n l/3 -d "$WORK/bodies.tsv" "$WORK/part"
wrk -t2 -c"$CONNS" -d2s "http://127.0.0.1:$A/health" >/dev/null
wrk -t2 -c"$CONNS" -d"$DURATION" -s bench/wrk_webhooks.lua "http://127.0.0.1:$A" -- "$WORK/part00" 2 >"$WORK/one.wrk" 2>&1
one=$(rps "$WORK/one.wrk")

start b; B=$PORT
wrk -t1 -c$((CONNS / 2)) -d"$DURATION" -s bench/wrk_webhooks.lua "http://127.0.0.1:$A" -- "$WORK/part01" 1 >"$WORK/two-a.wrk" 2>&1 &
wa=$!
wrk -t1 -c$((CONNS / 2)) -d"$DURATION" -s bench/wrk_webhooks.lua "http://127.0.0.1:$B" -- "$WORK/part02" 1 >"$WORK/two-b.wrk" 2>&1 &
wb=$!
wait $wa $wb
two=$(( $(rps "$WORK/two-a.wrk") + $(rps "$WORK/two-b.wrk") ))
sleep 0.5
stored=$(psql "$DB" -Atc "SELECT count(*) FROM webhook_deliveries")
echo "one instance:  $one req/s (PostgreSQL + Redis, $CONNS connections, $DURATION)"
echo "two instances: $two req/s ($(rps "$WORK/two-a.wrk") + $(rps "$WORK/two-b.wrk")), ratio $(awk -v a="$two" -v b="$one" 'BEGIN{printf "%.2f", a/b}') (target ≥ 1.6); $stored deliveries stored in all"
