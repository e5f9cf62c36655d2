#!/usr/bin/env bash
# A throwaway PostgreSQL for the server's storage tests: Debian's binaries
# (/usr/lib/postgresql/*/bin), a cluster of its own under target/pg-test,
# listening on 127.0.0.1 only, trust authentication, no systemd and no
# pg_ctlcluster. Started once and reused: every command is safe to repeat.
#
#   scripts/test-postgres.sh [start]  start (or reuse) the cluster, print the URL
#   scripts/test-postgres.sh env      the same, printed as a shell line:
#                                       eval "$(scripts/test-postgres.sh env)"
#   scripts/test-postgres.sh url      the URL of the running cluster (fails if down)
#   scripts/test-postgres.sh status   running or not
#   scripts/test-postgres.sh stop     stop it (the data stays for the next start)
#   scripts/test-postgres.sh clean    stop it and delete it
#
# Run as root, the cluster belongs to the `postgres` system user (PostgreSQL
# refuses to run as root); otherwise it belongs to whoever runs this.
#
# Settings (environment):
#   CAREDESK_PG_DIR   where the cluster lives (default: target/pg-test)
#   CAREDESK_PG_PORT  the first port to try (default 55432; the next free
#                     one of 100 is taken when it is busy)
#
# The database is `caredesk_test`, the superuser `postgres`: the tests create
# a database of their own per test through it and drop it afterwards.
set -euo pipefail
shopt -s inherit_errexit  # `url="$(start)"` stops at the first failure too

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DIR="${CAREDESK_PG_DIR:-$ROOT/target/pg-test}"
FIRST_PORT="${CAREDESK_PG_PORT:-55432}"
NAME=test-postgres
PORT_VARIABLE=CAREDESK_PG_PORT
# shellcheck source=lib/throwaway.sh
source "$ROOT/scripts/lib/throwaway.sh"
DATABASE=caredesk_test
SUPERUSER=postgres

# --- who runs the cluster ---------------------------------------------------
AS=()
if [ "$(id -u)" -eq 0 ]; then
  id postgres >/dev/null 2>&1 ||
    die "running as root needs the 'postgres' system user: install the postgresql package (scripts/install-deps.sh)"
  AS=(runuser -u postgres --)
fi
as_owner() { "${AS[@]}" "$@"; }

# --- the binaries: the newest installed major version -----------------------
find_bindir() {
  local dir best="" best_major=0 major
  for dir in /usr/lib/postgresql/*/bin; do
    [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ] || continue
    major="$(basename "$(dirname "$dir")")"
    major="${major%%.*}"
    [[ "$major" =~ ^[0-9]+$ ]] || continue
    if [ "$major" -gt "$best_major" ]; then
      best="$dir"
      best_major="$major"
    fi
  done
  [ -n "$best" ] || die "no PostgreSQL server binaries in /usr/lib/postgresql/*/bin: run scripts/install-deps.sh (Debian packages postgresql, postgresql-client)"
  printf '%s\n' "$best"
}

DATA="$DIR/data"
RUN="$DIR/run"          # the Unix socket and the server log: the owner writes here
PORT_FILE="$DIR/port"
LOG="$RUN/postgres.log"

url_for() { printf 'postgres://%s@127.0.0.1:%s/%s\n' "$SUPERUSER" "$1" "$DATABASE"; }

running() {
  [ -f "$DATA/PG_VERSION" ] || return 1
  as_owner "$BIN/pg_ctl" status -D "$DATA" >/dev/null 2>&1 || return 1
  # A killed server that nobody reaped (a container without an init) is a
  # zombie that pg_ctl takes for a live one.
  local pid state
  pid="$(as_owner head -n 1 "$DATA/postmaster.pid" 2>/dev/null || true)"
  state="$(sed -e 's/^.*) //' "/proc/$pid/stat" 2>/dev/null | cut -d' ' -f1 || true)"
  [ "$state" != Z ]
}

# The port of the running cluster: line 4 of its postmaster.pid.
running_port() {
  local port
  port="$(as_owner sed -n 4p "$DATA/postmaster.pid" 2>/dev/null || true)"
  [[ "$port" =~ ^[0-9]+$ ]] || port="$(cat "$PORT_FILE" 2>/dev/null || true)"
  [[ "$port" =~ ^[0-9]+$ ]] || die "cannot tell the port of the cluster in $DATA: scripts/test-postgres.sh stop, then start"
  printf '%s\n' "$port"
}

psql_admin() {
  local port="$1"; shift
  "$BIN/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" -U "$SUPERUSER" -d postgres "$@"
}

# The directories, owned by whoever runs the cluster.
prepare_dirs() {
  mkdir -p "$DIR"
  # Nothing to share: the directory is this test cluster's alone. When it
  # was made by someone else (root before, a user now), say so plainly.
  [ -w "$DIR" ] || die "$DIR is not writable by $(id -un): remove it or set CAREDESK_PG_DIR"
  if [ "${#AS[@]}" -gt 0 ]; then
    # The owner must reach the directory: a home directory may be closed.
    if ! as_owner test -x "$DIR"; then
      die "the postgres user cannot enter $DIR (a parent directory is closed): set CAREDESK_PG_DIR to a directory it can reach, e.g. /tmp/caredesk-pg-test"
    fi
    mkdir -p "$RUN"
    chown postgres: "$RUN"
    if [ -d "$DATA" ] && [ "$(stat -c %U "$DATA")" != postgres ]; then
      chown -R postgres: "$DATA"
    fi
  else
    mkdir -p "$RUN"
  fi
  chmod 0700 "$RUN"
}

