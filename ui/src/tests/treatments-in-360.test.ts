import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, test } from 'vitest';
import App from '../App.svelte';
import type { TreatmentView } from '../lib/backend/backend';
import { counter, file, finds, HUNG, LAN, MAI } from './answers-b';
import { treatment } from './fixtures';
import { stubBackend } from './stub';

/** Opens the first customer found for "nguyen", with `treatments` on their file. */
async function openCustomerWith(parts: Partial<TreatmentView>[]): Promise<HTMLElement[]> {
  const treatments = parts.map((part) => treatment({ customer: MAI.id, customer_name: MAI.name, ...part }));
  const stub = stubBackend(
    counter(LAN, {
      find_customers: finds({ nguyen: [MAI, HUNG] }),
      customer_360: file(MAI, { treatments }),
      audit: [],
    }),
  );
  const user = userEvent.setup();
  render(App, { props: { backend: stub.backend } });
  const search = await screen.findByRole('combobox', { name: 'Tìm khách hàng' });
  await user.type(search, 'nguyen');
  await screen.findAllByRole('option');
  await user.keyboard('{Enter}');
  const cards = await screen.findAllByTestId('treatment');
  expect(stub.callsTo('customer_360')).toEqual([{ id: MAI.id }]);
  expect(cards).toHaveLength(treatments.length);
  return cards;
}

describe('treatments in the customer 360', () => {
  test('each punch card shows sessions left, expiry and status in Vietnamese', async () => {
    const [active, expired] = await openCustomerWith([
      {
        id: 't1',
        name: 'Massage 10 buổi',
        status: 'ACTIVE',
        total: 10,
        used: 3,
        remaining: 7,
        available: 7,
        lapsed: 0,
        expires_on: '2027-02-18',
      },
      {
        id: 't2',
        name: 'Gội đầu 5 buổi',
        status: 'EXPIRED',
        total: 5,
        used: 4,
        remaining: 1,
        available: 0,
        lapsed: 0,
        expires_on: '2026-10-01',
      },
    ]);
    if (!active || !expired) throw new Error('expected two treatments');
    expect(active).toHaveTextContent('Massage 10 buổi');
    expect(active).toHaveTextContent('còn 7/10 buổi');
    // Day first, as every date on the screen: 18 February 2027.
    expect(active).toHaveTextContent('hạn dùng 18/02/2027');
    expect(within(active).getByText('Đang dùng')).toBeInTheDocument();
    expect(within(expired).getByText('Hết hạn')).toBeInTheDocument();
    // A card at the spa has no home-visit line and, with nothing lapsed, no lapsed line.
    for (const card of [active, expired]) {
      expect(within(card).queryByTestId('treatment-home')).toBeNull();
      expect(within(card).queryByTestId('treatment-lapsed')).toBeNull();
    }
  });

  test('a refunded card says so, with the sessions and money taken back', async () => {
    const [refunded, kept] = await openCustomerWith([
      {
        id: 'r1',
        name: 'Massage 10 buổi',
        status: 'REFUNDED',
        total: 10,
        used: 0,
        remaining: 0,
        available: 0,
        refunded: 10,
        refunded_amount: { amount: 3_000_000, currency: 'VND' },
      },
      { id: 'r2', name: 'Gội đầu 5 buổi', total: 5, remaining: 5, available: 5 },
    ]);
    if (!refunded || !kept) throw new Error('expected two treatments');
    expect(within(refunded).getByText('Đã hoàn tiền')).toBeInTheDocument();
    expect(within(refunded).getByTestId('treatment-refunded')).toHaveTextContent(
      /Đã hoàn tiền: thu hồi 10 buổi, hoàn 3\.000\.000\s₫/,
    );
    expect(within(kept).queryByTestId('treatment-refunded')).toBeNull();
  });

  test('a home visit shows its therapist, address and book-by date, and lapsed sessions only when some lapsed', async () => {
    const home = {
      staff: '0190d5a0-0000-7000-8000-000000000007',
      staff_name: 'Hoa',
      address: '12 Lê Lợi, Quận 1',
      schedule_by: '2027-03-18',
    };
    const [open, closed] = await openCustomerWith([
      {
        id: 'h1',
        name: 'Massage tại nhà 5 buổi',
        status: 'ACTIVE',
        total: 5,
        used: 1,
        remaining: 4,
        available: 3,
        lapsed: 0,
        expires_on: '2027-08-18',
        home,
      },
      {
        // The window closed with one session booked and two never booked.
        id: 'h2',
        name: 'Chăm sóc da tại nhà 4 buổi',
        status: 'ACTIVE',
        total: 4,
        used: 1,
        remaining: 1,
        available: 0,
        lapsed: 2,
        expires_on: '2027-06-01',
        home: { ...home, staff_name: 'Mai', address: '5 Hai Bà Trưng', schedule_by: '2026-11-20' },
      },
    ]);
    if (!open || !closed) throw new Error('expected two treatments');

    const openHome = within(open).getByTestId('treatment-home');
    expect(openHome).toHaveTextContent('Tại nhà · KTV Hoa · 12 Lê Lợi, Quận 1');
    expect(openHome).toHaveTextContent('hạn đặt lịch 18/03/2027');
    expect(within(open).queryByTestId('treatment-lapsed')).toBeNull();
    expect(open).not.toHaveTextContent('bị mất');

    const closedHome = within(closed).getByTestId('treatment-home');
    expect(closedHome).toHaveTextContent('Tại nhà · KTV Mai · 5 Hai Bà Trưng');
    // Nothing can be booked any more: no date to book by.
    expect(closedHome).not.toHaveTextContent('hạn đặt lịch');
    expect(closed).not.toHaveTextContent('20/11/2026');
    expect(within(closed).getByTestId('treatment-lapsed')).toHaveTextContent(
      '2 buổi bị mất do không đặt lịch kịp hạn',
    );
  });
});
