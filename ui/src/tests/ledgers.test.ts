import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, test, vi } from 'vitest';
import App from '../App.svelte';
import type { Approval, EntryView, StatementLine, TicketLine, TicketSettings } from '../lib/backend/backend';
import type { TicketStep, TicketView, TreatmentView, WalletView } from '../lib/backend/backend';
import { statementText } from '../lib/ledger';
import { demoCustomer, denied, file, hit, LAN, stubCounter, ticketView, TUAN } from './answers-a';
import { credit, treatment, wallet } from './fixtures';
import { refuse, type Answers, type Stub } from './stub';

// The wallet's statement, a card's, and the tickets, driven from the
// customer 360 and the Tickets tab over the store's answers: what the
// screens send and what they show of the answers. Balances, refusals and
// who may do what are the store's; here the answers say them.

type User = ReturnType<typeof userEvent.setup>;

const ANH = demoCustomer(4, 'Trần Minh Anh', '0938 222 333');
const CARD = '0190d5a0-0000-7000-7e47-0000000de300';
const DEVICE = '0190d5a0-0000-7000-8000-0000000000d1';

/** A wallet entry of the store's shape, with the balances after the one before. */
function line(at: string, real: [number, number], virtual: [number, number], what: Record<string, unknown>): EntryView {
  return {
    at,
    by: LAN.id,
    by_name: 'Lan',
    device: DEVICE,
    real_before: real[0],
    real_after: real[1],
    virtual_before: virtual[0],
    virtual_after: virtual[1],
    ...what,
  } as EntryView;
}

const FIRST_DEPOSIT = line('2026-11-01T10:00:00+07:00', [0, 300_000], [0, 0], {
  change: 'deposited', amount: 300_000, source: 'cash', reference: '', note: '',
});
const GIFT = line('2026-11-02T10:00:00+07:00', [300_000, 300_000], [0, 100_000], {
  change: 'credit_issued', credit: 'c1', amount: 100_000, expires_at: '2026-11-17T23:59:59+07:00', reference: '', note: '',
});

/** Trần Minh Anh's wallet: 300 000 real and 100 000 of credit. */
function anhWallet(part: Partial<WalletView> = {}): WalletView {
  return wallet({
    customer: ANH.id,
    balance: 300_000,
    virtual: 100_000,
    credits: [credit({ amount: 100_000, remaining: 100_000, expires_at: '2026-12-17T23:59:59+07:00' })],
    entries: [FIRST_DEPOSIT, GIFT],
    ...part,
  });
}

const HISTORY: StatementLine[] = [
  { at: '2026-11-01T10:00:00+07:00', by: LAN.id, by_name: 'Lan', change: 'sold', total: 10, price: { amount: 3_000_000, currency: 'VND' }, expires_on: '2027-02-18' },
  ...[1, 2, 3].map(
    (n): StatementLine => ({
      at: `2026-11-0${n + 2}T10:00:00+07:00`,
      by: LAN.id,
      by_name: 'Lan',
      change: 'punched',
      booking: `b${n}`,
      item: 0,
      session: { booking: `b${n}`, start: `2026-11-0${n + 2}T10:00:00+07:00`, service_name: 'Massage body', staff_name: 'Minh' },
    }),
  ),
  { at: '2026-11-10T10:00:00+07:00', by: LAN.id, by_name: 'Lan', change: 'reserved', booking: 'b4', item: 0 },
];

const CARD_VIEW: TreatmentView = treatment({
  id: CARD,
  customer: ANH.id,
  customer_name: ANH.name,
  name: 'Massage 10 buổi',
  total: 10,
  used: 3,
  reserved: 1,
  remaining: 7,
  available: 6,
  expires_on: '2027-02-18',
  history: HISTORY,
});

const TYPES: TicketSettings = {
  prefix: 'TV',
  types: [
    { code: 'complaint', offers: 'credit' },
    { code: 'return', offers: 'refund' },
  ],
  credit_days: 15,
};

function anh(more: Answers = {}): Stub {
  return stubCounter(LAN, {
    find_customers: [hit(ANH)],
    customer_360: file(ANH, { wallet: anhWallet(), treatments: [CARD_VIEW] }),
    audit: [],
    tickets: [],
    wallet_statement: anhWallet(),
    ...more,
  });
}

function start(stub: Stub): { stub: Stub; user: User } {
  const user = userEvent.setup();
  render(App, { props: { backend: stub.backend } });
  return { stub, user };
}

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

