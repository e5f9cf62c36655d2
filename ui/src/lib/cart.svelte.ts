import type {
  BookingView,
  Discount,
  PackageInfo,
  PaymentInput,
  SaleInput,
  SaleLineInput,
  SaleView,
  Tender,
} from './backend/backend';
import { formatWallClock } from './dates';

// The checkout screen's cart: who pays, what for, the discounts and the
// payments, as the receptionist types them (text, not yet numbers). It lives
// in the counter, not in the screen, so switching to a customer's file and
// back keeps it; signing out unmounts the counter and drops it. The backend
// prices it (`quoteSale`) and records it (`recordSale`): nothing here
// computes a price, only what was paid against the total it was given.

export interface CartCustomer {
  id: string;
  name: string;
  phone?: string;
}

/** A discount as typed: a percentage ("15", "12,5") or an amount ("50.000"). */
export interface DiscountDraft {
  unit: 'percent' | 'amount';
  text: string;
}

export type CartWhat =
  | { kind: 'booking'; id: string; label: string; items: number }
  | { kind: 'package'; id: string; label: string }
  | { kind: 'item'; name: string; unitPrice: number; quantity: number }
  | { kind: 'top_up'; amount: number };

export interface CartLine {
  key: number;
  what: CartWhat;
  discount: DiscountDraft;
}

export interface PaymentDraft {
  key: number;
  tender: Tender;
  /** Whole units as typed ("300.000"). */
  amount: string;
  reference: string;
}

/** What the cart asks the backend, or which of its fields cannot be read. */
export type CartRequest = { ok: true; input: SaleInput } | { ok: false; bad: 'sale' | number } | null;

export const MAX_QUANTITY = 1_000;

/** Whole đồng or rupiah typed with or without grouping ("1.250.000", "1 250 000"); null when blank. */
export function parseAmount(text: string): number | null | 'invalid' {
  const compact = text.replace(/[\s.,_₫]|Rp/gi, '');
  if (compact === '') return null;
  if (!/^\d{1,13}$/.test(compact)) return 'invalid';
  return Number(compact);
}

/** A percentage with up to two decimals ("15", "12,5") in basis points; null when blank. */
export function parsePercent(text: string): number | null | 'invalid' {
  const compact = text.replace(/[\s%]/g, '').replace(',', '.');
  if (compact === '') return null;
  if (!/^\d{1,3}(\.\d{1,2})?$/.test(compact)) return 'invalid';
  return Math.round(Number(compact) * 100);
}

/** The discount to send: null when blank, 'invalid' when it cannot be read. */
export function discountOf(draft: DiscountDraft): Discount | null | 'invalid' {
  const value = draft.unit === 'percent' ? parsePercent(draft.text) : parseAmount(draft.text);
  if (value === null || value === 'invalid') return value;
  return draft.unit === 'percent' ? { percent: value } : { amount: value };
}

