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
  // The same rows can still be the answer to "91": the arrows wait for the count.
  await expect(page.getByText('2 khách hàng', { exact: true })).toBeVisible();
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
  await expect(page.getByRole('tab')).toHaveText(['Pelanggan', 'Log aktivitas', 'Kasir', 'Kalender', 'Tiket', 'Pengaturan', 'Manajer']);
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

test.describe('a slow store', () => {
  // Long enough that the keys below arrive while the search for the text
  // typed so far is still debounced or waiting for its answer.
  test.use({ seed: { latencyMs: 400 } });

  test('Enter right after the text opens the only match, not the row highlighted before', async ({ page }) => {
    const options = page.getByRole('option');
    await page.keyboard.type('912');
    await expect(page.getByText('2 khách hàng', { exact: true })).toBeVisible();
    await expect(options).toHaveText([/Hoàng Đức Nguyên/, /Nguyễn Thị Mai/]);
    await expect(options.first()).toHaveAttribute('aria-selected', 'true');

    await page.keyboard.type(' 345');
    await page.keyboard.press('Enter');
    await expect(page.getByText('Đang tìm…')).toBeVisible();
    const mai = page.getByRole('article', { name: 'Nguyễn Thị Mai' });
    await expect(mai.getByTestId('customer-phone')).toHaveText('0912 345 678');
    await expect(options).toHaveText([/Nguyễn Thị Mai/]);
    await expect(page.getByRole('article')).toHaveCount(1);
    await expect(page.getByRole('heading', { name: 'Hoàng Đức Nguyên' })).toHaveCount(0);
  });

  test('arrows wait for the answer; Enter for a search that finds nobody opens nothing', async ({ page }) => {
    const options = page.getByRole('option');
    await page.keyboard.type('nguyen');
    await expect(page.getByText('3 khách hàng', { exact: true })).toBeVisible();

    // In the old rows ↓ would land on Nguyễn Thị Mai.
    await page.keyboard.type(' hung');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('article', { name: 'Nguyễn Văn Hùng' }).getByTestId('customer-phone')).toHaveText(
      '0903 111 222',
    );
    await expect(page.getByRole('heading', { name: 'Nguyễn Thị Mai' })).toHaveCount(0);

    await page.keyboard.type(' zzz');
    await page.keyboard.press('Enter');
    await expect(page.getByText('Không có khách hàng nào khớp với “nguyen hung zzz”.')).toBeVisible();
    await expect(options).toHaveCount(0);
    // Still Hùng's file: nothing else was opened.
    await expect(page.getByRole('article')).toHaveCount(1);
    await expect(page.getByRole('article', { name: 'Nguyễn Văn Hùng' })).toBeVisible();
  });
});
