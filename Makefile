# CareDesk: two commands to know.
#   make run    install what is missing, build the UI and the app, open the counter
#   make test   everything CI checks (UI tests, the UI in headless Chromium, fmt,
#               clippy, Rust tests, the same with the clock a year ahead and
#               back, benches compile, the desktop app under Xvfb)
# Others: make ui | app | lint | fmt | deps | ui-e2e | test-clock | smoke | app-e2e | screenshots | clean-ui
#         make pg | pg-stop   the throwaway PostgreSQL the storage tests use

SHELL := bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := run

# rustup installs here; a fresh shell after install-deps may not have it on PATH yet.
export PATH := $(HOME)/.cargo/bin:$(PATH)

UI_SOURCES := $(shell find ui/src ui/public words -type f 2>/dev/null) \
	ui/index.html ui/package.json ui/vite.config.ts ui/svelte.config.js ui/tsconfig.json
UI_DEPS := ui/node_modules/.package-lock.json
UI_DIST := ui/dist/index.html
APP := target/debug/caredesk-app

.PHONY: run test lint fmt ui app deps ui-test ui-e2e rust-test test-clock benches bench-run smoke app-e2e screenshots clean-ui pg pg-stop

deps:
	./scripts/install-deps.sh

# npm writes node_modules/.package-lock.json on every install: a cheap "up to date" stamp.
$(UI_DEPS): ui/package.json ui/package-lock.json
	cd ui && npm ci --no-audit --no-fund

$(UI_DIST): $(UI_DEPS) $(UI_SOURCES)
	cd ui && npm run build

ui: $(UI_DIST)

app: $(UI_DIST)
	cargo build -p caredesk-app

run: deps app
	@if [ -z "$${DISPLAY:-}" ] && [ -z "$${WAYLAND_DISPLAY:-}" ]; then \
		echo "make run: no display (\$$DISPLAY is empty): running CareDesk under xvfb-run, invisible." >&2; \
		echo "make run: use 'make test' for the smoke test with screenshots, or run with a display." >&2; \
		xvfb-run -a -s '-screen 0 1280x800x24' $(APP); \
	else \
		$(APP); \
	fi

ui-test: $(UI_DEPS)
	cd ui && npm test

# The built UI in headless Chromium against the real Rust (Playwright,
# ui/e2e): each spec starts `caredesk serve-ui` on a fresh demo database.
# Screenshots land in ui/test-results/screenshots. Debian's chromium by
# default (install-deps), or CHROMIUM=/path/to/chrome. The CLI is built with
# the same targets as the test run, so cargo builds everything once.
ui-e2e: $(UI_DIST)
	@chromium="$${CHROMIUM:-/usr/bin/chromium}"; \
	if [ ! -x "$$chromium" ]; then \
		echo "ui-e2e: no Chromium at $$chromium: run scripts/install-deps.sh, or set CHROMIUM" >&2; \
		exit 1; \
	fi
	cargo build --workspace --bins --tests
	cd ui && npx playwright test

fmt:
	cargo fmt --all

lint: $(UI_DIST)
	cargo fmt --all --check
	cargo clippy --workspace --all-targets -- -D warnings

# The server's storage tests run against SQLite and against a throwaway
# PostgreSQL (scripts/test-postgres.sh, reused between runs); with
# CAREDESK_REQUIRE_POSTGRES=1 a missing PostgreSQL fails them instead of
# skipping them. The print dispatch tests print through a throwaway CUPS
# with a cups-pdf queue (scripts/test-cups.sh), required the same way.
rust-test: $(UI_DIST)
	@pg_env="$$(scripts/test-postgres.sh env)"; \
	eval "$$pg_env"; \
	export CAREDESK_REQUIRE_POSTGRES=1; \
	cups_env="$$(scripts/test-cups.sh env)"; \
	eval "$$cups_env"; \
	export CAREDESK_REQUIRE_CUPS=1; \
	if cargo nextest --version >/dev/null 2>&1; then \
		cargo nextest run --workspace; \
	else \
		echo "cargo-nextest not found: falling back to cargo test" >&2; \
		cargo test --workspace; \
	fi

# The Rust and UI suites again with the wall clock a year ahead and a year
# back (scripts/shifted-clock.sh, libfaketime): a test that depends on the day
# it runs (a fixed date typed as "tomorrow", a card that expires in real time)
# fails the day it is written, not months later when the calendar passes it.
# Only the test binaries run under the shifted clock, through cargo's target
# runner: cargo and rustc stay on the real one (rustc hangs under
# libfaketime, and nothing should be built with a moved clock).
CLOCK_SHIFTS ?= +365d -365d
test-clock: $(UI_DIST)
	@pg_env="$$(scripts/test-postgres.sh env)"; \
	eval "$$pg_env"; \
	export CAREDESK_REQUIRE_POSTGRES=1; \
	cups_env="$$(scripts/test-cups.sh env)"; \
	eval "$$cups_env"; \
	export CAREDESK_REQUIRE_CUPS=1; \
	host="$$(rustc -vV | sed -n 's/^host: //p' | tr 'a-z-' 'A-Z_')"; \
	for shift in $(CLOCK_SHIFTS); do \
		echo "test-clock: the Rust tests with the clock $$shift" >&2; \
		env "CARGO_TARGET_$${host}_RUNNER=$(CURDIR)/scripts/shifted-clock.sh $$shift" \
			SHIFTED_CLOCK_QUIET=1 cargo nextest run --workspace --no-fail-fast; \
		(cd ui && ../scripts/shifted-clock.sh "$$shift" npx vitest run); \
	done

# That the benches still compile, in the test build's profile: they share
# every dependency the test run built, where `cargo bench --no-run` would
# build the whole tree again in release (about 8 minutes on a clean
# machine). `make bench-run` runs them for real (docs/benchmarks.md).
benches:
	cargo build --workspace --benches

bench-run:
	cargo bench -p caredesk-store -p caredesk-sync-tests -p caredesk-print

smoke: $(UI_DIST)
	tests/app-smoke.sh

# The real app driven through WebDriver (tauri-driver + WebKitWebDriver):
# what a receptionist does, then the database checked with `caredesk`.
app-e2e: $(UI_DIST)
	tests/app-e2e.sh

# Refreshes the README's pictures of the real app: the smoke run's (sign-in,
# search, the 360, the activity log) and the WebDriver run's (calendar,
# checkout, receipt, manager, settings, tickets).
screenshots: $(UI_DIST)
	SCREENSHOTS=docs/screenshots tests/app-smoke.sh
	SCREENSHOTS=docs/screenshots tests/app-e2e.sh

# Order matters only for reading the log: cheap checks first.
test: deps
	$(MAKE) --no-print-directory ui
	$(MAKE) --no-print-directory ui-test
	$(MAKE) --no-print-directory ui-e2e
	$(MAKE) --no-print-directory lint
	$(MAKE) --no-print-directory rust-test
	$(MAKE) --no-print-directory test-clock
	$(MAKE) --no-print-directory benches
	$(MAKE) --no-print-directory smoke
	$(MAKE) --no-print-directory app-e2e

# Starts (or finds) the test PostgreSQL and prints its URL, for
#   CAREDESK_TEST_POSTGRES=$(make -s pg) cargo test -p caredesk-server
pg:
	@scripts/test-postgres.sh start

pg-stop:
	@scripts/test-postgres.sh stop

clean-ui:
	rm -rf ui/dist ui/node_modules
