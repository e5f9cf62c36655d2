import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, test } from 'vitest';
import App from '../App.svelte';
import { WebBackend, type WebBackendOptions } from '../lib/backend/web';
import { discountOf, parseAmount, parsePercent } from '../lib/cart.svelte';
import { formatMoney } from '../lib/format';

// The checkout screen against the fake till: the cart priced by quoteSale
// as it changes, discounts, the manager's limit, split payments with change,
// the backend's refusals shown in place (and nothing recorded), the receipt.

type User = ReturnType<typeof userEvent.setup>;

function start(options: WebBackendOptions = {}): { backend: WebBackend; user: User } {
  const backend = new WebBackend({ signedIn: 'Lan', ...options });
  const user = userEvent.setup();
  render(App, { props: { backend } });
  return { backend, user };
}

/** Finds the customer, opens the 360 and presses its "Thanh toán". */
async function checkoutFor(user: User, query: string, name: string): Promise<void> {
  const search = await screen.findByRole('combobox', { name: 'Tìm khách hàng' });
  await user.type(search, query);
  await screen.findByRole('option', { name: new RegExp(name) });
  await user.keyboard('{Enter}');
  const file = await screen.findByRole('article', { name });
  await user.click(within(file).getByRole('button', { name: 'Thanh toán' }));
  await screen.findByRole('heading', { name: 'Thanh toán', level: 2 });
  expect(screen.getByTestId('checkout-customer')).toHaveTextContent(name);
}

async function addItem(user: User, name: string, price: string, quantity = '1'): Promise<void> {
  await user.type(screen.getByLabelText('Tên mặt hàng'), name);
  await user.type(screen.getByLabelText('Đơn giá'), price);
  const qty = screen.getByLabelText('Số lượng');
  await user.clear(qty);
  await user.type(qty, `${quantity}{Enter}`);
}

async function addTopUp(user: User, amount: string): Promise<void> {
  await user.type(screen.getByLabelText('Số tiền nạp'), `${amount}{Enter}`);
}

/** Waits for the quote of the cart as it is now. */
async function total(expected: number): Promise<void> {
  // The quote is asked 150 ms after the last change; a busy machine may take a while more.
  const shown = await screen.findByText(formatMoney(expected), { selector: '[data-testid="checkout-total"]' }, { timeout: 4000 });
  expect(shown).toBeVisible();
}

async function pay(user: User, tender: 'Tiền mặt' | 'Thẻ' | 'Chuyển khoản' | 'Ví', amount?: string): Promise<HTMLInputElement> {
  await user.click(screen.getByRole('button', { name: `Thêm khoản trả bằng ${tender}` }));
  const field = screen.getAllByRole('textbox', { name: tender }).at(-1) as HTMLInputElement;
  expect(field).toHaveFocus();
  if (amount !== undefined) {
    await user.clear(field);
    await user.type(field, amount);
  }
  return field;
}

const balance = () => screen.getByTestId('checkout-balance');

describe('the cart reads what is typed', () => {
  test('amounts with or without grouping, percentages in basis points', () => {
    expect(parseAmount('1.250.000')).toBe(1_250_000);
    expect(parseAmount(' 120 000 ₫')).toBe(120_000);
    expect(parseAmount('')).toBeNull();
    expect(parseAmount('12a')).toBe('invalid');
    expect(parsePercent('15')).toBe(1_500);
    expect(parsePercent('12,5')).toBe(1_250);
    expect(parsePercent('12.345')).toBe('invalid');
    expect(discountOf({ unit: 'amount', text: '50.000' })).toEqual({ amount: 50_000 });
    expect(discountOf({ unit: 'percent', text: '' })).toBeNull();
  });
});

