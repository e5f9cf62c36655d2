import { expect, signIn, snap, test } from './fixtures';
import { at, bookedThisMorning, HUNG, MASSAGE, OPEN_DRAWER, register, scene, YEN } from './scene-till';

// A sale at the counter: Lan finds the customer, opens checkout from the
// 360, rings up a shelf item and a wallet top-up, takes a card and cash
// (with change), sees the receipt number, and the activity log tells it.
// The receipt numbers are the register's own (its code is the counter's).

test.describe('with the drawer open', () => {
  test.use({ setup: scene(register(HUNG), OPEN_DRAWER) });

  test('a shelf item and a top-up paid by card and cash, with change', async ({ page, counter }) => {
    await signIn(page);
    // "hung" alone finds the demo's other Hùngs too.
    await page.keyboard.type('nguyen van hung');
    await expect(page.getByRole('listbox', { name: 'Tìm khách hàng' }).getByRole('option')).toHaveText([
      /Nguyễn Văn Hùng/,
    ]);
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
    await expect(receipt.getByRole('heading', { level: 2 })).toHaveText(/^Hóa đơn [0-9A-Z]{3}-000001$/);
    const number = (await receipt.getByRole('heading', { level: 2 }).textContent())!.replace('Hóa đơn ', '');
    await expect(receipt.getByTestId('receipt-total')).toHaveText('740.000 ₫');
    await expect(receipt.getByTestId('receipt-change')).toHaveText('60.000 ₫');
    await expect(receipt.getByRole('button', { name: 'In hóa đơn' })).toBeEnabled();
    await expect(receipt.getByRole('button', { name: 'Hóa đơn mới' })).toBeFocused();
    await snap(page, 'checkout-receipt');

    // The log of the counter's today tells the sale and the top-up.
    await page.keyboard.press('Control+2');
    const log = page.getByRole('region', { name: 'Nhật ký hoạt động' });
    await expect(log.getByRole('textbox', { name: 'Ngày' })).toHaveValue('21/11/2026');
    await expect(log.getByRole('listitem').filter({ hasText: `hóa đơn ${number}` })).toHaveText(
      new RegExp(`Lan đã lập hóa đơn ${number} cho Nguyễn Văn Hùng: 740\\.000 ₫`),
    );
    await expect(log.getByText('Lan đã nạp 500.000 ₫ vào ví của Nguyễn Văn Hùng (thanh toán tại quầy)')).toBeVisible();

    // And her file has the money.
    await page.keyboard.press('Control+1');
    await expect(page.getByRole('article', { name: 'Nguyễn Văn Hùng' }).getByRole('region', { name: 'Ví' })).toContainText(
      '500.000',
    );

    // The store's drawer holds the cash kept: the float and 300 000 less the
    // 60 000 given back. (Asked as of 15:00: the counter's clock has run on
    // past the 14:30 that `counter.cli` says, and the drawer counts up to now.)
    const { drawers } = (await at(counter, '2026-11-21T15:00', 'drawer', 'show')) as {
      drawers: [{ expected: object }];
    };
    expect(drawers[0].expected).toMatchObject({ cash: 1_240_000, card: 500_000 });
  });
});

test('without an open drawer the store takes no cash, and says so', async ({ page }) => {
  await signIn(page);
  await page.keyboard.press('Control+4');
  await page.getByLabel('Tên mặt hàng').fill('Dầu gội thảo dược');
  await page.getByLabel('Đơn giá').fill('120.000');
  await page.getByLabel('Đơn giá').press('Enter');
  await expect(page.getByTestId('checkout-total')).toHaveText('120.000 ₫');
  await page.getByRole('button', { name: 'Thêm khoản trả bằng Tiền mặt' }).click();
  await expect(page.getByRole('textbox', { name: 'Tiền mặt', exact: true })).toHaveValue('120.000');
  await page.keyboard.press('Control+Enter');
  // The store's own refusal (drawer_closed), in the counter's words.
  await expect(
    page.getByText('Két của quầy này chưa mở: hãy mở két với tiền đầu ca trước khi nhận hoặc trả tiền mặt.'),
  ).toBeVisible();
  await expect(page.getByTestId('receipt')).toHaveCount(0);
});

test.describe('Lê Hoàng Yến had a massage at 13:00', () => {
  test.use({ setup: scene(register(YEN)) });

  test('Ctrl+4 opens checkout; a completed booking from the file; English', async ({ page, counter }) => {
    const booking = await bookedThisMorning(counter, YEN, MASSAGE, 'Minh', '2026-11-21T13:00');
    await counter.cli('booking', 'check-in', booking);
    await counter.cli('booking', 'complete', booking);
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
    const heading = page.getByTestId('receipt').getByRole('heading', { level: 2 });
    await expect(heading).toHaveText(/^Receipt [0-9A-Z]{3}-000001$/);
    await snap(page, 'checkout-receipt-en');
    // The store rang up the massage Minh gave, by transfer, at the service's price.
    const number = (await heading.textContent())!.replace('Receipt ', '');
    expect(await counter.cli('sale', 'show', number)).toMatchObject({
      customer_name: 'Lê Hoàng Yến',
      total: 450_000,
      payments: [{ tender: 'transfer', amount: 450_000 }],
    });
  });
});
