import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, test } from 'vitest';
import App from '../App.svelte';
import type { DayReport, PrintOutcome, Quote, SaleLine, SaleView, Staff } from '../lib/backend/backend';
import { approvedBy, counter, file, finds, inTurn, LAN, MINH_ANH, slow, TUAN } from './answers-b';
import { treatment } from './fixtures';
import { refuse, stubBackend, type Answers, type Stub } from './stub';

// The print buttons: the receipt (printed as the store says, the original
// or a copy; a print that failed does not turn the button into a reprint;
// Ctrl+P instead of the browser's dialog), the punch card's statement and
// the day's report (a manager's, approved on the spot). Which printer took
// the job, and whether it was a copy, is the store's answer.

type User = ReturnType<typeof userEvent.setup>;

const EPSON = 'Quay_EPSON_TM_T82';
const A4 = 'VanPhong_A4';
const original = (printer: string): PrintOutcome => ({ printer, copy: false });
const copy = (printer: string): PrintOutcome => ({ printer, copy: true });

const SHAMPOO: SaleLine = {
  name: 'Dầu gội',
  category: '',
  quantity: 1,
  unit_price: 120_000,
  kind: 'item',
  gross: 120_000,
  line_discount: 0,
  sale_discount: 0,
  tax: 0,
  total: 120_000,
};

const QUOTE: Quote = {
  currency: 'VND',
  lines: [SHAMPOO],
  tax_rule: { rate: 0, prices_include_tax: false },
  subtotal: 120_000,
  discounts: 0,
  tax: 0,
  total: 120_000,
  needs_approval: false,
};

const SALE: SaleView = {
  ...QUOTE,
  id: '0190d5a0-0000-7000-c000-000000000001',
  number: 'K7M-000001',
  register: 'K7M',
  at: '2026-11-21T14:30:00+07:00',
  by_name: 'Lan',
  payments: [{ tender: 'cash', amount: 120_000 }],
  paid: 120_000,
  change: 0,
  from_virtual: 0,
  refunded: 0,
  refundable: 120_000,
  voided: false,
  refunds: [],
  printed: 0,
};

const CARD = treatment({ id: 't-minh-anh', customer: MINH_ANH.id, customer_name: MINH_ANH.name, used: 2, remaining: 8, available: 8 });

function start(answers: Answers = {}, signedIn: Staff = LAN): { stub: Stub; user: User } {
  const stub = stubBackend(
    counter(signedIn, {
      packages_for_sale: [],
      quote_sale: QUOTE,
      record_sale: SALE,
      find_customers: finds({ 'minh anh': [MINH_ANH] }),
      customer_360: file(MINH_ANH, { treatments: [CARD] }),
      treatment_statement: CARD,
      audit: [],
      ...answers,
    }),
  );
  const user = userEvent.setup();
  render(App, { props: { backend: stub.backend } });
  return { stub, user };
}

/** Rings up a walk-in's shelf item paid in cash; ends on its receipt. */
async function ringUp(user: User): Promise<HTMLElement> {
  await screen.findByRole('combobox', { name: 'Tìm khách hàng' });
  await user.keyboard('{Control>}4{/Control}');
  await user.type(await screen.findByLabelText('Tên mặt hàng'), 'Dầu gội');
  await user.type(screen.getByLabelText('Đơn giá'), '120000{Enter}');
  await waitFor(() => expect(screen.getByTestId('checkout-total')).toHaveTextContent('120.000 ₫'));
  await user.click(screen.getByRole('button', { name: 'Thêm khoản trả bằng Tiền mặt' }));
  await user.click(screen.getByRole('button', { name: 'Xác nhận thanh toán' }));
  return screen.findByTestId('receipt');
}

const status = (within_: HTMLElement) => within(within_).getByRole('status');
/** The receipts the screen asked to print, by number. */
const receiptsPrinted = (stub: Stub) => stub.callsTo('print_receipt').map((args) => args.sale);

