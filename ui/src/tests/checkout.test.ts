import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, test } from 'vitest';
import App from '../App.svelte';
import type { Customer, SaleInput } from '../lib/backend/backend';
import { discountOf, parseAmount, parsePercent } from '../lib/cart.svelte';
import { formatMoney } from '../lib/format';
import { demoCustomer, denied, file, hit, LAN, quote, sale, stubCounter } from './answers-a';
import { booking, item, wallet } from './fixtures';
import { refuse, type Answers, type Stub } from './stub';

// The checkout screen over the store's answers: the cart sent to quote_sale
// as it changes and the figures it answers shown, split payments with
// change, the store's refusals shown in place, the receipt. Every figure is
// the store's (crates/domain); here they are the answers the test gives.

type User = ReturnType<typeof userEvent.setup>;

function start(more: Answers = {}): { stub: Stub; user: User } {
  const stub = stubCounter(LAN, { packages_for_sale: [], audit: [], tickets: [], ...more });
  const user = userEvent.setup();
  render(App, { props: { backend: stub.backend } });
  return { stub, user };
}

/** A customer's file for the search, the 360 and checkout's customer card. */
function fileAnswers(who: Customer, more: Parameters<typeof file>[1] = {}): Answers {
  return { find_customers: [hit(who)], customer_360: file(who, more) };
}

const inputsOf = (stub: Stub, command: 'quote_sale' | 'record_sale') =>
  stub.callsTo(command).map((args) => args.input as SaleInput);

const HUNG = demoCustomer(2, 'Nguyễn Văn Hùng', '0903 111 222');
const ANH = demoCustomer(4, 'Trần Minh Anh', '0938 222 333');
const YEN = demoCustomer(5, 'Lê Hoàng Yến', '0971 444 555');

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

