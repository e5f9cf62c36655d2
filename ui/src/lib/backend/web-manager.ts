import { BackendError, type BookingView, type Conflict, type Customer, type Staff, type Tender } from './backend';
import type { Count } from './bindings/Count';
import type { DayReport } from './bindings/DayReport';
import type { DrawerView } from './bindings/DrawerView';
import type { HourFigures } from './bindings/HourFigures';
import type { RegisterDrawer } from './bindings/RegisterDrawer';
import type { SessionCount } from './bindings/SessionCount';
import type { Till } from './web-checkout';
import { authorize, localRfc3339, type Authority } from './web-staff';

// The manager's side of the fake (the store's report.rs, drawer.rs and the
// conflicts' resolution): the day's report from the till's receipts (and
// those another counter of the branch rang up, synced here), this
// register's drawer, and cancelling one booking of a double booking. Same
// checks, same codes and the same order of refusals as the store.

/** `drawer::MAX_CASH`: what a float, a move or a count may be. */
const MAX_CASH = 1_000_000_000_000;
/** `drawer::REASON_MAX`. */
const REASON_MAX = 300;
/** The calendar's default cut-off: cancelling later than this before the start forfeits. */
const CANCEL_CUTOFF_MS = 60 * 60_000;
/** The calendar's default opening hours, 08:00-20:00: the chart's columns. */
const OPENING = { from: 8, to: 20 } as const;
const DRAWER_TENDERS = ['cash', 'card', 'transfer'] as const;

/** A receipt another counter of the branch rang up today (register B2M), as the report reads it. */
export interface OtherSale {
  /** Local time, `HH:MM`. */
  time: string;
  category: 'service' | 'package' | 'retail';
  total: number;
  discount?: number;
  tender: Exclude<Tender, 'wallet'>;
}

/** A session given today at the other counter: its service and who gave it. */
export interface OtherSession {
  service: string;
  staff: string;
}

export interface ManagerOptions {
  /** The branch's other counter's receipts of today; a believable day in the demo, none otherwise. */
  otherSales?: OtherSale[];
  otherSessions?: OtherSession[];
}

export interface ManagerDeps {
  now: () => Date;
  till: Till;
  customers: () => readonly Customer[];
}

interface Drawer {
  view: DrawerView;
  openedAt: Date;
  closedAt: Date | null;
}

export class ManagerDesk {
  private readonly drawers: Drawer[] = [];
  private readonly closedDays = new Set<string>();
  private readonly otherSales: readonly OtherSale[];
  private readonly otherSessions: readonly OtherSession[];
  private ids = 0;

  constructor(
    private readonly deps: ManagerDeps,
    options: ManagerOptions,
    demo: boolean,
  ) {
    this.otherSales = structuredClone(options.otherSales ?? (demo ? DEMO_OTHER_SALES : []));
    this.otherSessions = structuredClone(options.otherSessions ?? (demo ? DEMO_OTHER_SESSIONS : []));
  }

