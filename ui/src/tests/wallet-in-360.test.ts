import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, test, vi } from 'vitest';
import App from '../App.svelte';
import type { Customer360, WalletView } from '../lib/backend/backend';
import { WebBackend } from '../lib/backend/web';
import { wallet as fixtureWallet } from './fixtures';

/** Opens the first customer found for "nguyen", with `wallet` on their file. */
async function openCustomerWith(part: Partial<WalletView>): Promise<void> {
  const wallet = fixtureWallet(part);
  const backend = new WebBackend({ signedIn: 'Lan' });
  const real = backend.customer360.bind(backend);
  vi.spyOn(backend, 'customer360').mockImplementation(async (id: string): Promise<Customer360> => ({
    ...(await real(id)),
    wallet,
  }));
  const user = userEvent.setup();
  render(App, { props: { backend } });
  const search = await screen.findByRole('combobox', { name: 'Tìm khách hàng' });
  await user.type(search, 'nguyen');
  await screen.findAllByRole('option');
  await user.keyboard('{Enter}');
  await screen.findByText('Số dư');
}

describe('the wallet in the customer 360', () => {
  test('shows real money, virtual credit, and each live credit with its expiry', async () => {
    await openCustomerWith({
      balance: 470_000,
      virtual: 150_000,
      currency: 'VND',
      credits: [
        {
          id: 'c1',
          amount: 50_000,
          used: 0,
          remaining: 50_000,
          expires_at: '2026-12-06T00:00:00+07:00',
          status: 'ACTIVE',
        },
        {
          id: 'c2',
          amount: 100_000,
          used: 0,
          remaining: 100_000,
          expires_at: '2026-12-21T00:00:00+07:00',
          status: 'ACTIVE',
        },
        {
          id: 'c3',
          amount: 30_000,
          used: 10_000,
          remaining: 0,
          expires_at: '2026-11-01T00:00:00+07:00',
          status: 'EXPIRED',
        },
      ],
    });
    const credits = screen.getAllByTestId('credit');
    expect(credits).toHaveLength(2);
    expect(credits[0]).toHaveTextContent(/^50\.000\s\S+ tín dụng, hạn dùng trước 06\/12\/2026/);
    expect(credits[1]).toHaveTextContent(/^100\.000\s\S+ tín dụng, hạn dùng trước 21\/12\/2026/);
    expect(screen.getByText('Tín dụng tặng')).toBeInTheDocument();
  });

  test('a wallet with no credit lists none', async () => {
    await openCustomerWith({ balance: 120_000, virtual: 0, credits: [] });
    expect(screen.queryAllByTestId('credit')).toHaveLength(0);
    expect(screen.queryByText('Tín dụng tặng')).not.toBeInTheDocument();
  });
});
