#!/usr/bin/env bash
# A throw-away PostgreSQL server for the tests: `. .ci/postgres.sh; pg_test_start; ...; pg_test_stop`.
# Installs the distribution's server when none is there (CI runs as root on a fresh Debian
# machine), runs it as a non-root user on a temporary data folder and port, creates a user with a
# password and a database, and exports WOWCOACH_TEST_PG, the URL the ledger tests read.

pg_bin() {
    local dir
    if command -v pg_ctl >/dev/null && command -v initdb >/dev/null; then
        dirname "$(command -v pg_ctl)"
        return
    fi
    dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
    [ -n "$dir" ] && echo "$dir"
}

pg_psql() {  # the client of the same version, else any
    if [ -x "$1/psql" ]; then echo "$1/psql"; else command -v psql; fi
}

pg_test_start() {
    local bin owner port
    bin=$(pg_bin)
    if [ -z "$bin" ]; then
        if [ "$(id -u)" != 0 ]; then
            echo "PostgreSQL is not installed: install the 'postgresql' package, or run as root." >&2
            return 1
        fi
        DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
        bin=$(pg_bin)
    fi
    PG_TEST_DIR=$(mktemp -d /tmp/wowcoach-pg.XXXXXX)
    owner=()
    if [ "$(id -u)" = 0 ]; then  # the server refuses to run as root
        id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
        chown postgres "$PG_TEST_DIR"
        owner=(runuser -u postgres --)
    fi
    port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    echo "postgres-superuser-pw" > "$PG_TEST_DIR/pw"
    chmod 600 "$PG_TEST_DIR/pw"
    [ "$(id -u)" = 0 ] && chown postgres "$PG_TEST_DIR/pw"
    cd "$PG_TEST_DIR"  # a folder the server's user may enter (the checkout may be in /root)
    "${owner[@]}" "$bin/initdb" -D "$PG_TEST_DIR/data" -U postgres --pwfile="$PG_TEST_DIR/pw" \
        --auth-local=trust --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >"$PG_TEST_DIR/initdb.log" 2>&1 \
        || { cat "$PG_TEST_DIR/initdb.log" >&2; return 1; }
    PG_TEST_CTL=("${owner[@]}" "$bin/pg_ctl" -D "$PG_TEST_DIR/data")
    "${PG_TEST_CTL[@]}" -w -l "$PG_TEST_DIR/server.log" \
        -o "-k $PG_TEST_DIR -p $port -h 127.0.0.1 -c max_connections=200 -c fsync=off" start >/dev/null \
        || { cat "$PG_TEST_DIR/server.log" >&2; return 1; }
    "${owner[@]}" "$(pg_psql "$bin")" -q -h "$PG_TEST_DIR" -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1 \
        -c "CREATE ROLE wowcoach LOGIN PASSWORD 'wowcoach-test-pw'" -c "CREATE DATABASE wowcoach_test OWNER wowcoach" >/dev/null
    cd - >/dev/null
    export WOWCOACH_TEST_PG="postgresql://wowcoach:wowcoach-test-pw@127.0.0.1:$port/wowcoach_test"
}

pg_test_stop() {
    if [ -n "${PG_TEST_DIR:-}" ]; then
        [ -z "${PG_TEST_CTL+x}" ] || (cd "$PG_TEST_DIR" && "${PG_TEST_CTL[@]}" -m fast stop >/dev/null 2>&1) || true
        rm -rf "$PG_TEST_DIR"
        PG_TEST_DIR=
    fi
}
