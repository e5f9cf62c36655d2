import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import App from '../App.svelte';
import type { AuditEntry, AuditQuery } from '../lib/backend/backend';
import { customer, entry, file, HOA, hit, stubCounter } from './answers-a';
import type { Stub } from './stub';

// The sentences, their order and what a filter selects are the store's
// (`audit`); the screen asks for the right day, person, customer and
// language, and shows what comes back.

// The screen reads the computer's clock for "today": on the real one, the
// Vietnamese day has turned while UTC's has not from 17:00 UTC on.
const NOW = new Date('2026-11-21T14:30:00+07:00');

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: true });
  vi.setSystemTime(NOW);
});
afterEach(() => {
  vi.useRealTimers();
});

const MAI = customer({ name: 'Nguyễn Thị Mai' });
const KIM_CHI = customer({
  id: '00000000-0000-7000-8000-00000000c0c1',
  code: 'KH0011',
  name: 'Trịnh Kim Chi',
  phone: '+84933456789',
  phone_display: '0933 456 789',
  created_by_name: 'Lan',
});

const added = (who: string, name: string, phone: string, at: string, lang: 'vi' | 'en' = 'vi') =>
  entry({
    at,
    staff: who,
    text: lang === 'vi' ? `${who} đã thêm khách hàng ${name} (${phone})` : `${who} added customer ${name} (${phone})`,
  });
const KIM_CHI_ADDED = added('Lan', 'Trịnh Kim Chi', '0933 456 789', '2026-11-21T14:30:00+07:00');
const SAU_ADDED = added('Lan', 'Võ Thị Sáu', '0933 456 790', '2026-11-21T14:30:05+07:00');
const MAI_ADDED = added('Hoa', 'Nguyễn Thị Mai', '0912 345 678', '2024-11-18T10:05:00+07:00');
const MAI_NOTE = entry({
  at: '2025-03-02T09:15:00+07:00',
  kind: 'customer.note_added',
  text: 'Lan đã ghi chú cho Nguyễn Thị Mai: “Thích phòng yên tĩnh, da nhạy cảm.”',
});

/** The store's answers to `audit`, by query: [lang, staff, date, customer]. */
function auditAnswers(log: Array<[AuditQuery & { lang: string }, AuditEntry[]]>) {
  return ({ filter, lang }: Record<string, unknown>) => {
    const query = filter as AuditQuery;
    const found = log.find(
      ([q]) =>
        q.lang === lang &&
        (q.staff ?? null) === (query.staff ?? null) &&
        (q.date ?? null) === (query.date ?? null) &&
        (q.customer ?? null) === (query.customer ?? null),
    );
    return found?.[1] ?? [];
  };
}

async function start(stub: Stub = stubCounter()) {
  const user = userEvent.setup();
  render(App, { props: { backend: stub.backend } });
  await screen.findByRole('combobox', { name: 'Tìm khách hàng' });
  return { user, stub };
}

const entries = () =>
  screen.queryAllByRole('listitem').filter((li) => li.closest('ol')?.classList.contains('entries'));