/** `1250000` as the amount fields show it: `1.250.000`. */
export function groupDigits(amount: number): string {
  return String(amount).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

/** A booking as the cart names it: when, what and who (`13:00 Thứ 7, 21/11 · Massage body (Minh)`). */
export function bookingLabel(booking: BookingView): string {
  const services = booking.items.map((i) => `${i.service_name} (${i.staff_name})`).join(', ');
  return `${formatWallClock(booking.start)} · ${services}`;
}

const noDiscount = (): DiscountDraft => ({ unit: 'percent', text: '' });

export class Cart {
  customer = $state<CartCustomer | null>(null);
  lines = $state<CartLine[]>([]);
  discount = $state<DiscountDraft>(noDiscount());
  payments = $state<PaymentDraft[]>([]);
  note = $state('');
  /** The receipt of the sale just rung up, until a new sale starts. */
  receipt = $state<SaleView | null>(null);
  private next = 1;

  setCustomer(customer: CartCustomer | null): void {
    this.customer = customer;
    if (!customer) this.payments = this.payments.filter((p) => p.tender !== 'wallet');
  }

  /** A completed booking, once: adding it again does nothing. */
  addBooking(booking: BookingView, label: string): void {
    if (this.hasBooking(booking.id)) return;
    this.add({ kind: 'booking', id: booking.id, label, items: booking.items.length });
  }

  hasBooking(id: string): boolean {
    return this.lines.some((l) => l.what.kind === 'booking' && l.what.id === id);
  }

  addPackage(pkg: PackageInfo): void {
    this.add({ kind: 'package', id: pkg.id, label: pkg.name });
  }

  addItem(name: string, unitPrice: number, quantity: number): void {
    this.add({ kind: 'item', name, unitPrice, quantity });
  }

  addTopUp(amount: number): void {
    this.add({ kind: 'top_up', amount });
  }

  /** A line's discount (by its key) or the whole sale's, as typed. */
  setDiscount(target: number | 'sale', draft: DiscountDraft): void {
    if (target === 'sale') {
      this.discount = draft;
      return;
    }
    const line = this.lines.find((l) => l.key === target);
    if (line) line.discount = draft;
  }

  remove(key: number): void {
    this.lines = this.lines.filter((l) => l.key !== key);
  }

  addPayment(tender: Tender, amount: number | null): PaymentDraft {
    const payment: PaymentDraft = {
      key: this.next++,
      tender,
      amount: amount === null || amount <= 0 ? '' : groupDigits(amount),
      reference: '',
    };
    this.payments.push(payment);
    return payment;
  }

  removePayment(key: number): void {
    this.payments = this.payments.filter((p) => p.key !== key);
  }

  /** What the payments typed so far add up to (unreadable ones count as nothing). */
  paid(): { total: number; cash: number } {
    let total = 0;
    let cash = 0;
    for (const p of this.payments) {
      const amount = parseAmount(p.amount);
      if (typeof amount !== 'number') continue;
      total += amount;
      if (p.tender === 'cash') cash += amount;
    }
    return { total, cash };
  }

  /** The sale without its payments, for the quote; null for an empty cart. */
  request(): CartRequest {
    if (this.lines.length === 0) return null;
    const lines: SaleLineInput[] = [];
    for (const line of this.lines) {
      const discount = line.what.kind === 'top_up' ? null : discountOf(line.discount);
      if (discount === 'invalid') return { ok: false, bad: line.key };
      lines.push({ ...lineInput(line.what), ...(discount ? { discount } : {}) });
    }
    const discount = discountOf(this.discount);
    if (discount === 'invalid') return { ok: false, bad: 'sale' };
    const input: SaleInput = { lines };
    if (this.customer) input.customer = this.customer.id;
    if (discount) input.discount = discount;
    return { ok: true, input };
  }

  /** The payments to send; unreadable amounts go as 0, which the backend refuses. */
  paymentInputs(): PaymentInput[] {
    return this.payments.map((p) => {
      const amount = parseAmount(p.amount);
      const payment: PaymentInput = { tender: p.tender, amount: typeof amount === 'number' ? amount : 0 };
      const reference = p.reference.trim();
      if (reference && p.tender !== 'cash') payment.reference = reference;
      return payment;
    });
  }

  /** The sale was rung up: the cart empties and shows its receipt. */
  finish(sale: SaleView): void {
    this.clear();
    this.receipt = sale;
  }

  /** The receipt reached the printer: the next one is a copy, as the store now counts it. */
  receiptPrinted(): void {
    if (this.receipt) this.receipt = { ...this.receipt, printed: this.receipt.printed + 1 };
  }

  /** Starts over: a new sale, nobody's. */
  clear(): void {
    this.customer = null;
    this.lines = [];
    this.discount = noDiscount();
    this.payments = [];
    this.note = '';
    this.receipt = null;
  }

  private add(what: CartWhat): void {
    this.receipt = null;
    this.lines.push({ key: this.next++, what, discount: noDiscount() });
  }
}

function lineInput(what: CartWhat): SaleLineInput {
  switch (what.kind) {
    case 'booking':
      return { kind: 'booking', id: what.id };
    case 'package':
      return { kind: 'package', id: what.id };
    case 'item':
      return { kind: 'item', name: what.name, unit_price: what.unitPrice, quantity: what.quantity };
    case 'top_up':
      return { kind: 'top_up', amount: what.amount };
  }
}
