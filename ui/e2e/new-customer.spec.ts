import { expect, signIn, snap, test } from './fixtures';
import { PEOPLE, scene } from './scene-people';

// Adding a customer: refusals shown at the field at fault with nothing
// written, then a good one that search finds and the activity log lists.
// Mai and Hùng among the demo's 300 customers (scene-people.ts).

test.use({ setup: scene(...PEOPLE) });

test('a taken or invalid phone is refused in place; a good customer is found and logged', async ({ page, counter }) => {
  await signIn(page);
  const search = page.getByRole('combobox', { name: 'Tìm khách hàng' });
  const form = page.getByRole('form', { name: 'Thêm khách hàng mới' });
  const name = form.getByLabel('Họ và tên');
  const phone = form.getByLabel('Số điện thoại');
  const phoneError = form.locator('#new-phone-error');

  await page.keyboard.press('Control+n');
  await expect(name).toBeFocused();
  await page.keyboard.type('Trần Thị Bích');
  await page.keyboard.press('Tab');
  await expect(phone).toBeFocused();
  // Nguyễn Thị Mai's number, written another way.
  await page.keyboard.type('+84 912-345-678');
  await page.keyboard.press('Enter');
  await expect(phoneError).toHaveText('Số điện thoại này đã thuộc về một khách hàng khác.');
  await expect(phone).toHaveAttribute('aria-invalid', 'true');
  await expect(phone).toBeFocused();
  await expect(name).not.toHaveAttribute('aria-invalid');
  // What was typed stays, to be corrected rather than typed again.
  await expect(name).toHaveValue('Trần Thị Bích');
  await snap(page, 'new-customer-refused');

  await phone.fill('0212 345');
  await page.keyboard.press('Enter');
  await expect(phoneError).toHaveText('Số điện thoại không hợp lệ. Ví dụ: 0912 345 678.');

  // Nothing was added: search does not know her, and Lan's day in the log
  // holds only the note she wrote before (the setup), nothing about Bích.
  await page.keyboard.press('Control+k');
  await expect(search).toBeFocused();
  // (The demo has five other Bích, none a Trần Thị.)
  await page.keyboard.type('tran thi bich');
  await expect(page.getByText('Không có khách hàng nào khớp với “tran thi bich”.')).toBeVisible();
  await page.keyboard.press('Control+2');
  const day = page.getByRole('region', { name: 'Nhật ký hoạt động' });
  await day.getByLabel('Nhân viên').selectOption({ label: 'Lan' });
  await expect(day.getByText('1 hoạt động, mới nhất ở trên')).toBeVisible();
  await expect(day.getByText(/Trần Thị Bích/)).toHaveCount(0);

  // Back on the customers tab the form starts over.
  await page.keyboard.press('Control+n');
  await expect(name).toBeFocused();
  await expect(name).toHaveValue('');
  await name.fill('Trần Thị Bích');
  await phone.fill('0935 111 222');
  await form.getByLabel('Email').fill('bich.tran@example.vn');
  await form.getByRole('button', { name: 'Lưu khách hàng' }).press('Enter');

  await expect(page.getByRole('main').getByRole('status')).toHaveText('Đã lưu khách hàng Trần Thị Bích.');
  const panel = page.getByRole('article', { name: 'Trần Thị Bích' });
  await expect(panel.getByTestId('customer-phone')).toHaveText('0935 111 222');
  // The store wrote her, with the register's next code after the demo's 300 and the scene's 5.
  const { customer: bich } = (await counter.cli('customer', 'show', '0935111222')) as {
    customer: { code: string; name: string; email: string; created_by_name: string };
  };
  expect(bich).toMatchObject({ name: 'Trần Thị Bích', email: 'bich.tran@example.vn', created_by_name: 'Lan' });
  expect(bich.code).toMatch(/-00306$/);
  await expect(panel.getByText(bich.code, { exact: true }).first()).toBeVisible();
  await expect(panel.getByText('bich.tran@example.vn')).toBeVisible();
  await expect(panel.getByText('Khách từ 21/11/2026')).toBeVisible();
  await expect(panel.getByRole('region', { name: 'Hoạt động' })).toContainText(
    'Lan đã thêm khách hàng Trần Thị Bích (0935 111 222)',
  );

  // Found by name without marks and by the end of her phone number.
  await page.keyboard.press('Control+k');
  await page.keyboard.type('tran thi bich');
  await expect(page.getByRole('option')).toHaveText([new RegExp(`Trần Thị Bích\\s*0935 111 222 · ${bich.code}`)]);
  await page.keyboard.press('Control+a');
  await page.keyboard.type('111 222');
  // Nguyễn Văn Hùng's number (0903 111 222) ends the same way.
  await expect(page.getByRole('option')).toHaveText([/Nguyễn Văn Hùng\s*0903 111 222/, /Trần Thị Bích\s*0935 111 222/]);

  // What she was written with is in the store's own log, in Lan's name.
  const log = (await counter.cli('audit', '--customer', '0935111222')) as { staff: string; text: string }[];
  expect(log.map((entry) => `${entry.staff}: ${entry.text}`)).toEqual([
    'Lan: Lan đã thêm khách hàng Trần Thị Bích (0935 111 222)',
  ]);
});

// The activity log (Ctrl+2) lists a day of the op log by the ops' stamps,
// which the store writes: the counter runs on 21/11/2026 (e2e/counter.ts).
test('the activity log lists, for today, what Lan just did', async ({ page }) => {
  await signIn(page);
  await page.keyboard.press('Control+n');
  await page.keyboard.type('Trần Thị Bích');
  await page.keyboard.press('Tab');
  await page.keyboard.type('0935 111 222');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('main').getByRole('status')).toHaveText('Đã lưu khách hàng Trần Thị Bích.');

  // Today, what Lan did, newest first: Bích, then the note of the setup
  // (the demo's data is the owner's).
  await page.keyboard.press('Control+2');
  const log = page.getByRole('region', { name: 'Nhật ký hoạt động' });
  await log.getByLabel('Nhân viên').selectOption({ label: 'Lan' });
  await expect(log.getByText('2 hoạt động, mới nhất ở trên')).toBeVisible({ timeout: 3000 });
  const entries = log.getByRole('listitem');
  await expect(entries).toHaveCount(2);
  await expect(entries.first()).toContainText('14:30');
  await expect(entries.first()).toContainText('Lan đã thêm khách hàng Trần Thị Bích (0935 111 222)');
  await expect(entries.first().locator('.staff')).toHaveText('Lan');
  await snap(page, 'activity-log');
});
