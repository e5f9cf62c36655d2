import { BackendError, type Customer, type Staff, type TreatmentView, type WalletView } from './backend';
import type { AdjustInput, CreditInput, DepositInput, ExtendInput } from './backend';
import type { StatementLine } from './bindings/StatementLine';
import type { AuditTrail } from './web-audit';
import { money, optionalText, requiredText, type Till } from './web-checkout';
import { authorize, localRfc3339, type Authority } from './web-staff';
import { checkAmount, TicketDesk } from './web-tickets';
import { DEFAULT_CREDIT_DAYS, MAX_CREDIT_DAYS } from './web-wallets';

// The fake's wallet and treatment commands (src-tauri/commands/wallet.rs,
// treatments.rs) over the till's wallets and cards, so a top-up rung up at
// checkout shows in the statement and a card sold there has one; and the
// ticket desk (web-tickets.ts). The store's checks, in its order, with its
// codes: a refusal changes nothing.

const TEXT_MAX = 500;
/** The most a wallet may hold (`wallet::MAX_BALANCE`). */
const MAX_BALANCE = 1_000_000_000_000_000;

export interface LedgersDeps {
  now: () => Date;
  trail: AuditTrail;
  customers: () => readonly Customer[];
  till: Till;
  register: string;
  /** Whoever set up the business, for the demo's card and ticket. */
  owner: Staff | undefined;
}

export class Ledgers {
  readonly tickets: TicketDesk;

  constructor(
    private readonly deps: LedgersDeps,
    demo: boolean,
  ) {
    this.tickets = new TicketDesk({ now: deps.now, customers: deps.customers, wallets: deps.till.wallets, register: deps.register });
    if (demo) this.seedDemo();
  }

  walletStatement(customer: string): WalletView {
    return this.deps.till.wallets.view(this.customer(customer).id);
  }

  deposit(input: DepositInput, actor: Staff): WalletView {
    checkAmount(input.amount);
    const reference = optionalText('reference', input.reference ?? '', TEXT_MAX);
    const note = optionalText('note', input.note ?? '', TEXT_MAX);
    const customer = this.customer(input.customer);
    const wallets = this.deps.till.wallets;
    if (wallets.real(customer.id) + input.amount > MAX_BALANCE) {
      throw new BackendError('amount_overflow', 'the wallet would hold more than it may');
    }
    wallets.deposit(customer.id, input.amount, input.method, actor, reference, note);
    this.log(actor, null, customer, input.amount, input.method);
    return wallets.view(customer.id);
  }

  /** Virtual credit is a manager's action (`issue_credit`): the fake keeps the store's default credit limit of 0. */
  credit(input: CreditInput, who: Authority): WalletView {
    checkAmount(input.amount);
    const days = input.days ?? DEFAULT_CREDIT_DAYS;
    if (!Number.isInteger(days) || days < 1 || days > MAX_CREDIT_DAYS) {
      throw new BackendError('invalid_value', `credit lasts 1 to ${MAX_CREDIT_DAYS} days, not ${days}`);
    }
    const note = requiredText('note', input.note, TEXT_MAX);
    const customer = this.customer(input.customer);
    authorize(who, 'issue_credit');
    this.deps.till.wallets.credit(customer.id, input.amount, days, who.actor, note);
    return this.deps.till.wallets.view(customer.id);
  }

  /** A manager's correction; a debit needs a note and the real money to take. */
  adjust(input: AdjustInput, who: Authority): WalletView {
    checkAmount(Math.abs(input.amount));
    const note =
      input.amount < 0 ? requiredText('note', input.note, TEXT_MAX) : optionalText('note', input.note, TEXT_MAX);
    const customer = this.customer(input.customer);
    authorize(who, 'adjust_wallet');
    const wallets = this.deps.till.wallets;
    const real = wallets.real(customer.id);
    if (input.amount < 0 && -input.amount > real) {
      throw new BackendError(
        'insufficient_funds',
        `${money(-input.amount)} is more than the ${money(real)} of real money in the wallet`,
        'amount',
      );
    }
    wallets.adjust(customer.id, input.amount, note, who.actor);
    return wallets.view(customer.id);
  }

  treatmentStatement(id: string): TreatmentView {
    return structuredClone(this.treatment(id));
  }

