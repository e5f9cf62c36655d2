import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { CAREDESK, type RealCounter } from './counter';

// What the till's specs (checkout, calendar, ledgers, manager, approvals,
// printing, settings) put in place on the real counter: the regulars the
// fake used to hold, recreated with `caredesk customer add` (their names do
// not collide with the demo's 300 generated customers when searched in
// full), and the commands that make their bookings, cards and tickets.

export interface Regular {
  name: string;
  /** As a receptionist types it; the store keeps it in E.164. */
  phone: string;
}

export const HUNG: Regular = { name: 'Nguyễn Văn Hùng', phone: '0903 111 222' };
export const HA: Regular = { name: 'Đặng Thu Hà', phone: '0987 654 321' };
export const ANH: Regular = { name: 'Trần Minh Anh', phone: '0938 222 333' };
export const YEN: Regular = { name: 'Lê Hoàng Yến', phone: '0971 444 555' };
export const BAO: Regular = { name: 'Phạm Quốc Bảo', phone: '0366 777 888' };
export const SITI: Regular = { name: 'Siti Rahayu', phone: '0798 123 456' };
export const TAM: Regular = { name: 'Bùi Thanh Tâm', phone: '0356 246 810' };
export const MAI: Regular = { name: 'Nguyễn Thị Mai', phone: '0912 345 678' };

// `scene(...)`, the form every multi-command `setup` takes: fixtures.ts.
export { scene } from './fixtures';

/** `caredesk customer add` for a regular: a `setup` entry. */
export function register(who: Regular): string[] {
  return ['customer', 'add', '--name', who.name, '--phone', who.phone];
}

/** This register's drawer opened with a float: the store takes no cash before. */
export const OPEN_DRAWER = ['drawer', 'open', '1000000'];

/** The demo services, by name. */
export const MASSAGE = 'Massage body 60 phút';
export const FACIAL = 'Chăm sóc da mặt';
export const HAIR_WASH = 'Gội đầu dưỡng sinh';

/**
 * `caredesk` on the counter's database as if its clock said `now` (local
 * time, YYYY-MM-DDTHH:MM): what happened earlier today, such as a booking
 * made this morning for 09:00 (the store refuses to book the past, and
 * bookings for today less than an hour ahead). `counter.cli` always runs at
 * the spec's 14:30.
 */
export function at(counter: RealCounter, now: string, ...args: string[]): Promise<unknown> {
  return new Promise((ok, fail) => {
    execFile(CAREDESK, ['--db', counter.db, '--json', '--now', now, ...args], (error, stdout, stderr) => {
      if (error) fail(new Error(`caredesk --now ${now} ${args.join(' ')}: ${stderr || error.message}`));
      else ok(stdout.trim() === '' ? null : JSON.parse(stdout));
    });
  });
}

/** A booking made at 07:30 this morning: its id. */
export async function bookedThisMorning(
  counter: RealCounter,
  who: Regular,
  service: string,
  staff: string,
  start: string,
): Promise<string> {
  const booking = (await at(
    counter,
    '2026-11-21T07:30',
    'booking',
    'add',
    '--customer',
    who.phone,
    '--service',
    service,
    '--staff',
    staff,
    '--start',
    start,
  )) as { id: string };
  return booking.id;
}

/**
 * Tuấn massages too, 10:00 to 20:00, Sundays off (the demo gives him no
 * hours): `setup` entries.
 */
export const TUAN_MASSAGES: string[][] = [
  ['staff', 'services', 'Tuấn', '--service', MASSAGE],
  ['staff', 'hours', 'Tuấn', '--day', 'all', '--from', '10:00', '--to', '20:00'],
  ['staff', 'hours', 'Tuấn', '--day', 'sun', '--off'],
];

/** The calendar's regulars, registered: `setup` entries. */
export const CALENDAR_REGULARS: string[][] = [YEN, TAM, BAO, SITI].map(register);

/**
 * Today around 14:30, made this morning and moved along as the day went:
 * Tâm's massage with Minh at 09:00 done, Siti's facial with Hoa at 09:30
 * done, Bảo not come for his 11:00 hair wash, Siti checked in for her 14:00
 * facial, Bảo's massage with Minh at 15:30 to come.
 */
