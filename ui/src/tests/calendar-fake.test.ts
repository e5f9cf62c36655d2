import { describe, expect, test } from 'vitest';
import { BackendError } from '../lib/backend/backend';
import { WebBackend } from '../lib/backend/web';

// The fake's calendar keeps the store's rules the screen meets, with the
// store's codes (src-tauri/commands/calendar_tests.rs checks the real ones).
const NOW = new Date('2026-11-21T07:30:00Z');

async function desk() {
  const backend = new WebBackend({ signedIn: 'Lan', now: () => NOW });
  const staff = await backend.listStaff();
  const id = (name: string) => staff.find((s) => s.name === name)?.id ?? '';
  const services = await backend.servicesForBooking();
  const massage = services.find((s) => s.name === 'Massage body 60 phút')?.id ?? '';
  const customer = (await backend.findCustomers('yen', 1))[0]?.id ?? '';
  const book = (start: string, who = 'Minh', service = massage) =>
    backend.addBooking({ customer, service, staff: id(who), start });
  return { backend, id, massage, book };
}

async function code(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (err) {
    return BackendError.from(err).code;
  }
  return 'accepted';
}

describe("the fake's calendar", () => {
  test('refuses what the store refuses, with its codes, and writes nothing then', async () => {
    const { backend, book, id } = await desk();
    const before = JSON.stringify(await backend.calendarDay('2026-11-22'));
    expect(await code(book('2026-11-22T08:00'))).toBe('outside_hours');
    expect(await code(book('2026-11-22T18:30'))).toBe('outside_hours');
    expect(await code(book('2026-11-23T10:00'))).toBe('outside_hours');
    expect(await code(book('2026-11-20T10:00'))).toBe('in_the_past');
    expect(await code(book('2026-11-21T15:00'))).toBe('too_soon');
    expect(await code(book('2026-11-22 10h'))).toBe('invalid_time');
    expect(await code(book('2026-11-22T10:00', 'Hoa'))).toBe('staff_does_not_perform');
    expect(await code(book('2026-11-22T10:00', 'Lan'))).toBe('staff_does_not_perform');
    expect(JSON.stringify(await backend.calendarDay('2026-11-22'))).toBe(before);
    expect(await code(backend.calendarDay('22/11/2026'))).toBe('invalid_date');
    expect(await code(backend.bookingStatus('nope', 'check_in'))).toBe('not_found');
    expect(id('Minh')).not.toBe('');
  });

  test('one booking at a time per person, until it is cancelled', async () => {
    const { backend, book } = await desk();
    const first = await book('2026-11-22T12:00');
    expect(first.status).toBe('CONFIRMED');
    // 12:00-13:00 plus a 15-minute buffer.
    expect(await code(book('2026-11-22T13:00'))).toBe('double_booking');
    expect(await code(book('2026-11-22T11:30'))).toBe('double_booking');
    const after = await book('2026-11-22T13:15');
    expect(await code(backend.rescheduleBooking({ booking: after.id, start: '2026-11-22T12:30' }))).toBe('double_booking');
    const cancelled = await backend.bookingStatus(first.id, 'cancel');
    expect(cancelled.status).toBe('CANCELLED');
    expect(await code(backend.bookingStatus(first.id, 'check_in'))).toBe('invalid_transition');
    const moved = await backend.rescheduleBooking({ booking: after.id, start: '2026-11-22T12:00' });
    expect(moved.start.slice(11, 16)).toBe('12:00');
  });

  test('free slots follow the grid, the lead time and what is taken', async () => {
    const { backend, id, massage } = await desk();
    const slots = async (date: string) =>
      (await backend.bookingSlots(massage, date, id('Minh'))).map((s) => s.start.slice(11, 16));
    // Minh 09:00-19:00 on the 90-minute grid. Today 15:00 is inside the lead
    // time and 16:30 is taken until 16:45; 18:00 would end past 19:00.
    expect(await slots('2026-11-21')).toEqual([]);
    // Tomorrow Lê Hoàng Yến has him 10:00-11:00, which takes 09:00 and 10:30.
    expect(await slots('2026-11-22')).toEqual(['12:00', '13:30', '15:00', '16:30']);
    const week = await backend.calendarWeek('2026-11-21');
    expect(week.days.map((d) => d.date)).toEqual([
      '2026-11-16',
      '2026-11-17',
      '2026-11-18',
      '2026-11-19',
      '2026-11-20',
      '2026-11-21',
      '2026-11-22',
    ]);
    // Minh is off on Mondays.
    expect(week.days[0]?.staff.find((c) => c.name === 'Minh')?.hours).toEqual([]);
  });

  test('a completed booking cannot move, and a check-in needs a booking that holds its time', async () => {
    const { backend, book } = await desk();
    const booking = await book('2026-11-22T15:00');
    await backend.bookingStatus(booking.id, 'check_in');
    expect((await backend.bookingStatus(booking.id, 'complete')).status).toBe('COMPLETED');
    expect(await code(backend.rescheduleBooking({ booking: booking.id, start: '2026-11-22T15:00' }))).toBe('invalid_transition');
    const bao = (await backend.calendarDay('2026-11-21')).days[0]?.staff
      .flatMap((c) => c.bookings)
      .find((b) => b.status === 'NO_SHOW');
    expect(await code(backend.bookingStatus(bao?.booking ?? '', 'check_in'))).toBe('invalid_transition');
  });
});
