import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import App from '../App.svelte';
import type { Conflict, ConflictKind } from '../lib/backend/backend';
import { CONFLICT_KINDS } from '../lib/backend/backend';
import { WebBackend, type WebBackendOptions } from '../lib/backend/web';
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

const PAIRED = {
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

async function openInbox(options: WebBackendOptions = {}) {
  const backend = new WebBackend({ signedIn: 'Lan', sync: PAIRED, ...options });
  const user = userEvent.setup({ advanceTimers: (ms) => vi.advanceTimersByTime(ms) });
  render(App, { props: { backend } });
  await screen.findByRole('combobox', { name: 'Tìm khách hàng' });
  await vi.advanceTimersByTimeAsync(0);
  await user.click(screen.getByTestId('sync-indicator'));
  const details = screen.getByRole('dialog', { name: 'Đồng bộ với máy chủ' });
  await user.click(within(details).getByRole('button', { name: 'Xem các xung đột' }));
  await vi.advanceTimersByTimeAsync(0);
  return { user, backend };
}

const inbox = () => screen.getByRole('main');
const items = () => within(screen.getByRole('list')).getAllByRole('listitem');

describe('the conflicts inbox', () => {
  test('lists each conflict: translated title, the detail as sent, what to do', async () => {
    await openInbox({ conflicts: [DOUBLE_BOOKED, OVERDRAWN] });
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
    const { backend } = await openInbox({ conflicts: [DOUBLE_BOOKED] });
    expect(items()).toHaveLength(1);
    backend.setConflicts([DOUBLE_BOOKED, SAME_PHONE]);
    await vi.advanceTimersByTimeAsync(15_000);
    expect(items()).toHaveLength(2);
    expect(items()[1]).toHaveTextContent('Hai khách hàng trùng số điện thoại');
    expect(items()[1]).toHaveTextContent('Gộp hai hồ sơ khách hàng, hoặc sửa số điện thoại của một người.');
    expect(screen.getByTestId('sync-badge')).toHaveTextContent(/^2$/);

    backend.setConflicts([]);
    await vi.advanceTimersByTimeAsync(15_000);
    expect(screen.getByText('Không có xung đột nào: dữ liệu các quầy khớp nhau.')).toBeInTheDocument();
  });

  test('reads the list again when opened and on Refresh', async () => {
    const { user, backend } = await openInbox({ conflicts: [DOUBLE_BOOKED] });
    backend.setConflicts([DOUBLE_BOOKED, OVERDRAWN, SAME_PHONE]);
    await user.click(screen.getByRole('button', { name: 'Làm mới' }));
    await vi.advanceTimersByTimeAsync(0);
    expect(items()).toHaveLength(3);

    const reads = vi.spyOn(backend, 'conflicts');
    await user.keyboard('{Control>}1{/Control}');
    await user.keyboard('{Control>}3{/Control}');
    await user.click(screen.getByRole('button', { name: 'Xem các xung đột' }));
    await vi.advanceTimersByTimeAsync(0);
    // Once for the details, once for the inbox.
    expect(reads).toHaveBeenCalledTimes(2);
  });

  test('opened again from the details while showing: the focus still lands on it', async () => {
    const { user } = await openInbox({ conflicts: [DOUBLE_BOOKED] });
    await user.keyboard('{Control>}3{/Control}');
    await user.click(screen.getByRole('button', { name: 'Xem các xung đột' }));
    expect(screen.getByRole('heading', { name: 'Xung đột đồng bộ', level: 1 })).toHaveFocus();
  });

  test('in English, with the plural', async () => {
    const { user } = await openInbox({ conflicts: [SAME_PHONE] });
    await user.click(screen.getByRole('button', { name: 'English' }));
    expect(screen.getByRole('heading', { name: 'Sync conflicts', level: 1 })).toBeInTheDocument();
    expect(inbox()).toHaveTextContent('1 conflict to resolve');
    expect(items()[0]).toHaveTextContent('Two customers share a phone number');
    expect(items()[0]).toHaveTextContent('What to do: Merge the two customer files, or correct one of the phone numbers.');
  });

  test('a kind this build does not know yet is listed, not dropped', async () => {
    await openInbox({
      // A newer backend may send a kind this UI does not know yet.
      conflicts: [{ id: 'x1', kind: 'locker_double_assigned' as ConflictKind, about: ['l1'], detail: 'Locker 12 has two keys out' }],
    });
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

test.each(LOCALES)('%s words every conflict kind: a title and what to do', (locale) => {
  const messages = dictionary(locale) as Record<string, string>;
  const missing = CONFLICT_KINDS.flatMap((kind) => [`conflict.${kind}`, `conflict.${kind}.todo`]).filter(
    (key) => !(key in messages),
  );
  expect(missing).toEqual([]);
});
