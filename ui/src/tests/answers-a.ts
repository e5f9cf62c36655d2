import { ACTIONS, BackendError, type AuditEntry, type Customer, type Customer360 } from '../lib/backend/backend';
import type { CustomerHit } from '../lib/backend/backend';
import type { Quote, SaleView, StaffPay, TicketView } from '../lib/backend/backend';
import type { Staff, SyncStatus } from '../lib/backend/backend';
import { wallet } from './fixtures';
import { stubBackend, type Answers, type Stub } from './stub';

// The answers most screens of group A need: the counter's start (who works
// here, who is signed in, its settings, sync, conflicts and reminders), and
// whole customers, hits and 360s of the store's shape.

// As the counter answers: owners and managers may do, and approve, every
// action; receptionists and therapists none (Role::may in crates/domain).
const EVERYTHING = { may: [...ACTIONS], approves: [...ACTIONS] };
const NOTHING = { may: [], approves: [] };

const staffId = (n: number) => `0190d5a0-0000-7000-b000-00000000000${n}`;
export const HOA: Staff = { id: staffId(1), name: 'Hoa', role: 'owner', has_pin: true, ...EVERYTHING };
export const TUAN: Staff = { id: staffId(2), name: 'Tuấn', role: 'manager', has_pin: true, ...EVERYTHING };
export const LAN: Staff = { id: staffId(3), name: 'Lan', role: 'receptionist', has_pin: true, ...NOTHING };
export const MINH: Staff = { id: staffId(4), name: 'Minh', role: 'therapist', has_pin: true, ...NOTHING };
/** As the store lists them: active staff by name. */
export const STAFF: Staff[] = [HOA, LAN, MINH, TUAN];

/** A counter never paired, as the desktop app is at its first start. */
export const NEVER_PAIRED: SyncStatus = {
  paired: false,
  server: null,
  device: null,
  pending: 0,
  pushed: 0,
  cursor: 0,
  online: false,
  last_attempt: null,
  last_success: null,
  failing_since: null,
  last_error: null,
};

/**
 * The counter's start with `signedIn` at the keyboard (null: locked), and
 * `more` answers over it.
 */
export function counterAnswers(signedIn: Staff | null = LAN, more: Answers = {}): Answers {
  return {
    list_staff: STAFF,
    current_staff: signedIn,
    counter_settings: { idle_lock_minutes: 5 },
    sync_status: NEVER_PAIRED,
    conflicts: [],
    reminders: [],
    keep_alive: null,
    sign_out: null,
    find_customers: [],
    ...more,
  };
}

/** A stub of the counter's start: see `counterAnswers`. */
export function stubCounter(signedIn: Staff | null = LAN, more: Answers = {}): Stub {
  return stubBackend(counterAnswers(signedIn, more));
}

export function customer(part: Partial<Customer> = {}): Customer {
  return {
    id: '00000000-0000-7000-8000-000000000001',
    code: 'KH0001',
    name: 'Nguyễn Thị Mai',
    phone: '+84912345678',
    phone_display: '0912 345 678',
    email: null,
    address: null,
    tags: [],
    notes: [],
    created_at: '2024-11-18T10:00:00+07:00',
    created_by: HOA.id,
    created_by_name: 'Hoa',
    ...part,
  };
}

/** Customer `n` of the demo's ten, by name and phone as written here (`0903 111 222`). */
export function demoCustomer(n: number, name: string, phoneDisplay: string, part: Partial<Customer> = {}): Customer {
  return customer({
    id: `00000000-0000-7000-8000-${n.toString(16).padStart(12, '0')}`,
    code: `KH${String(n).padStart(4, '0')}`,
    name,
    phone: `+84${phoneDisplay.replace(/\D/g, '').slice(1)}`,
    phone_display: phoneDisplay,
    ...part,
  });
}

/** A search result for `of`. */
export function hit(of: Customer, matched: CustomerHit['matched'] = 'name'): CustomerHit {
  return { id: of.id, name: of.name, phone: of.phone, phone_display: of.phone_display, code: of.code, matched };
}

export function file(of: Customer, part: Partial<Customer360> = {}): Customer360 {
  return {
    customer: of,
    wallet: wallet({ customer: of.id }),
    treatments: [],
    bookings: [],
    classes: [],
    tickets: [],
    timeline: [],
    ...part,
  };
}

export function entry(part: Partial<AuditEntry> = {}): AuditEntry {
  return {
    at: '2026-11-21T14:30:00+07:00',
    staff: 'Lan',
    approved_by: null,
    text: '',
    kind: 'customer.registered',
    entity: '00000000-0000-7000-8000-000000000001',
    ...part,
  };
}

/** What the store answers a wrong PIN (an approver's or a sign-in's). */
export function wrongPin(name: string, left: number): BackendError {
  return new BackendError('wrong_pin', `wrong PIN for ${name}: ${left} attempts left before the account locks`, null, {
    attempts_left: left,
  });
}

/** What the store answers a command the signed-in person may not make alone. */
export function denied(who: Staff, action: string): BackendError {
  return new BackendError('permission_denied', `${who.name} (${who.role}) may not ${action} without a manager's approval`, null, {
    name: who.name,
    action,
  });
}

/** A quote of the store's shape: the figures a test gives, nothing computed. */
export function quote(part: Partial<Quote> = {}): Quote {
  return {
    currency: 'VND',
    lines: [],
    tax_rule: { rate: 0, prices_include_tax: false },
    subtotal: part.total ?? 0,
    discounts: 0,
    tax: 0,
    total: 0,
    needs_approval: false,
    ...part,
  };
}

/** A receipt of the store's shape: the figures a test gives, nothing computed. */
export function sale(part: Partial<SaleView> = {}): SaleView {
  return {
    id: '00000000-0000-7000-8000-0000000005a1',
    number: 'K7M-000001',
    register: 'K7M',
    at: '2026-11-21T14:30:00+07:00',
    by_name: 'Lan',
    currency: 'VND',
    lines: [],
    tax_rule: { rate: 0, prices_include_tax: false },
    subtotal: part.total ?? 0,
    discounts: 0,
    tax: 0,
    total: 0,
    payments: [],
    paid: part.total ?? 0,
    change: 0,
    from_virtual: 0,
    refunded: 0,
    refundable: part.total ?? 0,
    voided: false,
    refunds: [],
    printed: 0,
    ...part,
  };
}

/** A ticket of the store's shape: a complaint of Nguyễn Văn Hùng's, open. */
export function ticketView(part: Partial<TicketView> = {}): TicketView {
  return {
    id: '0190d5a0-0000-7000-71c7-000000000001',
    code: 'TV-2026-K7M-00001',
    status: 'NEW',
    type: 'complaint',
    offers: 'credit',
    subject: 'Khăn chưa sạch',
    details: '',
    reference: '',
    customer: '00000000-0000-7000-8000-000000000002',
    customer_name: 'Nguyễn Văn Hùng',
    customer_phone: '0903 111 222',
    assignee: null,
    assignee_name: null,
    priority: 'normal',
    deadline: null,
    overdue: false,
    opened_at: '2026-11-21T14:00:00+07:00',
    closed_at: null,
    resolution: null,
    history: [],
    ...part,
  };
}

/** What a staff member is owed, as the store answers a change to it. */
export function staffPay(part: Partial<StaffPay> = {}): StaffPay {
  return { staff: MINH.id, name: 'Minh', currency: 'VND', rates: [], earned: 0, adjusted: 0, paid: 0, balance: 0, ...part };
}
