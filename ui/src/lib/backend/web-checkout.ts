import { BackendError, roleMay, type BookingView, type Customer, type Staff, type TreatmentView } from './backend';
import type { PackageInfo } from './bindings/PackageInfo';
import type { PaymentLine } from './bindings/PaymentLine';
import type { Quote } from './bindings/Quote';
import type { SaleInput } from './bindings/SaleInput';
import type { SaleLine } from './bindings/SaleLine';
import type { SaleLineInput } from './bindings/SaleLineInput';
import type { SaleView } from './bindings/SaleView';
import type { TaxRule } from './bindings/TaxRule';
import type { AuditTrail } from './web-audit';
import { discountShare, MAX_AMOUNT, price, settle, type PriceInput, type Priced } from './web-pricing';
import { DEMO_PACKAGES, DEMO_WALLETS, demoBookings } from './web-checkout-demo';
import { authorize, localRfc3339, type Authority } from './web-staff';
import { WalletBook } from './web-wallets';

// The fake's till: the checkout commands of crates/store/src/sales/commands.rs
// (`quote_sale`, `record_sale`) over a few demo packages, completed bookings
// and wallets, with the store's refusals and codes in the store's order, the
// register's receipt series and the activity sentences of a sale. A refusal
// changes nothing: every check runs before the first write. Not modelled:
// closed days (no drawer here) and treatments sold earlier and unpaid.

const TEXT_MAX = 500;
const ITEM_NAME_MAX = 120;

export interface CheckoutSettings {
  tax: TaxRule;
  /** The discount share (basis points) a receptionist may give alone. */
  discount_limit: number;
}

/** The store's defaults: no tax, prices include whatever there is, 20 % off without a manager. */
export const DEFAULT_CHECKOUT: CheckoutSettings = { tax: { rate: 0, prices_include_tax: true }, discount_limit: 2_000 };

/** Money in a customer's wallet to start with; `customer` is a name or an id. */
export interface WalletSeed {
  customer: string;
  balance?: number;
  /** Virtual credit given, alive for `creditDays` (15 by default). */
  credit?: number;
  creditDays?: number;
}

export interface TillOptions {
  /** The register's code, the receipts' prefix. */
  register?: string;
  checkout?: Partial<CheckoutSettings>;
  packages?: PackageInfo[];
  /** Bookings as the 360 lists them; the completed ones can be rung up. */
  bookings?: BookingView[];
  wallets?: WalletSeed[];
}

export interface TillDeps {
  now: () => Date;
  trail: AuditTrail;
  customers: () => readonly Customer[];
  /** Whoever set up the business, for the seeded wallets' entries. */
  owner: Staff | undefined;
  staffByName: (name: string) => Staff | undefined;
}

type Kind = { kind: 'booking'; booking: string; item: number } | { kind: 'package'; package: string; treatment: string } | { kind: 'item' } | { kind: 'top_up' };

interface Draft {
  what: Kind;
  name: string;
  category: string;
  staff: string | null;
  input: PriceInput;
  sold?: PackageInfo;
}

interface Recorded {
  view: SaleView;
  bookings: string[];
}

export class Till {
  private readonly packages: PackageInfo[];
  private readonly bookings: BookingView[];
  /** Every customer's wallet, shared with the wallet screen (web-ledgers.ts). */
  readonly wallets: WalletBook;
  /** Cards sold here, shared with the treatment screen (web-ledgers.ts). */
  readonly treatments: TreatmentView[] = [];
  private readonly sales: Recorded[] = [];
  private readonly register: string;
  private readonly settings: CheckoutSettings;
  private series = 0;
  private ids = 0;

  constructor(
    private readonly deps: TillDeps,
    options: TillOptions,
    demo: boolean,
  ) {
    this.register = options.register ?? 'K7M';
    this.settings = { ...DEFAULT_CHECKOUT, ...options.checkout };
    this.wallets = new WalletBook(deps.now);
    this.packages = structuredClone([...(options.packages ?? DEMO_PACKAGES)]);
    this.bookings = structuredClone(options.bookings ?? (demo ? demoBookings(deps) : []));
    for (const seed of options.wallets ?? (demo ? DEMO_WALLETS : [])) this.seedWallet(seed);
  }

