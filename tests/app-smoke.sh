#!/usr/bin/env bash
# End-to-end smoke test of the desktop app, headless: start CareDesk under Xvfb
# on a fresh database, check the first start created and seeded it, sign in
# at the locked counter as Lan (a wrong PIN first), type a search into the
# real window and open a customer's 360, add a customer through the form (a
# refused phone first), check with the `caredesk` command that the database
# holds what the window did and that Lan did it, open the activity log, and
# lock the counter again with Ctrl+L. Screenshots each step.
#
#   tests/app-smoke.sh                    screenshots go to a temp dir (printed)
#   SCREENSHOTS=docs/screenshots tests/app-smoke.sh
#                                         also copy the good ones there (README;
#                                         `make screenshots`)
#
# Needs Xvfb, xdotool and ImageMagick (scripts/install-deps.sh).
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$(pwd)
APP=$ROOT/target/debug/caredesk-app
CLI=$ROOT/target/debug/caredesk

step() { printf '\n== smoke: %s\n' "$*" >&2; }
fail() {
  printf 'smoke: FAILED: %s\n' "$*" >&2
  if [ -n "${WORK:-}" ] && [ -f "$WORK/app.log" ]; then
    printf -- '--- app log (%s) ---\n' "$WORK/app.log" >&2
    tail -n 40 "$WORK/app.log" >&2
  fi
  exit 1
}

for tool in Xvfb xdotool import compare convert node; do
  command -v "$tool" >/dev/null || fail "$tool is missing: run scripts/install-deps.sh"
done

WORK=$(mktemp -d "${TMPDIR:-/tmp}/caredesk-smoke.XXXXXX")
SHOTS=$WORK/screenshots
mkdir -p "$SHOTS"
XVFB_PID=
APP_PID=

stop() { # pid: end a process this script started, and reap it
  if [ -n "$1" ] && kill "$1" 2>/dev/null; then
    wait "$1" 2>/dev/null || true
  fi
}
cleanup() {
  stop "$APP_PID"
  stop "$XVFB_PID"
}
trap cleanup EXIT

step "build"
# The app embeds ui/dist when it is compiled; make rebuilds it when ui/ changed.
make --no-print-directory ui
# The same targets as the test run (bins and tests), so cargo resolves the same
# features and reuses its artifacts: `-p caredesk-app` alone resolves fewer
# features for shared crates (futures-util, tokio) and rebuilds all of GTK.
cargo build --workspace --bins --tests
[ -x "$APP" ] || fail "no app binary at $APP"
[ -x "$CLI" ] || fail "no CLI binary at $CLI"

step "start Xvfb"
# -displayfd picks a free display number and writes it once the server is ready.
Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp 3>"$WORK/display" >"$WORK/xvfb.log" 2>&1 &
XVFB_PID=$!
for _ in $(seq 1 100); do
  [ -s "$WORK/display" ] && break
  kill -0 "$XVFB_PID" 2>/dev/null || fail "Xvfb exited: $(cat "$WORK/xvfb.log")"
  sleep 0.2
done
display_number=$(tr -dc '0-9' <"$WORK/display")
[ -n "$display_number" ] || fail "Xvfb did not report a display (see $WORK/xvfb.log)"
export DISPLAY=:$display_number
echo "DISPLAY=$DISPLAY" >&2

step "start the app on a fresh database"
export CAREDESK_DB=$WORK/caredesk.db
[ ! -e "$CAREDESK_DB" ] || fail "database exists before the first start"
# No GPU under Xvfb: WebKitGTK's DMA-BUF renderer would draw a blank window.
# A web view profile of its own (local storage keeps the language chosen), so
# the run starts in Vietnamese whatever the app last showed on this machine.
mkdir -p "$WORK/xdg/data" "$WORK/xdg/cache"
XDG_DATA_HOME=$WORK/xdg/data XDG_CACHE_HOME=$WORK/xdg/cache \
  WEBKIT_DISABLE_DMABUF_RENDERER=1 "$APP" >"$WORK/app.log" 2>&1 &
APP_PID=$!

window=
for _ in $(seq 1 120); do
  kill -0 "$APP_PID" 2>/dev/null || fail "the app exited during start-up"
  window=$(xdotool search --onlyvisible --name '^CareDesk$' 2>/dev/null | head -n 1 || true)
  [ -n "$window" ] && break
  sleep 0.5
done
[ -n "$window" ] || fail "no window titled CareDesk after 60 s"
echo "window $window" >&2

