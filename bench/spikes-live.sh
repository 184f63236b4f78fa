#!/usr/bin/env bash
# Spikes through the whole server and client, on release builds, loopback only, bounded in time:
#   screen    spike → raster on screen: aureusd replays a 96-channel synthetic array at real time, an
#             aureus dashboard under tmux (spikes pane zoomed) logs every draw with --trace-spikes; the
#             latency of a draw is drawn_ms − oldest_frame_ms (a frame's time is when its oldest spike
#             was detected, so this is the worst case per draw). Target ≤ 100 ms.
#   server    a 1,024 ch × 20 kHz synthetic source at speed 0 (as fast as possible) through the server's
#             run loop (filter, noise, detector, exclusion, snippets, history, frames, summaries), with
#             the dashboard attached: channel-samples per second of wall time and of detector time.
# Usage: bench/spikes-live.sh [SECONDS]   (per phase; default 15)
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${AUREUS_BIN_DIR:-.build/release}
SECONDS_PER_PHASE=${1:-15}
WORK=$(mktemp -d /tmp/aureus-bench-spikes-live.XXXXXX)
SESSION=aureus-bench-spikes-live
SERVER=""
cleanup() {
  tmux kill-session -t $SESSION 2>/dev/null || true
  [ -n "$SERVER" ] && kill -TERM "$SERVER" 2>/dev/null && wait "$SERVER" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

source bench/lib.sh
start_aureusd "$WORK/data" "$WORK/server.log"
password_file="$WORK/data/initial-admin-password"
call() { XDG_CONFIG_HOME="$WORK/cli" "$BIN/aureus" call "$1" "$2" --server "$url" --user admin --password-file "$password_file"; }
field() { sed -n "s/.*\"$1\" *: *\"\{0,1\}\([^,\"}]*\).*/\1/p" | head -1; }

echo "machine: $(nproc) cpu, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load $(cut -d' ' -f1-3 /proc/loadavg)"

# Phase 1: real-time Utah-sized array, latency to the screen.
id=$(call neural.sources.start '{"kind":"synthetic","name":"utah","synthetic":{"channels":96,"sampleRate":30000,"units":40,"seconds":4,"seed":2026}}' | field id)
tmux new-session -d -s $SESSION -x 160 -y 50 \
  "XDG_CONFIG_HOME=$WORK/tui $BIN/aureus --server $url --user admin --password-file $password_file --trace-spikes $WORK/trace; sleep 1"
for _ in $(seq 1 100); do tmux capture-pane -p -t $SESSION | grep -q "Spikes" && break; sleep 0.05; done
tmux send-keys -t $SESSION 5
tmux send-keys -t $SESSION z
sleep 2
: >"$WORK/trace.mark"
start_line=$(wc -l <"$WORK/trace" 2>/dev/null || echo 0)
sleep "$SECONDS_PER_PHASE"
tail -n +"$((start_line + 1))" "$WORK/trace" \
  | sed -n 's/.*oldest_frame_ms=\([0-9]*\).*drawn_ms=\([0-9]*\).*/\1 \2/p' \
  | awk '{ print $2 - $1 }' | sort -n >"$WORK/latency"
n=$(wc -l <"$WORK/latency")
if [ "$n" -gt 0 ]; then
  p50=$(awk -v n="$n" 'NR == int(n * 0.50) + 1' "$WORK/latency")
  p95=$(awk -v n="$n" 'NR == int(n * 0.95) + 1' "$WORK/latency")
  p99=$(awk -v n="$n" 'NR == int(n * 0.99) + 1' "$WORK/latency")
  max=$(tail -1 "$WORK/latency")
  echo "screen: 96 ch × 30 kHz real time, spike → raster drawn: n=$n draws p50=${p50}ms p95=${p95}ms p99=${p99}ms max=${max}ms (target ≤ 100 ms)"
else
  echo "screen: no spikes frame reached the dashboard's screen"
fi
call neural.sources.stop "{\"id\":\"$id\"}" >/dev/null

# Phase 2: a Neuralink-class stream flat out through the server's run loop.
id=$(call neural.sources.start '{"kind":"synthetic","name":"n1024","speed":0,"synthetic":{"channels":1024,"sampleRate":20000,"units":300,"seconds":2,"seed":42}}' | field id)
sleep 2
before=$(call neural.sources.list '{}' | tr '{' '\n' | grep "\"$id\"" | field samplesProcessed)
t0=$(date +%s.%N)
sleep "$SECONDS_PER_PHASE"
info=$(call neural.sources.list '{}' | tr '{' '\n' | grep "\"$id\"")
t1=$(date +%s.%N)
after=$(echo "$info" | field samplesProcessed)
detector=$(echo "$info" | field detectorThroughput)
awk -v a="$after" -v b="$before" -v t0="$t0" -v t1="$t1" -v d="$detector" 'BEGIN {
  wall = (a - b) * 1024 / (t1 - t0)
  printf "server: 1,024 ch × 20 kHz flat out: %.1f M ch-samples/s wall (%.1f× real time), %.1f M/s of detector time (target ≥ 143 M/s, 7× real time)\n", wall / 1e6, wall / 20480000, d / 1e6
}'
rss=$(awk '/VmRSS/ {print $2}' /proc/$SERVER/status)
echo "server RSS with the 1,024-channel source: $((rss / 1024)) MiB"
call neural.sources.stop "{\"id\":\"$id\"}" >/dev/null
tmux send-keys -t $SESSION q