  report(date: string | null | undefined, who: Authority): DayReport {
    const day = date == null ? localDay(this.deps.now()) : parseDay(date);
    authorize(who, 'see_reports');
    const sales = this.deps.till.recordedSales().filter((s) => s.at.startsWith(day));
    const today = day === localDay(this.deps.now());
    const others = today ? this.otherSales : [];
    const byMethod: Partial<Record<Tender, number>> = {};
    const byCategory: Record<string, number> = {};
    const hours = new Map<number, HourFigures>();
    for (let hour = OPENING.from; hour < OPENING.to; hour++) hours.set(hour, { hour, sales: 0, revenue: 0 });
    const addHour = (hour: number, revenue: number) => {
      const figures = hours.get(hour) ?? { hour, sales: 0, revenue: 0 };
      figures.sales += 1;
      figures.revenue += revenue;
      hours.set(hour, figures);
    };
    const add = (map: Record<string, number>, key: string, amount: number) => {
      map[key] = (map[key] ?? 0) + amount;
    };
    let [gross, discounts, tax, topUps, revenue] = [0, 0, 0, 0, 0];
    for (const sale of sales) {
      let sold = 0;
      for (const line of sale.lines) {
        if (line.kind === 'top_up') {
          topUps += line.total;
          continue;
        }
        sold += line.total;
        gross += line.gross;
        discounts += line.line_discount + line.sale_discount;
        tax += line.tax;
        add(byCategory, line.category, line.total);
      }
      revenue += sold;
      for (const payment of sale.payments) add(byMethod, payment.tender, payment.amount);
      if (sale.change > 0) add(byMethod, 'cash', -sale.change);
      addHour(hourOf(sale.at), sold);
    }
    for (const sale of others) {
      const discount = sale.discount ?? 0;
      revenue += sale.total;
      gross += sale.total + discount;
      discounts += discount;
      add(byCategory, sale.category, sale.total);
      add(byMethod, sale.tender, sale.total);
      addHour(Number(sale.time.slice(0, 2)), sale.total);
    }
    const bookings = this.deps.till.allBookings().filter((b) => b.start.startsWith(day));
    // The other counter's sessions count under the same service and staff
    // member as this counter's when the names match (one catalogue, one staff).
    const ids = new Map<string, string>();
    for (const i of this.deps.till.allBookings().flatMap((b) => b.items)) {
      ids.set(`service:${i.service_name}`, i.service);
      ids.set(`staff:${i.staff_name}`, i.staff);
    }
    const idOf = (key: string) => ids.get(key) ?? key;
    const given = [
      ...bookings
        .filter((b) => b.status === 'COMPLETED')
        .flatMap((b) => b.items.map((i) => ({ service: [i.service, i.service_name], staff: [i.staff, i.staff_name] }))),
      ...(today ? this.otherSessions : []).map((s) => ({
        service: [idOf(`service:${s.service}`), s.service],
        staff: [idOf(`staff:${s.staff}`), s.staff],
      })),
    ];
    return {
      date: day,
      currency: 'VND',
      sales: sales.length + others.length,
      revenue,
      by_method: byMethod,
      by_category: byCategory,
      gross,
      discounts,
      tax,
      refunds: 0,
      voids: 0,
      goodwill: 0,
      top_ups: topUps,
      sessions: given.length,
      forfeited: bookings.filter((b) => b.status === 'FORFEITED').length,
      new_customers: this.deps.customers().filter((c) => localDay(new Date(c.created_at)) === day).length,
      by_hour: [...hours.values()].sort((a, b) => a.hour - b.hour),
      sessions_by_service: countBy(given.map((g) => g.service as [string, string])),
      sessions_by_staff: countBy(given.map((g) => g.staff as [string, string])),
      wallet: this.liabilities(),
      drawers: this.drawers.filter((d) => localDay(d.openedAt) === day).map((d) => this.view(d)),
      closed: this.closedDays.has(day),
    };
  }

  registerDrawer(): RegisterDrawer {
    const today = localDay(this.deps.now());
    const open = this.openDrawer();
    const lastClosed = this.drawers.filter((d) => d.closedAt && localDay(d.openedAt) === today).at(-1);
    const state: RegisterDrawer = {
      register: this.deps.till.registerCode(),
      date: today,
      day_closed: this.closedDays.has(today),
    };
    if (open) state.open = this.view(open);
    if (lastClosed) state.last_closed = this.view(lastClosed);
    return state;
  }

  open(float: number): DrawerView {
    const amount = checkCash('a float', float, 'float');
    this.ensureDayOpen();
    const open = this.openDrawer();
    if (open) {
      throw new BackendError(
        'drawer_open',
        `a drawer is already open on register ${open.view.register} since ${open.view.opened_at.slice(0, 16).replace('T', ' ')}`,
      );
    }
    const now = this.deps.now();
    this.ids += 1;
    const drawer: Drawer = {
      view: {
        id: `0190d5a0-0000-7000-8000-d7${String(this.ids).padStart(10, '0')}`,
        register: this.deps.till.registerCode(),
        opened_at: localRfc3339(now),
        float: amount,
        moved: 0,
        moves: [],
        expected: {},
      },
      openedAt: now,
      closedAt: null,
    };
    this.drawers.push(drawer);
    return this.view(drawer);
  }