/** A command that is a manager's: refused without an approval, `then` with Tuấn's. */
function managers<T>(action: string, then: T) {
  return ({ approval }: Record<string, unknown>) => {
    if (!approval) throw denied(LAN, action);
    return then;
  };
}

const TUAN_APPROVES: Approval = { manager: TUAN.id, pin: '3333' };

const rows = () => screen.getAllByTestId('wallet-entry');

describe('the wallet statement', () => {
  test('lists every entry newest first with the balances after it, and a deposit adds a line', async () => {
    const deposited = line('2026-11-21T14:30:00+07:00', [300_000, 500_000], [100_000, 100_000], {
      change: 'deposited', amount: 200_000, source: 'transfer', reference: '', note: 'FT2611',
    });
    const { stub, user } = start(anh({ deposit_wallet: anhWallet({ balance: 500_000, entries: [FIRST_DEPOSIT, GIFT, deposited] }) }));
    const panel = await openMinhAnh(user);
    await user.click(within(panel).getByRole('button', { name: 'Xem sổ ví' }));

    await screen.findByRole('table', { name: 'Sổ ví' });
    expect(stub.callsTo('wallet_statement')).toEqual([{ customer: ANH.id }]);
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
    expect(stub.callsTo('deposit_wallet')).toEqual([
      { input: { customer: ANH.id, amount: 200_000, method: 'transfer', note: 'FT2611' } },
    ]);
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
    const { stub, user } = start(anh({ deposit_wallet: refuse('invalid_amount', 'an amount is 1 to 10^12', 'amount') }));
    const panel = await openMinhAnh(user);
    await user.click(within(panel).getByRole('button', { name: 'Nạp ví' }));
    const form = await screen.findByRole('form', { name: 'Nạp tiền vào ví' });
    const amount = within(form).getByLabelText('Số tiền');
    expect(amount).toHaveFocus();

    await user.type(amount, '0');
    await user.click(within(form).getByRole('button', { name: 'Ghi nhận tiền nạp' }));
    expect(await within(form).findByRole('alert')).toHaveTextContent('Số tiền phải lớn hơn 0');
    expect(stub.callsTo('deposit_wallet')).toEqual([{ input: { customer: ANH.id, amount: 0, method: 'cash', note: '' } }]);
    expect(rows()).toHaveLength(2);
  });

  test("an adjustment by a receptionist asks a manager's approval and records it", async () => {
    const adjusted = line('2026-11-21T14:30:00+07:00', [300_000, 250_000], [100_000, 100_000], {
      change: 'adjusted', amount: -50_000, note: 'Nạp nhầm',
    });
    const { stub, user } = start(
      anh({ adjust_wallet: managers('adjust_wallet', anhWallet({ balance: 250_000, entries: [FIRST_DEPOSIT, GIFT, adjusted] })) }),
    );
    const panel = await openMinhAnh(user);
    await user.click(within(panel).getByRole('button', { name: 'Xem sổ ví' }));
    const form = await screen.findByRole('form', { name: 'Điều chỉnh số dư' });
    await user.click(within(form).getByRole('radio', { name: 'Trừ bớt' }));
    await user.type(within(form).getByLabelText('Số tiền'), '50000');
    await user.type(within(form).getByLabelText('Lý do'), 'Nạp nhầm');
    await user.click(within(form).getByRole('button', { name: 'Điều chỉnh' }));

    await approveAsTuan(user);
    expect(await within(form).findByText('Đã điều chỉnh −50.000.')).toBeInTheDocument();
    const input = { customer: ANH.id, amount: -50_000, note: 'Nạp nhầm' };
    expect(stub.callsTo('adjust_wallet')).toEqual([
      { input, approval: null },
      { input, approval: TUAN_APPROVES },
    ]);
    expect(rows()[0]).toHaveTextContent('Điều chỉnh · Nạp nhầm');
    expect(screen.getByTestId('wallet-real')).toHaveTextContent('250.000 VND');
  });

  test("credit given by a receptionist asks a manager's approval and records it", async () => {
    const { stub, user } = start(anh({ issue_credit: managers('issue_credit', anhWallet({ virtual: 150_000 })) }));
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
    const input = { customer: ANH.id, amount: 50_000, days: 15, note: 'Xin lỗi vì chờ lâu' };
    expect(stub.callsTo('issue_credit')).toEqual([
      { input, approval: null },
      { input, approval: TUAN_APPROVES },
    ]);
    expect(screen.getByTestId('wallet-virtual')).toHaveTextContent('150.000 VND');
  });

  test('a top-up rung up at checkout is in the statement, with its receipt', async () => {
    const topUp = line('2026-11-21T14:30:00+07:00', [300_000, 700_000], [100_000, 100_000], {
      change: 'deposited', amount: 400_000, source: 'sale', reference: 'K7M-000001', note: '',
    });
    const { user } = start(anh({ wallet_statement: anhWallet({ balance: 700_000, entries: [FIRST_DEPOSIT, GIFT, topUp] }) }));
    const panel = await openMinhAnh(user);
    await user.click(within(panel).getByRole('button', { name: 'Xem sổ ví' }));
    await screen.findByRole('table', { name: 'Sổ ví' });
    expect(rows()[0]).toHaveTextContent('Nạp tiền (nạp tại quầy thanh toán) · K7M-000001');
    expect(rows()[0]).toHaveTextContent('+400.000');
    expect(rows()[0]).toHaveTextContent('700.000 + 100.000');
  });
});

