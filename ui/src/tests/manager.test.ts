import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import App from '../App.svelte';
import type { Conflict, DayReport, DrawerView, RegisterDrawer, Staff } from '../lib/backend/backend';
import { demoCustomer, denied, file, LAN, stubCounter, TUAN } from './answers-a';
import { booking, item } from './fixtures';
import { refuse, type Answers } from './stub';

// The manager's screen (Ctrl+9) over the store's answers: the day's
// figures and charts as the report gives them, the drawer's blind count,
// the approval a receptionist needs for the report, and a double booking
// resolved from the embedded inbox. Every figure is the store's.

/** 14:30 on Saturday 21 November 2026 at the counter (UTC+7). */
const NOW = new Date('2026-11-21T07:30:00Z');
const TODAY = '2026-11-21';

/** A day's report of the store's shape: nothing taken unless given. */
function report(part: Partial<DayReport> = {}): DayReport {
  return {
    date: TODAY,
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
    by_hour: Array.from({ length: 12 }, (_, i) => ({ hour: 8 + i, sales: 0, revenue: 0 })),
    sessions_by_service: [],
    sessions_by_staff: [],
    wallet: { at: '2026-11-21T14:30:00+07:00', real: 0, virtual: 0, virtual_spent: 0, virtual_expired: 0 },
    drawers: [],
    closed: false,
    ...part,
  };
}

/** The other counter's morning: a massage paid by card, a package in cash, five sessions. */
const MORNING = report({
  sales: 2,
  revenue: 1_700_000,
  gross: 1_700_000,
  by_method: { card: 450_000, cash: 1_250_000 },
  by_category: { service: 450_000, package: 1_250_000 },
  sessions: 5,
  by_hour: Array.from({ length: 12 }, (_, i) => {
    const hour = 8 + i;
    if (hour === 9) return { hour, sales: 1, revenue: 450_000 };
    if (hour === 10) return { hour, sales: 1, revenue: 1_250_000 };
    return { hour, sales: 0, revenue: 0 };
  }),
  sessions_by_service: [
    { id: 's11', name: 'Massage body 60 phút', sessions: 3 },
    { id: 's14', name: 'Gội đầu dưỡng sinh', sessions: 1 },
    { id: 's13', name: 'Chăm sóc da mặt', sessions: 1 },
  ],
  sessions_by_staff: [
    { id: 'minh', name: 'Minh', sessions: 2 },
    { id: 'tuan', name: 'Tuấn', sessions: 2 },
    { id: 'hoa', name: 'Hoa', sessions: 1 },
  ],
});

const NO_DRAWER: RegisterDrawer = { register: 'K7M', date: TODAY, day_closed: false };

function drawer(part: Partial<DrawerView> = {}): DrawerView {
  return {
    id: '0190d5a0-0000-7000-8000-00000000d7a1',
    register: 'K7M',
    currency: 'VND',
    opened_at: '2026-11-21T14:30:00+07:00',
    float: 500_000,
    moved: 0,
    moves: [],
    expected: { cash: 500_000 },
    ...part,
  };
}

beforeEach(() => {
  vi.useFakeTimers({ now: NOW });
});

afterEach(() => {
  vi.useRealTimers();
});

async function openManager(signedIn: Staff = TUAN, more: Answers = {}) {
  const stub = stubCounter(signedIn, { day_report: MORNING, register_drawer: NO_DRAWER, audit: [], tickets: [], ...more });
  const user = userEvent.setup({ advanceTimers: (ms) => vi.advanceTimersByTime(ms) });
  render(App, { props: { backend: stub.backend } });
  await screen.findByRole('combobox', { name: 'Tìm khách hàng' });
  await user.keyboard('{Control>}9{/Control}');
  await vi.advanceTimersByTimeAsync(0);
  return { user, stub };
}

/** day_report as the store answers a receptionist: a manager's (see_reports). */
const managersReport = ({ approval }: Record<string, unknown>) => {
  if (!approval) throw denied(LAN, 'see_reports');
  return MORNING;
};

const kpi = (name: string) => screen.getByTestId(`kpi-${name}`);

