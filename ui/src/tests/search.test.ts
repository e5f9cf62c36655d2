import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, test, vi } from 'vitest';
import App from '../App.svelte';
import { BackendError } from '../lib/backend/backend';
import { WebBackend } from '../lib/backend/web';

/** The app with Lan already signed in (the sign-in screen has its own tests). */
async function start(backend = new WebBackend({ signedIn: 'Lan' })) {
  const user = userEvent.setup();
  render(App, { props: { backend } });
  const search = await screen.findByRole('combobox', { name: 'Tìm khách hàng' });
  return { user, backend, search };
}

const optionNames = () =>
  screen.getAllByRole('option').map((o) => o.querySelector('.name')?.textContent);

describe('search → pick → 360', () => {
  test('the search box has focus once someone is signed in', async () => {
    const { search } = await start();
    expect(search).toHaveFocus();
    expect(screen.getByRole('heading', { name: 'Tìm một khách hàng để bắt đầu' })).toBeInTheDocument();
  });

  test('typing shows matching customers, debounced, and Enter opens the 360 panel', async () => {
    const backend = new WebBackend({ signedIn: 'Lan' });
    const find = vi.spyOn(backend, 'findCustomers');
    const { user, search } = await start(backend);

    await user.type(search, 'nguyen');
    await screen.findAllByRole('option');
    expect(optionNames()).toEqual(['Hoàng Đức Nguyên', 'Nguyễn Thị Mai', 'Nguyễn Văn Hùng']);
    // Six quick keystrokes, far fewer questions to the store.
    expect(find.mock.calls.length).toBeLessThan(6);
    expect(find).toHaveBeenLastCalledWith('nguyen', expect.any(Number));
    expect(screen.getByText('3 khách hàng')).toBeInTheDocument();

    // The first row is highlighted; ↓ moves to the second, ↑↑ wraps to the last.
    expect(screen.getAllByRole('option')[0]).toHaveAttribute('aria-selected', 'true');
    await user.keyboard('{ArrowDown}{ArrowUp}{ArrowUp}{ArrowDown}');
    expect(screen.getAllByRole('option')[0]).toHaveAttribute('aria-selected', 'true');
    await user.keyboard('{ArrowDown}');
    expect(search).toHaveAttribute('aria-activedescendant', 'customer-option-1');
    await user.keyboard('{Enter}');

    const panel = await screen.findByRole('article', { name: 'Nguyễn Thị Mai' });
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

  test('search ignores diacritics, including đ, and finds phone fragments', async () => {
    const { user, search } = await start();
    await user.type(search, 'dang');
    expect(await screen.findByRole('option', { name: /Đặng Thu Hà/ })).toBeInTheDocument();

    await user.clear(search);
    await user.type(search, '0987 65');
    expect(await screen.findByRole('option', { name: /Đặng Thu Hà/ })).toBeInTheDocument();
    expect(screen.getAllByRole('option')).toHaveLength(1);
  });

  test('a full page of results asks for a narrower search', async () => {
    const customers = Array.from({ length: 35 }, (_, i) => ({
      name: `Lê Văn ${String.fromCharCode(65 + (i % 26))}${i}`,
      phone: `+8490${String(1000000 + i).padStart(7, '0')}`,
    }));
    const { user, search } = await start(new WebBackend({ customers, signedIn: 'Lan' }));
    await user.type(search, 'le van');
    expect(await screen.findByText('Hơn 30 khách hàng, gõ thêm để thu hẹp')).toBeInTheDocument();
    expect(screen.getAllByRole('option')).toHaveLength(30);
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
    const backend = new WebBackend({ signedIn: 'Lan' });
    vi.spyOn(backend, 'customer360').mockRejectedValue({ code: 'not_found', message: 'no customer 42' });
    const { user, search } = await start(backend);
    await user.type(search, 'hung');
    await screen.findAllByRole('option');
    await user.keyboard('{Enter}');
    expect(await screen.findByRole('alert')).toHaveTextContent('Không tìm thấy khách hàng này.');
  });

  test('a failing search shows the backend message for a code the UI does not know', async () => {
    const backend = new WebBackend({ signedIn: 'Lan' });
    vi.spyOn(backend, 'findCustomers').mockRejectedValue(
      new BackendError('database_locked', 'the database is locked by another program'),
    );
    const { user, search } = await start(backend);
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