describe('the treatment statement', () => {
  test('shows every session with its date, service and staff, and an extension needs a manager', async () => {
    const extended: TreatmentView = {
      ...CARD_VIEW,
      expires_on: '2027-03-20',
      history: [
        ...HISTORY,
        { at: '2026-11-21T14:30:00+07:00', by: LAN.id, by_name: 'Lan', change: 'extended', from: '2027-02-18', to: '2027-03-20', reason: 'Khách nằm viện' },
      ],
    };
    const { stub, user } = start(
      anh({ treatment_statement: CARD_VIEW, extend_treatment: refuse('empty_field', 'reason must not be empty', 'reason') }),
    );
    const panel = await openMinhAnh(user);
    await user.click(within(panel).getByRole('button', { name: 'Xem sổ buổi' }));

    await screen.findByRole('table', { name: 'Sổ buổi · Massage 10 buổi' });
    expect(stub.callsTo('treatment_statement')).toEqual([{ treatment: CARD }]);
    const lines = screen.getAllByTestId('treatment-line');
    expect(lines).toHaveLength(5);
    expect(lines[0]).toHaveTextContent('Bán gói 10 buổi, 3.000.000 VND');
    expect(lines[1]).toHaveTextContent('Đã dùng buổi');
    expect(lines[1]).toHaveTextContent('Massage body · Minh');
    expect(screen.getByTestId('treatment-left')).toHaveTextContent('còn 7/10 buổi');

    const form = screen.getByRole('form', { name: 'Gia hạn' });
    // Typed as the counter writes dates: day, month, year.
    await user.type(within(form).getByLabelText('Hạn mới'), '20/03/2027');
    await user.click(within(form).getByRole('button', { name: 'Gia hạn' }));
    expect(await within(form).findByRole('alert')).toHaveTextContent('Vui lòng ghi lý do.');
    expect(stub.callsTo('extend_treatment')).toEqual([{ input: { treatment: CARD, to: '2027-03-20', reason: '' }, approval: null }]);

    stub.answers.extend_treatment = managers('extend_treatment', extended);
    await user.type(within(form).getByLabelText('Lý do'), 'Khách nằm viện');
    await user.click(within(form).getByRole('button', { name: 'Gia hạn' }));
    await approveAsTuan(user);
    expect(await screen.findByTestId('treatment-expiry')).toHaveTextContent('20/03/2027');
    await within(form).findByText('Đã gia hạn đến 20/03/2027.');
    const input = { treatment: CARD, to: '2027-03-20', reason: 'Khách nằm viện' };
    expect(stub.callsTo('extend_treatment').slice(1)).toEqual([
      { input, approval: null },
      { input, approval: TUAN_APPROVES },
    ]);
    expect(screen.getAllByTestId('treatment-line').at(-1)).toHaveTextContent('Khách nằm viện');
  });
});

/** A ticket as the store lists it. */
function lineOf(view: TicketView): TicketLine {
  return {
    id: view.id,
    code: view.code,
    status: view.status,
    type: view.type,
    subject: view.subject,
    customer: view.customer,
    customer_name: view.customer_name,
    assignee_name: view.assignee_name,
    priority: view.priority,
    deadline: view.deadline,
    overdue: view.overdue,
    opened_at: view.opened_at,
  };
}

