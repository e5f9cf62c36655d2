import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, test } from 'vitest';
import App from '../App.svelte';
import type { Staff } from '../lib/backend/backend';
import { counter, HOA, LAN, MINH, STAFF, TUAN } from './answers-b';
import { refuse, stubBackend, type Answers } from './stub';

async function start(signedIn: Staff | null = null, answers: Answers = {}) {
  const stub = stubBackend(counter(signedIn, answers));
  const user = userEvent.setup();
  render(App, { props: { backend: stub.backend } });
  const ready = signedIn
    ? screen.findByRole('combobox', { name: 'Tìm khách hàng' })
    : screen.findByRole('list', { name: 'Nhân viên' });
  return { user, stub, names: await ready };
}

/** The store's refusal of a wrong PIN, with the tries left before the lock. */
const wrongPin = (name: string, left: number) =>
  refuse('wrong_pin', `wrong PIN for ${name}: ${left} attempts left before the account locks`, null, {
    name,
    attempts_left: left,
  });

const nameButton = (name: string) => screen.getByRole('button', { name: new RegExp(`^${name}`) });
const pinDots = () => screen.getByRole('img', { name: /^Mã PIN/ });
const keypad = () => within(screen.getByRole('group', { name: 'Bàn phím số' }));

async function pick(user: ReturnType<typeof userEvent.setup>, name: string) {
  await user.click(nameButton(name));
  return screen.findByRole('heading', { name: `Xin chào ${name}, nhập mã PIN của bạn.` });
}

describe('sign-in screen', () => {
  test('the app starts locked: staff names, no customers', async () => {
    const { names, stub } = await start();
    expect(screen.getByRole('heading', { name: 'Ai đang làm việc tại quầy?' })).toBeInTheDocument();
    expect(stub.callsTo('list_staff')).toHaveLength(1);
    const buttons = within(names).getAllByRole('button');
    const expected = ['Hoa Chủ cửa hàng', 'Lan Lễ tân', 'Minh Kỹ thuật viên', 'Tuấn Quản lý'];
    expect(buttons).toHaveLength(expected.length);
    expected.forEach((name, i) => expect(buttons[i]).toHaveAccessibleName(name));
    expect(buttons[0]).toHaveFocus();
    expect(screen.queryByRole('combobox', { name: 'Tìm khách hàng' })).not.toBeInTheDocument();
    expect(screen.queryByText('Nguyễn Thị Mai')).not.toBeInTheDocument();
    expect(stub.callsTo('find_customers')).toEqual([]);
    expect(stub.callsTo('customer_360')).toEqual([]);
  });

  test('arrow keys move between names and Enter picks one', async () => {
    const { user } = await start();
    await user.keyboard('{ArrowRight}{ArrowRight}{ArrowLeft}');
    expect(nameButton('Lan')).toHaveFocus();
    await user.keyboard('{End}');
    expect(nameButton('Tuấn')).toHaveFocus();
    await user.keyboard('{ArrowDown}');
    expect(nameButton('Hoa')).toHaveFocus();
    await user.keyboard('{ArrowRight}{Enter}');
    expect(await screen.findByRole('heading', { name: 'Xin chào Lan, nhập mã PIN của bạn.' })).toBeInTheDocument();
  });

  test('the keypad signs in by mouse or touch, the PIN shown only as dots', async () => {
    const { user, stub } = await start();
    await pick(user, 'Lan');
    for (const digit of ['1', '1', '1']) await user.click(keypad().getByRole('button', { name: digit }));
    expect(pinDots()).toHaveAccessibleName('Mã PIN: Đã nhập 3 chữ số');
    await user.click(keypad().getByRole('button', { name: '9' }));
    await user.click(keypad().getByRole('button', { name: 'Xoá một số' }));
    await user.click(keypad().getByRole('button', { name: '1' }));
    await user.click(keypad().getByRole('button', { name: 'Đăng nhập' }));

    expect(await screen.findByTestId('signed-in-name')).toHaveTextContent('Lan');
    expect(screen.getByRole('combobox', { name: 'Tìm khách hàng' })).toHaveFocus();
    expect(stub.callsTo('sign_in')).toEqual([{ staffId: LAN.id, pin: '1111' }]);
  });

  test('typing works too: digits, Backspace, Enter', async () => {
    const { user, stub } = await start();
    await pick(user, 'Tuấn');
    await user.keyboard('3338');
    expect(pinDots()).toHaveAccessibleName('Mã PIN: Đã nhập 4 chữ số');
    await user.keyboard('{Backspace}3{Enter}');
    expect(await screen.findByTestId('signed-in-name')).toHaveTextContent('Tuấn');
    expect(stub.callsTo('sign_in')).toEqual([{ staffId: TUAN.id, pin: '3333' }]);
  });

  test('a wrong PIN says how many tries are left, and clears the dots', async () => {
    const { user, stub } = await start(null, { sign_in: wrongPin('Lan', 4) });
    await pick(user, 'Lan');
    await user.keyboard('2580{Enter}');
    expect(await screen.findByText('Sai mã PIN. Còn 4 lần thử trước khi tài khoản bị khoá.')).toBeInTheDocument();
    expect(pinDots()).toHaveAccessibleName('Mã PIN: Đã nhập 0 chữ số');
    stub.answers.sign_in = wrongPin('Lan', 3);
    await user.keyboard('2581{Enter}');
    expect(await screen.findByText('Sai mã PIN. Còn 3 lần thử trước khi tài khoản bị khoá.')).toBeInTheDocument();

    // Translated again when the language changes.
    await user.click(screen.getByRole('button', { name: 'English' }));
    expect(screen.getByText('Wrong PIN. Tries left before the account locks: 3.')).toBeInTheDocument();
    expect(stub.callsTo('sign_in')).toEqual([
      { staffId: LAN.id, pin: '2580' },
      { staffId: LAN.id, pin: '2581' },
    ]);
  });

  test('a locked account says until when, on the counter clock, and the PIN pad stays', async () => {
    // The store counts the tries and locks; the screen says what it answered.
    const { user, stub } = await start(null, {
      sign_in: refuse('account_locked', "Lan's account is locked after repeated wrong PINs until 14:05", null, {
        name: 'Lan',
        until: '2026-11-21T14:05:00+07:00',
      }),
    });
    await pick(user, 'Lan');
    await user.keyboard('1111{Enter}');
    const locked = 'Tài khoản của Lan tạm khoá vì nhập sai PIN nhiều lần. Thử lại sau 14:05.';
    expect(await screen.findByText(locked)).toBeInTheDocument();
    expect(pinDots()).toHaveAccessibleName('Mã PIN: Đã nhập 0 chữ số');
    expect(screen.queryByTestId('signed-in-name')).not.toBeInTheDocument();
    expect(stub.callsTo('sign_in')).toEqual([{ staffId: LAN.id, pin: '1111' }]);
  });

  test('a PIN shorter than four digits is refused without costing a try', async () => {
    const { user, stub } = await start();
    await pick(user, 'Lan');
    await user.keyboard('11{Enter}');
    expect(screen.getByText('Mã PIN gồm 4 đến 8 chữ số.')).toBeInTheDocument();
    expect(stub.callsTo('sign_in')).toEqual([]);
  });

  test('someone without a PIN is told to ask a manager, and the keypad is off', async () => {
    const hang: Staff = { ...MINH, id: '0190d5a0-0000-7000-a000-000000000009', name: 'Hằng', has_pin: false };
    const { user, stub } = await start(null, { list_staff: [HOA, hang] });
    expect(within(nameButton('Hằng')).getByText('Chưa có mã PIN')).toBeInTheDocument();
    await pick(user, 'Hằng');
    expect(screen.getByText('Hằng chưa có mã PIN. Nhờ quản lý đặt mã PIN.')).toBeInTheDocument();
    expect(keypad().getByRole('button', { name: '1' })).toBeDisabled();
    await user.keyboard('1234{Enter}');
    expect(stub.callsTo('sign_in')).toEqual([]);
  });

  test('a deactivation after the list was shown is explained', async () => {
    // The store lists only active staff (list_staff); Minh was deactivated since.
    const { user } = await start(null, {
      list_staff: [HOA, MINH],
      sign_in: refuse('staff_inactive', 'Minh is no longer active', null, { name: 'Minh' }),
    });
    expect(screen.getAllByRole('button', { name: /^(Hoa|Minh)/ })).toHaveLength(2);
    await pick(user, 'Minh');
    await user.keyboard('2222{Enter}');
    expect(await screen.findByText('Tài khoản của Minh đã ngừng hoạt động.')).toBeInTheDocument();
  });

  test('Escape goes back to the names, with focus on the one just tried', async () => {
    const { user } = await start();
    await pick(user, 'Minh');
    await user.keyboard('{Escape}');
    expect(await screen.findByRole('heading', { name: 'Ai đang làm việc tại quầy?' })).toBeInTheDocument();
    expect(nameButton('Minh')).toHaveFocus();
  });
});

