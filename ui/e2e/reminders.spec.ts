import type { Reminder } from '../src/lib/backend/backend';
import { expect, signIn, snap, test } from './fixtures';

// Reminders the app's notifier already sent when the counter is unlocked:
// the bell counts them, Ctrl+5 lists them, and the customer's file opens
// from a booking's reminder.

const MAI = '0190d5a0-0000-7000-8000-000000000001';

const SENT: Reminder[] = [
  {
    key: 'treatment:t1:2026-11-23',
    subject: {
      kind: 'treatment_expiring',
      treatment: 't1',
      customer: MAI,
      customer_name: 'Nguyễn Thị Mai',
      name: 'Massage 10 buổi',
      expires_on: '2026-11-23',
      remaining: 3,
    },
  },
  {
    key: 'booking:b1:2026-11-21T07:40:00Z',
    subject: {
      kind: 'booking_soon',
      booking: 'b1',
      customer: MAI,
      customer_name: 'Nguyễn Thị Mai',
      start: '2026-11-21T14:40:00+07:00',
      services: ['Massage body'],
      staff: ['Minh'],
    },
  },
];

test.use({ seed: { reminders: SENT } });

test('the bell counts what was sent; Ctrl+5 lists it; a booking opens its customer', async ({ page }) => {
  await signIn(page);
  const bell = page.getByTestId('reminders-button');
  await expect(page.getByTestId('reminders-badge')).toHaveText('2');
  await expect(bell).toHaveAccessibleName('Nhắc việc 2 nhắc việc mới');
  // Sent while locked: listed, not toasted.
  await expect(page.getByTestId('reminder-toast')).toBeEmpty();

  await page.keyboard.press('Control+5');
  const list = page.getByRole('dialog', { name: 'Nhắc việc' });
  await expect(list).toBeFocused();
  const items = list.getByRole('listitem');
  await expect(items).toHaveCount(2);
  await expect(items.nth(0)).toContainText('Gói của Nguyễn Thị Mai sắp hết hạn');
  await expect(items.nth(0)).toContainText('Massage 10 buổi: hạn dùng 23/11/2026, còn 3 buổi chưa dùng');
  await expect(items.nth(1)).toContainText('Lịch hẹn lúc 14:40: Nguyễn Thị Mai');
  await expect(page.getByTestId('reminders-badge')).toHaveCount(0);
  await snap(page, 'reminders-list');

  await items.nth(1).getByRole('button', { name: 'Mở hồ sơ khách' }).click();
  await expect(list).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'Nguyễn Thị Mai', level: 2 })).toBeVisible();

  await page.keyboard.press('Control+5');
  await page.keyboard.press('Escape');
  await expect(list).toHaveCount(0);
  await expect(bell).toBeFocused();
});
