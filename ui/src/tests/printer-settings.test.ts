import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, test } from 'vitest';
import App from '../App.svelte';
import type { PrinterSettings, Staff } from '../lib/backend/backend';
import { approvedBy, BUSINESS, counter, inTurn, LAN, PRINTERS, setup, TUAN } from './answers-b';
import { refuse, stubBackend, type Answers } from './stub';

// Settings › Printers (the receipt printer of each kind, the sheet printer,
// the store's refusals under their field) and the payment codes of
// Settings › Business (the VietQR account for đồng, QRIS for rupiah). What
// the store accepts or refuses is its own (Rust tests); here it answers, and
// the tests check what the screen sends and shows.

/** Published QRIS sample (the README of github.com/sunary/qris): rupiah, Indonesia, a right CRC. */
const SUNARY_QRIS =
  '00020101021226380016ID.CO.SHOPEE.WWW010201020815863724530336054061440005802ID5921PT. SHOPPEE INDONESIA6007JAKARTA62180814gen by go-qris63049635';

async function open(section: RegExp, answers: Answers = {}, signedIn: Staff = TUAN) {
  const stub = stubBackend(counter(signedIn, setup(answers)));
  const user = userEvent.setup();
  render(App, { props: { backend: stub.backend } });
  await user.click(await screen.findByRole('tab', { name: 'Cài đặt' }));
  const nav = screen.getByRole('navigation', { name: 'Mục cài đặt' });
  await user.click(within(nav).getByRole('button', { name: section }));
  return { user, stub };
}

const printers = () => screen.findByRole('form', { name: 'Máy in' });
const business = () => screen.findByRole('form', { name: 'Cửa hàng' });
/** `set_printers` saving what it is sent, as the store answers it (trimmed). */
const saves = ({ settings }: Record<string, unknown>) => settings as PrinterSettings;
const refusePrinter = (field: string) => refuse('invalid_settings', 'invalid printer: not a printer', field);