  moveCash(amount: number, reason: string): DrawerView {
    if (amount === 0) throw new BackendError('invalid_amount', 'a cash move must be more or less than 0');
    checkCash('a cash move', Math.abs(amount));
    const why = reason.trim();
    if (why === '') throw new BackendError('empty_field', 'reason must not be empty', 'reason');
    if ([...why].length > REASON_MAX) {
      throw new BackendError('too_long', `reason is longer than ${REASON_MAX} characters`, 'reason');
    }
    const drawer = this.mustBeOpen();
    const cashNow = this.view(drawer).expected.cash ?? 0;
    if (cashNow + amount < 0) {
      throw new BackendError('drawer_short', `${amount} would leave less than nothing in the drawer`);
    }
    this.ensureDayOpen();
    drawer.view.moves.push({ at: localRfc3339(this.deps.now()), amount, reason: why });
    drawer.view.moved += amount;
    return this.view(drawer);
  }

  close(counted: readonly Count[], note: string): DrawerView {
    counted.forEach((count, i) => {
      if (count.tender === 'wallet') {
        throw new BackendError('invalid_value', 'the wallet is not in the drawer: count cash, card and transfer');
      }
      checkCash('a count', count.amount);
      if (counted.slice(0, i).some((c) => c.tender === count.tender)) {
        throw new BackendError('invalid_value', `the count names ${count.tender} twice`);
      }
    });
    if ([...note.trim()].length > REASON_MAX) {
      throw new BackendError('too_long', `note is longer than ${REASON_MAX} characters`, 'note');
    }
    const drawer = this.mustBeOpen();
    const now = this.deps.now();
    drawer.closedAt = now;
    drawer.view.closed_at = localRfc3339(now);
    drawer.view.counted = Object.fromEntries(counted.map((c) => [c.tender, c.amount]));
    return this.view(drawer);
  }

  closeDay(who: Authority): string {
    const today = localDay(this.deps.now());
    authorize(who, 'close_day');
    this.ensureDayOpen();
    if (this.openDrawer()) {
      throw new BackendError(
        'drawer_still_open',
        `close the open drawer on register ${this.deps.till.registerCode()} before closing its day`,
      );
    }
    this.closedDays.add(today);
    return today;
  }

  /**
   * The conflicts still open: a double booking or an overbooked room whose
   * bookings this fake holds is gone once fewer than two of them hold time
   * (the store derives the list from the bookings the same way).
   */
  stillOpen(conflicts: readonly Conflict[]): Conflict[] {
    return conflicts.filter((conflict) => {
      const bookings = this.bookingsOf(conflict);
      return bookings === null || bookings.filter((b) => holdsTime(b.status)).length >= 2;
    });
  }

  conflictBookings(id: string, open: readonly Conflict[]): BookingView[] {
    const conflict = open.find((c) => c.id === id);
    if (!conflict) throw new BackendError('not_found', `no open conflict "${id}": it was resolved, or expected a conflict id`);
    return structuredClone(this.bookingsOf(conflict) ?? []);
  }

  /** The bookings (after the staff member or room) that the till holds; null when it holds none of them. */
  private bookingsOf(conflict: Conflict): BookingView[] | null {
    if (conflict.kind !== 'staff_double_booked' && conflict.kind !== 'room_overbooked') return null;
    const held = conflict.about
      .slice(1)
      .map((id) => this.deps.till.liveBooking(id))
      .filter((b): b is BookingView => b !== undefined);
    return held.length === 0 ? null : held;
  }

  private liabilities(): DayReport['wallet'] {
    let [real, virtualCredit] = [0, 0];
    for (const customer of this.deps.customers()) {
      const wallet = this.deps.till.wallets.view(customer.id);
      real += wallet.balance;
      virtualCredit += wallet.virtual;
    }
    return { at: localRfc3339(this.deps.now()), real, virtual: virtualCredit, virtual_spent: 0, virtual_expired: 0 };
  }

  /** The session with what it should hold now (or at its close), and the over/short once counted. */
  private view(drawer: Drawer): DrawerView {
    const until = drawer.closedAt ?? this.deps.now();
    const expected: Partial<Record<Tender, number>> = { cash: 0, card: 0, transfer: 0 };
    for (const sale of this.deps.till.recordedSales()) {
      const at = Date.parse(sale.at);
      if (at < drawer.openedAt.getTime() || at > until.getTime()) continue;
      for (const payment of sale.payments) {
        if (payment.tender !== 'wallet') expected[payment.tender] = (expected[payment.tender] ?? 0) + payment.amount;
      }
      expected.cash = (expected.cash ?? 0) - sale.change;
    }
    expected.cash = (expected.cash ?? 0) + drawer.view.float + drawer.view.moved;
    const view: DrawerView = { ...structuredClone(drawer.view), expected };
    if (view.counted) {
      view.difference = Object.fromEntries(
        DRAWER_TENDERS.filter((t) => view.counted?.[t] !== undefined).map((t) => [
          t,
          (view.counted?.[t] ?? 0) - (expected[t] ?? 0),
        ]),
      );
    }
    return view;
  }

