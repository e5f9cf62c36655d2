import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import App from '../App.svelte';
import { WebBackend } from '../lib/backend/web';

// The fake's "today" and the screen's agree: both read this clock. The
// screen reads the computer's, so it is set too: on the real one, the
// Vietnamese day has turned while UTC's has not from 17:00 UTC on.
const NOW = new Date('2026-11-21T14:30:00+07:00');

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: true });
  vi.setSystemTime(NOW);
});
afterEach(() => {
  vi.useRealTimers();
});

async function start() {
  const backend = new WebBackend({ signedIn: 'Lan', now: () => NOW });
  const user = userEvent.setup();
  render(App, { props: { backend } });
  await screen.findByRole('combobox', { name: 'Tìm khách hàng' });
  return { user, backend };
}

async function addCustomer(user: ReturnType<typeof userEvent.setup>, name: string, phone: string) {
  await user.click(screen.getByRole('button', { name: /Khách hàng mới/ }));
  await user.type(screen.getByLabelText(/^Họ và tên/), name);
  await user.type(screen.getByLabelText(/^Số điện thoại/), phone);
  await user.click(screen.getByRole('button', { name: 'Lưu khách hàng' }));
  await screen.findByRole('article', { name });
}

const entries = () =>
  screen.queryAllByRole('listitem').filter((li) => li.closest('ol')?.classList.contains('entries'));

describe('activity log', () => {
  test("shows today's entries, newest first, with time and staff", async () => {
    const { user } = await start();
    await addCustomer(user, 'Trịnh Kim Chi', '0933 456 789');
    await addCustomer(user, 'Võ Thị Sáu', '0933 456 790');

    await user.click(screen.getByRole('tab', { name: 'Nhật ký' }));
    expect(screen.getByRole('tab', { name: 'Nhật ký' })).toHaveAttribute('aria-selected', 'true');
    expect(await screen.findByText('2 hoạt động, mới nhất ở trên')).toBeInTheDocument();
    expect(screen.getByLabelText('Ngày')).toHaveValue('21/11/2026');
    const [first, second] = entries();
    expect(first).toHaveTextContent('Lan đã thêm khách hàng Võ Thị Sáu (0933 456 790)');
    expect(second).toHaveTextContent('Lan đã thêm khách hàng Trịnh Kim Chi (0933 456 789)');
    expect(within(first!).getByText('14:30')).toBeInTheDocument();
    expect(within(first!).getByText('Lan', { selector: '.staff' })).toBeInTheDocument();
    // The seeded customers were registered on earlier days.
    expect(screen.queryByText(/Nguyễn Thị Mai/)).not.toBeInTheDocument();
  });

  test('filters by staff member and by day', async () => {
    const { user } = await start();
    await addCustomer(user, 'Trịnh Kim Chi', '0933 456 789');
    await user.click(screen.getByRole('tab', { name: 'Nhật ký' }));
    await screen.findByText('1 hoạt động, mới nhất ở trên');

    await user.selectOptions(screen.getByLabelText('Nhân viên'), 'Hoa');
    expect(await screen.findByText('Không có hoạt động nào trong ngày này.')).toBeInTheDocument();

    // Hoa registered Nguyễn Thị Mai on 18 November 2024; Lan wrote a note on her in March.
    const day = screen.getByLabelText('Ngày');
    await user.clear(day);
    await user.type(day, '18/11/2024');
    expect(await screen.findByText('Hoa đã thêm khách hàng Nguyễn Thị Mai (0912 345 678)')).toBeInTheDocument();
    expect(entries()).toHaveLength(1);

    await user.click(screen.getByRole('button', { name: 'Hôm nay' }));
    expect(await screen.findByText('Không có hoạt động nào trong ngày này.')).toBeInTheDocument();
    await user.selectOptions(screen.getByLabelText('Nhân viên'), '');
    expect(await screen.findByText('Lan đã thêm khách hàng Trịnh Kim Chi (0933 456 789)')).toBeInTheDocument();
  });

  test('sentences follow the language', async () => {
    const { user } = await start();
    await addCustomer(user, 'Trịnh Kim Chi', '0933 456 789');
    await user.click(screen.getByRole('tab', { name: 'Nhật ký' }));
    await screen.findByText('Lan đã thêm khách hàng Trịnh Kim Chi (0933 456 789)');
    await user.click(screen.getByRole('button', { name: 'English' }));
    expect(await screen.findByText('Lan added customer Trịnh Kim Chi (0933 456 789)')).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'Activity log' })).toBeInTheDocument();
  });

  test("a customer's panel lists what happened to their file", async () => {
    const { user } = await start();
    await user.type(screen.getByRole('combobox', { name: 'Tìm khách hàng' }), 'mai');
    await user.click(await screen.findByRole('option', { name: /Nguyễn Thị Mai/ }));
    const activity = await screen.findByRole('region', { name: 'Hoạt động' });
    await within(activity).findByText('Hoa đã thêm khách hàng Nguyễn Thị Mai (0912 345 678)');
    const items = within(activity).getAllByRole('listitem');
    expect(items).toHaveLength(2);
    expect(items[0]).toHaveTextContent('Lan đã ghi chú cho Nguyễn Thị Mai: “Thích phòng yên tĩnh, da nhạy cảm.”');
    expect(items[0]).toHaveTextContent('09:15');
    expect(items[0]).toHaveTextContent('02/03/2025');
    expect(items[1]).toHaveTextContent('18/11/2024');
  });

  test('the activity of a customer just added names who added them', async () => {
    const { user } = await start();
    await addCustomer(user, 'Trịnh Kim Chi', '0933 456 789');
    const activity = await screen.findByRole('region', { name: 'Hoạt động' });
    expect(await within(activity).findByText('Lan đã thêm khách hàng Trịnh Kim Chi (0933 456 789)')).toBeInTheDocument();
  });
});

test('Ctrl+2 opens the activity log and Ctrl+1 goes back to customers', async () => {
  const { user } = await start();
  await user.keyboard('{Control>}2{/Control}');
  expect(await screen.findByRole('heading', { name: 'Nhật ký hoạt động' })).toBeInTheDocument();
  await user.keyboard('{Control>}1{/Control}');
  expect(await screen.findByRole('combobox', { name: 'Tìm khách hàng' })).toBeInTheDocument();
  expect(screen.queryByRole('heading', { name: 'Nhật ký hoạt động' })).not.toBeInTheDocument();
});
