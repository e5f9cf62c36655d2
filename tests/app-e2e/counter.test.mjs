// The real desktop app end to end: WebKitWebDriver drives the window that
// tauri-driver starts (tests/app-e2e.sh sets up Xvfb, the drivers and a
// fresh database), and the `caredesk` command then reads the same SQLite
// file to check that what the receptionist did is what the store holds.
//
//   APP, CLI, CAREDESK_DB, WEBDRIVER_URL, SHOTS   (set by tests/app-e2e.sh)

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { addItem, folded, openCustomer, openDrawer, pay, signIn } from './steps.mjs';
import { Key, Session } from './webdriver.mjs';

const { APP, CLI, CAREDESK_DB, WEBDRIVER_URL, SHOTS } = process.env;
// The test CUPS (scripts/test-cups.sh) the app prints to: its cups-pdf
// queue and the folder the queue writes its PDFs to.
const { CAREDESK_TEST_CUPS_QUEUE: QUEUE, CAREDESK_TEST_CUPS_OUT: PRINTED } = process.env;
for (const [name, value] of Object.entries({ APP, CLI, CAREDESK_DB, WEBDRIVER_URL, QUEUE, PRINTED })) {
  assert.ok(value, `${name} is not set: run tests/app-e2e.sh`);
}

const started = Date.now();

/** The `caredesk` command on the app's database, as JSON. */
function caredesk(...args) {
  const at = Date.now();
  const out = execFileSync(CLI, ['--db', CAREDESK_DB, '--json', ...args], { encoding: 'utf8' });
  console.error(`app-e2e: ${((Date.now() - started) / 1000).toFixed(1)} s: caredesk ${args.join(' ')}: ${Date.now() - at} ms`);
  return JSON.parse(out);
}

let app;
let shots = 0;

/**
 * Marks a step in the log with the seconds since the start, and keeps a
 * screenshot of the screen. X11's, not WebDriver's: WebKitWebDriver's
 * screenshot can wait minutes for a repaint of a page that is not changing.
 */
function shot(name) {
  console.error(`app-e2e: ${((Date.now() - started) / 1000).toFixed(1)} s: ${name}`);
  if (!SHOTS) return;
  shots += 1;
  execFileSync('import', ['-display', process.env.DISPLAY, '-window', 'root', `${SHOTS}/${String(shots).padStart(2, '0')}-${name}.png`]);
}

before(async () => {
  app = await Session.start(WEBDRIVER_URL, APP);
  // The whole screen, so a screenshot of the screen is one of the window
  // (there is no window manager to place it).
  await app.call('POST', '/window/rect', { x: 0, y: 0, width: 1280, height: 800 });
});

after(async () => {
  console.error(`app-e2e: ${((Date.now() - started) / 1000).toFixed(1)} s: closing`);
  await app?.end().catch(() => {});
  console.error(`app-e2e: ${((Date.now() - started) / 1000).toFixed(1)} s: closed`);
});

/** The PDFs cups-pdf has written so far. */
function printedFiles() {
  return readdirSync(PRINTED).filter((name) => name.endsWith('.pdf'));
}

/** Waits for cups-pdf to write a PDF not in `before`; its page size in millimetres. */
async function nextPrinted(before) {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const added = printedFiles().filter((name) => !before.includes(name));
    // cups-pdf writes the file, then gives it its owner: wait for a whole PDF.
    const whole = added.length > 0 && readFileSync(`${PRINTED}/${added[0]}`).includes('%%EOF');
    if (whole) {
      assert.equal(added.length, 1, `one job, not ${added}`);
      const info = execFileSync('pdfinfo', [`${PRINTED}/${added[0]}`], { encoding: 'utf8' });
      const [, width, height] = info.match(/Page size:\s+([\d.]+) x ([\d.]+) pts/) ?? [];
      assert.ok(width, info);
      return { file: added[0], width: (Number(width) / 72) * 25.4, height: (Number(height) / 72) * 25.4 };
    }
    assert.ok(Date.now() < deadline, `cups-pdf wrote nothing new in ${PRINTED}`);
    await new Promise((done) => setTimeout(done, 250));
  }
}

/** The day after `dd/mm/yyyy`, as `YYYY-MM-DD` (by the calendar: 31/12/2026 → 2027-01-01). */
function dayAfter(dayFirst) {
  const [d, m, y] = dayFirst.split('/').map(Number);
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}

/** The `sale.receipt_printed` ops, oldest first. */
function receiptsPrinted() {
  return caredesk('ops', 'list', '--kind', 'sale.receipt_printed').map((logged) => logged.op ?? logged);
}