step "the first start created and seeded the database"
[ -s "$CAREDESK_DB" ] || fail "no database at $CAREDESK_DB"
"$CLI" --db "$CAREDESK_DB" --json customer find nguyen >"$WORK/find.json" ||
  fail "caredesk customer find failed: $(cat "$WORK/find.json")"
node -e '
  const hits = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  if (!Array.isArray(hits) || hits.length === 0) throw new Error("no customer named nguyen in the demo set");
  for (const key of ["id", "name", "phone"]) if (!(key in hits[0])) throw new Error("hit without " + key);
  console.error(`found ${hits.length} customers, first: ${hits[0].name} ${hits[0].phone}`);
' "$WORK/find.json" || fail "the demo set was not seeded"

shot() { # name: the app window alone (no window manager, so no decorations)
  import -display "$DISPLAY" -window "$window" "$SHOTS/$1.png" || fail "screenshot $1"
}

# Painted pixels, not just a mapped window: the page must have rendered.
distinct_colours() { convert "$1" -format '%k' info:; }

# Waits (up to ~10 s) until the window differs from screenshot $1 by more than
# a few thousand pixels, then lets it settle and keeps the picture as $2.
await_change() { # before after what
  local changed=0
  for _ in $(seq 1 30); do
    sleep 0.3
    shot "$2"
    changed=$(compare -metric AE "$SHOTS/$1.png" "$SHOTS/$2.png" null: 2>&1 || true)
    changed=${changed%%.*}
    [[ "$changed" =~ ^[0-9]+$ ]] || changed=0
    [ "$changed" -gt 2000 ] && break
  done
  echo "pixels changed by $3: $changed" >&2
  [ "$changed" -gt 2000 ] || fail "$3 changed nothing on screen ($SHOTS/$2.png)"
  sleep 0.7
  shot "$2"
}

# Pixels of the UI's error red (--danger in ui/src/app.css).
danger_pixels() {
  convert "$1" -fuzz 6% -fill black +opaque '#b42318' -fill white -opaque '#b42318' \
    -format '%[fx:round(mean*w*h)]' info:
}

step "the counter starts locked, on the sign-in screen"
for _ in $(seq 1 40); do
  shot start
  [ "$(distinct_colours "$SHOTS/start.png")" -gt 50 ] && break
  sleep 0.5
done
[ "$(distinct_colours "$SHOTS/start.png")" -gt 50 ] || fail "the window stays blank ($SHOTS/start.png)"
sleep 1
shot start

step "sign in as Lan: pick the name, a wrong PIN first, then 1111"
# No window manager: keyboard focus follows the pointer, so put it on the
# window (a corner of the header, away from the name buttons it would hover).
xdotool mousemove --window "$window" 5 5
sleep 0.5
# The names are in order (Hoa, Lan, Minh, Tuấn) with focus on the first.
xdotool key Right Return
await_change start pin "picking Lan"
xdotool type --delay 120 '1112'
xdotool key Return
red=0
for _ in $(seq 1 30); do
  sleep 0.3
  shot pin-wrong
  red=$(danger_pixels "$SHOTS/pin-wrong.png")
  [ "$red" -gt 100 ] && break
done
echo "pixels in the error colour: $red" >&2
[ "$red" -gt 100 ] || fail "no error shown for a wrong PIN ($SHOTS/pin-wrong.png)"
xdotool type --delay 120 '1111'
xdotool key Return
await_change pin-wrong signed-in "signing in"

step "type a search"
xdotool type --delay 90 'dang'
await_change signed-in search "the search"

