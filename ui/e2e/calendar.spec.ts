import type { Locator, Page } from '@playwright/test';
import type { RealCounter } from './counter';
import { expect, signIn, snap, test } from './fixtures';
import { CALENDAR_REGULARS, calendarDay, MASSAGE, scene, TAM, TUAN_MASSAGES } from './scene-till';

// The calendar on a day at the real counter, at 14:30 on Saturday 21
// November 2026 (calendarDay in scene-till.ts): Lan books from a free cell,
// moves bookings by dragging and by the keyboard, sees a move the store
// refuses go back, and completes a booking to check it out. Then once in
// English.

test.use({ setup: scene(...CALENDAR_REGULARS, ...TUAN_MASSAGES) });

async function openCalendar(page: Page, counter: RealCounter) {
  await calendarDay(counter);
  await signIn(page);
  await page.keyboard.press('Control+6');
  await expect(page.getByRole('tab', { name: 'Lịch hẹn' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('calendar-date')).toHaveText('Thứ Bảy, 21/11/2026');
}

function block(page: Page, customer: string, time: string): Locator {
  return page.getByTestId('booking-block').filter({ hasText: customer }).filter({ hasText: time });
}

function cell(page: Page, staff: string, time: string): Locator {
  return page.getByTestId(`column-${staff}`).locator(`[data-time="${time}"]`);
}

/** Drags a block by its top edge onto a cell, the way a mouse does. */
async function drag(page: Page, from: Locator, to: Locator) {
  const start = await from.boundingBox();
  const end = await to.boundingBox();
  if (!start || !end) throw new Error('nothing to drag or nowhere to drop');
  await page.mouse.move(start.x + start.width / 2, start.y + 4);
  await page.mouse.down();
  await page.mouse.move(end.x + end.width / 2, end.y + end.height / 2, { steps: 8 });
  await expect(page.getByTestId('drop-ghost')).toBeVisible();
  await page.mouse.up();
}

test('a free cell books, and the booking shows in its column', async ({ page, counter }) => {
  await openCalendar(page, counter);
  await snap(page, 'calendar-day');
  await cell(page, 'Minh', '17:00').click();
  const form = page.getByTestId('booking-form');
  await expect(form.getByLabel('Giờ bắt đầu')).toHaveValue('17:00');
  await expect(form.getByLabel('Nhân viên')).toHaveValue(/./);
  await expect(form.getByLabel('Khách hàng')).toBeFocused();
  await page.keyboard.type('yen');
  await form.getByRole('button', { name: /Lê Hoàng Yến/ }).click();
  await form.getByLabel('Dịch vụ').selectOption({ label: 'Massage body 60 phút · 60 phút · 450.000 ₫' });
  await form.getByRole('button', { name: 'Đặt lịch' }).click();
  await expect(form).toBeHidden();
  await expect(page.getByTestId('calendar-notice')).toHaveText('Đã đặt lịch cho Lê Hoàng Yến lúc 17:00, 21/11/2026.');
  await expect(block(page, 'Lê Hoàng Yến', '17:00–18:00')).toHaveAttribute('data-status', 'CONFIRMED');
  // And Minh's 17:00 is the store's: the same slot for another customer is refused.
  await expect(
    counter.cli('booking', 'add', '--customer', TAM.phone, '--service', MASSAGE, '--staff', 'Minh', '--start', '2026-11-21T17:00'),
  ).rejects.toThrow(/"code":"double_booking"/);
});

test('the keyboard alone books: arrows to a free cell, Enter, the form', async ({ page, counter }) => {
  await openCalendar(page, counter);
  await cell(page, 'Hoa', '08:00').focus();
  // Down to 16:00 (16 rows of half an hour), right to Minh.
  for (let i = 0; i < 16; i++) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowRight');
  await expect(cell(page, 'Minh', '16:00')).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  const form = page.getByTestId('booking-form');
  await expect(form.getByLabel('Giờ bắt đầu')).toHaveValue('17:00');
  // Enter takes the first customer found; ↓ walks the list first.
  await page.keyboard.type('tam');
  await expect(form.getByRole('button', { name: /Bùi Thanh Tâm/ })).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(form.getByTestId('booking-customer')).toHaveText('Bùi Thanh Tâm');
  await form.getByRole('button', { name: 'Đặt lịch' }).press('Enter');
  // The form offers Minh's services by name: the hair wash comes first.
  await expect(block(page, 'Bùi Thanh Tâm', '17:00–17:45')).toHaveAccessibleName(
    '17:00–17:45 Bùi Thanh Tâm, Gội đầu dưỡng sinh, Đã xác nhận',
  );
});

test('dragging moves a booking; a drop the store refuses goes back with the reason', async ({ page, counter }) => {
  await openCalendar(page, counter);
  const bao = block(page, 'Phạm Quốc Bảo', '15:30–16:30');
  await expect(bao).toHaveAttribute('data-status', 'CONFIRMED');

  // Hoa does no massages: refused, and the block is where it was.
  const top = () => bao.evaluate((el) => `${el.style.getPropertyValue('--col')} ${el.style.top}`);
  const before = await top();
  await drag(page, bao, cell(page, 'Hoa', '16:00'));
  await expect(page.getByTestId('calendar-error')).toHaveText('Nhân viên này không làm dịch vụ đã chọn.');
  await expect(bao).toBeVisible();
  expect(await top()).toBe(before);

  // Later the same evening with Minh.
  await drag(page, bao, cell(page, 'Minh', '17:30'));
  await expect(page.getByTestId('calendar-notice')).toHaveText(
    'Đã dời lịch hẹn của Phạm Quốc Bảo sang 17:30, 21/11/2026 với Minh.',
  );
  await expect(block(page, 'Phạm Quốc Bảo', '17:30–18:30')).toBeVisible();
  await expect(page.getByTestId('calendar-error')).toBeHidden();
  await snap(page, 'calendar-moved');
});

test('the keyboard moves a booking: M, a new time, Enter', async ({ page, counter }) => {
  await openCalendar(page, counter);
  await block(page, 'Phạm Quốc Bảo', '15:30–16:30').focus();
  await page.keyboard.press('m');
  const form = page.getByTestId('move-form');
  await expect(form.getByLabel('Ngày')).toBeFocused();
  await form.getByLabel('Giờ bắt đầu').fill('13:00');
  await form.getByLabel('Giờ bắt đầu').press('Enter');
  await expect(form.getByRole('alert')).toHaveText('Thời gian này đã qua.');
  await form.getByLabel('Giờ bắt đầu').fill('17:30');
  await form.getByLabel('Giờ bắt đầu').press('Enter');
  await expect(form).toBeHidden();
  await expect(block(page, 'Phạm Quốc Bảo', '17:30–18:30')).toBeVisible();
});

test('a checked-in customer is completed and checked out', async ({ page, counter }) => {
  await openCalendar(page, counter);
  await block(page, 'Siti Rahayu', '14:00').click();
  const details = page.getByRole('dialog', { name: 'Lịch hẹn' });
  await expect(details.getByTestId('booking-status')).toHaveText('Đã đến');
  await details.getByRole('button', { name: 'Hoàn thành' }).click();
  await expect(details.getByTestId('booking-status')).toHaveText('Hoàn thành');
  await expect(block(page, 'Siti Rahayu', '14:00')).toHaveAttribute('data-status', 'COMPLETED');
  await details.getByRole('button', { name: 'Thanh toán' }).click();
  await expect(page.getByRole('tab', { name: 'Thanh toán' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('checkout-customer')).toHaveText('Siti Rahayu');
  await expect(page.getByTestId('cart-line')).toHaveText([/Chăm sóc da mặt \(Hoa\)/]);
});

test('in English: the week, a booking from a free cell, and the refusal in English', async ({ page }) => {
  await signIn(page);
  await page.getByRole('group', { name: 'Ngôn ngữ' }).getByRole('button', { name: 'English' }).click();
  await page.keyboard.press('Control+6');
  await expect(page.getByTestId('calendar-date')).toHaveText('Saturday, 21/11/2026');
  await cell(page, 'Tuấn', '19:00').click();
  const form = page.getByTestId('booking-form');
  // "bao" alone finds a page of the demo's Bảos first.
  await page.keyboard.type('pham quoc bao');
  await form.getByRole('button', { name: /Phạm Quốc Bảo/ }).click();
  await form.getByRole('button', { name: 'Book' }).click();
  await expect(form.getByRole('alert')).toHaveText("Outside the staff member's working hours.");
  await form.getByLabel('Start time').fill('18:45');
  await form.getByRole('button', { name: 'Book' }).click();
  await expect(page.getByTestId('calendar-notice')).toHaveText('Booked Phạm Quốc Bảo at 18:45, 21/11/2026.');

  await page.keyboard.press('w');
  await page.getByLabel('Staff member').selectOption({ label: 'Tuấn' });
  await expect(page.getByRole('group', { name: "Tuấn's bookings, week of 16/11/2026 – 22/11/2026" })).toBeVisible();
  // Tuấn is off on Sundays: not one cell of that day books.
  await expect(page.getByTestId('column-Sun, 22/11').locator('[aria-disabled="false"]')).toHaveCount(0);
  await expect(page.getByTestId('column-Sat, 21/11').locator('[aria-disabled="false"]')).not.toHaveCount(0);
  await page.keyboard.press('PageDown');
  await expect(page.getByRole('group', { name: "Tuấn's bookings, week of 23/11/2026 – 29/11/2026" })).toBeVisible();
  await expect(page.getByTestId('column-Mon, 23/11')).toBeVisible();
  await expect(page.getByTestId('calendar-date')).toHaveText('23/11/2026 – 29/11/2026');
  await snap(page, 'calendar-week-en');
});