  private openDrawer(): Drawer | undefined {
    return this.drawers.find((d) => d.closedAt === null);
  }

  private mustBeOpen(): Drawer {
    const open = this.openDrawer();
    if (!open) {
      const register = this.deps.till.registerCode();
      throw new BackendError('drawer_closed', `no drawer is open on register ${register}: open one with a float first`);
    }
    return open;
  }

  private ensureDayOpen(): void {
    const today = localDay(this.deps.now());
    if (this.closedDays.has(today)) {
      const register = this.deps.till.registerCode();
      throw new BackendError(
        'day_closed',
        `register ${register}'s day ${today} is closed: nothing more can be recorded on it`,
      );
    }
  }
}

function checkCash(what: string, amount: number, field?: string): number {
  if (!Number.isInteger(amount) || amount < 0 || amount > MAX_CASH) {
    throw new BackendError('invalid_amount', `${what} must be 0 to ${MAX_CASH}, not ${amount}`, field ?? null);
  }
  return amount;
}

function holdsTime(status: BookingView['status']): boolean {
  return status !== 'CANCELLED' && status !== 'NO_SHOW' && status !== 'FORFEITED';
}

/** Most first, then by name, as the store orders them. */
function countBy(pairs: ReadonlyArray<readonly [string, string]>): SessionCount[] {
  const counts = new Map<string, SessionCount>();
  for (const [id, name] of pairs) {
    const count = counts.get(id) ?? { id, name, sessions: 0 };
    count.sessions += 1;
    counts.set(id, count);
  }
  return [...counts.values()].sort((a, b) => b.sessions - a.sessions || a.name.localeCompare(b.name, 'vi'));
}

function parseDay(text: string): string {
  const day = text.trim();
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  const valid =
    match !== null &&
    (() => {
      const [y, m, d] = match.slice(1).map(Number) as [number, number, number];
      const date = new Date(Date.UTC(y, m - 1, d));
      return date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
    })();
  if (!valid) throw new BackendError('invalid_time', `"${text}" is not a day (expected YYYY-MM-DD)`, 'date');
  return day;
}

/** The local day of an instant on this machine, `YYYY-MM-DD` (the store's business day). */
function localDay(date: Date): string {
  return localRfc3339(date).slice(0, 10);
}

/** The wall-clock hour written in an RFC 3339 string. */
function hourOf(rfc3339: string): number {
  return Number(/T(\d{2})/.exec(rfc3339)?.[1] ?? 0);
}

/** The other counter's morning and early afternoon, up to the fake's 14:30. */
export const DEMO_OTHER_SALES: readonly OtherSale[] = [
  { time: '08:40', category: 'service', total: 250_000, tender: 'cash' },
  { time: '09:15', category: 'service', total: 450_000, tender: 'card' },
  { time: '09:50', category: 'retail', total: 180_000, tender: 'cash' },
  { time: '10:20', category: 'package', total: 3_600_000, discount: 400_000, tender: 'transfer' },
  { time: '10:45', category: 'service', total: 350_000, tender: 'cash' },
  { time: '11:30', category: 'service', total: 450_000, tender: 'transfer' },
  { time: '12:10', category: 'retail', total: 95_000, tender: 'cash' },
  { time: '13:05', category: 'service', total: 700_000, tender: 'card' },
  { time: '13:40', category: 'package', total: 1_500_000, tender: 'card' },
  { time: '14:15', category: 'service', total: 250_000, tender: 'cash' },
];

export const DEMO_OTHER_SESSIONS: readonly OtherSession[] = [
  { service: 'Massage body 60 phút', staff: 'Minh' },
  { service: 'Massage body 60 phút', staff: 'Minh' },
  { service: 'Chăm sóc da mặt', staff: 'Minh' },
  { service: 'Gội đầu dưỡng sinh', staff: 'Tuấn' },
  { service: 'Chăm sóc da mặt', staff: 'Tuấn' },
];
