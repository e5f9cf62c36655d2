#!/usr/bin/env bash
# The real desktop app end to end through WebDriver: Xvfb, tauri-driver
# (which starts the app and hands the session to WebKitWebDriver) and a
# fresh database; tests/app-e2e/*.test.mjs drive the window like a
# receptionist and check the database with the `caredesk` command.
#
#   tests/app-e2e.sh                  screenshots go to a temp dir (printed)
#   SHOTS=dir tests/app-e2e.sh        screenshots go to dir
#   SCREENSHOTS=docs/screenshots ...  also refresh the README's pictures of the screens
#                                     the test walks through (make screenshots)
#   tests/app-e2e.sh --bench          measure instead: cold start (startup.bench.mjs), then
#                                     keystroke to results with 200,000 more customers
#                                     (search.bench.mjs; CUSTOMERS=N to change)
#   tests/app-e2e.sh --soak           memory after SOAK_MINUTES (60) of scripted use
#                                     (soak.bench.mjs; SOAK_OUT=file keeps the samples)
#
# Needs Xvfb, WebKitWebDriver (webkit2gtk-driver), tauri-driver
# (`cargo install tauri-driver`) and CUPS with cups-pdf (the test CUPS of
# scripts/test-cups.sh, which needs root); scripts/install-deps.sh installs
# them.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$(pwd)
export PATH=$HOME/.cargo/bin:$PATH

fail() {
  printf 'app-e2e: FAILED: %s\n' "$*" >&2
  for log in "${WORK:-}/driver.log" "${WORK:-}/xvfb.log"; do
    [ -s "$log" ] && { printf -- '--- %s ---\n' "$log" >&2; tail -n 40 "$log" >&2; }
  done
  exit 1
}

for tool in Xvfb WebKitWebDriver tauri-driver node; do
  command -v "$tool" >/dev/null || fail "$tool is missing: run scripts/install-deps.sh"
done

WORK=$(mktemp -d "${TMPDIR:-/tmp}/caredesk-app-e2e.XXXXXX")
export SHOTS=${SHOTS:-$WORK/screenshots}
mkdir -p "$SHOTS"
XVFB_PID=
DRIVER_PID=
stop() {
  if [ -n "$1" ] && kill "$1" 2>/dev/null; then
    wait "$1" 2>/dev/null || true
  fi
}
cleanup() {
  stop "$DRIVER_PID"
  stop "$XVFB_PID"
}
trap cleanup EXIT

# The same targets as the test run, so cargo reuses its artifacts (see app-smoke.sh).
make --no-print-directory ui
cargo build --workspace --bins --tests
export APP=$ROOT/target/debug/caredesk-app CLI=$ROOT/target/debug/caredesk
[ -x "$APP" ] && [ -x "$CLI" ] || fail "no app or CLI binary in target/debug"
# The app prints to the throwaway CUPS of the print tests (its cups-pdf queue
# writes PDFs the test reads): CUPS_SERVER points the app's lp and lpstat at
# it, and the system's own CUPS, if any, is left alone.
cups_env=$(scripts/test-cups.sh env) || fail "the test CUPS did not start (scripts/test-cups.sh)"
eval "$cups_env"
export CUPS_SERVER=$CAREDESK_TEST_CUPS

Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp 3>"$WORK/display" >"$WORK/xvfb.log" 2>&1 &
XVFB_PID=$!
for _ in $(seq 1 100); do
  [ -s "$WORK/display" ] && break
  kill -0 "$XVFB_PID" 2>/dev/null || fail "Xvfb exited"
  sleep 0.2
done
export DISPLAY=:$(tr -dc '0-9' <"$WORK/display")

# Two free ports: tauri-driver's, and the WebKitWebDriver it runs behind it.
read -r port native_port < <(node -e '
  const net = require("net");
  const free = () => new Promise((ok) => { const s = net.createServer().listen(0, "127.0.0.1", () => { const p = s.address().port; s.close(() => ok(p)); }); });
  Promise.all([free(), free()]).then(([a, b]) => console.log(a, b));
')

# The app inherits this environment through both drivers: its own database,
# a web view profile of its own (so it starts in Vietnamese), no GPU.
export CAREDESK_DB=$WORK/caredesk.db
mkdir -p "$WORK/xdg/data" "$WORK/xdg/cache"
XDG_DATA_HOME=$WORK/xdg/data XDG_CACHE_HOME=$WORK/xdg/cache WEBKIT_DISABLE_DMABUF_RENDERER=1 \
  tauri-driver --port "$port" --native-port "$native_port" >"$WORK/driver.log" 2>&1 &
DRIVER_PID=$!
export WEBDRIVER_URL=http://127.0.0.1:$port
for _ in $(seq 1 100); do
  node -e "require(\"net\").connect($port, \"127.0.0.1\").on(\"connect\", () => process.exit(0)).on(\"error\", () => process.exit(1))" && break
  kill -0 "$DRIVER_PID" 2>/dev/null || fail "tauri-driver exited"
  sleep 0.2
done

if [ "${1:-}" = "--bench" ]; then
  node tests/app-e2e/startup.bench.mjs || fail "the start-up benchmark failed"
  "$CLI" --db "$CAREDESK_DB" --json seed --customers "${CUSTOMERS:-200000}" --seed 7 >&2 || fail "seeding failed"
  node tests/app-e2e/search.bench.mjs || fail "the search benchmark failed"
  exit 0
fi
if [ "${1:-}" = "--soak" ]; then
  node tests/app-e2e/soak.bench.mjs || fail "the soak benchmark failed"
  exit 0
fi
echo "app-e2e: screenshots in $SHOTS" >&2
node --test --test-concurrency=1 tests/app-e2e/ || fail "the end-to-end tests failed (screenshots in $SHOTS)"

# The test numbers its screenshots in the order taken (NN-name.png).
if [ -n "${SCREENSHOTS:-}" ]; then
  mkdir -p "$SCREENSHOTS"
  for name in calendar booking-form booking-checkout booking-receipt manager settings tickets printers receipt-printed; do
    shot=$(find "$SHOTS" -name "[0-9][0-9]-$name.png" | head -n 1)
    [ -n "$shot" ] || fail "no screenshot named $name in $SHOTS"
    cp "$shot" "$SCREENSHOTS/$name.png"
  done
fi
