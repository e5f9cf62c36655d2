import { fireEvent, render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import App from '../App.svelte';
import type { Conflict, SyncStatus } from '../lib/backend/backend';
import { counter, LAN, UNPAIRED } from './answers-b';
import { refuse, stubBackend, type Answers, type Stub } from './stub';

// 14:30 at the counter (tests run on Asia/Ho_Chi_Minh, UTC+7) is 07:30 UTC;
// the backend's sync times are UTC.
const NOW = new Date('2026-11-21T07:30:00Z');

const SYNCED: Partial<SyncStatus> = {
  paired: true,
  server: 'https://sync.spa-hoa.vn',
  device: '0190d5a0-0000-7000-8000-00000000d001',
  online: true,
  pushed: 120,
  cursor: 4410,
  last_attempt: '2026-11-21T07:28:00Z',
  last_success: '2026-11-21T07:28:00Z',
};

const FAILING: Partial<SyncStatus> = {
  ...SYNCED,
  online: false,
  pending: 3,
  last_attempt: '2026-11-21T07:29:30Z',
  last_success: '2026-11-21T03:40:00Z',
  failing_since: '2026-11-21T03:42:00Z',
  last_error: 'could not reach https://sync.spa-hoa.vn: connection refused',
};

function conflict(n: number): Conflict {
  return {
    id: `6a1f0000-0000-5000-8000-00000000000${n}`,
    kind: 'duplicate_phone',
    about: [`c${n}`, `d${n}`],
    detail: `Customer ${n} and Customer ${n}b share the phone +8491234567${n}`,
  };
}

beforeEach(() => {
  vi.useFakeTimers({ now: NOW });
});

afterEach(() => {
  vi.useRealTimers();
});

/** The counter with Lan signed in, the store answering `sync` (over an unpaired counter's status) and `conflicts`. */
async function start({ sync = {}, conflicts = [] }: { sync?: Partial<SyncStatus>; conflicts?: Conflict[] } = {}, more: Answers = {}) {
  const stub = stubBackend(counter(LAN, { sync_status: { ...UNPAIRED, ...sync }, conflicts, ...more }));
  const user = userEvent.setup({ advanceTimers: (ms) => vi.advanceTimersByTime(ms) });
  render(App, { props: { backend: stub.backend } });
  await screen.findByRole('combobox', { name: 'Tìm khách hàng' });
  await settle();
  return { user, stub };
}

/** What the store's sync status says from now on: `change` over what it said. */
function syncNow(stub: Stub, change: Partial<SyncStatus>) {
  stub.answers.sync_status = { ...(stub.answers.sync_status as SyncStatus), ...change };
}

/** Lets pending reads answer and the screen render, moving the clock `ms`. */
async function settle(ms = 0) {
  await vi.advanceTimersByTimeAsync(ms);
}

const indicator = () => screen.getByTestId('sync-indicator');
const words = () => screen.getByTestId('sync-words');
const panel = () => screen.queryByRole('dialog', { name: 'Đồng bộ với máy chủ' });

describe('the sync indicator', () => {
  test('a counter never paired says so', async () => {
    await start();
    expect(words()).toHaveTextContent(/^Chưa kết nối máy chủ$/);
    expect(screen.queryByTestId('sync-badge')).not.toBeInTheDocument();
  });

  test('online with nothing to send: synced, and how long ago', async () => {
    await start({ sync: SYNCED });
    expect(words()).toHaveTextContent(/^Đã đồng bộ · 2 phút trước$/);
  });

  test('a round under a minute ago is "just now"', async () => {
    await start({ sync: { ...SYNCED, last_success: '2026-11-21T07:29:40Z' } });
    expect(words()).toHaveTextContent(/^Vừa đồng bộ xong$/);
  });

  test('online with changes not yet acknowledged: how many', async () => {
    await start({ sync: { ...SYNCED, pending: 3 } });
    expect(words()).toHaveTextContent(/^3 thay đổi chờ gửi$/);
  });

  test('failing: since when on the counter clock, and what waits', async () => {
    await start({ sync: FAILING });
    expect(words()).toHaveTextContent(/^Mất kết nối từ 10:42 · 3 thay đổi chờ gửi$/);
    // The error itself is in the tooltip (and the details), not the header.
    expect(indicator().title).toContain('could not reach https://sync.spa-hoa.vn: connection refused');
    // However few words a narrow header shows (e2e/header.spec.ts), the
    // name a screen reader reads is the whole sentence, once.
    expect(indicator()).toHaveAccessibleName('Mất kết nối từ 10:42 · 3 thay đổi chờ gửi');
  });

  test('failing since another day shows the date', async () => {
    await start({ sync: { ...FAILING, pending: 0, failing_since: '2026-11-20T03:42:00Z' } });
    expect(words()).toHaveTextContent(/^Mất kết nối từ 10:42 20\/11\/2026$/);
  });

  test('paired but no round yet', async () => {
    await start({ sync: { ...SYNCED, online: false, last_attempt: null, last_success: null, pending: 2 } });
    expect(words()).toHaveTextContent(/^Chưa đồng bộ lần nào · 2 thay đổi chờ gửi$/);
  });

  test('the words follow the language, plurals included', async () => {
    const { user, stub } = await start({ sync: { ...SYNCED, pending: 1 } });
    await user.click(screen.getByRole('button', { name: 'English' }));
    expect(words()).toHaveTextContent(/^1 change waiting to be sent$/);
    syncNow(stub, { pending: 4 });
    await settle(15_000);
    expect(words()).toHaveTextContent(/^4 changes waiting to be sent$/);
    syncNow(stub, FAILING);
    await user.click(screen.getByRole('button', { name: 'Bahasa Indonesia' }));
    await settle(15_000);
    expect(words()).toHaveTextContent(/^Terputus sejak 10\.42 · 3 perubahan menunggu dikirim$/);
  });
});

describe('reading the status', () => {
  test('every 15 seconds, not before', async () => {
    const { stub } = await start({ sync: SYNCED });
    const reads = stub.callsTo('sync_status').length;
    syncNow(stub, { pending: 5 });
    await settle(14_000);
    expect(words()).toHaveTextContent(/^Đã đồng bộ · 2 phút trước$/);
    expect(stub.callsTo('sync_status')).toHaveLength(reads);
    await settle(1_000);
    expect(words()).toHaveTextContent(/^5 thay đổi chờ gửi$/);
    expect(stub.callsTo('sync_status')).toHaveLength(reads + 1);
  });

  test('"how long ago" moves on with the clock', async () => {
    await start({ sync: SYNCED });
    await settle(3 * 60_000);
    expect(words()).toHaveTextContent(/^Đã đồng bộ · 5 phút trước$/);
  });

  test('and when the window gets the focus back', async () => {
    const { stub } = await start({ sync: SYNCED });
    syncNow(stub, FAILING);
    fireEvent.focus(window);
    await settle();
    expect(words()).toHaveTextContent(/^Mất kết nối từ 10:42 · 3 thay đổi chờ gửi$/);
  });

  test('a failed first read says the status is unknown, without breaking the header', async () => {
    const { user } = await start({}, { sync_status: refuse('storage', 'disk I/O error') });
    expect(words()).toHaveTextContent(/^Không rõ trạng thái đồng bộ$/);
    expect(screen.getByRole('button', { name: /Khách hàng mới/ })).toBeInTheDocument();
    await user.click(indicator());
    expect(within(panel()!).getByRole('alert')).toHaveTextContent(
      'Không đọc được trạng thái đồng bộ: Không đọc/ghi được dữ liệu trên máy. Vui lòng thử lại.',
    );
  });

  test('a failed later read keeps what was last read', async () => {
    const { stub } = await start({ sync: SYNCED });
    stub.answers.sync_status = () => {
      throw new Error('IPC went away');
    };
    await settle(15_000);
    expect(words()).toHaveTextContent(/^Đã đồng bộ · 2 phút trước$/);
  });

  test('stops when the counter locks', async () => {
    const { user, stub } = await start({ sync: SYNCED });
    await user.keyboard('{Control>}l{/Control}');
    await screen.findByRole('heading', { name: 'Ai đang làm việc tại quầy?' });
    const reads = stub.callsTo('sync_status').length;
    await settle(60_000);
    expect(stub.callsTo('sync_status')).toHaveLength(reads);
  });
});

describe('the badge', () => {
  test('counts the open conflicts, and is absent without any', async () => {
    const { stub } = await start({ sync: SYNCED, conflicts: [conflict(1), conflict(2)] });
    expect(screen.getByTestId('sync-badge')).toHaveTextContent(/^2$/);
    expect(screen.getByRole('button', { name: /2 xung đột cần xử lý/ })).toBe(indicator());

    stub.answers.conflicts = ([conflict(1), conflict(2), conflict(3)]);
    await settle(15_000);
    expect(screen.getByTestId('sync-badge')).toHaveTextContent(/^3$/);

    stub.answers.conflicts = ([]);
    await settle(15_000);
    expect(screen.queryByTestId('sync-badge')).not.toBeInTheDocument();
  });
});

describe('the details', () => {
  test('open by click: server, device, pending, times, failure, conflicts', async () => {
    const { user } = await start({ sync: FAILING, conflicts: [conflict(1)] });
    expect(indicator()).toHaveAttribute('aria-expanded', 'false');
    await user.click(indicator());
    const details = panel()!;
    expect(details).toBeInTheDocument();
    expect(indicator()).toHaveAttribute('aria-expanded', 'true');
    const row = (label: string) => within(details).getByText(label).nextElementSibling;
    expect(row('Máy chủ')).toHaveTextContent('https://sync.spa-hoa.vn');
    expect(row('Mã thiết bị')).toHaveTextContent('0190d5a0-0000-7000-8000-00000000d001');
    expect(row('Thay đổi chờ gửi')).toHaveTextContent(/^3$/);
    expect(row('Đồng bộ thành công gần nhất')).toHaveTextContent('10:40 (3 giờ trước)');
    expect(row('Lần thử gần nhất')).toHaveTextContent('14:29 (vừa xong)');
    expect(row('Không kết nối được từ')).toHaveTextContent('10:42 (3 giờ trước)');
    expect(row('Lỗi gần nhất')).toHaveTextContent('could not reach https://sync.spa-hoa.vn: connection refused');
    expect(within(details).getByText(/Quầy vẫn làm việc bình thường khi mất mạng/)).toBeInTheDocument();
    expect(within(details).getByTestId('sync-conflict-count')).toHaveTextContent(/^1$/);
  });

  test('an unpaired counter explains how to pair', async () => {
    const { user } = await start();
    await user.click(indicator());
    expect(within(panel()!).getByText(/Quản lý ghép nối bằng lệnh caredesk pair/)).toBeInTheDocument();
    expect(within(panel()!).queryByText('Máy chủ')).not.toBeInTheDocument();
  });

  test('open with Ctrl+3, close with Escape: the focus goes back to the indicator', async () => {
    const { user } = await start({ sync: SYNCED });
    await user.keyboard('{Control>}3{/Control}');
    expect(panel()).toBeInTheDocument();
    expect(panel()).toHaveFocus();
    await user.keyboard('{Escape}');
    expect(panel()).not.toBeInTheDocument();
    expect(indicator()).toHaveFocus();
    // Ctrl+3 again closes what it opened.
    await user.keyboard('{Control>}3{/Control}');
    expect(panel()).toBeInTheDocument();
    await user.keyboard('{Control>}3{/Control}');
    expect(panel()).not.toBeInTheDocument();
  });

  test('the indicator is a button in the tab order: Enter opens, the close button closes', async () => {
    const { user } = await start({ sync: SYNCED });
    indicator().focus();
    await user.keyboard('{Enter}');
    expect(panel()).toBeInTheDocument();
    await user.tab();
    expect(within(panel()!).getByRole('button', { name: 'Đóng' })).toHaveFocus();
    await user.keyboard('{Enter}');
    expect(panel()).not.toBeInTheDocument();
    expect(indicator()).toHaveFocus();
  });

  test('a click elsewhere closes it', async () => {
    const { user } = await start({ sync: SYNCED });
    await user.click(indicator());
    expect(panel()).toBeInTheDocument();
    await user.click(screen.getByRole('combobox', { name: 'Tìm khách hàng' }));
    expect(panel()).not.toBeInTheDocument();
  });
});