step "the CLI writes to the same database while the app is open"
# A demo customer with an email, an address and a tag, so the 360 shows a full file.
"$CLI" --db "$CAREDESK_DB" --json dump >"$WORK/dump.json" || fail "caredesk dump failed"
read -r customer_id customer_query < <(node -e '
  const dump = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  const full = dump.customers.find((c) => c.email && c.address && c.tags.length > 0) ?? dump.customers[0];
  // What a receptionist types: no diacritics, đ as d.
  const folded = full.name.normalize("NFD").replace(/\p{M}/gu, "").replace(/[đĐ]/g, "d").toLowerCase();
  console.log(full.id, folded);
' "$WORK/dump.json") || fail "no customer in the dump"
"$CLI" --db "$CAREDESK_DB" --json customer note "$customer_id" \
  'Da nhạy cảm: dùng dầu dịu nhẹ, không massage vùng cổ. Thích phòng yên tĩnh.' >/dev/null ||
  fail "caredesk customer note failed"
echo "customer $customer_id ($customer_query)" >&2

step "search for them and open their 360 with the keyboard"
xdotool key ctrl+a
xdotool type --delay 90 "$customer_query"
await_change search query "the second search"
xdotool key Return
await_change query customer "picking the customer"

step "the new-customer form refuses a bad phone in place and writes nothing"
# A valid mobile number no demo customer has.
new_phone=
for candidate in '0599 000 111' '0599 000 222' '0599 000 333' '0599 000 444'; do
  found=$("$CLI" --db "$CAREDESK_DB" --json customer find "$candidate") || fail "caredesk customer find failed"
  if [ "$found" = "[]" ]; then new_phone=$candidate; break; fi
done
[ -n "$new_phone" ] || fail "no free phone number for the new customer"
xdotool key ctrl+n
await_change customer form "Ctrl+N"
xdotool type --delay 60 'Trịnh Kim Chi'
xdotool key Tab
xdotool type --delay 60 '12345'
xdotool key Return
red=0
for _ in $(seq 1 30); do
  sleep 0.3
  shot form-error
  red=$(danger_pixels "$SHOTS/form-error.png")
  [ "$red" -gt 100 ] && break
done
echo "pixels in the error colour: $red" >&2
[ "$red" -gt 100 ] || fail "no error shown for a bad phone ($SHOTS/form-error.png)"
[ "$("$CLI" --db "$CAREDESK_DB" --json customer find 'kim chi')" = "[]" ] ||
  fail "a refused customer was written"

step "correcting the phone saves the customer"
xdotool key ctrl+a
xdotool type --delay 60 "$new_phone"
xdotool key Return
saved=false
for _ in $(seq 1 30); do
  sleep 0.3
  "$CLI" --db "$CAREDESK_DB" --json customer find "$new_phone" >"$WORK/new.json" ||
    fail "caredesk customer find failed"
  if [ "$(cat "$WORK/new.json")" != "[]" ]; then saved=true; break; fi
done
$saved || fail "the customer added in the window never reached the database"
node -e '
  const hits = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  if (hits.length !== 1 || hits[0].name !== "Trịnh Kim Chi") {
    throw new Error("expected Trịnh Kim Chi, found " + JSON.stringify(hits));
  }
' "$WORK/new.json" || fail "the customer added in the window is not the one typed"
await_change form-error saved "saving"

step "the customer was added by Lan, who signed in"
"$CLI" --db "$CAREDESK_DB" --json customer show "$new_phone" >"$WORK/show.json" ||
  fail "caredesk customer show failed: $(cat "$WORK/show.json")"
node -e '
  const { customer } = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  if (customer.created_by_name !== "Lan") {
    throw new Error("created by " + JSON.stringify(customer.created_by_name) + ", not Lan");
  }
' "$WORK/show.json" || fail "the customer added in the window is not recorded as Lan's"

step "the activity log shows what Lan did"
xdotool key ctrl+2
await_change saved activity "Ctrl+2 (the activity log)"

step "Ctrl+L locks the counter: the sign-in screen is back"
xdotool key ctrl+l
await_change activity locked "Ctrl+L"
# The same screen as at the start, but for the focus ring (on Lan now, who
# locked, rather than on the first name).
unlike_start=$(compare -metric AE -fuzz 3% "$SHOTS/start.png" "$SHOTS/locked.png" null: 2>&1 || true)
unlike_start=${unlike_start%%.*}
echo "pixels unlike the start's sign-in screen: $unlike_start" >&2
[[ "$unlike_start" =~ ^[0-9]+$ ]] && [ "$unlike_start" -lt 20000 ] ||
  fail "after Ctrl+L the window is not the sign-in screen ($SHOTS/locked.png)"
"$CLI" --db "$CAREDESK_DB" --json customer find "$new_phone" >/dev/null ||
  fail "the database is unreadable after locking"

kill -0 "$APP_PID" 2>/dev/null || fail "the app died during the test"

if [ -n "${SCREENSHOTS:-}" ]; then
  mkdir -p "$SCREENSHOTS"
  cp "$SHOTS/start.png" "$SCREENSHOTS/sign-in.png"
  cp "$SHOTS/search.png" "$SCREENSHOTS/counter-search.png"
  cp "$SHOTS/customer.png" "$SCREENSHOTS/customer-360.png"
  cp "$SHOTS/form-error.png" "$SCREENSHOTS/new-customer-error.png"
  cp "$SHOTS/activity.png" "$SCREENSHOTS/activity-log.png"
  echo "screenshots copied to $SCREENSHOTS" >&2
fi

step "ok (screenshots in $SHOTS)"