  /**
   * The live package list and checkout settings, which the Settings tab's
   * fake (web-setup.ts) changes, so a new package or tax shows at the till.
   */
  shared(): { packages: PackageInfo[]; settings: CheckoutSettings } {
    return { packages: this.packages, settings: this.settings };
  }

  /** The packages on sale now (`packages_for_sale`: active ones). */
  packagesForSale(): PackageInfo[] {
    return structuredClone(this.packages.filter((p) => p.active));
  }

  quote(input: SaleInput, actor: Staff): Quote {
    const { customer, drafts, priced } = this.priceSale(input);
    const aboveLimit = discountShare(priced) > this.settings.discount_limit;
    const quote: Quote = {
      currency: 'VND',
      lines: saleLines(drafts, priced),
      tax_rule: { ...this.settings.tax },
      subtotal: priced.subtotal,
      discounts: priced.discounts,
      tax: priced.tax,
      total: priced.total,
      needs_approval: aboveLimit && !roleMay(actor.role, 'discount_above_limit'),
    };
    if (customer) {
      quote.customer = customer.id;
      quote.wallet_available = this.wallets.available(customer.id, this.deps.now());
    }
    return quote;
  }

  /** Rings up a sale; returns it and how many ops it made (for the sync count). */
  record(input: SaleInput, who: Authority): { sale: SaleView; ops: number } {
    const { actor, approver } = who;
    const note = optionalText('note', input.note, TEXT_MAX);
    const { customer, drafts, priced } = this.priceSale(input);
    const payments = input.payments ?? [];
    const settled = settle(priced.total, payments);
    const walletPaid = payments.filter((p) => p.tender === 'wallet').reduce((a, p) => a + p.amount, 0);
    const toppedUp = drafts.filter((d) => d.what.kind === 'top_up').reduce((a, d) => a + d.input.unit_price, 0);
    if (walletPaid > 0 && toppedUp > 0) {
      throw new BackendError('invalid_value', 'a wallet top-up cannot be paid from the wallet');
    }
    if (walletPaid > 0 && !customer) {
      throw new BackendError('customer_required', "a wallet payment needs the sale's customer: give --customer");
    }
    const paymentLines: PaymentLine[] = payments.map((p) => {
      const reference = optionalText('reference', p.reference, TEXT_MAX);
      return reference ? { tender: p.tender, amount: p.amount, reference } : { tender: p.tender, amount: p.amount };
    });
    if (discountShare(priced) > this.settings.discount_limit) authorize(who, 'discount_above_limit');
    const bookings = [...new Set(drafts.flatMap((d) => (d.what.kind === 'booking' ? [d.what.booking] : [])))];
    for (const booking of bookings) {
      const paid = this.sales.find((s) => s.bookings.includes(booking) && !s.view.voided);
      if (paid) {
        throw new BackendError('already_paid', `booking ${booking} is already paid on receipt ${paid.view.number}`);
      }
    }
    const now = this.deps.now();
    if (customer && walletPaid > 0) {
      const available = this.wallets.available(customer.id, now);
      if (walletPaid > available) {
        const real = this.wallets.real(customer.id);
        throw new BackendError(
          'insufficient_funds',
          `${money(walletPaid)} is more than the ${money(available)} available (${money(real)} real, ${money(available - real)} virtual)`,
          'amount',
        );
      }
    }

