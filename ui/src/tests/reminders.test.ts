import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import App from '../App.svelte';
import type { Reminder, ReminderSubject } from '../lib/backend/backend';
import { lockOnSignedOut } from '../lib/backend/guard';
import { setLocale } from '../lib/i18n.svelte';
import { TOAST_MS } from '../lib/reminders.svelte';
import { counter, file, LAN, MAI as MAI_FILE } from './answers-b';
import { stubBackend, type Answers, type Stub } from './stub';

// 14:30 at the counter (tests run on Asia/Ho_Chi_Minh).
const NOW = new Date('2026-11-21T07:30:00Z');
const MAI = MAI_FILE.id;

function reminder(key: string, subject: ReminderSubject): Reminder {
  return { key, subject };
}

const BOOKING = reminder('booking:b1:2026-11-21T07:40:00Z', {
  kind: 'booking_soon',
  booking: 'b1',
  customer: MAI,
  customer_name: 'Nguyễn Thị Mai',
  start: '2026-11-21T14:40:00+07:00',
  services: ['Massage body', 'Gội đầu'],
  staff: ['Minh'],
});

const card = (remaining: number) =>
  reminder(`treatment:t${remaining}:2026-11-23`, {
    kind: 'treatment_expiring',
    treatment: `t${remaining}`,
    customer: MAI,
    customer_name: 'Nguyễn Thị Mai',
    name: 'Massage 10 buổi',
    expires_on: '2026-11-23',
    remaining,
  });

const SYNC = reminder('sync:2026-11-21T07:00:00Z', {
  kind: 'sync_failing',
  since: '2026-11-21T14:00:00+07:00',
  last_error: 'connection refused',
});

const CONFLICT = reminder('conflict:c1', {
  kind: 'conflict',
  conflict: 'c1',
  conflict_kind: 'duplicate_phone',
});

beforeEach(() => {
  vi.useFakeTimers({ now: NOW });
});

afterEach(() => {
  vi.useRealTimers();
});

async function start(answers: Answers = {}) {
  const stub = stubBackend(counter(LAN, { customer_360: file(MAI_FILE), audit: [], ...answers }));
  const user = userEvent.setup({ advanceTimers: (ms) => vi.advanceTimersByTime(ms) });
  render(App, { props: { backend: stub.backend } });
  await screen.findByRole('combobox', { name: 'Tìm khách hàng' });
  await vi.advanceTimersByTimeAsync(0);
  return { user, backend: stub, stub };
}

/** What the app's notifier does when something comes due. */
async function comesDue(stub: Stub, ...reminders: Reminder[]) {
  for (const r of reminders) stub.remind(r);
  await vi.advanceTimersByTimeAsync(0);
}

/** The language the screen last told the desktop notifications (`reminders`' `lang`). */
const reminderLang = (stub: Stub) => stub.callsTo('reminders').at(-1)?.lang;

const toast = () => screen.getByTestId('reminder-toast');
const bell = () => screen.getByTestId('reminders-button');
const list = () => screen.queryByRole('dialog', { name: 'Nhắc việc' });

