#!/usr/bin/env bash
# Throwaway PostgreSQL and Redis for `make test`.
#
#   scripts/test-services.sh start DIR   # start both, write DIR/env (source it)
#   scripts/test-services.sh stop DIR    # stop both, remove DIR (idempotent)
#
# Why a script and not the distro services: CI machines and fresh Debian 12 boxes have the
# `postgresql` and `redis-server` packages installed but their services not running (no
# systemd in containers), and tests must never touch a real database. Everything lives in DIR,
# listens on 127.0.0.1 only, on free ports, with durability off (tests do not need it).
#
# initdb and postgres refuse to run as root, so as root the PostgreSQL side runs as the
# unprivileged system user `aureus-test` (created on first use) and DIR is chowned to it.
set -euo pipefail

readonly TEST_USER=aureus-test
readonly MARKER=.aureus-test-services
readonly WAIT_SECONDS=30

die() {
    echo "test-services: $*" >&2
    exit 1
}

usage() {
    echo "usage: $0 start DIR | stop DIR | postgres-stop DIR | postgres-start DIR" >&2
    exit 2
}

# Runs a command as the PostgreSQL owner: ourselves, or TEST_USER when we are root.
as_pg_user() {
    if [ "$(id -u)" -eq 0 ]; then
        runuser -u "$TEST_USER" -- "$@"
    else
        "$@"
    fi
}

