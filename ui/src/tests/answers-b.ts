import type { Action, BusinessView, Customer, Customer360, CustomerHit, PrintersView, ServiceView, Staff, StaffView, SyncStatus } from '../lib/backend/backend';
import { refuse, type Answers } from './stub';

// Answers the group-B tests share: the counter's start (who works here, the
// counter's settings, sync, reminders) and customers of the store's shape.
// Values only: what the store would decide, each test answers itself.

// The demo staff and a counter never paired are the same answers for every
// test: answers-a.ts holds them.
export { file, hit, HOA, LAN, MINH, STAFF, TUAN, NEVER_PAIRED as UNPAIRED } from './answers-a';
import { file, hit, LAN, NEVER_PAIRED as UNPAIRED, STAFF, TUAN } from './answers-a';

/**
 * What the app asks as it starts and once someone is signed in: the staff,
 * who is signed in (`signedIn`), the idle lock, sync, conflicts and the
 * reminders already sent. `sign_in` answers the card of whoever is picked
 * (a test that needs a refusal answers `sign_in` itself).
 */
export function counter(signedIn: Staff | null, more: Answers = {}): Answers {
  return {
    list_staff: STAFF,
    current_staff: signedIn,
    counter_settings: { idle_lock_minutes: 5 },
    sign_in: ({ staffId }: Record<string, unknown>) => STAFF.find((s) => s.id === staffId),
    sign_out: null,
    keep_alive: null,
    sync_status: UNPAIRED,
    conflicts: [],
    reminders: [],
    ...more,
  };
}

/**
 * An answer for a command that takes a manager's approval: refused
 * `permission_denied` (as the store refuses `asker`) without one, `wrong_pin`
 * with one whose PIN is not `pin`, else `answer`.
 */
export function approvedBy(
  pin: string,
  answer: unknown | ((args: Record<string, unknown>) => unknown),
  { asker = LAN.name, action = 'edit_settings' }: { asker?: string; action?: Action } = {},
) {
  return (args: Record<string, unknown>) => {
    const approval = args.approval as { manager: string; pin: string } | null;
    if (!approval) {
      return refuse('permission_denied', `${asker} may not ${action} without a manager's approval`, null, {
        name: asker,
        action,
      })();
    }
    if (approval.pin !== pin) {
      return refuse('wrong_pin', 'wrong PIN', null, { name: TUAN.name, attempts_left: 4 })();
    }
    return typeof answer === 'function' ? (answer as (a: Record<string, unknown>) => unknown)(args) : answer;
  };
}

/** Delays `answer` by `ms`: a store that takes its time. */
export function slow(ms: number, answer: unknown | ((args: Record<string, unknown>) => unknown)) {
  return async (args: Record<string, unknown>) => {
    await new Promise((resolve) => setTimeout(resolve, ms));
    return typeof answer === 'function' ? (answer as (a: Record<string, unknown>) => unknown)(args) : answer;
  };
}

let next = 0;

/** A customer of the store's shape. */
export function customer(part: Partial<Customer> & { name: string; phone_display: string }): Customer {
  next += 1;
  return {
    id: `0190d5a0-0000-7000-8000-${String(next).padStart(12, '0')}`,
    code: `KH${String(next).padStart(5, '0')}`,
    phone: `+84${part.phone_display.replaceAll(' ', '').slice(1)}`,
    email: null,
    address: null,
    tags: [],
    notes: [],
    created_at: '2025-01-07T14:30:00+07:00',
    created_by: LAN.id,
    created_by_name: LAN.name,
    ...part,
  };
}

