import type { Reminder } from '../src/lib/backend/backend';
import type { RealCounter } from './counter';
import { expect, signIn, snap, test } from './fixtures';
import { add, MAI, scene } from './scene-people';

// Reminders the app's notifier already sent when the counter is unlocked:
// the bell counts them, Ctrl+5 lists them, and the customer's file opens
// from a booking's reminder.

// Mai's card and booking are real (put on the counter below); the two
// reminders about them are what the desktop notifier would have pushed
// (serve-ui runs none), answered by the page's route with the real ids.
test.use({
  setup: scene(
    add(MAI),
    ['package', 'add', '--name', 'Massage 10 buổi', '--sessions', '10', '--valid-days', '3', '--price', '4000000'],
    ['treatment', 'sell', '--customer', MAI.phone, '--package', 'Massage 10 buổi'],
    // An hour and ten minutes ahead: the store takes today's bookings from an hour ahead.
    ['booking', 'add', '--customer', MAI.phone, '--service', 'Massage body 60 phút', '--staff', 'Minh', '--start', '2026-11-21T15:40'],
  ),
});

interface Shown {
  customer: { id: string; name: string };
  treatments: { id: string; name: string; expires_on: string; remaining: number }[];
  bookings: { id: string; start: string }[];
}

async function sent(counter: RealCounter): Promise<Reminder[]> {
  const mai = (await counter.cli('customer', 'show', MAI.phone)) as Shown;
  const [card] = mai.treatments;
  const [booking] = mai.bookings;
  expect(card).toMatchObject({ name: 'Massage 10 buổi', expires_on: '2026-11-23', remaining: 10 });
  expect(booking).toMatchObject({ start: '2026-11-21T15:40:00+07:00' });
  return [
    {
      key: `treatment:${card!.id}:${card!.expires_on}`,
      subject: {
        kind: 'treatment_expiring',
        treatment: card!.id,
        customer: mai.customer.id,
        customer_name: mai.customer.name,
        name: card!.name,
        expires_on: card!.expires_on,
        remaining: card!.remaining,
      },
    },
    {
      key: `booking:${booking!.id}:2026-11-21T08:40:00Z`,
      subject: {
        kind: 'booking_soon',
        booking: booking!.id,
        customer: mai.customer.id,
        customer_name: mai.customer.name,
        start: booking!.start,
        services: ['Massage body 60 phút'],
        staff: ['Minh'],
      },
    },
  ];
}

test('the bell counts what was sent; Ctrl+5 lists it; a booking opens its customer', async ({ page, counter }) => {
  const reminders = await sent(counter);
  await page.route('**/api/reminders', (route) => route.fulfill({ json: reminders }));
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
  await expect(items.nth(0)).toContainText('Massage 10 buổi: hạn dùng 23/11/2026, còn 10 buổi chưa dùng');
  await expect(items.nth(1)).toContainText('Lịch hẹn lúc 15:40: Nguyễn Thị Mai');
  await expect(page.getByTestId('reminders-badge')).toHaveCount(0);
  await snap(page, 'reminders-list');

  await items.nth(1).getByRole('button', { name: 'Mở hồ sơ khách' }).click();
  await expect(list).toHaveCount(0);
  const file = page.getByRole('article', { name: 'Nguyễn Thị Mai' });
  await expect(file.getByRole('heading', { name: 'Nguyễn Thị Mai', level: 2 })).toBeVisible();
  // Her file, from the store: the card and the booking the reminders are about.
  await expect(file.getByTestId('customer-phone')).toHaveText(MAI.phone);
  await expect(file.getByRole('region', { name: 'Gói liệu trình' })).toContainText('Massage 10 buổi');
  await expect(file.getByRole('region', { name: 'Lịch hẹn' })).toContainText('15:40');

  await page.keyboard.press('Control+5');
  await page.keyboard.press('Escape');
  await expect(list).toHaveCount(0);
  await expect(bell).toBeFocused();
});
