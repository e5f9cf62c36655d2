import { expect, signIn, snap, test } from './fixtures';
import { add, HUNG, YEN, scene } from './scene-people';

// Dates are typed and read day first whatever the browser's own locale:
// the desktop app's WebKitGTK writes `<input type="date">` in the computer's
// locale, often en-US (12/07/2026 for 7 December), so here the browser is
// en-US too, and the screen still reads 07/12/2026 in Vietnamese, English
// and Indonesian. The clock is the fixtures' (14:30 on Saturday
// 21 November 2026), so every day below is computed from it.
test.use({ locale: 'en-US', setup: scene(add(YEN), add(HUNG)) });

test('the calendar takes 07/12/2026 as the 7th of December, in every language of the screen', async ({ page }) => {
  await signIn(page);
  await page.keyboard.press('Control+6');
  const day = page.getByRole('textbox', { name: 'Ngày' });
  await expect(day).toHaveValue('21/11/2026');
  await expect(day).toHaveAttribute('placeholder', 'dd/mm/yyyy');

  await day.click();
  await page.keyboard.press('Control+a');
  // Digits alone: the slashes come by themselves.
  await page.keyboard.type('07122026');
  await expect(day).toHaveValue('07/12/2026');
  await expect(page.getByTestId('calendar-date')).toHaveText('Thứ Hai, 07/12/2026');
  await snap(page, 'date-field-vi');

  await page.getByRole('group', { name: 'Ngôn ngữ' }).getByRole('button', { name: 'English' }).click();
  await expect(page.getByTestId('calendar-date')).toHaveText('Monday, 07/12/2026');
  await expect(page.getByRole('textbox', { name: 'Date' })).toHaveValue('07/12/2026');

  await page.getByRole('group', { name: 'Language' }).getByRole('button', { name: 'Bahasa Indonesia' }).click();
  await expect(page.getByTestId('calendar-date')).toHaveText('Senin, 07/12/2026');
  const tanggal = page.getByRole('textbox', { name: 'Tanggal' });
  await expect(tanggal).toHaveValue('07/12/2026');
  await expect(tanggal).toHaveAttribute('placeholder', 'hh/bb/tttt');
});

test('a day the calendar does not have is refused on the field, and the calendar stays where it was', async ({ page }) => {
  await signIn(page);
  await page.keyboard.press('Control+6');
  const day = page.getByRole('textbox', { name: 'Ngày' });
  await day.fill('31/02/2026');
  await expect(day).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByRole('alert').filter({ hasText: 'Không có ngày 31/02/2026.' })).toBeVisible();
  await expect(page.getByTestId('calendar-date')).toHaveText('Thứ Bảy, 21/11/2026');
  await snap(page, 'date-field-refused');

  // ↓ from a good day again: a day earlier.
  await day.fill('21/11/2026');
  await day.press('ArrowDown');
  await expect(day).toHaveValue('20/11/2026');
  await expect(page.getByTestId('calendar-date')).toHaveText('Thứ Sáu, 20/11/2026');
  await expect(page.getByRole('alert')).toHaveCount(0);
});

