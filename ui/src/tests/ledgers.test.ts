import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, test, vi } from 'vitest';
import App from '../App.svelte';
import type { StatementLine } from '../lib/backend/backend';
import { WebBackend } from '../lib/backend/web';
import { statementText } from '../lib/ledger';

// The wallet's statement, a card's, and the tickets, driven from the
// customer 360 and the Tickets tab against the fake backend. Trần Minh Anh
// starts with 300 000 ₫ real and 100 000 ₫ of credit, a 10-session card and
// an open complaint (web-ledgers.ts's demo).

type User = ReturnType<typeof userEvent.setup>;

async function openMinhAnh(user: User): Promise<HTMLElement> {
  const search = await screen.findByRole('combobox', { name: 'Tìm khách hàng' });
  await user.type(search, 'minh anh');
  await screen.findByRole('option', { name: /Trần Minh Anh/ });
  await user.keyboard('{Enter}');
  return screen.findByRole('article', { name: 'Trần Minh Anh' });
}

async function approveAsTuan(user: User) {
  const dialog = await screen.findByRole('dialog', { name: 'Quản lý duyệt' });
  await user.click(within(dialog).getByRole('radio', { name: /Tuấn/ }));
  await user.type(within(dialog).getByLabelText('Mã PIN của người duyệt'), '3333{Enter}');
}

const rows = () => screen.getAllByTestId('wallet-entry');

describe('the wallet statement', () => {
  test('lists every entry newest first with the balances after it, and a deposit adds a line', async () => {
    const backend = new WebBackend({ signedIn: 'Lan' });
    const user = userEvent.setup();
    render(App, { props: { backend } });
    const panel = await openMinhAnh(user);
    await user.click(within(panel).getByRole('button', { name: 'Xem sổ ví' }));

    await screen.findByRole('table', { name: 'Sổ ví' });
    expect(rows()).toHaveLength(2);
    expect(rows()[0]).toHaveTextContent('Tặng tín dụng');
    expect(rows()[0]).toHaveTextContent('300.000 + 100.000');
    expect(rows()[1]).toHaveTextContent('Nạp tiền (tiền mặt)');

    const form = screen.getByRole('form', { name: 'Nạp tiền vào ví' });
    await user.type(within(form).getByLabelText('Số tiền'), '200.000');
    await user.selectOptions(within(form).getByLabelText('Hình thức'), 'transfer');
    await user.type(within(form).getByLabelText('Ghi chú'), 'FT2611');
    await user.click(within(form).getByRole('button', { name: 'Ghi nhận tiền nạp' }));

    expect(await within(form).findByText('Đã nạp 200.000 VND.')).toBeInTheDocument();
    expect(rows()).toHaveLength(3);
    expect(rows()[0]).toHaveTextContent('Nạp tiền (chuyển khoản) · FT2611');
    expect(rows()[0]).toHaveTextContent('+200.000');
    expect(rows()[0]).toHaveTextContent('500.000 + 100.000');
    expect(screen.getByTestId('wallet-real')).toHaveTextContent('500.000 VND');

    // Only the entries that moved bonus credit.
    await user.click(screen.getByRole('radio', { name: 'Tín dụng tặng' }));
    expect(rows()).toHaveLength(1);
    expect(rows()[0]).toHaveTextContent('+100.000');
  });

  test('a deposit of nothing is refused in Vietnamese and changes nothing', async () => {
    const backend = new WebBackend({ signedIn: 'Lan' });
    const user = userEvent.setup();
    render(App, { props: { backend } });
    const panel = await openMinhAnh(user);
    await user.click(within(panel).getByRole('button', { name: 'Nạp ví' }));
    const form = await screen.findByRole('form', { name: 'Nạp tiền vào ví' });
    const amount = within(form).getByLabelText('Số tiền');
    expect(amount).toHaveFocus();
    const before = await backend.walletStatement(await customerId(backend, 'Trần Minh Anh'));

    await user.type(amount, '0');
    await user.click(within(form).getByRole('button', { name: 'Ghi nhận tiền nạp' }));
    expect(await within(form).findByRole('alert')).toHaveTextContent('Số tiền phải lớn hơn 0');
    expect(await backend.walletStatement(before.customer)).toEqual(before);
    expect(rows()).toHaveLength(2);
  });

  test("an adjustment by a receptionist asks a manager's approval and records it", async () => {
    const backend = new WebBackend({ signedIn: 'Lan' });
    const user = userEvent.setup();
    render(App, { props: { backend } });
    const panel = await openMinhAnh(user);
    await user.click(within(panel).getByRole('button', { name: 'Xem sổ ví' }));
    const form = await screen.findByRole('form', { name: 'Điều chỉnh số dư' });
    await user.click(within(form).getByRole('radio', { name: 'Trừ bớt' }));
    await user.type(within(form).getByLabelText('Số tiền'), '50000');
    await user.type(within(form).getByLabelText('Lý do'), 'Nạp nhầm');
    await user.click(within(form).getByRole('button', { name: 'Điều chỉnh' }));

    await approveAsTuan(user);
    expect(await within(form).findByText('Đã điều chỉnh −50.000.')).toBeInTheDocument();
    expect(rows()[0]).toHaveTextContent('Điều chỉnh · Nạp nhầm');
    expect(screen.getByTestId('wallet-real')).toHaveTextContent('250.000 VND');
  });

  test("credit given by a receptionist asks a manager's approval and records it", async () => {
    const backend = new WebBackend({ signedIn: 'Lan' });
    const user = userEvent.setup();
    render(App, { props: { backend } });
    const panel = await openMinhAnh(user);
    await user.click(within(panel).getByRole('button', { name: 'Xem sổ ví' }));
    const form = await screen.findByRole('form', { name: 'Tặng tín dụng' });
    await user.type(within(form).getByLabelText('Số tiền'), '50000');
    await user.type(within(form).getByLabelText('Lý do'), 'Xin lỗi vì chờ lâu');
    await user.click(within(form).getByRole('button', { name: 'Tặng' }));

    const dialog = await screen.findByRole('dialog', { name: 'Quản lý duyệt' });
    expect(dialog).toHaveTextContent('tặng tín dụng ảo');
    await approveAsTuan(user);
    expect(await within(form).findByText(/Đã tặng 50\.000/)).toBeInTheDocument();
    expect(screen.getByTestId('wallet-virtual')).toHaveTextContent('150.000 VND');
  });

  test('a top-up rung up at checkout is in the statement', async () => {
    const backend = new WebBackend({ signedIn: 'Lan' });
    const id = await customerId(backend, 'Trần Minh Anh');
    await backend.recordSale({
      customer: id,
      lines: [{ kind: 'top_up', amount: 400_000 }],
      payments: [{ tender: 'cash', amount: 400_000 }],
    });
    const wallet = await backend.walletStatement(id);
    const last = wallet.entries[wallet.entries.length - 1];
    expect(last).toMatchObject({ change: 'deposited', source: 'sale', amount: 400_000, real_before: 300_000, real_after: 700_000 });
    expect(last && 'reference' in last && last.reference).toMatch(/^K7M-/);
  });
});