describe('reminders at the counter', () => {
  test('a reminder that comes due shows as a toast in a live region, and the bell counts it', async () => {
    const { backend } = await start();
    expect(toast()).toHaveAttribute('role', 'status');
    expect(toast()).toHaveAttribute('aria-live', 'polite');
    expect(toast()).toBeEmptyDOMElement();
    expect(screen.queryByTestId('reminders-badge')).not.toBeInTheDocument();

    await comesDue(backend, BOOKING);
    expect(toast()).toHaveTextContent('Lịch hẹn lúc 14:40: Nguyễn Thị Mai');
    expect(toast()).toHaveTextContent('Massage body, Gội đầu với Minh');
    expect(screen.getByTestId('reminders-badge')).toHaveTextContent('1');
    expect(bell()).toHaveAccessibleName('Nhắc việc 1 nhắc việc mới');

    // The same key again is not a new reminder.
    await comesDue(backend, BOOKING);
    expect(screen.getByTestId('reminders-badge')).toHaveTextContent('1');
  });

  test('the toast goes after a while, but not while the pointer is on it', async () => {
    const { user, backend } = await start();
    await comesDue(backend, SYNC);
    expect(toast()).toHaveTextContent('Không đồng bộ được từ 14:00');
    await user.hover(within(toast()).getByRole('group'));
    await vi.advanceTimersByTimeAsync(TOAST_MS + 1000);
    expect(toast()).not.toBeEmptyDOMElement();
    await user.unhover(within(toast()).getByRole('group'));
    await vi.advanceTimersByTimeAsync(TOAST_MS);
    expect(toast()).toBeEmptyDOMElement();
    expect(screen.getByTestId('reminders-badge')).toHaveTextContent('1');
  });

  test('the toast closes with its button, and "view all" opens the list', async () => {
    const { user, backend } = await start();
    await comesDue(backend, CONFLICT);
    await user.click(within(toast()).getByRole('button', { name: 'Ẩn nhắc việc này' }));
    expect(toast()).toBeEmptyDOMElement();

    await comesDue(backend, card(3));
    await user.click(within(toast()).getByRole('button', { name: 'Xem tất cả' }));
    expect(list()).toBeInTheDocument();
    expect(toast()).toBeEmptyDOMElement();
  });

  test('the list, by keyboard: Ctrl+5 opens it, newest first, Escape closes it back to the bell', async () => {
    const { user, backend } = await start();
    await comesDue(backend, BOOKING, card(3), SYNC, CONFLICT);
    await user.keyboard('{Control>}5{/Control}');
    const dialog = list();
    expect(dialog).toHaveFocus();
    const items = within(dialog!).getAllByRole('listitem');
    expect(items.map((item) => within(item).getByText(/./, { selector: '.title' }).textContent)).toEqual([
      'Xung đột mới cần xử lý',
      'Không đồng bộ được từ 14:00',
      'Gói của Nguyễn Thị Mai sắp hết hạn',
      'Lịch hẹn lúc 14:40: Nguyễn Thị Mai',
    ]);
    expect(items[0]).toHaveTextContent('Hai khách hàng trùng số điện thoại');
    expect(items[2]).toHaveTextContent('Massage 10 buổi: hạn dùng 23/11/2026, còn 3 buổi chưa dùng');
    expect(items[3]).toHaveTextContent('Nhận lúc 14:30');
    expect(screen.queryByTestId('reminders-badge')).not.toBeInTheDocument();

    await user.tab();
    expect(within(dialog!).getByRole('button', { name: 'Đóng' })).toHaveFocus();
    await user.keyboard('{Escape}');
    expect(list()).not.toBeInTheDocument();
    expect(bell()).toHaveFocus();
  });

  test('clearing empties the list, and what was cleared does not come back after a lock', async () => {
    const { user, backend } = await start();
    await comesDue(backend, BOOKING);
    await user.click(bell());
    await user.click(within(list()!).getByRole('button', { name: 'Xoá hết' }));
    expect(within(list()!).getByText(/Chưa có nhắc việc nào/)).toBeInTheDocument();

    await user.keyboard('{Escape}');
    await user.keyboard('{Control>}l{/Control}');
    await comesDue(backend, SYNC);
    expect(backend.callsTo('sign_out')).toEqual([{}]);
    // The store still lists both as sent and due when the next person signs in.
    backend.answers.reminders = [SYNC, BOOKING];
    await user.click(await screen.findByRole('button', { name: /^Lan/ }));
    await user.keyboard('1111{Enter}');
    await screen.findByRole('combobox', { name: 'Tìm khách hàng' });
    await vi.advanceTimersByTimeAsync(0);

    // What came while locked waits in the list, without a toast.
    expect(toast()).toBeEmptyDOMElement();
    expect(screen.getByTestId('reminders-badge')).toHaveTextContent('1');
    await user.click(bell());
    const items = within(list()!).getAllByRole('listitem');
    expect(items).toHaveLength(1);
    expect(items[0]).toHaveTextContent('Không đồng bộ được từ 14:00');
  });

  test('reminders sent before the page loaded are listed at sign-in, without a toast', async () => {
    const { stub } = await start({ reminders: [CONFLICT, BOOKING] });
    expect(toast()).toBeEmptyDOMElement();
    expect(screen.getByTestId('reminders-badge')).toHaveTextContent('2');
    expect(stub.callsTo('reminders')).toEqual([{ lang: 'vi' }]);
  });

  test("a reminder's action opens what it is about", async () => {
    const { user, backend } = await start();
    await comesDue(backend, BOOKING, CONFLICT);
    await user.click(bell());
    const [, booking] = within(list()!).getAllByRole('listitem');
    await user.click(within(booking!).getByRole('button', { name: 'Mở hồ sơ khách' }));
    expect(list()).not.toBeInTheDocument();
    await vi.advanceTimersByTimeAsync(0);
    expect(screen.getByRole('heading', { name: 'Nguyễn Thị Mai', level: 2 })).toBeInTheDocument();
    expect(backend.callsTo('customer_360')).toEqual([{ id: MAI }]);

    await user.click(bell());
    const first = within(list()!).getAllByRole('listitem')[0];
    expect(first).toHaveTextContent('Xung đột mới cần xử lý');
    await user.click(within(first!).getByRole('button', { name: 'Xem các xung đột' }));
    await vi.advanceTimersByTimeAsync(0);
    expect(screen.getByRole('heading', { name: 'Xung đột đồng bộ', level: 1 })).toHaveFocus();
  });

  test('in English and Indonesian, and the desktop notifications follow the language', async () => {
    const { user, backend } = await start();
    expect(reminderLang(backend)).toBe('vi');
    setLocale('en');
    await vi.advanceTimersByTimeAsync(0);
    expect(reminderLang(backend)).toBe('en');
    await comesDue(backend, card(1));
    expect(toast()).toHaveTextContent("Nguyễn Thị Mai's package expires soon");
    expect(toast()).toHaveTextContent('Massage 10 buổi: valid until 23/11/2026, 1 session unused');
    await comesDue(backend, card(2));
    expect(toast()).toHaveTextContent('2 sessions unused');

    setLocale('id');
    await vi.advanceTimersByTimeAsync(0);
    expect(reminderLang(backend)).toBe('id');
    await comesDue(backend, BOOKING);
    expect(toast()).toHaveTextContent('Janji temu pukul 14:40: Nguyễn Thị Mai');
    await user.click(bell());
    expect(screen.getByRole('dialog', { name: 'Pengingat' })).toBeInTheDocument();
  });

  test('a kind this screen does not know yet still shows, as a new reminder', async () => {
    const { backend } = await start();
    await comesDue(backend, { key: 'later:1', subject: { kind: 'stock_low' } } as unknown as Reminder);
    expect(toast()).toHaveTextContent('Nhắc việc mới');
  });
});

describe('the signed-out guard', () => {
  test("hands back onReminder's stop as it is, and stops listening with it", () => {
    const backend = stubBackend();
    const guarded = lockOnSignedOut(backend.backend, () => {});
    const heard: string[] = [];
    const stop = guarded.onReminder((r) => heard.push(r.key));
    expect(typeof stop).toBe('function');
    backend.remind(BOOKING);
    stop();
    backend.remind(SYNC);
    expect(heard).toEqual([BOOKING.key]);
  });
});
