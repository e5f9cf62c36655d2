import type { BookingView, CreditView, ItemView, TreatmentView, WalletView } from '../lib/backend/backend';

// Whole answers of the store's shape from the few fields a test cares about:
// the generated types require every field the Rust side sends.

const CUSTOMER = '00000000-0000-7000-8000-000000000001';
const STAFF = '00000000-0000-7000-8000-0000000000aa';

export function credit(part: Partial<CreditView> = {}): CreditView {
  return {
    id: 'c1',
    amount: 0,
    used: 0,
    remaining: 0,
    expires_at: '2026-12-06T00:00:00+07:00',
    status: 'ACTIVE',
    ...part,
  };
}

export function wallet(part: Partial<WalletView> = {}): WalletView {
  const balance = part.balance ?? 0;
  const virtual = part.virtual ?? 0;
  return {
    customer: CUSTOMER,
    currency: 'VND',
    balance,
    virtual,
    available: balance + virtual,
    credits: [],
    entries: [],
    ...part,
  };
}

export function treatment(part: Partial<TreatmentView> = {}): TreatmentView {
  return {
    id: 't1',
    customer: CUSTOMER,
    customer_name: 'Nguyễn Văn An',
    package: '00000000-0000-7000-8000-0000000000p1',
    name: 'Massage 10 buổi',
    total: 10,
    granted: 0,
    charged: 0,
    used: 0,
    reserved: 0,
    remaining: 10,
    available: 10,
    lapsed: 0,
    refunded: 0,
    refunded_amount: { amount: 0, currency: 'VND' },
    price: { amount: 0, currency: 'VND' },
    sold_on: '2026-11-01',
    expires_on: '2027-02-18',
    status: 'ACTIVE',
    history: [],
    ...part,
  };
}

export function item(part: Partial<ItemView> = {}): ItemView {
  return {
    service: '00000000-0000-7000-8000-0000000000s1',
    service_name: 'Massage body',
    staff: STAFF,
    staff_name: 'Mai',
    start: '2026-11-21T09:30:00+07:00',
    end: '2026-11-21T10:30:00+07:00',
    buffer_minutes: 0,
    price: { amount: 0, currency: 'VND' },
    ...part,
  };
}

export function booking(part: Partial<BookingView> = {}): BookingView {
  return {
    id: 'b1',
    customer: CUSTOMER,
    customer_name: 'Nguyễn Văn An',
    status: 'CONFIRMED',
    source: 'phone',
    start: '2026-11-21T09:30:00+07:00',
    end: '2026-11-21T10:30:00+07:00',
    items: [item()],
    history: [],
    ...part,
  };
}
