// The system (the actor of the timed jobs: credit and cards expiring,
// tickets escalated) is one fixed id on both sides, and the screens name it
// in the UI's language wherever a staff member's name would stand.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { render, screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import App from '../App.svelte';
import { SYSTEM_ACTOR } from '../lib/backend/backend';
import { setLocale } from '../lib/i18n.svelte';
import { byName } from '../lib/ledger';
import { counter, LAN } from './answers-b';
import { stubBackend } from './stub';

const UI_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const NOW = new Date('2026-11-21T14:30:00+07:00');

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: true });
  vi.setSystemTime(NOW);
});
afterEach(() => {
  vi.useRealTimers();
  setLocale('vi');
});

test('the UI names the same system as the store', () => {
  const source = readFileSync(resolve(UI_DIR, '../crates/domain/src/id.rs'), 'utf8');
  const hex = /pub const SYSTEM: StaffId =\s*StaffId\(Uuid::from_u128\(0x([0-9a-fA-F_]+)\)\)/.exec(source)?.[1];
  expect(hex, 'StaffId::SYSTEM in id.rs').toBeDefined();
  const digits = hex!.replaceAll('_', '').toLowerCase().padStart(32, '0');
  const uuid = [digits.slice(0, 8), digits.slice(8, 12), digits.slice(12, 16), digits.slice(16, 20), digits.slice(20)].join('-');
  expect(SYSTEM_ACTOR).toBe(uuid);
});

test("statement lines the jobs wrote name the system in the UI's language", () => {
  // The store names it in the business's language; the screen in its own.
  const line = { by: SYSTEM_ACTOR, by_name: 'Hệ thống' };
  setLocale('en');
  expect(byName(line)).toBe('System');
  setLocale('id');
  expect(byName(line)).toBe('Sistem');
  setLocale('vi');
  expect(byName(line)).toBe('Hệ thống');
  expect(byName({ by: '0190f5a2-0000-7000-8000-000000000001', by_name: 'Lan' })).toBe('Lan');
});

test('the activity log lists what the system did', async () => {
  const stub = stubBackend(counter(LAN, { audit: [] }));
  const user = userEvent.setup();
  render(App, { props: { backend: stub.backend } });
  await screen.findByRole('combobox', { name: 'Tìm khách hàng' });
  await user.click(screen.getByRole('tab', { name: 'Nhật ký' }));
  await user.selectOptions(await screen.findByLabelText('Nhân viên'), 'Hệ thống');
  await waitFor(() =>
    expect(stub.callsTo('audit').at(-1)).toEqual({ filter: expect.objectContaining({ staff: SYSTEM_ACTOR }), lang: 'vi' }),
  );
  expect(await screen.findByText('Không có hoạt động nào trong ngày này.')).toBeInTheDocument();
});
