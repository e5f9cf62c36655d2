import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, test, vi } from 'vitest';
import App from '../App.svelte';
import type { Customer360 } from '../lib/backend/backend';
import { WebBackend } from '../lib/backend/web';

describe('treatments in the customer 360', () => {
  test('each punch card shows sessions left, expiry and status in Vietnamese', async () => {
    const backend = new WebBackend({ signedIn: 'Lan' });
    const real = backend.customer360.bind(backend);
    vi.spyOn(backend, 'customer360').mockImplementation(async (id: string): Promise<Customer360> => ({
      ...(await real(id)),
      treatments: [
        {
          id: 't1',
          name: 'Massage 10 buổi',
          status: 'ACTIVE',
          total: 10,
          used: 3,
          remaining: 7,
          expires_on: '2027-02-18',
        },
        {
          id: 't2',
          name: 'Gội đầu 5 buổi',
          status: 'EXPIRED',
          total: 5,
          used: 4,
          remaining: 1,
          expires_on: '2026-10-01',
        },
      ],
    }));
    const user = userEvent.setup();
    render(App, { props: { backend } });
    const search = await screen.findByRole('combobox', { name: 'Tìm khách hàng' });
    await user.type(search, 'nguyen');
    await screen.findAllByRole('option');
    await user.keyboard('{Enter}');
    const [active, expired, ...rest] = await screen.findAllByTestId('treatment');
    expect(rest).toHaveLength(0);
    if (!active || !expired) throw new Error('expected two treatments');
    expect(active).toHaveTextContent('Massage 10 buổi');
    expect(active).toHaveTextContent('còn 7/10 buổi');
    expect(active).toHaveTextContent('hạn dùng 2027-02-18');
    expect(within(active).getByText('Đang dùng')).toBeInTheDocument();
    expect(within(expired).getByText('Hết hạn')).toBeInTheDocument();
  });
});
