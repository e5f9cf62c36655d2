import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, test } from 'vitest';
import App from '../App.svelte';
import type { Staff, SyncStatus } from '../lib/backend/backend';
import {
  approvedBy,
  counter,
  FACIAL,
  inTurn,
  LAN,
  MASSAGE,
  MINH,
  PRINTERS,
  service,
  setup,
  staffView,
  TUAN,
  UNPAIRED,
} from './answers-b';
import { refuse, stubBackend, type Answers } from './stub';

// The Settings tab: what a manager adds shows in the list, a refusal of the
// store is shown on its field, the week editor sends each day's spans, and a
// refused pairing leaves the counter unpaired. The rules are the store's;
// here it answers what it would.

async function openSettings(section?: RegExp, answers: Answers = {}, signedIn: Staff = TUAN) {
  const stub = stubBackend(counter(signedIn, setup(answers)));
  const user = userEvent.setup();
  render(App, { props: { backend: stub.backend } });
  await user.click(await screen.findByRole('tab', { name: 'Cài đặt' }));
  if (section) {
    const nav = screen.getByRole('navigation', { name: 'Mục cài đặt' });
    await user.click(within(nav).getByRole('button', { name: section }));
  }
  return { user, stub };
}

const HOT_STONE = service({
  id: '0190d5a0-0000-7000-b000-000000000003',
  name: 'Massage đá nóng',
  minutes: 90,
  price: { amount: 650_000, currency: 'VND' },
});

