import { expect, signIn, snap, test } from './fixtures';
import { scene } from './scene-till';

// The business's settings, by keyboard where a receptionist's manager would
// use it: Tuấn adds a service and finds it in the list, then changes Minh's
// week; once more in English. Lan may look, and change only with a
// manager's approval (e2e/approvals.spec.ts). Minh is off on Sundays, and
// there is a VIP room.

test.use({
  setup: scene(
    ['staff', 'hours', 'Minh', '--day', 'sun', '--off'],
    ['room', 'add', '--name', 'Phòng VIP'],
  ),
});

test('a manager adds a service and sees it in the list', async ({ page, counter }) => {
  await signIn(page, 'Tuấn', '3333');
  await page.keyboard.press('Control+8');
  await expect(page.getByRole('tab', { name: 'Cài đặt' })).toHaveAttribute('aria-selected', 'true');
  // The demo business's name (a name given by `setup` would not reach the
  // running counter, which holds the business's settings from its start).
  await expect(page.getByLabel('Tên cửa hàng')).toHaveValue('CareDesk');

  // Down the section list to Services, then Tab into the section.
  await page.getByRole('button', { name: 'Cửa hàng' }).focus();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('button', { name: 'Dịch vụ', exact: true })).toBeFocused();
  await expect(page.getByRole('row', { name: /Massage body/ })).toContainText('450.000 ₫');
  await page.getByRole('button', { name: '+ Thêm dịch vụ' }).click();

  const form = page.getByRole('form', { name: 'Thêm dịch vụ' });
  await expect(form.getByLabel('Tên', { exact: true })).toBeFocused();
  await page.keyboard.type('Massage đá nóng');
  await form.getByLabel(/^Thời lượng/).fill('90');
  await form.getByLabel('Giá').fill('-1');
  await form.getByLabel('Giá').press('Enter');
  await expect(form.getByLabel('Giá')).toHaveAttribute('aria-invalid', 'true');
  await expect(form.getByText('Giá phải là số tiền không âm, ví dụ 450.000.')).toBeVisible();

  await form.getByLabel('Giá').fill('650000');
  await page.keyboard.press('Tab');
  await expect(form.getByLabel('Giá')).toHaveValue('650.000');
  await form.getByLabel('Giá').press('Enter');
  await expect(page.getByText('Đã lưu: Massage đá nóng.')).toBeVisible();
  const row = page.getByRole('row', { name: /Massage đá nóng/ });
  await expect(row).toContainText('650.000 ₫');
  await expect(row).toContainText('Đang bán');
  await snap(page, 'settings-services');
  // In the store's catalog, as typed.
  const services = (await counter.cli('service', 'list')) as { name: string }[];
  expect(services.find((s) => s.name === 'Massage đá nóng')).toMatchObject({
    minutes: 90,
    price: { amount: 650_000 },
    active: true,
  });
});

test("a manager changes a therapist's week", async ({ page, counter }) => {
  await signIn(page, 'Tuấn', '3333');
  await page.getByRole('tab', { name: 'Cài đặt' }).click();
  await page.getByRole('button', { name: 'Nhân viên & lịch làm' }).click();
  await page.getByRole('button', { name: 'Mở Minh' }).click();

  const week = page.getByRole('form', { name: 'Giờ làm của Minh' });
  // Saturday gets a lunch break: 09:00–12:00 and 13:00–19:00.
  const saturday = week.getByRole('group', { name: 'Thứ Bảy' });
  await expect(saturday.getByLabel('Thứ Bảy: từ')).toHaveCount(1);
  await saturday.getByLabel('Thứ Bảy: đến').fill('12:00');
  await saturday.getByRole('button', { name: /Thêm ca/ }).click();
  await saturday.getByLabel('Thứ Bảy: từ').last().fill('13:00');
  await saturday.getByLabel('Thứ Bảy: đến').last().fill('19:00');
  // Sunday, off until now, gets a shift.
  const sunday = week.getByRole('group', { name: 'Chủ Nhật' });
  await sunday.getByRole('button', { name: /Thêm ca/ }).click();
  await sunday.getByLabel('Chủ Nhật: từ').fill('10:00');
  await sunday.getByLabel('Chủ Nhật: đến').fill('09:00');
  await week.getByRole('button', { name: 'Lưu giờ làm' }).click();
  await expect(sunday.getByRole('alert')).toContainText('Giờ không hợp lệ');

  await sunday.getByLabel('Chủ Nhật: đến').fill('15:00');
  await week.getByRole('button', { name: 'Lưu giờ làm' }).click();
  await expect(page.getByText('Đã lưu giờ làm của Minh.')).toBeVisible();
  await expect(saturday.getByLabel('Thứ Bảy: từ')).toHaveCount(2);
  await expect(sunday.getByLabel('Chủ Nhật: đến')).toHaveValue('15:00');
  await snap(page, 'settings-staff-week');
  // The store keeps the week as saved.
  expect(await counter.cli('staff', 'schedule', 'Minh')).toMatchObject({
    hours: { sat: ['09:00-12:00', '13:00-19:00'], sun: ['10:00-15:00'] },
  });
});

test('in English, a receptionist sees the rooms and, without a manager, is refused a new one', async ({ page }) => {
  await signIn(page);
  await page.getByRole('button', { name: 'English' }).click();
  await page.keyboard.press('Control+8');
  await expect(page.getByRole('tab', { name: 'Settings' })).toHaveAttribute('aria-selected', 'true');
  await page.getByRole('button', { name: 'Rooms', exact: true }).click();
  await expect(page.getByRole('row', { name: /Phòng VIP/ })).toContainText('In use');
  await page.getByRole('button', { name: '+ Add a room' }).click();
  const form = page.getByRole('form', { name: 'Add a room' });
  await form.getByLabel('Name', { exact: true }).fill('Phòng xông hơi');
  await form.getByLabel('Name', { exact: true }).press('Enter');
  const approval = page.getByRole('dialog', { name: "Manager's approval" });
  await approval.getByRole('button', { name: 'Cancel' }).click();
  await expect(form.getByRole('alert')).toHaveText(/manager/);
  await expect(page.getByRole('row', { name: /Phòng xông hơi/ })).toHaveCount(0);
  await snap(page, 'settings-rooms-en');
});