describe("the day's report", () => {
  test('shows the figures formatted for the language: vi, then en', async () => {
    const { user, stub } = await openManager();
    expect(screen.getByRole('tab', { name: 'Quản lý' })).toHaveAttribute('aria-selected', 'true');
    expect(await screen.findByTestId('kpi-revenue')).toHaveTextContent('1.700.000 VND');
    expect(stub.callsTo('day_report')).toEqual([{ date: null, approval: null }]);
    expect(kpi('sales')).toHaveTextContent(/^Số hoá đơn\s*2$/);
    expect(kpi('sessions')).toHaveTextContent(/^Buổi đã làm\s*5$/);
    expect(kpi('new-customers')).toHaveTextContent(/^Khách mới\s*0$/);

    await user.click(screen.getByRole('button', { name: 'English' }));
    expect(kpi('revenue')).toHaveTextContent('1,700,000 VND');
    expect(screen.getByRole('heading', { name: 'Money taken by tender' })).toBeInTheDocument();
  });

  test('each chart carries its numbers as text, in a table that can be shown', async () => {
    const { user } = await openManager();
    const tenders = await screen.findByTestId('chart-tenders');
    expect(tenders).toHaveTextContent('Tiền mặt');
    expect(tenders).toHaveTextContent('1.250.000 VND');
    expect(tenders).toHaveTextContent('450.000 VND');
    const table = within(tenders).getByRole('table', { name: 'Tiền thu theo hình thức' });
    expect(within(table).getByRole('row', { name: 'Thẻ 450.000 VND' })).toBeInTheDocument();

    const hours = screen.getByTestId('chart-hours');
    const hourTable = within(hours).getByRole('table', { name: 'Doanh thu theo giờ' });
    expect(hourTable).toHaveClass('sr-only');
    // Every hour the report gives is a row, 08:00 to 19:00.
    expect(within(hourTable).getAllByRole('row')).toHaveLength(13);
    expect(within(hourTable).getByRole('row', { name: '10:00 1.250.000 VND' })).toBeInTheDocument();
    await user.click(within(hours).getByRole('button', { name: 'Bảng số liệu' }));
    expect(hourTable).not.toHaveClass('sr-only');

    const sessions = screen.getByTestId('chart-sessions');
    expect(sessions).toHaveTextContent('Massage body 60 phút');
    await user.click(within(sessions).getByRole('radio', { name: 'Nhân viên' }));
    const byStaff = within(sessions).getByRole('table');
    expect(within(byStaff).getAllByRole('row').map((row) => row.textContent)).toEqual([
      'Nhân viênSố buổi',
      'Minh2',
      'Tuấn2',
      'Hoa1',
    ]);
  });

  test('another day reads that day: the day before has nothing taken', async () => {
    const { user, stub } = await openManager(TUAN, {
      day_report: ({ date }: Record<string, unknown>) => (date === '2026-11-20' ? report({ date: '2026-11-20' }) : MORNING),
    });
    await screen.findByTestId('kpi-revenue');
    await user.click(screen.getByRole('button', { name: 'Ngày trước' }));
    await vi.advanceTimersByTimeAsync(0);
    expect(stub.callsTo('day_report').at(-1)).toEqual({ date: '2026-11-20', approval: null });
    expect(kpi('revenue')).toHaveTextContent('0 VND');
    expect(screen.getByTestId('chart-tenders')).toHaveTextContent('Chưa thu tiền trong ngày này.');
    expect(screen.getByRole('button', { name: 'Ngày sau' })).toBeEnabled();
    await user.click(screen.getByRole('button', { name: 'Hôm nay' }));
    await vi.advanceTimersByTimeAsync(0);
    expect(stub.callsTo('day_report').at(-1)).toEqual({ date: TODAY, approval: null });
    expect(kpi('revenue')).toHaveTextContent('1.700.000 VND');
    expect(screen.getByRole('button', { name: 'Ngày sau' })).toBeDisabled();
  });

  test("a receptionist is asked for a manager's approval, and reads it with Tuấn's PIN", async () => {
    const { user, stub } = await openManager(LAN, { day_report: managersReport });
    const dialog = await screen.findByRole('dialog', { name: 'Quản lý duyệt' });
    expect(dialog).toHaveTextContent('xem báo cáo');
    await user.click(within(dialog).getByRole('radio', { name: /Tuấn/ }));
    await user.type(within(dialog).getByLabelText('Mã PIN của người duyệt'), '3333{Enter}');
    await vi.advanceTimersByTimeAsync(0);
    expect(await screen.findByTestId('kpi-revenue')).toHaveTextContent('1.700.000 VND');
    expect(stub.callsTo('day_report')).toEqual([
      { date: null, approval: null },
      { date: null, approval: { manager: TUAN.id, pin: '3333' } },
    ]);
  });

  test('a receptionist who cancels the approval reads why, and nothing of the report', async () => {
    const { user, stub } = await openManager(LAN, { day_report: managersReport });
    const dialog = await screen.findByRole('dialog', { name: 'Quản lý duyệt' });
    await user.click(within(dialog).getByRole('button', { name: 'Huỷ' }));
    await vi.advanceTimersByTimeAsync(0);
    expect(screen.getByRole('alert')).toHaveTextContent('Việc này cần quản lý hoặc chủ cửa hàng.');
    expect(screen.queryByTestId('kpi-revenue')).not.toBeInTheDocument();
    expect(stub.callsTo('day_report')).toEqual([{ date: null, approval: null }]);
  });
});

