import { BackendError, type Customer, type Staff, type TicketLine, type TicketSettings, type TicketView } from './backend';
import type { Priority } from './bindings/Priority';
import type { TicketStatus } from './bindings/TicketStatus';
import type { NewTicketInput, ResolveInput, TicketMoveInput } from './backend';
import { checkText, optionalText, requiredText } from './web-checkout';
import { authorize, localRfc3339, type Authority } from './web-staff';
import { DEFAULT_CREDIT_DAYS, MAX_CREDIT_DAYS, MAX_ENTRY, type WalletBook } from './web-wallets';

// The fake's service tickets: `store::tickets` for what the counter's
// screens send (open for a customer on file, move, resolve with nothing, a
// refund into the wallet or credit), with the store's checks in the store's
// order and its codes. A refusal changes nothing. Not modelled: tickets about
// a sale (a refund of that sale), free sessions, edits and escalation.

const SUBJECT_MAX = 200;
const DETAILS_MAX = 4_000;
const NOTE_MAX = 4_000;
const DAY_MS = 86_400_000;

/** The types every counter starts with (`TicketSettings::for_country`, Vietnam). */
export const DEFAULT_TICKET_SETTINGS: TicketSettings = {
  prefix: 'TV',
  types: [
    { code: 'complaint', offers: 'credit' },
    { code: 'return', offers: 'refund' },
    { code: 'exchange', offers: 'none' },
    { code: 'missing_item', offers: 'refund' },
    { code: 'refused_delivery', offers: 'none' },
    { code: 'other', offers: 'none' },
  ],
  credit_days: DEFAULT_CREDIT_DAYS,
};

const PRIORITY_RANK: Record<Priority, number> = { low: 0, normal: 1, high: 2, urgent: 3 };

/** `TicketStatus::check`: the workflow's moves. */
const MOVES: Record<TicketStatus, readonly TicketStatus[]> = {
  NEW: ['IN_PROGRESS', 'WAITING', 'COMPLETED', 'CANCELLED'],
  IN_PROGRESS: ['WAITING', 'COMPLETED', 'CANCELLED'],
  WAITING: ['IN_PROGRESS', 'WAITING', 'COMPLETED', 'CANCELLED'],
  COMPLETED: [],
  CANCELLED: [],
};

export interface TicketDeskDeps {
  now: () => Date;
  customers: () => readonly Customer[];
  wallets: WalletBook;
  register: string;
}

interface Held {
  view: TicketView;
  /** Unix ms, for the order and `overdue`. */
  deadline: number | null;
  opened: number;
}

export class TicketDesk {
  private readonly held: Held[] = [];
  private readonly settings: TicketSettings = structuredClone(DEFAULT_TICKET_SETTINGS);
  private series = 0;

  constructor(private readonly deps: TicketDeskDeps) {}

  types(): TicketSettings {
    return structuredClone(this.settings);
  }

  /** Open ones of everyone, or every one of `customer`; the store's order. */
  list(customer: string | null): TicketLine[] {
    const now = this.deps.now().getTime();
    const open = (h: Held) => isOpen(h.view.status);
    const overdue = (h: Held) => open(h) && h.deadline !== null && h.deadline <= now;
    return this.held
      .filter((h) => (customer === null ? open(h) : h.view.customer === customer))
      .sort(
        (a, b) =>
          Number(overdue(b)) - Number(overdue(a)) ||
          Number(open(b)) - Number(open(a)) ||
          PRIORITY_RANK[b.view.priority] - PRIORITY_RANK[a.view.priority] ||
          Number(a.deadline === null) - Number(b.deadline === null) ||
          (a.deadline ?? 0) - (b.deadline ?? 0) ||
          b.opened - a.opened ||
          a.view.code.localeCompare(b.view.code),
      )
      .map((h) => line(this.view(h)));
  }

  ticket(code: string): TicketView {
    return this.view(this.find(code));
  }

