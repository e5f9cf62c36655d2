#!/usr/bin/env bash
# Installs what building, testing and running CareDesk needs on Debian or
# Ubuntu, and nothing that is already there: safe to run again and again
# (`make run` and `make test` call it every time).
#
#   system packages  compilers, pkg-config, OpenSSL and the WebKitGTK/GTK
#                    libraries Tauri 2 links against, Xvfb + xdotool +
#                    ImageMagick for the headless app smoke test, PostgreSQL
#                    for the server's storage tests (scripts/test-postgres.sh
#                    runs a throwaway cluster of its own, not the packaged one),
#                    dbus-daemon for the notifier's test on a private session
#                    bus (src-tauri/notify/dbus_tests.rs; the app itself needs
#                    only libdbus, which the window (tao) already links),
#                    Chromium for the UI's browser tests (ui/e2e, Playwright
#                    drives Debian's /usr/bin/chromium; it never downloads one),
#                    WebKitWebDriver (webkit2gtk-driver) for the real app's
#                    end-to-end test (tests/app-e2e.sh), CUPS with the
#                    cups-pdf virtual printer for the print dispatch tests
#                    (scripts/test-cups.sh runs a cupsd of its own; the
#                    counter itself needs only cups-client's lp and lpstat),
#                    zbar-tools (zbarimg reads the receipts' payment codes
#                    back), poppler-utils (pdfinfo, pdftotext, pdftoppm) for the
#                    printed documents' tests (crates/print/tests), DejaVu
#                    Sans for the dispatch tests' documents, libfaketime
#                    (faketime) for `make test-clock`, which runs the test
#                    suites with the clock a year ahead and a year back
#   Node.js >= 18    from apt when missing or too old (the UI build)
#   Rust             through rustup when cargo is missing
#   cargo-nextest    the test runner `make test` prefers
#   tauri-driver     the WebDriver server in front of WebKitWebDriver that
#                    starts the app (tests/app-e2e.sh)
#
# Uses sudo only when not run as root.
set -euo pipefail

say() { printf 'install-deps: %s\n' "$*" >&2; }

SUDO=()
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { say "not root and no sudo: run this as root"; exit 1; }
  SUDO=(sudo)
fi

APT_PACKAGES=(
  build-essential pkg-config curl ca-certificates libssl-dev
  libwebkit2gtk-4.1-dev libgtk-3-dev libayatana-appindicator3-dev librsvg2-dev libsoup-3.0-dev
  xvfb xdotool imagemagick dbus-daemon webkit2gtk-driver
  postgresql postgresql-client
  cups cups-client printer-driver-cups-pdf poppler-utils fonts-dejavu-core zbar-tools
  faketime
)

# Ubuntu ships Chromium only as a snap, which does not install without snapd
# (containers, CI) and whose confinement refuses the profile Playwright makes
# in /tmp: there, install a Chromium or Chrome by hand and set CHROMIUM to it.
os_family=$( (. /etc/os-release 2>/dev/null && echo "${ID:-} ${ID_LIKE:-}") || true)
case " $os_family " in
  *" ubuntu "*) chromium_from_apt=false ;;
  *) chromium_from_apt=true; APT_PACKAGES+=(chromium) ;;
esac

installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }

apt_updated=false
apt_install() {
  [ "$#" -gt 0 ] || return 0
  if ! $apt_updated; then
    "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q
    apt_updated=true
  fi
  say "apt-get install $*"
  "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$@"
}

node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

# --- system packages --------------------------------------------------------
if command -v dpkg-query >/dev/null && command -v apt-get >/dev/null; then
  missing=()
  for package in "${APT_PACKAGES[@]}"; do
    installed "$package" || missing+=("$package")
  done
  if ! command -v node >/dev/null || [ "$(node_major)" -lt 18 ]; then
    missing+=(nodejs)
  fi
  # Node from NodeSource ships its own npm; Debian's npm package would conflict with it.
  if ! command -v npm >/dev/null; then
    missing+=(npm)
  fi
  apt_install "${missing[@]}"
else
  say "no apt-get here: install by hand ${APT_PACKAGES[*]} and Node.js >= 18"
fi

if ! $chromium_from_apt && [ ! -x "${CHROMIUM:-/usr/bin/chromium}" ]; then
  say "no Chromium at ${CHROMIUM:-/usr/bin/chromium} for the UI's browser tests (make ui-e2e):"
  say "this distribution packages it as a snap only; install a Chromium or Chrome and set CHROMIUM"
fi

if ! command -v node >/dev/null || [ "$(node_major)" -lt 18 ]; then
  say "Node.js >= 18 is needed (found: $(node --version 2>/dev/null || echo none));"
  say "this distribution's nodejs is too old: install Node 18+ from nodejs.org or NodeSource"
  exit 1
fi

# --- Rust -------------------------------------------------------------------
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
if ! command -v cargo >/dev/null; then
  say "installing Rust with rustup"
  curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs |
    sh -s -- -y --profile minimal --component rustfmt,clippy
fi
if command -v rustup >/dev/null; then
  for component in rustfmt clippy; do
    if ! rustup component list --installed 2>/dev/null | grep -q "^$component"; then
      say "rustup component add $component"
      rustup component add "$component"
    fi
  done
fi
if ! cargo nextest --version >/dev/null 2>&1; then
  say "installing cargo-nextest (a few minutes, once)"
  cargo install --locked cargo-nextest
fi

if ! command -v tauri-driver >/dev/null; then
  say "installing tauri-driver (a minute or two, once)"
  cargo install --locked tauri-driver
fi

say "ok: node $(node --version), $(cargo --version), $(cargo nextest --version 2>/dev/null | head -1)"
