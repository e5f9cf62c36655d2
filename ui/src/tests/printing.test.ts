import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, test } from 'vitest';
import App from '../App.svelte';
import { WebBackend, type WebBackendOptions } from '../lib/backend/web';

// The print buttons against the fake's printers: the receipt (the first
// print the original, every later one a copy; a print that failed counts
// for nothing; Ctrl+P instead of the browser's dialog), the punch card's
// statement and the day's report (a manager's, approved on the spot).

type User = ReturnType<typeof userEvent.setup>;

/** A receipt roll on the system's EPSON and the office's A4 for sheets. */
const CHOSEN: WebBackendOptions['printing'] = {
  chosen: { receipt_printer: { kind: 'system', queue: 'Quay_EPSON_TM_T82' }, sheet_printer: 'VanPhong_A4' },
};

function start(options: WebBackendOptions = {}): { backend: WebBackend; user: User } {
  const backend = new WebBackend({ signedIn: 'Lan', printing: CHOSEN, ...options });
  const user = userEvent.setup();
  render(App, { props: { backend } });
  return { backend, user };
}

/** Rings up a walk-in's shelf item paid in cash; ends on its receipt. */
async function ringUp(user: User): Promise<HTMLElement> {
  await screen.findByRole('combobox', { name: 'Tìm khách hàng' });
  await user.keyboard('{Control>}4{/Control}');
  await user.type(await screen.findByLabelText('Tên mặt hàng'), 'Dầu gội');
  await user.type(screen.getByLabelText('Đơn giá'), '120000{Enter}');
  await waitFor(() => expect(screen.getByTestId('checkout-total')).toHaveTextContent('120.000 ₫'));
  await user.click(screen.getByRole('button', { name: 'Thêm khoản trả bằng Tiền mặt' }));
  await user.click(screen.getByRole('button', { name: 'Xác nhận thanh toán' }));
  return screen.findByTestId('receipt');
}

const status = (within_: HTMLElement) => within(within_).getByRole('status');

describe('printing a receipt', () => {
  test('the first print is the original, the next a copy, and both are in the log', async () => {
    const { backend, user } = start();
    const receipt = await ringUp(user);
    const button = within(receipt).getByTestId('print-receipt');
    expect(button).toHaveAccessibleName('In hóa đơn');

    await user.click(button);
    expect(await within(receipt).findByText('Đã in trên Quay_EPSON_TM_T82')).toHaveAttribute('role', 'status');
    expect(button).toHaveAccessibleName('In lại (bản sao)');
    expect(backend.recordedSales()[0]?.printed).toBe(1);

    await user.click(button);
    expect(await within(receipt).findByText('Đã in bản sao trên Quay_EPSON_TM_T82')).toBeInTheDocument();
    expect(backend.recordedSales()[0]?.printed).toBe(2);

    const log = await backend.audit({ date: null, staff: null, customer: null, limit: 3 }, 'vi');
    expect(log.map((entry) => entry.text)).toEqual([
      'Lan đã in lại hóa đơn K7M-000001 (bản sao)',
      'Lan đã in hóa đơn K7M-000001',
      'Lan đã lập hóa đơn K7M-000001 (khách vãng lai): 120.000 ₫',
    ]);
  });

  test('with no receipt printer chosen, it says where to choose one and counts nothing', async () => {
    const { backend, user } = start({ printing: { chosen: { sheet_printer: 'VanPhong_A4' } } });
    const receipt = await ringUp(user);
    await user.click(within(receipt).getByTestId('print-receipt'));
    expect(await within(receipt).findByRole('alert')).toHaveTextContent(
      'Quầy này chưa chọn máy in hoá đơn: chọn trong Cài đặt › Máy in.',
    );
    expect(status(receipt)).toHaveTextContent('');
    expect(within(receipt).getByTestId('print-receipt')).toHaveAccessibleName('In hóa đơn');
    expect(backend.recordedSales()[0]?.printed).toBe(0);
  });

  test('a printer that is off is an error; once it is on, the receipt is still the original', async () => {
    const { backend, user } = start({ printing: { ...CHOSEN, off: true } });
    const receipt = await ringUp(user);
    const button = within(receipt).getByTestId('print-receipt');
    await user.click(button);
    expect(await within(receipt).findByRole('alert')).toHaveTextContent('Không kết nối được máy in');
    expect(backend.recordedSales()[0]?.printed).toBe(0);

    backend.setPrintersOff(false);
    await user.click(button);
    expect(await within(receipt).findByText('Đã in trên Quay_EPSON_TM_T82')).toBeInTheDocument();
    expect(within(receipt).queryByRole('alert')).not.toBeInTheDocument();
    expect(backend.recordedSales()[0]?.printed).toBe(1);
  });

  test("Ctrl+P prints it, instead of the browser's print dialog", async () => {
    const { backend, user } = start();
    const receipt = await ringUp(user);
    expect(within(receipt).getByTestId('print-receipt')).toHaveAttribute('aria-keyshortcuts', 'Control+P');
    const press = new KeyboardEvent('keydown', { key: 'p', ctrlKey: true, bubbles: true, cancelable: true });
    document.activeElement?.dispatchEvent(press);
    expect(press.defaultPrevented).toBe(true);
    expect(await within(receipt).findByText('Đã in trên Quay_EPSON_TM_T82')).toBeInTheDocument();
    await user.keyboard('{Control>}p{/Control}');
    expect(await within(receipt).findByText('Đã in bản sao trên Quay_EPSON_TM_T82')).toBeInTheDocument();
    expect(backend.recordedSales()[0]?.printed).toBe(2);
  });

  test('the button is disabled while the job is on its way: one press, one receipt', async () => {
    const { backend, user } = start({ latencyMs: 30 });
    const receipt = await ringUp(user);
    const button = within(receipt).getByTestId('print-receipt');
    await user.click(button);
    expect(button).toBeDisabled();
    expect(button).toHaveTextContent('Đang in…');
    await user.keyboard('{Control>}p{/Control}');
    expect(await within(receipt).findByText('Đã in trên Quay_EPSON_TM_T82')).toBeInTheDocument();
    expect(button).toBeEnabled();
    // Long enough for a second job, had Ctrl+P sent one, to have come back.
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(status(receipt)).toHaveTextContent('Đã in trên Quay_EPSON_TM_T82');
    expect(backend.recordedSales()[0]?.printed).toBe(1);
  });

  test('a receipt printed once is a copy after coming back to checkout', async () => {
    const { user } = start();
    const receipt = await ringUp(user);
    await user.click(within(receipt).getByTestId('print-receipt'));
    await within(receipt).findByText('Đã in trên Quay_EPSON_TM_T82');
    await user.keyboard('{Control>}1{/Control}');
    await user.keyboard('{Control>}4{/Control}');
    expect(within(await screen.findByTestId('receipt')).getByTestId('print-receipt')).toHaveAccessibleName('In lại (bản sao)');
  });
});

