#!/usr/bin/env bash
# Query REPL targets, on release builds, loopback only:
#   aggregate   GROUP BY over 1,000,000 biometric rows through query.run, within 1.2× of the
#               sqlite3 CLI (.timer) on the same file, and of psql (\timing) on PostgreSQL
#   first page  Enter → first page of a 1,000,000-row result drawn in `aureus repl` under tmux (≤ 150 ms)
#   client RSS  peak RSS of `aureus repl` paging through, and of `aureus query` streaming, the
#               whole 1,000,000-row result (≤ 100 MiB)
# Usage: bench/query.sh [ROWS] [RUNS]   (default 1000000 rows, 7 runs)
# PostgreSQL: set AUREUS_BENCH_DATABASE_URL to a superuser URL, or the script starts a
# throwaway server with scripts/test-services.sh when the PostgreSQL binaries are installed.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${AUREUS_BIN_DIR:-.build/release}
ROWS=${1:-1000000}
RUNS=${2:-7}
WORK=$(mktemp -d /tmp/aureus-bench-query.XXXXXX)
SERVER=""
SERVICES=""
cleanup() {
  tmux kill-session -t aureus-bench-query 2>/dev/null || true
  [ -n "$SERVER" ] && kill -TERM "$SERVER" 2>/dev/null && wait "$SERVER" 2>/dev/null || true
  [ -n "$SERVICES" ] && scripts/test-services.sh stop "$SERVICES" >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT

AGGREGATE="SELECT metric, count(*) AS n, avg(value) AS mean, min(value) AS lo, max(value) AS hi FROM biometrics GROUP BY metric ORDER BY metric"
# The same aggregate over the tables behind the dataset view, for the reference CLIs.
RAW_AGGREGATE="SELECT s.metric, count(*), avg(s.value), min(s.value), max(s.value) FROM biometric_samples s JOIN webhook_sources w ON w.id = s.source_id GROUP BY s.metric ORDER BY s.metric"
seed_sql() { # $1: the row generator's "FROM" clause producing i = 1..ROWS
  cat <<SQL
INSERT INTO webhook_sources (name, kind, current_secret, created_ms) VALUES ('oura-bench', 'oura', 'bench-secret', 0);
INSERT INTO webhook_deliveries (source_id, event_id, received_ms, raw_compressed, raw_size) SELECT id, 'seed', 0, $2, 1 FROM webhook_sources;
INSERT INTO biometric_samples (delivery_id, source_id, user_pseudonym, metric, value, unit, time_ms)
SELECT (SELECT min(id) FROM webhook_deliveries), (SELECT min(id) FROM webhook_sources), 'user-' || (i % 5000),
       CASE i % 4 WHEN 0 THEN 'heart_rate' WHEN 1 THEN 'hrv' WHEN 2 THEN 'steps' ELSE 'spo2' END, (i % 97) + 40.5, 'u',
       1700000000000 + i * 1000
$1;
SQL
}
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

start_server() { # extra aureusd flags
  rm -f "$WORK/port"
  "$BIN/aureusd" serve --listen 127.0.0.1:0 --port-file "$WORK/port" --data-dir "$WORK/data" --log-level error \
    --query-admin-row-limit 2000000 "$@" 2>>"$WORK/server.log" &
  SERVER=$!
  while [ ! -s "$WORK/port" ]; do sleep 0.01; done
  PORT=$(cat "$WORK/port")
  URL="ws://127.0.0.1:$PORT/v1/ws"
  until curl -fsS "http://127.0.0.1:$PORT/ready" >/dev/null 2>&1; do sleep 0.02; done
}
stop_server() { kill -TERM "$SERVER"; wait "$SERVER" 2>/dev/null || true; SERVER=""; }

# --- SQLite: migrate, seed with the sqlite3 CLI, then serve.
start_server
stop_server
DB="$WORK/data/aureus.sqlite"
seed_sql "FROM (WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $ROWS) SELECT i FROM n)" "x'00'" | sqlite3 "$DB"
echo "seeded $(sqlite3 "$DB" 'SELECT count(*) FROM biometric_samples') biometric rows into $DB"
start_server
PASSWORD_FILE="$WORK/data/initial-admin-password"

for _ in $(seq 1 "$RUNS"); do
  printf '.timer on\n%s;\n' "$RAW_AGGREGATE" | sqlite3 -readonly "$DB" | awk '/^Run Time/ { print $4 * 1000 }'
done > "$WORK/sqlite-ms"
"$BIN/aureus-bench" query --url "$URL" --password-file "$PASSWORD_FILE" --sql "$AGGREGATE" --runs "$RUNS" | tee "$WORK/aureus-sqlite"
sqlite_ms=$(median < "$WORK/sqlite-ms")
aureus_ms=$(sed -E 's/.*p50=([0-9.]+)ms.*/\1/' "$WORK/aureus-sqlite")
awk -v a="$aureus_ms" -v s="$sqlite_ms" 'BEGIN { printf "aggregate (SQLite): aureus p50 %.1f ms, sqlite3 CLI median %.1f ms → %.2f× (target ≤ 1.2×)\n", a, s, a / s }'

# --- First page on screen, and client memory.
tmux new-session -d -s aureus-bench-query -x 200 -y 50 \
  "XDG_CONFIG_HOME=$WORK/tui XDG_STATE_HOME=$WORK/state $BIN/aureus repl --server $URL --user admin --password-file $PASSWORD_FILE --trace-query $WORK/trace; sleep 1"
for _ in $(seq 1 200); do tmux capture-pane -p -t aureus-bench-query | grep -q "sql>\|=>" && break; sleep 0.05; done
for run in $(seq 1 "$RUNS"); do
  # A trailing ';' would end tmux's command: escape it.
  tmux send-keys -t aureus-bench-query -l 'SELECT * FROM biometrics\;'
  tmux send-keys -t aureus-bench-query Enter
  for _ in $(seq 1 200); do [ "$(wc -l < "$WORK/trace" 2>/dev/null || echo 0)" -ge "$run" ] && break; sleep 0.05; done
  sleep 0.3
done
awk '{ for (i = 1; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] } printf "%.2f\n", v["drawn_ms"] - v["enter_ms"] }' "$WORK/trace" > "$WORK/first-page-ms"
echo "first page on screen: runs=$(wc -l < "$WORK/first-page-ms") median=$(median < "$WORK/first-page-ms") ms max=$(sort -n "$WORK/first-page-ms" | tail -1) ms (target ≤ 150 ms)"
# Page through the whole result: the REPL keeps a bounded window whatever the size.
REPL_PID=$(pgrep -n -f "aureus repl --server $URL" || true)
tmux send-keys -t aureus-bench-query BTab  # focus the result
deadline=$((SECONDS + 90))
while [ "$SECONDS" -lt "$deadline" ]; do
  for _ in $(seq 1 25); do tmux send-keys -t aureus-bench-query End; sleep 0.02; done
  tmux capture-pane -p -t aureus-bench-query | grep -q "(more)" || break
done
sleep 1
if [ -n "$REPL_PID" ]; then
  echo "aureus repl after paging to row $(tmux capture-pane -p -t aureus-bench-query | grep -oE 'rows [0-9,–-]+' | tail -1): peak RSS $(awk '/VmHWM/ { printf "%.1f", $2 / 1024 }' /proc/$REPL_PID/status) MiB (target ≤ 100 MiB)"
fi
tmux send-keys -t aureus-bench-query Escape '\q' Enter 2>/dev/null || true
/usr/bin/time -f "%M" -o "$WORK/query-rss" "$BIN/aureus" query --server "$URL" --user admin --password-file "$PASSWORD_FILE" \
  --format csv -c "SELECT * FROM biometrics" > "$WORK/all.csv" 2>/dev/null
echo "aureus query --format csv: $(($(wc -l < "$WORK/all.csv") - 1)) rows streamed, peak RSS $(awk '{ printf "%.1f", $1 / 1024 }' "$WORK/query-rss") MiB (target ≤ 100 MiB)"
stop_server

# --- PostgreSQL: the same rows, aureusd against it, psql \timing beside it.
PG_URL=${AUREUS_BENCH_DATABASE_URL:-}
if [ -z "$PG_URL" ]; then
  # Its own directory: the PostgreSQL user must be able to enter it (WORK is private).
  SERVICES=$(mktemp -d /tmp/aureus-bench-pg.XXXXXX)
  if scripts/test-services.sh start "$SERVICES" >/dev/null 2>&1; then
    # shellcheck disable=SC1091
    source "$SERVICES/env"
    PG_URL=$AUREUS_TEST_DATABASE_URL
  else
    echo "PostgreSQL: skipped (no AUREUS_BENCH_DATABASE_URL and no local PostgreSQL binaries)"
    exit 0
  fi
fi
psql -q "$PG_URL" -c "DROP DATABASE IF EXISTS aureus_bench WITH (FORCE)" -c "CREATE DATABASE aureus_bench" >/dev/null
BENCH_URL="${PG_URL%/*}/aureus_bench"
rm -rf "$WORK/data"
start_server --database-url "$BENCH_URL"
seed_sql "FROM generate_series(1, $ROWS) AS i" "'\\x00'::bytea" | psql -q "$BENCH_URL" >/dev/null
psql -q "$BENCH_URL" -c "ANALYZE" >/dev/null
for _ in $(seq 1 "$RUNS"); do
  psql -X "$BENCH_URL" -c '\timing on' -c "$RAW_AGGREGATE" | awk '/^Time:/ { print $2 }'
done > "$WORK/psql-ms"
"$BIN/aureus-bench" query --url "$URL" --password-file "$WORK/data/initial-admin-password" --sql "$AGGREGATE" --runs "$RUNS" | tee "$WORK/aureus-pg"
psql_ms=$(median < "$WORK/psql-ms")
aureus_ms=$(sed -E 's/.*p50=([0-9.]+)ms.*/\1/' "$WORK/aureus-pg")
awk -v a="$aureus_ms" -v s="$psql_ms" 'BEGIN { printf "aggregate (PostgreSQL): aureus p50 %.1f ms, psql median %.1f ms → %.2f× (target ≤ 1.2×)\n", a, s, a / s }'
