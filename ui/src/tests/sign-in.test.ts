import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, test, vi } from 'vitest';
import App from '../App.svelte';
import { WebBackend, type WebBackendOptions } from '../lib/backend/web';

// 14:00 in Hồ Chí Minh City: a lockout started now lasts until 14:05.
const NOW = new Date('2026-11-21T14:00:00+07:00');

async function start(options: WebBackendOptions = {}) {
  const backend = new WebBackend({ now: () => NOW, ...options });
  const user = userEvent.setup();
  render(App, { props: { backend } });
  const ready = options.signedIn
    ? screen.findByRole('combobox', { name: 'Tìm khách hàng' })
    : screen.findByRole('list', { name: 'Nhân viên' });
  return { user, backend, names: await ready };
}

const nameButton = (name: string) => screen.getByRole('button', { name: new RegExp(`^${name}`) });
const pinDots = () => screen.getByRole('img', { name: /^Mã PIN/ });
const keypad = () => within(screen.getByRole('group', { name: 'Bàn phím số' }));

async function pick(user: ReturnType<typeof userEvent.setup>, name: string) {
  await user.click(nameButton(name));
  return screen.findByRole('heading', { name: `Xin chào ${name}, nhập mã PIN của bạn.` });
}

describe('sign-in screen', () => {
  test('the app starts locked: staff names, no customers', async () => {
    const { names } = await start();
    expect(screen.getByRole('heading', { name: 'Ai đang làm việc tại quầy?' })).toBeInTheDocument();
    const buttons = within(names).getAllByRole('button');
    const expected = ['Hoa Chủ cửa hàng', 'Lan Lễ tân', 'Minh Kỹ thuật viên', 'Tuấn Quản lý'];
    expect(buttons).toHaveLength(expected.length);
    expected.forEach((name, i) => expect(buttons[i]).toHaveAccessibleName(name));
    expect(buttons[0]).toHaveFocus();
    expect(screen.queryByRole('combobox', { name: 'Tìm khách hàng' })).not.toBeInTheDocument();
    expect(screen.queryByText('Nguyễn Thị Mai')).not.toBeInTheDocument();
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
    const { user, backend } = await start();
    await pick(user, 'Lan');
    for (const digit of ['1', '1', '1']) await user.click(keypad().getByRole('button', { name: digit }));
    expect(pinDots()).toHaveAccessibleName('Mã PIN: Đã nhập 3 chữ số');
    await user.click(keypad().getByRole('button', { name: '9' }));
    await user.click(keypad().getByRole('button', { name: 'Xoá một số' }));
    await user.click(keypad().getByRole('button', { name: '1' }));
    await user.click(keypad().getByRole('button', { name: 'Đăng nhập' }));

    expect(await screen.findByTestId('signed-in-name')).toHaveTextContent('Lan');
    expect(screen.getByRole('combobox', { name: 'Tìm khách hàng' })).toHaveFocus();
    expect(await backend.currentStaff()).toMatchObject({ name: 'Lan', role: 'receptionist' });
  });

  test('typing works too: digits, Backspace, Enter', async () => {
    const { user } = await start();
    await pick(user, 'Tuấn');
    await user.keyboard('3338');
    expect(pinDots()).toHaveAccessibleName('Mã PIN: Đã nhập 4 chữ số');
    await user.keyboard('{Backspace}3{Enter}');
    expect(await screen.findByTestId('signed-in-name')).toHaveTextContent('Tuấn');
  });

  test('a wrong PIN says how many tries are left, and clears the dots', async () => {
    const { user } = await start();
    await pick(user, 'Lan');
    await user.keyboard('2580{Enter}');
    expect(await screen.findByText('Sai mã PIN. Còn 4 lần thử trước khi tài khoản bị khoá.')).toBeInTheDocument();
    expect(pinDots()).toHaveAccessibleName('Mã PIN: Đã nhập 0 chữ số');
    await user.keyboard('2581{Enter}');
    expect(await screen.findByText('Sai mã PIN. Còn 3 lần thử trước khi tài khoản bị khoá.')).toBeInTheDocument();

    // Translated again when the language changes.
    await user.click(screen.getByRole('button', { name: 'English' }));
    expect(screen.getByText('Wrong PIN. Tries left before the account locks: 3.')).toBeInTheDocument();
  });

  test('the fifth wrong PIN locks the account until a time, even for the right PIN', async () => {
    const { user } = await start();
    await pick(user, 'Lan');
    for (let i = 0; i < 5; i++) await user.keyboard('0000{Enter}');
    const locked = 'Tài khoản của Lan tạm khoá vì nhập sai PIN nhiều lần. Thử lại sau 14:05.';
    expect(await screen.findByText(locked)).toBeInTheDocument();
    await user.keyboard('1111{Enter}');
    expect(await screen.findByText(locked)).toBeInTheDocument();
    expect(screen.queryByTestId('signed-in-name')).not.toBeInTheDocument();
  });

  test('a PIN shorter than four digits is refused without costing a try', async () => {
    const { user, backend } = await start();
    const signIn = vi.spyOn(backend, 'signIn');
    await pick(user, 'Lan');
    await user.keyboard('11{Enter}');
    expect(screen.getByText('Mã PIN gồm 4 đến 8 chữ số.')).toBeInTheDocument();
    expect(signIn).not.toHaveBeenCalled();
  });

  test('someone without a PIN is told to ask a manager, and the keypad is off', async () => {
    const { user } = await start({
      staff: [
        { name: 'Hoa', role: 'owner', pin: '1234' },
        { name: 'Hằng', role: 'therapist', pin: null },
      ],
    });
    expect(within(nameButton('Hằng')).getByText('Chưa có mã PIN')).toBeInTheDocument();
    await pick(user, 'Hằng');
    expect(screen.getByText('Hằng chưa có mã PIN. Nhờ quản lý đặt mã PIN.')).toBeInTheDocument();
    expect(keypad().getByRole('button', { name: '1' })).toBeDisabled();
  });

  test('inactive staff are not offered, and a deactivation meanwhile is explained', async () => {
    const { user, backend } = await start({
      staff: [
        { name: 'Hoa', role: 'owner', pin: '1234' },
        { name: 'Minh', role: 'therapist', pin: '2222' },
        { name: 'Vy', role: 'receptionist', pin: '5555', active: false },
      ],
    });
    expect(screen.queryByRole('button', { name: /^Vy/ })).not.toBeInTheDocument();
    // What the desktop backend answers when a manager deactivated Minh after the list was shown.
    vi.spyOn(backend, 'signIn').mockRejectedValue({
      code: 'staff_inactive',
      message: 'Minh is no longer active',
      details: { name: 'Minh' },
    });
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
    const { user, backend } = await start({ signedIn: 'Lan' });
    await user.keyboard('{Control>}l{/Control}');
    expect(await screen.findByRole('heading', { name: 'Ai đang làm việc tại quầy?' })).toBeInTheDocument();
    expect(screen.queryByRole('combobox', { name: 'Tìm khách hàng' })).not.toBeInTheDocument();
    expect(nameButton('Lan')).toHaveFocus();
    expect(await backend.currentStaff()).toBeNull();
    await expect(backend.findCustomers('mai', 5)).rejects.toMatchObject({ code: 'signed_out' });
  });

  test('switch hands the counter to a colleague', async () => {
    const { user, backend } = await start({ signedIn: 'Lan' });
    await user.click(await screen.findByRole('button', { name: 'Đổi người' }));
    expect(await screen.findByRole('heading', { name: 'Ai đang làm việc tại quầy?' })).toBeInTheDocument();
    expect(await backend.currentStaff()).toBeNull();
    await pick(user, 'Minh');
    await user.keyboard('2222{Enter}');
    expect(await screen.findByTestId('signed-in-name')).toHaveTextContent('Minh');
  });

  test('a session the backend ended (signed_out) brings the sign-in screen back', async () => {
    const { user, backend, names: search } = await start({ signedIn: 'Lan' });
    vi.spyOn(backend, 'findCustomers').mockRejectedValue({
      code: 'signed_out',
      message: 'nobody is signed in at this counter: sign in with your PIN first',
    });
    await user.type(search, 'mai');
    expect(await screen.findByText('Phiên làm việc đã kết thúc. Vui lòng đăng nhập lại.')).toBeInTheDocument();
    expect(screen.queryByRole('combobox', { name: 'Tìm khách hàng' })).not.toBeInTheDocument();
  });
});
