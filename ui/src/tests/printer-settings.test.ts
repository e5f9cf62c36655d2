import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, test } from 'vitest';
import App from '../App.svelte';
import { WebBackend, type WebBackendOptions } from '../lib/backend/web';

// Settings › Printers (the receipt printer of each kind, the sheet printer,
// refusals under their field and nothing saved) and the payment codes of
// Settings › Business (the VietQR account for đồng, QRIS for rupiah).

/** Published QRIS sample (the README of github.com/sunary/qris): rupiah, Indonesia, a right CRC. */
const SUNARY_QRIS =
  '00020101021226380016ID.CO.SHOPEE.WWW010201020815863724530336054061440005802ID5921PT. SHOPPEE INDONESIA6007JAKARTA62180814gen by go-qris63049635';

async function open(section: RegExp, options: WebBackendOptions = {}) {
  const backend = new WebBackend({ signedIn: 'Tuấn', ...options });
  const user = userEvent.setup();
  render(App, { props: { backend } });
  await user.click(await screen.findByRole('tab', { name: 'Cài đặt' }));
  const nav = screen.getByRole('navigation', { name: 'Mục cài đặt' });
  await user.click(within(nav).getByRole('button', { name: section }));
  return { user, backend };
}

const printers = () => screen.findByRole('form', { name: 'Máy in' });
const business = () => screen.findByRole('form', { name: 'Cửa hàng' });