describe('the cash drawer', () => {
  test('opens with a float, takes cash out, closes with a blind count and says it is over', async () => {
    const opened = drawer();
    const moved = drawer({ moved: -120_000, moves: [{ at: '2026-11-21T14:30:00+07:00', amount: -120_000, reason: 'Mua khăn' }], expected: { cash: 380_000 } });
    const closed = drawer({
      ...moved,
      closed_at: '2026-11-21T14:31:00+07:00',
      counted: { cash: 390_000 },
      difference: { cash: 10_000 },
    });
    const { stub, user } = await openManager(TUAN, {
      open_drawer: refuse('invalid_amount', 'the float is below 0', 'float'),
      move_cash: refuse('empty_field', 'reason must not be empty', 'reason'),
    });
    /** The store's answer to a drawer command, and this register's drawer from then on. */
    const then = (view: DrawerView, now: RegisterDrawer) => () => {
      stub.answers.register_drawer = now;
      return view;
    };
    const panel = await screen.findByTestId('drawer-panel');
    await within(panel).findByText('Két chưa mở.');
    await user.type(within(panel).getByLabelText('Tiền đầu ca'), '-50000{Enter}');
    await vi.advanceTimersByTimeAsync(0);
    expect(within(panel).getByRole('alert')).toHaveTextContent('Tiền đầu ca phải từ 0 trở lên.');

    stub.answers.open_drawer = then(opened, { ...NO_DRAWER, open: opened });
    await user.clear(within(panel).getByLabelText('Tiền đầu ca'));
    await user.type(within(panel).getByLabelText('Tiền đầu ca'), '500.000{Enter}');
    await vi.advanceTimersByTimeAsync(0);
    expect(stub.callsTo('open_drawer')).toEqual([{ float: -50_000 }, { float: 500_000 }]);
    expect(within(panel).getByTestId('drawer-open')).toHaveTextContent('Mở lúc 14:30, tiền đầu ca 500.000 VND.');
    // Blind: nothing says what the drawer should hold before the count.
    expect(panel).not.toHaveTextContent('Dự kiến');

    await user.click(within(panel).getByRole('radio', { name: 'Lấy ra' }));
    await user.type(within(panel).getByLabelText('Số tiền'), '120000');
    await user.click(within(panel).getByRole('button', { name: 'Ghi lại' }));
    await vi.advanceTimersByTimeAsync(0);
    expect(within(panel).getByRole('alert')).toHaveTextContent('Vui lòng ghi lý do.');
    stub.answers.move_cash = then(moved, { ...NO_DRAWER, open: moved });
    await user.type(within(panel).getByLabelText('Lý do'), 'Mua khăn{Enter}');
    await vi.advanceTimersByTimeAsync(0);
    expect(stub.callsTo('move_cash')).toEqual([
      { amount: -120_000, reason: '' },
      { amount: -120_000, reason: 'Mua khăn' },
    ]);
    expect(within(panel).getByRole('list', { name: 'Tiền nộp vào và lấy ra' })).toHaveTextContent(
      '14:30 −120.000 VND Mua khăn',
    );

    stub.answers.close_drawer = then(closed, { ...NO_DRAWER, last_closed: closed });
    await user.type(within(panel).getByLabelText('Tiền mặt'), '390000');
    await user.click(within(panel).getByRole('button', { name: 'Đóng két' }));
    await vi.advanceTimersByTimeAsync(0);
    expect(stub.callsTo('close_drawer')).toEqual([{ counted: [{ tender: 'cash', amount: 390_000 }], note: '' }]);
    const result = within(panel).getByTestId('drawer-result');
    expect(result).toHaveTextContent('Dự kiến');
    expect(within(result).getByTestId('drawer-difference-cash')).toHaveTextContent('Thừa 10.000 VND');
    expect(within(panel).getByLabelText('Tiền đầu ca')).toBeInTheDocument();
  });

  test('a short count is worded as short', async () => {
    const closed = drawer({
      float: 200_000,
      closed_at: '2026-11-21T14:00:00+07:00',
      expected: { cash: 200_000 },
      counted: { cash: 150_000 },
      difference: { cash: -50_000 },
    });
    await openManager(TUAN, { register_drawer: { ...NO_DRAWER, last_closed: closed } });
    expect(await screen.findByTestId('drawer-difference-cash')).toHaveTextContent('Thiếu 50.000 VND');
  });

  test("an Indonesian business's drawer counts in rupiah, as the store says", async () => {
    const closed = drawer({
      currency: 'IDR',
      float: 200_000,
      closed_at: '2026-11-21T14:00:00+07:00',
      expected: { cash: 200_000 },
      counted: { cash: 250_000 },
      difference: { cash: 50_000 },
    });
    await openManager(TUAN, { register_drawer: { ...NO_DRAWER, last_closed: closed } });
    const difference = await screen.findByTestId('drawer-difference-cash');
    expect(difference).toHaveTextContent('Thừa 50.000 IDR');
    expect(difference).not.toHaveTextContent('VND');
  });
});

