import type { Conflict } from '../src/lib/backend';
import { expect, signIn, snap, test } from './fixtures';

// The manager's screen (Ctrl+9) in the browser against the fake: the demo
// day (the branch's other counter rang up ten receipts this morning), the
// drawer opened and counted by keyboard, a receptionist's approval, a
// double booking resolved from the inbox, and the same screen in English.

const tomorrow = (hour: number) => `2026-11-22T${hour}:00:00+07:00`;

function booking(id: string, customer: string, name: string) {
  return {
    id,
    customer,
    customer_name: name,
    status: 'CONFIRMED' as const,
    source: 'phone' as const,
    start: tomorrow(10),
    end: tomorrow(11),
    items: [
      {
        service: '0190d5a0-0000-7000-8000-5e0000000009',
        service_name: 'Massage body 60 phút',
        staff: '0190d5a0-0000-7000-8000-00000000000d',
        staff_name: 'Minh',
        start: tomorrow(10),
        end: tomorrow(11),
        buffer_minutes: 0,
        price: { amount: 450_000, currency: 'VND' as const },
      },
    ],
    history: [],
  };
}

const MAI = booking('0190d5a0-0000-7000-8000-b000000000a1', '0190d5a0-0000-7000-8000-000000000001', 'Nguyễn Thị Mai');
const HA = booking('0190d5a0-0000-7000-8000-b000000000a2', '0190d5a0-0000-7000-8000-000000000003', 'Đặng Thu Hà');
const DOUBLE: Conflict = {
  id: '6a1f0000-0000-5000-8000-0000000000d1',
  kind: 'staff_double_booked',
  about: ['0190d5a0-0000-7000-8000-00000000000d', MAI.id, HA.id],
  detail: `Minh is booked twice at the same time (${MAI.id} and ${HA.id})`,
};

test('Tuấn reads the day, opens and counts the drawer by keyboard, and sees it over', async ({ page }) => {
  await signIn(page, 'Tuấn', '3333');
  await page.keyboard.press('Control+9');
  await expect(page.getByRole('tab', { name: 'Quản lý' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('kpi-revenue')).toContainText('7.825.000 VND');
  await expect(page.getByTestId('kpi-sales')).toContainText('10');
  // Lê Hoàng Yến's massage, five sessions at the other counter and the
  // calendar demo's sessions done this morning.
  await expect(page.getByTestId('kpi-sessions')).toContainText('9');
  const tenders = page.getByTestId('chart-tenders');
  await expect(tenders.getByRole('row', { name: 'Chuyển khoản 4.050.000 VND' })).toBeAttached();
  await expect(page.getByTestId('chart-hours').locator('svg rect')).toHaveCount(12);
  await snap(page, 'manager');

  const panel = page.getByTestId('drawer-panel');
  await panel.getByLabel('Tiền đầu ca').focus();
  await page.keyboard.type('1.000.000');
  await page.keyboard.press('Enter');
  await expect(panel.getByTestId('drawer-open')).toHaveText('Mở lúc 14:30, tiền đầu ca 1.000.000 VND.');
  await panel.getByLabel('Tiền mặt', { exact: true }).focus();
  await page.keyboard.type('1020000');
  await page.keyboard.press('Enter');
  await expect(panel.getByTestId('drawer-difference-cash')).toHaveText('Thừa 20.000 VND');
});

test("Lan is asked for a manager's approval before the report", async ({ page }) => {
  await signIn(page);
  await page.keyboard.press('Control+9');
  const dialog = page.getByRole('dialog', { name: 'Quản lý duyệt' });
  await expect(dialog).toContainText('xem báo cáo');
  await dialog.getByRole('radio', { name: /Tuấn/ }).check();
  await dialog.getByLabel('Mã PIN của người duyệt').fill('3333');
  await page.keyboard.press('Enter');
  await expect(dialog).toHaveCount(0);
  await expect(page.getByTestId('kpi-revenue')).toContainText('7.825.000 VND');
});

test.describe('with a double booking synced from another counter', () => {
  test.use({ seed: { conflicts: [DOUBLE], checkout: { bookings: [MAI, HA] } } });

  test('cancelling one of the two bookings clears the conflict and the badge', async ({ page }) => {
    await signIn(page, 'Tuấn', '3333');
    await expect(page.getByTestId('sync-badge')).toHaveText('1');
    await page.keyboard.press('Control+9');
    const inbox = page.getByRole('region', { name: 'Xung đột đồng bộ' });
    await expect(inbox.getByTestId('conflict-booking')).toHaveCount(2);
    await inbox.getByRole('button', { name: 'Huỷ lịch của Đặng Thu Hà' }).click();
    await inbox.getByRole('button', { name: 'Xác nhận huỷ lịch của Đặng Thu Hà' }).click();
    await expect(inbox).toContainText('Không có xung đột nào: dữ liệu các quầy khớp nhau.');
    await expect(page.getByTestId('sync-badge')).toHaveCount(0);
  });
});

test('in English: the figures with English grouping', async ({ page }) => {
  await signIn(page, 'Tuấn', '3333');
  await page.getByRole('group', { name: 'Ngôn ngữ' }).getByRole('button', { name: 'English' }).click();
  await page.keyboard.press('Control+9');
  await expect(page.getByRole('tab', { name: 'Manager' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('kpi-revenue')).toContainText('7,825,000 VND');
  await expect(page.getByRole('heading', { name: 'Revenue by hour' })).toBeVisible();
  await expect(page.getByTestId('chart-tenders').getByRole('row', { name: 'Card 2,650,000 VND' })).toBeAttached();
  await expect(page.getByRole('heading', { name: 'Cash drawer, register K7M' })).toBeVisible();
});
