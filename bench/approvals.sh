#!/usr/bin/env bash
# Approval targets, on release builds, loopback only, bounded in time:
#   crypto    decisions signed and verified per second on one core (≥ 20,000/s)
#   decide    approvals.decide round trip, client signing included (p95 ≤ 5 ms)
#   topic     submit → the event reaching another connected client
#   TUI       submit → the request drawn in another aureus dashboard under tmux (≤ 100 ms)
# Usage: bench/approvals.sh [COUNT]   (COUNT requests, 20 ms apart; default 500)
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${AUREUS_BIN_DIR:-.build/release}
COUNT=${1:-500}
WORK=$(mktemp -d /tmp/aureus-bench-approvals.XXXXXX)
SERVER=""
cleanup() {
  tmux kill-session -t aureus-bench-approvals 2>/dev/null || true
  [ -n "$SERVER" ] && kill -TERM "$SERVER" 2>/dev/null && wait "$SERVER" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

"$BIN/aureus-bench" approvals-crypto --seconds 3 | sed 's/^/crypto: /'

source bench/lib.sh
start_aureusd "$WORK/data" "$WORK/server.log"
password_file="$WORK/data/initial-admin-password"

# A dashboard that records when each request first reaches its screen.
tmux new-session -d -s aureus-bench-approvals -x 160 -y 48 \
  "XDG_CONFIG_HOME=$WORK/tui $BIN/aureus --server $url --user admin --password-file $password_file --trace-approvals $WORK/drawn; sleep 1"
for _ in $(seq 1 100); do tmux capture-pane -p -t aureus-bench-approvals | grep -q "Approvals" && break; sleep 0.05; done

"$BIN/aureus-bench" approvals --url "$url" --password-file "$password_file" --count "$COUNT" --submit-log "$WORK/submitted" \
  | sed 's/^/server: /'
sleep 0.5
tmux send-keys -t aureus-bench-approvals q

# Join submit times with draw times (same machine, same wall clock).
awk 'NR==FNR { sent[$1] = $2; next } ($1 in sent) { print $2 - sent[$1] }' "$WORK/submitted" "$WORK/drawn" | sort -n > "$WORK/tui-ms"
n=$(wc -l < "$WORK/tui-ms")
if [ "$n" -gt 0 ]; then
  p50=$(awk -v n="$n" 'NR == int(n * 0.50) + 1' "$WORK/tui-ms")
  p95=$(awk -v n="$n" 'NR == int(n * 0.95) + 1 || (NR == n && int(n * 0.95) + 1 > n)' "$WORK/tui-ms" | head -1)
  max=$(tail -1 "$WORK/tui-ms")
  echo "TUI: submit → drawn in another dashboard: n=$n p50=${p50}ms p95=${p95}ms max=${max}ms (target ≤ 100 ms)"
else
  echo "TUI: no request reached the dashboard's screen"
fi
rss=$(awk '/VmRSS/ {print $2}' /proc/$SERVER/status)
echo "server RSS after the run: $((rss / 1024)) MiB"
