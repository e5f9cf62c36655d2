import { describe, expect, test } from 'vitest';
import { BackendError, type PrinterSettings, type SaleInput } from '../lib/backend/backend';
import { WebBackend, type WebBackendOptions } from '../lib/backend/web';
import { checkBankAccount, checkQris, crc16 } from '../lib/backend/web-bank';
import { checkPrinterSettings } from '../lib/backend/web-printing';

// The fake's printing and payment-code checks against the rules of the
// shell and the domain (counter_settings.rs, dispatch's check_target and
// parse_address, business.rs, emv.rs), so the screens meet the same
// refusals in the browser as in the app.

const SUNARY_QRIS =
  '00020101021226380016ID.CO.SHOPEE.WWW010201020815863724530336054061440005802ID5921PT. SHOPPEE INDONESIA6007JAKARTA62180814gen by go-qris63049635';

const BASE: PrinterSettings = { receipt_printer: null, receipt_width_mm: 80, sheet_printer: null, statement_paper: 'a5' };

/** The refusal's code and field, or 'ok'. */
function verdict(run: () => unknown): string {
  try {
    run();
    return 'ok';
  } catch (err) {
    const error = BackendError.from(err);
    return `${error.code} ${error.field}`;
  }
}

async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'ok';
  } catch (err) {
    const error = BackendError.from(err);
    return error.field ? `${error.code} ${error.field}` : error.code;
  }
}

const receiptOn = (queue: string) => () => checkPrinterSettings({ ...BASE, receipt_printer: { kind: 'system', queue } });
const sheetOn = (queue: string) => () => checkPrinterSettings({ ...BASE, sheet_printer: queue });
const networkAt = (address: string) => () => checkPrinterSettings({ ...BASE, receipt_printer: { kind: 'network', address } });

describe('printer settings', () => {
  test('queue names: what CUPS and lp take', () => {
    for (const good of ['Quay_EPSON_TM_T82', 'VanPhong-A4', 'máy.in', 'x'.repeat(127)]) {
      expect(verdict(receiptOn(good)), good).toBe('ok');
      expect(verdict(sheetOn(good)), good).toBe('ok');
    }
    // 64 letters of two bytes each are 128 bytes: over CUPS's limit.
    for (const bad of ['Quay EPSON', 'Quay/1', 'Quay#1', 'Quay\\1', '-d', 'x'.repeat(128), 'ệ'.repeat(64), 'a\tb']) {
      expect(verdict(receiptOn(bad)), bad).toBe('invalid_settings receipt_printer');
      expect(verdict(sheetOn(bad)), bad).toBe('invalid_settings sheet_printer');
    }
  });

  test('network addresses: host[:port], port 1 to 65535, 9100 by default', () => {
    for (const good of ['192.168.1.50', '192.168.1.50:9100', 'printer.local', 'may-in:515', '[::1]:9100', 'fe80::1']) {
      expect(verdict(networkAt(good)), good).toBe('ok');
    }
    for (const bad of [':9100', 'host:0', 'host:65536', 'host:port', 'may_in', 'http://printer', '[::1]']) {
      expect(verdict(networkAt(bad)), bad).toBe('invalid_settings receipt_printer');
    }
  });

  test('blank printers are none, names are trimmed, and the roll is 80 or 58 mm', () => {
    expect(
      checkPrinterSettings({ ...BASE, receipt_printer: { kind: 'device', path: '  ' }, sheet_printer: ' ' }),
    ).toEqual(BASE);
    expect(
      checkPrinterSettings({ ...BASE, receipt_printer: { kind: 'network', address: ' 10.0.0.5 ' }, sheet_printer: ' A4 ' }),
    ).toMatchObject({ receipt_printer: { kind: 'network', address: '10.0.0.5' }, sheet_printer: 'A4' });
    expect(verdict(() => checkPrinterSettings({ ...BASE, receipt_width_mm: 76 }))).toBe('invalid_settings receipt_width_mm');
  });

  test("the role is checked before the values, as set_printers does, and a refusal saves nothing", async () => {
    const backend = new WebBackend({ signedIn: 'Lan' });
    const bad = { ...BASE, sheet_printer: 'Van Phong' };
    expect(await refusal(backend.setPrinters(bad))).toBe('permission_denied');
    const approval = { manager: (await backend.listStaff()).find((s) => s.name === 'Tuấn')!.id, pin: '3333' };
    expect(await refusal(backend.setPrinters(bad, approval))).toBe('invalid_settings sheet_printer');
    expect((await backend.setupPrinters()).settings).toEqual(BASE);
  });
});

/** Trần Minh Anh's punch card in the demo. */
const MINH_ANH_CARD = '0190d5a0-0000-7000-7e47-0000000de300';

const WALK_IN: SaleInput = {
  lines: [{ kind: 'item', name: 'Dầu gội', unit_price: 120_000, quantity: 1 }],
  payments: [{ tender: 'cash', amount: 120_000 }],
};

