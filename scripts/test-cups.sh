#!/usr/bin/env bash
# A throwaway CUPS for the print dispatch tests: Debian's cupsd with a
# configuration of its own under target/cups-test, listening on 127.0.0.1
# only, no systemd, no authentication, and one queue, CareDesk-PDF, whose
# printer is cups-pdf writing into a known folder. Started once and reused:
# every command is safe to repeat. The system's own CUPS (if any) is left
# alone.
#
#   scripts/test-cups.sh [start]  start (or reuse) it, print the server (host:port)
#   scripts/test-cups.sh env      the same, printed as shell lines:
#                                   eval "$(scripts/test-cups.sh env)"
#   scripts/test-cups.sh status   running or not
#   scripts/test-cups.sh stop     stop it (the queue stays for the next start)
#   scripts/test-cups.sh clean    stop it and delete it
#
# `env` prints CAREDESK_TEST_CUPS (the server, for `lp -h`),
# CAREDESK_TEST_CUPS_QUEUE, CAREDESK_TEST_CUPS_CLOSED (a second queue that
# refuses every job) and CAREDESK_TEST_CUPS_OUT (where cups-pdf writes the
# PDFs it prints), which crates/print/tests/dispatch_cups.rs reads.
#
# Needs root: cupsd runs its backends as root, and cups-pdf reads its
# per-queue configuration only from /etc/cups (cups-pdf-<name>.conf, written
# here with a name of this checkout's own so two checkouts never share one).
#
# Settings (environment):
#   CAREDESK_CUPS_DIR   where it lives (default: target/cups-test)
#   CAREDESK_CUPS_PORT  the first port to try (default 56310; the next free
#                       one of 100 is taken when it is busy)
set -euo pipefail
shopt -s inherit_errexit

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DIR="${CAREDESK_CUPS_DIR:-$ROOT/target/cups-test}"
FIRST_PORT="${CAREDESK_CUPS_PORT:-56310}"
NAME=test-cups
PORT_VARIABLE=CAREDESK_CUPS_PORT
# shellcheck source=lib/throwaway.sh
source "$ROOT/scripts/lib/throwaway.sh"
QUEUE=CareDesk-PDF
CLOSED=CareDesk-Closed  # a queue that refuses jobs (cupsreject), for the refusal test
PPD=/usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd

CONF="$DIR/etc"        # ServerRoot: cupsd.conf, cups-files.conf, printers.conf, ppd/
OUT="$DIR/out"         # what cups-pdf writes
PID_FILE="$DIR/cupsd.pid"
PORT_FILE="$DIR/port"
LOG="$DIR/log/error_log"

# cups-pdf finds its configuration by the device URI's name: cups-pdf:/NAME
# reads /etc/cups/cups-pdf-NAME.conf. The name is this directory's, hashed.
URI_NAME="caredesk-$(printf '%s' "$DIR" | sha256sum | cut -c1-10)"
CUPS_PDF_CONF="/etc/cups/cups-pdf-$URI_NAME.conf"

need() {
  command -v "$1" >/dev/null || die "$1 is missing: run scripts/install-deps.sh (Debian packages cups, cups-client, printer-driver-cups-pdf)"
}

running() {
  local pid state
  pid="$(cat "$PID_FILE" 2>/dev/null || true)"
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  # A killed cupsd that nobody reaped (a container without an init) is a
  # zombie: not running.
  state="$(sed -e 's/^.*) //' "/proc/$pid/stat" 2>/dev/null | cut -d' ' -f1 || true)"
  [ -n "$state" ] && [ "$state" != Z ] || return 1
  grep -q cupsd "/proc/$pid/comm" 2>/dev/null
}

write_config() {
  local port="$1"
  mkdir -p "$CONF/ppd" "$DIR/spool/tmp" "$DIR/cache" "$DIR/state" "$DIR/log" "$DIR/cups-pdf-spool" "$OUT"
  # Filters run as lp: they read the spool and write temporary files there.
  chown -R lp:lp "$DIR/spool" "$DIR/cache"
  chmod 0755 "$DIR" "$CONF" "$OUT"
  chmod 0710 "$DIR/spool"
  chmod 1777 "$DIR/spool/tmp"
  cat >"$CONF/cups-files.conf" <<EOF
# caredesk test CUPS (scripts/test-cups.sh)
ServerRoot $CONF
RequestRoot $DIR/spool
TempDir $DIR/spool/tmp
CacheDir $DIR/cache
StateDir $DIR/state
ServerBin /usr/lib/cups
DataDir /usr/share/cups
DocumentRoot /usr/share/cups/doc-root
AccessLog $DIR/log/access_log
ErrorLog $LOG
PageLog $DIR/log/page_log
User lp
Group lp
SystemGroup root
EOF
  # Only this machine, and nothing asks for a password: a test fixture.
  cat >"$CONF/cupsd.conf" <<EOF
# caredesk test CUPS (scripts/test-cups.sh)
Listen 127.0.0.1:$port
LogLevel info
Browsing No
WebInterface No
DefaultAuthType None
MaxJobs 200
PreserveJobHistory No
<Location />
  Order allow,deny
  Allow 127.0.0.1
</Location>
<Policy default>
  <Limit All>
    Order deny,allow
  </Limit>
</Policy>
EOF
  cat >"$CUPS_PDF_CONF" <<EOF
# caredesk test CUPS (scripts/test-cups.sh, $DIR): the queue $QUEUE writes here.
Out $OUT
Spool $DIR/cups-pdf-spool
Log $DIR/log
AnonDirName $OUT
Label 0
TitlePref 1
UserUMask 0022
EOF
}