# The directory holding initdb/pg_ctl: pg_config's answer when it has them, else the newest
# /usr/lib/postgresql/*/bin (Debian installs no pg_config without libpq-dev).
pg_bindir() {
    local dir
    if command -v pg_config >/dev/null 2>&1; then
        dir="$(pg_config --bindir 2>/dev/null || true)"
        if [ -n "$dir" ] && [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then
            echo "$dir"
            return
        fi
    fi
    dir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
    [ -n "$dir" ] && [ -x "$dir/initdb" ] || die "no PostgreSQL server binaries found (apt install postgresql)"
    echo "$dir"
}

port_in_use() {
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# A free loopback port in 20000-59999; a taken one is retried (bash has no bind(0)).
free_port() {
    local port attempt
    for attempt in $(seq 1 50); do
        port=$((20000 + (RANDOM * 32768 + RANDOM) % 40000))
        if ! port_in_use "$port"; then
            echo "$port"
            return
        fi
    done
    die "no free port found"
}

ensure_test_user() {
    if ! id "$TEST_USER" >/dev/null 2>&1; then
        useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin "$TEST_USER" \
            || die "could not create system user $TEST_USER"
    fi
}

# Called when start fails: stop what runs, keep DIR and its logs for the reader.
fail_start() {
    local dir="$1"
    shift
    echo "test-services: $*" >&2
    for log in "$dir/pg.log" "$dir/redis/redis.log"; do
        if [ -f "$log" ]; then
            echo "--- last lines of $log" >&2
            tail -n 20 "$log" >&2 || true
        fi
    done
    stop_processes "$dir"
    echo "test-services: logs kept in $dir; run '$0 stop $dir' to remove it" >&2
    exit 1
}

start_postgres() {
    local dir="$1" port="$2" bindir
    bindir="$(pg_bindir)"
    mkdir -p "$dir/pg" "$dir/run"
    if [ "$(id -u)" -eq 0 ]; then
        ensure_test_user
        chown -R "$TEST_USER" "$dir"
        as_pg_user test -w "$dir/run" \
            || fail_start "$dir" "$TEST_USER cannot write $dir/run: a parent directory is not traversable; use a DIR under /tmp"
    fi
    as_pg_user "$bindir/initdb" --pgdata="$dir/pg" --auth=trust --username=postgres \
        --encoding=UTF8 --locale=C --no-sync >"$dir/initdb.log" 2>&1 \
        || fail_start "$dir" "initdb failed: $(tail -n 5 "$dir/initdb.log")"
    # Settings go into the file (not `pg_ctl -o`) so a DIR with spaces needs no extra quoting.
    cat >>"$dir/pg/postgresql.conf" <<EOF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$dir/run'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 100
EOF
    as_pg_user "$bindir/pg_ctl" --pgdata="$dir/pg" --log="$dir/pg.log" --wait --timeout="$WAIT_SECONDS" start >/dev/null \
        || fail_start "$dir" "PostgreSQL did not start on 127.0.0.1:$port"
    local deadline=$((SECONDS + WAIT_SECONDS))
    until "$bindir/pg_isready" --quiet --host=127.0.0.1 --port="$port" --username=postgres; do
        [ "$SECONDS" -lt "$deadline" ] || fail_start "$dir" "PostgreSQL not accepting connections on 127.0.0.1:$port after ${WAIT_SECONDS}s"
        sleep 0.2
    done
}

start_redis() {
    local dir="$1" port="$2"
    command -v redis-server >/dev/null 2>&1 || fail_start "$dir" "redis-server not found (apt install redis-server)"
    mkdir -p "$dir/redis"
    echo "$port" >"$dir/redis.port"
    redis-server --port "$port" --bind 127.0.0.1 --save '' --appendonly no --daemonize yes \
        --dir "$dir/redis" --pidfile "$dir/redis/redis.pid" --logfile "$dir/redis/redis.log" \
        || fail_start "$dir" "redis-server failed to start on 127.0.0.1:$port"
    local deadline=$((SECONDS + WAIT_SECONDS))
    until [ "$(redis-cli -h 127.0.0.1 -p "$port" ping 2>/dev/null)" = "PONG" ]; do
        [ "$SECONDS" -lt "$deadline" ] || fail_start "$dir" "Redis not answering PING on 127.0.0.1:$port after ${WAIT_SECONDS}s"
        sleep 0.1
    done
}

start() {
    local dir="$1"
    if [ -e "$dir" ] && [ -n "$(ls -A "$dir" 2>/dev/null)" ]; then
        die "$dir exists and is not empty; run '$0 stop $dir' first"
    fi
    mkdir -p "$dir"
    dir="$(cd "$dir" && pwd)"
    touch "$dir/$MARKER"
    local pg_port redis_port
    pg_port="$(free_port)"
    redis_port="$(free_port)"
    while [ "$redis_port" = "$pg_port" ]; do redis_port="$(free_port)"; done
    start_postgres "$dir" "$pg_port"
    start_redis "$dir" "$redis_port"
    cat >"$dir/env" <<EOF
export AUREUS_TEST_DATABASE_URL=postgres://postgres@127.0.0.1:$pg_port/postgres
export AUREUS_TEST_REDIS_URL=redis://127.0.0.1:$redis_port
EOF
    echo "test-services: PostgreSQL on 127.0.0.1:$pg_port, Redis on 127.0.0.1:$redis_port; source $dir/env"
}

# Stops whatever of the two is running in DIR; each half tolerates the other being absent.
stop_processes() {
    local dir="$1" bindir port pid
    if [ -f "$dir/pg/postmaster.pid" ]; then
        bindir="$(pg_bindir)"
        as_pg_user "$bindir/pg_ctl" --pgdata="$dir/pg" --mode=fast --wait --timeout="$WAIT_SECONDS" stop >/dev/null 2>&1 || {
            pid="$(head -n 1 "$dir/pg/postmaster.pid" 2>/dev/null || true)"
            [ -n "$pid" ] && kill -9 "$pid" 2>/dev/null || true
        }
    fi
    # The port file is written before redis-server starts, so a lost pidfile still gets a SHUTDOWN.
    pid="$(cat "$dir/redis/redis.pid" 2>/dev/null || true)"
    port="$(cat "$dir/redis.port" 2>/dev/null || true)"
    if [ -n "$port" ]; then
        redis-cli -h 127.0.0.1 -p "$port" shutdown nosave >/dev/null 2>&1 || true
    fi
    if [ -n "$pid" ]; then
        for _ in $(seq 1 50); do
            kill -0 "$pid" 2>/dev/null || return 0
            sleep 0.1
        done
        kill -9 "$pid" 2>/dev/null || true
    fi
}

stop() {
    local dir="$1"
    [ -e "$dir" ] || return 0
    [ -f "$dir/$MARKER" ] || die "$dir was not made by '$0 start' (no $MARKER); not removing it"
    stop_processes "$dir"
    rm -rf -- "$dir"
}

# For the drills: take PostgreSQL down (fast shutdown, as a restart would) and bring it back
# on the same port and data, leaving Redis alone.
postgres_stop() {
    local dir="$1"
    [ -f "$dir/$MARKER" ] || die "$dir was not made by '$0 start'"
    as_pg_user "$(pg_bindir)/pg_ctl" --pgdata="$dir/pg" --mode=fast --wait --timeout="$WAIT_SECONDS" stop >/dev/null
}

postgres_start() {
    local dir="$1"
    [ -f "$dir/$MARKER" ] || die "$dir was not made by '$0 start'"
    as_pg_user "$(pg_bindir)/pg_ctl" --pgdata="$dir/pg" --log="$dir/pg.log" --wait --timeout="$WAIT_SECONDS" start >/dev/null
}

[ $# -eq 2 ] || usage
[ -n "$2" ] && [ "$2" != "/" ] || usage
case "$1" in
start) start "$2" ;;
stop) stop "$2" ;;
postgres-stop) postgres_stop "$2" ;;
postgres-start) postgres_start "$2" ;;
*) usage ;;
esac