describe('printing a receipt', () => {
  test('the first print is the original, the next a copy, each as the store answers', async () => {
    const { stub, user } = start({ print_receipt: inTurn(original(EPSON), copy(EPSON)) });
    const receipt = await ringUp(user);
    const button = within(receipt).getByTestId('print-receipt');
    expect(button).toHaveAccessibleName('In hóa đơn');

    await user.click(button);
    expect(await within(receipt).findByText('Đã in trên Quay_EPSON_TM_T82')).toHaveAttribute('role', 'status');
    expect(button).toHaveAccessibleName('In lại (bản sao)');
    expect(receiptsPrinted(stub)).toEqual(['K7M-000001']);

    await user.click(button);
    expect(await within(receipt).findByText('Đã in bản sao trên Quay_EPSON_TM_T82')).toBeInTheDocument();
    expect(receiptsPrinted(stub)).toEqual(['K7M-000001', 'K7M-000001']);
  });

  test('with no receipt printer chosen, it says where to choose one and stays the original', async () => {
    const { stub, user } = start({
      print_receipt: refuse('no_printer', 'no receipt printer is chosen for this counter: choose one in Settings › Printers', 'receipt_printer'),
    });
    const receipt = await ringUp(user);
    await user.click(within(receipt).getByTestId('print-receipt'));
    expect(await within(receipt).findByRole('alert')).toHaveTextContent(
      'Quầy này chưa chọn máy in hoá đơn: chọn trong Cài đặt › Máy in.',
    );
    expect(status(receipt)).toHaveTextContent('');
    expect(within(receipt).getByTestId('print-receipt')).toHaveAccessibleName('In hóa đơn');
    expect(receiptsPrinted(stub)).toEqual(['K7M-000001']);
  });

  test('a printer that is off is an error; once it is on, the receipt is still the original', async () => {
    const { stub, user } = start({
      print_receipt: inTurn(refuse('printer_unreachable', `cannot reach ${EPSON}: nothing answered`), original(EPSON)),
    });
    const receipt = await ringUp(user);
    const button = within(receipt).getByTestId('print-receipt');
    await user.click(button);
    expect(await within(receipt).findByRole('alert')).toHaveTextContent('Không kết nối được máy in');
    expect(button).toHaveAccessibleName('In hóa đơn');

    await user.click(button);
    expect(await within(receipt).findByText('Đã in trên Quay_EPSON_TM_T82')).toBeInTheDocument();
    expect(within(receipt).queryByRole('alert')).not.toBeInTheDocument();
    expect(button).toHaveAccessibleName('In lại (bản sao)');
    expect(receiptsPrinted(stub)).toHaveLength(2);
  });

  test("Ctrl+P prints it, instead of the browser's print dialog", async () => {
    const { stub, user } = start({ print_receipt: inTurn(original(EPSON), copy(EPSON)) });
    const receipt = await ringUp(user);
    expect(within(receipt).getByTestId('print-receipt')).toHaveAttribute('aria-keyshortcuts', 'Control+P');
    const press = new KeyboardEvent('keydown', { key: 'p', ctrlKey: true, bubbles: true, cancelable: true });
    document.activeElement?.dispatchEvent(press);
    expect(press.defaultPrevented).toBe(true);
    expect(await within(receipt).findByText('Đã in trên Quay_EPSON_TM_T82')).toBeInTheDocument();
    await user.keyboard('{Control>}p{/Control}');
    expect(await within(receipt).findByText('Đã in bản sao trên Quay_EPSON_TM_T82')).toBeInTheDocument();
    expect(receiptsPrinted(stub)).toHaveLength(2);
  });

  test('the button is disabled while the job is on its way: one press, one receipt', async () => {
    const { stub, user } = start({ print_receipt: slow(30, inTurn(original(EPSON), copy(EPSON))) });
    const receipt = await ringUp(user);
    const button = within(receipt).getByTestId('print-receipt');
    await user.click(button);
    expect(button).toBeDisabled();
    expect(button).toHaveTextContent('Đang in…');
    await user.keyboard('{Control>}p{/Control}');
    expect(await within(receipt).findByText('Đã in trên Quay_EPSON_TM_T82')).toBeInTheDocument();
    expect(button).toBeEnabled();
    // Long enough for a second job, had Ctrl+P sent one, to have come back.
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(status(receipt)).toHaveTextContent('Đã in trên Quay_EPSON_TM_T82');
    expect(receiptsPrinted(stub)).toHaveLength(1);
  });

  test('a receipt printed once is a copy after coming back to checkout', async () => {
    const { user } = start({ print_receipt: original(EPSON) });
    const receipt = await ringUp(user);
    await user.click(within(receipt).getByTestId('print-receipt'));
    await within(receipt).findByText('Đã in trên Quay_EPSON_TM_T82');
    await user.keyboard('{Control>}1{/Control}');
    await user.keyboard('{Control>}4{/Control}');
    expect(within(await screen.findByTestId('receipt')).getByTestId('print-receipt')).toHaveAccessibleName('In lại (bản sao)');
  });
});

async function openMinhAnhCard(user: User): Promise<HTMLElement> {
  const search = await screen.findByRole('combobox', { name: 'Tìm khách hàng' });
  await user.type(search, 'minh anh');
  await screen.findByRole('option', { name: /Trần Minh Anh/ });
  await user.keyboard('{Enter}');
  const panel = await screen.findByRole('article', { name: 'Trần Minh Anh' });
  await user.click(within(panel).getByRole('button', { name: 'Xem sổ buổi' }));
  await screen.findByRole('table', { name: 'Sổ buổi · Massage 10 buổi' });
  // The button and the line that says what came of it.
  return screen.getByTestId('print-statement').parentElement as HTMLElement;
}

