import { CONFLICTS, expect, OFFLINE, signIn, snap, test } from './fixtures';

// The header's sync indicator, its details (Ctrl+3) and the conflicts inbox,
// on the real counter never paired (a fresh one), or offline with conflicts
// (the page's fixed answers: only a network and a second counter make them).

test('never paired by default; Ctrl+3 opens the details and Escape closes them', async ({ page, counter }) => {
  // What the store says: not paired, and every change made here (the demo's
  // data included) waiting for the day it is.
  const status = (await counter.cli('sync', '--status')) as { paired: boolean; pending: number };
  expect(status.paired).toBe(false);
  expect(status.pending).toBeGreaterThan(0);
  await signIn(page);
  const indicator = page.getByTestId('sync-indicator');
  await expect(page.getByTestId('sync-words')).toHaveText('Chưa kết nối máy chủ');
  await expect(page.getByTestId('sync-badge')).toHaveCount(0);

  await page.keyboard.press('Control+3');
  const details = page.getByRole('dialog', { name: 'Đồng bộ với máy chủ' });
  await expect(details).toBeFocused();
  await expect(indicator).toHaveAttribute('aria-expanded', 'true');
  await expect(details).toContainText('Quầy này chưa được ghép nối với máy chủ');
  await expect(details.getByTestId('sync-pending')).toHaveText(status.pending.toLocaleString('vi-VN'));
  await expect(details.getByTestId('sync-conflict-count')).toHaveText('0');
  // Never paired: no server or device to show.
  await expect(details.getByText('Máy chủ', { exact: true })).toHaveCount(0);

  await page.keyboard.press('Escape');
  await expect(details).toHaveCount(0);
  await expect(indicator).toHaveAttribute('aria-expanded', 'false');
  await expect(indicator).toBeFocused();
  // Ctrl+3 toggles from anywhere, also from the search box.
  await page.keyboard.press('Control+k');
  await page.keyboard.press('Control+3');
  await expect(details).toBeVisible();
  await page.keyboard.press('Control+3');
  await expect(details).toHaveCount(0);
});

test.describe('offline with conflicts', () => {
  test.use({ answers: { sync_status: OFFLINE, conflicts: CONFLICTS } });

  test('the indicator says offline with the pending count; the inbox lists the conflicts', async ({ page }) => {
    await signIn(page);
    const indicator = page.getByTestId('sync-indicator');
    // 03:42 UTC is 10:42 at the counter (timezoneId in playwright.config.ts).
    // At 1280 px the header has room for the time, and for the changes
    // waiting when the tabs leave it (header.spec.ts); they are always in
    // the accessible name, the tooltip and the details.
    await expect(page.getByTestId('sync-words')).toHaveText(/^Mất kết nối từ 10:42( · 3 thay đổi chờ gửi)?$/);
    await expect(indicator).toHaveAccessibleName(/^Mất kết nối từ 10:42 · 3 thay đổi chờ gửi\b/);
    await expect(indicator).toHaveAttribute('title', /^Mất kết nối từ 10:42 · 3 thay đổi chờ gửi\n/);
    await expect(page.getByTestId('sync-badge')).toHaveText('2');
    await expect(indicator).toHaveAccessibleName(/2 xung đột cần xử lý/);

    await page.keyboard.press('Control+3');
    const details = page.getByRole('dialog', { name: 'Đồng bộ với máy chủ' });
    await expect(details).toContainText('Quầy vẫn làm việc bình thường khi mất mạng.');
    await expect(details.getByText('https://sync.spa-hoa.vn', { exact: true })).toBeVisible();
    await expect(details.getByTestId('sync-pending')).toHaveText('3');
    // Instants on this computer's clock, with how long ago from the fixed 14:30.
    await expect(details).toContainText('10:40 (3 giờ trước)');
    await expect(details).toContainText('could not reach https://sync.spa-hoa.vn: connection refused');
    await expect(details.getByTestId('sync-conflict-count')).toHaveText('2');
    await snap(page, 'sync-details-offline');

    // To the inbox by keyboard: the close button, then "Xem các xung đột".
    await page.keyboard.press('Tab');
    await expect(details.getByRole('button', { name: 'Đóng' })).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(details.getByRole('button', { name: 'Xem các xung đột' })).toBeFocused();
    await page.keyboard.press('Enter');

    await expect(details).toHaveCount(0);
    const inbox = page.getByRole('region', { name: 'Xung đột đồng bộ' });
    await expect(inbox.getByRole('heading', { level: 1 })).toBeFocused();
    await expect(inbox.getByText('2 xung đột cần xử lý')).toBeVisible();
    const items = inbox.getByRole('listitem');
    await expect(items).toHaveCount(2);
    await expect(items.getByRole('heading', { level: 2 })).toHaveText([
      'Hai khách hàng trùng số điện thoại',
      'Ví của khách bị âm',
    ]);
    await expect(items.first()).toContainText(CONFLICTS[0]!.detail);
    await expect(items.first()).toContainText(
      'Cách xử lý: Gộp hai hồ sơ khách hàng, hoặc sửa số điện thoại của một người.',
    );
    await expect(items.nth(1)).toContainText(CONFLICTS[1]!.detail);
    await snap(page, 'conflicts-inbox');

    // The inbox has no tab: Ctrl+1 goes back to customers.
    await page.keyboard.press('Control+1');
    await expect(inbox).toHaveCount(0);
    await expect(page.getByRole('tab', { name: 'Khách hàng' })).toHaveAttribute('aria-selected', 'true');
  });
});