start_cupsd() {
  local port="$1" tries=0
  say "starting cupsd on 127.0.0.1:$port ($DIR)"
  # -f keeps it in the foreground so its pid is ours to record; setsid and
  # the closed descriptors let it outlive this script without holding
  # the caller's pipes (make's $(...)) open.
  setsid cupsd -f -c "$CONF/cupsd.conf" -s "$CONF/cups-files.conf" \
    </dev/null >>"$DIR/log/cupsd.out" 2>&1 9>&- &
  printf '%s\n' "$!" >"$PID_FILE"
  printf '%s\n' "$port" >"$PORT_FILE"
  until lpstat -h "127.0.0.1:$port" -r 2>/dev/null | grep -q 'is running'; do
    tries=$((tries + 1))
    if [ "$tries" -ge 60 ] || ! running; then
      tail -n 20 "$LOG" "$DIR/log/cupsd.out" >&2 2>/dev/null || true
      die "cupsd did not start: see $LOG"
    fi
    sleep 0.25
  done
}

ensure_queue() {
  local server="$1"
  if lpstat -h "$server" -v "$QUEUE" 2>/dev/null | grep -q "cups-pdf:/$URI_NAME"; then
    return 0
  fi
  [ -f "$PPD" ] || die "no $PPD: install printer-driver-cups-pdf (scripts/install-deps.sh)"
  say "creating the queue $QUEUE (cups-pdf:/$URI_NAME, output in $OUT)"
  lpadmin -h "$server" -p "$QUEUE" -E -v "cups-pdf:/$URI_NAME" -P "$PPD" \
    -D "CareDesk test printer (cups-pdf)" 2>&1 | grep -v -i 'deprecated' >&2 || true
  lpstat -h "$server" -v "$QUEUE" >/dev/null 2>&1 || die "lpadmin could not create $QUEUE: see $LOG"
}

ensure_closed_queue() {
  local server="$1"
  if ! lpstat -h "$server" -v "$CLOSED" >/dev/null 2>&1; then
    say "creating the queue $CLOSED (refuses every job)"
    lpadmin -h "$server" -p "$CLOSED" -E -v "cups-pdf:/$URI_NAME" -P "$PPD" \
      -D "CareDesk test printer that refuses jobs" 2>&1 | grep -v -i 'deprecated' >&2 || true
  fi
  cupsreject -h "$server" -r "closed for the tests" "$CLOSED"
}

server() { printf '127.0.0.1:%s\n' "$(cat "$PORT_FILE")"; }

start() {
  [ "$(id -u)" -eq 0 ] || die "must run as root (cupsd runs its backends as root; cups-pdf reads /etc/cups)"
  need cupsd
  need lpadmin
  need lpstat
  [ -x /usr/lib/cups/backend/cups-pdf ] || die "no cups-pdf backend: install printer-driver-cups-pdf (scripts/install-deps.sh)"
  mkdir -p "$DIR"
  # One start at a time: two `make test` runs at once share it.
  exec 9>"$DIR/lock"
  flock -w 120 9 || die "another start holds $DIR/lock"
  local port
  if running; then
    port="$(cat "$PORT_FILE")"
    # The per-queue file lives outside $DIR: put it back if someone removed it.
    [ -f "$CUPS_PDF_CONF" ] || write_config "$port"
  else
    port="$(free_port)"
    write_config "$port"
    start_cupsd "$port"
  fi
  ensure_queue "$(server)"
  # The server's default, so that listing it can be checked.
  lpadmin -h "$(server)" -d "$QUEUE"
  ensure_closed_queue "$(server)"
  exec 9>&-
  server
}

stop() {
  if running; then
    say "stopping cupsd ($(cat "$PID_FILE"))"
    kill "$(cat "$PID_FILE")"
    local tries=0
    while running && [ "$tries" -lt 40 ]; do
      sleep 0.25
      tries=$((tries + 1))
    done
  else
    say "not running"
  fi
  rm -f "$PID_FILE"
}

case "${1:-start}" in
  start)
    start
    ;;
  env)
    server="$(start)"
    printf 'export CAREDESK_TEST_CUPS=%q\n' "$server"
    printf 'export CAREDESK_TEST_CUPS_QUEUE=%q\n' "$QUEUE"
    printf 'export CAREDESK_TEST_CUPS_CLOSED=%q\n' "$CLOSED"
    printf 'export CAREDESK_TEST_CUPS_OUT=%q\n' "$OUT"
    ;;
  status)
    if running; then
      say "running: $(server), queue $QUEUE, output in $OUT"
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
    rm -f "$CUPS_PDF_CONF"
    say "removed $DIR and $CUPS_PDF_CONF"
    ;;
  -h | --help | help)
    sed -n '2,/^set -euo/p' "$0" | sed -e '$d' -e 's/^# \{0,1\}//'
    ;;
  *)
    die "unknown command '$1' (start | env | status | stop | clean)"
    ;;
esac