describe('leaving the counter', () => {
  test('Ctrl+L locks: the sign-in screen with the same person first, and the backend signed out', async () => {
    const { user, stub } = await start(LAN);
    expect(stub.callsTo('sign_out')).toEqual([]);
    await user.keyboard('{Control>}l{/Control}');
    expect(await screen.findByRole('heading', { name: 'Ai đang làm việc tại quầy?' })).toBeInTheDocument();
    expect(screen.queryByRole('combobox', { name: 'Tìm khách hàng' })).not.toBeInTheDocument();
    expect(nameButton('Lan')).toHaveFocus();
    expect(stub.callsTo('sign_out')).toEqual([{}]);
  });

  test('switch hands the counter to a colleague', async () => {
    const { user, stub } = await start(LAN);
    await user.click(await screen.findByRole('button', { name: 'Đổi người' }));
    expect(await screen.findByRole('heading', { name: 'Ai đang làm việc tại quầy?' })).toBeInTheDocument();
    expect(stub.callsTo('sign_out')).toEqual([{}]);
    await pick(user, 'Minh');
    await user.keyboard('2222{Enter}');
    expect(await screen.findByTestId('signed-in-name')).toHaveTextContent('Minh');
    expect(stub.callsTo('sign_in')).toEqual([{ staffId: MINH.id, pin: '2222' }]);
  });

  test('a session the backend ended (signed_out) brings the sign-in screen back', async () => {
    const { user, names: search } = await start(LAN, {
      find_customers: refuse('signed_out', 'nobody is signed in at this counter: sign in with your PIN first'),
    });
    await user.type(search, 'mai');
    expect(await screen.findByText('Phiên làm việc đã kết thúc. Vui lòng đăng nhập lại.')).toBeInTheDocument();
    expect(screen.queryByRole('combobox', { name: 'Tìm khách hàng' })).not.toBeInTheDocument();
  });
});