function printingBackend(options: WebBackendOptions = {}): WebBackend {
  return new WebBackend({
    signedIn: 'Lan',
    printing: { chosen: { receipt_printer: { kind: 'network', address: '192.168.1.50:9100' }, sheet_printer: 'VanPhong_A4' } },
    ...options,
  });
}

describe('printing', () => {
  test('a receipt by its number or its id; a thermal printer gives no job id, a queue does', async () => {
    const backend = printingBackend();
    const sale = await backend.recordSale(WALK_IN);
    expect(await backend.printReceipt(sale.number.toLowerCase())).toEqual({ printer: '192.168.1.50:9100', copy: false });
    expect(await backend.printReceipt(sale.id)).toEqual({ printer: '192.168.1.50:9100', copy: true });
    expect(await backend.printStatement(MINH_ANH_CARD)).toEqual({ printer: 'VanPhong_A4', job: 'VanPhong_A4-1', copy: false });
    expect(backend.recordedSales()[0]?.printed).toBe(2);
  });

  test('refusals: no such sale, a treatment id that is none, signed out, and a therapist without approval', async () => {
    const backend = printingBackend();
    expect(await refusal(backend.printReceipt('K7M-000099'))).toBe('not_found');
    expect(await refusal(backend.printStatement('the card'))).toBe('invalid_id');
    expect(await refusal(backend.printStatement('0190d5a0-0000-7000-8000-000000000999'))).toBe('not_found');
    await backend.signOut();
    expect(await refusal(backend.printReceipt('K7M-000001'))).toBe('signed_out');

    const therapist = printingBackend({ signedIn: 'Minh' });
    expect(await refusal(therapist.printDayReport(null))).toBe('permission_denied');
  });

  test('a receipt that did not print is not counted, so the next one is still the original', async () => {
    const backend = printingBackend({ printing: { chosen: { receipt_printer: { kind: 'system', queue: 'Quay' } }, off: true } });
    const sale = await backend.recordSale(WALK_IN);
    expect(await refusal(backend.printReceipt(sale.number))).toBe('printer_unreachable');
    expect(backend.recordedSales()[0]?.printed).toBe(0);
    // What the person may do is asked before the printer is tried.
    expect(await refusal(backend.printDayReport(null))).toBe('permission_denied');
    backend.setPrintersOff(false);
    expect(await backend.printReceipt(sale.number)).toMatchObject({ printer: 'Quay', copy: false });
  });
});

describe('payment codes', () => {
  test("CRC-16/CCITT-FALSE gives the catalogue's check value", () => {
    expect(crc16('123456789')).toBe(0x29b1);
  });

  test('a static QRIS: the published sample passes; a wrong CRC, currency or country does not', () => {
    expect(checkQris(`  ${SUNARY_QRIS}\n`)).toBe(SUNARY_QRIS);
    expect(checkQris('   ')).toBe('');
    const reseal = (body: string) => `${body}6304${crc16(`${body}6304`).toString(16).toUpperCase().padStart(4, '0')}`;
    const body = SUNARY_QRIS.slice(0, -8);
    expect(checkQris(reseal(body))).toBe(reseal(body));
    for (const bad of [
      SUNARY_QRIS.replace('JAKARTA', 'JAKARTB'),
      reseal(body.replace('5303360', '5303840')),
      reseal(body.replace('5802ID', '5802VN')),
      reseal(body.replace('000201', '000202')),
      'hello',
      `${SUNARY_QRIS}0`,
      reseal(body.replace('JAKARTA', 'JAKARTÀ')),
    ]) {
      expect(verdict(() => checkQris(bad)), bad).toBe('invalid_settings qris');
    }
  });

  test('a bank account: BIN 970xxx, the number without separators, the holder trimmed; all blank is none', () => {
    expect(checkBankAccount({ bank_bin: ' 970415 ', bank_account: '0011 0019-32.418', bank_holder: '  Spa Hoa Sen ' })).toEqual({
      bank_bin: '970415',
      bank_account: '0011001932418',
      bank_holder: 'Spa Hoa Sen',
    });
    expect(checkBankAccount({ bank_bin: ' ', bank_account: null })).toEqual({ bank_bin: '', bank_account: '', bank_holder: '' });
    expect(verdict(() => checkBankAccount({ bank_bin: '', bank_account: '123' }))).toBe('invalid_settings bank_bin');
    expect(verdict(() => checkBankAccount({ bank_bin: '971415', bank_account: '123' }))).toBe('invalid_settings bank_bin');
    expect(verdict(() => checkBankAccount({ bank_bin: '970415', bank_account: '' }))).toBe('invalid_settings bank_account');
    expect(verdict(() => checkBankAccount({ bank_bin: '970415', bank_account: '1'.repeat(20) }))).toBe('invalid_settings bank_account');
    expect(verdict(() => checkBankAccount({ bank_bin: '970415', bank_account: '12', bank_holder: 'x'.repeat(71) }))).toBe(
      'too_long account name',
    );
  });
});