    // Nothing below refuses: the sale is written.
    this.series += 1;
    const number = `${this.register}-${String(this.series).padStart(6, '0')}`;
    const at = localRfc3339(now);
    const id = this.newId('5a1e');
    let ops = 1;
    const record = (kind: Parameters<AuditTrail['record']>[0]['kind'], entity: string, values: Record<string, string>) =>
      this.deps.trail.record({ at, staffId: actor.id, approverId: approver?.id ?? null, kind, entity, customer: customer?.id ?? null, values });
    if (customer) {
      record('sale.recorded', id, { number, amount: money(priced.total), customer: customer.name });
    } else {
      record('sale.recorded_walk_in', id, { number, amount: money(priced.total) });
    }
    for (const draft of drafts) {
      if (draft.what.kind !== 'package' || !draft.sold || !customer) continue;
      const treatment = this.sellTreatment(draft.what.treatment, draft.sold, customer, now, actor);
      record('treatment.sold', treatment.id, {
        package: treatment.name,
        customer: customer.name,
        sessions: String(treatment.total),
        date: treatment.expires_on,
      });
      ops += 1;
    }
    let fromVirtual = 0;
    if (customer && toppedUp > 0) {
      this.wallets.deposit(customer.id, toppedUp, 'sale', actor, number);
      record('wallet.deposited', customer.id, { amount: money(toppedUp), customer: customer.name, source: 'sale' });
      ops += 1;
    }
    if (customer && walletPaid > 0) {
      fromVirtual = this.wallets.spend(customer.id, walletPaid, number, actor);
      record('wallet.spent', customer.id, { amount: money(walletPaid), customer: customer.name });
      ops += 1;
    }
    const goods = priced.total - toppedUp;
    const realPaid = settled.paid - settled.change - fromVirtual;
    const view: SaleView = {
      id,
      number,
      register: this.register,
      at,
      by_name: actor.name,
      currency: 'VND',
      lines: saleLines(drafts, priced),
      tax_rule: { ...this.settings.tax },
      subtotal: priced.subtotal,
      discounts: priced.discounts,
      tax: priced.tax,
      total: priced.total,
      payments: paymentLines,
      paid: settled.paid,
      change: settled.change,
      from_virtual: fromVirtual,
      refunded: 0,
      refundable: Math.max(0, Math.min(goods, realPaid)),
      voided: false,
      refunds: [],
      printed: 0,
    };
    if (customer) {
      view.customer = customer.id;
      view.customer_name = customer.name;
    }
    if (note) view.note = note;
    this.sales.push({ view, bookings });
    return { sale: structuredClone(view), ops };
  }

  /** A receipt by its number or its sale's id (`ReceiptData::load`). */
  sale(numberOrId: string): SaleView {
    return structuredClone(this.found(numberOrId).view);
  }

  /**
   * A receipt reached the printer (`Store::record_receipt_printed`): the
   * next one is a copy, and the log says whether this one was.
   */
  receiptPrinted(numberOrId: string, actor: Staff): SaleView {
    const { view } = this.found(numberOrId);
    const copy = view.printed > 0;
    view.printed += 1;
    this.deps.trail.record({
      at: localRfc3339(this.deps.now()),
      staffId: actor.id,
      kind: copy ? 'sale.receipt_reprinted' : 'sale.receipt_printed',
      entity: view.id,
      customer: view.customer ?? null,
      values: { number: view.number },
    });
    return structuredClone(view);
  }

  private found(numberOrId: string): Recorded {
    const wanted = numberOrId.trim();
    const found = this.sales.find((s) => s.view.number === wanted.toUpperCase() || s.view.id === wanted);
    if (!found) throw new BackendError('not_found', `no sale "${wanted}": expected a receipt number or a sale id`);
    return found;
  }

  /** Every receipt rung up, oldest first (for tests and demos). */
  recordedSales(): SaleView[] {
    return structuredClone(this.sales.map((s) => s.view));
  }

  /** The bookings themselves, not a copy: the calendar (web-calendar.ts) makes and moves them. */
  sharedBookings(): BookingView[] {
    return this.bookings;
  }

  /** Latest first, like the 360. */
  bookingsOf(customer: string): BookingView[] {
    return structuredClone(this.bookings.filter((b) => b.customer === customer)).sort((a, b) =>
      b.start.localeCompare(a.start),
    );
  }

  /** The booking itself (not a copy), for the manager's fake to move along (web-manager.ts). */
  liveBooking(id: string): BookingView | undefined {
    return this.bookings.find((b) => b.id === id);
  }

  /** Every booking the till holds, as copies (for the day's report). */
  allBookings(): BookingView[] {
    return structuredClone(this.bookings);
  }