init_cluster() {
  local version
  if [ -f "$DATA/PG_VERSION" ]; then
    version="$(cat "$DATA/PG_VERSION")"
    [ "$version" = "$MAJOR" ] && return 0
    say "the cluster in $DATA is PostgreSQL $version, the binaries $MAJOR: making a new one"
  fi
  rm -rf "$DATA"
  mkdir -p "$DATA"
  [ "${#AS[@]}" -eq 0 ] || chown postgres: "$DATA"
  chmod 0700 "$DATA"
  say "initdb $DATA (PostgreSQL $MAJOR)"
  as_owner "$BIN/initdb" -D "$DATA" -U "$SUPERUSER" -A trust -E UTF8 --no-locale >"$DIR/initdb.log" 2>&1 ||
    { cat "$DIR/initdb.log" >&2; die "initdb failed"; }
  # Only TCP on localhost and the cluster's own socket; trust, like a test
  # fixture: nothing here is worth a password.
  cat >"$DIR/pg_hba.conf" <<'EOF'
# caredesk test cluster: local connections only, no passwords.
local all all              trust
host  all all 127.0.0.1/32 trust
host  all all ::1/128      trust
EOF
  as_owner cp "$DIR/pg_hba.conf" "$DATA/pg_hba.conf"
  rm -f "$DIR/pg_hba.conf"
  # Throwaway data: durability traded for speed.
  as_owner tee -a "$DATA/postgresql.conf" >/dev/null <<'EOF'

# caredesk test cluster (scripts/test-postgres.sh)
listen_addresses = '127.0.0.1'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 200
shared_buffers = 32MB
EOF
}

start_cluster() {
  local port attempt
  for attempt in 1 2 3; do
    port="$(free_port)"
    say "starting PostgreSQL $MAJOR on 127.0.0.1:$port ($DATA)"
    # 9>&-: the server must not inherit the lock of this start.
    if as_owner "$BIN/pg_ctl" start -D "$DATA" -l "$LOG" -w -t 60 \
      -o "-p $port -k $RUN" >/dev/null 9>&-; then
      printf '%s\n' "$port" >"$PORT_FILE"
      return 0
    fi
    # Someone took the port between the probe and the bind: try the next.
    say "start failed (attempt $attempt); the log says:"
    tail -n 5 "$LOG" >&2 || true
  done
  die "PostgreSQL did not start: see $LOG"
}

ensure_database() {
  local port="$1" exists
  exists="$(psql_admin "$port" -tAc "SELECT 1 FROM pg_database WHERE datname = '$DATABASE'")"
  if [ "$exists" != 1 ]; then
    psql_admin "$port" -c "CREATE DATABASE $DATABASE" ||
      # Two starts at once: the other one made it.
      [ "$(psql_admin "$port" -tAc "SELECT 1 FROM pg_database WHERE datname = '$DATABASE'")" = 1 ]
  fi
}

# Starts (or reuses) the cluster and prints its URL.
start() {
  mkdir -p "$DIR"
  # One start at a time: two `make test` runs at once share the cluster.
  exec 9>"$DIR/lock"
  flock -w 120 9 || die "another start holds $DIR/lock"
  prepare_dirs
  local port
  if running; then
    port="$(running_port)"
  else
    init_cluster
    start_cluster
    port="$(cat "$PORT_FILE")"
  fi
  # Ready for connections (pg_ctl -w waited, but a reused one may be busy starting).
  local tries=0
  until "$BIN/pg_isready" -q -h 127.0.0.1 -p "$port"; do
    tries=$((tries + 1))
    [ "$tries" -lt 60 ] || die "PostgreSQL on port $port does not answer: see $LOG"
    sleep 0.5
  done
  ensure_database "$port"
  exec 9>&-
  url_for "$port"
}

stop() {
  if running; then
    say "stopping the cluster in $DATA"
    as_owner "$BIN/pg_ctl" stop -D "$DATA" -m fast -w >/dev/null
  else
    say "not running"
  fi
}

BIN="$(find_bindir)"
MAJOR="$(basename "$(dirname "$BIN")")"

case "${1:-start}" in
  start)
    start
    ;;
  env)
    url="$(start)"
    printf 'export CAREDESK_TEST_POSTGRES=%q\n' "$url"
    ;;
  url)
    running || die "not running: scripts/test-postgres.sh start"
    url_for "$(running_port)"
    ;;
  status)
    if running; then
      say "running: $(url_for "$(running_port)")"
    else
      say "not running"
      exit 3
    fi
    ;;
  stop)
    stop
    ;;
  clean)
    stop
    rm -rf "$DIR"
    say "removed $DIR"
    ;;
  -h | --help | help)
    sed -n '2,/^set -euo/p' "$0" | sed -e '$d' -e 's/^# \{0,1\}//'
    ;;
  *)
    die "unknown command '$1' (start | env | url | status | stop | clean)"
    ;;
esac