// Typing a cart on a busy machine takes longer than Vitest's default 5 s.
describe('checkout', { timeout: 20_000 }, () => {
  test('from the 360: a shelf item and a top-up are quoted, paid by card and cash, with change', async () => {
    const { stub, user } = start({
      ...fileAnswers(HUNG),
      quote_sale: ({ input }: Record<string, unknown>) =>
        quote({ customer: HUNG.id, total: (input as SaleInput).lines.length === 1 ? 240_000 : 740_000 }),
      record_sale: sale({
        customer: HUNG.id,
        customer_name: HUNG.name,
        total: 740_000,
        payments: [
          { tender: 'card', amount: 500_000, reference: 'T-77' },
          { tender: 'cash', amount: 300_000 },
        ],
        paid: 800_000,
        change: 60_000,
      }),
    });
    await checkoutFor(user, 'hung', 'Nguyễn Văn Hùng');
    await addItem(user, 'Dầu gội thảo dược', '120.000', '2');
    await total(240_000);
    await addTopUp(user, '500000');
    await total(740_000);
    expect(inputsOf(stub, 'quote_sale').at(-1)).toMatchObject({
      customer: HUNG.id,
      lines: [
        { kind: 'item', name: 'Dầu gội thảo dược', unit_price: 120_000, quantity: 2 },
        { kind: 'top_up', amount: 500_000 },
      ],
    });
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

    // The sale sent: the customer (whose wallet the top-up fills), the lines and the payments.
    expect(stub.callsTo('record_sale')).toHaveLength(1);
    expect(inputsOf(stub, 'record_sale')[0]).toMatchObject({
      customer: HUNG.id,
      lines: [
        { kind: 'item', name: 'Dầu gội thảo dược', unit_price: 120_000, quantity: 2 },
        { kind: 'top_up', amount: 500_000 },
      ],
      payments: [
        { tender: 'card', amount: 500_000, reference: 'T-77' },
        { tender: 'cash', amount: 300_000 },
      ],
    });

    // A new sale starts empty, for nobody.
    await user.keyboard('{Enter}');
    expect(await screen.findByText(/Hóa đơn chưa có gì/)).toBeInTheDocument();
    expect(screen.queryByTestId('checkout-customer')).not.toBeInTheDocument();
  });

  test('a line discount and a sale discount are priced by the backend; above the limit needs a manager', async () => {
    const tax_rule = { rate: 800, prices_include_tax: false };
    const { stub, user } = start({
      quote_sale: ({ input }: Record<string, unknown>) => {
        const sent = input as SaleInput;
        if (sent.discount) return quote({ tax_rule, subtotal: 500_000, discounts: 100_000, tax: 32_000, total: 432_000, needs_approval: true });
        if (sent.lines[0]?.discount) return quote({ tax_rule, subtotal: 500_000, discounts: 50_000, tax: 36_000, total: 486_000 });
        return quote({ tax_rule, subtotal: 500_000, tax: 40_000, total: 540_000 });
      },
      record_sale: () => {
        throw denied(LAN, 'discount_above_limit');
      },
    });
    await user.keyboard('{Control>}4{/Control}');
    await screen.findByRole('heading', { name: 'Thanh toán', level: 2 });
    await addItem(user, 'Tinh dầu', '500000');
    await total(540_000);
    expect(screen.getByTestId('checkout-tax')).toHaveTextContent('40.000 ₫');

    await user.type(screen.getByRole('textbox', { name: 'Giảm giá cho Tinh dầu' }), '10');
    await total(486_000);
    expect(inputsOf(stub, 'quote_sale').at(-1)?.lines[0]).toMatchObject({ discount: { percent: 1_000 } });
    expect(screen.getByTestId('checkout-discounts')).toHaveTextContent('−50.000 ₫');
    expect(screen.queryByTestId('needs-approval')).not.toBeInTheDocument();

    // Another 50 000 off the whole bill: the store says it needs a manager.
    const saleDiscount = screen.getByRole('group', { name: 'Giảm giá cả hóa đơn' });
    await user.selectOptions(within(saleDiscount).getByRole('combobox'), 'amount');
    await user.type(within(saleDiscount).getByRole('textbox'), '50.000');
    await total(432_000);
    expect(inputsOf(stub, 'quote_sale').at(-1)).toMatchObject({ discount: { amount: 50_000 } });
    expect(screen.getByTestId('needs-approval')).toHaveTextContent('quản lý hoặc chủ cửa hàng nhập mã PIN');

    // Lan may not give it: a manager is asked; without one (Escape), the
    // backend's refusal stands and the sale is not sent again.
    await pay(user, 'Tiền mặt');
    await user.keyboard('{Control>}{Enter}{/Control}');
    expect(await screen.findByRole('dialog', { name: 'Quản lý duyệt' })).toHaveTextContent('giảm giá vượt mức cho phép');
    await user.keyboard('{Escape}');
    expect(await screen.findByTestId('pay-error')).toHaveTextContent('Việc này cần quản lý hoặc chủ cửa hàng.');
    expect(stub.callsTo('record_sale')).toEqual([expect.objectContaining({ approval: null })]);

    // A discount that cannot be read is pointed at, and not sent.
    const quotes = stub.callsTo('quote_sale').length;
    await user.type(within(saleDiscount).getByRole('textbox'), 'x');
    expect(await within(saleDiscount).findByRole('alert')).toHaveTextContent('Nhập phần trăm');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(stub.callsTo('quote_sale')).toHaveLength(quotes);
  });

  test('underpaid and more than the wallet holds are refused in place, and nothing is recorded', async () => {
    // 300 000 real and 100 000 of credit.
    const { stub, user } = start({
      ...fileAnswers(ANH, { wallet: wallet({ customer: ANH.id, balance: 300_000, virtual: 100_000 }) }),
      quote_sale: quote({ customer: ANH.id, total: 500_000, wallet_available: 400_000 }),
      record_sale: refuse('underpaid', 'payments 400000 do not cover 500000'),
    });
    await checkoutFor(user, 'minh anh', 'Trần Minh Anh');
    expect(await screen.findByTestId('checkout-wallet')).toHaveTextContent('Ví còn 400.000 ₫');
    await addItem(user, 'Mặt nạ', '250000', '2');
    await total(500_000);

    const walletField = await pay(user, 'Ví');
    // What is due, as far as the wallet goes.
    expect(walletField).toHaveValue('400.000');
    expect(balance()).toHaveTextContent('Còn thiếu100.000 ₫');
    await user.keyboard('{Enter}');
    expect(await screen.findByTestId('pay-error')).toHaveTextContent('Số tiền trả chưa đủ cho hóa đơn.');
    expect(inputsOf(stub, 'record_sale').at(-1)?.payments).toEqual([{ tender: 'wallet', amount: 400_000 }]);

    stub.answers.record_sale = refuse('insufficient_funds', 'the wallet holds 400000');
    await user.clear(walletField);
    await user.type(walletField, '500000{Enter}');
    const refusal = await screen.findByText('Ví không đủ tiền cho khoản này.');
    expect(walletField).toHaveAccessibleDescription('Ví không đủ tiền cho khoản này.');
    expect(refusal).toHaveAttribute('role', 'alert');
    expect(screen.queryByTestId('pay-error')).not.toBeInTheDocument();
    expect(inputsOf(stub, 'record_sale').at(-1)?.payments).toEqual([{ tender: 'wallet', amount: 500_000 }]);

    // Wallet and cash together settle it: the receipt shows the number.
    stub.answers.record_sale = sale({
      customer: ANH.id,
      customer_name: ANH.name,
      total: 500_000,
      payments: [
        { tender: 'wallet', amount: 400_000 },
        { tender: 'cash', amount: 100_000 },
      ],
      from_virtual: 100_000,
    });
    await user.clear(walletField);
    await user.type(walletField, '400000');
    await pay(user, 'Tiền mặt', '100000');
    expect(balance()).toHaveTextContent('Đã đủ tiền');
    await user.keyboard('{Enter}');
    expect(await screen.findByRole('heading', { name: 'Hóa đơn K7M-000001' })).toBeInTheDocument();
    expect(inputsOf(stub, 'record_sale')).toHaveLength(3);
    expect(inputsOf(stub, 'record_sale').at(-1)).toMatchObject({
      customer: ANH.id,
      lines: [{ kind: 'item', name: 'Mặt nạ', unit_price: 250_000, quantity: 2 }],
      payments: [
        { tender: 'wallet', amount: 400_000 },
        { tender: 'cash', amount: 100_000 },
      ],
    });
  });

  test("a completed booking goes on the bill from the customer's file", async () => {
    const done = booking({
      id: 'b-done',
      customer: YEN.id,
      customer_name: YEN.name,
      status: 'COMPLETED',
      start: '2026-11-20T10:00:00+07:00',
      end: '2026-11-20T11:00:00+07:00',
      items: [item({ service_name: 'Massage body 60 phút', staff_name: 'Minh', price: { amount: 450_000, currency: 'VND' } })],
    });
    const next = booking({ id: 'b-next', customer: YEN.id, customer_name: YEN.name, status: 'CONFIRMED' });
    const { stub, user } = start({
      ...fileAnswers(YEN, { bookings: [next, done] }),
      quote_sale: quote({ customer: YEN.id, total: 450_000 }),
      record_sale: sale({ customer: YEN.id, customer_name: YEN.name, total: 450_000, payments: [{ tender: 'transfer', amount: 450_000 }] }),
    });
    const search = await screen.findByRole('combobox', { name: 'Tìm khách hàng' });
    await user.type(search, 'yen');
    await screen.findByRole('option', { name: /Lê Hoàng Yến/ });
    await user.keyboard('{Enter}');
    const customerFile = await screen.findByRole('article', { name: 'Lê Hoàng Yến' });
    const bookings = await within(customerFile).findAllByTestId('booking');
    expect(bookings).toHaveLength(2);
    // Only the completed one can be rung up.
    expect(within(customerFile).getAllByRole('button', { name: 'Thêm vào hóa đơn' })).toHaveLength(1);
    expect(bookings.find((b) => b.textContent?.includes('Hoàn thành'))).toBeDefined();
    await user.click(within(customerFile).getByRole('button', { name: 'Thêm vào hóa đơn' }));

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
    expect(inputsOf(stub, 'record_sale')).toEqual([
      expect.objectContaining({
        customer: YEN.id,
        lines: [expect.objectContaining({ kind: 'booking', id: 'b-done' })],
        payments: [{ tender: 'transfer', amount: 450_000 }],
      }),
    ]);
  });

  test('a quote answered late for an older cart is not shown', async () => {
    let calls = 0;
    const { user } = start({
      quote_sale: async ({ input }: Record<string, unknown>) => {
        calls += 1;
        // The first question is answered after the second.
        if (calls === 1) await new Promise((resolve) => setTimeout(resolve, 400));
        return quote({ total: (input as SaleInput).lines.length * 90_000 });
      },
    });
    await user.keyboard('{Control>}4{/Control}');
    await screen.findByRole('heading', { name: 'Thanh toán', level: 2 });
    await addItem(user, 'Nến thơm', '90000');
    await new Promise((resolve) => setTimeout(resolve, 200));
    await addItem(user, 'Nến thơm', '90000');
    await total(180_000);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(calls).toBe(2);
    expect(screen.getByTestId('checkout-total')).toHaveTextContent('180.000 ₫');
  });
});
