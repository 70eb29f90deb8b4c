#!/usr/bin/env bash
# Starts a throw-away PostgreSQL server for the test suite and prints its connection string.
#
#   scripts/postgres-ci.sh          install (apt-get, if missing), init, start; idempotent
#   scripts/postgres-ci.sh --stop   stop the server started by this script
#
# Progress goes to stderr; the last (and only) line on stdout is
#   TEST_DATABASE_URL=postgres://USER:PASSWORD@127.0.0.1:PORT/DATABASE
# so callers can run:  export "$(scripts/postgres-ci.sh | tail -n 1)"
#
# The cluster lives in $PG_CI_DIR (default /tmp/woo-xero-postgres-ci), owned by the `postgres` user
# when run as root (PostgreSQL refuses to run as root), listening on 127.0.0.1 only, on the first
# free port from $PG_CI_PORT (default 54329). The test role may create databases: the suite makes
# one per test file and drops it afterwards.
set -euo pipefail

PG_CI_DIR="${PG_CI_DIR:-/tmp/woo-xero-postgres-ci}"
PG_CI_PORT="${PG_CI_PORT:-54329}"
TEST_ROLE="${PG_CI_ROLE:-woo_xero_test}"
TEST_PASSWORD="${PG_CI_PASSWORD:-woo_xero_test}"
TEST_DB="${PG_CI_DATABASE:-woo_xero_test}"
DATA_DIR="$PG_CI_DIR/data"
SOCKET_DIR="$PG_CI_DIR/socket"
PORT_FILE="$PG_CI_DIR/port"

log() { echo "postgres-ci: $*" >&2; }
die() {
  log "error: $*"
  exit 1
}

find_bin_dir() {
  local dir
  dir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
  if [[ -n "$dir" && -x "$dir/pg_ctl" ]]; then echo "$dir"; fi
}

install_postgres() {
  [[ "$(id -u)" == 0 ]] || die "PostgreSQL is not installed and installing it needs root (apt-get install postgresql)"
  log "installing PostgreSQL with apt-get"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update >&2
  apt-get install -y --no-install-recommends postgresql >&2
}

# Runs a command as the cluster owner: `postgres` when we are root, ourselves otherwise.
as_owner() {
  if [[ "$(id -u)" == 0 ]]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

free_port() {
  local port="$1"
  while port_in_use "$port"; do
    port=$((port + 1))
    ((port < 65535)) || die "no free TCP port found"
  done
  echo "$port"
}

is_running() { [[ -f "$DATA_DIR/PG_VERSION" ]] && as_owner "$BIN/pg_ctl" status -D "$DATA_DIR" >/dev/null 2>&1; }

init_cluster() {
  mkdir -p "$PG_CI_DIR"
  chmod 0755 "$PG_CI_DIR"
  if [[ "$(id -u)" == 0 ]]; then chown postgres: "$PG_CI_DIR"; fi
  as_owner mkdir -p "$SOCKET_DIR"
  if [[ ! -f "$DATA_DIR/PG_VERSION" ]]; then
    log "initialising a cluster in $DATA_DIR"
    as_owner "$BIN/initdb" -D "$DATA_DIR" -U postgres -E UTF8 --no-locale \
      --auth-local=trust --auth-host=scram-sha-256 >&2
  fi
}

start_cluster() {
  local port
  port="$(free_port "$(cat "$PORT_FILE" 2>/dev/null || echo "$PG_CI_PORT")")"
  log "starting PostgreSQL on 127.0.0.1:$port"
  as_owner "$BIN/pg_ctl" start -w -t 60 -D "$DATA_DIR" -l "$PG_CI_DIR/server.log" \
    -o "-p $port -k $SOCKET_DIR -c listen_addresses=127.0.0.1 -c fsync=off" >&2 ||
    die "server did not start; see $PG_CI_DIR/server.log"
  as_owner sh -c "echo $port > '$PORT_FILE'"
}

psql_admin() {
  as_owner "$BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$SOCKET_DIR" -p "$PORT" -U postgres -d postgres "$@"
}

ensure_role_and_database() {
  psql_admin -v role="$TEST_ROLE" -v password="$TEST_PASSWORD" <<'SQL' >&2
SELECT format('CREATE ROLE %I LOGIN CREATEDB', :'role') WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'role')
\gexec
SELECT format('ALTER ROLE %I WITH LOGIN CREATEDB PASSWORD %L', :'role', :'password')
\gexec
SQL
  psql_admin -v role="$TEST_ROLE" -v db="$TEST_DB" <<'SQL' >&2
SELECT format('CREATE DATABASE %I OWNER %I', :'db', :'role') WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = :'db')
\gexec
SQL
}

BIN="$(find_bin_dir)"

if [[ "${1:-}" == "--stop" ]]; then
  if [[ -n "$BIN" ]] && is_running; then
    as_owner "$BIN/pg_ctl" stop -w -m fast -D "$DATA_DIR" >&2
  fi
  log "stopped"
  exit 0
fi

if [[ -z "$BIN" ]]; then
  install_postgres
  BIN="$(find_bin_dir)"
  [[ -n "$BIN" ]] || die "pg_ctl not found under /usr/lib/postgresql after installing"
fi
log "using $BIN"

init_cluster
if is_running; then
  log "already running"
else
  start_cluster
fi
PORT="$(cat "$PORT_FILE")"
ensure_role_and_database

echo "TEST_DATABASE_URL=postgres://$TEST_ROLE:$TEST_PASSWORD@127.0.0.1:$PORT/$TEST_DB"
