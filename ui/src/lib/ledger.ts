import type { EntryView, StatementLine, TicketStatus, TicketStep } from './backend/backend';
import { SYSTEM_ACTOR, TICKET_STATUSES } from './backend/backend';
import { hasMessage, intlTag, t } from './i18n.svelte';
import { formatAmount, formatMoney } from './format';
import { formatDay, formatWallClock } from './dates';

// Words for the lines of the wallet, treatment and ticket statements: the
// backend sends what happened as data, the screen says it in the UI's
// language.

/** Who wrote a statement line: the staff member, or the system (the timed jobs) in the UI's language. */
export function byName(line: { by: string; by_name: string }): string {
  return line.by === SYSTEM_ACTOR ? t('activity.system') : line.by_name;
}

/** Which balance a wallet entry moved: the statement's filter. */
export type WalletSide = 'all' | 'real' | 'virtual';

export function realChange(entry: EntryView): number {
  return entry.real_after - entry.real_before;
}

export function virtualChange(entry: EntryView): number {
  return entry.virtual_after - entry.virtual_before;
}

export function showsOn(entry: EntryView, side: WalletSide): boolean {
  if (side === 'real') return realChange(entry) !== 0;
  if (side === 'virtual') return virtualChange(entry) !== 0;
  return true;
}

/** A signed amount, `+500.000` / `−150.000`; empty for no change. */
export function signed(amount: number): string {
  if (amount === 0) return '';
  const number = formatAmount(Math.abs(amount), intlTag());
  return amount > 0 ? `+${number}` : `−${number}`;
}

/** What a wallet entry was, with its reference and note when it has them. */
export function entryText(entry: EntryView): string {
  const extra = (reference: string, note: string) => [reference, note].filter(Boolean).join(' · ');
  let what: string;
  let more = '';
  switch (entry.change) {
    case 'deposited':
      what = t('wallet.entry.deposited', { source: sourceName(entry.source) });
      more = extra(entry.reference, entry.note);
      break;
    case 'spent':
      what = t('wallet.entry.spent');
      more = extra(entry.reference, entry.note);
      break;
    case 'refunded':
      what = t('wallet.entry.refunded', { source: sourceName(entry.source) });
      more = extra(entry.reference, entry.note);
      break;
    case 'adjusted':
      what = t('wallet.entry.adjusted');
      more = entry.note;
      break;
    case 'credit_issued':
      what = t('wallet.entry.creditIssued', { date: formatDay(entry.expires_at) });
      more = extra(entry.reference, entry.note);
      break;
    case 'credit_expired':
      what = t('wallet.entry.creditExpired');
      break;
    case 'moved_out':
      what = t('wallet.entry.movedOut');
      break;
    case 'moved_in':
      what = t('wallet.entry.movedIn');
      break;
    case 'compensation_reversed':
      what = t('wallet.entry.compensationReversed');
      more = extra(entry.reference, entry.note);
      break;
    case 'refused':
      what = t('wallet.entry.refused', { kind: entry.kind });
      more = entry.reason;
      break;
  }
  return more ? `${what} · ${more}` : what;
}

function sourceName(source: string): string {
  const key = `wallet.source.${source}`;
  return hasMessage(key) ? t(key) : source;
}

/** What a line of a punch-card statement says happened. */
export function statementText(line: StatementLine): string {
  switch (line.change) {
    case 'sold':
      return t('treatment.line.sold', { total: line.total, amount: formatAmount(line.price.amount, intlTag(), line.price.currency) });
    case 'reserved':
    case 'punched':
    case 'forfeited':
      return t(`treatment.line.${line.change}`);
    case 'returned':
      return t(line.reason === 'undone' ? 'treatment.line.undone' : 'treatment.line.returned');
    case 'extended':
      return t('treatment.line.extended', { from: formatDay(line.from), to: formatDay(line.to), reason: line.reason });
    case 'expired':
    case 'lapsed':
      return t(`treatment.line.${line.change}`, { count: line.sessions });
    case 'granted':
      return t('treatment.line.granted', { count: line.sessions, reference: line.reference ?? '' });
    case 'charged':
      return t('treatment.line.charged', { count: line.sessions, number: line.number });
    case 'refunded': {
      const amount = formatMoney(line.amount.amount, line.amount.currency);
      const what = t(line.void ? 'treatment.line.voided' : 'treatment.line.refunded', { count: line.sessions, amount, number: line.number });
      if (line.goodwill.amount <= 0) return what;
      const goodwill = formatMoney(line.goodwill.amount, line.goodwill.currency);
      return `${what} · ${t('treatment.line.goodwill', { amount: goodwill })}`;
    }
    case 'grant_withdrawn':
      return t('treatment.line.grantWithdrawn', { count: line.sessions, reference: line.reference ?? '' });
    case 'staff_swapped':
      return t('treatment.line.swapped');
    case 'transferred':
      return t('treatment.line.transferred');
    case 'refused':
      return t('treatment.line.refused', { kind: line.kind });
  }
}

/** The session a line is about: `T2 21/11 09:30 · Massage body · Minh`. */
export function sessionText(line: StatementLine): string {
  const session = line.session;
  if (!session) return '';
  return [formatWallClock(session.start), session.service_name, session.staff_name].join(' · ');
}

export function statusName(status: TicketStatus): string {
  return t(`ticket.status.${status}`);
}

export function typeName(code: string): string {
  // A key ending in `.other` reads as a plural form: the type `other` has its own.
  const key = code === 'other' ? 'ticket.type.misc' : `ticket.type.${code}`;
  return hasMessage(key) ? t(key) : code;
}

/** A step of a ticket's history, in words. */
export function stepText(step: TicketStep): string {
  switch (step.change) {
    case 'opened':
      return t('ticket.step.opened');
    case 'moved': {
      const to = statusName(step.to);
      return step.waiting_on
        ? t('ticket.step.waiting', { party: t(`ticket.waitingOn.${step.waiting_on}`) })
        : t('ticket.step.moved', { to });
    }
    case 'edited':
      return t('ticket.step.edited');
    case 'escalated':
      return t('ticket.step.escalated', { to: t(`ticket.priority.${step.to}`) });
    case 'resolved': {
      const c = step.compensation;
      if (c.kind === 'refund' || c.kind === 'credit') {
        return t(`ticket.step.resolved.${c.kind}`, { amount: formatAmount(c.amount.amount, intlTag(), c.amount.currency) });
      }
      if (c.kind === 'session') return t('ticket.step.resolved.session', { count: c.sessions });
      return t('ticket.step.resolved.none');
    }
    case 'transferred':
      return t('ticket.step.transferred');
    case 'reversed':
      return t('ticket.step.reversed');
    case 'refused':
      return t('ticket.step.refused', { kind: step.kind });
  }
}

/** Where a ticket may go from `status` by a move (resolving is its own form). */
export function nextStatuses(status: TicketStatus): TicketStatus[] {
  const moves: Record<TicketStatus, TicketStatus[]> = {
    NEW: ['IN_PROGRESS', 'WAITING', 'CANCELLED'],
    IN_PROGRESS: ['WAITING', 'CANCELLED'],
    WAITING: ['IN_PROGRESS', 'WAITING', 'CANCELLED'],
    COMPLETED: [],
    CANCELLED: [],
  };
  return TICKET_STATUSES.filter((s) => moves[status].includes(s));
}
