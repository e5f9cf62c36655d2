import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, test } from 'vitest';
import App from '../App.svelte';
import { demoCustomer, file, hit, stubCounter } from './answers-a';
import { booking, item } from './fixtures';
import { formatWallClock } from '../lib/dates';

describe('bookings in the customer 360', () => {
  test('wall-clock times read as the business wrote them, whatever zone this computer is in', () => {
    expect(formatWallClock('2026-11-21T09:30:00+07:00', 'vi')).toContain('09:30');
    expect(formatWallClock('2026-11-21T09:30:00+07:00', 'vi')).toContain('21/11');
    expect(formatWallClock('not a time', 'vi')).toBe('not a time');
  });

  test('each booking shows its time, service, therapist and status in Vietnamese', async () => {
    const hung = demoCustomer(2, 'Nguyễn Văn Hùng', '0903 111 222');
    const stub = stubCounter(undefined, {
      find_customers: [hit(hung)],
      audit: [],
      tickets: [],
      customer_360: file(hung, {
        bookings: [
          booking({
            id: 'b1',
            status: 'CONFIRMED',
            start: '2026-11-21T09:30:00+07:00',
            end: '2026-11-21T10:30:00+07:00',
            items: [item({ service_name: 'Massage body', staff_name: 'Mai' })],
          }),
          booking({
            id: 'b2',
            status: 'FORFEITED',
            start: '2026-11-14T14:00:00+07:00',
            end: '2026-11-14T15:00:00+07:00',
            items: [item({ service_name: 'Gội đầu dưỡng sinh', staff_name: 'Thu' })],
          }),
        ],
      }),
    });
    const user = userEvent.setup();
    render(App, { props: { backend: stub.backend } });
    const search = await screen.findByRole('combobox', { name: 'Tìm khách hàng' });
    await user.type(search, 'nguyen');
    await screen.findAllByRole('option');
    await user.keyboard('{Enter}');
    const [upcoming, forfeited, ...rest] = await screen.findAllByTestId('booking');
    expect(stub.callsTo('customer_360')).toEqual([{ id: hung.id }]);
    expect(rest).toHaveLength(0);
    if (!upcoming || !forfeited) throw new Error('expected two bookings');
    expect(upcoming).toHaveTextContent('Massage body (Mai)');
    expect(upcoming).toHaveTextContent('09:30');
    expect(within(upcoming).getByText('Đã xác nhận')).toBeInTheDocument();
    expect(within(forfeited).getByText('Hủy muộn')).toBeInTheDocument();
  });
});