  /** A manager moves the expiry later, saying why (`Store::extend_treatment`). */
  extend(input: ExtendInput, who: Authority): TreatmentView {
    const to = input.to.trim();
    if (!/^\d{4}-\d{2}-\d{2}$/.test(to) || Number.isNaN(Date.parse(`${to}T00:00:00Z`))) {
      throw new BackendError('invalid_date', `"${input.to}" is not a date (expected YYYY-MM-DD)`, 'to');
    }
    const reason = requiredText('reason', input.reason, TEXT_MAX);
    const card = this.treatment(input.treatment);
    const today = localRfc3339(this.deps.now()).slice(0, 10);
    if (to <= card.expires_on || to < today) {
      throw new BackendError('invalid_value', `${card.name} runs to ${card.expires_on}: an extension must end later`);
    }
    authorize(who, 'extend_treatment');
    card.history.push({
      at: localRfc3339(this.deps.now()),
      by: who.actor.id,
      by_name: who.actor.name,
      change: 'extended',
      from: card.expires_on,
      to,
      reason,
    });
    card.expires_on = to;
    if (card.status === 'EXPIRED' && card.remaining > 0) {
      card.status = 'ACTIVE';
      card.available = card.remaining - card.reserved;
    }
    return structuredClone(card);
  }

  private treatment(id: string): TreatmentView {
    const card = this.deps.till.treatments.find((t) => t.id === id.trim());
    if (!card) throw new BackendError('not_found', `no treatment ${id.trim()}`);
    return card;
  }

  private customer(text: string): Customer {
    const wanted = text.trim();
    const customer = this.deps.customers().find((c) => c.id === wanted || c.phone === wanted);
    if (!customer) throw new BackendError('not_found', `no customer "${wanted}"`);
    return customer;
  }

  private log(actor: Staff, approver: Staff | null, customer: Customer, amount: number, source: string): void {
    this.deps.trail.record({
      at: localRfc3339(this.deps.now()),
      staffId: actor.id,
      approverId: approver?.id ?? null,
      kind: 'wallet.deposited',
      entity: customer.id,
      values: { amount: money(amount), customer: customer.name, source },
    });
  }

  /** Trần Minh Anh's massage card, three sessions in and one booked, and her open complaint. */
  private seedDemo(): void {
    const customers = this.deps.customers();
    const anh = customers.find((c) => c.name === 'Trần Minh Anh');
    const owner = this.deps.owner;
    if (!owner) return;
    const now = this.deps.now();
    const day = (offset: number, hour = 10) =>
      localRfc3339(new Date(now.getFullYear(), now.getMonth(), now.getDate() + offset, hour, 0));
    if (anh) {
      const by = { by: owner.id, by_name: owner.name };
      const session = (n: number, offset: number, change: 'punched' | 'reserved'): StatementLine => ({
        at: day(offset, 11),
        ...by,
        change,
        booking: `0190d5a0-0000-7000-b00c-00000000000${n}`,
        item: 0,
        session: {
          booking: `0190d5a0-0000-7000-b00c-00000000000${n}`,
          start: day(offset),
          service_name: 'Massage body',
          staff_name: 'Minh',
        },
      });
      const soldOn = day(-40).slice(0, 10);
      const expiresOn = day(50).slice(0, 10);
      this.deps.till.treatments.push({
        id: '0190d5a0-0000-7000-7e47-0000000de300',
        customer: anh.id,
        customer_name: anh.name,
        package: '0190d5a0-0000-7000-8000-0000000000b1',
        name: 'Massage 10 buổi',
        service_name: 'Massage body',
        total: 10,
        granted: 0,
        charged: 0,
        used: 3,
        reserved: 1,
        remaining: 7,
        available: 6,
        lapsed: 0,
        refunded: 0,
        refunded_amount: { amount: 0, currency: 'VND' },
        price: { amount: 3_000_000, currency: 'VND' },
        sold_on: soldOn,
        expires_on: expiresOn,
        status: 'ACTIVE',
        history: [
          { at: day(-40, 9), ...by, change: 'sold', total: 10, price: { amount: 3_000_000, currency: 'VND' }, expires_on: expiresOn },
          session(1, -30, 'punched'),
          session(2, -20, 'punched'),
          session(3, -10, 'punched'),
          session(4, 3, 'reserved'),
        ],
      });
      this.tickets.open(
        { customer: anh.id, type: 'complaint', subject: 'Khăn không sạch', details: 'Khách phàn nàn sau buổi massage.', deadline: day(2).slice(0, 16) },
        owner,
      );
    }
  }
}
