import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, test } from 'vitest';
import App from '../App.svelte';
import type { Customer } from '../lib/backend/backend';
import { counter, customer, files, finds, HA, HUNG, LAN, MAI, NGUYEN, slow, TRAM } from './answers-b';
import { refuse, stubBackend, type Answers, type Stub } from './stub';

/** What the store finds for the texts these tests type. */
const FOUND: Record<string, Customer[]> = {
  n: [NGUYEN, MAI, HUNG, HA, TRAM],
  nguyen: [NGUYEN, MAI, HUNG],
  'nguyen hung': [HUNG],
  'nguyen mai': [MAI],
  '912': [NGUYEN, MAI],
  '912 345': [MAI],
  dang: [HA],
  '0987 65': [HA],
  tram: [TRAM],
  mai: [MAI],
  hung: [HUNG],
};
const EVERYONE = [MAI, HUNG, HA, TRAM, NGUYEN];

/** The app with Lan already signed in (the sign-in screen has its own tests). */
async function start(answers: Answers = {}) {
  const stub = stubBackend(
    counter(LAN, { find_customers: finds(FOUND), customer_360: files(EVERYONE), audit: [], ...answers }),
  );
  const user = userEvent.setup();
  render(App, { props: { backend: stub.backend } });
  const search = await screen.findByRole('combobox', { name: 'Tìm khách hàng' });
  return { user, stub, search };
}

/** The texts the screen asked the store about, in order. */
const asked = (stub: Stub) => stub.callsTo('find_customers').map((args) => args.query);

const optionNames = () =>
  screen.getAllByRole('option').map((o) => o.querySelector('.name')?.textContent);

