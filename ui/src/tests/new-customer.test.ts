import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, test, vi } from 'vitest';
import App from '../App.svelte';
import { WebBackend } from '../lib/backend/web';

async function openForm(backend = new WebBackend({ signedIn: 'Lan' })) {
  const user = userEvent.setup();
  render(App, { props: { backend } });
  await user.click(await screen.findByRole('button', { name: /Khách hàng mới/ }));
  const form = screen.getByRole('form', { name: 'Thêm khách hàng mới' });
  const field = (label: RegExp) => within(form).getByLabelText(label);
  return {
    user,
    backend,
    form,
    name: field(/^Họ và tên/),
    phone: field(/^Số điện thoại/),
    email: field(/^Email/),
    address: field(/^Địa chỉ/),
    submit: () => user.click(within(form).getByRole('button', { name: 'Lưu khách hàng' })),
  };
}

describe('new customer form', () => {
  test('opens with the name field focused and optional fields marked', async () => {
    const { name, form } = await openForm();
    expect(name).toHaveFocus();
    expect(within(form).getAllByText('(không bắt buộc)')).toHaveLength(2);
  });

  test('an empty name is reported under the name field', async () => {
    const { name, submit } = await openForm();
    await submit();
    expect(name).toHaveAttribute('aria-invalid', 'true');
    expect(name).toHaveAccessibleDescription('Vui lòng nhập họ và tên.');
    expect(name).toHaveFocus();
  });

  test('an empty phone number gets its own message', async () => {
    const { user, name, phone, submit } = await openForm();
    await user.type(name, 'Trịnh Kim Chi');
    await submit();
    expect(phone).toHaveAttribute('aria-invalid', 'true');
    expect(phone).toHaveAccessibleDescription('Vui lòng nhập số điện thoại.');
  });

  test('a bad phone number is reported under the phone field, and the error is cleared on retry', async () => {
    const { user, name, phone, submit } = await openForm();
    await user.type(name, 'Trịnh Kim Chi');
    await user.type(phone, '12345');
    await submit();
    expect(phone).toHaveAttribute('aria-invalid', 'true');
    expect(phone).toHaveAccessibleDescription('Số điện thoại không hợp lệ. Ví dụ: 0912 345 678.');
    expect(name).not.toHaveAttribute('aria-invalid');
    expect(phone).toHaveFocus();

    await user.clear(phone);
    await user.type(phone, '0912 345 678');
    await submit();
    expect(phone).toHaveAccessibleDescription('Số điện thoại này đã thuộc về một khách hàng khác.');
  });

  test('the error follows the field the backend names (too_long on address)', async () => {
    const { user, name, phone, address, submit } = await openForm();
    await user.type(name, 'Trịnh Kim Chi');
    await user.type(phone, '0933 456 789');
    await user.click(address);
    await user.paste('x'.repeat(501));
    await submit();
    expect(address).toHaveAttribute('aria-invalid', 'true');
    expect(address).toHaveAccessibleDescription('Nội dung quá dài.');
  });

  test('an error code the UI does not know shows the backend message above the form', async () => {
    const backend = new WebBackend({ signedIn: 'Lan' });
    // What Tauri's invoke() rejects with: the serialised IpcError.
    vi.spyOn(backend, 'addCustomer').mockRejectedValue({
      code: 'disk_full',
      message: 'the disk is full',
    });
    const { user, name, phone, submit, form } = await openForm(backend);
    await user.type(name, 'Trịnh Kim Chi');
    await user.type(phone, '0933 456 789');
    await submit();
    const alert = within(form).getByRole('alert');
    expect(alert).toHaveTextContent('Không thực hiện được');
    expect(alert).toHaveTextContent('the disk is full');
  });

  test('field errors follow the language switch', async () => {
    const { user, name, submit } = await openForm();
    await submit();
    expect(name).toHaveAccessibleDescription('Vui lòng nhập họ và tên.');
    await user.click(screen.getByRole('button', { name: 'English' }));
    expect(name).toHaveAccessibleDescription("Please enter the customer's name.");
  });

  test('saving opens the new customer and finds them by search', async () => {
    const { user, name, phone, email, submit } = await openForm();
    await user.type(name, 'Trịnh Kim Chi');
    await user.type(phone, '+84 933 456 789');
    await user.type(email, 'kimchi@example.vn');
    await submit();

    const panel = await screen.findByRole('article', { name: 'Trịnh Kim Chi' });
    expect(within(panel).getByTestId('customer-phone')).toHaveTextContent('0933 456 789');
    expect(within(panel).getByText('kimchi@example.vn')).toBeInTheDocument();
    expect(within(screen.getByRole('main')).getByRole('status')).toHaveTextContent('Đã lưu khách hàng Trịnh Kim Chi.');

    const search = screen.getByRole('combobox', { name: 'Tìm khách hàng' });
    await user.type(search, 'trinh');
    expect(await screen.findByRole('option', { name: /Trịnh Kim Chi/ })).toBeInTheDocument();
  });

  test('Ctrl+N opens the form from the keyboard', async () => {
    const user = userEvent.setup();
    render(App, { props: { backend: new WebBackend({ signedIn: 'Lan' }) } });
    await screen.findByRole('combobox', { name: 'Tìm khách hàng' });
    await user.keyboard('{Control>}n{/Control}');
    expect(screen.getByRole('form', { name: 'Thêm khách hàng mới' })).toBeInTheDocument();
    expect(screen.getByLabelText(/^Họ và tên/)).toHaveFocus();
  });

  test('cancel returns to search', async () => {
    const { user, form } = await openForm();
    await user.click(within(form).getByRole('button', { name: 'Huỷ' }));
    expect(screen.queryByRole('form')).not.toBeInTheDocument();
    expect(screen.getByRole('combobox', { name: 'Tìm khách hàng' })).toHaveFocus();
  });
});