async function openMinhAnhCard(user: User): Promise<HTMLElement> {
  const search = await screen.findByRole('combobox', { name: 'Tìm khách hàng' });
  await user.type(search, 'minh anh');
  await screen.findByRole('option', { name: /Trần Minh Anh/ });
  await user.keyboard('{Enter}');
  const panel = await screen.findByRole('article', { name: 'Trần Minh Anh' });
  await user.click(within(panel).getByRole('button', { name: 'Xem sổ buổi' }));
  await screen.findByRole('table', { name: 'Sổ buổi · Massage 10 buổi' });
  // The button and the line that says what came of it.
  return screen.getByTestId('print-statement').parentElement as HTMLElement;
}

describe('printing a statement and the report', () => {
  test("a punch card's statement goes to the sheet printer", async () => {
    const { user } = start();
    const statement = await openMinhAnhCard(user);
    const button = within(statement).getByTestId('print-statement');
    expect(button).toHaveAccessibleName('In sổ buổi');
    await user.click(button);
    expect(await within(statement).findByRole('status')).toHaveTextContent('Đã in trên VanPhong_A4');
  });

  test('without a sheet printer the statement says where to choose one', async () => {
    const { user } = start({ printing: { chosen: { receipt_printer: { kind: 'network', address: '192.168.1.50' } } } });
    const statement = await openMinhAnhCard(user);
    await user.click(within(statement).getByTestId('print-statement'));
    expect(await within(statement).findByRole('alert')).toHaveTextContent(
      'Quầy này chưa chọn máy in sao kê và báo cáo: chọn trong Cài đặt › Máy in.',
    );
  });

  test("a receptionist prints the day's report with a manager's approval each time", async () => {
    const { user } = start({ signedIn: 'Lan' });
    await screen.findByRole('combobox', { name: 'Tìm khách hàng' });
    await user.keyboard('{Control>}9{/Control}');
    const approve = async () => {
      const dialog = await screen.findByRole('dialog', { name: 'Quản lý duyệt' });
      await user.click(within(dialog).getByRole('radio', { name: /Tuấn/ }));
      await user.type(within(dialog).getByLabelText('Mã PIN của người duyệt'), '3333{Enter}');
    };
    await approve();
    const button = await screen.findByTestId('print-report');
    const area = button.parentElement as HTMLElement;
    await user.click(button);
    await approve();
    expect(await within(area).findByRole('status')).toHaveTextContent('Đã in trên VanPhong_A4');

    // Cancelled, the refusal is said where the print's outcome goes.
    await user.click(button);
    const dialog = await screen.findByRole('dialog', { name: 'Quản lý duyệt' });
    await user.click(within(dialog).getByRole('button', { name: 'Huỷ' }));
    expect(await within(area).findByRole('alert')).toHaveTextContent('Việc này cần quản lý hoặc chủ cửa hàng.');
  });

  test('a manager prints the report of the day shown, without being asked', async () => {
    const { backend, user } = start({ signedIn: 'Tuấn' });
    const yesterday = dayBefore((await backend.dayReport(null)).date);
    const reports: string[] = [];
    const printed: Array<string | null> = [];
    const [report, print] = [backend.dayReport.bind(backend), backend.printDayReport.bind(backend)];
    backend.dayReport = async (date, approval) => {
      const answer = await report(date, approval);
      reports.push(answer.date);
      return answer;
    };
    backend.printDayReport = (date, approval) => {
      printed.push(date);
      return print(date, approval);
    };
    await screen.findByRole('combobox', { name: 'Tìm khách hàng' });
    await user.keyboard('{Control>}9{/Control}');
    await screen.findByTestId('print-report');
    await user.click(screen.getByRole('button', { name: 'Ngày trước' }));
    await waitFor(() => expect(reports.at(-1)).toBe(yesterday));
    await user.click(await screen.findByTestId('print-report'));
    expect(await screen.findByText('Đã in trên VanPhong_A4')).toBeInTheDocument();
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(printed).toEqual([yesterday]);
  });
});

/** The day before `date` (YYYY-MM-DD). */
function dayBefore(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d - 1)).toISOString().slice(0, 10);
}