describe('resolving conflicts from the embedded inbox', () => {
  const tomorrow = (hour: number) => `2026-11-22T${hour}:00:00+07:00`;
  const mai = booking({
    id: '0190d5a0-0000-7000-8000-b000000000a1',
    customer: '0190d5a0-0000-7000-8000-000000000001',
    customer_name: 'Nguyễn Thị Mai',
    start: tomorrow(10),
    end: tomorrow(11),
    items: [item({ staff_name: 'Minh', start: tomorrow(10), end: tomorrow(11) })],
  });
  const ha = booking({
    id: '0190d5a0-0000-7000-8000-b000000000a2',
    customer: '0190d5a0-0000-7000-8000-000000000003',
    customer_name: 'Đặng Thu Hà',
    start: tomorrow(10),
    end: tomorrow(11),
    items: [item({ staff_name: 'Minh', start: tomorrow(10), end: tomorrow(11) })],
  });
  const DOUBLE: Conflict = {
    id: '6a1f0000-0000-5000-8000-0000000000d1',
    kind: 'staff_double_booked',
    about: ['minh', mai.id, ha.id],
    detail: `Minh is booked twice at the same time (${mai.id} and ${ha.id})`,
  };
  const OVERDRAWN: Conflict = {
    id: '6a1f0000-0000-5000-8000-0000000000d2',
    kind: 'wallet_overdrawn',
    about: ['0190d5a0-0000-7000-8000-000000000003'],
    detail: 'the wallet of customer 0190d5a0-0000-7000-8000-000000000003 is 150000 below zero',
  };

  test('cancelling one of the two bookings removes the double booking', async () => {
    const { user, stub } = await openManager(TUAN, {
      conflicts: [DOUBLE],
      conflict_bookings: [mai, ha],
      // The store: cancelling one of the two removes the conflict.
      booking_status: () => {
        stub.answers.conflicts = [];
        return { ...ha, status: 'CANCELLED' };
      },
    });
    const inbox = await screen.findByRole('region', { name: 'Xung đột đồng bộ' });
    const rows = await within(inbox).findAllByTestId('conflict-booking');
    expect(rows).toHaveLength(2);
    expect(rows[0]).toHaveTextContent('Nguyễn Thị Mai');
    await user.click(within(inbox).getByRole('button', { name: 'Huỷ lịch của Đặng Thu Hà' }));
    await user.click(within(inbox).getByRole('button', { name: 'Xác nhận huỷ lịch của Đặng Thu Hà' }));
    await vi.advanceTimersByTimeAsync(0);
    expect(within(inbox).getByText('Không có xung đột nào: dữ liệu các quầy khớp nhau.')).toBeInTheDocument();
    expect(stub.callsTo('conflict_bookings')).toEqual([{ conflict: DOUBLE.id }]);
    expect(stub.callsTo('booking_status')).toEqual([
      { booking: ha.id, action: 'cancel', note: expect.stringMatching(/\S/), approval: null },
    ]);
  });

  test("a wallet below zero opens the customer's file", async () => {
    const ha = demoCustomer(3, 'Đặng Thu Hà', '0987 654 321', { id: OVERDRAWN.about[0]! });
    const { user, stub } = await openManager(TUAN, { conflicts: [OVERDRAWN], customer_360: file(ha) });
    const inbox = await screen.findByRole('region', { name: 'Xung đột đồng bộ' });
    await user.click(within(inbox).getByRole('button', { name: 'Mở hồ sơ khách' }));
    await vi.advanceTimersByTimeAsync(0);
    expect(screen.getByRole('tab', { name: 'Khách hàng' })).toHaveAttribute('aria-selected', 'true');
    expect(screen.getByRole('heading', { name: 'Đặng Thu Hà' })).toBeInTheDocument();
    expect(stub.callsTo('customer_360')).toEqual([{ id: ha.id }]);
  });
});

describe("the report's day", () => {
  test("opens on the business's today, which the store gives, not this computer's date", async () => {
    // The computer says 21 November; the business's zone is already on the 22nd.
    const { stub } = await openManager(TUAN, { day_report: { ...MORNING, date: '2026-11-22' } });
    await screen.findByTestId('kpi-revenue');

    expect(document.getElementById('manager-day')).toHaveValue('22/11/2026');
    // One question, for no date: the answer's day is on screen, not asked again.
    expect(stub.callsTo('day_report')).toEqual([{ date: null, approval: null }]);
  });
});