export async function calendarDay(counter: RealCounter): Promise<void> {
  const tam = await bookedThisMorning(counter, TAM, MASSAGE, 'Minh', '2026-11-21T09:00');
  const siti = await bookedThisMorning(counter, SITI, FACIAL, 'Hoa', '2026-11-21T09:30');
  const bao = await bookedThisMorning(counter, BAO, HAIR_WASH, 'Hoa', '2026-11-21T11:00');
  const later = await bookedThisMorning(counter, SITI, FACIAL, 'Hoa', '2026-11-21T14:00');
  await bookedThisMorning(counter, BAO, MASSAGE, 'Minh', '2026-11-21T15:30');
  await at(counter, '2026-11-21T08:55', 'booking', 'check-in', tam);
  await at(counter, '2026-11-21T09:25', 'booking', 'check-in', siti);
  await at(counter, '2026-11-21T10:05', 'booking', 'complete', tam);
  await at(counter, '2026-11-21T10:50', 'booking', 'complete', siti);
  await at(counter, '2026-11-21T11:30', 'booking', 'no-show', bao);
  await at(counter, '2026-11-21T13:55', 'booking', 'check-in', later);
}

/**
 * This morning's takings at the counter, rung up by Lan (no cash: the
 * drawer is opened in the manager's spec): two creams on the card
 * (1 200 000 and 1 450 000), a course paid by transfer (4 050 000). With
 * calendarDay, the day's revenue is 6 700 000 over three sales, and two
 * sessions were done.
 */
export async function morningSales(counter: RealCounter): Promise<void> {
  const sale = (time: string, who: Regular, item: string, pay: string) =>
    at(counter, `2026-11-21T${time}`, '--as', 'Lan', 'sale', 'add', '--customer', who.phone, '--item', item, '--pay', pay);
  await sale('09:40', TAM, 'Kem dưỡng da:1200000', 'card:1200000:T-01');
  await sale('10:55', SITI, 'Tinh dầu massage:1450000', 'card:1450000:T-02');
  await sale('11:20', YEN, 'Liệu trình thải độc:4050000', 'transfer:4050000:FT-03');
}

/**
 * A thermal receipt printer on the network, as the counter reaches one: a
 * TCP port on 127.0.0.1 that takes the ESC/POS bytes the store sends. The
 * spec closes it at the end.
 */
export interface ThermalPrinter {
  /** `127.0.0.1:PORT`, as typed in Settings › Printers. */
  address: string;
  /** How many jobs (connections that sent something) it has taken. */
  jobs(): number;
  close(): Promise<void>;
}

export async function thermalPrinter(): Promise<ThermalPrinter> {
  let jobs = 0;
  const server = createServer((socket) => {
    let bytes = 0;
    socket.on('data', (chunk) => (bytes += chunk.length));
    socket.on('end', () => {
      if (bytes > 0) jobs++;
      socket.end();
    });
    socket.on('error', () => {});
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return {
    address: `127.0.0.1:${port}`,
    jobs: () => jobs,
    close: () => new Promise((ok) => server.close(() => ok())),
  };
}

/**
 * The counter's printers, as Settings › Printers saves them (`set_printers`
 * writes counter-settings.json next to the database, and every print reads
 * it): receipts to a thermal printer at `address`, statements and reports
 * to the system queue `sheet`.
 */
export function choosePrinters(counter: RealCounter, address: string, sheet: string): void {
  const printing = {
    receipt_printer: { kind: 'network', address },
    receipt_width_mm: 80,
    sheet_printer: sheet,
    statement_paper: 'a4',
  };
  writeFileSync(join(dirname(counter.db), 'counter-settings.json'), JSON.stringify({ printing }));
}

/** A punch card of ten massages in the catalog: its name, and its `setup` entry. */
export const MASSAGE_CARD_NAME = 'Thẻ 10 buổi massage';
export const MASSAGE_CARD = [
  'package',
  'add',
  '--name',
  MASSAGE_CARD_NAME,
  '--sessions',
  '10',
  '--valid-days',
  '180',
  '--price',
  '4000000',
  '--service',
  MASSAGE,
];
