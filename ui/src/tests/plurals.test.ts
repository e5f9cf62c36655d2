import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, test, vi } from 'vitest';
import App from '../App.svelte';
import type { Customer360 } from '../lib/backend/backend';
import { WebBackend, type WebBackendOptions } from '../lib/backend/web';
import { setLocale, type Locale } from '../lib/i18n.svelte';
import { treatment } from './fixtures';

// Counted messages say "1 customer" but "3 customers" in English, through
// pluralForm() and a `.one`/`.other` pair; Vietnamese and Indonesian do not
// inflect the noun, so both of their forms read the same.

afterEach(() => {
  vi.useRealTimers();
});

async function start(locale: Locale, options: WebBackendOptions = { signedIn: 'Lan' }) {
  setLocale(locale);
  const backend = new WebBackend(options);
  const user = userEvent.setup();
  render(App, { props: { backend } });
  const search = options.signedIn ? await screen.findByRole('combobox') : null;
  return { user, backend, search };
}

describe('counted messages', () => {
  test.each([
    ['en', '1 customer', '3 customers'],
    ['vi', '1 khách hàng', '3 khách hàng'],
    ['id', '1 pelanggan', '3 pelanggan'],
  ] as const)('%s: the number of customers found', async (locale, one, three) => {
    const { user, search } = await start(locale);
    await user.type(search!, 'dang');
    expect(await screen.findByText(one)).toBeInTheDocument();
    await user.clear(search!);
    await user.type(search!, 'nguyen');
    expect(await screen.findByText(three)).toBeInTheDocument();
  });

  test('en: the number of entries in the activity log', async () => {
    vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: true });
    vi.setSystemTime(new Date('2026-11-21T14:30:00+07:00'));
    const { user } = await start('en');
    const add = async (name: string, phone: string) => {
      await user.click(screen.getByRole('button', { name: /New customer/ }));
      await user.type(screen.getByLabelText(/^Full name/), name);
      await user.type(screen.getByLabelText(/^Phone number/), phone);
      await user.click(screen.getByRole('button', { name: 'Save customer' }));
      await screen.findByRole('article', { name });
    };
    await add('Trịnh Kim Chi', '0933 456 789');
    await user.click(screen.getByRole('tab', { name: 'Activity log' }));
    expect(await screen.findByText('1 entry, newest first')).toBeInTheDocument();

    await add('Võ Thị Sáu', '0933 456 790');
    await user.click(screen.getByRole('tab', { name: 'Activity log' }));
    expect(await screen.findByText('2 entries, newest first')).toBeInTheDocument();
  });

  test('en: the digits typed on the PIN pad', async () => {
    const { user } = await start('en', {});
    await user.click(await screen.findByRole('button', { name: /^Lan/ }));
    const dots = await screen.findByRole('img', { name: /^PIN/ });
    expect(dots).toHaveAccessibleName('PIN: 0 digits entered');
    await user.keyboard('1');
    expect(dots).toHaveAccessibleName('PIN: 1 digit entered');
    await user.keyboard('1');
    expect(dots).toHaveAccessibleName('PIN: 2 digits entered');
  });

  test('en: a one-minute idle lock, saved and then locking', async () => {
    vi.useFakeTimers({ now: new Date('2026-11-21T14:00:00+07:00') });
    setLocale('en');
    const backend = new WebBackend({ signedIn: 'Tuấn' });
    const user = userEvent.setup({ advanceTimers: (ms) => vi.advanceTimersByTime(ms) });
    render(App, { props: { backend } });
    await screen.findByRole('combobox');
    await user.click(screen.getByRole('button', { name: 'Counter settings' }));
    const minutes = screen.getByLabelText('Lock after this many minutes without activity');
    await user.clear(minutes);
    await user.type(minutes, '1{Enter}');
    await vi.advanceTimersByTimeAsync(0);
    expect(screen.getByText('Saved: the counter locks after 1 minute.')).toBeInTheDocument();

    await vi.advanceTimersByTimeAsync(60_000);
    expect(screen.getByText('The counter locked itself after 1 minute without activity.')).toBeInTheDocument();
  });

  test('en: a package of one session', async () => {
    setLocale('en');
    const backend = new WebBackend({ signedIn: 'Lan' });
    const real = backend.customer360.bind(backend);
    vi.spyOn(backend, 'customer360').mockImplementation(
      async (id: string): Promise<Customer360> => ({
        ...(await real(id)),
        treatments: [
          treatment({ id: 't1', name: 'Facial', total: 1, used: 0, remaining: 1, available: 1 }),
          treatment({ id: 't2', name: 'Massage', total: 10, used: 9, remaining: 1, available: 1 }),
        ],
      }),
    );
    const user = userEvent.setup();
    render(App, { props: { backend } });
    await user.type(await screen.findByRole('combobox'), 'dang{Enter}');
    const [one, ten] = await screen.findAllByTestId('treatment');
    expect(within(one!).getByText(/1 of 1 session left/)).toBeInTheDocument();
    expect(within(ten!).getByText(/1 of 10 sessions left/)).toBeInTheDocument();
  });
});
