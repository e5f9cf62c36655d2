import { expect, signIn, snap, test } from './fixtures';

// Adding a customer: refusals shown at the field at fault with nothing
// written, then a good one that search finds and the activity log lists.

test('a taken or invalid phone is refused in place; a good customer is found and logged', async ({ page }) => {
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

  // Nothing was added: search does not know her, the day's log is empty.
  await page.keyboard.press('Control+k');
  await expect(search).toBeFocused();
  await page.keyboard.type('bich');
  await expect(page.getByText('Không có khách hàng nào khớp với “bich”.')).toBeVisible();
  await page.keyboard.press('Control+2');
  await expect(page.getByText('Không có hoạt động nào trong ngày này.')).toBeVisible();

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
  await expect(panel.getByText('KH00011', { exact: true }).first()).toBeVisible();
  await expect(panel.getByText('bich.tran@example.vn')).toBeVisible();
  await expect(panel.getByText('Khách từ 21/11/2026')).toBeVisible();
  await expect(panel.getByRole('region', { name: 'Hoạt động' })).toContainText(
    'Lan đã thêm khách hàng Trần Thị Bích (0935 111 222)',
  );

  // Found by name without marks and by the end of her phone number.
  await page.keyboard.press('Control+k');
  await page.keyboard.type('tran bich');
  await expect(page.getByRole('option')).toHaveText([/Trần Thị Bích\s*0935 111 222 · KH00011/]);
  await page.keyboard.press('Control+a');
  await page.keyboard.type('111 222');
  // Nguyễn Văn Hùng's number (0903 111 222) ends the same way.
  await expect(page.getByRole('option')).toHaveText([/Nguyễn Văn Hùng\s*0903 111 222/, /Trần Thị Bích\s*0935 111 222/]);

  // The activity log (Ctrl+2): today, what Lan just did and nothing else.
  await page.keyboard.press('Control+2');
  const log = page.getByRole('region', { name: 'Nhật ký hoạt động' });
  await expect(log.getByText('1 hoạt động, mới nhất ở trên')).toBeVisible();
  const entries = log.getByRole('listitem');
  await expect(entries).toHaveCount(1);
  await expect(entries.first()).toContainText('14:30');
  await expect(entries.first()).toContainText('Lan đã thêm khách hàng Trần Thị Bích (0935 111 222)');
  await expect(entries.first().locator('.staff')).toHaveText('Lan');
  await snap(page, 'activity-log');

  // Filtered to Hoa (who registered the demo customers long ago), today is empty.
  await log.getByLabel('Nhân viên').selectOption({ label: 'Hoa' });
  await expect(log.getByText('Không có hoạt động nào trong ngày này.')).toBeVisible();
});
