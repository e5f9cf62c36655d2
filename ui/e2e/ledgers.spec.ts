import { expect, signIn, snap, test } from './fixtures';
import { ANH, HUNG, register, scene } from './scene-till';

// The wallet statement and the tickets in the browser: Lan opens a file,
// tops up the wallet from the 360 and sees the line in the statement; she
// opens a ticket, moves it and resolves it with credit that Tuấn approves;
// the Tickets tab in English.

test.use({ setup: scene(register(HUNG)) });

test('top up from the 360 and see the line in the wallet statement', async ({ page }) => {
  await signIn(page);
  // "hung" alone finds the demo's other Hùngs too.
  await page.keyboard.type('nguyen van hung');
  await expect(page.getByRole('listbox', { name: 'Tìm khách hàng' }).getByRole('option')).toHaveText([
    /Nguyễn Văn Hùng/,
  ]);
  await page.keyboard.press('Enter');
  const file = page.getByRole('article', { name: 'Nguyễn Văn Hùng' });
  await file.getByRole('button', { name: 'Nạp ví' }).click();

  const form = page.getByRole('form', { name: 'Nạp tiền vào ví' });
  await expect(form.getByLabel('Số tiền')).toBeFocused();
  await expect(page.getByText('Chưa có giao dịch nào.')).toBeVisible();
  await page.keyboard.type('500000');
  await form.getByLabel('Hình thức').selectOption('transfer');
  await form.getByLabel('Ghi chú').fill('FT2611');
  await form.getByLabel('Ghi chú').press('Enter');

  await expect(form.getByRole('status')).toHaveText('Đã nạp 500.000 VND.');
  const line = page.getByTestId('wallet-entry');
  await expect(line).toHaveCount(1);
  await expect(line).toContainText('Nạp tiền (chuyển khoản) · FT2611');
  await expect(line).toContainText('+500.000');
  await expect(line).toContainText('Lan');
  await expect(page.getByTestId('wallet-real')).toHaveText('500.000 VND');
  await snap(page, 'wallet-statement');

  // Escape goes back to the 360, which shows the new balance.
  await form.getByLabel('Ghi chú').press('Escape');
  await expect(file.getByRole('region', { name: 'Ví' })).toContainText('500.000 VND');
});

test('open a ticket, move it, and resolve it with credit a manager approves', async ({ page, counter }) => {
  await signIn(page);
  await page.keyboard.type('nguyen van hung');
  await expect(page.getByRole('listbox', { name: 'Tìm khách hàng' }).getByRole('option')).toHaveCount(1);
  await page.keyboard.press('Enter');
  const file = page.getByRole('article', { name: 'Nguyễn Văn Hùng' });
  await file.getByRole('button', { name: 'Mở phiếu hỗ trợ' }).click();

  const open = page.getByRole('form', { name: 'Mở phiếu hỗ trợ' });
  await expect(open.getByLabel('Tiêu đề')).toBeFocused();
  await page.keyboard.type('Phòng xông hơi quá nóng');
  await open.getByRole('button', { name: 'Mở phiếu' }).click();

  const detail = page.locator('section', { has: page.getByRole('heading', { name: /Phòng xông hơi quá nóng/ }) }).last();
  await expect(detail.getByRole('heading', { level: 3 })).toHaveText(/^TV-2026-[0-9A-Z]{3}-00001 · Phòng xông hơi quá nóng$/);
  await expect(detail.getByTestId('ticket-status')).toHaveText('Mới');

  const move = detail.getByRole('form', { name: 'Chuyển trạng thái' });
  await move.getByLabel('Trạng thái mới').selectOption('WAITING');
  await move.getByLabel('Đang chờ ai').selectOption('customer');
  await move.getByLabel('Ghi chú').fill('Chờ khách gọi lại');
  await move.getByRole('button', { name: 'Chuyển' }).click();
  await expect(detail.getByTestId('ticket-status')).toHaveText('Đang chờ');
  await expect(detail.getByTestId('ticket-step').last()).toContainText('Chờ khách hàng — Chờ khách gọi lại');

  const resolve = detail.getByRole('form', { name: 'Giải quyết xong' });
  await expect(resolve.getByRole('radio', { name: 'Tặng tín dụng' })).toBeChecked();
  await resolve.getByLabel('Số tiền').fill('100000');
  await resolve.getByRole('button', { name: 'Hoàn tất phiếu' }).click();
  const approval = page.getByRole('dialog', { name: 'Quản lý duyệt' });
  await approval.getByRole('radio', { name: /Tuấn/ }).click();
  await approval.getByLabel('Mã PIN của người duyệt').fill('3333');
  await approval.getByLabel('Mã PIN của người duyệt').press('Enter');

  await expect(detail.getByTestId('ticket-status')).toHaveText('Hoàn tất');
  await expect(detail.getByText('Đã tặng 100.000 VND tín dụng.')).toBeVisible();
  await snap(page, 'ticket-resolved');

  await page.getByRole('button', { name: /Về hồ sơ khách/ }).click();
  await expect(file.getByRole('region', { name: 'Ví' })).toContainText('100.000 VND');
  await expect(file.getByTestId('ticket')).toContainText('Phòng xông hơi quá nóng');
  // The store gave it as virtual credit, not real money.
  expect(await counter.cli('wallet', 'show', HUNG.phone)).toMatchObject({ balance: 0, virtual: 100_000 });
});

test.describe('Trần Minh Anh complained about a towel', () => {
  test.use({
    setup: scene(register(ANH), [
      'ticket',
      'add',
      '--customer',
      ANH.phone,
      '--type',
      'complaint',
      '--subject',
      'Khăn không sạch',
    ]),
  });

  test('the Tickets tab in English lists open tickets and opens the customer', async ({ page }) => {
    await signIn(page);
    await page.getByRole('button', { name: 'English' }).click();
    await page.keyboard.press('Control+7');
    const tab = page.getByRole('tab', { name: 'Tickets' });
    await expect(tab).toHaveAttribute('aria-selected', 'true');
    await expect(tab).toHaveAttribute('title', 'Tickets (Ctrl+7)');
    await expect(page.getByRole('heading', { name: 'Open tickets', level: 2 })).toBeVisible();
    const row = page.getByTestId('ticket-row');
    await expect(row).toHaveCount(1);
    await expect(row).toContainText('Khăn không sạch');
    await expect(row).toContainText('Trần Minh Anh');
    await row.click();
    await expect(page.getByRole('form', { name: 'Resolve' })).toBeVisible();
    await expect(page.getByRole('form', { name: 'Resolve' }).getByRole('radio', { name: 'Bonus credit' })).toBeChecked();
    await snap(page, 'tickets-tab-en');
    await page.getByRole('button', { name: 'Trần Minh Anh', exact: true }).click();
    await expect(page.getByRole('tab', { name: 'Customers' })).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByRole('article', { name: 'Trần Minh Anh' })).toBeVisible();
  });
});
