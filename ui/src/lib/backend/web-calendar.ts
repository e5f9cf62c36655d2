import { BackendError, type BookingStatus, type BookingView, type Customer, type Staff, type TreatmentView } from './backend';
import type { BookableService } from './bindings/BookableService';
import type { BookingAction } from './bindings/BookingAction';
import type { BookingInput } from './bindings/BookingInput';
import type { CalendarDay } from './bindings/CalendarDay';
import type { CalendarView } from './bindings/CalendarView';
import type { RescheduleInput } from './bindings/RescheduleInput';
import type { SheetEntry } from './bindings/SheetEntry';
import type { SlotView } from './bindings/SlotView';
import type { StaffDay } from './bindings/StaffDay';
import {
  DEMO_DAY,
  DEMO_GRID,
  DEMO_HOURS,
  DEMO_OPENING,
  DEMO_SERVICES,
  type BookingSeed,
  type ServiceSeed,
  type WeekdayKey,
  type WeekSeed,
} from './web-calendar-demo';
import { authorize, localRfc3339, type Authority } from './web-staff';

// The fake's calendar: the commands of src-tauri/commands/calendar.rs over
// the store's booking rules that the screen meets (crates/store/src/bookings,
// crates/domain/src/slots.rs): working hours inside the opening hours, no
// double booking (a booking holds its staff member until its end plus the
// service's buffer), not in the past nor inside the lead time today, the
// life cycle's moves, the cancellation cut-off, and the same error codes.
// The business's zone is this browser's (the tests pin it to Ho Chi Minh
// City). Bookings live in the till's list, so a booking completed here is
// rung up at checkout and listed in the customer's 360. Not modelled: rooms,
// classes, leave and extra shifts, multi-service bookings.

export interface CalendarDeps {
  now: () => Date;
  customers: () => readonly Customer[];
  staff: () => Staff[];
  /** The till's bookings, shared. */
  bookings: BookingView[];
  treatmentsOf: (customer: string) => TreatmentView[];
  /** Someone made a change the server has not seen yet. */
  changed: () => void;
}

/** Statuses that no longer hold their time (`calendar_time` leaves them out). */
const RELEASED: readonly BookingStatus[] = ['CANCELLED', 'NO_SHOW', 'FORFEITED'];