describe('checkout', () => {
  test('from the 360: a shelf item and a top-up are quoted, paid by card and cash, with change', async () => {
    const { backend, user } = start();
    await checkoutFor(user, 'hung', 'Nguyễn Văn Hùng');
    await addItem(user, 'Dầu gội thảo dược', '120.000', '2');
    await total(240_000);
    await addTopUp(user, '500000');
    await total(740_000);
    const lines = screen.getAllByTestId('cart-line');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toHaveTextContent('2 × 120.000 ₫');
    expect(lines[1]).toHaveTextContent('Nạp ví');

    // Card for part, prefilled with everything due; cash for the rest.
    const card = await pay(user, 'Thẻ');
    expect(card).toHaveValue('740.000');
    await user.clear(card);
    await user.type(card, '500000');
    await user.type(screen.getByRole('textbox', { name: 'Mã giao dịch Thẻ' }), 'T-77');
    expect(balance()).toHaveTextContent('Còn thiếu240.000 ₫');
    const cash = await pay(user, 'Tiền mặt');
    expect(cash).toHaveValue('240.000');
    await user.clear(cash);
    await user.type(cash, '300.000');
    expect(balance()).toHaveTextContent('Tiền thối60.000 ₫');

    await user.click(screen.getByRole('button', { name: 'Xác nhận thanh toán' }));
    const receipt = await screen.findByTestId('receipt');
    expect(within(receipt).getByRole('heading', { name: 'Hóa đơn K7M-000001' })).toBeInTheDocument();
    expect(within(receipt).getByTestId('receipt-total')).toHaveTextContent('740.000 ₫');
    expect(within(receipt).getByTestId('receipt-change')).toHaveTextContent('60.000 ₫');
    expect(receipt).toHaveTextContent('Thẻ · T-77');
    expect(within(receipt).getByRole('button', { name: 'Hóa đơn mới' })).toHaveFocus();
    // Never printed: the first print is the original (printing.test.ts prints it).
    expect(within(receipt).getByTestId('print-receipt')).toHaveAccessibleName('In hóa đơn');

    const [sale] = backend.recordedSales();
    expect(sale?.payments).toEqual([
      { tender: 'card', amount: 500_000, reference: 'T-77' },
      { tender: 'cash', amount: 300_000 },
    ]);
    const hung = (await backend.findCustomers('hung', 1))[0]!.id;
    expect((await backend.customer360(hung)).wallet.balance).toBe(500_000);

    // A new sale starts empty, for nobody.
    await user.keyboard('{Enter}');
    expect(await screen.findByText(/Hóa đơn chưa có gì/)).toBeInTheDocument();
    expect(screen.queryByTestId('checkout-customer')).not.toBeInTheDocument();
  });

  test('a line discount and a sale discount are priced by the backend; above the limit needs a manager', async () => {
    const { backend, user } = start({
      checkout: { checkout: { tax: { rate: 800, prices_include_tax: false }, discount_limit: 1_000 } },
    });
    await user.keyboard('{Control>}4{/Control}');
    await screen.findByRole('heading', { name: 'Thanh toán', level: 2 });
    await addItem(user, 'Tinh dầu', '500000');
    // 500 000 + 8 % tax.
    await total(540_000);
    expect(screen.getByTestId('checkout-tax')).toHaveTextContent('40.000 ₫');

    await user.type(screen.getByRole('textbox', { name: 'Giảm giá cho Tinh dầu' }), '10');
    // 10 % off: 450 000 + 8 % = 486 000, within Lan's limit.
    await total(486_000);
    expect(screen.getByTestId('checkout-discounts')).toHaveTextContent('−50.000 ₫');
    expect(screen.queryByTestId('needs-approval')).not.toBeInTheDocument();

    // Another 50 000 off the whole bill: 100 000 of 500 000 is above 10 %.
    const sale = screen.getByRole('group', { name: 'Giảm giá cả hóa đơn' });
    await user.selectOptions(within(sale).getByRole('combobox'), 'amount');
    await user.type(within(sale).getByRole('textbox'), '50.000');
    await total(432_000);
    expect(screen.getByTestId('needs-approval')).toHaveTextContent('quản lý hoặc chủ cửa hàng nhập mã PIN');

    // Lan may not give it: a manager is asked; without one (Escape), the
    // backend's refusal stands and nothing is recorded.
    await pay(user, 'Tiền mặt');
    await user.keyboard('{Control>}{Enter}{/Control}');
    expect(await screen.findByRole('dialog', { name: 'Quản lý duyệt' })).toHaveTextContent('giảm giá vượt mức cho phép');
    await user.keyboard('{Escape}');
    expect(await screen.findByTestId('pay-error')).toHaveTextContent('Việc này cần quản lý hoặc chủ cửa hàng.');
    expect(backend.recordedSales()).toEqual([]);

    // A discount that cannot be read is pointed at, and not sent.
    await user.type(within(sale).getByRole('textbox'), 'x');
    expect(await within(sale).findByRole('alert')).toHaveTextContent('Nhập phần trăm');
  });

  test('underpaid and more than the wallet holds are refused in place, and nothing is recorded', async () => {
    const { backend, user } = start();
    await checkoutFor(user, 'minh anh', 'Trần Minh Anh');
    // 300 000 real and 100 000 of credit.
    expect(await screen.findByTestId('checkout-wallet')).toHaveTextContent('Ví còn 400.000 ₫');
    await addItem(user, 'Mặt nạ', '250000', '2');
    await total(500_000);

    const wallet = await pay(user, 'Ví');
    // What is due, as far as the wallet goes.
    expect(wallet).toHaveValue('400.000');
    expect(balance()).toHaveTextContent('Còn thiếu100.000 ₫');
    await user.keyboard('{Enter}');
    expect(await screen.findByTestId('pay-error')).toHaveTextContent('Số tiền trả chưa đủ cho hóa đơn.');
    expect(backend.recordedSales()).toEqual([]);

    await user.clear(wallet);
    await user.type(wallet, '500000{Enter}');
    const refusal = await screen.findByText('Ví không đủ tiền cho khoản này.');
    expect(wallet).toHaveAccessibleDescription('Ví không đủ tiền cho khoản này.');
    expect(refusal).toHaveAttribute('role', 'alert');
    expect(screen.queryByTestId('pay-error')).not.toBeInTheDocument();
    expect(backend.recordedSales()).toEqual([]);
    const anh = (await backend.findCustomers('minh anh', 1))[0]!.id;
    expect((await backend.customer360(anh)).wallet.available).toBe(400_000);

    // Wallet and cash together settle it: the receipt shows the number.
    await user.clear(wallet);
    await user.type(wallet, '400000');
    await pay(user, 'Tiền mặt', '100000');
    expect(balance()).toHaveTextContent('Đã đủ tiền');
    await user.keyboard('{Enter}');
    expect(await screen.findByRole('heading', { name: 'Hóa đơn K7M-000001' })).toBeInTheDocument();
    expect((await backend.customer360(anh)).wallet.available).toBe(0);
  });

  test("a completed booking goes on the bill from the customer's file", async () => {
    const { backend, user } = start();
    const search = await screen.findByRole('combobox', { name: 'Tìm khách hàng' });
    await user.type(search, 'yen');
    await screen.findByRole('option', { name: /Lê Hoàng Yến/ });
    await user.keyboard('{Enter}');
    const file = await screen.findByRole('article', { name: 'Lê Hoàng Yến' });
    const bookings = await within(file).findAllByTestId('booking');
    // Only the completed one can be rung up.
    expect(within(file).getAllByRole('button', { name: 'Thêm vào hóa đơn' })).toHaveLength(1);
    expect(bookings.find((b) => b.textContent?.includes('Hoàn thành'))).toBeDefined();
    await user.click(within(file).getByRole('button', { name: 'Thêm vào hóa đơn' }));

    await screen.findByRole('heading', { name: 'Thanh toán', level: 2 });
    expect(screen.getByRole('tab', { name: 'Thanh toán' })).toHaveAttribute('aria-selected', 'true');
    expect(screen.getByTestId('checkout-customer')).toHaveTextContent('Lê Hoàng Yến');
    expect(screen.getAllByTestId('cart-line')[0]).toHaveTextContent('Massage body 60 phút (Minh)');
    await total(450_000);
    expect(screen.getByTestId('checkout-booking')).toHaveTextContent('Đã có trong hóa đơn');

    // Back to the file and again: still once on the bill; the cart waited.
    await user.click(screen.getByRole('tab', { name: 'Khách hàng' }));
    await user.click(await screen.findByRole('button', { name: 'Thêm vào hóa đơn' }));
    await total(450_000);
    expect(screen.getAllByTestId('cart-line')).toHaveLength(1);

    await pay(user, 'Chuyển khoản');
    await user.click(screen.getByRole('button', { name: 'Xác nhận thanh toán' }));
    await screen.findByTestId('receipt');
    expect(backend.recordedSales()[0]?.lines.map((l) => l.kind)).toEqual(['booking']);

    // The activity log tells the sale.
    await user.keyboard('{Control>}2{/Control}');
    expect(await screen.findByText(/Lan đã lập hóa đơn K7M-000001 cho Lê Hoàng Yến: 450\.000 ₫/)).toBeInTheDocument();
  });

  test('a quote answered late for an older cart is not shown', async () => {
    const { backend, user } = start();
    const real = backend.quoteSale.bind(backend);
    let calls = 0;
    backend.quoteSale = async (input) => {
      calls += 1;
      // The first question is answered after the second.
      if (calls === 1) await new Promise((resolve) => setTimeout(resolve, 400));
      return real(input);
    };
    await user.keyboard('{Control>}4{/Control}');
    await screen.findByRole('heading', { name: 'Thanh toán', level: 2 });
    await addItem(user, 'Nến thơm', '90000');
    await new Promise((resolve) => setTimeout(resolve, 200));
    await addItem(user, 'Nến thơm', '90000');
    await total(180_000);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(screen.getByTestId('checkout-total')).toHaveTextContent('180.000 ₫');
  });
});
