#!/usr/bin/env bash
# make demo: a fresh embedded store, aureusd in the background, a few users so the audit trail
# has something to show, signed demo webhooks of every kind (aureusd simulate) so the rates
# pane is alive, then the aureus dashboard logged in as the bootstrap admin.
# The server and the simulator stop when the TUI exits.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${AUREUS_BIN_DIR:-.build/debug}
DATA=${AUREUS_DEMO_DATA:-./data-demo}
PORT=${AUREUS_DEMO_PORT:-8889}
LOG=$DATA.log

rm -rf "$DATA"
mkdir -p "$DATA"
"$BIN/aureusd" serve --listen "127.0.0.1:$PORT" --data-dir "$DATA" >"$LOG" 2>&1 &
SERVER=$!
SIMULATOR=""
trap 'kill -TERM $SIMULATOR $SERVER 2>/dev/null; wait $SERVER 2>/dev/null || true' EXIT

for _ in $(seq 1 100); do
  if curl -fsS "http://127.0.0.1:$PORT/ready" >/dev/null 2>&1; then break; fi
  if ! kill -0 $SERVER 2>/dev/null; then echo "aureusd failed to start; see $LOG" >&2; cat "$LOG" >&2; exit 1; fi
  sleep 0.1
done
curl -fsS "http://127.0.0.1:$PORT/ready" >/dev/null || { echo "aureusd is not ready; see $LOG" >&2; exit 1; }

for spec in ana:analyst abe:approver vic:viewer; do
  head -c 18 /dev/urandom | base64 | "$BIN/aureusd" users add "${spec%%:*}" --role "${spec##*:}" --password-stdin \
    --data-dir "$DATA" >/dev/null 2>>"$LOG"
done

"$BIN/aureusd" simulate --server "ws://127.0.0.1:$PORT/v1/ws" --password-file "$DATA/initial-admin-password" \
  --rate "${AUREUS_DEMO_RATE:-25}" >>"$LOG" 2>&1 &
SIMULATOR=$!

echo "aureusd is running on 127.0.0.1:$PORT (log: $LOG); opening the dashboard as admin…"
"$BIN/aureus" --server "ws://127.0.0.1:$PORT/v1/ws" --user admin --password-file "$DATA/initial-admin-password" "$@"
