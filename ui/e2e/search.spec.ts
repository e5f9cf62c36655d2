import { expect, signIn, snap, test } from './fixtures';
import { HA, MAI_NOTE, PEOPLE, scene } from './scene-people';

// Search from anywhere (Ctrl+K or "/"), by name without diacritics or by a
// fragment of the phone number, and the customer's 360 opened from the keyboard.
// Mai, Nguyên, Hà and Hùng among the demo's 300 customers (scene-people.ts).

test.use({ setup: scene(...PEOPLE) });

test.beforeEach(async ({ page }) => {
  await signIn(page);
});

test('Ctrl+K from another tab; "dang thu ha" finds Đặng Thu Hà; Enter opens the 360', async ({ page, counter }) => {
  const { customer: ha } = (await counter.cli('customer', 'show', HA.phone)) as { customer: { code: string } };
  const search = page.getByRole('combobox', { name: 'Tìm khách hàng' });
  await page.keyboard.press('Control+2');
  await expect(page.getByRole('heading', { name: 'Nhật ký hoạt động' })).toBeVisible();
  await expect(search).toHaveCount(0);

  await page.keyboard.press('Control+k');
  await expect(search).toBeFocused();
  await expect(page.getByRole('tab', { name: 'Khách hàng' })).toHaveAttribute('aria-selected', 'true');
  // Typed without the marks and with a plain d: "Đặng" folds to "dang".
  // The demo has other Đặng and Thu customers: the whole name is one.
  await page.keyboard.type('dang thu ha');
  // The code the register gave her, after the demo's 300.
  expect(ha.code).toMatch(/-00303$/);
  await expect(page.getByRole('option')).toHaveText([new RegExp(`Đặng Thu Hà\\s*0987 654 321 · ${ha.code}`)]);
  await expect(page.getByText('1 khách hàng', { exact: true })).toBeVisible();
  await snap(page, 'counter-search');
  await page.keyboard.press('Enter');

  const panel = page.getByRole('article', { name: 'Đặng Thu Hà' });
  await expect(panel.getByRole('heading', { level: 2 })).toHaveText('Đặng Thu Hà');
  await expect(panel.getByTestId('customer-phone')).toHaveText('0987 654 321');
  await expect(panel.getByText('thuha.dang@example.vn')).toBeVisible();
  // Registered at the counter's clock, this afternoon.
  await expect(panel.getByText('Khách từ 21/11/2026')).toBeVisible();
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
  // Only Nguyên's and Mai's numbers start 0912 (two of the demo's have a 912 further in).
  await page.keyboard.type('0912');
  const options = page.getByRole('option');
  await expect(options).toHaveText([/Hoàng Đức Nguyên\s*0912 000 111/, /Nguyễn Thị Mai\s*0912 345 678/]);
  // The same rows can still be the answer to "091": the arrows wait for the count.
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
  // Tagged "VIP"; the store keeps tags in lower case.
  await expect(mai.getByRole('list', { name: 'Nhãn' })).toHaveText('vip');
  await expect(mai.getByRole('region', { name: 'Ghi chú' })).toContainText('Thích phòng yên tĩnh, da nhạy cảm.');

  // "/" only counts outside a text field: leave the search box first.
  await page.keyboard.press('Tab');
  await expect(search).not.toBeFocused();
  await page.keyboard.press('/');
  await expect(search).toBeFocused();
  // The old query is selected, so typing replaces it; spaces in a phone are ignored.
  await page.keyboard.type('0912 345');
  await expect(options).toHaveText([/Nguyễn Thị Mai/]);
  await page.keyboard.type('9');
  await expect(page.getByText('Không có khách hàng nào khớp với “0912 3459”.')).toBeVisible();
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
  // A third of the demo are Nguyễn: more than a page of them.
  await page.keyboard.type('nguyen');
  await expect(page.getByText('Lebih dari 30 pelanggan, ketik lagi untuk mempersempit')).toBeVisible();
  // The demo has a Nguyễn Thị Mai of its own: the phone tells them apart.
  await page.keyboard.type(' mai');
  await expect(page.getByText('2 pelanggan', { exact: true })).toBeVisible();
  // Both were written the same minute, so which comes first is the
  // store's tie-break: pick ours by her phone.
  const options = page.getByRole('option');
  await expect(options.filter({ hasText: /Nguyễn Thị Mai\s*0849 969 193/ })).toHaveCount(1);
  await options.filter({ hasText: /Nguyễn Thị Mai\s*0912 345 678/ }).click();

  const mai = page.getByRole('article', { name: 'Nguyễn Thị Mai' });
  await expect(mai.getByTestId('customer-phone')).toHaveText('0912 345 678');
  await expect(mai.getByText('Telepon')).toBeVisible();
  for (const section of ['Dompet', 'Paket perawatan', 'Janji temu', 'Tiket layanan']) {
    await expect(mai.getByRole('region', { name: section })).toBeVisible();
  }
  // The activity comes from the backend in the UI's language.
  await expect(mai.getByRole('region', { name: 'Aktivitas' })).toContainText(
    `Lan menulis catatan untuk Nguyễn Thị Mai: “${MAI_NOTE}”`,
  );
  await snap(page, 'id-customer-360');
});

test.describe('a slow store', () => {
  // Long enough that the keys below arrive while the search for the text
  // typed so far is still waiting for its answer: each search reaches the
  // counter 400 ms late.
  test.beforeEach(async ({ page }) => {
    await page.route('**/api/find_customers', async (route) => {
      await new Promise((done) => setTimeout(done, 400));
      await route.continue().catch(() => {});
    });
  });

  test('Enter right after the text opens the only match, not the row highlighted before', async ({ page }) => {
    const options = page.getByRole('option');
    await page.keyboard.type('0912');
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
    await expect(page.getByText('Hơn 30 khách hàng, gõ thêm để thu hẹp')).toBeVisible();

    // In the old rows ↓ would land on the demo's second Nguyễn.
    await page.keyboard.type(' hung');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('article', { name: 'Nguyễn Văn Hùng' }).getByTestId('customer-phone')).toHaveText(
      '0903 111 222',
    );
    await expect(page.getByRole('article')).toHaveCount(1);

    await page.keyboard.type(' zzz');
    await page.keyboard.press('Enter');
    await expect(page.getByText('Không có khách hàng nào khớp với “nguyen hung zzz”.')).toBeVisible();
    await expect(options).toHaveCount(0);
    // Still Hùng's file: nothing else was opened.
    await expect(page.getByRole('article')).toHaveCount(1);
    await expect(page.getByRole('article', { name: 'Nguyễn Văn Hùng' })).toBeVisible();
  });
});
