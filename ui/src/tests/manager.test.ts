import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import App from '../App.svelte';
import type { Conflict } from '../lib/backend/backend';
import { WebBackend, type WebBackendOptions } from '../lib/backend/web';
import { booking, item } from './fixtures';

// The manager's screen (Ctrl+9) on the fake: the day's figures and charts,
// the drawer's blind count, the approval a receptionist needs for the
// report, and a double booking resolved from the embedded inbox.

/** 14:30 on Saturday 21 November 2026 at the counter (UTC+7). */
const NOW = new Date('2026-11-21T07:30:00Z');

/** The other counter's morning: a massage paid by card, a package in cash. */
const MORNING: WebBackendOptions['manager'] = {
  otherSales: [
    { time: '09:15', category: 'service', total: 450_000, tender: 'card' },
    { time: '10:20', category: 'package', total: 1_250_000, tender: 'cash' },
  ],
  otherSessions: [{ service: 'Gội đầu dưỡng sinh', staff: 'Tuấn' }],
};

beforeEach(() => {
  vi.useFakeTimers({ now: NOW });
});

afterEach(() => {
  vi.useRealTimers();
});

async function openManager(options: WebBackendOptions = {}) {
  const backend = new WebBackend({ signedIn: 'Tuấn', manager: MORNING, ...options });
  const user = userEvent.setup({ advanceTimers: (ms) => vi.advanceTimersByTime(ms) });
  render(App, { props: { backend } });
  await screen.findByRole('combobox', { name: 'Tìm khách hàng' });
  await user.keyboard('{Control>}9{/Control}');
  await vi.advanceTimersByTimeAsync(0);
  return { user, backend };
}

const kpi = (name: string) => screen.getByTestId(`kpi-${name}`);

describe("the day's report", () => {
  test('shows the figures formatted for the language: vi, then en', async () => {
    const { user } = await openManager();
    expect(screen.getByRole('tab', { name: 'Quản lý' })).toHaveAttribute('aria-selected', 'true');
    expect(await screen.findByTestId('kpi-revenue')).toHaveTextContent('1.700.000 VND');
    expect(kpi('sales')).toHaveTextContent(/^Số hoá đơn\s*2$/);
    // Lê Hoàng Yến's massage this afternoon, the head spa at the other
    // counter, and the calendar demo's sessions done this morning.
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
    // Every opening hour is a column, 08:00 to 19:00.
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
    const { user, backend } = await openManager();
    await screen.findByTestId('kpi-revenue');
    const reads = vi.spyOn(backend, 'dayReport');
    await user.click(screen.getByRole('button', { name: 'Ngày trước' }));
    await vi.advanceTimersByTimeAsync(0);
    expect(reads).toHaveBeenLastCalledWith('2026-11-20', null);
    expect(kpi('revenue')).toHaveTextContent('0 VND');
    expect(screen.getByTestId('chart-tenders')).toHaveTextContent('Chưa thu tiền trong ngày này.');
    expect(screen.getByRole('button', { name: 'Ngày sau' })).toBeEnabled();
    await user.click(screen.getByRole('button', { name: 'Hôm nay' }));
    await vi.advanceTimersByTimeAsync(0);
    expect(kpi('revenue')).toHaveTextContent('1.700.000 VND');
    expect(screen.getByRole('button', { name: 'Ngày sau' })).toBeDisabled();
  });

  test("a receptionist is asked for a manager's approval, and reads it with Tuấn's PIN", async () => {
    const { user } = await openManager({ signedIn: 'Lan' });
    const dialog = await screen.findByRole('dialog', { name: 'Quản lý duyệt' });
    expect(dialog).toHaveTextContent('xem báo cáo');
    await user.click(within(dialog).getByRole('radio', { name: /Tuấn/ }));
    await user.type(within(dialog).getByLabelText('Mã PIN của người duyệt'), '3333{Enter}');
    await vi.advanceTimersByTimeAsync(0);
    expect(await screen.findByTestId('kpi-revenue')).toHaveTextContent('1.700.000 VND');
  });

  test('a receptionist who cancels the approval reads why, and nothing of the report', async () => {
    const { user } = await openManager({ signedIn: 'Lan' });
    const dialog = await screen.findByRole('dialog', { name: 'Quản lý duyệt' });
    await user.click(within(dialog).getByRole('button', { name: 'Huỷ' }));
    await vi.advanceTimersByTimeAsync(0);
    expect(screen.getByRole('alert')).toHaveTextContent('Việc này cần quản lý hoặc chủ cửa hàng.');
    expect(screen.queryByTestId('kpi-revenue')).not.toBeInTheDocument();
  });
});