const WEEK: readonly WeekdayKey[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

/** `BookingStatus::check` in crates/domain/src/booking/status.rs. */
const MOVES: Record<BookingStatus, readonly BookingStatus[]> = {
  PENDING: ['CONFIRMED', 'CHECKED_IN', 'CANCELLED', 'FORFEITED', 'NO_SHOW'],
  CONFIRMED: ['CHECKED_IN', 'CANCELLED', 'FORFEITED', 'NO_SHOW'],
  CHECKED_IN: ['IN_PROGRESS', 'COMPLETED'],
  IN_PROGRESS: ['COMPLETED'],
  COMPLETED: ['IN_PROGRESS'],
  CANCELLED: [],
  NO_SHOW: [],
  FORFEITED: [],
};

const TARGET: Record<Exclude<BookingAction, 'cancel'>, BookingStatus> = {
  confirm: 'CONFIRMED',
  check_in: 'CHECKED_IN',
  start: 'IN_PROGRESS',
  complete: 'COMPLETED',
  no_show: 'NO_SHOW',
  undo_completion: 'IN_PROGRESS',
};

const MINUTE = 60_000;

export class Appointments {
  private readonly services: ServiceSeed[];
  private readonly hours: Record<string, WeekSeed>;
  private ids = 0;

  constructor(
    private readonly deps: CalendarDeps,
    demo: boolean,
  ) {
    this.services = structuredClone([...DEMO_SERVICES]);
    this.hours = structuredClone({ ...DEMO_HOURS });
    if (demo) for (const seed of DEMO_DAY) this.seed(seed);
  }

  days(date: string, count: number): CalendarView {
    const from = parseDay(date);
    const days: CalendarDay[] = [];
    for (let i = 0; i < count; i++) {
      const day = dayString(addDays(from, i));
      days.push({ date: day, opening: [...DEMO_OPENING], staff: this.columns(day) });
    }
    const now = this.deps.now();
    return { today: dayString(now), now: localRfc3339(now), grid: { ...DEMO_GRID }, days };
  }

  week(date: string): CalendarView {
    const day = parseDay(date);
    const back = (day.getDay() + 6) % 7;
    return this.days(dayString(addDays(day, -back)), 7);
  }

  bookableServices(): BookableService[] {
    return this.services
      .map((s) => ({
        id: s.id,
        name: s.name,
        category: s.category,
        minutes: s.minutes,
        buffer_minutes: s.buffer_minutes,
        price: { amount: s.price, currency: 'VND' as const },
        staff: s.staff.flatMap((name) => this.deps.staff().find((m) => m.name === name)?.id ?? []),
      }))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  /** `Store::slots` for one day: the grid of each shift, free and bookable now. */
  slots(serviceText: string, date: string, staffText: string | null): SlotView[] {
    const service = this.service(serviceText);
    parseDay(date);
    const performers = staffText
      ? [this.performer(this.member(staffText), service)]
      : this.deps.staff().filter((m) => service.staff.includes(m.name));
    const found: SlotView[] = [];
    for (const member of performers) {
      for (const [from, to] of this.spans(member.name, date)) {
        const first = Math.ceil(from / DEMO_GRID.align_minutes) * DEMO_GRID.align_minutes;
        for (let m = first; m < to; m += DEMO_GRID.slot_minutes) {
          if (m + service.minutes + service.buffer_minutes > to) break;
          const start = wallTime(date, m);
          if (!this.bookable(start)) continue;
          if (this.clash(member.id, start, service, null)) continue;
          const end = new Date(start.getTime() + service.minutes * MINUTE);
          found.push({ start: localRfc3339(start), end: localRfc3339(end), staff: member.id, staff_name: member.name });
        }
      }
    }
    return found.sort((a, b) => a.start.localeCompare(b.start) || a.staff.localeCompare(b.staff));
  }

  booking(id: string): BookingView {
    return structuredClone(this.find(id));
  }

  add(input: BookingInput, actor: Staff): BookingView {
    const customer = this.customer(input.customer);
    const service = this.service(input.service);
    const member = this.performer(this.member(input.staff), service);
    const start = parseWallTime(input.start);
    const source = input.source ?? 'phone';
    this.checkStart(start, source);
    this.checkHours(member, start, service);
    const clash = this.clash(member.id, start, service, null);
    if (clash) throw doubleBooking(member, clash);
    if (input.treatment) this.checkTreatment(input.treatment, customer, start);
    const booking = this.make(customer, service, member, start, source === 'online' ? 'PENDING' : 'CONFIRMED', actor, source);
    if (input.treatment) booking.items[0]!.treatment = input.treatment;
    this.deps.bookings.push(booking);
    this.deps.changed();
    return structuredClone(booking);
  }

  /** `Store::move_booking`: the calendar's moves, and the conflicts inbox's cancel with its note. */
  move(id: string, action: BookingAction, note: string, who: Authority): BookingView {
    const booking = this.find(id);
    const now = this.deps.now();
    const start = new Date(booking.start);
    let to: BookingStatus;
    if (action === 'cancel') {
      to = now.getTime() < start.getTime() - DEMO_GRID.cancel_cutoff_minutes * MINUTE ? 'CANCELLED' : 'FORFEITED';
    } else {
      to = TARGET[action];
    }
    if (action === 'undo_completion') {
      if (booking.status !== 'COMPLETED') throw transition(booking.status, to);
      authorize(who, 'undo_completion');
    }
    if (!MOVES[booking.status].includes(to)) throw transition(booking.status, to);
    if (to === 'NO_SHOW' && now < start) {
      throw new BackendError('too_early', `a no-show can only be recorded after the start (${booking.start})`);
    }
    const { actor } = who;
    const said = note.trim();
    booking.history.push({
      at: localRfc3339(now),
      by: actor.id,
      by_name: actor.name,
      change: 'status',
      from: booking.status,
      to,
      ...(said ? { note: said } : {}),
    });
    booking.status = to;
    this.deps.changed();
    return structuredClone(booking);
  }

  reschedule(input: RescheduleInput, actor: Staff): BookingView {
    const booking = this.find(input.booking);
    const index = input.item ?? 0;
    const item = booking.items[index];
    if (!item) throw new BackendError('not_found', `no booking ${booking.id} item ${index}`);
    if (booking.status !== 'PENDING' && booking.status !== 'CONFIRMED') {
      throw new BackendError('invalid_transition', `a ${booking.status} booking cannot be rescheduled`);
    }
    const service = this.serviceById(item.service);
    const member = input.staff?.trim() ? this.performer(this.member(input.staff), service) : this.member(item.staff);
    const start = parseWallTime(input.start);
    const length = new Date(item.end).getTime() - new Date(item.start).getTime();
    this.checkStart(start, booking.source);
    this.checkHours(member, start, service, length);
    const clash = this.clash(member.id, start, service, booking.id, length);
    if (clash) throw doubleBooking(member, clash);
    const from = { staff: item.staff, start: item.start, end: item.end };
    const end = new Date(start.getTime() + length);
    Object.assign(item, { staff: member.id, staff_name: member.name, start: localRfc3339(start), end: localRfc3339(end) });
    booking.start = item.start;
    booking.end = item.end;
    booking.history.push({
      at: localRfc3339(this.deps.now()),
      by: actor.id,
      by_name: actor.name,
      change: 'rescheduled',
      item: index,
      from,
      to: { staff: member.id, start: item.start, end: item.end },
    });
    this.deps.changed();
    return structuredClone(booking);
  }

  /** Staff columns of one day, by name like `Store::day_sheet`. */
  private columns(date: string): StaffDay[] {
    const staff = [...this.deps.staff()].sort((a, b) => a.name.localeCompare(b.name, 'vi'));
    const columns: StaffDay[] = [];
    for (const member of staff) {
      const bookings = this.entries(member.id, date);
      const serves = this.services.some((s) => s.staff.includes(member.name));
      if (!serves && bookings.length === 0) continue;
      const hours = this.spans(member.name, date).map(([from, to]) => `${clock(from)}-${clock(to)}`);
      columns.push({ staff: member.id, name: member.name, hours, bookings, classes: [] });
    }
    return columns;
  }

  private entries(staff: string, date: string): SheetEntry[] {
    const entries: SheetEntry[] = [];
    for (const booking of this.deps.bookings) {
      booking.items.forEach((item, index) => {
        if (item.staff !== staff || !item.start.startsWith(date)) return;
        entries.push({
          booking: booking.id,
          item: index,
          customer: booking.customer,
          customer_name: booking.customer_name,
          service: item.service,
          service_name: item.service_name,
          status: booking.status,
          start: item.start,
          end: item.end,
        });
      });
    }
    return entries.sort((a, b) => a.start.localeCompare(b.start) || a.booking.localeCompare(b.booking));
  }

  /** Working spans in minutes of the day, inside the opening hours. */
  private spans(name: string, date: string): Array<[number, number]> {
    const week = this.hours[name];
    if (!week || week.off?.includes(WEEK[parseDay(date).getDay()]!)) return [];
    const [open, close] = span(DEMO_OPENING[0]!);
    return week.spans
      .map(span)
      .map(([from, to]): [number, number] => [Math.max(from, open), Math.min(to, close)])
      .filter(([from, to]) => from < to);
  }

  private checkStart(start: Date, source: string): void {
    const now = this.deps.now();
    const aMinuteAgo = now.getTime() - MINUTE;
    if (start.getTime() <= aMinuteAgo || (source !== 'walk_in' && start <= now)) {
      throw new BackendError('in_the_past', `${localRfc3339(start)} is in the past`, 'start');
    }
    if (source !== 'walk_in' && !this.bookable(start)) {
      throw new BackendError(
        'too_soon',
        `a booking for today must start more than ${DEMO_GRID.lead_minutes} minutes from now`,
        'start',
        { lead_minutes: DEMO_GRID.lead_minutes },
      );
    }
  }

  /** `slots::bookable_at`: after now, and today only past the lead time. */
  private bookable(start: Date): boolean {
    const now = this.deps.now();
    if (start <= now) return false;
    if (dayString(start) !== dayString(now)) return true;
    return start.getTime() > now.getTime() + DEMO_GRID.lead_minutes * MINUTE;
  }

  private checkHours(member: Staff, start: Date, service: ServiceSeed, length = service.minutes * MINUTE): void {
    const date = dayString(start);
    const from = minutesOf(start);
    const until = from + length / MINUTE + service.buffer_minutes;
    if (!this.spans(member.name, date).some(([a, b]) => a <= from && until <= b)) {
      throw new BackendError(
        'outside_hours',
        `${member.name} does not work ${localRfc3339(start)} to ${clock(until)}`,
        'start',
      );
    }
  }

  /** Another booking of `staff` whose time (with buffer) overlaps the new one's. */
  private clash(staff: string, start: Date, service: ServiceSeed, except: string | null, length = service.minutes * MINUTE): BookingView | null {
    const from = start.getTime();
    const until = from + length + service.buffer_minutes * MINUTE;
    for (const booking of this.deps.bookings) {
      if (booking.id === except || RELEASED.includes(booking.status)) continue;
      for (const item of booking.items) {
        if (item.staff !== staff) continue;
        const a = new Date(item.start).getTime();
        const b = new Date(item.end).getTime() + item.buffer_minutes * MINUTE;
        if (a < until && from < b) return booking;
      }
    }
    return null;
  }

  private checkTreatment(id: string, customer: Customer, start: Date): void {
    const card = this.deps.treatmentsOf(customer.id).find((t) => t.id === id);
    if (!card) {
      const other = this.deps.customers().some((c) => this.deps.treatmentsOf(c.id).some((t) => t.id === id));
      if (other) throw new BackendError('treatment_other_customer', `treatment ${id} is not ${customer.name}'s`);
      throw new BackendError('not_found', `no treatment ${id}`, 'treatment');
    }
    if (card.status !== 'ACTIVE' || card.expires_on < dayString(start)) {
      throw new BackendError('treatment_expired', `${card.name} has expired`);
    }
    if (card.available <= 0) throw new BackendError('treatment_exhausted', `${card.name} has no session left to book`);
  }

  private make(customer: Customer, service: ServiceSeed, member: Staff, start: Date, status: BookingStatus, by: Staff, source: BookingView['source']): BookingView {
    this.ids += 1;
    const end = new Date(start.getTime() + service.minutes * MINUTE);
    const id = `0190d5a0-0000-7000-8000-ca${String(this.ids).padStart(10, '0')}`;
    return {
      id,
      customer: customer.id,
      customer_name: customer.name,
      status,
      source,
      start: localRfc3339(start),
      end: localRfc3339(end),
      items: [
        {
          service: service.id,
          service_name: service.name,
          staff: member.id,
          staff_name: member.name,
          start: localRfc3339(start),
          end: localRfc3339(end),
          buffer_minutes: service.buffer_minutes,
          price: { amount: service.price, currency: 'VND' },
        },
      ],
      history: [{ at: localRfc3339(this.deps.now()), by: by.id, by_name: by.name, change: 'made', status }],
    };
  }

  private seed(seed: BookingSeed): void {
    const customer = this.deps.customers().find((c) => c.name === seed.customer);
    const member = this.deps.staff().find((m) => m.name === seed.staff);
    const service = this.services.find((s) => s.name === seed.service);
    const owner = this.deps.staff().find((m) => m.role === 'owner');
    if (!customer || !member || !service || !owner) return;
    const today = this.deps.now();
    const date = dayString(new Date(today.getFullYear(), today.getMonth(), today.getDate() + seed.day));
    const start = wallTime(date, span(`${seed.at}-${seed.at}`)[0]);
    this.deps.bookings.push(this.make(customer, service, member, start, seed.status, owner, seed.source ?? 'phone'));
  }

  private find(id: string): BookingView {
    const booking = this.deps.bookings.find((b) => b.id === id.trim());
    if (!booking) throw new BackendError('not_found', `no booking with id ${id}`);
    return booking;
  }

  private customer(text: string): Customer {
    const wanted = text.trim();
    const found = this.deps.customers().find((c) => c.id === wanted || c.phone === wanted);
    if (!found) throw new BackendError('not_found', `no customer ${wanted}`, 'customer');
    return found;
  }

  private service(text: string): ServiceSeed {
    const wanted = text.trim();
    const found = this.services.find((s) => s.id === wanted || s.name.toLowerCase() === wanted.toLowerCase());
    if (!found) throw new BackendError('not_found', `no service ${wanted}`, 'service');
    return found;
  }

  private serviceById(id: string): ServiceSeed {
    // A booking made before its service was renamed or retired still moves.
    return this.services.find((s) => s.id === id) ?? { id, name: id, category: '', minutes: 60, buffer_minutes: 0, price: 0, staff: [] };
  }

  private member(text: string): Staff {
    const wanted = text.trim();
    const found = this.deps.staff().find((m) => m.id === wanted || m.name === wanted);
    if (!found) throw new BackendError('not_found', `no staff member ${wanted}`, 'staff');
    return found;
  }

  private performer(member: Staff, service: ServiceSeed): Staff {
    if (!service.staff.includes(member.name)) {
      throw new BackendError('staff_does_not_perform', `${member.name} does not perform ${service.name}`, 'staff');
    }
    return member;
  }
}

function doubleBooking(member: Staff, clash: BookingView): BackendError {
  return new BackendError('double_booking', `${member.name} is booked (${clash.id}) at that time`, 'start');
}

function transition(from: BookingStatus, to: BookingStatus): BackendError {
  return new BackendError('invalid_transition', `a ${from} booking cannot become ${to}`);
}

function parseDay(text: string): Date {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  const date = m ? new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : null;
  if (!date || dayString(date) !== text.trim()) {
    throw new BackendError('invalid_date', `${JSON.stringify(text)} is not a date (expected YYYY-MM-DD)`);
  }
  return date;
}

/** `Store::local_time`: `YYYY-MM-DDTHH:MM` on the business's wall clock. */
function parseWallTime(text: string): Date {
  const m = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})$/.exec(text.trim());
  if (!m || Number(m[2]) > 23 || Number(m[3]) > 59) {
    throw new BackendError('invalid_time', `${JSON.stringify(text)} is not a time (expected YYYY-MM-DDTHH:MM)`, 'start');
  }
  try {
    return wallTime(m[1]!, Number(m[2]) * 60 + Number(m[3]));
  } catch {
    throw new BackendError('invalid_time', `${JSON.stringify(text)} is not a time (expected YYYY-MM-DDTHH:MM)`, 'start');
  }
}

function wallTime(date: string, minutes: number): Date {
  const day = parseDay(date);
  return new Date(day.getFullYear(), day.getMonth(), day.getDate(), Math.floor(minutes / 60), minutes % 60);
}

function addDays(date: Date, days: number): Date {
  return new Date(date.getFullYear(), date.getMonth(), date.getDate() + days);
}

function dayString(date: Date): string {
  return localRfc3339(date).slice(0, 10);
}

function minutesOf(date: Date): number {
  return date.getHours() * 60 + date.getMinutes();
}

/** `08:00-17:30` as minutes of the day. */
function span(text: string): [number, number] {
  const [from = '', to = ''] = text.split('-');
  const m = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
  return [m(from), m(to)];
}

function clock(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}