  /** The register's code, the receipts' prefix. */
  registerCode(): string {
    return this.register;
  }

  treatmentsOf(customer: string): TreatmentView[] {
    return structuredClone(this.treatments.filter((t) => t.customer === customer));
  }

  /** Resolves and prices a sale's lines: what the quote shows and the sale writes. */
  private priceSale(input: SaleInput): { customer: Customer | null; drafts: Draft[]; priced: Priced } {
    if (input.lines.length === 0) throw new BackendError('empty_field', 'a sale needs at least one line');
    const customer = this.saleCustomer(input);
    const drafts: Draft[] = [];
    for (const line of input.lines) drafts.push(...this.draft(customer, line));
    drafts.forEach((draft, n) => {
      if (draft.what.kind !== 'booking') return;
      const { booking, item } = draft.what;
      const twice = drafts
        .slice(0, n)
        .some((d) => d.what.kind === 'booking' && d.what.booking === booking && d.what.item === item);
      if (twice) throw new BackendError('invalid_value', 'the same booking or treatment is on the sale twice');
    });
    const priced = price(
      drafts.map((d) => d.input),
      input.discount ?? null,
      this.settings.tax,
    );
    return { customer, drafts, priced };
  }

  /** The customer given (an id or a phone), else the first booking's. */
  private saleCustomer(input: SaleInput): Customer | null {
    const given = input.customer?.trim() ?? '';
    if (given !== '') {
      const customer = this.deps.customers().find((c) => c.id === given || c.phone === given);
      if (!customer) throw new BackendError('not_found', `no customer "${given}"`);
      return customer;
    }
    for (const line of input.lines) {
      if (line.kind === 'booking') {
        const owner = this.completedBooking(line.id).customer;
        return this.deps.customers().find((c) => c.id === owner) ?? null;
      }
    }
    return null;
  }

  private completedBooking(id: string): BookingView {
    const booking = this.bookings.find((b) => b.id === id.trim());
    if (!booking) throw new BackendError('not_found', `no booking "${id.trim()}"`);
    if (booking.status !== 'COMPLETED') {
      throw new BackendError(
        'booking_not_completed',
        `booking ${booking.id} is ${booking.status}: only a completed booking is paid at checkout`,
      );
    }
    return booking;
  }

  private draft(customer: Customer | null, line: SaleLineInput): Draft[] {
    const discount = line.discount ?? null;
    const plain = (unit_price: number, top_up = false): PriceInput => ({ unit_price, quantity: 1, discount, top_up });
    const needs = (what: string): Customer => {
      if (!customer) throw new BackendError('customer_required', `a ${what} needs the sale's customer: give --customer`);
      return customer;
    };
    switch (line.kind) {
      case 'booking': {
        const booking = this.completedBooking(line.id);
        const owner = needs('treatment');
        if (owner.id !== booking.customer) {
          throw new BackendError('other_customer', `booking ${booking.id} belongs to ${booking.customer_name}`);
        }
        return booking.items.map((item, n) => ({
          what: { kind: 'booking', booking: booking.id, item: n },
          name: item.service_name,
          category: 'service',
          staff: item.staff,
          // A session from a package was paid when the package was.
          input: plain(item.treatment ? 0 : item.price.amount),
        }));
      }
      case 'package': {
        needs('package');
        const wanted = line.id.trim().toLowerCase();
        const found = this.packages.find((p) => p.id === line.id.trim() || p.name.toLowerCase() === wanted);
        if (!found) throw new BackendError('not_found', `no package "${line.id.trim()}"`);
        if (!found.active) throw new BackendError('package_inactive', `${found.name} is no longer sold`);
        if (found.home_visit) {
          throw new BackendError('first_visit_required', `${found.name} is sold with its first visit booked`);
        }
        return [
          {
            what: { kind: 'package', package: found.id, treatment: this.newId('7e47') },
            name: found.name,
            category: 'package',
            staff: null,
            input: plain(found.price.amount),
            sold: found,
          },
        ];
      }
      case 'item': {
        const name = requiredText('item', line.name, ITEM_NAME_MAX);
        return [
          {
            what: { kind: 'item' },
            name,
            category: 'retail',
            staff: null,
            input: { ...plain(line.unit_price), quantity: line.quantity },
          },
        ];
      }
      case 'top_up': {
        needs('wallet top-up');
        if (!Number.isSafeInteger(line.amount) || line.amount <= 0 || line.amount > MAX_AMOUNT) {
          throw new BackendError('invalid_amount', `an amount must be more than zero and at most ${MAX_AMOUNT}`, 'amount');
        }
        return [{ what: { kind: 'top_up' }, name: '', category: 'top_up', staff: null, input: plain(line.amount, true) }];
      }
      case 'treatment':
        throw new BackendError('not_found', `no treatment "${line.id}"`);
      case 'sessions':
        throw new BackendError('not_found', `no treatment "${line.treatment}"`);
    }
  }