test("a booking form opened from a cell shows the cell's day first, and books the day typed", async ({ page, counter }) => {
  await signIn(page);
  await page.keyboard.press('Control+6');
  await page.getByTestId('column-Minh').locator('[data-time="17:00"]').click();
  const form = page.getByTestId('booking-form');
  await expect(form.getByLabel('Ngày')).toHaveValue('21/11/2026');
  // The demo has seven other Yến.
  await page.keyboard.type('yen');
  await form.getByRole('button', { name: /Lê Hoàng Yến/ }).click();
  await form.getByLabel('Ngày').fill('');
  await form.getByLabel('Ngày').pressSequentially('24/11/2026');
  await form.getByRole('button', { name: 'Đặt lịch' }).click();
  await expect(form).toBeHidden();
  // Tuesday 24 November: the calendar goes to the day booked.
  await expect(page.getByTestId('calendar-notice')).toHaveText('Đã đặt lịch cho Lê Hoàng Yến lúc 17:00, 24/11/2026.');
  await expect(page.getByTestId('calendar-date')).toHaveText('Thứ Ba, 24/11/2026');
  // The store has it on the 24th, with Minh, at his price.
  const { bookings } = (await counter.cli('customer', 'show', YEN.phone)) as {
    bookings: { start: string; items: { staff_name: string; service_name: string }[] }[];
  };
  expect(bookings).toHaveLength(1);
  expect(bookings[0]!.start).toBe('2026-11-24T17:00:00+07:00');
  expect(bookings[0]!.items[0]!.staff_name).toBe('Minh');

  // Half an hour later Minh is still with her: the store refuses a second booking.
  await page.getByTestId('column-Minh').locator('[data-time="17:30"]').click();
  await expect(form.getByLabel('Ngày')).toHaveValue('24/11/2026');
  await page.keyboard.type('van hung');
  await form.getByRole('button', { name: /Nguyễn Văn Hùng/ }).click();
  await form.getByRole('button', { name: 'Đặt lịch' }).click();
  await expect(form.getByRole('alert')).toHaveText('Nhân viên đã có lịch hẹn vào giờ này.');
  const hung = (await counter.cli('customer', 'show', HUNG.phone)) as { bookings: unknown[] };
  expect(hung.bookings).toHaveLength(0);
});

test("the activity log's day is typed day first", async ({ page }) => {
  await signIn(page);
  await page.keyboard.press('Control+2');
  const log = page.getByRole('region', { name: 'Nhật ký hoạt động' });
  const day = log.getByRole('textbox', { name: 'Ngày' });
  await expect(day).toHaveValue('21/11/2026');
  // 07/11/2026 is the 7th of November, not 11 July: the day before is the 6th.
  // (The counter's demo data and everything since were written on 21/11,
  // so a past day shows none.)
  await day.fill('');
  await day.pressSequentially('07/11/2026');
  await expect(day).toHaveValue('07/11/2026');
  await expect(log.getByText('Không có hoạt động nào trong ngày này.')).toBeVisible();
  await log.getByRole('button', { name: 'Ngày trước' }).click();
  await expect(day).toHaveValue('06/11/2026');
  await log.getByRole('button', { name: 'Ngày sau' }).click();
  await log.getByRole('button', { name: 'Ngày sau' }).click();
  await expect(day).toHaveValue('08/11/2026');
  // After today is refused: the log has no future.
  await day.fill('22/11/2026');
  await expect(log.getByRole('alert')).toHaveText('Chọn ngày đến 21/11/2026 là muộn nhất.');
});

test("a ticket's deadline is typed day first, and a wrong one opens nothing", async ({ page }) => {
  await signIn(page);
  // (The demo has three other Hùng.)
  await page.keyboard.type('van hung');
  await page.keyboard.press('Enter');
  const file = page.getByRole('article', { name: 'Nguyễn Văn Hùng' });
  await file.getByRole('button', { name: 'Mở phiếu hỗ trợ' }).click();
  const open = page.getByRole('form', { name: 'Mở phiếu hỗ trợ' });
  await page.keyboard.type('Giao hàng trễ');
  const deadline = open.getByLabel('Hạn xử lý');
  await deadline.pressSequentially('30022027');
  await expect(deadline).toHaveValue('30/02/2027');
  await open.getByRole('button', { name: 'Mở phiếu' }).click();
  await expect(open.getByRole('alert')).toHaveText('Không có ngày 30/02/2027.');
  await expect(deadline).toBeFocused();
  await snap(page, 'date-field-ticket-refused');
  await expect(page.getByRole('heading', { name: /Giao hàng trễ/ })).toHaveCount(0);

  await deadline.fill('07/12/2026');
  await deadline.press('Enter');
  const detail = page.locator('section', { has: page.getByRole('heading', { name: /Giao hàng trễ/ }) }).last();
  // To the end of Monday 7 December.
  await expect(detail).toContainText('23:59 Thứ 2, 07/12');
});
