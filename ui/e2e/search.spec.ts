import { expect, signIn, snap, test } from './fixtures';

// Search from anywhere (Ctrl+K or "/"), by name without diacritics or by a
// fragment of the phone number, and the customer's 360 opened from the keyboard.

test.beforeEach(async ({ page }) => {
  await signIn(page);
});

test('Ctrl+K from another tab; "dang" finds Đặng Thu Hà; Enter opens the 360', async ({ page }) => {
  const search = page.getByRole('combobox', { name: 'Tìm khách hàng' });
  await page.keyboard.press('Control+2');
  await expect(page.getByRole('heading', { name: 'Nhật ký hoạt động' })).toBeVisible();
  await expect(search).toHaveCount(0);

  await page.keyboard.press('Control+k');
  await expect(search).toBeFocused();
  await expect(page.getByRole('tab', { name: 'Khách hàng' })).toHaveAttribute('aria-selected', 'true');
  // Typed without the marks and with a plain d: "Đặng" folds to "dang".
  await page.keyboard.type('dang');
  await expect(page.getByRole('option')).toHaveText([/Đặng Thu Hà\s*0987 654 321 · KH00003/]);
  await expect(page.getByText('1 khách hàng', { exact: true })).toBeVisible();
  await snap(page, 'counter-search');
  await page.keyboard.press('Enter');

  const panel = page.getByRole('article', { name: 'Đặng Thu Hà' });
  await expect(panel.getByRole('heading', { level: 2 })).toHaveText('Đặng Thu Hà');
  await expect(panel.getByTestId('customer-phone')).toHaveText('0987 654 321');
  await expect(panel.getByText('thuha.dang@example.vn')).toBeVisible();
  await expect(panel.getByText('Khách từ 11/02/2025')).toBeVisible();
  for (const section of ['Ví', 'Gói liệu trình', 'Lịch hẹn', 'Phiếu hỗ trợ']) {
    await expect(panel.getByRole('region', { name: section })).toContainText('Chưa có');
  }
  // The file's own activity: who registered the customer.
  await expect(panel.getByRole('region', { name: 'Hoạt động' })).toContainText(
    'Hoa đã thêm khách hàng Đặng Thu Hà (0987 654 321)',
  );
  await snap(page, 'customer-360');
});

test('"/" brings the search back; a phone fragment finds by phone; arrows choose', async ({ page }) => {
  const search = page.getByRole('combobox', { name: 'Tìm khách hàng' });
  await page.keyboard.type('912');
  const options = page.getByRole('option');
  await expect(options).toHaveText([/Hoàng Đức Nguyên\s*0912 000 111/, /Nguyễn Thị Mai\s*0912 345 678/]);
  await expect(options.first()).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('ArrowDown');
  await expect(options.nth(1)).toHaveAttribute('aria-selected', 'true');
  await expect(search).toHaveAttribute('aria-activedescendant', 'customer-option-1');
  await page.keyboard.press('ArrowDown');
  await expect(options.first()).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Enter');
  const mai = page.getByRole('article', { name: 'Nguyễn Thị Mai' });
  await expect(mai.getByTestId('customer-phone')).toHaveText('0912 345 678');
  await expect(mai.getByRole('list', { name: 'Nhãn' })).toHaveText('VIP');
  await expect(mai.getByRole('region', { name: 'Ghi chú' })).toContainText('Thích phòng yên tĩnh, da nhạy cảm.');

  // "/" only counts outside a text field: leave the search box first.
  await page.keyboard.press('Tab');
  await expect(search).not.toBeFocused();
  await page.keyboard.press('/');
  await expect(search).toBeFocused();
  // The old query is selected, so typing replaces it; spaces in a phone are ignored.
  await page.keyboard.type('912 345');
  await expect(options).toHaveText([/Nguyễn Thị Mai/]);
  await page.keyboard.type('9');
  await expect(page.getByText('Không có khách hàng nào khớp với “912 3459”.')).toBeVisible();
  await expect(options).toHaveCount(0);
  // Escape empties the box and the list.
  await page.keyboard.press('Escape');
  await expect(search).toHaveValue('');
  await expect(page.getByText('Gõ tên có dấu hay không dấu đều được, hoặc vài số cuối của điện thoại.')).toBeVisible();
});

test('in Indonesian: the search and the 360', async ({ page }) => {
  await page.getByRole('group', { name: 'Ngôn ngữ' }).getByRole('button', { name: 'Bahasa Indonesia' }).click();
  const search = page.getByRole('combobox', { name: 'Cari pelanggan' });
  await expect(page.getByRole('tab')).toHaveText(['Pelanggan', 'Log aktivitas', 'Kasir']);
  await page.keyboard.press('Control+k');
  await expect(search).toBeFocused();
  await page.keyboard.type('nguyen');
  await expect(page.getByText('3 pelanggan', { exact: true })).toBeVisible();
  await page.keyboard.type(' mai');
  await expect(page.getByRole('option')).toHaveText([/Nguyễn Thị Mai/]);
  await page.keyboard.press('Enter');

  const mai = page.getByRole('article', { name: 'Nguyễn Thị Mai' });
  await expect(mai.getByTestId('customer-phone')).toHaveText('0912 345 678');
  await expect(mai.getByText('Telepon')).toBeVisible();
  for (const section of ['Dompet', 'Paket perawatan', 'Janji temu', 'Tiket layanan']) {
    await expect(mai.getByRole('region', { name: section })).toBeVisible();
  }
  // The activity comes from the backend in the UI's language.
  await expect(mai.getByRole('region', { name: 'Aktivitas' })).toContainText(
    'Lan menulis catatan untuk Nguyễn Thị Mai: “Thích phòng yên tĩnh, da nhạy cảm.”',
  );
  await snap(page, 'id-customer-360');
});
