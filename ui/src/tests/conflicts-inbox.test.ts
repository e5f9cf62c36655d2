import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import App from '../App.svelte';
import { CONFLICT_KINDS, type Conflict, type ConflictKind, type Staff, type SyncStatus } from '../lib/backend/backend';
import { denied, LAN, MINH, NEVER_PAIRED, staffPay, stubCounter, ticketView, TUAN } from './answers-a';
import { refuse, type Answers } from './stub';
import { dictionary, LOCALES } from '../lib/i18n.svelte';

const NOW = new Date('2026-11-21T07:30:00Z');

// As `caredesk conflicts` prints them (crates/store/src/conflicts.rs words the details).
const DOUBLE_BOOKED: Conflict = {
  id: '5b0c8f0e-3f4a-5d7e-9a51-0c2b1d3e4f01',
  kind: 'staff_double_booked',
  about: ['staff-minh', 'booking-a', 'booking-b'],
  detail: 'Minh is booked twice at the same time (booking-a and booking-b)',
};

const OVERDRAWN: Conflict = {
  id: '5b0c8f0e-3f4a-5d7e-9a51-0c2b1d3e4f02',
  kind: 'wallet_overdrawn',
  about: ['customer-mai'],
  detail: "Nguyễn Thị Mai's wallet is at -150000 (real money)",
};

const SAME_PHONE: Conflict = {
  id: '5b0c8f0e-3f4a-5d7e-9a51-0c2b1d3e4f03',
  kind: 'duplicate_phone',
  about: ['customer-an', 'customer-an-2'],
  detail: 'Nguyễn Văn An and Nguyen Van An share the phone +84912345678',
};

const PAIRED: SyncStatus = {
  ...NEVER_PAIRED,
  paired: true,
  server: 'https://sync.spa-hoa.vn',
  device: 'd1',
  online: true,
  last_attempt: '2026-11-21T07:28:00Z',
  last_success: '2026-11-21T07:28:00Z',
};

beforeEach(() => {
  vi.useFakeTimers({ now: NOW });
});

afterEach(() => {
  vi.useRealTimers();
});

async function openInbox(conflicts: Conflict[] = [], signedIn: Staff = LAN, more: Answers = {}) {
  const stub = stubCounter(signedIn, { sync_status: PAIRED, conflicts, ...more });
  const user = userEvent.setup({ advanceTimers: (ms) => vi.advanceTimersByTime(ms) });
  render(App, { props: { backend: stub.backend } });
  await screen.findByRole('combobox', { name: 'Tìm khách hàng' });
  await vi.advanceTimersByTimeAsync(0);
  await user.click(screen.getByTestId('sync-indicator'));
  const details = screen.getByRole('dialog', { name: 'Đồng bộ với máy chủ' });
  await user.click(within(details).getByRole('button', { name: 'Xem các xung đột' }));
  await vi.advanceTimersByTimeAsync(0);
  return { user, stub };
}

const inbox = () => screen.getByRole('main');
const items = () => within(screen.getByRole('list')).getAllByRole('listitem');