describe('the treatment statement', () => {
  test('shows every session with its date, service and staff, and an extension needs a manager', async () => {
    const backend = new WebBackend({ signedIn: 'Lan' });
    const user = userEvent.setup();
    render(App, { props: { backend } });
    const panel = await openMinhAnh(user);
    await user.click(within(panel).getByRole('button', { name: 'Xem sổ buổi' }));

    await screen.findByRole('table', { name: 'Sổ buổi · Massage 10 buổi' });
    const lines = screen.getAllByTestId('treatment-line');
    expect(lines).toHaveLength(5);
    expect(lines[0]).toHaveTextContent('Bán gói 10 buổi, 3.000.000 VND');
    expect(lines[1]).toHaveTextContent('Đã dùng buổi');
    expect(lines[1]).toHaveTextContent('Massage body · Minh');
    expect(screen.getByTestId('treatment-left')).toHaveTextContent('còn 7/10 buổi');

    const card = await backend.treatmentStatement('0190d5a0-0000-7000-7e47-0000000de300');
    const [y, m, d] = card.expires_on.split('-').map(Number) as [number, number, number];
    const later = new Date(Date.UTC(y, m - 1, d + 30)).toISOString().slice(0, 10);
    const [ly, lm, ld] = later.split('-');
    const form = screen.getByRole('form', { name: 'Gia hạn' });
    // Typed as the counter writes dates: day, month, year.
    await user.type(within(form).getByLabelText('Hạn mới'), `${ld}/${lm}/${ly}`);
    await user.click(within(form).getByRole('button', { name: 'Gia hạn' }));
    expect(await within(form).findByRole('alert')).toHaveTextContent('Vui lòng ghi lý do.');

    await user.type(within(form).getByLabelText('Lý do'), 'Khách nằm viện');
    await user.click(within(form).getByRole('button', { name: 'Gia hạn' }));
    await approveAsTuan(user);
    expect(await screen.findByTestId('treatment-expiry')).toHaveTextContent(`${ld}/${lm}/${ly}`);
    expect(screen.getAllByTestId('treatment-line').at(-1)).toHaveTextContent('Khách nằm viện');
  });
});

