import { expect, test as base, type Page } from '@playwright/test';
import type { Conflict, SyncStatus } from '../src/lib/backend';
import type { Command } from '../src/lib/backend/bindings/Command';
import { startCounter, type RealCounter } from './counter';

// What every spec shares: a real counter (`caredesk serve-ui` on a fresh
// demo database, counter.ts) and the page on the same clock, what the spec
// puts in place first (`test.use({ setup, answers })`), no uncaught error or
// console error allowed, and helpers that drive the counter the way a
// receptionist does.

/** 14:30 on Saturday 21 November 2026 at a counter in Ho Chi Minh City (UTC+7). */
export const NOW = new Date('2026-11-21T07:30:00Z');

/** Paired, then the network went: offline since 10:42 local time, three changes waiting. */
export const OFFLINE: Partial<SyncStatus> = {
  paired: true,
  server: 'https://sync.spa-hoa.vn',
  device: '0190d5a0-0000-7000-8000-00000000d001',
  pending: 3,
  pushed: 120,
  cursor: 4410,
  online: false,
  last_attempt: '2026-11-21T07:29:30Z',
  last_success: '2026-11-21T03:40:00Z',
  failing_since: '2026-11-21T03:42:00Z',
  last_error: 'could not reach https://sync.spa-hoa.vn: connection refused',
};

export const CONFLICTS: Conflict[] = [
  {
    id: '6a1f0000-0000-5000-8000-000000000001',
    kind: 'duplicate_phone',
    about: ['0190d5a0-0000-7000-8000-000000000001', '0190d5a0-0000-7000-8000-0000000000aa'],
    detail: 'Nguyễn Thị Mai (KH00001) and Mai Nguyen (KH00412) share the phone +84912345678',
  },
  {
    id: '6a1f0000-0000-5000-8000-000000000002',
    kind: 'wallet_overdrawn',
    about: ['0190d5a0-0000-7000-8000-000000000003'],
    detail: "Đặng Thu Hà's wallet is at -150000 VND after spending on two counters",
  },
];

/**
 * What a spec puts in place before the page opens: `caredesk` commands on
 * the counter's database (`setup`), and fixed answers for the few commands
 * whose state only a network or a second counter makes (`answers`: the
 * sync status of a counter offline since morning, conflicts two counters
 * made): those calls are answered by the page's route, every other by the
 * real counter.
 */
export interface Scene {
  setup: string[][];
  answers: Partial<Record<Command, unknown>>;
}

/**
 * `test.use({ setup: scene(...) })`: the commands as the fixture's value.
 * Playwright reads an array option whose second element is an object (an
 * array is one) as a `[value, options]` tuple, so `setup: [a, b]` would run
 * `a`'s words one by one and `setup: [a, b, c]` only `a`; spelled out as the
 * tuple, every entry runs.
 */
export function scene(...commands: string[][]): [string[][], { scope: 'test' }] {
  return [commands, { scope: 'test' }];
}

export const test = base.extend<Scene & { counter: RealCounter }>({
  setup: [[], { option: true }],
  answers: [{}, { option: true }],
  counter: async ({ setup }, use) => {
    const counter = await startCounter(NOW);
    try {
      for (const args of setup) await counter.cli(...args);
      await use(counter);
    } finally {
      await counter.stop();
    }
  },
  baseURL: async ({ counter }, use) => use(counter.url),
  page: async ({ page, answers }, use, testInfo) => {
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error' && !refusedCall(message.text())) errors.push(`console error: ${message.text()}`);
    });
    // Timers keep running (the search's debounce); only the date is pinned,
    // so "10:42", "today" and "2 hours ago" hold. The counter's own clock
    // starts at the same moment.
    await page.clock.setFixedTime(NOW);
    for (const [command, answer] of Object.entries(answers)) {
      await page.route(`**/api/${command}`, (route) => route.fulfill({ json: answer }));
    }
    await use(page);
    expect(errors, `${testInfo.title}: errors in the page`).toEqual([]);
  },
});

/**
 * A refused command answers HTTP 422 with its error, which the screen
 * shows; the browser also logs the status, which is not a page error.
 */
function refusedCall(text: string): boolean {
  return /Failed to load resource: the server responded with a status of (422|404)/.test(text);
}

export { expect };

/** The demo staff in the order the sign-in screen lists them (by name, Vietnamese collation). */
export const STAFF = ['Hoa', 'Lan', 'Minh', 'Tuấn'] as const;

/**
 * Opens the counter and signs in by keyboard only: arrows to the name, Enter,
 * the PIN's digits, Enter. Ends on the counter with the search box focused.
 */
export async function signIn(page: Page, name: (typeof STAFF)[number] = 'Lan', pin = '1111'): Promise<void> {
  await page.goto('/');
  const people = page.getByRole('list', { name: 'Nhân viên' }).getByRole('button');
  await expect(people.first()).toBeFocused();
  for (let i = 0; i < STAFF.indexOf(name); i++) await page.keyboard.press('ArrowRight');
  await expect(people.nth(STAFF.indexOf(name))).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: `Xin chào ${name}, nhập mã PIN của bạn.` })).toBeVisible();
  await page.keyboard.type(pin);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('signed-in-name')).toHaveText(name);
  await expect(page.getByRole('combobox', { name: 'Tìm khách hàng' })).toBeFocused();
}

/** Saves what the page shows to test-results/screenshots/NAME.png, for review; never compared. */
export async function snap(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `${test.info().project.outputDir}/screenshots/${name}.png` });
}
