import { BackendError, type Approval, type DayReport, type PrintOutcome, type TreatmentView } from './backend';
import { PAPERS, RECEIPT_WIDTHS_MM, type PrinterSettings, type PrintersView } from './setup';
import type { ReceiptPrinter } from './bindings/ReceiptPrinter';
import type { Till } from './web-checkout';
import { authorize, type Authority, type StaffDesk } from './web-staff';

// The fake's printers: Settings › Printers (src-tauri/commands/setup/
// printers.rs, counter_settings.rs) and the printing commands
// (src-tauri/commands/printing.rs), with the shell's checks, codes, fields
// and order. Nothing is printed: a job "reaches" the chosen printer unless
// the printers are off, and only then is a receipt counted as printed.

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface PrintingOptions {
  /** The system's print queues; `null` for a computer without CUPS. Two demo queues by default. */
  queues?: string[] | null;
  /** The system's default queue. */
  systemDefault?: string | null;
  /** What this counter has chosen; nothing by default, as at the app's first start. */
  chosen?: Partial<PrinterSettings>;
  /** The printers are off: every job fails with `printer_unreachable`, as a printer nobody answers at. */
  off?: boolean;
}

/** What the fake's other parts lend the printers. */
export interface PrintingDeps {
  staff: StaffDesk;
  till: Till;
  treatment(id: string): TreatmentView;
  report(date: string | null, who: Authority): DayReport;
  /** Ops written here that the server has not acknowledged yet. */
  wrote(ops: number): void;
  pause(): Promise<void>;
}

export const DEMO_QUEUES = ['Quay_EPSON_TM_T82', 'VanPhong_A4'];

export class PrintersDesk {
  private settings: PrinterSettings;
  private readonly queues: string[] | null;
  private readonly systemDefault: string | null;
  private off: boolean;
  private jobs = 0;

  constructor(
    private readonly deps: PrintingDeps,
    options: PrintingOptions = {},
  ) {
    this.queues = options.queues === undefined ? [...DEMO_QUEUES] : options.queues && [...options.queues];
    this.systemDefault = this.queues === null ? null : (options.systemDefault ?? null);
    this.off = options.off ?? false;
    this.settings = checkPrinterSettings({
      receipt_printer: null,
      receipt_width_mm: 80,
      sheet_printer: null,
      statement_paper: 'a5',
      ...structuredClone(options.chosen),
    });
  }

  /** Turns the printers off (every job fails) or back on, for tests and demos. */
  setOff(off: boolean): void {
    this.off = off;
  }

  async setupPrinters(): Promise<PrintersView> {
    await this.deps.pause();
    this.deps.staff.actor();
    const view: PrintersView = { settings: structuredClone(this.settings), found: [...(this.queues ?? [])] };
    if (this.systemDefault) view.system_default = this.systemDefault;
    if (this.queues === null) view.problem = 'no_cups';
    return view;
  }

  /** A manager's or owner's change: the role is checked before the values, as the shell does. */
  async setPrinters(settings: PrinterSettings, approval?: Approval | null): Promise<PrinterSettings> {
    await this.deps.pause();
    authorize(this.deps.staff.authority(approval), 'edit_settings');
    this.settings = checkPrinterSettings(structuredClone(settings));
    return structuredClone(this.settings);
  }

  async printReceipt(sale: string): Promise<PrintOutcome> {
    await this.deps.pause();
    const actor = this.deps.staff.actor();
    const view = this.deps.till.sale(sale);
    const printer = this.settings.receipt_printer;
    if (!printer) throw noPrinter('receipt_printer', 'no receipt printer');
    const outcome = this.handOver(printerName(printer), printer.kind === 'system', view.printed > 0);
    this.deps.till.receiptPrinted(view.number, actor);
    this.deps.wrote(1);
    return outcome;
  }

  async printStatement(treatment: string): Promise<PrintOutcome> {
    await this.deps.pause();
    if (!UUID.test(treatment.trim())) {
      throw new BackendError('invalid_id', `${JSON.stringify(treatment)} is not a treatment id (a UUID)`);
    }
    this.deps.staff.actor();
    this.deps.treatment(treatment.trim());
    return this.handOver(this.sheetPrinter(), true, false);
  }

  async printDayReport(date: string | null, approval?: Approval | null): Promise<PrintOutcome> {
    await this.deps.pause();
    this.deps.report(date, this.deps.staff.authority(approval));
    return this.handOver(this.sheetPrinter(), true, false);
  }

  private sheetPrinter(): string {
    const queue = this.settings.sheet_printer;
    if (!queue) throw noPrinter('sheet_printer', 'no printer for statements and reports');
    return queue;
  }

