# Shared by the bench scripts (source it): start aureusd on a free loopback port and wait until
# /ready. Sets SERVER (pid), port and url. Needs BIN and WORK.
#   start_aureusd DATA_DIR LOG_FILE [extra aureusd serve flags...]
start_aureusd() {
  local data=$1 log=$2
  shift 2
  rm -f "$WORK/port"
  "$BIN/aureusd" serve --listen 127.0.0.1:0 --port-file "$WORK/port" --data-dir "$data" --log-level error "$@" 2>"$log" &
  SERVER=$!
  while [ ! -s "$WORK/port" ]; do sleep 0.01; done
  port=$(cat "$WORK/port")
  url="ws://127.0.0.1:$port/v1/ws"
  until curl -fsS "http://127.0.0.1:$port/ready" >/dev/null 2>&1; do sleep 0.01; done
}
