import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, test } from 'vitest';
import App from '../App.svelte';
import { WebBackend } from '../lib/backend/web';
import { dayRange, mondayOf, slotStarts, type Column } from '../lib/components/calendar/grid';
import { addDays } from '../lib/dates';

// The calendar against the fake's demo day, on the clock of the end-to-end
// tests: 14:30 on Saturday 21 November 2026 in Ho Chi Minh City.
const NOW = new Date('2026-11-21T07:30:00Z');

async function openCalendar() {
  const backend = new WebBackend({ signedIn: 'Lan', now: () => NOW });
  const user = userEvent.setup();
  render(App, { props: { backend } });
  await screen.findByRole('combobox', { name: 'Tìm khách hàng' });
  await user.keyboard('{Control>}6{/Control}');
  await screen.findByTestId('column-Minh');
  return { backend, user };
}

function block(customer: string, time: string): HTMLElement {
  const found = screen
    .getAllByTestId('booking-block')
    .find((b) => b.textContent?.includes(customer) && b.textContent.includes(time));
  if (!found) throw new Error(`no block for ${customer} at ${time}`);
  return found;
}

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
  test('shows a column per staff member with hours and the demo day coloured by status', async () => {
    await openCalendar();
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
    const { backend, user } = await openCalendar();
    await user.click(screen.getByRole('button', { name: 'Đặt lịch với Minh lúc 17:00, 21/11/2026' }));
    const form = within(await screen.findByTestId('booking-form'));
    const minh = (await backend.listStaff()).find((s) => s.name === 'Minh');
    expect(form.getByLabelText('Nhân viên')).toHaveValue(minh?.id);
    expect(form.getByLabelText('Giờ bắt đầu')).toHaveValue('17:00');
    expect(form.getByLabelText('Ngày')).toHaveValue('21/11/2026');
    // Minh does massages and hair; the facial is Hoa's.
    const services = within(form.getByLabelText('Dịch vụ')).getAllByRole('option').map((o) => o.textContent);
    expect(services.some((s) => s?.startsWith('Chăm sóc da mặt'))).toBe(false);

    await user.click(form.getByRole('button', { name: 'Đặt lịch' }));
    expect(await form.findByRole('alert')).toHaveTextContent('Chọn một khách hàng.');
    await user.type(form.getByLabelText('Khách hàng'), 'yen');
    await user.click(await form.findByRole('button', { name: /Lê Hoàng Yến/ }));
    expect(form.getByTestId('booking-customer')).toHaveTextContent('Lê Hoàng Yến');
    await user.click(form.getByRole('button', { name: 'Đặt lịch' }));

    await waitFor(() => expect(screen.queryByTestId('booking-form')).toBeNull());
    expect(screen.getByTestId('calendar-notice')).toHaveTextContent('Đã đặt lịch cho Lê Hoàng Yến lúc 17:00, 21/11/2026.');
    const made = block('Lê Hoàng Yến', '17:00');
    expect(made.dataset.status).toBe('CONFIRMED');
    expect(within(screen.getByTestId('column-Minh')).queryByRole('button', { name: /17:00/ })).toHaveAttribute('aria-disabled', 'false');
  });

  test('a booking on top of another is refused in the form with the translated reason', async () => {
    const { user } = await openCalendar();
    await user.click(screen.getByRole('button', { name: 'Đặt lịch với Minh lúc 17:00, 21/11/2026' }));
    const form = within(await screen.findByTestId('booking-form'));
    await user.type(form.getByLabelText('Khách hàng'), 'yen');
    await user.click(await form.findByRole('button', { name: /Lê Hoàng Yến/ }));
    const time = form.getByLabelText('Giờ bắt đầu');
    await user.clear(time);
    await user.type(time, '16:00');
    await user.click(form.getByRole('button', { name: 'Đặt lịch' }));
    expect(await form.findByRole('alert')).toHaveTextContent('Nhân viên đã có lịch hẹn vào giờ này.');
    expect(screen.getAllByTestId('booking-block').filter((b) => b.textContent?.includes('Lê Hoàng Yến'))).toHaveLength(1);
  });

  test('a drop the store refuses snaps back and says why', async () => {
    await openCalendar();
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
    expect(block('Phạm Quốc Bảo', '15:30').style.top).toBe(bao.style.top);
    expect(screen.queryByTestId('drop-ghost')).toBeNull();
  });

  test('the keyboard moves a booking: M on the block, then the new time', async () => {
    const { user } = await openCalendar();
    block('Phạm Quốc Bảo', '15:30').focus();
    await user.keyboard('m');
    const form = within(await screen.findByTestId('move-form'));
    const time = form.getByLabelText('Giờ bắt đầu');
    await user.clear(time);
    await user.type(time, '17:00');
    await user.click(form.getByRole('button', { name: 'Dời lịch' }));
    await waitFor(() => expect(screen.queryByTestId('move-form')).toBeNull());
    expect(screen.getByTestId('calendar-notice')).toHaveTextContent('Đã dời lịch hẹn của Phạm Quốc Bảo sang 17:00, 21/11/2026 với Minh.');
    expect(block('Phạm Quốc Bảo', '17:00').dataset.status).toBe('CONFIRMED');
  });

  test('the move form takes a day typed day first, and refuses one the calendar does not have', async () => {
    const { user } = await openCalendar();
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
    expect(block('Phạm Quốc Bảo', '15:30').dataset.status).toBe('CONFIRMED');

    await user.clear(day);
    await user.type(day, '24/11/2026');
    await user.click(form.getByRole('button', { name: 'Dời lịch' }));
    await waitFor(() => expect(screen.queryByTestId('move-form')).toBeNull());
    // Tuesday 24 November, not a month that does not exist.
    expect(screen.getByTestId('calendar-notice')).toHaveTextContent('Đã dời lịch hẹn của Phạm Quốc Bảo sang 15:30, 24/11/2026 với Minh.');
  });

  test("the day typed in the calendar's own date field is the day shown", async () => {
    const { user } = await openCalendar();
    const day = screen.getByRole('textbox', { name: 'Ngày' });
    expect(day).toHaveValue('21/11/2026');
    await user.tripleClick(day);
    await user.keyboard('07/12/2026');
    expect(await screen.findByText('Thứ Hai, 07/12/2026')).toHaveAttribute('data-testid', 'calendar-date');
    await user.keyboard('{ArrowDown}');
    expect(await screen.findByText('Chủ Nhật, 06/12/2026')).toHaveAttribute('data-testid', 'calendar-date');
  });

  test('details move a booking through its day, and a completed one goes to checkout', async () => {
    const { user } = await openCalendar();
    await user.click(block('Siti Rahayu', '14:00'));
    const details = within(await screen.findByRole('dialog', { name: 'Lịch hẹn' }));
    expect(details.getByTestId('booking-status')).toHaveTextContent('Đã đến');
    expect(details.queryByRole('button', { name: 'Hủy lịch' })).toBeNull();
    await user.click(details.getByRole('button', { name: 'Hoàn thành' }));
    await waitFor(() => expect(details.getByTestId('booking-status')).toHaveTextContent('Hoàn thành'));
    expect(block('Siti Rahayu', '14:00').dataset.status).toBe('COMPLETED');
    await user.click(details.getByRole('button', { name: 'Thanh toán' }));
    const checkout = await screen.findByRole('tabpanel', { name: 'Thanh toán' });
    expect((await within(checkout).findAllByText(/Chăm sóc da mặt \(Hoa\)/)).length).toBeGreaterThan(0);
  });

  test('cancelling asks twice, and inside the cut-off the booking is forfeited', async () => {
    const { user } = await openCalendar();
    await user.click(block('Phạm Quốc Bảo', '15:30'));
    const details = within(await screen.findByRole('dialog', { name: 'Lịch hẹn' }));
    await user.click(details.getByRole('button', { name: 'Không đến' }));
    expect(await details.findByRole('alert')).toHaveTextContent('Chỉ ghi khách không đến sau giờ hẹn.');
    await user.click(details.getByRole('button', { name: 'Hủy lịch' }));
    expect(block('Phạm Quốc Bảo', '15:30').dataset.status).toBe('CONFIRMED');
    await user.click(details.getByRole('button', { name: 'Bấm lần nữa để hủy' }));
    await waitFor(() => expect(details.getByTestId('booking-status')).toHaveTextContent('Hủy muộn'));
  });

  test("Ctrl+B books for the customer whose file is open, and the file's button does too", async () => {
    const backend = new WebBackend({ signedIn: 'Lan', now: () => NOW });
    const user = userEvent.setup();
    render(App, { props: { backend } });
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
    const file = await screen.findByRole('article', { name: 'Phạm Quốc Bảo' });
    await user.click(within(file).getByRole('button', { name: 'Đặt lịch' }));
    expect(within(await screen.findByTestId('booking-form')).getByTestId('booking-customer')).toHaveTextContent('Phạm Quốc Bảo');
  });
});
