import type { Page } from '@playwright/test';
import type { FakeSeed } from '../src/lib/backend';
import { expect, signIn, snap, test } from './fixtures';

// Printing from the counter against the fake's printers: a receipt rung up
// at checkout printed (the original), printed again with Ctrl+P (a copy)
// and both in the activity log; with no printer chosen, the error that
// points to Settings › Máy in, where one is chosen; a printer that is off;
// and the punch card's statement and the day's report on the sheet printer.

const CHOSEN: FakeSeed = {
  printing: {
    systemDefault: 'VanPhong_A4',
    chosen: { receipt_printer: { kind: 'system', queue: 'Quay_EPSON_TM_T82' }, sheet_printer: 'VanPhong_A4' },
  },
};

/** Rings up a walk-in's bottle of shampoo in cash (Ctrl+4, then Ctrl+Enter); ends on the receipt. */
async function ringUp(page: Page) {
  await page.keyboard.press('Control+4');
  await page.getByLabel('Tên mặt hàng').fill('Dầu gội thảo dược');
  await page.getByLabel('Đơn giá').fill('120.000');
  await page.getByLabel('Đơn giá').press('Enter');
  await expect(page.getByTestId('checkout-total')).toHaveText('120.000 ₫');
  await page.getByRole('button', { name: 'Thêm khoản trả bằng Tiền mặt' }).click();
  await expect(page.getByTestId('checkout-balance')).toHaveText(/Đã đủ|Tiền thối/);
  await page.keyboard.press('Control+Enter');
  const receipt = page.getByTestId('receipt');
  await expect(receipt.getByRole('heading', { level: 2 })).toHaveText('Hóa đơn K7M-000001');
  return receipt;
}

test.describe('with printers chosen', () => {
  test.use({ seed: CHOSEN });

  test('a receipt printed from checkout, then its copy with Ctrl+P, both in the log', async ({ page }) => {
    await signIn(page);
    const receipt = await ringUp(page);
    const print = receipt.getByTestId('print-receipt');
    await expect(print).toHaveAccessibleName('In hóa đơn');
    await print.click();
    await expect(receipt.getByRole('status')).toHaveText('Đã in trên Quay_EPSON_TM_T82');
    await expect(print).toHaveAccessibleName('In lại (bản sao)');
    await snap(page, 'receipt-printed');

    // Ctrl+P prints the copy; the page's own print dialog never opens.
    await page.evaluate(() => {
      window.print = () => {
        throw new Error("the browser's print dialog was opened");
      };
    });
    await page.keyboard.press('Control+p');
    await expect(receipt.getByRole('status')).toHaveText('Đã in bản sao trên Quay_EPSON_TM_T82');

    await page.keyboard.press('Control+2');
    const log = page.getByRole('region', { name: 'Nhật ký hoạt động' });
    await expect(log.getByText('Lan đã in hóa đơn K7M-000001', { exact: true })).toBeVisible();
    await expect(log.getByText('Lan đã in lại hóa đơn K7M-000001 (bản sao)')).toBeVisible();
  });

  test("the punch card's statement and the day's report go to the sheet printer", async ({ page }) => {
    await signIn(page, 'Tuấn', '3333');
    await page.keyboard.type('minh anh');
    await page.keyboard.press('Enter');
    const file = page.getByRole('article', { name: 'Trần Minh Anh' });
    await file.getByRole('button', { name: 'Xem sổ buổi' }).click();
    const statement = page.getByTestId('print-statement');
    await expect(statement).toHaveAccessibleName('In sổ buổi');
    await statement.click();
    await expect(page.getByText('Đã in trên VanPhong_A4')).toBeVisible();

    await page.keyboard.press('Control+9');
    const report = page.getByTestId('print-report');
    await expect(report).toHaveAccessibleName('In báo cáo');
    await report.click();
    await expect(page.locator('.manager').getByRole('status').filter({ hasText: 'Đã in' })).toHaveText('Đã in trên VanPhong_A4');
    await snap(page, 'report-printed');
  });
});

test('with no receipt printer chosen the error points to Settings, where one is chosen', async ({ page }) => {
  await signIn(page);
  const receipt = await ringUp(page);
  await receipt.getByTestId('print-receipt').click();
  await expect(receipt.getByRole('alert')).toHaveText('Quầy này chưa chọn máy in hoá đơn: chọn trong Cài đặt › Máy in.');
  await expect(receipt.getByTestId('print-receipt')).toHaveAccessibleName('In hóa đơn');

  // Lan chooses the counter's printer, with Tuấn's approval.
  await page.keyboard.press('Control+8');
  await page.getByRole('navigation', { name: 'Mục cài đặt' }).getByRole('button', { name: 'Máy in', exact: true }).click();
  const form = page.getByRole('form', { name: 'Máy in' });
  await expect(form.locator('input[name="receipt-kind"][value="system"]')).toBeChecked();
  await form.locator('#receipt-queue').selectOption('Quay_EPSON_TM_T82');
  await form.locator('#sheet-queue').selectOption('VanPhong_A4');
  await form.getByRole('button', { name: 'Lưu' }).click();
  const dialog = page.getByRole('dialog', { name: 'Quản lý duyệt' });
  await dialog.getByRole('radio', { name: /Tuấn/ }).click();
  await dialog.getByLabel('Mã PIN của người duyệt').fill('3333');
  await dialog.getByLabel('Mã PIN của người duyệt').press('Enter');
  await expect(page.getByText('Đã lưu máy in.')).toBeVisible();
  await snap(page, 'settings-printers');

  // Back at the receipt, which was never printed: the original.
  await page.keyboard.press('Control+4');
  await page.getByTestId('print-receipt').click();
  await expect(page.getByTestId('receipt').getByRole('status')).toHaveText('Đã in trên Quay_EPSON_TM_T82');
});

test.describe('a printer that is off', () => {
  test.use({ seed: { printing: { ...CHOSEN.printing, off: true } } });

  test('says so and prints nothing', async ({ page }) => {
    await signIn(page);
    const receipt = await ringUp(page);
    await receipt.getByTestId('print-receipt').click();
    await expect(receipt.getByRole('alert')).toHaveText(
      'Không kết nối được máy in: kiểm tra máy in đã bật và đã cắm dây hoặc vào mạng.',
    );
    await expect(receipt.getByTestId('print-receipt')).toBeEnabled();
    await expect(receipt.getByTestId('print-receipt')).toHaveAccessibleName('In hóa đơn');
  });
});
