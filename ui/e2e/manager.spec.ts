import type { Page } from '@playwright/test';
import type { Conflict } from '../src/lib/backend';
import type { RealCounter } from './counter';
import { expect, signIn, snap, test } from './fixtures';
import { at, CALENDAR_REGULARS, calendarDay, HA, MAI, MASSAGE, morningSales, register, scene } from './scene-till';

// The manager's screen (Ctrl+9) in the browser against the real counter:
// the day (three sales this morning and the calendar's sessions done, from
// scene-till.ts), the drawer opened and counted by keyboard, a
// receptionist's approval, a double booking resolved from the inbox, and
// the same screen in English. The figures are the store's.

test.use({ setup: scene(...CALENDAR_REGULARS) });

async function theDay(counter: RealCounter) {
  await calendarDay(counter);
  await morningSales(counter);
}

/**
 * Minh booked twice tomorrow, for Mai and for Hà: two counters made it
 * offline, which one store never lets happen, so the conflict and its
 * bookings are answered by the page's route (a second counter is out of
 * reach here). The bookings are real ones (Hà's at 11:30: the store keeps
 * one booking per slot), cancelled in the real store; once Hà's is
 * cancelled there, the route answers as the store does when a conflict's
 * cause is gone: no conflict. Answers Mai's and Hà's booking ids.
 */
async function doubleBooking(page: Page, counter: RealCounter): Promise<[string, string]> {
  const book = async (who: typeof MAI, start: string) =>
    ((await counter.cli('booking', 'add', '--customer', who.phone, '--service', MASSAGE, '--staff', 'Minh', '--start', start)) as {
      id: string;
    }).id;
  const mai = await book(MAI, '2026-11-22T10:00');
  const ha = await book(HA, '2026-11-22T11:30');
  const double: Conflict = {
    id: '6a1f0000-0000-5000-8000-0000000000d1',
    kind: 'staff_double_booked',
    about: [mai, ha],
    detail: `Minh is booked twice at the same time (${mai} and ${ha})`,
  };
  const open = async () => ((await at(counter, '2026-11-21T23:00', 'booking', 'show', ha)) as { status: string }).status !== 'CANCELLED';
  await page.route('**/api/conflicts', async (route) => route.fulfill({ json: (await open()) ? [double] : [] }));
  await page.route('**/api/conflict_bookings', async (route) => {
    if (await open()) {
      await route.fulfill({ json: [await counter.cli('booking', 'show', mai), await counter.cli('booking', 'show', ha)] });
    } else {
      await route.fulfill({ status: 404, json: { code: 'not_found', message: 'no such conflict' } });
    }
  });
  return [mai, ha];
}

test('Tuấn reads the day, opens and counts the drawer by keyboard, and sees it over', async ({ page, counter }) => {
  await theDay(counter);
  await signIn(page, 'Tuấn', '3333');
  await page.keyboard.press('Control+9');
  await expect(page.getByRole('tab', { name: 'Quản lý' })).toHaveAttribute('aria-selected', 'true');
  // The store's report of the morning: 1 200 000 + 1 450 000 by card, 4 050 000 by transfer.
  await expect(page.getByTestId('kpi-revenue')).toContainText('6.700.000 VND');
  await expect(page.getByTestId('kpi-sales')).toContainText('3');
  // Tâm's massage and Siti's facial, done this morning.
  await expect(page.getByTestId('kpi-sessions')).toContainText('2');
  const tenders = page.getByTestId('chart-tenders');
  await expect(tenders.getByRole('row', { name: 'Chuyển khoản 4.050.000 VND' })).toBeAttached();
  await expect(page.getByTestId('chart-hours').locator('svg rect')).toHaveCount(12);
  await snap(page, 'manager');

  const panel = page.getByTestId('drawer-panel');
  await panel.getByLabel('Tiền đầu ca').focus();
  await page.keyboard.type('1.000.000');
  await page.keyboard.press('Enter');
  await expect(panel.getByTestId('drawer-open')).toHaveText('Mở lúc 14:30, tiền đầu ca 1.000.000 VND.');
  await panel.getByLabel('Tiền mặt', { exact: true }).focus();
  await page.keyboard.type('1020000');
  await page.keyboard.press('Enter');
  // No cash taken today: the store expects the float, and counts 20 000 over.
  await expect(panel.getByTestId('drawer-difference-cash')).toHaveText('Thừa 20.000 VND');
});

test("Lan is asked for a manager's approval before the report", async ({ page, counter }) => {
  await theDay(counter);
  await signIn(page);
  await page.keyboard.press('Control+9');
  const dialog = page.getByRole('dialog', { name: 'Quản lý duyệt' });
  await expect(dialog).toContainText('xem báo cáo');
  await dialog.getByRole('radio', { name: /Tuấn/ }).check();
  await dialog.getByLabel('Mã PIN của người duyệt').fill('3333');
  await page.keyboard.press('Enter');
  await expect(dialog).toHaveCount(0);
  await expect(page.getByTestId('kpi-revenue')).toContainText('6.700.000 VND');
});

test.describe('with a double booking synced from another counter', () => {
  test.use({ setup: scene(register(MAI), register(HA)) });

  test('cancelling one of the two bookings clears the conflict and the badge', async ({ page, counter }) => {
    const [mai, ha] = await doubleBooking(page, counter);
    await signIn(page, 'Tuấn', '3333');
    await expect(page.getByTestId('sync-badge')).toHaveText('1');
    await page.keyboard.press('Control+9');
    const inbox = page.getByRole('region', { name: 'Xung đột đồng bộ' });
    await expect(inbox.getByTestId('conflict-booking')).toHaveCount(2);
    await inbox.getByRole('button', { name: 'Huỷ lịch của Đặng Thu Hà' }).click();
    await inbox.getByRole('button', { name: 'Xác nhận huỷ lịch của Đặng Thu Hà' }).click();
    await expect(inbox).toContainText('Không có xung đột nào: dữ liệu các quầy khớp nhau.');
    await expect(page.getByTestId('sync-badge')).toHaveCount(0);
    // The store cancelled Hà's booking; Mai's stands.
    expect(await counter.cli('booking', 'show', ha)).toMatchObject({ status: 'CANCELLED' });
    expect(await counter.cli('booking', 'show', mai)).toMatchObject({ status: 'CONFIRMED' });
  });
});

test('in English: the figures with English grouping', async ({ page, counter }) => {
  await theDay(counter);
  await signIn(page, 'Tuấn', '3333');
  await page.getByRole('group', { name: 'Ngôn ngữ' }).getByRole('button', { name: 'English' }).click();
  await page.keyboard.press('Control+9');
  await expect(page.getByRole('tab', { name: 'Manager' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('kpi-revenue')).toContainText('6,700,000 VND');
  await expect(page.getByRole('heading', { name: 'Revenue by hour' })).toBeVisible();
  await expect(page.getByTestId('chart-tenders').getByRole('row', { name: 'Card 2,650,000 VND' })).toBeAttached();
  // The register's code is the counter's own.
  await expect(page.getByRole('heading', { name: /^Cash drawer, register [0-9A-Z]{3}$/ })).toBeVisible();
});