describe('search → pick → 360', () => {
  test('the search box has focus once someone is signed in', async () => {
    const { search } = await start();
    expect(search).toHaveFocus();
    expect(screen.getByRole('heading', { name: 'Tìm một khách hàng để bắt đầu' })).toBeInTheDocument();
  });

  test('typing shows matching customers, one question at a time, and Enter opens the 360 panel', async () => {
    const { user, stub, search } = await start({ find_customers: slow(60, finds(FOUND)) });

    await user.type(search, 'nguyen');
    await waitFor(() => expect(optionNames()).toEqual(['Hoàng Đức Nguyên', 'Nguyễn Thị Mai', 'Nguyễn Văn Hùng']));
    // The first keystroke is asked at once; those typed while it was on its
    // way become one question, for the latest text.
    expect(asked(stub)).toEqual(['n', 'nguyen']);
    expect(stub.callsTo('find_customers').at(-1)).toEqual({ query: 'nguyen', limit: 30 });
    expect(screen.getByText('3 khách hàng')).toBeInTheDocument();

    // The first row is highlighted; ↓ moves to the second, ↑↑ wraps to the last.
    expect(screen.getAllByRole('option')[0]).toHaveAttribute('aria-selected', 'true');
    await user.keyboard('{ArrowDown}{ArrowUp}{ArrowUp}{ArrowDown}');
    expect(screen.getAllByRole('option')[0]).toHaveAttribute('aria-selected', 'true');
    await user.keyboard('{ArrowDown}');
    expect(search).toHaveAttribute('aria-activedescendant', 'customer-option-1');
    await user.keyboard('{Enter}');

    const panel = await screen.findByRole('article', { name: 'Nguyễn Thị Mai' });
    expect(stub.callsTo('customer_360')).toEqual([{ id: MAI.id }]);
    const facts = within(panel);
    expect(facts.getByTestId('customer-phone')).toHaveTextContent('0912 345 678');
    expect(facts.getAllByText('KH00001').length).toBeGreaterThan(0);
    expect(facts.getByText('mai.nguyen@example.vn')).toBeInTheDocument();
    expect(facts.getByText('12 Lý Tự Trọng, Quận 1, TP. Hồ Chí Minh')).toBeInTheDocument();
    expect(facts.getByText('VIP')).toBeInTheDocument();
    expect(facts.getByText('Thích phòng yên tĩnh, da nhạy cảm.')).toBeInTheDocument();
    expect(facts.getByText('Khách từ 18/11/2024')).toBeInTheDocument();
    for (const section of ['Ví', 'Gói liệu trình', 'Lịch hẹn', 'Phiếu hỗ trợ']) {
      expect(within(facts.getByRole('region', { name: section })).getByText('Chưa có')).toBeInTheDocument();
    }
  });

  test('the text goes to the store as typed (it matches without diacritics and phone fragments), and its hits are listed', async () => {
    const { user, stub, search } = await start();
    await user.type(search, 'dang');
    expect(await screen.findByRole('option', { name: /Đặng Thu Hà/ })).toBeInTheDocument();
    expect(asked(stub).at(-1)).toBe('dang');

    await user.clear(search);
    await user.type(search, '0987 65');
    expect(await screen.findByRole('option', { name: /Đặng Thu Hà/ })).toBeInTheDocument();
    expect(asked(stub).at(-1)).toBe('0987 65');
    expect(screen.getAllByRole('option')).toHaveLength(1);
  });

  test('a full page of results asks for a narrower search', async () => {
    // The store answers at most the limit asked for.
    const page = Array.from({ length: 30 }, (_, i) =>
      customer({ name: `Lê Văn ${String.fromCharCode(65 + (i % 26))}${i}`, phone_display: `090 ${1000000 + i}` }),
    );
    const { user, stub, search } = await start({ find_customers: finds({ 'le van': page }) });
    await user.type(search, 'le van');
    expect(await screen.findByText('Hơn 30 khách hàng, gõ thêm để thu hẹp')).toBeInTheDocument();
    expect(screen.getAllByRole('option')).toHaveLength(30);
    expect(stub.callsTo('find_customers').at(-1)).toEqual({ query: 'le van', limit: 30 });
  });

  test('no match says so, with the query', async () => {
    const { user, search } = await start();
    await user.type(search, 'zzz');
    expect(await screen.findByText('Không có khách hàng nào khớp với “zzz”.')).toBeInTheDocument();
    expect(screen.queryAllByRole('option')).toHaveLength(0);
  });

  test('clicking a result opens it; Ctrl+K and / bring focus back to search', async () => {
    const { user, search } = await start();
    await user.type(search, 'tram');
    await user.click(await screen.findByRole('option', { name: /Võ Ngọc Trâm/ }));
    expect(await screen.findByRole('article', { name: 'Võ Ngọc Trâm' })).toBeInTheDocument();

    await user.click(screen.getByRole('heading', { name: 'Võ Ngọc Trâm' }));
    expect(search).not.toHaveFocus();
    await user.keyboard('{Control>}k{/Control}');
    expect(search).toHaveFocus();

    search.blur();
    await user.keyboard('/');
    expect(search).toHaveFocus();
    expect(search).toHaveValue('tram');
  });

  test('Escape clears the search', async () => {
    const { user, search } = await start();
    await user.type(search, 'mai');
    await screen.findAllByRole('option');
    await user.keyboard('{Escape}');
    expect(search).toHaveValue('');
    expect(screen.queryAllByRole('option')).toHaveLength(0);
  });

  test('a failing 360 shows the translated error', async () => {
    const { user, search } = await start({ customer_360: refuse('not_found', 'no customer 42') });
    await user.type(search, 'hung');
    await screen.findAllByRole('option');
    await user.keyboard('{Enter}');
    expect(await screen.findByRole('alert')).toHaveTextContent('Không tìm thấy khách hàng này.');
  });

  test('a failing search shows the backend message for a code the UI does not know', async () => {
    const { user, search } = await start({
      find_customers: refuse('database_locked', 'the database is locked by another program'),
    });
    await user.type(search, 'mai');
    expect(await screen.findByRole('alert')).toHaveTextContent('the database is locked by another program');
  });

  test('the language switcher translates the screen', async () => {
    const { user } = await start();
    await user.click(screen.getByRole('button', { name: 'English' }));
    expect(screen.getByRole('combobox', { name: 'Find a customer' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: /New customer/ })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Bahasa Indonesia' }));
    expect(screen.getByRole('combobox', { name: 'Cari pelanggan' })).toBeInTheDocument();
    expect(localStorage.getItem('caredesk.locale')).toBe('id');
  });
});

describe('Enter and the arrows act on the results of what is typed now', () => {
  /**
   * Against a store slow enough that the keys typed below arrive while the
   * search for the text so far is still queued or waiting for its answer.
   * `opened` lists the customers whose 360 was asked for, by name.
   */
  async function startSlow(find: Answers['find_customers'] = slow(60, finds(FOUND))) {
    const started = await start({ find_customers: find });
    const opened = () =>
      started.stub.callsTo('customer_360').map(({ id }) => EVERYONE.find((c) => c.id === id)?.name ?? id);
    return { ...started, opened };
  }

  test('Enter typed right after the text opens the only match, not the row highlighted before', async () => {
    const { user, search, opened } = await startSlow();
    await user.type(search, '912');
    expect(await screen.findByText('2 khách hàng')).toBeInTheDocument();
    expect(optionNames()).toEqual(['Hoàng Đức Nguyên', 'Nguyễn Thị Mai']);

    await user.type(search, ' 345{Enter}');
    expect(screen.getByText('Đang tìm…')).toBeInTheDocument();
    expect(opened()).toEqual([]);
    expect(await screen.findByRole('article', { name: 'Nguyễn Thị Mai' })).toBeInTheDocument();
    expect(opened()).toEqual(['Nguyễn Thị Mai']);
  });

  test('arrows pressed before the answer do not move within the old rows', async () => {
    const { user, search, opened } = await startSlow();
    await user.type(search, 'nguyen');
    expect(await screen.findByText('3 khách hàng')).toBeInTheDocument();

    // In the old rows, ↓ would highlight Nguyễn Thị Mai.
    await user.type(search, ' hung{ArrowDown}{Enter}');
    expect(await screen.findByRole('article', { name: 'Nguyễn Văn Hùng' })).toBeInTheDocument();
    expect(opened()).toEqual(['Nguyễn Văn Hùng']);
  });

  test('Enter for a search that finds nobody opens nothing and says so', async () => {
    const { user, search, opened } = await startSlow();
    await user.type(search, 'nguyen');
    expect(await screen.findByText('3 khách hàng')).toBeInTheDocument();

    await user.type(search, ' zzz{Enter}');
    expect(await screen.findByText('Không có khách hàng nào khớp với “nguyen zzz”.')).toBeInTheDocument();
    expect(screen.queryAllByRole('option')).toHaveLength(0);
    expect(opened()).toEqual([]);
    expect(screen.getByRole('heading', { name: 'Tìm một khách hàng để bắt đầu' })).toBeInTheDocument();
  });

  test('a late answer to older text is shown but never opened', async () => {
    // The two questions that matter wait until the test lets them answer.
    const gates = new Map<string, () => void>();
    const find = finds(FOUND);
    const { user, search, opened } = await startSlow(async (args: Record<string, unknown>) => {
      const query = args.query as string;
      if (query === 'nguyen' || query === 'nguyen hung') {
        await new Promise<void>((resolve) => gates.set(query, resolve));
      }
      return find(args);
    });

    await user.type(search, 'nguyen');
    await waitFor(() => expect(gates.has('nguyen')).toBe(true));
    await user.type(search, ' hung{Enter}');
    // The answer for "nguyen" comes while "nguyen hung" is still on its way.
    gates.get('nguyen')!();
    await waitFor(() => expect(optionNames()).toEqual(['Hoàng Đức Nguyên', 'Nguyễn Thị Mai', 'Nguyễn Văn Hùng']));
    await waitFor(() => expect(gates.has('nguyen hung')).toBe(true));
    expect(screen.getByText('Đang tìm…')).toBeInTheDocument();
    // The rows on screen are not the answer to what is typed.
    expect(screen.getByRole('listbox')).toHaveAttribute('aria-busy', 'true');
    expect(opened()).toEqual([]);

    gates.get('nguyen hung')!();
    expect(await screen.findByRole('article', { name: 'Nguyễn Văn Hùng' })).toBeInTheDocument();
    expect(opened()).toEqual(['Nguyễn Văn Hùng']);
    expect(screen.getByRole('listbox')).toHaveAttribute('aria-busy', 'false');
  });

  test('typing after Enter forgets the Enter', async () => {
    const { user, search, opened } = await startSlow();
    await user.type(search, 'nguyen{Enter} mai');
    expect(await screen.findByText('1 khách hàng')).toBeInTheDocument();
    expect(opened()).toEqual([]);
    await user.keyboard('{Enter}');
    expect(await screen.findByRole('article', { name: 'Nguyễn Thị Mai' })).toBeInTheDocument();
    expect(opened()).toEqual(['Nguyễn Thị Mai']);
  });

  test('the Enter that ends a word in an input method opens nothing', async () => {
    const { user, search, opened } = await startSlow();
    await user.type(search, 'dang');
    expect(await screen.findByText('1 khách hàng')).toBeInTheDocument();
    await fireEvent.keyDown(search, { key: 'Enter', isComposing: true });
    expect(opened()).toEqual([]);
  });
});