test('Tuấn, a manager, chooses this counter\'s printers and opens the drawer: receipts and sheets on the test CUPS', async () => {
  await signIn(app, 'Tuấn', '3333', 30_000);
  await app.keys(Key.Control + '8' + Key.Release);
  await app.click(await app.button('Máy in', { timeout: 15_000 }));
  await app.click(await app.find('the system queue kind', 'return document.querySelector(\'input[name="receipt-kind"][value="system"]\');'));
  await app.select(await app.find('the receipt queue', 'return document.getElementById("receipt-queue");'), QUEUE);
  await app.select(await app.find('the sheet queue', 'return document.getElementById("sheet-queue");'), QUEUE);
  await app.click(await app.button('Lưu', { within: 'form[aria-label="Máy in"]' }));
  await app.waitForText('Đã lưu máy in.');
  shot('printers');
  // The day starts with the drawer: the sales below take cash.
  await openDrawer(app, 500_000);
  shot('drawer-open');
  // Ctrl+L locks the counter for the next person.
  await app.keys(Key.Control + 'l' + Key.Release);
});

test('Lan signs in, finds a customer, and checks out a sale paid in cash and by card', async () => {
  // The first start created the database with the demo staff and customers.
  const customer = caredesk('dump').customers[0];
  assert.ok(customer, 'the demo set has customers');

  await signIn(app, 'Lan', '1111');
  shot('signed-in');
  await openCustomer(app, customer.name);
  shot('customer');

  await app.click(await app.button('Thanh toán', { within: 'article' }));
  await app.byTestId('checkout-customer');
  await addItem(app, 'Tinh dầu bưởi', 350_000);
  await app.find('the total', 'return document.querySelector(\'[data-testid="checkout-total"]\')?.innerText.includes("350.000");');

  shot('checkout');
  // 200 000 in cash, the rest by card.
  const receipt = await pay(app, [
    ['Tiền mặt', 200_000],
    ['Thẻ', 150_000],
  ]);
  assert.match(await app.text(receipt), /350\.000/);
  shot('receipt');

  // What the store holds: one sale today, split between cash and card, made by Lan.
  const day = caredesk('report', 'day');
  assert.equal(day.sales, 1);
  assert.equal(day.revenue, 350_000);
  assert.deepEqual(day.by_method, { cash: 200_000, card: 150_000 });
  const [sale] = caredesk('dump').sales.map(([, s]) => s.sale);
  assert.equal(sale.lines[0].name, 'Tinh dầu bưởi');
  assert.deepEqual(sale.payments, [
    { tender: 'cash', amount: 200_000 },
    { tender: 'card', amount: 150_000 },
  ]);
  const log = caredesk('audit', '--staff', 'Lan');
  assert.ok(
    log.some((entry) => entry.staff === 'Lan' && /350\.000/.test(entry.text)),
    `no sale by Lan in the activity log: ${JSON.stringify(log)}`,
  );
});

