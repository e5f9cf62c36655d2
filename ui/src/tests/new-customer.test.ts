import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, test } from 'vitest';
import App from '../App.svelte';
import type { NewCustomerInput } from '../lib/backend/backend';
import { customer, file, hit, stubCounter } from './answers-a';
import { refuse, type Stub } from './stub';

// The form sends what was typed; every check is the store's (add_customer's
// refusals, each naming its field), and the form puts each under its field.

const KIM_CHI = customer({
  id: '00000000-0000-7000-8000-00000000c0c1',
  code: 'KH0011',
  name: 'Trịnh Kim Chi',
  phone: '+84933456789',
  phone_display: '0933 456 789',
  email: 'kimchi@example.vn',
  created_by_name: 'Lan',
});

async function openForm(stub: Stub = stubCounter()) {
  const user = userEvent.setup();
  render(App, { props: { backend: stub.backend } });
  await user.click(await screen.findByRole('button', { name: /Khách hàng mới/ }));
  const form = screen.getByRole('form', { name: 'Thêm khách hàng mới' });
  const field = (label: RegExp) => within(form).getByLabelText(label);
  return {
    user,
    stub,
    form,
    name: field(/^Họ và tên/),
    phone: field(/^Số điện thoại/),
    email: field(/^Email/),
    address: field(/^Địa chỉ/),
    submit: () => user.click(within(form).getByRole('button', { name: 'Lưu khách hàng' })),
  };
}

const inputs = (stub: Stub) => stub.callsTo('add_customer').map((args) => args.input as NewCustomerInput);

