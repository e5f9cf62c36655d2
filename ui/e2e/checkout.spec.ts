import { expect, signIn, snap, test } from './fixtures';

// A sale at the counter: Lan finds the customer, opens checkout from the
// 360, rings up a shelf item and a wallet top-up, takes a card and cash
// (with change), sees the receipt number, and the activity log tells it.

test('a shelf item and a top-up paid by card and cash, with change', async ({ page }) => {
  await signIn(page);
  await page.keyboard.type('hung');
  await expect(page.getByRole('listbox', { name: 'Tìm khách hàng' }).getByRole('option')).toHaveText([/Nguyễn Văn Hùng/]);
  await page.keyboard.press('Enter');
  const file = page.getByRole('article', { name: 'Nguyễn Văn Hùng' });
  await file.getByRole('button', { name: 'Thanh toán' }).click();

  await expect(page.getByRole('tab', { name: 'Thanh toán' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('checkout-customer')).toHaveText('Nguyễn Văn Hùng');

  // Two bottles of shampoo: Enter in the item's fields adds it.
  await page.getByLabel('Tên mặt hàng').fill('Dầu gội thảo dược');
  await page.getByLabel('Đơn giá').fill('120.000');
  await page.getByLabel('Số lượng').fill('2');
  await page.getByLabel('Số lượng').press('Enter');
  await expect(page.getByTestId('checkout-total')).toHaveText('240.000 ₫');
  await expect(page.getByLabel('Tên mặt hàng')).toBeFocused();

  // 500 000 into her wallet.
  await page.getByLabel('Số tiền nạp').fill('500000');
  await page.getByLabel('Số tiền nạp').press('Enter');
  await expect(page.getByTestId('cart-line')).toHaveText([/Dầu gội thảo dược.*2 × 120\.000 ₫/, /Nạp ví.*500\.000 ₫/]);
  await expect(page.getByTestId('checkout-total')).toHaveText('740.000 ₫');

  // 500 000 on the card, the rest in cash: 300 000 handed over.
  await page.getByRole('button', { name: 'Thêm khoản trả bằng Thẻ' }).click();
  const card = page.getByRole('textbox', { name: 'Thẻ', exact: true });
  await expect(card).toBeFocused();
  await expect(card).toHaveValue('740.000');
  await card.fill('500.000');
  await page.getByRole('textbox', { name: 'Mã giao dịch Thẻ' }).fill('T-77');
  await expect(page.getByTestId('checkout-balance')).toHaveText(/Còn thiếu\s*240\.000 ₫/);
  await page.getByRole('button', { name: 'Thêm khoản trả bằng Tiền mặt' }).click();
  const cash = page.getByRole('textbox', { name: 'Tiền mặt', exact: true });
  await expect(cash).toHaveValue('240.000');
  await cash.fill('300.000');
  await expect(page.getByTestId('checkout-balance')).toHaveText(/Tiền thối\s*60\.000 ₫/);
  await snap(page, 'checkout-cart');

  // Ctrl+Enter rings it up.
  await page.keyboard.press('Control+Enter');
  const receipt = page.getByTestId('receipt');
  await expect(receipt.getByRole('heading', { level: 2 })).toHaveText(/^Hóa đơn K7M-000001$/);
  await expect(receipt.getByTestId('receipt-total')).toHaveText('740.000 ₫');
  await expect(receipt.getByTestId('receipt-change')).toHaveText('60.000 ₫');
  await expect(receipt.getByRole('button', { name: 'In hóa đơn' })).toBeEnabled();
  await expect(receipt.getByRole('button', { name: 'Hóa đơn mới' })).toBeFocused();
  await snap(page, 'checkout-receipt');

  // The log tells the sale and the top-up.
  await page.keyboard.press('Control+2');
  const log = page.getByRole('region', { name: 'Nhật ký hoạt động' });
  await expect(log.getByRole('listitem').filter({ hasText: 'hóa đơn K7M-000001' })).toHaveText(
    /Lan đã lập hóa đơn K7M-000001 cho Nguyễn Văn Hùng: 740\.000 ₫/,
  );
  await expect(log.getByText('Lan đã nạp 500.000 ₫ vào ví của Nguyễn Văn Hùng (thanh toán tại quầy)')).toBeVisible();

  // And her file has the money.
  await page.keyboard.press('Control+1');
  await expect(page.getByRole('article', { name: 'Nguyễn Văn Hùng' }).getByRole('region', { name: 'Ví' })).toContainText(
    '500.000',
  );
});

test('Ctrl+4 opens checkout; a completed booking from the file; English', async ({ page }) => {
  await signIn(page);
  await page.keyboard.press('Control+4');
  await expect(page.getByRole('heading', { name: 'Thanh toán', level: 2 })).toBeVisible();
  await expect(page.getByRole('tab', { name: 'Thanh toán' })).toHaveAttribute('title', 'Ctrl+4');
  // Without a customer, the search is where the typing goes.
  await expect(page.getByRole('combobox', { name: 'Tìm khách hàng' })).toBeFocused();
  await page.keyboard.type('le hoang');
  await expect(page.getByRole('listbox', { name: 'Tìm khách hàng' }).getByRole('option')).toHaveText([/Lê Hoàng Yến/]);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('checkout-customer')).toHaveText('Lê Hoàng Yến');
  // Typing goes on with what is sold.
  await expect(page.getByLabel('Tên mặt hàng')).toBeFocused();
  await page.getByTestId('checkout-booking').getByRole('button', { name: 'Thêm vào hóa đơn' }).click();
  await expect(page.getByTestId('checkout-total')).toHaveText('450.000 ₫');

  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('heading', { name: 'Checkout', level: 2 })).toBeVisible();
  await page.getByRole('button', { name: 'Add a Transfer payment' }).click();
  await expect(page.getByTestId('checkout-balance')).toHaveText(/Paid in full/);
  await page.getByRole('button', { name: 'Confirm payment' }).click();
  await expect(page.getByTestId('receipt').getByRole('heading', { level: 2 })).toHaveText('Receipt K7M-000001');
  await snap(page, 'checkout-receipt-en');
});