  open(input: NewTicketInput, actor: Staff): TicketView {
    const subject = requiredText('subject', input.subject, SUBJECT_MAX);
    const details = optionalText('details', input.details ?? '', DETAILS_MAX);
    const kind = this.settings.types.find((t) => t.code === input.type.trim().toLowerCase());
    if (!kind) {
      const codes = this.settings.types.map((t) => t.code).join(', ');
      throw new BackendError('unknown_ticket_type', `unknown ticket type "${input.type.trim()}": expected one of ${codes}`);
    }
    const now = this.deps.now();
    const deadline = readDeadline(input.deadline ?? null);
    if (deadline !== null && deadline <= now.getTime()) {
      throw new BackendError('deadline_passed', `the deadline ${localRfc3339(new Date(deadline))} has already passed`);
    }
    let priority = input.priority ?? 'normal';
    if (deadline !== null && deadline - now.getTime() < DAY_MS && PRIORITY_RANK[priority] < PRIORITY_RANK.high) {
      priority = 'high';
    }
    const customer = this.deps.customers().find((c) => c.id === input.customer.trim() || c.phone === input.customer.trim());
    if (!customer) throw new BackendError('not_found', `no customer "${input.customer.trim()}"`);

    this.series += 1;
    const code = `${this.settings.prefix}-${now.getFullYear()}-${this.deps.register}-${String(this.series).padStart(5, '0')}`;
    const at = localRfc3339(now);
    const view: TicketView = {
      id: `0190d5a0-0000-7000-71c7-${this.series.toString(16).padStart(12, '0')}`,
      code,
      status: 'NEW',
      type: kind.code,
      offers: kind.offers,
      subject,
      details,
      reference: '',
      customer: customer.id,
      customer_name: customer.name,
      customer_phone: customer.phone_display,
      assignee: null,
      assignee_name: null,
      priority,
      deadline: deadline === null ? null : localRfc3339(new Date(deadline)),
      overdue: false,
      opened_at: at,
      closed_at: null,
      resolution: null,
      history: [{ at, by: actor.id, by_name: actor.name, change: 'opened' }],
    };
    this.held.push({ view, deadline, opened: now.getTime() });
    return this.view(this.held[this.held.length - 1]!);
  }

  move(input: TicketMoveInput, actor: Staff): TicketView {
    if (input.status === 'COMPLETED' && !input.waiting_on) {
      return this.resolve({ ticket: input.ticket, compensation: 'none', note: input.note }, { actor, approver: null });
    }
    const note = optionalText('note', input.note, NOTE_MAX);
    if (input.status === 'CANCELLED' && note === '') {
      throw new BackendError('note_required', 'cancelling a ticket needs a note saying why');
    }
    const held = this.find(input.ticket);
    const from = held.view.status;
    const to = input.status;
    const waitingOn = input.waiting_on ?? null;
    checkMove(from, to);
    if (to === 'WAITING' && from === 'WAITING' && (held.view.waiting_on ?? null) === waitingOn) {
      throw new BackendError('invalid_transition', `a ${from} ticket cannot become ${to}`);
    }
    if (to !== 'WAITING' && waitingOn !== null) {
      throw new BackendError('invalid_waiting_on', `only a WAITING ticket waits on someone, not a ${to} one`);
    }
    const now = this.deps.now();
    held.view.status = to;
    if (waitingOn) held.view.waiting_on = waitingOn;
    else delete held.view.waiting_on;
    if (to === 'CANCELLED') held.view.closed_at = localRfc3339(now);
    held.view.history.push({
      at: localRfc3339(now),
      by: actor.id,
      by_name: actor.name,
      change: 'moved',
      from,
      to,
      ...(waitingOn ? { waiting_on: waitingOn } : {}),
      ...(note ? { note } : {}),
    });
    return this.view(held);
  }

  /** COMPLETED, with its compensation written at the same time; money is a manager's. */
  resolve(input: ResolveInput, who: Authority): TicketView {
    if (input.compensation === 'session') {
      throw new BackendError('invalid_value', "free sessions are given from the treatment's own screen");
    }
    const amount = input.compensation === 'none' ? null : input.amount;
    if (input.compensation !== 'none' && (amount === null || amount === undefined)) {
      throw new BackendError('invalid_amount', 'a refund or credit needs an amount', 'amount');
    }
    const note = optionalText('note', input.note, NOTE_MAX);
    if (amount !== null && amount !== undefined) checkAmount(amount);
    const days = input.credit_days ?? this.settings.credit_days;
    if (!Number.isInteger(days) || days < 1 || days > MAX_CREDIT_DAYS) {
      throw new BackendError('invalid_value', `credit lasts 1 to ${MAX_CREDIT_DAYS} days, not ${days}`);
    }
    const held = this.find(input.ticket);
    if (amount !== null && amount !== undefined) authorize(who, 'compensate');
    checkMove(held.view.status, 'COMPLETED');

    const now = this.deps.now();
    const customer = held.view.customer;
    let compensation: NonNullable<TicketView['resolution']> = { kind: 'none' };
    let given: Extract<TicketView['history'][number], { change: 'resolved' }>['compensation'] = { kind: 'none' };
    if (input.compensation === 'refund' && amount) {
      this.deps.wallets.deposit(customer, amount, 'ticket', who.actor, held.view.code, note);
      compensation = { kind: 'refund', amount: { amount, currency: 'VND' } };
      given = { kind: 'refund', amount: { amount, currency: 'VND' } };
    } else if (input.compensation === 'credit' && amount) {
      const credit = this.deps.wallets.credit(customer, amount, days, who.actor, note, held.view.code);
      compensation = { kind: 'credit', amount: { amount, currency: 'VND' }, expires_at: credit.expires_at };
      given = { kind: 'credit', amount: { amount, currency: 'VND' }, credit: credit.id, expires_at: credit.expires_at };
    }
    const from = held.view.status;
    held.view.status = 'COMPLETED';
    delete held.view.waiting_on;
    held.view.closed_at = localRfc3339(now);
    held.view.resolution = compensation;
    held.view.history.push({
      at: localRfc3339(now),
      by: who.actor.id,
      by_name: who.actor.name,
      change: 'resolved',
      from,
      compensation: given,
      ...(note ? { note } : {}),
    });
    return this.view(held);
  }