describe('tickets', () => {
  test('opened from the 360, moved with a note, and resolved with a refund a manager approves', async () => {
    const backend = new WebBackend({ signedIn: 'Lan' });
    const user = userEvent.setup();
    render(App, { props: { backend } });
    const panel = await openMinhAnh(user);
    await user.click(within(panel).getByRole('button', { name: 'Mở phiếu hỗ trợ' }));

    const form = await screen.findByRole('form', { name: 'Mở phiếu hỗ trợ' });
    await user.click(within(form).getByRole('button', { name: 'Mở phiếu' }));
    expect(await within(form).findByRole('alert')).toHaveTextContent('Vui lòng nhập tiêu đề phiếu.');
    await user.selectOptions(within(form).getByLabelText('Loại phiếu'), 'return');
    await user.type(within(form).getByLabelText('Tiêu đề'), 'Trả lại tinh dầu');
    await user.click(within(form).getByRole('button', { name: 'Mở phiếu' }));

    const title = await screen.findByRole('heading', { name: /TV-\d{4}-K7M-00002 · Trả lại tinh dầu/ });
    const detail = title.closest('section') as HTMLElement;
    const move = within(detail).getByRole('form', { name: 'Chuyển trạng thái' });
    await user.selectOptions(within(move).getByLabelText('Trạng thái mới'), 'IN_PROGRESS');
    await user.type(within(move).getByLabelText('Ghi chú'), 'Đã gọi kho');
    await user.click(within(move).getByRole('button', { name: 'Chuyển' }));
    expect(await within(detail).findByText('Đã chuyển sang Đang xử lý.')).toBeInTheDocument();
    expect(within(detail).getAllByTestId('ticket-step').at(-1)).toHaveTextContent('Chuyển sang Đang xử lý — Đã gọi kho · Lan');

    // A return offers a refund; the amount is the counter's.
    const resolve = within(detail).getByRole('form', { name: 'Giải quyết xong' });
    expect(within(resolve).getByRole('radio', { name: 'Hoàn tiền vào ví' })).toBeChecked();
    await user.type(within(resolve).getByLabelText('Số tiền'), '150000');
    await user.click(within(resolve).getByRole('button', { name: 'Hoàn tất phiếu' }));
    await approveAsTuan(user);
    expect(await within(detail).findByText('Đã hoàn 150.000 VND vào ví.')).toBeInTheDocument();
    expect(within(detail).getByTestId('ticket-status')).toHaveTextContent('Hoàn tất');

    const wallet = await backend.walletStatement(await customerId(backend, 'Trần Minh Anh'));
    expect(wallet.balance).toBe(450_000);
    expect(wallet.entries.at(-1)).toMatchObject({ change: 'deposited', source: 'ticket', amount: 150_000 });
  });

  test("a deadline is typed day first; one the calendar does not have is refused on the field and opens nothing", async () => {
    // 14:30 on Saturday 21 November 2026 at the counter: 7 December is ahead.
    const now = new Date('2026-11-21T07:30:00Z');
    vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: true });
    vi.setSystemTime(now);
    try {
      const backend = new WebBackend({ signedIn: 'Lan', now: () => now });
      const user = userEvent.setup();
      render(App, { props: { backend } });
      const before = await backend.tickets({});
      const panel = await openMinhAnh(user);
      await user.click(within(panel).getByRole('button', { name: 'Mở phiếu hỗ trợ' }));
      const form = await screen.findByRole('form', { name: 'Mở phiếu hỗ trợ' });
      await user.type(within(form).getByLabelText('Tiêu đề'), 'Giao hàng trễ');
      const deadline = within(form).getByLabelText('Hạn xử lý');

      await user.type(deadline, '31/02/2026');
      expect(within(form).getByRole('alert')).toHaveTextContent('Không có ngày 31/02/2026.');
      await user.click(within(form).getByRole('button', { name: 'Mở phiếu' }));
      expect(deadline).toHaveFocus();
      expect(await backend.tickets({})).toEqual(before);

      await user.clear(deadline);
      await user.type(deadline, '07/12/2026');
      await user.click(within(form).getByRole('button', { name: 'Mở phiếu' }));
      const title = await screen.findByRole('heading', { name: /Giao hàng trễ/ });
      const opened = (await backend.tickets({})).find((t) => !before.some((b) => b.id === t.id));
      // The 7th of December, to its end, not the 12th of July.
      expect(opened?.deadline).toMatch(/^2026-12-07T23:59/);
      expect(title.closest('section')).toHaveTextContent('07/12');
    } finally {
      vi.useRealTimers();
    }
  });

  test('the Tickets tab (Ctrl+7) lists open tickets of every customer and opens one', async () => {
    const backend = new WebBackend({ signedIn: 'Lan' });
    const user = userEvent.setup();
    render(App, { props: { backend } });
    await screen.findByRole('combobox', { name: 'Tìm khách hàng' });
    await user.keyboard('{Control>}7{/Control}');
    expect(await screen.findByRole('tab', { name: 'Phiếu', selected: true })).toBeInTheDocument();
    const row = await screen.findByTestId('ticket-row');
    expect(row).toHaveTextContent('Khăn không sạch');
    expect(row).toHaveTextContent('Trần Minh Anh');
    await user.click(row);
    const title = await screen.findByRole('heading', { name: /Khăn không sạch/ });
    const detail = title.closest('section') as HTMLElement;
    // A complaint offers credit; resolving with nothing needs nobody's approval.
    const resolve = within(detail).getByRole('form', { name: 'Giải quyết xong' });
    expect(within(resolve).getByRole('radio', { name: 'Tặng tín dụng' })).toBeChecked();
    await user.click(within(resolve).getByRole('radio', { name: 'Không bồi hoàn' }));
    await user.click(within(resolve).getByRole('button', { name: 'Hoàn tất phiếu' }));
    expect(await screen.findByText('Không có phiếu nào đang mở.')).toBeInTheDocument();
  });

  test("the fake refuses what the store refuses: a receptionist's refund, a closed ticket, a cancel without a note", async () => {
    const backend = new WebBackend({ signedIn: 'Lan' });
    const [open] = await backend.tickets({});
    if (!open) throw new Error('the demo has an open ticket');
    await expect(backend.resolveTicket({ ticket: open.code, compensation: 'refund', amount: 1000, note: '' })).rejects.toMatchObject({
      code: 'permission_denied',
      details: { action: 'compensate' },
    });
    await expect(backend.resolveTicket({ ticket: open.code, compensation: 'credit', amount: -5, note: '' })).rejects.toMatchObject({
      code: 'invalid_amount',
    });
    await expect(backend.moveTicket({ ticket: open.code, status: 'CANCELLED', note: ' ' })).rejects.toMatchObject({ code: 'note_required' });
    await expect(backend.moveTicket({ ticket: open.code, status: 'IN_PROGRESS', waiting_on: 'carrier', note: '' })).rejects.toMatchObject({
      code: 'invalid_waiting_on',
    });
    expect((await backend.ticket(open.code)).history).toHaveLength(1);
    await backend.moveTicket({ ticket: open.code, status: 'CANCELLED', note: 'Khách rút lại' });
    await expect(backend.moveTicket({ ticket: open.code, status: 'IN_PROGRESS', note: '' })).rejects.toMatchObject({
      code: 'invalid_transition',
    });
    expect(await backend.tickets({})).toEqual([]);
  });
});

