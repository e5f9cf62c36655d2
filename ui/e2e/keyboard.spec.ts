import { expect, OFFLINE, snap, test } from './fixtures';
import { NGUYEN, add } from './scene-people';

// A receptionist's round without touching the mouse: only page.keyboard
// below (no click, fill or focus), so anything that needs a pointer fails here.

test.use({ setup: [add(NGUYEN)] });

test('sign in, find, add, read the log, check sync and lock, by keyboard only', async ({ page }) => {
  const keys = page.keyboard;
  // Offline since 10:42 with three changes waiting (a state only a network
  // makes), plus whatever the real counter has written since the page
  // opened: its own count of changes not yet sent moves the number.
  const before = (await (await page.request.post('/api/sync_status')).json()) as { pending: number };
  await page.route('**/api/sync_status', async (route) => {
    const now = (await (await route.fetch()).json()) as { pending: number };
    await route.fulfill({ json: { ...OFFLINE, pending: OFFLINE.pending! + now.pending - before.pending } });
  });
  await page.goto('/');

  // Sign in: the first name has the focus; Lan is the next one.
  // The heading shows before the names arrive from the counter: a key
  // pressed before the first name holds the focus goes nowhere.
  await expect(page.getByRole('heading', { name: 'Ai đang làm việc tại quầy?' })).toBeVisible();
  const people = page.getByRole('list', { name: 'Nhân viên' }).getByRole('button');
  await expect(people.first()).toBeFocused();
  await keys.press('ArrowRight');
  await expect(people.filter({ hasText: 'Lan' })).toBeFocused();
  await keys.press('Enter');
  await expect(page.getByRole('heading', { name: 'Xin chào Lan, nhập mã PIN của bạn.' })).toBeVisible();
  await keys.type('1111');
  await keys.press('Enter');
  await expect(page.getByTestId('signed-in-name')).toHaveText('Lan');
  await expect(page.getByRole('combobox', { name: 'Tìm khách hàng' })).toBeFocused();

  // Find a customer and open her file.
  // (The demo has two other Hoàng Đức.)
  await keys.type('hoang duc nguyen');
  await expect(page.getByRole('option')).toHaveText([/Hoàng Đức Nguyên/]);
  await keys.press('Enter');
  await expect(page.getByRole('article', { name: 'Hoàng Đức Nguyên' }).getByTestId('customer-phone')).toHaveText(
    '0912 000 111',
  );

  // Add a customer: Ctrl+N, Tab between the fields, Enter saves.
  await keys.press('Control+n');
  await expect(page.getByRole('heading', { name: 'Thêm khách hàng mới' })).toBeVisible();
  await keys.type('Ngô Thị Lụa');
  await keys.press('Tab');
  await keys.type('0388 765 432');
  await keys.press('Enter');
  await expect(page.getByRole('main').getByRole('status')).toHaveText('Đã lưu khách hàng Ngô Thị Lụa.');
  await expect(page.getByRole('article', { name: 'Ngô Thị Lụa' }).getByTestId('customer-phone')).toHaveText(
    '0388 765 432',
  );

  // Search finds her ("lua" without the marks), from wherever the focus is.
  await keys.press('Control+k');
  await keys.type('lua');
  await expect(page.getByRole('option')).toHaveText([/Ngô Thị Lụa\s*0388 765 432/]);

  // The log opens on the counter's today, and what she just did is on it.
  await keys.press('Control+2');
  await expect(page.getByRole('heading', { name: 'Nhật ký hoạt động' })).toBeVisible();
  const log = page.getByRole('region', { name: 'Nhật ký hoạt động' });
  await expect(log.getByRole('textbox', { name: 'Ngày' })).toHaveValue('21/11/2026');
  await expect(log.getByText('Lan đã thêm khách hàng Ngô Thị Lụa (0388 765 432)')).toBeVisible();

  // The new customer is one more change waiting to be sent.
  await keys.press('Control+3');
  const details = page.getByRole('dialog', { name: 'Đồng bộ với máy chủ' });
  await expect(details.getByTestId('sync-pending')).toHaveText('4');
  await expect(page.getByTestId('sync-indicator')).toHaveAccessibleName(/^Mất kết nối từ 10:42 · 4 thay đổi chờ gửi\b/);
  await snap(page, 'keyboard-sync-pending');
  await keys.press('Escape');
  await expect(details).toHaveCount(0);

  // Switch language from the keyboard: Tab from the indicator through the header to "EN".
  await expect(page.getByTestId('sync-indicator')).toBeFocused();
  const english = page.getByRole('button', { name: 'English' });
  for (let i = 0; i < 10; i++) {
    if (await english.evaluate((button) => button === document.activeElement)) break;
    await keys.press('Tab');
  }
  await expect(english).toBeFocused();
  await keys.press('Enter');
  await expect(page.getByRole('heading', { name: 'Activity log' })).toBeVisible();

  // Lock.
  await keys.press('Control+l');
  await expect(page.getByRole('heading', { name: 'Who is at the counter?' })).toBeVisible();
  await expect(page.getByRole('button', { name: /Lan/ })).toBeFocused();
});
