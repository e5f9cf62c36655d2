import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import App from '../App.svelte';
import type { Approval, CounterSettings, Staff } from '../lib/backend/backend';
import { denied, LAN, stubCounter, TUAN, wrongPin } from './answers-a';
import { refuse, type Answers } from './stub';

const MINUTE = 60_000;

beforeEach(() => {
  vi.useFakeTimers({ now: new Date('2026-11-21T14:00:00+07:00') });
});

afterEach(() => {
  vi.useRealTimers();
});

async function start(signedIn: Staff = LAN, more: Answers = {}) {
  const stub = stubCounter(signedIn, more);
  const user = userEvent.setup({ advanceTimers: (ms) => vi.advanceTimersByTime(ms) });
  render(App, { props: { backend: stub.backend } });
  await screen.findByRole('combobox', { name: 'Tìm khách hàng' });
  return { user, stub };
}

/** Time passes with nobody touching anything; pending answers and renders settle. */
async function idleFor(ms: number) {
  await vi.advanceTimersByTimeAsync(ms);
}

const locked = () => screen.queryByRole('heading', { name: 'Ai đang làm việc tại quầy?' });
const someoneMoves = () => fireEvent.pointerMove(document.body);

describe('idle lock', () => {
  test('five idle minutes (the default) lock the counter and sign out in the backend', async () => {
    const { stub } = await start();
    await idleFor(5 * MINUTE - 1000);
    expect(locked()).toBeNull();
    expect(stub.callsTo('sign_out')).toHaveLength(0);
    await idleFor(1000);
    expect(locked()).toBeInTheDocument();
    expect(screen.getByText('Quầy đã tự khoá sau 5 phút không hoạt động.')).toBeInTheDocument();
    expect(screen.queryByRole('combobox', { name: 'Tìm khách hàng' })).not.toBeInTheDocument();
    expect(stub.callsTo('sign_out')).toHaveLength(1);
  });

  test('keyboard and mouse activity restart the count', async () => {
    await start();
    await idleFor(4 * MINUTE);
    someoneMoves();
    await idleFor(4 * MINUTE);
    fireEvent.keyDown(document.body, { key: 'Shift' });
    await idleFor(4 * MINUTE);
    expect(locked()).toBeNull();
    await idleFor(1 * MINUTE);
    expect(locked()).toBeInTheDocument();
  });

  test('activity is reported to the backend at most every 30 seconds', async () => {
    const { stub } = await start();
    const before = stub.callsTo('keep_alive').length;
    someoneMoves();
    await idleFor(10_000);
    someoneMoves();
    expect(stub.callsTo('keep_alive')).toHaveLength(before);
    await idleFor(25_000);
    someoneMoves();
    someoneMoves();
    expect(stub.callsTo('keep_alive')).toHaveLength(before + 1);
  });

  test('coming back after the machine slept locks rather than carrying on', async () => {
    await start();
    // Suspended: the clock moved an hour, no timer ran.
    vi.setSystemTime(Date.now() + 60 * MINUTE);
    someoneMoves();
    expect(await screen.findByRole('heading', { name: 'Ai đang làm việc tại quầy?' })).toBeInTheDocument();
  });

  test('the idle minutes come from the counter settings', async () => {
    await start(LAN, { counter_settings: { idle_lock_minutes: 2 } });
    await idleFor(2 * MINUTE - 1000);
    expect(locked()).toBeNull();
    await idleFor(1000);
    expect(locked()).toBeInTheDocument();
    expect(screen.getByText('Quầy đã tự khoá sau 2 phút không hoạt động.')).toBeInTheDocument();
  });
});

/** set_counter_settings as the counter answers it: a manager's, or with Tuấn's PIN (3333); 1 to 240 minutes. */
function setCounterSettings(asker: Staff) {
  return ({ settings, approval }: Record<string, unknown>) => {
    const minutes = (settings as CounterSettings).idle_lock_minutes;
    if (minutes < 1 || minutes > 240) {
      refuse('invalid_settings', 'the idle lock must be 1 to 240 minutes', 'idle_lock_minutes')();
    }
    const given = approval as Approval | null;
    if (asker.role === 'receptionist' && !given) throw denied(asker, 'edit_settings');
    if (given && given.pin !== '3333') throw wrongPin('Tuấn', 4);
    return settings as CounterSettings;
  };
}

