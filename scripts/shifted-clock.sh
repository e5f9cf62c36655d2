#!/usr/bin/env bash
# Runs a command with the wall clock moved, through libfaketime:
#
#   scripts/shifted-clock.sh +365d cargo nextest run --workspace
#   scripts/shifted-clock.sh -365d npx vitest run
#
# `make test-clock` runs the suites this way, a year ahead and a year back,
# so a test that quietly depends on today's date (a booking "tomorrow" typed
# as a fixed day, a card that expires in real time) fails the day it is
# written, not the day the calendar passes it. Every process the command
# starts inherits the shift: cargo, the test binaries, the server they
# start on 127.0.0.1, Node and the browser. Only the wall clock moves:
# monotonic clocks (timeouts, tokio's timers) stay real, and file times read
# through stat() move by the same amount, so "a file written a minute ago"
# still reads as a minute old and cargo's freshness checks are unchanged.
set -euo pipefail

if [ "$#" -lt 2 ]; then
  echo "usage: $0 +365d|-365d|... COMMAND [ARGS...]" >&2
  exit 2
fi
offset=$1
shift

lib=""
for candidate in /usr/lib/*/faketime/libfaketime.so.1 /usr/lib/faketime/libfaketime.so.1 \
  /usr/local/lib/faketime/libfaketime.so.1; do
  if [ -e "$candidate" ]; then
    lib=$candidate
    break
  fi
done
if [ -z "$lib" ]; then
  echo "$0: libfaketime not found: run scripts/install-deps.sh (Debian package faketime)" >&2
  exit 1
fi

export LD_PRELOAD="$lib${LD_PRELOAD:+:$LD_PRELOAD}"
export FAKETIME="$offset"
export FAKETIME_DONT_FAKE_MONOTONIC=1
if [ -z "${SHIFTED_CLOCK_QUIET:-}" ]; then
  echo "shifted-clock: $(date -u '+%Y-%m-%d %H:%M UTC') ($offset): $*" >&2
fi
exec "$@"