describe('new customer form', () => {
  test('opens with the name field focused and optional fields marked', async () => {
    const { name, form } = await openForm();
    expect(name).toHaveFocus();
    expect(within(form).getAllByText('(không bắt buộc)')).toHaveLength(2);
  });

  test('an empty name is reported under the name field', async () => {
    const stub = stubCounter(undefined, { add_customer: refuse('empty_field', 'name must not be empty', 'name') });
    const { name, submit } = await openForm(stub);
    await submit();
    expect(inputs(stub)).toEqual([{ name: '', phone: '', email: null, address: null }]);
    expect(name).toHaveAttribute('aria-invalid', 'true');
    expect(name).toHaveAccessibleDescription('Vui lòng nhập họ và tên.');
    expect(name).toHaveFocus();
  });

  test('an empty phone number gets its own message', async () => {
    const stub = stubCounter(undefined, { add_customer: refuse('empty_field', 'phone number is empty', 'phone') });
    const { user, name, phone, submit } = await openForm(stub);
    await user.type(name, 'Trịnh Kim Chi');
    await submit();
    expect(phone).toHaveAttribute('aria-invalid', 'true');
    expect(phone).toHaveAccessibleDescription('Vui lòng nhập số điện thoại.');
  });

  test('a bad phone number is reported under the phone field, and the error is cleared on retry', async () => {
    const stub = stubCounter(undefined, {
      add_customer: refuse('invalid_phone', '"12345" is not a valid phone number for VN', 'phone'),
    });
    const { user, name, phone, submit } = await openForm(stub);
    await user.type(name, 'Trịnh Kim Chi');
    await user.type(phone, '12345');
    await submit();
    expect(phone).toHaveAttribute('aria-invalid', 'true');
    expect(phone).toHaveAccessibleDescription('Số điện thoại không hợp lệ. Ví dụ: 0912 345 678.');
    expect(name).not.toHaveAttribute('aria-invalid');
    expect(phone).toHaveFocus();

    stub.answers.add_customer = refuse('duplicate_phone', 'phone +84912345678 already belongs to Nguyễn Thị Mai', 'phone');
    await user.clear(phone);
    await user.type(phone, '0912 345 678');
    await submit();
    expect(inputs(stub).map((input) => input.phone)).toEqual(['12345', '0912 345 678']);
    expect(phone).toHaveAccessibleDescription('Số điện thoại này đã thuộc về một khách hàng khác.');
  });

  test('the error follows the field the backend names (too_long on address)', async () => {
    const stub = stubCounter(undefined, { add_customer: refuse('too_long', 'address is longer than 500 characters', 'address') });
    const { user, name, phone, address, submit } = await openForm(stub);
    await user.type(name, 'Trịnh Kim Chi');
    await user.type(phone, '0933 456 789');
    await user.click(address);
    await user.paste('x'.repeat(501));
    await submit();
    expect(inputs(stub)[0]?.address).toBe('x'.repeat(501));
    expect(address).toHaveAttribute('aria-invalid', 'true');
    expect(address).toHaveAccessibleDescription('Nội dung quá dài.');
  });

  test('an error code the UI does not know shows the backend message above the form', async () => {
    const stub = stubCounter(undefined, { add_customer: refuse('disk_full', 'the disk is full') });
    const { user, name, phone, submit, form } = await openForm(stub);
    await user.type(name, 'Trịnh Kim Chi');
    await user.type(phone, '0933 456 789');
    await submit();
    const alert = within(form).getByRole('alert');
    expect(alert).toHaveTextContent('Không thực hiện được');
    expect(alert).toHaveTextContent('the disk is full');
  });

  test('field errors follow the language switch', async () => {
    const stub = stubCounter(undefined, { add_customer: refuse('empty_field', 'name must not be empty', 'name') });
    const { user, name, submit } = await openForm(stub);
    await submit();
    expect(name).toHaveAccessibleDescription('Vui lòng nhập họ và tên.');
    await user.click(screen.getByRole('button', { name: 'English' }));
    expect(name).toHaveAccessibleDescription("Please enter the customer's name.");
  });

  test('saving opens the new customer and finds them by search', async () => {
    const stub = stubCounter(undefined, {
      add_customer: KIM_CHI,
      customer_360: file(KIM_CHI),
      audit: [],
      tickets: [],
      find_customers: [hit(KIM_CHI)],
    });
    const { user, name, phone, email, submit } = await openForm(stub);
    await user.type(name, 'Trịnh Kim Chi');
    await user.type(phone, '+84 933 456 789');
    await user.type(email, 'kimchi@example.vn');
    await submit();

    expect(inputs(stub)).toEqual([{ name: 'Trịnh Kim Chi', phone: '+84 933 456 789', email: 'kimchi@example.vn', address: null }]);
    const panel = await screen.findByRole('article', { name: 'Trịnh Kim Chi' });
    expect(stub.callsTo('customer_360')).toContainEqual({ id: KIM_CHI.id });
    expect(within(panel).getByTestId('customer-phone')).toHaveTextContent('0933 456 789');
    expect(within(panel).getByText('kimchi@example.vn')).toBeInTheDocument();
    expect(within(screen.getByRole('main')).getByRole('status')).toHaveTextContent('Đã lưu khách hàng Trịnh Kim Chi.');

    const search = screen.getByRole('combobox', { name: 'Tìm khách hàng' });
    await user.type(search, 'trinh');
    expect(await screen.findByRole('option', { name: /Trịnh Kim Chi/ })).toBeInTheDocument();
    expect(stub.callsTo('find_customers').at(-1)).toMatchObject({ query: 'trinh' });
  });

  test('Ctrl+N opens the form from the keyboard', async () => {
    const user = userEvent.setup();
    render(App, { props: { backend: stubCounter().backend } });
    await screen.findByRole('combobox', { name: 'Tìm khách hàng' });
    await user.keyboard('{Control>}n{/Control}');
    expect(screen.getByRole('form', { name: 'Thêm khách hàng mới' })).toBeInTheDocument();
    expect(screen.getByLabelText(/^Họ và tên/)).toHaveFocus();
  });

  test('cancel returns to search', async () => {
    const { user, form, stub } = await openForm();
    await user.click(within(form).getByRole('button', { name: 'Huỷ' }));
    expect(screen.queryByRole('form')).not.toBeInTheDocument();
    expect(screen.getByRole('combobox', { name: 'Tìm khách hàng' })).toHaveFocus();
    expect(stub.callsTo('add_customer')).toEqual([]);
  });
});
