import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, test } from 'vitest';
import App from '../App.svelte';
import { WebBackend } from '../lib/backend/web';
import { DEMO_PAIRING_CODE, DEMO_SYNC_SERVER } from '../lib/backend/web-setup';

// The Settings tab against the fake: what a manager adds shows in the list,
// a refusal is shown on its field and changes nothing, the week editor sends
// each day's spans, and a refused pairing leaves the counter unpaired.

async function openSettings(backend = new WebBackend({ signedIn: 'Tuấn' }), section?: RegExp) {
  const user = userEvent.setup();
  render(App, { props: { backend } });
  await user.click(await screen.findByRole('tab', { name: 'Cài đặt' }));
  if (section) {
    const nav = screen.getByRole('navigation', { name: 'Mục cài đặt' });
    await user.click(within(nav).getByRole('button', { name: section }));
  }
  return { user, backend };
}

describe('settings', () => {
  test('Ctrl+8 opens the settings on the business section', async () => {
    const user = userEvent.setup();
    render(App, { props: { backend: new WebBackend({ signedIn: 'Lan' }) } });
    await screen.findByRole('tab', { name: 'Cài đặt' });
    await user.keyboard('{Control>}8{/Control}');
    expect(screen.getByRole('tab', { name: 'Cài đặt' })).toHaveAttribute('aria-selected', 'true');
    expect(await screen.findByLabelText('Tên cửa hàng')).toHaveValue('Spa Hoa Sen');
  });

  test('a manager adds a service and sees it in the list, its price per locale', async () => {
    const { user, backend } = await openSettings(undefined, /^Dịch vụ$/);
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
    const row = screen.getByRole('row', { name: /Massage đá nóng/ });
    expect(row).toHaveTextContent('650.000 ₫');
    expect(row).toHaveTextContent('Đang bán');
    expect((await backend.setupServices()).map((s) => s.name)).toContain('Massage đá nóng');
  });

  test('a negative price is refused under the price field and nothing is added', async () => {
    const { user, backend } = await openSettings(undefined, /^Dịch vụ$/);
    const before = await backend.setupServices();
    await user.click(await screen.findByRole('button', { name: '+ Thêm dịch vụ' }));
    const form = screen.getByRole('form', { name: 'Thêm dịch vụ' });
    await user.type(within(form).getByLabelText('Tên'), 'Xông hơi');
    await user.type(within(form).getByLabelText('Giá'), '-50000');
    await user.click(within(form).getByRole('button', { name: 'Lưu' }));

    const price = within(form).getByLabelText('Giá');
    expect(price).toHaveAttribute('aria-invalid', 'true');
    expect(price).toHaveAccessibleDescription('Giá phải là số tiền không âm, ví dụ 450.000.');
    expect(within(form).getByLabelText('Tên')).not.toHaveAttribute('aria-invalid');
    expect(await backend.setupServices()).toEqual(before);
    expect(screen.queryByRole('row', { name: /Xông hơi/ })).toBeNull();
  });

  test('a receptionist sees the services; adding one asks a manager, and without one is refused', async () => {
    const backend = new WebBackend({ signedIn: 'Lan' });
    const { user } = await openSettings(backend, /^Dịch vụ$/);
    expect(await screen.findByRole('row', { name: /Massage body/ })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: '+ Thêm dịch vụ' }));
    const form = screen.getByRole('form', { name: 'Thêm dịch vụ' });
    await user.type(within(form).getByLabelText('Tên'), 'Xông hơi');
    await user.type(within(form).getByLabelText('Giá'), '150000');
    await user.click(within(form).getByRole('button', { name: 'Lưu' }));
    const dialog = await screen.findByRole('dialog', { name: 'Quản lý duyệt' });
    await user.click(within(dialog).getByRole('button', { name: 'Huỷ' }));
    expect(await within(form).findByRole('alert')).toHaveTextContent('Việc này cần quản lý hoặc chủ cửa hàng.');
    expect((await backend.setupServices()).some((s) => s.name === 'Xông hơi')).toBe(false);
  });

  test("a receptionist retires a service with Tuấn's PIN, after a wrong one", async () => {
    const backend = new WebBackend({ signedIn: 'Lan' });
    const { user } = await openSettings(backend, /^Dịch vụ$/);
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
    const massage = (await backend.setupServices()).find((s) => s.name === 'Massage body');
    expect(massage?.active).toBe(false);
  });

  test("the week editor saves a staff member's spans and marks a day whose end comes first", async () => {
    const { user, backend } = await openSettings(undefined, /^Nhân viên/);
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
    const minh = () => backend.setupStaff().then((all) => all.find((m) => m.name === 'Minh'));
    expect((await minh())?.hours.find((d) => d.day === 'sun')?.spans).toEqual([]);

    await user.clear(within(monday).getByLabelText('Thứ Hai: đến'));
    await user.type(within(monday).getByLabelText('Thứ Hai: đến'), '17:00');
    await user.click(within(form).getByRole('button', { name: 'Lưu giờ làm' }));
    expect(await screen.findByText('Đã lưu giờ làm của Minh.')).toHaveAttribute('role', 'status');
    const hours = (await minh())?.hours;
    expect(hours?.find((d) => d.day === 'sun')?.spans).toEqual([{ from: '10:00', to: '14:00' }]);
    expect(hours?.find((d) => d.day === 'mon')?.spans).toEqual([{ from: '09:00', to: '17:00' }]);
  });

  test('a duplicate staff name is refused under the name field', async () => {
    const { user, backend } = await openSettings(undefined, /^Nhân viên/);
    await user.click(await screen.findByRole('button', { name: '+ Thêm nhân viên' }));
    const form = screen.getByRole('form', { name: 'Thêm nhân viên' });
    await user.type(within(form).getByLabelText('Tên'), 'lan');
    await user.click(within(form).getByRole('button', { name: 'Lưu' }));
    expect(within(form).getByLabelText('Tên')).toHaveAccessibleDescription('Đã có nhân viên đang hoạt động trùng tên này.');
    expect((await backend.setupStaff()).length).toBe(4);
  });

  test('a refused pairing code is shown on its field and the counter stays unpaired; the right one pairs', async () => {
    const { user, backend } = await openSettings(undefined, /^Đồng bộ$/);
    const form = await screen.findByRole('form', { name: 'Ghép với máy chủ' });
    await user.type(within(form).getByLabelText('Địa chỉ máy chủ'), 'dongbo.caredesk.test');
    await user.type(within(form).getByLabelText('Mã ghép'), 'AAAA-BBBB');
    await user.click(within(form).getByRole('button', { name: 'Ghép quầy' }));
    expect(within(form).getByLabelText('Địa chỉ máy chủ')).toHaveAccessibleDescription(/Địa chỉ máy chủ không hợp lệ/);

    await user.clear(within(form).getByLabelText('Địa chỉ máy chủ'));
    await user.type(within(form).getByLabelText('Địa chỉ máy chủ'), DEMO_SYNC_SERVER);
    await user.click(within(form).getByRole('button', { name: 'Ghép quầy' }));
    expect(within(form).getByLabelText('Mã ghép')).toHaveAccessibleDescription(
      'Máy chủ không nhận mã ghép này (sai hoặc đã dùng).',
    );
    expect((await backend.syncStatus()).paired).toBe(false);

    await user.clear(within(form).getByLabelText('Mã ghép'));
    await user.type(within(form).getByLabelText('Mã ghép'), DEMO_PAIRING_CODE.toLowerCase());
    await user.click(within(form).getByRole('button', { name: 'Ghép quầy' }));
    expect(await screen.findByText(/^Đã ghép với máy chủ/)).toHaveAttribute('role', 'status');
    expect(screen.getByText(DEMO_SYNC_SERVER)).toBeInTheDocument();
    expect((await backend.syncStatus()).paired).toBe(true);
  });

  test('the printers section says plainly when the computer has no printing system', async () => {
    const backend = new WebBackend({ signedIn: 'Tuấn', printing: { queues: null } });
    const { user } = await openSettings(backend, /^Máy in$/);
    expect(await screen.findByText(/chưa cài hệ thống in \(CUPS\)/)).toBeInTheDocument();
    await user.click(screen.getByLabelText('58 mm'));
    await user.click(screen.getByRole('button', { name: 'Lưu' }));
    expect(await screen.findByText('Đã lưu máy in.')).toHaveAttribute('role', 'status');
    expect((await backend.setupPrinters()).settings.receipt_width_mm).toBe(58);
  });
});