describe('counter settings', () => {
  test('a manager sets the idle lock, which applies at once', async () => {
    const { user, stub } = await start(TUAN, { set_counter_settings: setCounterSettings(TUAN) });
    await user.click(screen.getByRole('button', { name: 'Cài đặt quầy' }));
    const dialog = screen.getByRole('dialog', { name: 'Cài đặt quầy này' });
    const minutes = screen.getByLabelText('Tự khoá sau bao nhiêu phút không hoạt động');
    expect(minutes).toHaveValue('5');
    expect(minutes).toHaveFocus();

    // Not a number: not sent.
    await user.clear(minutes);
    await user.type(minutes, 'năm');
    await user.click(screen.getByRole('button', { name: 'Lưu' }));
    expect(minutes).toHaveAccessibleDescription('Chọn từ 1 đến 240 phút.');
    expect(stub.callsTo('set_counter_settings')).toEqual([]);

    // Out of the range the counter allows: refused by it, on the field.
    await user.clear(minutes);
    await user.type(minutes, '241');
    await user.click(screen.getByRole('button', { name: 'Lưu' }));
    await waitFor(() => expect(minutes).toHaveAccessibleDescription('Chọn từ 1 đến 240 phút.'));
    expect(stub.callsTo('set_counter_settings')).toEqual([{ settings: { idle_lock_minutes: 241 }, approval: null }]);

    await user.clear(minutes);
    await user.type(minutes, '1{Enter}');
    expect(await screen.findByText('Đã lưu: quầy tự khoá sau 1 phút.')).toBeInTheDocument();
    expect(dialog).not.toBeInTheDocument();
    expect(stub.callsTo('set_counter_settings').at(-1)).toEqual({ settings: { idle_lock_minutes: 1 }, approval: null });

    await idleFor(1 * MINUTE);
    expect(locked()).toBeInTheDocument();
  });

  test("a receptionist changes the setting only with a manager's PIN", async () => {
    const { stub, user } = await start(LAN, { set_counter_settings: setCounterSettings(LAN) });
    await user.click(screen.getByRole('button', { name: 'Cài đặt quầy' }));
    expect(screen.getByText('Quản lý hoặc chủ cửa hàng duyệt thay đổi này bằng mã PIN của họ.')).toBeInTheDocument();
    const minutes = screen.getByLabelText('Tự khoá sau bao nhiêu phút không hoạt động');
    await user.clear(minutes);
    await user.type(minutes, '9{Enter}');

    const approval = await screen.findByRole('dialog', { name: 'Quản lý duyệt' });
    expect(approval).toHaveTextContent('Lan cần quản lý hoặc chủ cửa hàng duyệt: thay đổi cài đặt.');
    // Only those who may approve are offered.
    const offered = within(approval)
      .getAllByRole('radio')
      .map((radio) => radio.closest('label')?.textContent?.trim());
    expect(offered).toEqual(['Hoa Chủ cửa hàng', 'Tuấn Quản lý']);
    await user.click(within(approval).getByRole('radio', { name: /Tuấn/ }));
    const pin = within(approval).getByLabelText('Mã PIN của người duyệt');
    await user.type(pin, '9999{Enter}');
    // Asked again, with the store's refusal of the wrong PIN.
    const again = await screen.findByRole('dialog', { name: 'Quản lý duyệt' });
    expect(await within(again).findByRole('alert')).toHaveTextContent('Sai mã PIN. Còn 4 lần thử');

    await user.click(screen.getByRole('radio', { name: /Tuấn/ }));
    await user.type(screen.getByLabelText('Mã PIN của người duyệt'), '3333{Enter}');
    expect(await screen.findByText('Đã lưu: quầy tự khoá sau 9 phút.')).toBeInTheDocument();
    const settings = { idle_lock_minutes: 9 };
    expect(stub.callsTo('set_counter_settings')).toEqual([
      { settings, approval: null },
      { settings, approval: { manager: TUAN.id, pin: '9999' } },
      { settings, approval: { manager: TUAN.id, pin: '3333' } },
    ]);
  });

  test('cancelling the approval leaves the setting as it was', async () => {
    const { stub, user } = await start(LAN, { set_counter_settings: setCounterSettings(LAN) });
    await user.click(screen.getByRole('button', { name: 'Cài đặt quầy' }));
    const minutes = screen.getByLabelText('Tự khoá sau bao nhiêu phút không hoạt động');
    await user.clear(minutes);
    await user.type(minutes, '9{Enter}');
    await screen.findByRole('dialog', { name: 'Quản lý duyệt' });
    await user.click(screen.getByRole('button', { name: 'Huỷ' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Việc này cần quản lý hoặc chủ cửa hàng.');
    expect(screen.getByRole('dialog', { name: 'Cài đặt quầy này' })).toBeInTheDocument();
    expect(stub.callsTo('set_counter_settings')).toEqual([{ settings: { idle_lock_minutes: 9 }, approval: null }]);
  });
});
