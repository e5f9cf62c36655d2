import type { BookingStatus, CalendarView, SheetEntry, SlotGrid } from '../../backend/backend';
import { addDays } from '../../dates';

// The calendar's arithmetic on the business's wall clock. Everything is read
// from the strings the backend sends (`2026-11-21T14:30:00+07:00`,
// `09:00-18:00`, `2026-11-21`), never through this computer's zone, so a
// counter whose computer is set to another zone still draws the spa's day.

/** One column of the time grid: a staff member on a day. */
export interface Column {
  key: string;
  date: string;
  staff: string;
  staffName: string;
  /** What the column's heading says: the staff member (day view) or the day (week view). */
  title: string;
  /** Working spans in minutes of the day. */
  hours: Array<[number, number]>;
  bookings: SheetEntry[];
}

/** What the booking form starts with. */
export interface Prefill {
  customer?: { id: string; name: string } | null;
  /** A staff id. */
  staff?: string | null;
  date: string;
  /** Minute of the day. */
  minute?: number | null;
}

/** Statuses whose booking still holds its time and can be moved. */
export const MOVABLE: readonly BookingStatus[] = ['PENDING', 'CONFIRMED'];

/** `09:00` → 540. */
export function minuteOfDay(hhmm: string): number {
  const m = /^(\d{2}):(\d{2})/.exec(hhmm);
  return m ? Number(m[1]) * 60 + Number(m[2]) : 0;
}

/** The wall-clock minute of an RFC 3339 string. */
export function minuteOf(rfc3339: string): number {
  const m = /T(\d{2}):(\d{2})/.exec(rfc3339);
  return m ? Number(m[1]) * 60 + Number(m[2]) : 0;
}

/** 540 → `09:00`. */
export function clock(minute: number): string {
  const h = Math.floor(minute / 60);
  return `${String(h).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
}

/** `09:00-18:00` → [540, 1080]; `24:00` reads as the end of the day. */
export function parseSpan(text: string): [number, number] {
  const [from = '', to = ''] = text.split('-');
  return [minuteOfDay(from), minuteOfDay(to)];
}

/** Monday of the week that holds `date`. */
export function mondayOf(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const weekday = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return addDays(date, -((weekday + 6) % 7));
}

/** The rows' range: the opening hours of the days shown, widened to any booking outside them. */
export function dayRange(view: CalendarView, step: number): [number, number] {
  let from = 24 * 60;
  let to = 0;
  for (const day of view.days) {
    for (const span of day.opening.map(parseSpan)) {
      from = Math.min(from, span[0]);
      to = Math.max(to, span[1]);
    }
    for (const column of day.staff) {
      for (const entry of column.bookings) {
        from = Math.min(from, minuteOf(entry.start));
        to = Math.max(to, endMinute(entry));
      }
    }
  }
  if (from >= to) return [8 * 60, 20 * 60];
  return [Math.floor(from / step) * step, Math.ceil(to / step) * step];
}

/** Where an entry ends on its day (an end past midnight ends the day). */
export function endMinute(entry: SheetEntry): number {
  const end = minuteOf(entry.end);
  return entry.end.slice(0, 10) > entry.start.slice(0, 10) ? 24 * 60 : end;
}

/** The rows' start minutes. */
export function rows([from, to]: [number, number], step: number): number[] {
  const list: number[] = [];
  for (let m = from; m < to; m += step) list.push(m);
  return list;
}

export function working(column: Column, minute: number, step: number): boolean {
  return column.hours.some(([a, b]) => a <= minute && minute + step <= b);
}

/**
 * Where free slots may start in a shift, as the slot engine lays them
 * (crates/domain/src/slots.rs `grid`): the shift's start rounded up to the
 * alignment, then every `slot_minutes`.
 */
export function slotStarts(column: Column, grid: SlotGrid): Set<number> {
  const starts = new Set<number>();
  const align = Math.max(grid.align_minutes, 1);
  for (const [from, to] of column.hours) {
    const first = Math.ceil(from / align) * align;
    for (let m = first; m < to; m += Math.max(grid.slot_minutes, 1)) starts.add(m);
  }
  return starts;
}

/** `2026-11-21T14:30:00+07:00` is later than `date` at `minute`, both on the wall clock. */
export function isPast(date: string, minute: number, now: string): boolean {
  const today = now.slice(0, 10);
  if (date !== today) return date < today;
  return minute <= minuteOf(now);
}

/** The form's `YYYY-MM-DDTHH:MM`. */
export function wallTime(date: string, minute: number): string {
  return `${date}T${clock(minute)}`;
}
