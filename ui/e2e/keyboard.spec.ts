import { expect, OFFLINE, snap, test } from './fixtures';

// A receptionist's round without touching the mouse: only page.keyboard
// below (no click, fill or focus), so anything that needs a pointer fails here.

test.use({ seed: { sync: OFFLINE } });

test('sign in, find, add, read the log, check sync and lock, by keyboard only', async ({ page }) => {
  const keys = page.keyboard;
  await page.goto('/');

  // Sign in: the first name has the focus; Lan is the next one.
  await expect(page.getByRole('heading', { name: 'Ai đang làm việc tại quầy?' })).toBeVisible();
  await keys.press('ArrowRight');
  await keys.press('Enter');
  await keys.type('1111');
  await keys.press('Enter');
  await expect(page.getByTestId('signed-in-name')).toHaveText('Lan');

  // Find a customer and open her file.
  await keys.type('hoang duc');
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

  // The log lists it.
  await keys.press('Control+2');
  await expect(page.getByRole('region', { name: 'Nhật ký hoạt động' }).getByRole('listitem')).toHaveText([
    /Lan đã thêm khách hàng Ngô Thị Lụa \(0388 765 432\)/,
  ]);

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
  await expect(page.getByRole('region', { name: 'Activity log' }).getByRole('listitem')).toHaveText([
    /Lan added customer Ngô Thị Lụa \(0388 765 432\)/,
  ]);

  // Lock.
  await keys.press('Control+l');
  await expect(page.getByRole('heading', { name: 'Who is at the counter?' })).toBeVisible();
  await expect(page.getByRole('button', { name: /Lan/ })).toBeFocused();
});