export const MAI = customer({
  id: '0190d5a0-0000-7000-8000-000000000001',
  code: 'KH00001',
  name: 'Nguyễn Thị Mai',
  phone_display: '0912 345 678',
  email: 'mai.nguyen@example.vn',
  address: '12 Lý Tự Trọng, Quận 1, TP. Hồ Chí Minh',
  tags: ['VIP'],
  notes: [
    {
      id: '0190d5a0-0000-7000-9000-000000000001',
      text: 'Thích phòng yên tĩnh, da nhạy cảm.',
      at: '2025-03-02T09:15:00+07:00',
      by: LAN.id,
      by_name: 'Lan',
    },
  ],
  created_at: '2024-11-18T10:05:00+07:00',
});
export const HUNG = customer({ name: 'Nguyễn Văn Hùng', phone_display: '0903 111 222' });
export const HA = customer({ name: 'Đặng Thu Hà', phone_display: '0987 654 321' });
export const MINH_ANH = customer({ name: 'Trần Minh Anh', phone_display: '0938 222 333' });
export const TRAM = customer({ name: 'Võ Ngọc Trâm', phone_display: '0839 999 000' });
export const NGUYEN = customer({ name: 'Hoàng Đức Nguyên', phone_display: '0912 000 111' });

/**
 * `find_customers` answering from a table of what the store finds for each
 * text (nothing for any other text).
 */
export function finds(table: Record<string, Customer[]>) {
  return ({ query }: Record<string, unknown>): CustomerHit[] => (table[query as string] ?? []).map((c) => hit(c));
}

/** `customer_360` answering the file of each customer in `customers` by id. */
export function files(customers: Customer[], part: Partial<Customer360> = {}) {
  return ({ id }: Record<string, unknown>) => {
    const found = customers.find((c) => c.id === id);
    if (!found) return refuse('not_found', `no customer ${String(id)}`)();
    return file(found, part);
  };
}

/** Answers each call with the next of `answers` (the last one for any call after). */
export function inTurn(...answers: Array<unknown | ((args: Record<string, unknown>) => unknown)>) {
  let call = 0;
  return (args: Record<string, unknown>) => {
    const answer = answers[Math.min(call++, answers.length - 1)];
    return typeof answer === 'function' ? (answer as (a: Record<string, unknown>) => unknown)(args) : answer;
  };
}

// The Settings tab's answers.

export const BUSINESS: BusinessView = {
  name: 'Spa Hoa Sen',
  country: 'VN',
  currency: 'VND',
  timezone: 'Asia/Ho_Chi_Minh',
  customer_code_prefix: 'KH',
  address: '',
  tax_code: '',
  bank_bin: '',
  bank_account: '',
  bank_holder: '',
  qris: '',
};

export function service(part: Partial<ServiceView> & { name: string }): ServiceView {
  return {
    id: `0190d5a0-0000-7000-b000-${part.name.length.toString().padStart(12, '0')}`,
    category: '',
    minutes: 60,
    buffer_minutes: 0,
    price: { amount: 0, currency: 'VND' },
    rooms: [],
    active: true,
    ...part,
  };
}

export const MASSAGE = service({
  id: '0190d5a0-0000-7000-b000-000000000001',
  name: 'Massage body',
  price: { amount: 450_000, currency: 'VND' },
});
export const FACIAL = service({
  id: '0190d5a0-0000-7000-b000-000000000002',
  name: 'Chăm sóc da mặt',
  price: { amount: 350_000, currency: 'VND' },
});

const WORKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

/** The Staff section's view of `staff`: 09:00-18:00 Monday to Saturday, Sunday off. */
export function staffView(staff: Staff, part: Partial<StaffView> = {}): StaffView {
  return {
    id: staff.id,
    name: staff.name,
    role: staff.role,
    active: true,
    has_pin: staff.has_pin,
    services: [],
    hours: [...WORKDAYS.map((day) => ({ day, spans: [{ from: '09:00', to: '18:00' }] })), { day: 'sun', spans: [] }],
    ...part,
  };
}

/** This counter's printers: nothing chosen, two queues found. */
export const PRINTERS: PrintersView = {
  settings: { receipt_printer: null, receipt_width_mm: 80, sheet_printer: null, statement_paper: 'a5' },
  found: ['Quay_EPSON_TM_T82', 'VanPhong_A4'],
};

/** What the Settings tab reads as it opens its sections. */
export function setup(more: Answers = {}): Answers {
  return {
    setup_business: BUSINESS,
    setup_services: [FACIAL, MASSAGE],
    setup_rooms: [],
    setup_staff: STAFF.map((s) => staffView(s)),
    setup_printers: PRINTERS,
    ...more,
  };
}