  private sellTreatment(id: string, sold: PackageInfo, customer: Customer, now: Date, by: Staff): TreatmentView {
    const day = localRfc3339(now).slice(0, 10);
    const expires = new Date(now.getTime() + sold.valid_days * 86_400_000);
    const treatment: TreatmentView = {
      id,
      customer: customer.id,
      customer_name: customer.name,
      package: sold.id,
      name: sold.name,
      total: sold.sessions,
      granted: 0,
      charged: 0,
      used: 0,
      reserved: 0,
      remaining: sold.sessions,
      available: sold.sessions,
      lapsed: 0,
      refunded: 0,
      refunded_amount: { amount: 0, currency: sold.price.currency },
      price: { ...sold.price },
      sold_on: day,
      expires_on: localRfc3339(expires).slice(0, 10),
      status: 'ACTIVE',
      history: [],
    };
    treatment.history.push({
      at: localRfc3339(now),
      by: by.id,
      by_name: by.name,
      change: 'sold',
      total: sold.sessions,
      price: { ...sold.price },
      expires_on: treatment.expires_on,
    });
    this.treatments.push(treatment);
    return treatment;
  }

  private seedWallet(seed: WalletSeed): void {
    const customer = this.deps.customers().find((c) => c.id === seed.customer || c.name === seed.customer);
    const owner = this.deps.owner;
    if (!customer || !owner) return;
    if (seed.balance) this.wallets.deposit(customer.id, seed.balance, 'cash', owner);
    if (seed.credit) this.wallets.credit(customer.id, seed.credit, seed.creditDays ?? 15, owner, '');
  }

  private newId(tag: string): string {
    this.ids += 1;
    return `0190d5a0-0000-7000-${tag}-${this.ids.toString(16).padStart(12, '0')}`;
  }
}

function saleLines(drafts: readonly Draft[], priced: Priced): SaleLine[] {
  return drafts.map((draft, i) => {
    const line = priced.lines[i]!;
    const head = {
      name: draft.name,
      category: draft.category,
      quantity: draft.input.quantity,
      unit_price: draft.input.unit_price,
      ...(draft.staff ? { staff: draft.staff } : {}),
      ...(draft.input.discount ? { discount: draft.input.discount } : {}),
    };
    return { ...head, ...draft.what, ...line };
  });
}

/** Whole units as the store's `Money` writes them in its sentences: `1.250.000 ₫`. */
export function money(amount: number): string {
  const digits = String(Math.abs(amount)).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${amount < 0 ? '-' : ''}${digits} ₫`;
}

export function checkText(field: string, value: string, max: number): string {
  if ([...value].length > max) throw new BackendError('too_long', `${field} is longer than ${max} characters`, field);
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000b-\u001f\u007f]/.test(value)) {
    throw new BackendError('control_character', `${field} contains a control character`, field);
  }
  return value;
}

export function requiredText(field: string, value: string, max: number): string {
  const trimmed = value.trim();
  if (trimmed === '') throw new BackendError('empty_field', `${field} must not be empty`, field);
  return checkText(field, trimmed, max);
}

export function optionalText(field: string, value: string | undefined, max: number): string {
  const trimmed = value?.trim() ?? '';
  return trimmed === '' ? '' : checkText(field, trimmed, max);
}
