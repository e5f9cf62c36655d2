import type { Page } from '@playwright/test';
import { expect, signIn, snap, test } from './fixtures';
import {
  ANH,
  choosePrinters,
  MASSAGE_CARD,
  MASSAGE_CARD_NAME,
  OPEN_DRAWER,
  register,
  scene,
  thermalPrinter,
  type ThermalPrinter,
} from './scene-till';

// Printing from the counter against the real store: receipts go to a
// thermal printer on the network (a TCP port the spec listens on, which
// takes the store's ESC/POS bytes). A receipt rung up at checkout printed
// (the original), printed again with Ctrl+P (a copy) and both in the
// activity log; with no printer chosen, the store's refusal that points to
// Settings › Máy in, where one is chosen; a printer that is off (nothing
// listens on its port); and the punch card's statement and the day's
// report on the sheet printer. Sheets only go to a system (CUPS) queue,
// which this machine does not have: those two prints are answered by the
// page's route (`answers`), as the store answers when the queue took them.

const SHEET = 'VanPhong_A4';
const PRINTED_ON_SHEET = { printer: SHEET, job: 'VanPhong_A4-17', copy: false };

test.use({ setup: scene(OPEN_DRAWER) });

let printer: ThermalPrinter;
test.beforeEach(async () => {
  printer = await thermalPrinter();
});
test.afterEach(async () => {
  await printer.close();
});

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
  await expect(receipt.getByRole('heading', { level: 2 })).toHaveText(/^Hóa đơn [0-9A-Z]{3}-000001$/);
  return receipt;
}

test.describe('with printers chosen', () => {
  test.use({
    setup: scene(OPEN_DRAWER, register(ANH), MASSAGE_CARD, [
      'treatment',
      'sell',
      '--customer',
      ANH.phone,
      '--package',
      MASSAGE_CARD_NAME,
    ]),
    answers: { print_statement: PRINTED_ON_SHEET, print_day_report: PRINTED_ON_SHEET },
  });

  test('a receipt printed from checkout, then its copy with Ctrl+P, both in the log', async ({ page, counter }) => {
    choosePrinters(counter, printer.address, SHEET);
    await signIn(page);
    const receipt = await ringUp(page);
    const number = (await receipt.getByRole('heading', { level: 2 }).textContent())!.replace('Hóa đơn ', '');
    const print = receipt.getByTestId('print-receipt');
    await expect(print).toHaveAccessibleName('In hóa đơn');
    await print.click();
    await expect(receipt.getByRole('status')).toHaveText(`Đã in trên ${printer.address}`);
    await expect(print).toHaveAccessibleName('In lại (bản sao)');
    expect(printer.jobs()).toBe(1);
    await snap(page, 'receipt-printed');

    // Ctrl+P prints the copy; the page's own print dialog never opens.
    await page.evaluate(() => {
      window.print = () => {
        throw new Error("the browser's print dialog was opened");
      };
    });
    await page.keyboard.press('Control+p');
    await expect(receipt.getByRole('status')).toHaveText(`Đã in bản sao trên ${printer.address}`);
    await expect.poll(() => printer.jobs()).toBe(2);
    // The store counts the prints on the sale.
    expect(await counter.cli('sale', 'show', number)).toMatchObject({ printed: 2 });

    // The log of the counter's today tells both prints.
    await page.keyboard.press('Control+2');
    const log = page.getByRole('region', { name: 'Nhật ký hoạt động' });
    await expect(log.getByRole('textbox', { name: 'Ngày' })).toHaveValue('21/11/2026');
    await expect(log.getByText(`Lan đã in hóa đơn ${number}`, { exact: true })).toBeVisible();
    await expect(log.getByText(`Lan đã in lại hóa đơn ${number} (bản sao)`)).toBeVisible();
  });

  test("the punch card's statement and the day's report go to the sheet printer", async ({ page, counter }) => {
    choosePrinters(counter, printer.address, SHEET);
    await signIn(page, 'Tuấn', '3333');
    await page.keyboard.type('minh anh');
    await page.keyboard.press('Enter');
    const file = page.getByRole('article', { name: 'Trần Minh Anh' });
    await file.getByRole('button', { name: 'Xem sổ buổi' }).click();
    const statement = page.getByTestId('print-statement');
    await expect(statement).toHaveAccessibleName('In sổ buổi');
    await statement.click();
    await expect(page.getByText(`Đã in trên ${SHEET}`)).toBeVisible();

    await page.keyboard.press('Control+9');
    const report = page.getByTestId('print-report');
    await expect(report).toHaveAccessibleName('In báo cáo');
    await report.click();
    await expect(page.locator('.manager').getByRole('status').filter({ hasText: 'Đã in' })).toHaveText(`Đã in trên ${SHEET}`);
    await snap(page, 'report-printed');
  });
});

test('with no receipt printer chosen the error points to Settings, where one is chosen', async ({ page }) => {
  // The store's refusal: no_printer, on the receipt printer.
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
  // No system printers here (no CUPS): the counter's thermal printer on the network.
  await form.locator('input[name="receipt-kind"][value="network"]').check();
  await form.locator('#receipt-address').fill(printer.address);
  await form.locator('#sheet-queue').fill(SHEET);
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
  await expect(page.getByTestId('receipt').getByRole('status')).toHaveText(`Đã in trên ${printer.address}`);
  expect(printer.jobs()).toBe(1);
});

test.describe('a printer that is off', () => {
  test('says so and prints nothing', async ({ page, counter }) => {
    // Nothing listens on its port any more: the store cannot reach it.
    const off = printer;
    printer = await thermalPrinter();
    await off.close();
    choosePrinters(counter, off.address, SHEET);
    await signIn(page);
    const receipt = await ringUp(page);
    await receipt.getByTestId('print-receipt').click();
    await expect(receipt.getByRole('alert')).toHaveText(
      'Không kết nối được máy in: kiểm tra máy in đã bật và đã cắm dây hoặc vào mạng.',
    );
    await expect(receipt.getByTestId('print-receipt')).toBeEnabled();
    await expect(receipt.getByTestId('print-receipt')).toHaveAccessibleName('In hóa đơn');
    expect(printer.jobs()).toBe(0);
  });
});