/** The store's report of `date`, with nothing sold. */
function dayReport(date: string): DayReport {
  return {
    date,
    register: 'K7M',
    currency: 'VND',
    sales: 0,
    revenue: 0,
    by_method: {},
    by_category: {},
    gross: 0,
    discounts: 0,
    tax: 0,
    refunds: 0,
    voids: 0,
    goodwill: 0,
    top_ups: 0,
    sessions: 0,
    forfeited: 0,
    new_customers: 0,
    by_hour: [],
    sessions_by_service: [],
    sessions_by_staff: [],
    wallet: { at: `${date}T23:59:59+07:00`, real: 0, virtual: 0, virtual_spent: 0, virtual_expired: 0 },
    drawers: [],
    closed: false,
  };
}

const TODAY = '2026-11-21';
const YESTERDAY = '2026-11-20';
/** `day_report` as the store answers it: today's when asked for no date. */
const reports = ({ date }: Record<string, unknown>) => dayReport((date as string | null) ?? TODAY);
const MANAGER_SCREEN: Answers = { register_drawer: { register: 'K7M', date: TODAY, day_closed: false } };

describe('printing a statement and the report', () => {
  test("a punch card's statement goes to the sheet printer", async () => {
    const { stub, user } = start({ print_statement: original(A4) });
    const statement = await openMinhAnhCard(user);
    const button = within(statement).getByTestId('print-statement');
    expect(button).toHaveAccessibleName('In sổ buổi');
    await user.click(button);
    expect(await within(statement).findByRole('status')).toHaveTextContent('Đã in trên VanPhong_A4');
    expect(stub.callsTo('print_statement')).toEqual([{ treatment: CARD.id }]);
  });

  test('without a sheet printer the statement says where to choose one', async () => {
    const { user } = start({
      print_statement: refuse('no_printer', 'no sheet printer is chosen for this counter', 'sheet_printer'),
    });
    const statement = await openMinhAnhCard(user);
    await user.click(within(statement).getByTestId('print-statement'));
    expect(await within(statement).findByRole('alert')).toHaveTextContent(
      'Quầy này chưa chọn máy in sao kê và báo cáo: chọn trong Cài đặt › Máy in.',
    );
  });

  test("a receptionist prints the day's report with a manager's approval each time", async () => {
    const { stub, user } = start({
      ...MANAGER_SCREEN,
      day_report: approvedBy('3333', reports, { action: 'see_reports' }),
      print_day_report: approvedBy('3333', original(A4), { action: 'see_reports' }),
    });
    await screen.findByRole('combobox', { name: 'Tìm khách hàng' });
    await user.keyboard('{Control>}9{/Control}');
    const approve = async () => {
      const dialog = await screen.findByRole('dialog', { name: 'Quản lý duyệt' });
      await user.click(within(dialog).getByRole('radio', { name: /Tuấn/ }));
      await user.type(within(dialog).getByLabelText('Mã PIN của người duyệt'), '3333{Enter}');
    };
    await approve();
    const button = await screen.findByTestId('print-report');
    const area = button.parentElement as HTMLElement;
    await user.click(button);
    await approve();
    expect(await within(area).findByRole('status')).toHaveTextContent('Đã in trên VanPhong_A4');

    // Cancelled, the refusal is said where the print's outcome goes.
    await user.click(button);
    const dialog = await screen.findByRole('dialog', { name: 'Quản lý duyệt' });
    await user.click(within(dialog).getByRole('button', { name: 'Huỷ' }));
    expect(await within(area).findByRole('alert')).toHaveTextContent('Việc này cần quản lý hoặc chủ cửa hàng.');
    expect(stub.callsTo('print_day_report')).toEqual([
      { date: TODAY, approval: null },
      { date: TODAY, approval: { manager: TUAN.id, pin: '3333' } },
      { date: TODAY, approval: null },
    ]);
  });

  test('a manager prints the report of the day shown, without being asked', async () => {
    const { stub, user } = start({ ...MANAGER_SCREEN, day_report: reports, print_day_report: original(A4) }, TUAN);
    await screen.findByRole('combobox', { name: 'Tìm khách hàng' });
    await user.keyboard('{Control>}9{/Control}');
    await screen.findByTestId('print-report');
    await user.click(screen.getByRole('button', { name: 'Ngày trước' }));
    await waitFor(() => expect(stub.callsTo('day_report').at(-1)).toEqual({ date: YESTERDAY, approval: null }));
    await user.click(await screen.findByTestId('print-report'));
    expect(await screen.findByText('Đã in trên VanPhong_A4')).toBeInTheDocument();
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(stub.callsTo('print_day_report')).toEqual([{ date: YESTERDAY, approval: null }]);
  });
});