describe('activity log', () => {
  test("shows today's entries, newest first, with time and staff", async () => {
    const { user, stub } = await start(
      stubCounter(undefined, { audit: auditAnswers([[{ lang: 'vi', date: '2026-11-21' }, [SAU_ADDED, KIM_CHI_ADDED]]]) }),
    );

    await user.click(screen.getByRole('tab', { name: 'Nhật ký' }));
    expect(screen.getByRole('tab', { name: 'Nhật ký' })).toHaveAttribute('aria-selected', 'true');
    expect(await screen.findByText('2 hoạt động, mới nhất ở trên')).toBeInTheDocument();
    expect(stub.callsTo('audit')).toEqual([{ filter: { staff: null, date: '2026-11-21', limit: 200 }, lang: 'vi' }]);
    expect(screen.getByLabelText('Ngày')).toHaveValue('21/11/2026');
    const [first, second] = entries();
    expect(first).toHaveTextContent('Lan đã thêm khách hàng Võ Thị Sáu (0933 456 790)');
    expect(second).toHaveTextContent('Lan đã thêm khách hàng Trịnh Kim Chi (0933 456 789)');
    expect(within(first!).getByText('14:30')).toBeInTheDocument();
    expect(within(first!).getByText('Lan', { selector: '.staff' })).toBeInTheDocument();
  });

  test('filters by staff member and by day', async () => {
    const { user, stub } = await start(
      stubCounter(undefined, {
        audit: auditAnswers([
          [{ lang: 'vi', date: '2026-11-21' }, [KIM_CHI_ADDED]],
          [{ lang: 'vi', staff: HOA.id, date: '2024-11-18' }, [MAI_ADDED]],
        ]),
      }),
    );
    await user.click(screen.getByRole('tab', { name: 'Nhật ký' }));
    await screen.findByText('1 hoạt động, mới nhất ở trên');

    await user.selectOptions(screen.getByLabelText('Nhân viên'), 'Hoa');
    expect(await screen.findByText('Không có hoạt động nào trong ngày này.')).toBeInTheDocument();
    expect(stub.callsTo('audit').at(-1)).toEqual({ filter: { staff: HOA.id, date: '2026-11-21', limit: 200 }, lang: 'vi' });

    const day = screen.getByLabelText('Ngày');
    await user.clear(day);
    await user.type(day, '18/11/2024');
    expect(await screen.findByText('Hoa đã thêm khách hàng Nguyễn Thị Mai (0912 345 678)')).toBeInTheDocument();
    expect(entries()).toHaveLength(1);
    expect(stub.callsTo('audit').at(-1)).toEqual({ filter: { staff: HOA.id, date: '2024-11-18', limit: 200 }, lang: 'vi' });

    await user.click(screen.getByRole('button', { name: 'Hôm nay' }));
    expect(await screen.findByText('Không có hoạt động nào trong ngày này.')).toBeInTheDocument();
    await user.selectOptions(screen.getByLabelText('Nhân viên'), '');
    expect(await screen.findByText('Lan đã thêm khách hàng Trịnh Kim Chi (0933 456 789)')).toBeInTheDocument();
    expect(stub.callsTo('audit').at(-1)).toEqual({ filter: { staff: null, date: '2026-11-21', limit: 200 }, lang: 'vi' });
  });

  test('sentences follow the language', async () => {
    const { user, stub } = await start(
      stubCounter(undefined, {
        audit: auditAnswers([
          [{ lang: 'vi', date: '2026-11-21' }, [KIM_CHI_ADDED]],
          [{ lang: 'en', date: '2026-11-21' }, [added('Lan', 'Trịnh Kim Chi', '0933 456 789', KIM_CHI_ADDED.at, 'en')]],
        ]),
      }),
    );
    await user.click(screen.getByRole('tab', { name: 'Nhật ký' }));
    await screen.findByText('Lan đã thêm khách hàng Trịnh Kim Chi (0933 456 789)');
    await user.click(screen.getByRole('button', { name: 'English' }));
    expect(await screen.findByText('Lan added customer Trịnh Kim Chi (0933 456 789)')).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'Activity log' })).toBeInTheDocument();
    expect(stub.callsTo('audit').at(-1)).toMatchObject({ lang: 'en' });
  });

  test("a customer's panel lists what happened to their file", async () => {
    const { user, stub } = await start(
      stubCounter(undefined, {
        find_customers: [hit(MAI)],
        customer_360: file(MAI),
        tickets: [],
        audit: auditAnswers([[{ lang: 'vi', customer: MAI.id }, [MAI_NOTE, MAI_ADDED]]]),
      }),
    );
    await user.type(screen.getByRole('combobox', { name: 'Tìm khách hàng' }), 'mai');
    await user.click(await screen.findByRole('option', { name: /Nguyễn Thị Mai/ }));
    const activity = await screen.findByRole('region', { name: 'Hoạt động' });
    await within(activity).findByText('Hoa đã thêm khách hàng Nguyễn Thị Mai (0912 345 678)');
    expect(stub.callsTo('audit')).toEqual([{ filter: { customer: MAI.id, limit: 50 }, lang: 'vi' }]);
    const items = within(activity).getAllByRole('listitem');
    expect(items).toHaveLength(2);
    expect(items[0]).toHaveTextContent('Lan đã ghi chú cho Nguyễn Thị Mai: “Thích phòng yên tĩnh, da nhạy cảm.”');
    expect(items[0]).toHaveTextContent('09:15');
    expect(items[0]).toHaveTextContent('02/03/2025');
    expect(items[1]).toHaveTextContent('18/11/2024');
  });

  test('the activity of a customer just added is asked for their file', async () => {
    const { user, stub } = await start(
      stubCounter(undefined, {
        add_customer: KIM_CHI,
        customer_360: file(KIM_CHI),
        tickets: [],
        audit: auditAnswers([[{ lang: 'vi', customer: KIM_CHI.id }, [KIM_CHI_ADDED]]]),
      }),
    );
    await user.click(screen.getByRole('button', { name: /Khách hàng mới/ }));
    await user.type(screen.getByLabelText(/^Họ và tên/), 'Trịnh Kim Chi');
    await user.type(screen.getByLabelText(/^Số điện thoại/), '0933 456 789');
    await user.click(screen.getByRole('button', { name: 'Lưu khách hàng' }));
    await screen.findByRole('article', { name: 'Trịnh Kim Chi' });
    const activity = await screen.findByRole('region', { name: 'Hoạt động' });
    expect(await within(activity).findByText('Lan đã thêm khách hàng Trịnh Kim Chi (0933 456 789)')).toBeInTheDocument();
    expect(stub.callsTo('audit')).toEqual([{ filter: { customer: KIM_CHI.id, limit: 50 }, lang: 'vi' }]);
  });
});

test('Ctrl+2 opens the activity log and Ctrl+1 goes back to customers', async () => {
  const { user } = await start(stubCounter(undefined, { audit: [] }));
  await user.keyboard('{Control>}2{/Control}');
  expect(await screen.findByRole('heading', { name: 'Nhật ký hoạt động' })).toBeInTheDocument();
  await user.keyboard('{Control>}1{/Control}');
  expect(await screen.findByRole('combobox', { name: 'Tìm khách hàng' })).toBeInTheDocument();
  expect(screen.queryByRole('heading', { name: 'Nhật ký hoạt động' })).not.toBeInTheDocument();
});