test('Lan books a massage for tomorrow, completes it, checks it out in cash and by card and prints the receipt', async () => {
  const customer = caredesk('dump').customers[1];
  assert.ok(customer, 'the demo set has a second customer');

  // Tomorrow, so the slot is past the lead time whatever the clock says; the
  // demo calendar has Minh doing massages from 09:00 to 19:00 every day.
  await app.keys(Key.Control + '6' + Key.Release);
  await app.byTestId('column-Minh', 15_000);
  // The calendar's date field reads day first whatever WebKitGTK's locale
  // (a `type="date"` field showed 12/07/2026 for 7 December on en-US). Tomorrow
  // is typed into it as a receptionist does: the digits alone, the slashes
  // come by themselves, Enter.
  const field = await app.find('the calendar\'s date field', 'return document.querySelector(\'input[data-date-field][aria-label="Ngày"]\');');
  const today = await app.run('return arguments[0].value;', field);
  assert.match(today, /^\d{2}\/\d{2}\/\d{4}$/, `the calendar's date is dd/mm/yyyy, not ${today}`);
  const tomorrow = dayAfter(today);
  const [ty, tm, td] = tomorrow.split('-');
  await app.clear(field);
  await app.type(field, `${td}${tm}${ty}` + Key.Enter);
  await app.find(
    `the calendar on ${td}/${tm}/${ty}`,
    'return arguments[0].value === arguments[1] && document.querySelector(\'[data-testid="calendar-date"]\')?.innerText.endsWith(arguments[1]);',
    [field, `${td}/${tm}/${ty}`],
  );
  await app.click(await app.find('the free cell at 17:00 with Minh', 'return document.querySelector(\'[data-testid="column-Minh"] [data-time="17:00"]\');'));
  await app.byTestId('booking-form');
  await app.type(await app.field('Khách hàng'), folded(customer.name));
  await app.click(await app.button(customer.name, { within: '[data-testid="booking-form"]' }));
  await app.select(await app.field('Dịch vụ'), 'Massage body 60 phút');
  shot('booking-form');
  await app.click(await app.button('Đặt lịch', { within: '[data-testid="booking-form"] form, [data-testid="booking-form"]' }));
  await app.find('the booking form closed', 'return !document.querySelector(\'[data-testid="booking-form"]\');');
  const block = await app.find(
    `the booking of ${customer.name}`,
    'return [...document.querySelectorAll(\'[data-testid="booking-block"]\')].find((b) => b.getAttribute("aria-label").includes(arguments[0]));',
    [customer.name],
  );
  shot('calendar');

  // Enter on the block opens its details, as a click does.
  await app.focus(block);
  await app.keys(Key.Enter);
  await app.click(await app.button('Khách đã đến', { within: '[role="dialog"]' }));
  await app.find('checked in', 'return document.querySelector(\'[data-testid="booking-status"]\')?.innerText === "Đã đến";');
  await app.click(await app.button('Hoàn thành', { within: '[role="dialog"]' }));
  await app.find('completed', 'return document.querySelector(\'[data-testid="booking-status"]\')?.innerText === "Hoàn thành";');
  shot('booking-completed');
  await app.click(await app.button('Thanh toán', { within: '[role="dialog"]' }));
  await app.find('the massage in the cart', 'return document.querySelector(\'[data-testid="cart-line"]\')?.innerText.includes("Massage body 60 phút");');

  shot('booking-checkout');
  // 200 000 in cash, 250 000 by card.
  const receipt = await pay(app, [
    ['Tiền mặt', 200_000],
    ['Thẻ', 250_000],
  ]);
  assert.match(await app.text(receipt), /450\.000/);
  shot('booking-receipt');

  // Ctrl+P prints the receipt on the counter's receipt printer: an 80 mm
  // roll as long as the receipt. Printed again, it is a copy.
  let before = printedFiles();
  await app.keys(Key.Control + 'p' + Key.Release);
  await app.waitForText(`Đã in trên ${QUEUE}`, 30_000);
  const roll = await nextPrinted(before);
  assert.ok(Math.abs(roll.width - 80) < 1, `an 80 mm roll, not ${roll.width} mm`);
  assert.ok(roll.height > 60 && roll.height < 400, `as long as its content: ${roll.height} mm`);
  shot('receipt-printed');
  before = printedFiles();
  await app.click(await app.byTestId('print-receipt'));
  await app.waitForText(`Đã in bản sao trên ${QUEUE}`, 30_000);
  await nextPrinted(before);

  // What the store holds: the booking completed with Minh tomorrow at 17:00,
  // and a sale of it paid half and half.
  const dump = caredesk('dump');
  const bookings = dump.bookings.filter(([, b]) => b.customer === customer.id);
  assert.equal(bookings.length, 1, JSON.stringify(bookings));
  const [[id, booking]] = bookings;
  assert.equal(booking.status, 'COMPLETED');
  // The demo business is in Asia/Ho_Chi_Minh (UTC+7 all year).
  assert.equal(Date.parse(booking.items[0].start), Date.parse(`${tomorrow}T17:00:00+07:00`));
  const sale = dump.sales.map(([, s]) => s.sale).find((s) => s.customer === customer.id);
  assert.ok(sale, `no sale for ${customer.name}`);
  assert.equal(sale.lines.length, 1);
  assert.equal(sale.lines[0].booking, id);
  assert.deepEqual(sale.payments, [
    { tender: 'cash', amount: 200_000 },
    { tender: 'card', amount: 250_000 },
  ]);
  // Both prints are in the op log, on this sale, the second a copy.
  const printed = receiptsPrinted();
  assert.deepEqual(
    printed.map((op) => [op.body.copy, op.body.width_mm]),
    [
      [false, 80],
      [true, 80],
    ],
  );
  const [saleId] = dump.sales.find(([, s]) => s.sale.customer === customer.id);
  assert.ok(printed.every((op) => op.entity === saleId), JSON.stringify({ printed, saleId }));
  const day = caredesk('report', 'day');
  assert.equal(day.sales, 2);
  assert.deepEqual(day.by_method, { cash: 400_000, card: 400_000 });
});

test('Tuấn, a manager, sees the day in the report, prints it, and the settings and tickets screens open', async () => {
  // Ctrl+L locks the counter; the manager signs in with his own PIN.
  await app.keys(Key.Control + 'l' + Key.Release);
  await signIn(app, 'Tuấn', '3333');

  // The report adds up the two sales the tests above made: 800 000 đồng.
  await app.keys(Key.Control + '9' + Key.Release);
  await app.find('the revenue KPI', 'return document.querySelector(\'[data-testid="kpi-revenue"]\')?.innerText.includes("800.000");', [], 15_000);
  const sales = await app.text(await app.byTestId('kpi-sales'));
  assert.match(sales, /\b2\b/);
  shot('manager');

  // The day's report on the sheet printer, on A5 (the default sheet).
  const before = printedFiles();
  await app.click(await app.byTestId('print-report'));
  await app.waitForText(`Đã in trên ${QUEUE}`, 30_000);
  const sheet = await nextPrinted(before);
  assert.ok(Math.abs(sheet.width - 148) < 1 && Math.abs(sheet.height - 210) < 1, `A5, not ${sheet.width} x ${sheet.height} mm`);

  // Settings, on its services: the three the first start added.
  await app.keys(Key.Control + '8' + Key.Release);
  await app.click(await app.button('Dịch vụ', { timeout: 15_000 }));
  await app.waitForText('Massage body 60 phút');
  shot('settings');

  await app.keys(Key.Control + '7' + Key.Release);
  await app.find('the tickets tab', 'return document.querySelector(\'[role="tab"][aria-selected="true"]\')?.getAttribute("aria-keyshortcuts") === "Control+7";');
  shot('tickets');
});