describe('the conflicts inbox', () => {
  test('lists each conflict: translated title, the detail as sent, what to do', async () => {
    await openInbox([DOUBLE_BOOKED, OVERDRAWN]);
    const heading = screen.getByRole('heading', { name: 'Xung đột đồng bộ', level: 1 });
    expect(heading).toHaveFocus();
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(inbox()).toHaveTextContent('2 xung đột cần xử lý');

    const [first, second] = items();
    expect(within(first!).getByRole('heading')).toHaveTextContent(/^Nhân viên bị đặt trùng giờ$/);
    expect(first).toHaveTextContent('Minh is booked twice at the same time (booking-a and booking-b)');
    expect(first).toHaveTextContent('Cách xử lý: Huỷ hoặc dời một trong hai lịch hẹn.');
    expect(within(second!).getByRole('heading')).toHaveTextContent(/^Ví của khách bị âm$/);
    expect(second).toHaveTextContent("Nguyễn Thị Mai's wallet is at -150000 (real money)");
    expect(second).toHaveTextContent('Cách xử lý: Nhận tiền nạp vào ví để số dư không còn âm.');
    // The detail is the store's English, marked as such for screen readers.
    expect(within(first!).getByText(DOUBLE_BOOKED.detail)).toHaveAttribute('lang', 'en');
  });

  test('nothing open: says the counters agree', async () => {
    await openInbox();
    expect(screen.getByText('Không có xung đột nào: dữ liệu các quầy khớp nhau.')).toBeInTheDocument();
    expect(screen.queryByRole('list')).not.toBeInTheDocument();
  });

  test('follows what the indicator reads: a new conflict shows up, a resolved one goes', async () => {
    const { stub } = await openInbox([DOUBLE_BOOKED]);
    expect(items()).toHaveLength(1);
    stub.answers.conflicts = [DOUBLE_BOOKED, SAME_PHONE];
    await vi.advanceTimersByTimeAsync(15_000);
    expect(items()).toHaveLength(2);
    expect(items()[1]).toHaveTextContent('Hai khách hàng trùng số điện thoại');
    expect(items()[1]).toHaveTextContent('Gộp hai hồ sơ khách hàng, hoặc sửa số điện thoại của một người.');
    expect(screen.getByTestId('sync-badge')).toHaveTextContent(/^2$/);

    stub.answers.conflicts = [];
    await vi.advanceTimersByTimeAsync(15_000);
    expect(screen.getByText('Không có xung đột nào: dữ liệu các quầy khớp nhau.')).toBeInTheDocument();
  });

  test('reads the list again when opened and on Refresh', async () => {
    const { user, stub } = await openInbox([DOUBLE_BOOKED]);
    stub.answers.conflicts = [DOUBLE_BOOKED, OVERDRAWN, SAME_PHONE];
    await user.click(screen.getByRole('button', { name: 'Làm mới' }));
    await vi.advanceTimersByTimeAsync(0);
    expect(items()).toHaveLength(3);

    const before = stub.callsTo('conflicts').length;
    await user.keyboard('{Control>}1{/Control}');
    await user.keyboard('{Control>}3{/Control}');
    await user.click(screen.getByRole('button', { name: 'Xem các xung đột' }));
    await vi.advanceTimersByTimeAsync(0);
    // Once for the details, once for the inbox.
    expect(stub.callsTo('conflicts')).toHaveLength(before + 2);
  });

  test('opened again from the details while showing: the focus still lands on it', async () => {
    const { user } = await openInbox([DOUBLE_BOOKED]);
    await user.keyboard('{Control>}3{/Control}');
    await user.click(screen.getByRole('button', { name: 'Xem các xung đột' }));
    expect(screen.getByRole('heading', { name: 'Xung đột đồng bộ', level: 1 })).toHaveFocus();
  });

  test('in English, with the plural', async () => {
    const { user } = await openInbox([SAME_PHONE]);
    await user.click(screen.getByRole('button', { name: 'English' }));
    expect(screen.getByRole('heading', { name: 'Sync conflicts', level: 1 })).toBeInTheDocument();
    expect(inbox()).toHaveTextContent('1 conflict to resolve');
    expect(items()[0]).toHaveTextContent('Two customers share a phone number');
    expect(items()[0]).toHaveTextContent('What to do: Merge the two customer files, or correct one of the phone numbers.');
  });

  test('a kind this build does not know yet is listed, not dropped', async () => {
    // A newer backend may send a kind this UI does not know yet.
    await openInbox([{ id: 'x1', kind: 'locker_double_assigned' as ConflictKind, about: ['l1'], detail: 'Locker 12 has two keys out' }]);
    expect(items()[0]).toHaveTextContent('Xung đột loại khác (locker_double_assigned)');
    expect(items()[0]).toHaveTextContent('Locker 12 has two keys out');
    expect(items()[0]).toHaveTextContent('Cập nhật CareDesk trên quầy này để xem cách xử lý.');
  });

  test('Ctrl+1 leaves the inbox for the customers', async () => {
    const { user } = await openInbox();
    await user.keyboard('{Control>}1{/Control}');
    expect(screen.queryByRole('heading', { name: 'Xung đột đồng bộ' })).not.toBeInTheDocument();
    expect(screen.getByRole('tab', { name: 'Khách hàng' })).toHaveAttribute('aria-selected', 'true');
  });
});

// Two counters each settled the same complaint with 100.000 of credit, and
// each paid Minh: the store lists the later resolution and the overpayment.
const TICKET = '0190d5a0-0000-7000-71c7-000000000001';
const RESOLVED_TWICE: Conflict = {
  id: '5b0c8f0e-3f4a-5d7e-9a51-0c2b1d3e4f04',
  kind: 'ticket_resolved_twice',
  about: [TICKET, '0190d5a0-0000-7000-8000-00000000beef'],
  detail: 'ticket TV-2026-A7K-00001 was resolved again after another counter had closed it: the later resolution also gave a credit of 100000; reverse it',
  amount: 100_000,
};