/** open_ticket as the store answers it: `view`, listed from then on. */
function opens(stub: () => Stub, view: TicketView) {
  return () => {
    stub().answers.tickets = [lineOf(view)];
    return view;
  };
}

const step = (at: string, what: Record<string, unknown>): TicketStep => ({ at, by: LAN.id, by_name: 'Lan', ...what }) as TicketStep;

describe('tickets', () => {
  test('opened from the 360, moved with a note, and resolved with a refund a manager approves', async () => {
    const opened = ticketView({
      id: '0190d5a0-0000-7000-71c7-000000000002',
      code: 'TV-2026-K7M-00002',
      type: 'return',
      offers: 'refund',
      subject: 'Trả lại tinh dầu',
      customer: ANH.id,
      customer_name: ANH.name,
      customer_phone: ANH.phone_display,
      history: [step('2026-11-21T14:30:00+07:00', { change: 'opened' })],
    });
    const moved = {
      ...opened,
      status: 'IN_PROGRESS' as const,
      history: [...opened.history, step('2026-11-21T14:31:00+07:00', { change: 'moved', from: 'NEW', to: 'IN_PROGRESS', note: 'Đã gọi kho' })],
    };
    const resolved = {
      ...moved,
      status: 'COMPLETED' as const,
      closed_at: '2026-11-21T14:32:00+07:00',
      resolution: { kind: 'refund' as const, amount: { amount: 150_000, currency: 'VND' } },
    };
    const { stub, user } = start(
      anh({
        ticket_types: TYPES,
        open_ticket: refuse('empty_field', 'subject must not be empty', 'subject'),
        ticket: opened,
        move_ticket: moved,
        resolve_ticket: managers('compensate', resolved),
      }),
    );
    const panel = await openMinhAnh(user);
    await user.click(within(panel).getByRole('button', { name: 'Mở phiếu hỗ trợ' }));

    const form = await screen.findByRole('form', { name: 'Mở phiếu hỗ trợ' });
    await user.click(within(form).getByRole('button', { name: 'Mở phiếu' }));
    expect(await within(form).findByRole('alert')).toHaveTextContent('Vui lòng nhập tiêu đề phiếu.');
    stub.answers.open_ticket = opens(() => stub, opened);
    await user.selectOptions(within(form).getByLabelText('Loại phiếu'), 'return');
    await user.type(within(form).getByLabelText('Tiêu đề'), 'Trả lại tinh dầu');
    await user.click(within(form).getByRole('button', { name: 'Mở phiếu' }));

    const title = await screen.findByRole('heading', { name: /TV-\d{4}-K7M-00002 · Trả lại tinh dầu/ });
    expect(stub.callsTo('open_ticket')).toEqual([
      { input: { customer: ANH.id, type: 'complaint', subject: '', details: '', deadline: null } },
      { input: { customer: ANH.id, type: 'return', subject: 'Trả lại tinh dầu', details: '', deadline: null } },
    ]);
    const detail = title.closest('section') as HTMLElement;
    const move = within(detail).getByRole('form', { name: 'Chuyển trạng thái' });
    await user.selectOptions(within(move).getByLabelText('Trạng thái mới'), 'IN_PROGRESS');
    await user.type(within(move).getByLabelText('Ghi chú'), 'Đã gọi kho');
    await user.click(within(move).getByRole('button', { name: 'Chuyển' }));
    expect(await within(detail).findByText('Đã chuyển sang Đang xử lý.')).toBeInTheDocument();
    expect(stub.callsTo('move_ticket')).toEqual([
      { input: { ticket: opened.code, status: 'IN_PROGRESS', waiting_on: null, note: 'Đã gọi kho' } },
    ]);
    expect(within(detail).getAllByTestId('ticket-step').at(-1)).toHaveTextContent('Chuyển sang Đang xử lý — Đã gọi kho · Lan');

    // A return offers a refund; the amount is the counter's.
    const resolve = within(detail).getByRole('form', { name: 'Giải quyết xong' });
    expect(within(resolve).getByRole('radio', { name: 'Hoàn tiền vào ví' })).toBeChecked();
    await user.type(within(resolve).getByLabelText('Số tiền'), '150000');
    await user.click(within(resolve).getByRole('button', { name: 'Hoàn tất phiếu' }));
    await approveAsTuan(user);
    expect(await within(detail).findByText('Đã hoàn 150.000 VND vào ví.')).toBeInTheDocument();
    expect(within(detail).getByTestId('ticket-status')).toHaveTextContent('Hoàn tất');
    const input = { ticket: opened.code, compensation: 'refund', amount: 150_000, note: '' };
    expect(stub.callsTo('resolve_ticket')).toEqual([
      { input, approval: null },
      { input, approval: TUAN_APPROVES },
    ]);
  });

  test('a deadline is typed day first; one the calendar does not have is refused on the field and opens nothing', async () => {
    // 14:30 on Saturday 21 November 2026 at the counter: 7 December is ahead.
    vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: true });
    vi.setSystemTime(new Date('2026-11-21T07:30:00Z'));
    try {
      const opened = ticketView({
        code: 'TV-2026-K7M-00002',
        subject: 'Giao hàng trễ',
        customer: ANH.id,
        customer_name: ANH.name,
        deadline: '2026-12-07T23:59:00+07:00',
      });
      const { stub, user } = start(anh({ ticket_types: TYPES, ticket: opened }));
      stub.answers.open_ticket = opens(() => stub, opened);
      const panel = await openMinhAnh(user);
      await user.click(within(panel).getByRole('button', { name: 'Mở phiếu hỗ trợ' }));
      const form = await screen.findByRole('form', { name: 'Mở phiếu hỗ trợ' });
      await user.type(within(form).getByLabelText('Tiêu đề'), 'Giao hàng trễ');
      const deadline = within(form).getByLabelText('Hạn xử lý');

      await user.type(deadline, '31/02/2026');
      expect(within(form).getByRole('alert')).toHaveTextContent('Không có ngày 31/02/2026.');
      await user.click(within(form).getByRole('button', { name: 'Mở phiếu' }));
      expect(deadline).toHaveFocus();
      expect(stub.callsTo('open_ticket')).toEqual([]);

      await user.clear(deadline);
      await user.type(deadline, '07/12/2026');
      await user.click(within(form).getByRole('button', { name: 'Mở phiếu' }));
      const title = await screen.findByRole('heading', { name: /Giao hàng trễ/ });
      // The 7th of December (the store reads a day as its end), not the 12th of July.
      expect(stub.callsTo('open_ticket')).toEqual([{ input: expect.objectContaining({ subject: 'Giao hàng trễ', deadline: '2026-12-07' }) }]);
      expect(title.closest('section')).toHaveTextContent('07/12');
    } finally {
      vi.useRealTimers();
    }
  });

  test('the Tickets tab (Ctrl+7) lists open tickets of every customer and opens one', async () => {
    const towel = ticketView({
      code: 'TV-2026-K7M-00001',
      subject: 'Khăn không sạch',
      type: 'complaint',
      offers: 'credit',
      customer: ANH.id,
      customer_name: ANH.name,
    });
    const listed = lineOf(towel);
    const { stub, user } = start(
      anh({
        tickets: [listed],
        ticket: towel,
        resolve_ticket: () => {
          stub.answers.tickets = [];
          return { ...towel, status: 'COMPLETED', resolution: { kind: 'none' } };
        },
      }),
    );
    await screen.findByRole('combobox', { name: 'Tìm khách hàng' });
    await user.keyboard('{Control>}7{/Control}');
    expect(await screen.findByRole('tab', { name: 'Phiếu', selected: true })).toBeInTheDocument();
    const row = await screen.findByTestId('ticket-row');
    expect(stub.callsTo('tickets')).toEqual([{ query: {} }]);
    expect(row).toHaveTextContent('Khăn không sạch');
    expect(row).toHaveTextContent('Trần Minh Anh');
    await user.click(row);
    const title = await screen.findByRole('heading', { name: /Khăn không sạch/ });
    const detail = title.closest('section') as HTMLElement;
    // A complaint offers credit; resolving with nothing asks nobody's approval.
    const resolve = within(detail).getByRole('form', { name: 'Giải quyết xong' });
    expect(within(resolve).getByRole('radio', { name: 'Tặng tín dụng' })).toBeChecked();
    await user.click(within(resolve).getByRole('radio', { name: 'Không bồi hoàn' }));
    await user.click(within(resolve).getByRole('button', { name: 'Hoàn tất phiếu' }));
    expect(await screen.findByText('Không có phiếu nào đang mở.')).toBeInTheDocument();
    expect(stub.callsTo('resolve_ticket')).toEqual([
      { input: { ticket: towel.code, compensation: 'none', amount: null, note: '' }, approval: null },
    ]);
  });
});

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
