#!/usr/bin/env bash
# make demo: a fresh embedded store, aureusd in the background, a few users so the audit trail
# has something to show, signed demo webhooks of every kind (aureusd simulate) so the rates
# pane is alive, three approval requests (one per risk level) for the approvals pane, a
# synthetic 96-channel neural source for the spikes pane, then the
# aureus dashboard logged in as the bootstrap admin, who holds a confirmed approver key.
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

umask 077
for spec in ana:analyst abe:approver vic:viewer ops:admin; do
  name=${spec%%:*}
  head -c 18 /dev/urandom | base64 >"$DATA/password-$name"
  "$BIN/aureusd" users add "$name" --role "${spec##*:}" --password-stdin --data-dir "$DATA" <"$DATA/password-$name" >/dev/null 2>>"$LOG"
done

# Demo approvals: the dashboard's admin gets an approver key (confirmed by the second admin,
# since nobody confirms their own), and ana submits one request per risk level. The demo's
# client config (session cache, approver key) lives under the data directory, not in ~/.config.
URL="ws://127.0.0.1:$PORT/v1/ws"
export XDG_CONFIG_HOME="$DATA/client"
as() { local user=$1; shift; XDG_CONFIG_HOME="$DATA/client-$user" "$BIN/aureus" "$@" --server "$URL" --user "$user" \
  --password-file "$( [ "$user" = admin ] && echo "$DATA/initial-admin-password" || echo "$DATA/password-$user")"; }
"$BIN/aureus" keys init >>"$LOG"
key_id=$("$BIN/aureus" keys register --server "$URL" --user admin --password-file "$DATA/initial-admin-password" | awk '{print $2}')
as ops call keys.confirm "{\"keyID\":\"$key_id\"}" >>"$LOG"
as ana call approvals.submit '{"type":"deployment","payload":{"service":"bridge","environment":"production","version":"2.4.1"},"reason":"roll out the new bridge"}' >>"$LOG"
as ana call approvals.submit '{"type":"payment","payload":{"amount":4200,"currency":"EUR","recipient":"Lab Supplies GmbH"},"reason":"electrodes, invoice 1187"}' >>"$LOG"
as ana call approvals.submit '{"type":"data_export","payload":{"dataset":"hrv_daily","classification":"public","rows":1200},"reason":"open-data release"}' >>"$LOG"

# Neural activity for the spikes pane: a 96-channel synthetic array (Utah-sized) at real time,
# looping 4 s of generated ground truth (~46 MB of samples in memory).
as ana call neural.sources.start '{"kind":"synthetic","name":"demo-utah-96ch","synthetic":{"channels":96,"sampleRate":30000,"units":40,"seconds":4,"seed":2026}}' >>"$LOG"

"$BIN/aureusd" simulate --server "$URL" --password-file "$DATA/initial-admin-password" \
  --rate "${AUREUS_DEMO_RATE:-25}" >>"$LOG" 2>&1 &
SIMULATOR=$!

echo "aureusd is running on 127.0.0.1:$PORT (log: $LOG); opening the dashboard as admin…"
"$BIN/aureus" --server "$URL" --user admin --password-file "$DATA/initial-admin-password" "$@"