async function customerId(backend: WebBackend, name: string): Promise<string> {
  const [hit] = await backend.findCustomers(name, 1);
  if (!hit) throw new Error(`no demo customer ${name}`);
  return hit.id;
}

describe('a refund on the punch-card statement', () => {
  const refunded = (goodwill: number, voided: boolean): StatementLine => ({
    at: '2026-11-21T16:00:00+07:00',
    by: '0190d5a0-0000-7000-8000-000000000001',
    by_name: 'Hương',
    change: 'refunded',
    sessions: 4,
    amount: { amount: 1_700_000, currency: 'VND' },
    goodwill: { amount: goodwill, currency: 'VND' },
    sale: '0190d5a0-0000-7000-8000-0000000000a1',
    number: 'A7K-000012',
    void: voided,
  });

  test('says the sessions taken back, the money, the receipt and any goodwill', () => {
    expect(statementText(refunded(0, false))).toMatch(/^Hoàn tiền \(hóa đơn A7K-000012\): thu hồi 4 buổi, 1\.700\.000\s₫$/);
    expect(statementText(refunded(300_000, false))).toMatch(/· trong đó quản lý hỗ trợ thêm: 300\.000\s₫$/);
    expect(statementText(refunded(0, true))).toMatch(/^Hủy hóa đơn \(hóa đơn A7K-000012\)/);
  });
});
