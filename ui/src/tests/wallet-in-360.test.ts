import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, test } from 'vitest';
import App from '../App.svelte';
import type { WalletView } from '../lib/backend/backend';
import { counter, file, finds, HUNG, LAN, MAI } from './answers-b';
import { wallet as fixtureWallet } from './fixtures';
import { stubBackend } from './stub';

/** Opens the first customer found for "nguyen", with `wallet` on their file. */
async function openCustomerWith(part: Partial<WalletView>) {
  const wallet = fixtureWallet({ customer: MAI.id, ...part });
  const stub = stubBackend(
    counter(LAN, {
      find_customers: finds({ nguyen: [MAI, HUNG] }),
      customer_360: file(MAI, { wallet }),
      audit: [],
    }),
  );
  const user = userEvent.setup();
  render(App, { props: { backend: stub.backend } });
  const search = await screen.findByRole('combobox', { name: 'Tìm khách hàng' });
  await user.type(search, 'nguyen');
  await screen.findAllByRole('option');
  await user.keyboard('{Enter}');
  await screen.findByText('Số dư');
  expect(stub.callsTo('customer_360')).toEqual([{ id: MAI.id }]);
  return stub;
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
