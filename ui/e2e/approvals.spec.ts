import type { Page } from '@playwright/test';
import { expect, signIn, test } from './fixtures';
import { CALENDAR_REGULARS, calendarDay, scene } from './scene-till';

// Lan (a receptionist) with Tuấn (a manager) beside her: what the store
// keeps for managers asks for his PIN on the spot, in the settings and in
// the calendar, refuses a wrong one, and is done with the right one; Lan
// stays the one signed in.

async function approve(page: Page, pin: string) {
  const dialog = page.getByRole('dialog', { name: 'Quản lý duyệt' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('radio', { name: /Tuấn/ }).check();
  await dialog.getByLabel('Mã PIN của người duyệt').fill(pin);
  await page.keyboard.press('Enter');
  return dialog;
}

test("Lan reprices a service in the settings with Tuấn's PIN, after a wrong one", async ({ page, counter }) => {
  await signIn(page);
  await page.keyboard.press('Control+8');
  await page.getByRole('button', { name: 'Dịch vụ', exact: true }).click();
  const row = page.getByRole('row', { name: /Gội đầu dưỡng sinh/ });
  await row.getByRole('button', { name: /Sửa/ }).click();
  const form = page.getByRole('form', { name: 'Sửa dịch vụ Gội đầu dưỡng sinh' });
  await form.getByLabel('Giá').fill('250000');
  await form.getByRole('button', { name: 'Lưu' }).click();

  const dialog = await approve(page, '0000');
  await expect(dialog.getByRole('alert')).toContainText('Sai mã PIN');
  await approve(page, '3333');
  await expect(dialog).toHaveCount(0);
  await expect(page.getByRole('status').filter({ hasText: 'Đã lưu: Gội đầu dưỡng sinh.' })).toBeVisible();
  await expect(row).toContainText('250.000 ₫');
  await expect(page.getByTestId('signed-in-name')).toHaveText('Lan');

  // The approval was for that one change: the next one asks again.
  await row.getByRole('button', { name: /Ngừng/ }).click();
  await expect(page.getByRole('dialog', { name: 'Quản lý duyệt' })).toBeVisible();
  await page.getByRole('dialog', { name: 'Quản lý duyệt' }).getByRole('button', { name: 'Huỷ' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Việc này cần quản lý hoặc chủ cửa hàng.' })).toBeVisible();
  await expect(row).toContainText('Đang bán');

  // The store keeps the new price, and the service on sale.
  const services = (await counter.cli('service', 'list')) as { name: string }[];
  expect(services.find((s) => s.name === 'Gội đầu dưỡng sinh')).toMatchObject({
    price: { amount: 250_000 },
    active: true,
  });
});

test.describe("Tâm's 09:00 massage was completed", () => {
  test.use({ setup: scene(...CALENDAR_REGULARS) });

  test("Lan reopens a booking completed by mistake in the calendar with Tuấn's PIN", async ({ page, counter }) => {
    await calendarDay(counter);
    await signIn(page);
    await page.keyboard.press('Control+6');
    await expect(page.getByTestId('calendar-date')).toHaveText('Thứ Bảy, 21/11/2026');
    const done = page.getByTestId('booking-block').filter({ hasText: 'Bùi Thanh Tâm' }).filter({ hasText: '09:00' });
    await expect(done).toHaveAttribute('data-status', 'COMPLETED');
    await done.click();
    const details = page.getByTestId('booking-details');
    await expect(details.getByTestId('booking-status')).toHaveText('Hoàn thành');
    await page.getByRole('button', { name: 'Mở lại (hoàn tác hoàn thành)' }).click();

    const dialog = await approve(page, '3333');
    await expect(dialog).toHaveCount(0);
    await expect(details.getByTestId('booking-status')).toHaveText('Đang làm');
    await expect(done).toHaveAttribute('data-status', 'IN_PROGRESS');
    await expect(page.getByTestId('signed-in-name')).toHaveText('Lan');
  });
});
