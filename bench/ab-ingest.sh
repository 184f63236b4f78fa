#!/usr/bin/env bash
# A/B of two (or more) aureusd binaries on webhook ingestion, embedded SQLite, alternating runs so
# drift on a shared VM hits both alike: wrk -t2 -c100 with pre-signed unique bodies, one line per
# run (req/s, p50/p99, RSS after the load, acknowledged vs stored). Loopback only.
# Usage: bench/ab-ingest.sh ROUNDS DURATION AUREUSD_A AUREUSD_B [...]
set -euo pipefail
cd "$(dirname "$0")/.."
BENCH=${AUREUS_BIN_DIR:-.build/release}/aureus-bench
ROUNDS=$1; DURATION=$2; shift 2
for round in $(seq 1 "$ROUNDS"); do
  for bin in "$@"; do
    work=$(mktemp -d /tmp/aureus-ab.XXXXXX)
    "$bin" serve --listen 127.0.0.1:0 --port-file "$work/port" --data-dir "$work/data" --log-level error 2>"$work/log" &
    server=$!
    while [ ! -s "$work/port" ]; do kill -0 $server || { cat "$work/log"; exit 1; }; sleep 0.05; done
    port=$(cat "$work/port")
    until curl -fsS "http://127.0.0.1:$port/ready" >/dev/null 2>&1; do sleep 0.05; done
    "$BENCH" webhooks --url "ws://127.0.0.1:$port/v1/ws" --password-file "$work/data/initial-admin-password" \
      --count 300000 --kinds standard --out "$work/bodies.tsv" >/dev/null
    wrk -t2 -c100 -d2s "http://127.0.0.1:$port/health" >/dev/null
    wrk -t2 -c100 -d"$DURATION" --latency -s bench/wrk_webhooks.lua "http://127.0.0.1:$port" -- "$work/bodies.tsv" 2 >"$work/wrk.txt" 2>&1
    rss=$(awk '/VmRSS/ {print int($2 / 1024)}' /proc/$server/status)
    sleep 0.5
    kill -TERM $server; wait $server 2>/dev/null || true
    stored=$(sqlite3 "$work/data/aureus.sqlite" "SELECT count(*) FROM webhook_deliveries")
    printf '%-28s round %d  %s  %s  rss=%sMiB  %s stored=%s\n' "$bin" "$round" \
      "$(awk '/Requests\/sec/ {printf "req/s=%.0f", $2}' "$work/wrk.txt")" \
      "$(awk '$1=="50%" {printf "p50=%s", $2} $1=="99%" {printf " p99=%s", $2}' "$work/wrk.txt")" \
      "$rss" "$(grep acked_200 "$work/wrk.txt")" "$stored"
    rm -rf "$work"
  done
done
