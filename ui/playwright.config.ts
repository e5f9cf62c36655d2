import { defineConfig } from '@playwright/test';

// The UI in headless Chromium against the real Rust: every spec gets its own
// `caredesk serve-ui` on a fresh demo database (e2e/counter.ts), which serves
// the built UI in ui/dist and the app's commands over HTTP (web.ts is that
// transport). `make ui-e2e` builds the UI and the CLI first. Specs:
// e2e/*.spec.ts.
//
// The browser is Debian's chromium (scripts/install-deps.sh), never one that
// Playwright downloads: `npx playwright install` cannot work on machines that
// only reach package registries. CHROMIUM points at another binary.

export default defineConfig({
  testDir: 'e2e',
  // Cleaned at the start of every run; screenshots go to its screenshots/.
  outputDir: 'test-results',
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  // A flaky UI test is a bug to look at, not to retry away.
  retries: 0,
  workers: 2,
  reporter: [['list']],
  timeout: 30_000,
  expect: { timeout: 5_000 },
  use: {
    browserName: 'chromium',
    headless: true,
    // The counters are in Vietnam: local times in the activity log and
    // in the sync indicator read the same whatever zone this machine is in.
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
    viewport: { width: 1280, height: 800 },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
      // Playwright adds --headless (unless --headed) and a fresh
      // --user-data-dir itself. The rest keep Chromium from calling out to
      // Google's services, which a closed network refuses many times a second.
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
});