describe('compensation paid twice offline', () => {
  const NOTE = 'Thu hồi: phiếu được giải quyết trên hai quầy';

  test("a receptionist takes back the second compensation with a manager's PIN", async () => {
    const { user, stub } = await openInbox([RESOLVED_TWICE], LAN, {
      // The store: a manager's (compensate), and once taken back the conflict is gone.
      reverse_ticket: ({ approval }: Record<string, unknown>) => {
        if (!approval) throw denied(LAN, 'compensate');
        stub.answers.conflicts = [];
        return ticketView({ id: TICKET, status: 'COMPLETED' });
      },
    });
    const [item] = items();
    expect(within(item!).getByRole('heading')).toHaveTextContent(/^Phiếu được giải quyết hai lần, bồi thường hai lần$/);
    expect(item).toHaveTextContent('Cách xử lý: Thu hồi phần bồi thường của lần giải quyết sau');

    await user.click(within(item!).getByRole('button', { name: 'Thu hồi bồi thường lần hai' }));
    // Money moves: a second press confirms, and Keep goes back.
    await user.click(within(item!).getByRole('button', { name: 'Giữ lại' }));
    expect(stub.callsTo('reverse_ticket')).toEqual([]);
    await user.click(within(item!).getByRole('button', { name: 'Thu hồi bồi thường lần hai' }));
    await user.click(within(item!).getByRole('button', { name: 'Xác nhận thu hồi bồi thường lần hai' }));
    const dialog = await screen.findByRole('dialog', { name: 'Quản lý duyệt' });
    await user.click(within(dialog).getByRole('radio', { name: /Tuấn/ }));
    await user.type(within(dialog).getByLabelText('Mã PIN của người duyệt'), '3333{Enter}');
    await vi.advanceTimersByTimeAsync(0);

    expect(screen.getByText('Không có xung đột nào: dữ liệu các quầy khớp nhau.')).toBeInTheDocument();
    expect(stub.callsTo('reverse_ticket')).toEqual([
      { ticket: TICKET, note: NOTE, approval: null },
      { ticket: TICKET, note: NOTE, approval: { manager: TUAN.id, pin: '3333' } },
    ]);
  });

  test('an overpaid staff member: the amount paid over is counted as pay, in English too', async () => {
    const overpaid: Conflict = {
      id: '5b0c8f0e-3f4a-5d7e-9a51-0c2b1d3e4f05',
      kind: 'payout_over_owed',
      about: [MINH.id],
      detail: 'Minh was paid 40000 more than earned: two counters paid out the same balance',
      amount: 40_000,
    };
    const { user, stub } = await openInbox([overpaid], TUAN, {
      adjust_staff_pay: () => {
        stub.answers.conflicts = [];
        return staffPay({ earned: 200_000, adjusted: 40_000, paid: 240_000, balance: 0 });
      },
    });
    await user.click(screen.getByRole('button', { name: 'English' }));
    const [item] = items();
    expect(within(item!).getByRole('heading')).toHaveTextContent(/^Staff member paid more than earned$/);
    await user.click(within(item!).getByRole('button', { name: 'Count the 40,000 paid over as pay' }));
    await user.click(within(item!).getByRole('button', { name: 'Confirm: add 40,000 to what they are owed' }));
    await vi.advanceTimersByTimeAsync(0);
    expect(stub.callsTo('adjust_staff_pay')).toEqual([
      { staff: MINH.id, amount: 40_000, note: 'Paid twice by two counters: counted as pay', approval: null },
    ]);
    expect(screen.getByText(/no conflicts/i)).toBeInTheDocument();
  });

  test('already taken back on another counter: the list is read again', async () => {
    const { user, stub } = await openInbox([RESOLVED_TWICE], TUAN, {
      reverse_ticket: refuse('nothing_to_reverse', 'the later resolution was already taken back'),
    });
    const [item] = items();
    await user.click(within(item!).getByRole('button', { name: 'Thu hồi bồi thường lần hai' }));
    // Another counter's reversal arrives before this one is confirmed.
    stub.answers.conflicts = [];
    const reads = stub.callsTo('conflicts').length;
    await user.click(within(item!).getByRole('button', { name: 'Xác nhận thu hồi bồi thường lần hai' }));
    await vi.advanceTimersByTimeAsync(0);
    expect(stub.callsTo('reverse_ticket')).toEqual([{ ticket: TICKET, note: NOTE, approval: null }]);
    expect(stub.callsTo('conflicts').length).toBeGreaterThan(reads);
    expect(screen.getByText('Không có xung đột nào: dữ liệu các quầy khớp nhau.')).toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });
});

test.each(LOCALES)('%s words every conflict kind: a title and what to do', (locale) => {
  const messages = dictionary(locale) as Record<string, string>;
  const missing = CONFLICT_KINDS.flatMap((kind) => [`conflict.${kind}`, `conflict.${kind}.todo`]).filter(
    (key) => !(key in messages),
  );
  expect(missing).toEqual([]);
});