describe('the cash drawer', () => {
  test('opens with a float, takes cash out, closes with a blind count and says it is over', async () => {
    const { user } = await openManager();
    const panel = await screen.findByTestId('drawer-panel');
    await within(panel).findByText('Két chưa mở.');
    await user.type(within(panel).getByLabelText('Tiền đầu ca'), '-50000{Enter}');
    await vi.advanceTimersByTimeAsync(0);
    expect(within(panel).getByRole('alert')).toHaveTextContent('Tiền đầu ca phải từ 0 trở lên.');

    await user.clear(within(panel).getByLabelText('Tiền đầu ca'));
    await user.type(within(panel).getByLabelText('Tiền đầu ca'), '500.000{Enter}');
    await vi.advanceTimersByTimeAsync(0);
    expect(within(panel).getByTestId('drawer-open')).toHaveTextContent('Mở lúc 14:30, tiền đầu ca 500.000 VND.');
    // Blind: nothing says what the drawer should hold before the count.
    expect(panel).not.toHaveTextContent('Dự kiến');

    await user.click(within(panel).getByRole('radio', { name: 'Lấy ra' }));
    await user.type(within(panel).getByLabelText('Số tiền'), '120000');
    await user.click(within(panel).getByRole('button', { name: 'Ghi lại' }));
    await vi.advanceTimersByTimeAsync(0);
    expect(within(panel).getByRole('alert')).toHaveTextContent('Vui lòng ghi lý do.');
    await user.type(within(panel).getByLabelText('Lý do'), 'Mua khăn{Enter}');
    await vi.advanceTimersByTimeAsync(0);
    expect(within(panel).getByRole('list', { name: 'Tiền nộp vào và lấy ra' })).toHaveTextContent(
      '14:30 −120.000 VND Mua khăn',
    );

    await user.type(within(panel).getByLabelText('Tiền mặt'), '390000');
    await user.click(within(panel).getByRole('button', { name: 'Đóng két' }));
    await vi.advanceTimersByTimeAsync(0);
    const result = within(panel).getByTestId('drawer-result');
    expect(result).toHaveTextContent('Dự kiến');
    expect(within(result).getByTestId('drawer-difference-cash')).toHaveTextContent('Thừa 10.000 VND');
    expect(within(panel).getByLabelText('Tiền đầu ca')).toBeInTheDocument();
  });

  test('a short count is worded as short', async () => {
    const { user, backend } = await openManager();
    await backend.openDrawer(200_000);
    await backend.closeDrawer([{ tender: 'cash', amount: 150_000 }], '');
    await user.keyboard('{Control>}1{/Control}');
    await user.keyboard('{Control>}9{/Control}');
    await vi.advanceTimersByTimeAsync(0);
    expect(await screen.findByTestId('drawer-difference-cash')).toHaveTextContent('Thiếu 50.000 VND');
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
    const { user, backend } = await openManager({
      conflicts: [DOUBLE],
      checkout: { bookings: [mai, ha] },
    });
    const inbox = await screen.findByRole('region', { name: 'Xung đột đồng bộ' });
    const rows = await within(inbox).findAllByTestId('conflict-booking');
    expect(rows).toHaveLength(2);
    expect(rows[0]).toHaveTextContent('Nguyễn Thị Mai');
    await user.click(within(inbox).getByRole('button', { name: 'Huỷ lịch của Đặng Thu Hà' }));
    await user.click(within(inbox).getByRole('button', { name: 'Xác nhận huỷ lịch của Đặng Thu Hà' }));
    await vi.advanceTimersByTimeAsync(0);
    expect(within(inbox).getByText('Không có xung đột nào: dữ liệu các quầy khớp nhau.')).toBeInTheDocument();
    expect(await backend.conflicts()).toEqual([]);
    const [cancelled] = (await backend.customer360(ha.customer)).bookings.filter((b) => b.id === ha.id);
    expect(cancelled?.status).toBe('CANCELLED');
  });

  test("a wallet below zero opens the customer's file", async () => {
    const { user } = await openManager({ conflicts: [OVERDRAWN] });
    const inbox = await screen.findByRole('region', { name: 'Xung đột đồng bộ' });
    await user.click(within(inbox).getByRole('button', { name: 'Mở hồ sơ khách' }));
    await vi.advanceTimersByTimeAsync(0);
    expect(screen.getByRole('tab', { name: 'Khách hàng' })).toHaveAttribute('aria-selected', 'true');
    expect(screen.getByRole('heading', { name: 'Đặng Thu Hà' })).toBeInTheDocument();
  });
});

describe("the report's day", () => {
  test("opens on the business's today, which the store gives, not this computer's date", async () => {
    // The computer says 21 November; the business's zone is already on the 22nd.
    const backend = new WebBackend({ signedIn: 'Tuấn', manager: MORNING });
    const asked: (string | null)[] = [];
    const real = backend.dayReport.bind(backend);
    backend.dayReport = async (date, approval) => {
      asked.push(date);
      const report = await real(date, approval);
      return date === null ? { ...report, date: '2026-11-22' } : report;
    };
    const user = userEvent.setup({ advanceTimers: (ms) => vi.advanceTimersByTime(ms) });
    render(App, { props: { backend } });
    await screen.findByRole('combobox', { name: 'Tìm khách hàng' });
    await user.keyboard('{Control>}9{/Control}');
    await vi.advanceTimersByTimeAsync(0);
    await screen.findByTestId('kpi-revenue');

    expect(document.getElementById('manager-day')).toHaveValue('22/11/2026');
    // One question, for no date: the answer's day is on screen, not asked again.
    expect(asked).toEqual([null]);
  });
});