describe('Settings › Printers', () => {
  test('lists the queues with the default marked; a network printer and the sheet printer are saved', async () => {
    const saved: PrinterSettings = {
      receipt_printer: { kind: 'network', address: '192.168.1.50' },
      receipt_width_mm: 80,
      sheet_printer: 'VanPhong_A4',
      statement_paper: 'a4',
    };
    const { user, stub } = await open(/^Máy in$/, {
      setup_printers: { ...PRINTERS, system_default: 'VanPhong_A4' },
      set_printers: inTurn(refusePrinter('receipt_printer'), saved),
    });
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
    expect(screen.queryByText('Đã lưu máy in.')).toBeNull();

    await user.clear(address);
    await user.type(address, ' 192.168.1.50 ');
    await user.click(within(form).getByRole('button', { name: 'Lưu' }));
    expect(await screen.findByText('Đã lưu máy in.')).toHaveAttribute('role', 'status');
    expect(address).not.toHaveAttribute('aria-invalid');
    expect(stub.callsTo('set_printers')).toEqual([
      {
        settings: {
          receipt_printer: { kind: 'network', address: '192.168.1.50:70000' },
          receipt_width_mm: 80,
          sheet_printer: 'VanPhong_A4',
          statement_paper: 'a4',
        },
        approval: null,
      },
      {
        settings: {
          receipt_printer: { kind: 'network', address: ' 192.168.1.50 ' },
          receipt_width_mm: 80,
          sheet_printer: 'VanPhong_A4',
          statement_paper: 'a4',
        },
        approval: null,
      },
    ]);
  });

  test('a device file on a 58 mm roll; each kind keeps what was typed for it', async () => {
    const { user, stub } = await open(/^Máy in$/, { set_printers: saves });
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
    expect(stub.callsTo('set_printers')).toEqual([
      {
        settings: expect.objectContaining({ receipt_printer: { kind: 'device', path: '/dev/usb/lp0' }, receipt_width_mm: 58 }),
        approval: null,
      },
    ]);
  });

  test('shows what was chosen, and a queue no longer found as missing, kept when saved', async () => {
    const settings: PrinterSettings = {
      ...PRINTERS.settings,
      receipt_printer: { kind: 'system', queue: 'Quay_Cu' },
      sheet_printer: 'VanPhong_A4',
    };
    const { user, stub } = await open(/^Máy in$/, { setup_printers: { ...PRINTERS, settings }, set_printers: saves });
    const form = await printers();
    const queues = within(form).getByRole('combobox', { name: 'Máy in' }) as HTMLSelectElement;
    expect(queues).toHaveValue('Quay_Cu');
    expect(queues.selectedOptions[0]?.text).toBe('Quay_Cu (không thấy trên máy)');
    expect(within(form).getByRole('combobox', { name: 'Máy in sao kê và báo cáo ngày' })).toHaveValue('VanPhong_A4');
    await user.click(within(form).getByRole('button', { name: 'Lưu' }));
    await screen.findByText('Đã lưu máy in.');
    expect(stub.callsTo('set_printers')).toEqual([{ settings, approval: null }]);
  });

  test('without CUPS, queue names are typed, and a name the store refuses is refused in place', async () => {
    const { user, stub } = await open(/^Máy in$/, {
      setup_printers: { ...PRINTERS, found: [], problem: 'no_cups' },
      set_printers: inTurn(refusePrinter('sheet_printer'), refusePrinter('receipt_printer')),
    });
    const form = await printers();
    expect(within(form).getByRole('note')).toHaveTextContent('chưa cài hệ thống in (CUPS)');
    const sheet = within(form).getByRole('textbox', { name: /^Máy in sao kê và báo cáo ngày/ });
    await user.type(sheet, 'Van Phong');
    await user.click(within(form).getByRole('button', { name: 'Lưu' }));
    expect(sheet).toHaveAccessibleDescription(/^Tên máy in không hợp lệ/);

    await user.clear(sheet);
    await user.type(sheet, 'VanPhong');
    await user.type(within(form).getByRole('textbox', { name: /^Máy in \(/ }), 'Quay#1');
    await user.click(within(form).getByRole('button', { name: 'Lưu' }));
    expect(within(form).getByRole('textbox', { name: /^Máy in \(/ })).toHaveAccessibleDescription(/^Máy in hoá đơn không hợp lệ/);
    expect(sheet).not.toHaveAttribute('aria-invalid');
    expect(screen.queryByText('Đã lưu máy in.')).toBeNull();
    expect(stub.callsTo('set_printers').map((args) => args.settings)).toEqual([
      expect.objectContaining({ receipt_printer: null, sheet_printer: 'Van Phong' }),
      expect.objectContaining({ receipt_printer: { kind: 'system', queue: 'Quay#1' }, sheet_printer: 'VanPhong' }),
    ]);
  });

  test("a receptionist's change needs a manager; cancelled, it is said above the button and nothing is saved", async () => {
    const { user, stub } = await open(/^Máy in$/, { set_printers: approvedBy('3333', saves) }, LAN);
    const form = await printers();
    await user.selectOptions(within(form).getByRole('combobox', { name: 'Máy in' }), 'Quay_EPSON_TM_T82');
    await user.click(within(form).getByRole('button', { name: 'Lưu' }));
    const dialog = await screen.findByRole('dialog', { name: 'Quản lý duyệt' });
    await user.click(within(dialog).getByRole('button', { name: 'Huỷ' }));
    expect(await within(form).findByRole('alert')).toHaveTextContent('Việc này cần quản lý hoặc chủ cửa hàng.');
    expect(screen.queryByText('Đã lưu máy in.')).toBeNull();
    expect(stub.callsTo('set_printers').map((args) => args.approval)).toEqual([null]);
  });
});

describe('Settings › Business: payment codes', () => {
  test('a đồng business takes a VietQR account: a bad BIN is refused in place, the number shown as the store keeps it', async () => {
    const account = { bank_bin: '970415', bank_account: '0011001932418', bank_holder: 'Spa Hoa Sen' };
    const { user, stub } = await open(/^Cửa hàng$/, {
      set_business: inTurn(
        refuse('invalid_settings', 'bank BIN "97041": expected the bank\'s six-digit NAPAS BIN, 970xxx', 'bank_bin'),
        { ...BUSINESS, ...account },
        BUSINESS,
      ),
    });
    const form = await business();
    expect(within(form).queryByLabelText(/Mã QRIS/)).not.toBeInTheDocument();
    const bin = within(form).getByLabelText('Mã BIN ngân hàng');
    await user.type(bin, '97041');
    await user.type(within(form).getByLabelText('Số tài khoản'), '0011 0019-32418');
    await user.type(within(form).getByLabelText(/^Chủ tài khoản/), 'Spa Hoa Sen');
    await user.click(within(form).getByRole('button', { name: 'Lưu' }));
    expect(bin).toHaveAccessibleDescription('Mã BIN ngân hàng gồm 6 chữ số, bắt đầu bằng 970.');
    expect(screen.queryByText('Đã lưu: Spa Hoa Sen.')).toBeNull();

    await user.type(bin, '5');
    await user.click(within(form).getByRole('button', { name: 'Lưu' }));
    expect(await screen.findByText('Đã lưu: Spa Hoa Sen.')).toHaveAttribute('role', 'status');
    expect(within(form).getByLabelText('Số tài khoản')).toHaveValue('0011001932418');

    // Blank, all three: no account.
    await user.clear(bin);
    await user.clear(within(form).getByLabelText('Số tài khoản'));
    await user.clear(within(form).getByLabelText(/^Chủ tài khoản/));
    await user.click(within(form).getByRole('button', { name: 'Lưu' }));
    await screen.findByText('Đã lưu: Spa Hoa Sen.');
    const sent = stub.callsTo('set_business').map((args) => args.input as Record<string, unknown>);
    expect(sent.map(({ bank_bin, bank_account, bank_holder, qris }) => ({ bank_bin, bank_account, bank_holder, qris }))).toEqual([
      { bank_bin: '97041', bank_account: '0011 0019-32418', bank_holder: 'Spa Hoa Sen', qris: '' },
      { bank_bin: '970415', bank_account: '0011 0019-32418', bank_holder: 'Spa Hoa Sen', qris: '' },
      { bank_bin: '', bank_account: '', bank_holder: '', qris: '' },
    ]);
  });

  test('an account number the store refuses is refused on its field', async () => {
    const { user, stub } = await open(/^Cửa hàng$/, {
      set_business: refuse('invalid_settings', 'bank account number "0071/000123": expected 1 to 19 letters or digits', 'bank_account'),
    });
    const form = await business();
    await user.type(within(form).getByLabelText('Mã BIN ngân hàng'), '970436');
    const number = within(form).getByLabelText('Số tài khoản');
    await user.type(number, '0071/000123');
    await user.click(within(form).getByRole('button', { name: 'Lưu' }));
    expect(number).toHaveAccessibleDescription('Số tài khoản gồm 1 đến 19 chữ số hoặc chữ cái.');
    expect(within(form).getByLabelText('Mã BIN ngân hàng')).not.toHaveAttribute('aria-invalid');
    expect(stub.callsTo('set_business')).toEqual([
      { input: expect.objectContaining({ bank_bin: '970436', bank_account: '0071/000123' }), approval: null },
    ]);
  });

  test('a rupiah business takes a static QRIS: a broken one is refused in place, a right one saved', async () => {
    const rupiah = { ...BUSINESS, country: 'ID', currency: 'IDR', timezone: 'Asia/Jakarta', customer_code_prefix: 'PL' };
    const { user, stub } = await open(/^Cửa hàng$/, {
      setup_business: rupiah,
      set_business: inTurn(
        refuse('invalid_settings', 'QRIS payload refused: the CRC does not match', 'qris'),
        { ...rupiah, qris: SUNARY_QRIS },
      ),
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

    await user.clear(qris);
    await user.paste(SUNARY_QRIS);
    await user.click(within(form).getByRole('button', { name: 'Lưu' }));
    await screen.findByText('Đã lưu: Spa Hoa Sen.');
    expect(qris).toHaveValue(SUNARY_QRIS);
    expect(stub.callsTo('set_business').map((args) => (args.input as { qris: string }).qris)).toEqual([
      SUNARY_QRIS.replace('JAKARTA', 'JAKARTB'),
      SUNARY_QRIS,
    ]);
  });
});