  /** The job reaches `printer`, or fails as one that is off; a system queue gives a job id (`lp`'s). */
  private handOver(printer: string, queued: boolean, copy: boolean): PrintOutcome {
    if (this.off) {
      throw new BackendError('printer_unreachable', `cannot reach ${printer}: nothing answered`);
    }
    const outcome: PrintOutcome = { printer, copy };
    if (queued) outcome.job = `${printer}-${++this.jobs}`;
    return outcome;
  }
}

/** `no_printer` on the settings' `field`: nothing is chosen for it at this counter. */
function noPrinter(field: 'receipt_printer' | 'sheet_printer', what: string): BackendError {
  return new BackendError('no_printer', `${what} is chosen for this counter: choose one in Settings › Printers`, field);
}

/** The queue, address or path, as the settings and the outcome name it. */
export function printerName(printer: ReceiptPrinter): string {
  switch (printer.kind) {
    case 'system':
      return printer.queue;
    case 'network':
      return printer.address;
    case 'device':
      return printer.path;
  }
}

/**
 * `PrinterSettings::validated`: the roll's width, blanks meaning none, each
 * printer as dispatch would take it; `invalid_settings` on the field at fault.
 */
export function checkPrinterSettings(settings: PrinterSettings): PrinterSettings {
  if (!(RECEIPT_WIDTHS_MM as readonly number[]).includes(settings.receipt_width_mm)) {
    throw new BackendError(
      'invalid_settings',
      `a receipt roll is 80 or 58 mm wide, not ${settings.receipt_width_mm}`,
      'receipt_width_mm',
    );
  }
  if (!PAPERS.includes(settings.statement_paper)) {
    throw new BackendError('invalid_settings', `unknown paper ${String(settings.statement_paper)}`, 'statement_paper');
  }
  const receipt = settings.receipt_printer ? trimmed(settings.receipt_printer) : null;
  const receiptPrinter = receipt && printerName(receipt) !== '' ? receipt : null;
  const sheetPrinter = settings.sheet_printer?.trim() || null;
  if (receiptPrinter) {
    // A device file is only checked for being there when it is written to.
    const problem =
      receiptPrinter.kind === 'network'
        ? addressProblem(receiptPrinter.address)
        : receiptPrinter.kind === 'system'
          ? queueProblem(receiptPrinter.queue)
          : null;
    if (problem) throw new BackendError('invalid_settings', `invalid printer: ${problem}`, 'receipt_printer');
  }
  const sheetProblem = sheetPrinter === null ? null : queueProblem(sheetPrinter);
  if (sheetProblem) throw new BackendError('invalid_settings', `invalid printer: ${sheetProblem}`, 'sheet_printer');
  return {
    receipt_printer: receiptPrinter,
    receipt_width_mm: settings.receipt_width_mm,
    sheet_printer: sheetPrinter,
    statement_paper: settings.statement_paper,
  };
}

function trimmed(printer: ReceiptPrinter): ReceiptPrinter {
  switch (printer.kind) {
    case 'system':
      return { kind: 'system', queue: printer.queue.trim() };
    case 'network':
      return { kind: 'network', address: printer.address.trim() };
    case 'device':
      return { kind: 'device', path: printer.path.trim() };
  }
}

/** `check_queue`: what CUPS takes as a queue's name (and `lp` as an argument). */
function queueProblem(queue: string): string | null {
  const valid =
    queue !== '' &&
    new TextEncoder().encode(queue).length <= 127 &&
    !queue.startsWith('-') &&
    // Control characters, whitespace, and what CUPS reserves in a queue's name.
    !/[\p{Cc}\s/#\\]/u.test(queue);
  return valid ? null : `${JSON.stringify(queue)} is not a print queue's name`;
}

const DEFAULT_PORT = 9100;

/** `thermal::parse_address`: `host[:port]`, an IP address or a host name, port 1-65535 (9100 when absent). */
function addressProblem(address: string): string | null {
  const bad = (why: string) => `${JSON.stringify(address)}: ${why}`;
  if (address === '') return bad('an address is needed, e.g. 192.168.1.50:9100');
  const bracketed = /^\[([0-9A-Fa-f:.]+)\]:(\d+)$/.exec(address);
  // A bare IPv6 address (two colons or more) has no port: the default one.
  if (!bracketed && (address.match(/:/g)?.length ?? 0) >= 2 && /^[0-9A-Fa-f:.]+$/.test(address)) return null;
  const colon = address.lastIndexOf(':');
  let host = address;
  let port = DEFAULT_PORT;
  if (colon >= 0) {
    host = address.slice(0, colon);
    const text = address.slice(colon + 1);
    port = /^\d{1,5}$/.test(text) ? Number(text) : NaN;
    if (!(port >= 1 && port <= 65_535)) return bad('the port must be a number from 1 to 65535');
  }
  host = host.replace(/^\[+/, '').replace(/\]+$/, '');
  if (host === '' || !/^[A-Za-z0-9.:-]+$/.test(host)) return bad('not a host name or IP address');
  return null;
}
