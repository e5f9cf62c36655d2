import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, test, vi } from 'vitest';
import App from '../App.svelte';
import type { CounterSettings, Staff } from '../lib/backend/backend';
import { setLocale, type Locale } from '../lib/i18n.svelte';
import { demoCustomer, entry, file, hit, LAN, stubCounter, TUAN } from './answers-a';
import { treatment } from './fixtures';
import type { Answers } from './stub';

// Counted messages say "1 customer" but "3 customers" in English, through
// pluralForm() and a `.one`/`.other` pair; Vietnamese and Indonesian do not
// inflect the noun, so both of their forms read the same.

afterEach(() => {
  vi.useRealTimers();
});

const HA = demoCustomer(3, 'Đặng Thu Hà', '0987 654 321');
const NGUYENS = [
  demoCustomer(1, 'Nguyễn Thị Mai', '0912 345 678'),
  demoCustomer(2, 'Nguyễn Văn Hùng', '0903 111 222'),
  demoCustomer(10, 'Hoàng Đức Nguyên', '0912 000 111'),
];

async function start(locale: Locale, signedIn: Staff | null = LAN, more: Answers = {}) {
  setLocale(locale);
  const stub = stubCounter(signedIn, more);
  const user = userEvent.setup();
  render(App, { props: { backend: stub.backend } });
  const search = signedIn ? await screen.findByRole('combobox') : null;
  return { user, stub, search };
}

describe('counted messages', () => {
  test.each([
    ['en', '1 customer', '3 customers'],
    ['vi', '1 khách hàng', '3 khách hàng'],
    ['id', '1 pelanggan', '3 pelanggan'],
  ] as const)('%s: the number of customers found', async (locale, one, three) => {
    const { user, search } = await start(locale, LAN, {
      find_customers: ({ query }: Record<string, unknown>) => (query === 'dang' ? [hit(HA)] : query === 'nguyen' ? NGUYENS.map((c) => hit(c)) : []),
    });
    await user.type(search!, 'dang');
    expect(await screen.findByText(one)).toBeInTheDocument();
    await user.clear(search!);
    await user.type(search!, 'nguyen');
    expect(await screen.findByText(three)).toBeInTheDocument();
  });

  test('en: the number of entries in the activity log', async () => {
    vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: true });
    vi.setSystemTime(new Date('2026-11-21T14:30:00+07:00'));
    const first = entry({ text: 'Lan added customer Trịnh Kim Chi (0933 456 789)' });
    const { user, stub } = await start('en', LAN, { audit: [first] });
    await user.click(screen.getByRole('tab', { name: 'Activity log' }));
    expect(await screen.findByText('1 entry, newest first')).toBeInTheDocument();

    await user.click(screen.getByRole('tab', { name: 'Customers' }));
    stub.answers.audit = [entry({ at: '2026-11-21T14:31:00+07:00', text: 'Lan added customer Võ Thị Sáu (0933 456 790)' }), first];
    await user.click(screen.getByRole('tab', { name: 'Activity log' }));
    expect(await screen.findByText('2 entries, newest first')).toBeInTheDocument();
  });

  test('en: the digits typed on the PIN pad', async () => {
    const { user } = await start('en', null);
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
    const stub = stubCounter(TUAN, { set_counter_settings: ({ settings }: Record<string, unknown>) => settings as CounterSettings });
    const user = userEvent.setup({ advanceTimers: (ms) => vi.advanceTimersByTime(ms) });
    render(App, { props: { backend: stub.backend } });
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
    const { user } = await start('en', LAN, {
      find_customers: [hit(HA)],
      audit: [],
      tickets: [],
      customer_360: file(HA, {
        treatments: [
          treatment({ id: 't1', name: 'Facial', total: 1, used: 0, remaining: 1, available: 1 }),
          treatment({ id: 't2', name: 'Massage', total: 10, used: 9, remaining: 1, available: 1 }),
        ],
      }),
    });
    await user.type(await screen.findByRole('combobox'), 'dang{Enter}');
    const [one, ten] = await screen.findAllByTestId('treatment');
    expect(within(one!).getByText(/1 of 1 session left/)).toBeInTheDocument();
    expect(within(ten!).getByText(/1 of 10 sessions left/)).toBeInTheDocument();
  });
});