describe('Settings › Printers', () => {
  test('lists the queues with the default marked; a network printer and the sheet printer are saved', async () => {
    const { user, backend } = await open(/^Máy in$/, { printing: { systemDefault: 'VanPhong_A4' } });
    const form = await printers();
    expect(within(form).getByRole('radio', { name: 'Máy in của hệ thống' })).toBeChecked();
    const queues = within(form).getByRole('combobox', { name: 'Máy in' });
    expect([...(queues as HTMLSelectElement).options].map((o) => o.text)).toEqual([
      'Chưa chọn',
      'Quay_EPSON_TM_T82',
      'VanPhong_A4 (mặc định)',
    ]);

    await user.click(within(form).getByRole('radio', { name: 'Máy in nhiệt qua mạng' }));
    expect(within(form).queryByRole('combobox', { name: 'Máy in' })).not.toBeInTheDocument();
    const address = within(form).getByLabelText('Địa chỉ máy in');
    await user.type(address, '192.168.1.50:70000');
    await user.selectOptions(within(form).getByRole('combobox', { name: 'Máy in sao kê và báo cáo ngày' }), 'VanPhong_A4');
    await user.click(within(form).getByLabelText('A4'));
    await user.click(within(form).getByRole('button', { name: 'Lưu' }));
    expect(address).toHaveAccessibleDescription(/^Máy in hoá đơn không hợp lệ/);
    expect(address).toHaveAttribute('aria-invalid', 'true');
    expect((await backend.setupPrinters()).settings).toEqual({
      receipt_printer: null,
      receipt_width_mm: 80,
      sheet_printer: null,
      statement_paper: 'a5',
    });

    await user.clear(address);
    await user.type(address, ' 192.168.1.50 ');
    await user.click(within(form).getByRole('button', { name: 'Lưu' }));
    expect(await screen.findByText('Đã lưu máy in.')).toHaveAttribute('role', 'status');
    expect((await backend.setupPrinters()).settings).toEqual({
      receipt_printer: { kind: 'network', address: '192.168.1.50' },
      receipt_width_mm: 80,
      sheet_printer: 'VanPhong_A4',
      statement_paper: 'a4',
    });
  });

  test('a device file on a 58 mm roll; each kind keeps what was typed for it', async () => {
    const { user, backend } = await open(/^Máy in$/);
    const form = await printers();
    await user.selectOptions(within(form).getByRole('combobox', { name: 'Máy in' }), 'Quay_EPSON_TM_T82');
    await user.click(within(form).getByRole('radio', { name: 'Máy in nhiệt cắm trực tiếp' }));
    const path = within(form).getByLabelText('Cổng thiết bị');
    expect(path).toHaveAccessibleDescription('Ví dụ /dev/usb/lp0.');
    await user.type(path, '/dev/usb/lp0');
    await user.click(within(form).getByRole('radio', { name: 'Máy in của hệ thống' }));
    expect(within(form).getByRole('combobox', { name: 'Máy in' })).toHaveValue('Quay_EPSON_TM_T82');
    await user.click(within(form).getByRole('radio', { name: 'Máy in nhiệt cắm trực tiếp' }));
    expect(within(form).getByLabelText('Cổng thiết bị')).toHaveValue('/dev/usb/lp0');
    await user.click(within(form).getByLabelText('58 mm'));
    await user.click(within(form).getByRole('button', { name: 'Lưu' }));
    await screen.findByText('Đã lưu máy in.');
    expect((await backend.setupPrinters()).settings).toMatchObject({
      receipt_printer: { kind: 'device', path: '/dev/usb/lp0' },
      receipt_width_mm: 58,
    });
  });

  test('shows what was chosen, and a queue no longer found as missing, kept when saved', async () => {
    const chosen = { receipt_printer: { kind: 'system' as const, queue: 'Quay_Cu' }, sheet_printer: 'VanPhong_A4' };
    const { user, backend } = await open(/^Máy in$/, { printing: { chosen } });
    const form = await printers();
    const queues = within(form).getByRole('combobox', { name: 'Máy in' }) as HTMLSelectElement;
    expect(queues).toHaveValue('Quay_Cu');
    expect(queues.selectedOptions[0]?.text).toBe('Quay_Cu (không thấy trên máy)');
    expect(within(form).getByRole('combobox', { name: 'Máy in sao kê và báo cáo ngày' })).toHaveValue('VanPhong_A4');
    await user.click(within(form).getByRole('button', { name: 'Lưu' }));
    await screen.findByText('Đã lưu máy in.');
    expect((await backend.setupPrinters()).settings.receipt_printer).toEqual({ kind: 'system', queue: 'Quay_Cu' });
  });

  test('without CUPS, queue names are typed, and a name CUPS would refuse is refused in place', async () => {
    const { user, backend } = await open(/^Máy in$/, { printing: { queues: null } });
    const form = await printers();
    expect(within(form).getByRole('note')).toHaveTextContent('chưa cài hệ thống in (CUPS)');
    const sheet = within(form).getByRole('textbox', { name: /^Máy in sao kê và báo cáo ngày/ });
    await user.type(sheet, 'Van Phong');
    await user.click(within(form).getByRole('button', { name: 'Lưu' }));
    expect(sheet).toHaveAccessibleDescription(/^Tên máy in không hợp lệ/);
    expect((await backend.setupPrinters()).settings.sheet_printer).toBeNull();

    await user.clear(sheet);
    await user.type(sheet, 'VanPhong');
    await user.type(within(form).getByRole('textbox', { name: /^Máy in \(/ }), 'Quay#1');
    await user.click(within(form).getByRole('button', { name: 'Lưu' }));
    expect(within(form).getByRole('textbox', { name: /^Máy in \(/ })).toHaveAccessibleDescription(/^Máy in hoá đơn không hợp lệ/);
    expect(sheet).not.toHaveAttribute('aria-invalid');
    expect((await backend.setupPrinters()).settings.sheet_printer).toBeNull();
  });

  test("a receptionist's change needs a manager; cancelled, it is said above the button and nothing is saved", async () => {
    const { user, backend } = await open(/^Máy in$/, { signedIn: 'Lan' });
    const form = await printers();
    await user.selectOptions(within(form).getByRole('combobox', { name: 'Máy in' }), 'Quay_EPSON_TM_T82');
    await user.click(within(form).getByRole('button', { name: 'Lưu' }));
    const dialog = await screen.findByRole('dialog', { name: 'Quản lý duyệt' });
    await user.click(within(dialog).getByRole('button', { name: 'Huỷ' }));
    expect(await within(form).findByRole('alert')).toHaveTextContent('Việc này cần quản lý hoặc chủ cửa hàng.');
    expect((await backend.setupPrinters()).settings.receipt_printer).toBeNull();
  });
});

describe('Settings › Business: payment codes', () => {
  test('a đồng business takes a VietQR account: a bad BIN is refused in place, the number is kept without its separators', async () => {
    const { user, backend } = await open(/^Cửa hàng$/);
    const form = await business();
    expect(within(form).queryByLabelText(/Mã QRIS/)).not.toBeInTheDocument();
    const bin = within(form).getByLabelText('Mã BIN ngân hàng');
    await user.type(bin, '97041');
    await user.type(within(form).getByLabelText('Số tài khoản'), '0011 0019-32418');
    await user.type(within(form).getByLabelText(/^Chủ tài khoản/), 'Spa Hoa Sen');
    await user.click(within(form).getByRole('button', { name: 'Lưu' }));
    expect(bin).toHaveAccessibleDescription('Mã BIN ngân hàng gồm 6 chữ số, bắt đầu bằng 970.');
    expect((await backend.setupBusiness()).bank_bin).toBe('');

    await user.type(bin, '5');
    await user.click(within(form).getByRole('button', { name: 'Lưu' }));
    expect(await screen.findByText('Đã lưu: Spa Hoa Sen.')).toHaveAttribute('role', 'status');
    expect(within(form).getByLabelText('Số tài khoản')).toHaveValue('0011001932418');
    expect(await backend.setupBusiness()).toMatchObject({
      bank_bin: '970415',
      bank_account: '0011001932418',
      bank_holder: 'Spa Hoa Sen',
      qris: '',
    });

    // Blank, all three: no account.
    await user.clear(bin);
    await user.clear(within(form).getByLabelText('Số tài khoản'));
    await user.clear(within(form).getByLabelText(/^Chủ tài khoản/));
    await user.click(within(form).getByRole('button', { name: 'Lưu' }));
    await screen.findByText('Đã lưu: Spa Hoa Sen.');
    expect((await backend.setupBusiness()).bank_account).toBe('');
  });

  test('an account number with other characters is refused on its field', async () => {
    const { user, backend } = await open(/^Cửa hàng$/);
    const form = await business();
    await user.type(within(form).getByLabelText('Mã BIN ngân hàng'), '970436');
    const number = within(form).getByLabelText('Số tài khoản');
    await user.type(number, '0071/000123');
    await user.click(within(form).getByRole('button', { name: 'Lưu' }));
    expect(number).toHaveAccessibleDescription('Số tài khoản gồm 1 đến 19 chữ số hoặc chữ cái.');
    expect((await backend.setupBusiness()).bank_bin).toBe('');
  });

  test('a rupiah business takes a static QRIS: a broken one is refused in place, a right one saved', async () => {
    const { user, backend } = await open(/^Cửa hàng$/, {
      setup: { business: { country: 'ID', currency: 'IDR', timezone: 'Asia/Jakarta', customer_code_prefix: 'PL' } },
    });
    const form = await business();
    expect(within(form).queryByLabelText('Mã BIN ngân hàng')).not.toBeInTheDocument();
    const qris = within(form).getByLabelText(/^Mã QRIS tĩnh/);
    expect(qris).toHaveAccessibleDescription(/bắt đầu bằng 000201/);
    await user.click(qris);
    await user.paste(SUNARY_QRIS.replace('JAKARTA', 'JAKARTB'));
    await user.click(within(form).getByRole('button', { name: 'Lưu' }));
    expect(qris).toHaveAccessibleDescription(/^Mã QRIS không hợp lệ/);
    expect(qris).toHaveAttribute('aria-invalid', 'true');
    expect((await backend.setupBusiness()).qris).toBe('');

    await user.clear(qris);
    await user.paste(SUNARY_QRIS);
    await user.click(within(form).getByRole('button', { name: 'Lưu' }));
    await screen.findByText('Đã lưu: Spa Hoa Sen.');
    expect((await backend.setupBusiness()).qris).toBe(SUNARY_QRIS);
  });
});