  /**
   * A second resolution's compensation taken back (`ticket.reversed`). The
   * fake holds one resolution per ticket, so the one reversed gave what the
   * one kept gave; the wallet is left as it is.
   */
  reverse(code: string, resolution: string, note: string, actor: Staff): TicketView {
    const held = this.find(code);
    const kept = held.view.history.find((step) => step.change === 'resolved');
    held.view.history.push({
      at: localRfc3339(this.deps.now()),
      by: actor.id,
      by_name: actor.name,
      change: 'reversed',
      resolution,
      compensation: kept?.change === 'resolved' ? kept.compensation : { kind: 'none' },
      ...(note.trim() ? { note: note.trim() } : {}),
    });
    return this.view(held);
  }

  private find(code: string): Held {
    const wanted = code.trim().toUpperCase();
    const held = this.held.find((h) => h.view.code.toUpperCase() === wanted || h.view.id.toUpperCase() === wanted);
    if (!held) throw new BackendError('not_found', `no ticket "${code.trim()}"`);
    return held;
  }

  private view(held: Held): TicketView {
    const overdue = isOpen(held.view.status) && held.deadline !== null && held.deadline <= this.deps.now().getTime();
    return { ...structuredClone(held.view), overdue };
  }
}

function isOpen(status: TicketStatus): boolean {
  return status !== 'COMPLETED' && status !== 'CANCELLED';
}

function checkMove(from: TicketStatus, to: TicketStatus): void {
  if (!MOVES[from].includes(to)) throw new BackendError('invalid_transition', `a ${from} ticket cannot become ${to}`);
}

/** `wallet::check_amount`: a whole amount above zero and at most `MAX_ENTRY`. */
export function checkAmount(amount: number): void {
  if (!Number.isSafeInteger(amount) || amount <= 0 || amount > MAX_ENTRY) {
    throw new BackendError('invalid_amount', `an amount must be more than zero and at most ${MAX_ENTRY}, not ${amount}`, 'amount');
  }
}

/** A day (its end) or `YYYY-MM-DDTHH:MM`, read on this computer's clock; null when blank. */
function readDeadline(text: string | null): number | null {
  const trimmed = checkText('deadline', text?.trim() ?? '', 40);
  if (trimmed === '') return null;
  const wall = /^\d{4}-\d{2}-\d{2}$/.test(trimmed) ? `${trimmed}T23:59` : trimmed;
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(wall);
  const [y, mo, d, h, mi] = (match?.slice(1) ?? []).map(Number) as [number, number, number, number, number];
  const date = match ? new Date(y, mo - 1, d, h, mi) : null;
  if (!date || date.getMonth() !== mo - 1 || date.getDate() !== d) {
    throw new BackendError('invalid_time', `"${trimmed}" is not a local time (expected YYYY-MM-DDTHH:MM)`);
  }
  return date.getTime();
}

function line(view: TicketView): TicketLine {
  return {
    id: view.id,
    code: view.code,
    status: view.status,
    type: view.type,
    subject: view.subject,
    customer: view.customer,
    customer_name: view.customer_name,
    assignee_name: view.assignee_name,
    priority: view.priority,
    deadline: view.deadline,
    overdue: view.overdue,
    opened_at: view.opened_at,
  };
}
