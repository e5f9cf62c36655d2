import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, test } from 'vitest';
import App from '../App.svelte';
import type { BookableService, BookingStatus, BookingView, CalendarView, SheetEntry, Staff } from '../lib/backend/backend';
import { dayRange, mondayOf, slotStarts, type Column } from '../lib/components/calendar/grid';
import { addDays } from '../lib/dates';
import { demoCustomer, file, hit, HOA, LAN, MINH, quote, stubCounter, TUAN } from './answers-a';
import { booking, item } from './fixtures';
import { refuse, type Answers, type Stub } from './stub';

// The calendar over the store's answers for a day like the demo's, at 14:30
// on Saturday 21 November 2026 in Ho Chi Minh City: what the grid draws from
// them, what it sends (bookings, moves, status changes), and the store's
// refusals shown where they belong. Slots, clashes, cut-offs and the life
// cycle's rules are the store's (crates/domain).

const TODAY = '2026-11-21';
const NOW = '2026-11-21T14:30:00+07:00';
const GRID = { slot_minutes: 90, align_minutes: 30, lead_minutes: 60, cancel_cutoff_minutes: 60 };

const svc = (n: number) => `0190d5a0-0000-7000-8000-5e00000000${n}`;
const service = (n: number, name: string, category: string, minutes: number, price: number, staff: Staff[]): BookableService => ({
  id: svc(n),
  name,
  category,
  minutes,
  buffer_minutes: 15,
  price: { amount: price, currency: 'VND' },
  staff: staff.map((s) => s.id),
});
const SERVICES: BookableService[] = [
  service(11, 'Massage body 60 phút', 'Massage', 60, 450_000, [MINH, TUAN]),
  service(12, 'Massage đá nóng 90 phút', 'Massage', 90, 650_000, [MINH, TUAN]),
  service(13, 'Chăm sóc da mặt', 'Da mặt', 75, 550_000, [HOA]),
  service(14, 'Gội đầu dưỡng sinh', 'Gội đầu', 45, 150_000, [HOA, MINH]),
];

const TAM = demoCustomer(9, 'Bùi Thanh Tâm', '0356 246 810');
const BAO = demoCustomer(6, 'Phạm Quốc Bảo', '0366 777 888');
const SITI = demoCustomer(8, 'Siti Rahayu', '0798 123 456');
const YEN = demoCustomer(5, 'Lê Hoàng Yến', '0971 444 555');