describe('settings', () => {
  test('Ctrl+8 opens the settings on the business section', async () => {
    const stub = stubBackend(counter(LAN, setup()));
    const user = userEvent.setup();
    render(App, { props: { backend: stub.backend } });
    await screen.findByRole('tab', { name: 'Cài đặt' });
    await user.keyboard('{Control>}8{/Control}');
    expect(screen.getByRole('tab', { name: 'Cài đặt' })).toHaveAttribute('aria-selected', 'true');
    expect(await screen.findByLabelText('Tên cửa hàng')).toHaveValue('Spa Hoa Sen');
  });

  test('a manager adds a service and sees it in the list, its price per locale', async () => {
    const { user, stub } = await openSettings(/^Dịch vụ$/, {
      setup_services: inTurn([FACIAL, MASSAGE], [FACIAL, MASSAGE, HOT_STONE]),
      add_service: HOT_STONE,
    });
    await user.click(await screen.findByRole('button', { name: '+ Thêm dịch vụ' }));
    const form = screen.getByRole('form', { name: 'Thêm dịch vụ' });
    expect(within(form).getByLabelText('Tên')).toHaveFocus();
    await user.type(within(form).getByLabelText('Tên'), 'Massage đá nóng');
    await user.clear(within(form).getByLabelText(/^Thời lượng/));
    await user.type(within(form).getByLabelText(/^Thời lượng/), '90');
    await user.type(within(form).getByLabelText('Giá'), '650000');
    await user.tab();
    expect(within(form).getByLabelText('Giá')).toHaveValue('650.000');
    await user.click(within(form).getByRole('button', { name: 'Lưu' }));

    expect(await screen.findByText('Đã lưu: Massage đá nóng.')).toHaveAttribute('role', 'status');
    expect(stub.callsTo('add_service')).toEqual([
      {
        input: { name: 'Massage đá nóng', category: '', minutes: 90, buffer_minutes: 0, price: 650_000, rooms: [] },
        approval: null,
      },
    ]);
    const row = await screen.findByRole('row', { name: /Massage đá nóng/ });
    expect(row).toHaveTextContent('650.000 ₫');
    expect(row).toHaveTextContent('Đang bán');
  });

  test("the store's refusal of a negative price is shown under the price field and nothing is added", async () => {
    const { user, stub } = await openSettings(/^Dịch vụ$/, {
      add_service: refuse('invalid_value', 'a price cannot be negative', 'price'),
    });
    await user.click(await screen.findByRole('button', { name: '+ Thêm dịch vụ' }));
    const form = screen.getByRole('form', { name: 'Thêm dịch vụ' });
    await user.type(within(form).getByLabelText('Tên'), 'Xông hơi');
    await user.type(within(form).getByLabelText('Giá'), '-50000');
    await user.click(within(form).getByRole('button', { name: 'Lưu' }));

    const price = within(form).getByLabelText('Giá');
    expect(price).toHaveAttribute('aria-invalid', 'true');
    expect(price).toHaveAccessibleDescription('Giá phải là số tiền không âm, ví dụ 450.000.');
    expect(within(form).getByLabelText('Tên')).not.toHaveAttribute('aria-invalid');
    // The minus sign is the store's to refuse, not the field's.
    expect(stub.callsTo('add_service').map((args) => (args.input as { price: number }).price)).toEqual([-50_000]);
    expect(screen.queryByText(/^Đã lưu/)).toBeNull();
    expect(screen.queryByRole('row', { name: /Xông hơi/ })).toBeNull();
  });

  test('a receptionist sees the services; adding one asks a manager, and without one is refused', async () => {
    const { user, stub } = await openSettings(/^Dịch vụ$/, { add_service: approvedBy('3333', HOT_STONE) }, LAN);
    expect(await screen.findByRole('row', { name: /Massage body/ })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: '+ Thêm dịch vụ' }));
    const form = screen.getByRole('form', { name: 'Thêm dịch vụ' });
    await user.type(within(form).getByLabelText('Tên'), 'Xông hơi');
    await user.type(within(form).getByLabelText('Giá'), '150000');
    await user.click(within(form).getByRole('button', { name: 'Lưu' }));
    const dialog = await screen.findByRole('dialog', { name: 'Quản lý duyệt' });
    await user.click(within(dialog).getByRole('button', { name: 'Huỷ' }));
    expect(await within(form).findByRole('alert')).toHaveTextContent('Việc này cần quản lý hoặc chủ cửa hàng.');
    expect(stub.callsTo('add_service').map((args) => args.approval)).toEqual([null]);
  });

  test("a receptionist retires a service with Tuấn's PIN, after a wrong one", async () => {
    const retired = { ...MASSAGE, active: false };
    const { user, stub } = await openSettings(
      /^Dịch vụ$/,
      { setup_services: inTurn([FACIAL, MASSAGE], [FACIAL, retired]), edit_service: approvedBy('3333', retired) },
      LAN,
    );
    const row = await screen.findByRole('row', { name: /Massage body/ });
    await user.click(within(row).getByRole('button', { name: /Ngừng/ }));
    const dialog = await screen.findByRole('dialog', { name: 'Quản lý duyệt' });
    await user.click(within(dialog).getByRole('radio', { name: /Tuấn/ }));
    await user.type(within(dialog).getByLabelText('Mã PIN của người duyệt'), '0000{Enter}');
    // Asked again, saying why.
    const again = await screen.findByRole('dialog', { name: 'Quản lý duyệt' });
    expect(await within(again).findByRole('alert')).toHaveTextContent('Sai mã PIN');
    await user.click(within(again).getByRole('radio', { name: /Tuấn/ }));
    await user.type(within(again).getByLabelText('Mã PIN của người duyệt'), '3333{Enter}');
    expect(await screen.findByText('Đã ngừng: Massage body.')).toHaveAttribute('role', 'status');
    expect(screen.queryByRole('dialog', { name: 'Quản lý duyệt' })).toBeNull();
    const calls = stub.callsTo('edit_service');
    expect(calls.map((args) => args.approval)).toEqual([
      null,
      { manager: TUAN.id, pin: '0000' },
      { manager: TUAN.id, pin: '3333' },
    ]);
    for (const args of calls) expect(args).toMatchObject({ id: MASSAGE.id, edit: { active: false } });
  });

  test("the week editor saves a staff member's spans and marks the day the store refuses", async () => {
    const { user, stub } = await openSettings(/^Nhân viên/, {
      set_staff_week: inTurn(
        refuse('invalid_hours', '09:00 to 08:00 is not a span: the end must come after the start', 'hours.mon'),
        ({ days }: Record<string, unknown>) => staffView(MINH, { hours: days as never }),
      ),
    });
    await user.click(await screen.findByRole('button', { name: 'Mở Minh' }));
    const form = screen.getByRole('form', { name: 'Giờ làm của Minh' });
    const sunday = within(form).getByRole('group', { name: 'Chủ Nhật' });
    expect(within(sunday).getByText('Nghỉ')).toBeInTheDocument();
    await user.click(within(sunday).getByRole('button', { name: /Thêm ca/ }));
    await user.clear(within(sunday).getByLabelText('Chủ Nhật: từ'));
    await user.type(within(sunday).getByLabelText('Chủ Nhật: từ'), '10:00');
    await user.clear(within(sunday).getByLabelText('Chủ Nhật: đến'));
    await user.type(within(sunday).getByLabelText('Chủ Nhật: đến'), '14:00');

    const monday = within(form).getByRole('group', { name: 'Thứ Hai' });
    await user.clear(within(monday).getByLabelText('Thứ Hai: đến'));
    await user.type(within(monday).getByLabelText('Thứ Hai: đến'), '08:00');
    await user.click(within(form).getByRole('button', { name: 'Lưu giờ làm' }));
    expect(within(monday).getByLabelText('Thứ Hai: đến')).toHaveAttribute('aria-invalid', 'true');
    expect(within(monday).getByRole('alert')).toHaveTextContent('Giờ không hợp lệ');
    expect(screen.queryByText('Đã lưu giờ làm của Minh.')).toBeNull();

    await user.clear(within(monday).getByLabelText('Thứ Hai: đến'));
    await user.type(within(monday).getByLabelText('Thứ Hai: đến'), '17:00');
    await user.click(within(form).getByRole('button', { name: 'Lưu giờ làm' }));
    expect(await screen.findByText('Đã lưu giờ làm của Minh.')).toHaveAttribute('role', 'status');
    const sent = stub.callsTo('set_staff_week').map((args) => {
      const days = args.days as Array<{ day: string; spans: unknown }>;
      return { id: args.id, mon: days.find((d) => d.day === 'mon')?.spans, sun: days.find((d) => d.day === 'sun')?.spans };
    });
    expect(sent).toEqual([
      { id: MINH.id, mon: [{ from: '09:00', to: '08:00' }], sun: [{ from: '10:00', to: '14:00' }] },
      { id: MINH.id, mon: [{ from: '09:00', to: '17:00' }], sun: [{ from: '10:00', to: '14:00' }] },
    ]);
  });

  test('a duplicate staff name the store refuses is shown under the name field', async () => {
    const { user, stub } = await openSettings(/^Nhân viên/, {
      add_staff: refuse('duplicate_staff', 'an active staff member is already named lan', 'name'),
    });
    await user.click(await screen.findByRole('button', { name: '+ Thêm nhân viên' }));
    const form = screen.getByRole('form', { name: 'Thêm nhân viên' });
    await user.type(within(form).getByLabelText('Tên'), 'lan');
    await user.click(within(form).getByRole('button', { name: 'Lưu' }));
    expect(within(form).getByLabelText('Tên')).toHaveAccessibleDescription('Đã có nhân viên đang hoạt động trùng tên này.');
    expect(stub.callsTo('add_staff')).toEqual([{ input: expect.objectContaining({ name: 'lan' }), approval: null }]);
  });

  test('a refused pairing code is shown on its field and the counter stays unpaired; the right one pairs', async () => {
    const server = 'https://dongbo.caredesk.test';
    const paired: SyncStatus = { ...UNPAIRED, paired: true, server, device: '0190d5a0-0000-7000-8000-00000000d001' };
    const { user, stub } = await openSettings(/^Đồng bộ$/, {
      pair_counter: inTurn(
        refuse('invalid_server_url', '"dongbo.caredesk.test" is not a server address', 'server'),
        refuse('pairing_code_refused', 'the server refused (401 invalid_code): unknown or used pairing code', 'code'),
        paired,
      ),
    });
    const form = await screen.findByRole('form', { name: 'Ghép với máy chủ' });
    await user.type(within(form).getByLabelText('Địa chỉ máy chủ'), 'dongbo.caredesk.test');
    await user.type(within(form).getByLabelText('Mã ghép'), 'AAAA-BBBB');
    await user.click(within(form).getByRole('button', { name: 'Ghép quầy' }));
    expect(within(form).getByLabelText('Địa chỉ máy chủ')).toHaveAccessibleDescription(/Địa chỉ máy chủ không hợp lệ/);

    await user.clear(within(form).getByLabelText('Địa chỉ máy chủ'));
    await user.type(within(form).getByLabelText('Địa chỉ máy chủ'), server);
    await user.click(within(form).getByRole('button', { name: 'Ghép quầy' }));
    expect(within(form).getByLabelText('Mã ghép')).toHaveAccessibleDescription(
      'Máy chủ không nhận mã ghép này (sai hoặc đã dùng).',
    );
    expect(screen.queryByText(/^Đã ghép với máy chủ/)).toBeNull();

    await user.clear(within(form).getByLabelText('Mã ghép'));
    await user.type(within(form).getByLabelText('Mã ghép'), 'k7qm-4txp-9wzd');
    await user.click(within(form).getByRole('button', { name: 'Ghép quầy' }));
    expect(await screen.findByText(/^Đã ghép với máy chủ/)).toHaveAttribute('role', 'status');
    expect(screen.getByText(server)).toBeInTheDocument();
    expect(stub.callsTo('pair_counter')).toEqual([
      { server: 'dongbo.caredesk.test', code: 'AAAA-BBBB', approval: null },
      { server, code: 'AAAA-BBBB', approval: null },
      { server, code: 'k7qm-4txp-9wzd', approval: null },
    ]);
  });

  test('the printers section says plainly when the computer has no printing system', async () => {
    const { user, stub } = await openSettings(/^Máy in$/, {
      setup_printers: { ...PRINTERS, found: [], problem: 'no_cups' },
      set_printers: ({ settings }: Record<string, unknown>) => settings,
    });
    expect(await screen.findByText(/chưa cài hệ thống in \(CUPS\)/)).toBeInTheDocument();
    await user.click(screen.getByLabelText('58 mm'));
    await user.click(screen.getByRole('button', { name: 'Lưu' }));
    expect(await screen.findByText('Đã lưu máy in.')).toHaveAttribute('role', 'status');
    expect(stub.callsTo('set_printers')).toEqual([
      { settings: expect.objectContaining({ receipt_width_mm: 58 }), approval: null },
    ]);
  });
});