const at = (date: string, time: string) => `${date}T${time}:00+07:00`;
function plus(time: string, minutes: number): string {
  const [h, m] = time.split(':').map(Number);
  const total = h! * 60 + m! + minutes;
  return `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;
}

interface Placed {
  entry: SheetEntry;
  staff: string;
}

function place(id: string, who: typeof TAM, service: number, staff: string, time: string, status: BookingStatus, date = TODAY): Placed {
  const what = SERVICES.find((s) => s.id === svc(service))!;
  return {
    staff,
    entry: {
      booking: id,
      item: 0,
      customer: who.id,
      customer_name: who.name,
      service: what.id,
      service_name: what.name,
      status,
      start: at(date, time),
      end: at(date, plus(time, what.minutes)),
    },
  };
}

/** The demo's day, as the store's day sheet lists it. */
const DAY: Placed[] = [
  place('bk-tam-0900', TAM, 11, MINH.id, '09:00', 'COMPLETED'),
  place('bk-bao-1530', BAO, 11, MINH.id, '15:30', 'CONFIRMED'),
  place('bk-siti-0930', SITI, 13, HOA.id, '09:30', 'COMPLETED'),
  place('bk-bao-1100', BAO, 14, HOA.id, '11:00', 'NO_SHOW'),
  place('bk-siti-1400', SITI, 13, HOA.id, '14:00', 'CHECKED_IN'),
  place('bk-tam-1630', TAM, 13, HOA.id, '16:30', 'PENDING'),
  place('bk-bao-1000', BAO, 12, TUAN.id, '10:00', 'CANCELLED'),
  place('bk-siti-1200', SITI, 11, TUAN.id, '12:00', 'COMPLETED'),
  place('bk-tam-1700', TAM, 12, TUAN.id, '17:00', 'CONFIRMED'),
];

const HOURS: Record<string, string[]> = { [HOA.id]: ['09:00-18:00'], [MINH.id]: ['09:00-19:00'], [TUAN.id]: ['10:00-20:00'] };

/** `calendar_day` as the store answers it for any date, with `placed` on their days. */
function calendarDay(placed: Placed[]) {
  return ({ date }: Record<string, unknown>): CalendarView => ({
    today: TODAY,
    now: NOW,
    grid: GRID,
    days: [
      {
        date: date as string,
        opening: ['08:00-20:00'],
        staff: [HOA, MINH, TUAN].map((s) => ({
          staff: s.id,
          name: s.name,
          hours: HOURS[s.id]!,
          bookings: placed.filter((p) => p.staff === s.id && p.entry.start.startsWith(date as string)).map((p) => p.entry),
          classes: [],
        })),
      },
    ],
  });
}

/** A booking's view as the store answers a change to it. */
function viewOf(placed: Placed, part: Partial<BookingView> = {}): BookingView {
  const who = [HOA, MINH, TUAN].find((s) => s.id === placed.staff)!;
  const what = SERVICES.find((s) => s.id === placed.entry.service)!;
  return booking({
    id: placed.entry.booking,
    customer: placed.entry.customer,
    customer_name: placed.entry.customer_name,
    status: placed.entry.status,
    start: placed.entry.start,
    end: placed.entry.end,
    items: [
      item({
        service: what.id,
        service_name: what.name,
        staff: who.id,
        staff_name: who.name,
        start: placed.entry.start,
        end: placed.entry.end,
        price: what.price,
      }),
    ],
    ...part,
  });
}

/** The day with `changed` in place of the booking of the same id (or added). */
function dayWith(...changed: Placed[]): Placed[] {
  const ids = new Set(changed.map((c) => c.entry.booking));
  return [...DAY.filter((p) => !ids.has(p.entry.booking)), ...changed];
}

function calendarAnswers(more: Answers = {}): Answers {
  return {
    calendar_day: calendarDay(DAY),
    services_for_booking: SERVICES,
    booking_slots: [],
    audit: [],
    tickets: [],
    ...more,
  };
}

async function openCalendar(more: Answers = {}): Promise<{ stub: Stub; user: ReturnType<typeof userEvent.setup> }> {
  const stub = stubCounter(LAN, calendarAnswers(more));
  const user = userEvent.setup();
  render(App, { props: { backend: stub.backend } });
  await screen.findByRole('combobox', { name: 'Tìm khách hàng' });
  await user.keyboard('{Control>}6{/Control}');
  await screen.findByTestId('column-Minh');
  return { stub, user };
}

function block(customer: string, time: string): HTMLElement {
  const found = screen
    .getAllByTestId('booking-block')
    .find((b) => b.textContent?.includes(customer) && b.textContent.includes(time));
  if (!found) throw new Error(`no block for ${customer} at ${time}`);
  return found;
}

const BAO_1530 = DAY[1]!;
const SITI_1400 = DAY[4]!;

describe('the calendar grid', () => {
  test('dates move by the calendar and the rows cover the opening hours', () => {
    expect(addDays('2026-11-30', 1)).toBe('2026-12-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(mondayOf('2026-11-21')).toBe('2026-11-16');
    expect(mondayOf('2026-11-16')).toBe('2026-11-16');
    const column: Column = { key: 'm', date: '2026-11-21', staff: 'm', staffName: 'Minh', title: 'Minh', hours: [[555, 1140]], bookings: [] };
    // 09:15 rounds up to 09:30, then every 90 minutes while a slot can start.
    expect([...slotStarts(column, { slot_minutes: 90, align_minutes: 30, lead_minutes: 60, cancel_cutoff_minutes: 60 })]).toEqual([
      570, 660, 750, 840, 930, 1020, 1110,
    ]);
    const view = {
      today: '2026-11-21',
      now: '2026-11-21T14:30:00+07:00',
      grid: { slot_minutes: 90, align_minutes: 30, lead_minutes: 60, cancel_cutoff_minutes: 60 },
      days: [{ date: '2026-11-21', opening: ['08:00-20:00'], staff: [] }],
    };
    expect(dayRange(view, 30)).toEqual([480, 1200]);
  });
});

describe('the calendar screen', () => {
  test('shows a column per staff member with hours and the day coloured by status', async () => {
    const { stub } = await openCalendar();
    expect(stub.callsTo('calendar_day').at(-1)).toEqual({ date: TODAY });
    expect(screen.getByTestId('calendar-date')).toHaveTextContent('21/11/2026');
    for (const [name, hours] of [
      ['Hoa', '09:00–18:00'],
      ['Minh', '09:00–19:00'],
      ['Tuấn', '10:00–20:00'],
    ] as const) {
      expect(screen.getByText(name, { selector: '.title strong' }).parentElement).toHaveTextContent(hours);
    }
    const statuses = screen.getAllByTestId('booking-block').map((b) => b.dataset.status);
    for (const status of ['PENDING', 'CONFIRMED', 'CHECKED_IN', 'COMPLETED', 'CANCELLED', 'NO_SHOW']) {
      expect(statuses).toContain(status);
    }
    const checkedIn = block('Siti Rahayu', '14:00');
    expect(checkedIn).toHaveAccessibleName('14:00–15:15 Siti Rahayu, Chăm sóc da mặt, Đã đến');
    // Before 09:00 Minh is not at work, and 14:00 has passed: neither books.
    const minh = within(screen.getByTestId('column-Minh'));
    expect(minh.getByRole('button', { name: 'Đặt lịch với Minh lúc 08:00, 21/11/2026' })).toHaveAttribute('aria-disabled', 'true');
    expect(minh.getByRole('button', { name: 'Đặt lịch với Minh lúc 14:00, 21/11/2026' })).toHaveAttribute('aria-disabled', 'true');
    expect(minh.getByRole('button', { name: 'Đặt lịch với Minh lúc 17:00, 21/11/2026' })).toHaveAttribute('aria-disabled', 'false');
  });

  test('a free cell opens the form for that staff member and time, and the booking made shows up', async () => {
    const made = place('bk-yen-1700', YEN, 11, MINH.id, '17:00', 'CONFIRMED');
    const { stub, user } = await openCalendar({
      find_customers: [hit(YEN)],
      customer_360: file(YEN),
      add_booking: viewOf(made),
    });
    await user.click(screen.getByRole('button', { name: 'Đặt lịch với Minh lúc 17:00, 21/11/2026' }));
    const form = within(await screen.findByTestId('booking-form'));
    expect(form.getByLabelText('Nhân viên')).toHaveValue(MINH.id);
    expect(form.getByLabelText('Giờ bắt đầu')).toHaveValue('17:00');
    expect(form.getByLabelText('Ngày')).toHaveValue('21/11/2026');
    // Minh does massages and hair; the facial is Hoa's.
    const services = within(form.getByLabelText('Dịch vụ')).getAllByRole('option').map((o) => o.textContent);
    expect(services.some((s) => s?.startsWith('Massage body 60 phút'))).toBe(true);
    expect(services.some((s) => s?.startsWith('Chăm sóc da mặt'))).toBe(false);

    await user.click(form.getByRole('button', { name: 'Đặt lịch' }));
    expect(await form.findByRole('alert')).toHaveTextContent('Chọn một khách hàng.');
    expect(stub.callsTo('add_booking')).toEqual([]);
    await user.type(form.getByLabelText('Khách hàng'), 'yen');
    await user.click(await form.findByRole('button', { name: /Lê Hoàng Yến/ }));
    expect(form.getByTestId('booking-customer')).toHaveTextContent('Lê Hoàng Yến');
    // The store's day from now on holds the booking.
    stub.answers.calendar_day = calendarDay(dayWith(made));
    const loads = stub.callsTo('calendar_day').length;
    await user.click(form.getByRole('button', { name: 'Đặt lịch' }));

    await waitFor(() => expect(screen.queryByTestId('booking-form')).toBeNull());
    expect(stub.callsTo('add_booking')).toEqual([
      { input: expect.objectContaining({ customer: YEN.id, staff: MINH.id, start: '2026-11-21T17:00', source: null }) },
    ]);
    expect(SERVICES.find((s) => s.id === (stub.callsTo('add_booking')[0]!.input as { service: string }).service)?.staff).toContain(MINH.id);
    expect(screen.getByTestId('calendar-notice')).toHaveTextContent('Đã đặt lịch cho Lê Hoàng Yến lúc 17:00, 21/11/2026.');
    await waitFor(() => expect(stub.callsTo('calendar_day').length).toBeGreaterThan(loads));
    const shown = await waitFor(() => block('Lê Hoàng Yến', '17:00'));
    expect(shown.dataset.status).toBe('CONFIRMED');
  });

  test('a booking on top of another is refused in the form with the translated reason', async () => {
    const { stub, user } = await openCalendar({
      find_customers: [hit(YEN)],
      customer_360: file(YEN),
      add_booking: refuse('double_booking', 'Minh is booked from 15:30 to 16:45'),
    });
    await user.click(screen.getByRole('button', { name: 'Đặt lịch với Minh lúc 17:00, 21/11/2026' }));
    const form = within(await screen.findByTestId('booking-form'));
    await user.type(form.getByLabelText('Khách hàng'), 'yen');
    await user.click(await form.findByRole('button', { name: /Lê Hoàng Yến/ }));
    const time = form.getByLabelText('Giờ bắt đầu');
    await user.clear(time);
    await user.type(time, '16:00');
    const loads = stub.callsTo('calendar_day').length;
    await user.click(form.getByRole('button', { name: 'Đặt lịch' }));
    expect(await form.findByRole('alert')).toHaveTextContent('Nhân viên đã có lịch hẹn vào giờ này.');
    expect(stub.callsTo('add_booking')).toEqual([
      { input: expect.objectContaining({ customer: YEN.id, staff: MINH.id, start: '2026-11-21T16:00' }) },
    ]);
    expect(screen.getByTestId('booking-form')).toBeInTheDocument();
    expect(stub.callsTo('calendar_day')).toHaveLength(loads);
  });

  test('a drop the store refuses snaps back and says why', async () => {
    const { stub } = await openCalendar({ reschedule_booking: refuse('in_the_past', 'the start has passed') });
    const bao = block('Phạm Quốc Bảo', '15:30');
    const target = within(screen.getByTestId('column-Minh')).getByRole('button', { name: /lúc 13:00/ });
    // jsdom lays nothing out: the cell under the pointer is the one the test names.
    // jsdom has no PointerEvent; a mouse event carries the same coordinates.
    if (!('PointerEvent' in window)) {
      Object.defineProperty(window, 'PointerEvent', { value: class extends MouseEvent {}, configurable: true });
    }
    const elementsFromPoint = document.elementsFromPoint;
    document.elementsFromPoint = () => [target];
    try {
      await fireEvent.pointerDown(bao, { button: 0, clientX: 10, clientY: 10, pointerId: 1 });
      await fireEvent.pointerMove(bao, { clientX: 10, clientY: 200, pointerId: 1 });
      expect(screen.getByTestId('drop-ghost')).toHaveTextContent('13:00');
      await fireEvent.pointerUp(bao, { clientX: 10, clientY: 200, pointerId: 1 });
    } finally {
      document.elementsFromPoint = elementsFromPoint;
    }
    expect(await screen.findByTestId('calendar-error')).toHaveTextContent('Thời gian này đã qua.');
    expect(stub.callsTo('reschedule_booking')).toEqual([
      { input: { booking: BAO_1530.entry.booking, item: 0, start: '2026-11-21T13:00', staff: null } },
    ]);
    expect(block('Phạm Quốc Bảo', '15:30').style.top).toBe(bao.style.top);
    expect(screen.queryByTestId('drop-ghost')).toBeNull();
  });

  test('the keyboard moves a booking: M on the block, then the new time', async () => {
    const moved = place(BAO_1530.entry.booking, BAO, 11, MINH.id, '17:00', 'CONFIRMED');
    const { stub, user } = await openCalendar({
      reschedule_booking: () => {
        stub.answers.calendar_day = calendarDay(dayWith(moved));
        return viewOf(moved);
      },
    });
    block('Phạm Quốc Bảo', '15:30').focus();
    await user.keyboard('m');
    const form = within(await screen.findByTestId('move-form'));
    const time = form.getByLabelText('Giờ bắt đầu');
    await user.clear(time);
    await user.type(time, '17:00');
    await user.click(form.getByRole('button', { name: 'Dời lịch' }));
    await waitFor(() => expect(screen.queryByTestId('move-form')).toBeNull());
    expect(stub.callsTo('reschedule_booking')).toEqual([
      { input: { booking: BAO_1530.entry.booking, item: 0, start: '2026-11-21T17:00', staff: null } },
    ]);
    expect(screen.getByTestId('calendar-notice')).toHaveTextContent('Đã dời lịch hẹn của Phạm Quốc Bảo sang 17:00, 21/11/2026 với Minh.');
    expect((await waitFor(() => block('Phạm Quốc Bảo', '17:00'))).dataset.status).toBe('CONFIRMED');
  });

  test('the move form takes a day typed day first, and refuses one the calendar does not have', async () => {
    const moved = place(BAO_1530.entry.booking, BAO, 11, MINH.id, '15:30', 'CONFIRMED', '2026-11-24');
    const { stub, user } = await openCalendar({ reschedule_booking: viewOf(moved) });
    block('Phạm Quốc Bảo', '15:30').focus();
    await user.keyboard('m');
    const form = within(await screen.findByTestId('move-form'));
    const day = form.getByLabelText('Ngày');
    expect(day).toHaveValue('21/11/2026');
    await user.clear(day);
    await user.type(day, '31/11/2026');
    await user.click(form.getByRole('button', { name: 'Dời lịch' }));
    expect(form.getByRole('alert')).toHaveTextContent('Không có ngày 31/11/2026.');
    expect(day).toHaveFocus();
    expect(stub.callsTo('reschedule_booking')).toEqual([]);
    expect(block('Phạm Quốc Bảo', '15:30').dataset.status).toBe('CONFIRMED');

    await user.clear(day);
    await user.type(day, '24/11/2026');
    await user.click(form.getByRole('button', { name: 'Dời lịch' }));
    await waitFor(() => expect(screen.queryByTestId('move-form')).toBeNull());
    // Tuesday 24 November, not a month that does not exist.
    expect(stub.callsTo('reschedule_booking')).toEqual([
      { input: { booking: BAO_1530.entry.booking, item: 0, start: '2026-11-24T15:30', staff: null } },
    ]);
    expect(screen.getByTestId('calendar-notice')).toHaveTextContent('Đã dời lịch hẹn của Phạm Quốc Bảo sang 15:30, 24/11/2026 với Minh.');
  });

  test("the day typed in the calendar's own date field is the day shown", async () => {
    const { stub, user } = await openCalendar();
    const day = screen.getByRole('textbox', { name: 'Ngày' });
    expect(day).toHaveValue('21/11/2026');
    await user.tripleClick(day);
    await user.keyboard('07/12/2026');
    expect(await screen.findByText('Thứ Hai, 07/12/2026')).toHaveAttribute('data-testid', 'calendar-date');
    await waitFor(() => expect(stub.callsTo('calendar_day').at(-1)).toEqual({ date: '2026-12-07' }));
    await user.keyboard('{ArrowDown}');
    expect(await screen.findByText('Chủ Nhật, 06/12/2026')).toHaveAttribute('data-testid', 'calendar-date');
    await waitFor(() => expect(stub.callsTo('calendar_day').at(-1)).toEqual({ date: '2026-12-06' }));
  });

  test('details move a booking through its day, and a completed one goes to checkout', async () => {
    const completed = { ...SITI_1400, entry: { ...SITI_1400.entry, status: 'COMPLETED' as const } };
    const { stub, user } = await openCalendar({
      booking_status: () => {
        stub.answers.calendar_day = calendarDay(dayWith(completed));
        return viewOf(completed);
      },
      booking: viewOf(completed),
      customer_360: file(SITI),
      packages_for_sale: [],
      quote_sale: quote({ customer: SITI.id, total: 550_000 }),
    });
    await user.click(block('Siti Rahayu', '14:00'));
    const details = within(await screen.findByRole('dialog', { name: 'Lịch hẹn' }));
    expect(details.getByTestId('booking-status')).toHaveTextContent('Đã đến');
    expect(details.queryByRole('button', { name: 'Hủy lịch' })).toBeNull();
    await user.click(details.getByRole('button', { name: 'Hoàn thành' }));
    await waitFor(() => expect(details.getByTestId('booking-status')).toHaveTextContent('Hoàn thành'));
    expect(stub.callsTo('booking_status')).toEqual([
      { booking: SITI_1400.entry.booking, action: 'complete', note: null, approval: null },
    ]);
    await waitFor(() => expect(block('Siti Rahayu', '14:00').dataset.status).toBe('COMPLETED'));
    await user.click(details.getByRole('button', { name: 'Thanh toán' }));
    const checkout = await screen.findByRole('tabpanel', { name: 'Thanh toán' });
    expect((await within(checkout).findAllByText(/Chăm sóc da mặt \(Hoa\)/)).length).toBeGreaterThan(0);
    expect(stub.callsTo('booking')).toEqual([{ id: SITI_1400.entry.booking }]);
  });

  test('cancelling asks twice, and inside the cut-off the booking is forfeited', async () => {
    const { stub, user } = await openCalendar({ booking_status: refuse('too_early', 'the booking has not started') });
    await user.click(block('Phạm Quốc Bảo', '15:30'));
    const details = within(await screen.findByRole('dialog', { name: 'Lịch hẹn' }));
    await user.click(details.getByRole('button', { name: 'Không đến' }));
    expect(await details.findByRole('alert')).toHaveTextContent('Chỉ ghi khách không đến sau giờ hẹn.');

    const forfeited = { ...BAO_1530, entry: { ...BAO_1530.entry, status: 'FORFEITED' as const } };
    stub.answers.booking_status = viewOf(forfeited);
    await user.click(details.getByRole('button', { name: 'Hủy lịch' }));
    expect(stub.callsTo('booking_status')).toHaveLength(1);
    expect(block('Phạm Quốc Bảo', '15:30').dataset.status).toBe('CONFIRMED');
    await user.click(details.getByRole('button', { name: 'Bấm lần nữa để hủy' }));
    await waitFor(() => expect(details.getByTestId('booking-status')).toHaveTextContent('Hủy muộn'));
    expect(stub.callsTo('booking_status')).toEqual([
      { booking: BAO_1530.entry.booking, action: 'no_show', note: null, approval: null },
      { booking: BAO_1530.entry.booking, action: 'cancel', note: null, approval: null },
    ]);
  });

  test("Ctrl+B books for the customer whose file is open, and the file's button does too", async () => {
    const stub = stubCounter(
      LAN,
      calendarAnswers({
        find_customers: ({ query }: Record<string, unknown>) => (query === 'yen' ? [hit(YEN)] : query === 'bao' ? [hit(BAO)] : []),
        customer_360: ({ id }: Record<string, unknown>) => file(id === BAO.id ? BAO : YEN),
      }),
    );
    const user = userEvent.setup();
    render(App, { props: { backend: stub.backend } });
    const search = await screen.findByRole('combobox', { name: 'Tìm khách hàng' });
    await user.type(search, 'yen');
    await screen.findAllByRole('option');
    await user.keyboard('{Enter}');
    await screen.findByRole('article', { name: 'Lê Hoàng Yến' });
    await user.keyboard('{Control>}b{/Control}');
    const form = within(await screen.findByTestId('booking-form'));
    expect(form.getByTestId('booking-customer')).toHaveTextContent('Lê Hoàng Yến');
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByTestId('booking-form')).toBeNull());

    await user.click(screen.getByRole('tab', { name: 'Khách hàng' }));
    await user.type(await screen.findByRole('combobox', { name: 'Tìm khách hàng' }), 'bao');
    await screen.findAllByRole('option');
    await user.keyboard('{Enter}');
    const customerFile = await screen.findByRole('article', { name: 'Phạm Quốc Bảo' });
    await user.click(within(customerFile).getByRole('button', { name: 'Đặt lịch' }));
    expect(within(await screen.findByTestId('booking-form')).getByTestId('booking-customer')).toHaveTextContent('Phạm Quốc Bảo');
  });
});
