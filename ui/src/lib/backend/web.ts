import {
  BackendError,
  IDLE_LOCK_RANGE,
  type Approval,
  type AuditEntry,
  type AuditLang,
  type AuditQuery,
  type Backend,
  type BookableService,
  type BookingAction,
  type BookingInput,
  type BookingView,
  type CalendarView,
  type RescheduleInput,
  type SlotView,
  type Conflict,
  type CounterSettings,
  type Customer,
  type Customer360,
  type CustomerHit,
  type NewCustomerInput,
  type PackageInfo,
  type Quote,
  type SaleInput,
  type SaleView,
  type Reminder,
  type Staff,
  type StaffPay,
  type SyncStatus,
  type AdjustInput,
  type CreditInput,
  type DepositInput,
  type ExtendInput,
  type NewTicketInput,
  type ResolveInput,
  type TicketLine,
  type TicketMoveInput,
  type TicketQuery,
  type TicketSettings,
  type TicketView,
  type TreatmentView,
  type WalletView,
  type Count,
  type DayReport,
  type DrawerView,
  type RegisterDrawer,
} from './backend';
import type { MatchKind } from './bindings/MatchKind';
import { AuditTrail } from './web-audit';
import { Appointments } from './web-calendar';
import { requiredText, Till, type TillOptions } from './web-checkout';
import { MAX_ENTRY } from './web-wallets';
import { Ledgers } from './web-ledgers';
import { ManagerDesk, type ManagerOptions } from './web-manager';
import { authorize, DEMO_STAFF, localRfc3339, StaffDesk, type SeedStaff } from './web-staff';
import { SetupDesk, type SetupOptions } from './web-setup';
import { PrintersDesk, type PrintingOptions } from './web-printing';
import {
  DEMO_CUSTOMERS,
  displayVietnamesePhone,
  fakeUuid,
  normaliseVietnamesePhone,
  phoneSearchDigits,
  type SeedCustomer,
} from './web-customers';
import { foldForSearch } from '../text';

// An in-memory stand-in for the Rust store, for tests and for running the UI in
// a plain browser (`npm run dev`). It mimics the store's error codes for the
// inputs the screens send, not its rules in full: those live in crates/domain.
// Like the desktop app it starts locked: customers are shown and changed only
// while someone is signed in (web-staff.ts), and what they do is logged
// (web-audit.ts).

const MAX_NAME = 120;
const MAX_TEXT = 500;


export interface WebBackendOptions {
  customers?: SeedCustomer[];
  staff?: readonly SeedStaff[];
  /** Starts with this staff member (by name) signed in, as if they just had. */
  signedIn?: string;
  idleLockMinutes?: number;
  /**
   * Where sync stands, over the default: a counter that was never paired, as
   * the desktop app is at its first start. Pass e.g. `{paired: true, online:
   * true, server, device, last_attempt, last_success}` for a synced one.
   */
  sync?: Partial<SyncStatus>;
  /** Open conflicts, as if other counters' ops had been pulled; none by default. */
  conflicts?: Conflict[];
  /**
   * The till (web-checkout.ts): register code, tax and discount limit,
   * packages, bookings and wallets. With the demo customers and no
   * bookings or wallets given, Lê Hoàng Yến has a completed massage to pay
   * and Trần Minh Anh money in her wallet.
   */
  checkout?: TillOptions;
  /** The Settings tab's business, services, rooms and staff hours (web-setup.ts). */
  setup?: SetupOptions;
  /** This counter's printers: the system's queues, what is chosen, whether they answer (web-printing.ts). */
  printing?: PrintingOptions;
  /**
   * The manager's report (web-manager.ts): the receipts the branch's other
   * counter rang up today; with the demo customers and nothing given, a
   * believable morning.
   */
  manager?: ManagerOptions;
  /** Reminders already sent (what `reminders` answers at sign-in); none by default. */
  reminders?: Reminder[];
  /** Delay before each answer, to make loading states visible in a browser. */
  latencyMs?: number;
  now?: () => Date;
}

export class WebBackend implements Backend {
  private customers: Customer[] = [];
  private readonly latencyMs: number;
  private readonly now: () => Date;
  private readonly staff: StaffDesk;
  private readonly trail: AuditTrail;
  private settings: CounterSettings;
  private sync: SyncStatus;
  private openConflicts: Conflict[];
  private readonly till: Till;
  private readonly appointments: Appointments;
  private readonly setupDesk: SetupDesk;
  private readonly ledgers: Ledgers;
  private readonly manager: ManagerDesk;
  private readonly printers: PrintersDesk;
  private sentReminders: Reminder[];
  private readonly reminderListeners = new Set<(reminder: Reminder) => void>();
  /** The language `reminders` was last asked in: the desktop's, in the app. */
  reminderLang: AuditLang | null = null;

  constructor(options: WebBackendOptions = {}) {
    this.latencyMs = options.latencyMs ?? 0;
    this.now = options.now ?? (() => new Date());
    this.staff = new StaffDesk(options.staff ?? DEMO_STAFF, this.now);
    this.trail = new AuditTrail((id) => this.staff.nameOf(id));
    this.settings = { idle_lock_minutes: options.idleLockMinutes ?? IDLE_LOCK_RANGE.default };
    this.sync = { ...NEVER_PAIRED, ...options.sync };
    this.openConflicts = structuredClone(options.conflicts ?? []);
    this.sentReminders = structuredClone(options.reminders ?? []);
    // The owner registered the seeded customers, as at the desktop app's first start.
    const owner = this.staff.list().find((s) => s.role === 'owner') ?? this.staff.list()[0];
    for (const seed of options.customers ?? DEMO_CUSTOMERS) {
      const customer = this.make(seed, owner);
      this.customers.push(customer);
      if (owner) this.logRegistered(customer, owner.id);
      for (const note of customer.notes) {
        const by = (note.by_name && this.staff.byName(note.by_name)) || owner;
        if (!by) continue;
        this.trail.record({
          at: localRfc3339(new Date(note.at)),
          staffId: by.id,
          kind: 'customer.note_added',
          entity: customer.id,
          values: { customer: customer.name, note: note.text },
        });
      }
    }
    this.till = new Till(
      {
        now: this.now,
        trail: this.trail,
        customers: () => this.customers,
        owner,
        staffByName: (name) => this.staff.byName(name),
      },
      options.checkout ?? {},
      options.customers === undefined,
    );
    this.appointments = new Appointments(
      {
        now: this.now,
        customers: () => this.customers,
        staff: () => this.staff.list(),
        bookings: this.till.sharedBookings(),
        treatmentsOf: (customer) => this.till.treatmentsOf(customer),
        changed: () => {
          this.sync.pending += 1;
        },
      },
      options.customers === undefined && options.checkout?.bookings === undefined,
    );
    this.setupDesk = new SetupDesk(
      {
        staff: this.staff,
        till: this.till.shared(),
        sync: () => this.sync,
        setSync: (status) => (this.sync = status),
        wrote: (ops) => (this.sync.pending += ops),
        pause: () => this.pause(),
      },
      options.setup,
    );
    this.ledgers = new Ledgers(
      { now: this.now, trail: this.trail, customers: () => this.customers, till: this.till, register: 'K7M', owner },
      options.customers === undefined,
    );
    this.manager = new ManagerDesk(
      { now: this.now, till: this.till, customers: () => this.customers },
      options.manager ?? {},
      options.customers === undefined,
    );
    this.printers = new PrintersDesk(
      {
        staff: this.staff,
        till: this.till,
        treatment: (id) => this.ledgers.treatmentStatement(id),
        report: (date, who) => this.manager.report(date, who),
        wrote: (ops) => (this.sync.pending += ops),
        pause: () => this.pause(),
      },
      options.printing,
    );
    if (options.signedIn !== undefined) {
      const who = this.staff.byName(options.signedIn);
      const pin = (options.staff ?? DEMO_STAFF).find((s) => s.name === options.signedIn)?.pin;
      if (!who || !pin) throw new Error(`no staff member ${options.signedIn} with a PIN to sign in`);
      this.staff.signIn(who.id, pin);
    }
  }

  async findCustomers(query: string, limit: number): Promise<CustomerHit[]> {
    await this.pause();
    this.staff.actor();
    const tokens = foldForSearch(query).split(/\s+/).filter(Boolean);
    if (tokens.length === 0) return [];
    const scored: Array<[number, Customer]> = [];
    for (const customer of this.customers) {
      const name = foldForSearch(customer.name);
      const digits = phoneSearchDigits(customer.phone);
      const code = customer.code.toLowerCase();
      const matches = tokens.every(
        (token) =>
          name.includes(token) ||
          code.includes(token) ||
          (/^\d+$/.test(token) && digits.some((d) => d.includes(token))),
      );
      if (!matches) continue;
      // Names that start with what was typed come first, like the store's ranking.
      const words = name.split(/\s+/);
      const score = tokens.filter((t) => words.some((w) => w.startsWith(t))).length;
      scored.push([score, customer]);
    }
    scored.sort((a, b) => b[0] - a[0] || a[1].name.localeCompare(b[1].name, 'vi'));
    return scored.slice(0, limit).map(([, c]) => ({
      id: c.id,
      name: c.name,
      phone: c.phone,
      phone_display: c.phone_display,
      code: c.code,
      matched: matchedBy(c, tokens),
    }));
  }

  async customer360(id: string): Promise<Customer360> {
    await this.pause();
    this.staff.actor();
    const customer = this.customers.find((c) => c.id === id);
    if (!customer) throw new BackendError('not_found', `no customer with id ${id}`);
    return {
      customer: structuredClone(customer),
      wallet: this.ledgers.walletStatement(customer.id),
      treatments: this.till.treatmentsOf(customer.id),
      bookings: this.till.bookingsOf(customer.id),
      classes: [],
      tickets: this.ledgers.tickets.list(customer.id),
      timeline: [],
    };
  }

  async addCustomer(input: NewCustomerInput): Promise<Customer> {
    await this.pause();
    const actor = this.staff.actor();
    const name = input.name.trim();
    if (name === '') throw new BackendError('empty_field', 'name must not be empty', 'name');
    if (name.length > MAX_NAME) {
      throw new BackendError('too_long', `name is longer than ${MAX_NAME} characters`, 'name');
    }
    if (input.phone.trim() === '') throw new BackendError('empty_field', 'phone number is empty', 'phone');
    const phone = normaliseVietnamesePhone(input.phone);
    if (phone === null) {
      throw new BackendError('invalid_phone', `"${input.phone.trim()}" is not a valid phone number for VN`, 'phone');
    }
    const taken = this.customers.find((c) => c.phone === phone);
    if (taken) {
      throw new BackendError(
        'duplicate_phone',
        `phone ${phone} already belongs to ${taken.name} (${taken.code}, id ${taken.id})`,
        'phone',
      );
    }
    const email = blankToNull(input.email);
    if (email !== null && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) {
      throw new BackendError('invalid_email', `"${email}" is not an email address`, 'email');
    }
    const address = blankToNull(input.address);
    if (address !== null && address.length > MAX_TEXT) {
      throw new BackendError('too_long', `address is longer than ${MAX_TEXT} characters`, 'address');
    }
    const customer = this.make({ name, phone, email, address, created_at: localRfc3339(this.now()) }, actor);
    this.customers.push(customer);
    this.logRegistered(customer, actor.id);
    // One more op made here that the server has not acknowledged.
    this.sync.pending += 1;
    return structuredClone(customer);
  }

  async listStaff(): Promise<Staff[]> {
    await this.pause();
    return this.staff.list();
  }

  async signIn(staffId: string, pin: string): Promise<Staff> {
    await this.pause();
    return this.staff.signIn(staffId, pin);
  }

  async signOut(): Promise<void> {
    await this.pause();
    this.staff.signOut();
  }

  async currentStaff(): Promise<Staff | null> {
    await this.pause();
    return this.staff.current();
  }

  async keepAlive(): Promise<void> {
    await this.pause();
    this.staff.actor();
  }

  async audit(query: AuditQuery, lang: AuditLang): Promise<AuditEntry[]> {
    await this.pause();
    this.staff.actor();
    return this.trail.read(query, lang);
  }

  async counterSettings(): Promise<CounterSettings> {
    await this.pause();
    return { ...this.settings };
  }

  async setCounterSettings(settings: CounterSettings, approval?: Approval | null): Promise<CounterSettings> {
    await this.pause();
    authorize(this.staff.authority(approval), 'edit_settings');
    const minutes = settings.idle_lock_minutes;
    if (!Number.isInteger(minutes) || minutes < IDLE_LOCK_RANGE.min || minutes > IDLE_LOCK_RANGE.max) {
      throw new BackendError(
        'invalid_settings',
        `the idle lock must be ${IDLE_LOCK_RANGE.min} to ${IDLE_LOCK_RANGE.max} minutes, not ${minutes}`,
        'idle_lock_minutes',
      );
    }
    this.settings = { idle_lock_minutes: minutes };
    return { ...this.settings };
  }

  // Like the shell's commands (which read the store, not `Session::acting`),
  // these answer while the counter is locked.
  async syncStatus(): Promise<SyncStatus> {
    await this.pause();
    return { ...this.sync };
  }

  async conflicts(): Promise<Conflict[]> {
    await this.pause();
    return structuredClone(this.manager.stillOpen(this.openConflicts));
  }

  async quoteSale(input: SaleInput): Promise<Quote> {
    await this.pause();
    const actor = this.staff.actor();
    return this.till.quote(structuredClone(input), actor);
  }

  async recordSale(input: SaleInput, approval?: Approval | null): Promise<SaleView> {
    await this.pause();
    const who = this.staff.authority(approval);
    const { sale, ops } = this.till.record(structuredClone(input), who);
    this.sync.pending += ops;
    return sale;
  }

  async packagesForSale(): Promise<PackageInfo[]> {
    await this.pause();
    this.staff.actor();
    return this.till.packagesForSale();
  }

  /** Every receipt rung up, oldest first (for tests and demos). */
  recordedSales(): SaleView[] {
    return this.till.recordedSales();
  }

  async reminders(lang: AuditLang): Promise<Reminder[]> {
    await this.pause();
    this.staff.actor();
    this.reminderLang = lang;
    return structuredClone(this.sentReminders);
  }

  onReminder(listener: (reminder: Reminder) => void): () => void {
    this.reminderListeners.add(listener);
    return () => {
      this.reminderListeners.delete(listener);
    };
  }

  async walletStatement(customer: string): Promise<WalletView> {
    await this.pause();
    this.staff.actor();
    return this.ledgers.walletStatement(customer);
  }

  async depositWallet(input: DepositInput): Promise<WalletView> {
    await this.pause();
    return this.counted(this.ledgers.deposit(structuredClone(input), this.staff.actor()));
  }

  async issueCredit(input: CreditInput, approval?: Approval | null): Promise<WalletView> {
    await this.pause();
    return this.counted(this.ledgers.credit(structuredClone(input), this.staff.authority(approval)));
  }

  async adjustWallet(input: AdjustInput, approval?: Approval | null): Promise<WalletView> {
    await this.pause();
    return this.counted(this.ledgers.adjust(structuredClone(input), this.staff.authority(approval)));
  }

  async tickets(query: TicketQuery): Promise<TicketLine[]> {
    await this.pause();
    this.staff.actor();
    return this.ledgers.tickets.list(query.customer?.trim() || null);
  }

  async ticket(code: string): Promise<TicketView> {
    await this.pause();
    this.staff.actor();
    return this.ledgers.tickets.ticket(code);
  }

  async ticketTypes(): Promise<TicketSettings> {
    await this.pause();
    this.staff.actor();
    return this.ledgers.tickets.types();
  }

  async openTicket(input: NewTicketInput): Promise<TicketView> {
    await this.pause();
    return this.counted(this.ledgers.tickets.open(structuredClone(input), this.staff.actor()));
  }

  async moveTicket(input: TicketMoveInput): Promise<TicketView> {
    await this.pause();
    return this.counted(this.ledgers.tickets.move(structuredClone(input), this.staff.actor()));
  }

  async resolveTicket(input: ResolveInput, approval?: Approval | null): Promise<TicketView> {
    await this.pause();
    return this.counted(this.ledgers.tickets.resolve(structuredClone(input), this.staff.authority(approval)));
  }

  async treatmentStatement(id: string): Promise<TreatmentView> {
    await this.pause();
    this.staff.actor();
    return this.ledgers.treatmentStatement(id);
  }

  async extendTreatment(input: ExtendInput, approval?: Approval | null): Promise<TreatmentView> {
    await this.pause();
    return this.counted(this.ledgers.extend(structuredClone(input), this.staff.authority(approval)));
  }

  /** An answer to a command that wrote an op the server has not acknowledged. */
  private counted<T>(answer: T): T {
    this.sync.pending += 1;
    return answer;
  }

  /**
   * What the app's notifier does when something comes due (for tests and
   * demos): sent once per key, to every listener, and kept for `reminders`.
   */
  remind(reminder: Reminder): void {
    if (this.sentReminders.some((sent) => sent.key === reminder.key)) return;
    this.sentReminders.push(structuredClone(reminder));
    for (const listener of this.reminderListeners) listener(structuredClone(reminder));
  }

  async calendarDay(date: string): Promise<CalendarView> {
    await this.pause();
    this.staff.actor();
    return this.appointments.days(date, 1);
  }

  async calendarWeek(date: string): Promise<CalendarView> {
    await this.pause();
    this.staff.actor();
    return this.appointments.week(date);
  }

  async bookingSlots(service: string, date: string, staff: string | null): Promise<SlotView[]> {
    await this.pause();
    this.staff.actor();
    return this.appointments.slots(service, date, staff);
  }

  async servicesForBooking(): Promise<BookableService[]> {
    await this.pause();
    this.staff.actor();
    return this.appointments.bookableServices();
  }

  async booking(id: string): Promise<BookingView> {
    await this.pause();
    this.staff.actor();
    return this.appointments.booking(id);
  }

  async addBooking(input: BookingInput): Promise<BookingView> {
    await this.pause();
    return this.appointments.add(structuredClone(input), this.staff.actor());
  }

  async bookingStatus(booking: string, action: BookingAction, note?: string | null, approval?: Approval | null): Promise<BookingView> {
    await this.pause();
    return this.appointments.move(booking, action, note ?? '', this.staff.authority(approval));
  }

  async rescheduleBooking(input: RescheduleInput): Promise<BookingView> {
    await this.pause();
    return this.appointments.reschedule(structuredClone(input), this.staff.actor());
  }
  // The Settings tab (web-setup.ts).
  setupBusiness: Backend['setupBusiness'] = () => this.setupDesk.setupBusiness();
  setBusiness: Backend['setBusiness'] = (input, approval) => this.setupDesk.setBusiness(input, approval);
  setupServices: Backend['setupServices'] = () => this.setupDesk.setupServices();
  addService: Backend['addService'] = (input, approval) => this.setupDesk.addService(input, approval);
  editService: Backend['editService'] = (id, edit, approval) => this.setupDesk.editService(id, edit, approval);
  setupRooms: Backend['setupRooms'] = () => this.setupDesk.setupRooms();
  addRoom: Backend['addRoom'] = (input, approval) => this.setupDesk.addRoom(input, approval);
  editRoom: Backend['editRoom'] = (id, edit, approval) => this.setupDesk.editRoom(id, edit, approval);
  setupPackages: Backend['setupPackages'] = () => this.setupDesk.setupPackages();
  addPackage: Backend['addPackage'] = (input, approval) => this.setupDesk.addPackage(input, approval);
  editPackage: Backend['editPackage'] = (id, edit, approval) => this.setupDesk.editPackage(id, edit, approval);
  setupStaff: Backend['setupStaff'] = () => this.setupDesk.setupStaff();
  addStaff: Backend['addStaff'] = (input, approval) => this.setupDesk.addStaff(input, approval);
  setStaffRole: Backend['setStaffRole'] = (id, role, approval) => this.setupDesk.setStaffRole(id, role, approval);
  resetStaffPin: Backend['resetStaffPin'] = (id, pin, approval) => this.setupDesk.resetStaffPin(id, pin, approval);
  setStaffActive: Backend['setStaffActive'] = (id, active, approval) => this.setupDesk.setStaffActive(id, active, approval);
  setStaffServices: Backend['setStaffServices'] = (id, services, approval) => this.setupDesk.setStaffServices(id, services, approval);
  setStaffWeek: Backend['setStaffWeek'] = (id, days, approval) => this.setupDesk.setStaffWeek(id, days, approval);
  bookingPolicies: Backend['bookingPolicies'] = () => this.setupDesk.bookingPolicies();
  setBookingPolicies: Backend['setBookingPolicies'] = (policies, approval) => this.setupDesk.setBookingPolicies(policies, approval);
  salePolicies: Backend['salePolicies'] = () => this.setupDesk.salePolicies();
  setSalePolicies: Backend['setSalePolicies'] = (policies, approval) => this.setupDesk.setSalePolicies(policies, approval);
  setupPrinters: Backend['setupPrinters'] = () => this.printers.setupPrinters();
  setPrinters: Backend['setPrinters'] = (settings, approval) => this.printers.setPrinters(settings, approval);
  pairCounter: Backend['pairCounter'] = (server, code, approval) => this.setupDesk.pairCounter(server, code, approval);

  async dayReport(date: string | null, approval?: Approval | null): Promise<DayReport> {
    await this.pause();
    return this.manager.report(date, this.staff.authority(approval));
  }

  async registerDrawer(): Promise<RegisterDrawer> {
    await this.pause();
    this.staff.actor();
    return this.manager.registerDrawer();
  }

  async openDrawer(float: number): Promise<DrawerView> {
    await this.pause();
    this.staff.actor();
    const view = this.manager.open(float);
    this.sync.pending += 1;
    return view;
  }

  async moveCash(amount: number, reason: string): Promise<DrawerView> {
    await this.pause();
    this.staff.actor();
    const view = this.manager.moveCash(amount, reason);
    this.sync.pending += 1;
    return view;
  }

  async closeDrawer(counted: Count[], note: string): Promise<DrawerView> {
    await this.pause();
    this.staff.actor();
    const view = this.manager.close(structuredClone(counted), note);
    this.sync.pending += 1;
    return view;
  }

  async closeDay(approval?: Approval | null): Promise<string> {
    await this.pause();
    const day = this.manager.closeDay(this.staff.authority(approval));
    this.sync.pending += 1;
    return day;
  }

  async conflictBookings(conflict: string): Promise<BookingView[]> {
    await this.pause();
    this.staff.actor();
    return this.manager.conflictBookings(conflict, this.manager.stillOpen(this.openConflicts));
  }

  // The fake keeps one resolution per ticket and no pay ledger: the second
  // resolution and the overpayment are the open conflicts' (`options.conflicts`).
  async reverseTicket(ticket: string, note: string, approval?: Approval | null): Promise<TicketView> {
    await this.pause();
    const who = this.staff.authority(approval);
    const held = this.ledgers.tickets.ticket(ticket);
    authorize(who, 'compensate');
    const twice = (c: Conflict) => c.kind === 'ticket_resolved_twice' && (c.about[0] === held.id || c.about[0] === ticket);
    const late = this.openConflicts.find(twice);
    if (!late) throw new BackendError('nothing_to_reverse', `ticket ${held.code} has no second resolution to reverse`);
    const view = this.ledgers.tickets.reverse(held.id, late.about[1] ?? '', note, who.actor);
    this.openConflicts = this.openConflicts.filter((c) => !twice(c));
    return this.counted(view);
  }

  async adjustStaffPay(staff: string, amount: number, note: string, approval?: Approval | null): Promise<StaffPay> {
    await this.pause();
    const who = this.staff.authority(approval);
    // `payroll::check_adjustment`: a payout's bound, either way.
    if (!Number.isSafeInteger(amount) || amount === 0 || Math.abs(amount) > MAX_ENTRY) {
      throw new BackendError('invalid_amount', `an adjustment must be other than zero and at most ${MAX_ENTRY} either way, not ${amount}`, 'amount');
    }
    requiredText('note', note, 500);
    const member = this.staff.list().find((s) => s.id === staff || s.name === staff);
    if (!member) throw new BackendError('not_found', `no staff member "${staff}": expected a staff id or name`);
    authorize(who, 'pay_staff');
    const over = (c: Conflict) => c.kind === 'payout_over_owed' && c.about[0] === member.id;
    const paidOver = this.openConflicts.find(over)?.amount ?? 0;
    const balance = -paidOver;
    if (amount < 0 && -amount > balance) {
      throw new BackendError('payout_above_balance', `${-amount} is more than the ${Math.max(balance, 0)} owed to ${member.name}`);
    }
    if (balance + amount >= 0) this.openConflicts = this.openConflicts.filter((c) => !over(c));
    return this.counted({
      staff: member.id,
      name: member.name,
      currency: 'VND',
      rates: [],
      earned: 0,
      adjusted: amount,
      paid: paidOver,
      balance: balance + amount,
    });
  }

  // Printing (web-printing.ts).
  printReceipt: Backend['printReceipt'] = (sale) => this.printers.printReceipt(sale);
  printStatement: Backend['printStatement'] = (treatment) => this.printers.printStatement(treatment);
  printDayReport: Backend['printDayReport'] = (date, approval) => this.printers.printDayReport(date, approval);

  /** The printers stop answering (every job `printer_unreachable`), or answer again (for tests and demos). */
  setPrintersOff(off: boolean): void {
    this.printers.setOff(off);
  }

  /** What the app's sync thread would write after a round (for tests and demos). */
  recordSync(change: Partial<SyncStatus>): void {
    this.sync = { ...this.sync, ...change };
  }

  /** The conflicts as the folds would now list them (for tests and demos). */
  setConflicts(conflicts: Conflict[]): void {
    this.openConflicts = structuredClone(conflicts);
  }

  private logRegistered(customer: Customer, staffId: string): void {
    this.trail.record({
      at: localRfc3339(new Date(customer.created_at)),
      staffId,
      kind: 'customer.registered',
      entity: customer.id,
      values: { customer: customer.name, phone: customer.phone_display },
    });
  }

  private make(seed: SeedCustomer, by: Staff | undefined): Customer {
    const n = this.customers.length + 1;
    return {
      id: seed.id ?? fakeUuid(n),
      code: seed.code ?? `KH${String(n).padStart(5, '0')}`,
      name: seed.name,
      phone: seed.phone,
      phone_display: seed.phone_display ?? displayVietnamesePhone(seed.phone),
      email: seed.email ?? null,
      address: seed.address ?? null,
      tags: seed.tags ?? [],
      notes: seed.notes ?? [],
      created_at: seed.created_at ?? this.now().toISOString(),
      // A fake seeded without staff has nobody to record.
      created_by: seed.created_by ?? by?.id ?? '',
      created_by_name: seed.created_by_name ?? by?.name ?? null,
    };
  }

  private pause(): Promise<void> {
    if (this.latencyMs <= 0) return Promise.resolve();
    return new Promise((resolve) => setTimeout(resolve, this.latencyMs));
  }
}

/** What the store reports a hit matched on: the code, else a phone fragment, else the name. */
function matchedBy(customer: Customer, tokens: string[]): MatchKind {
  const code = customer.code.toLowerCase();
  if (tokens.some((token) => code.includes(token))) return 'code';
  const name = foldForSearch(customer.name);
  if (tokens.every((token) => /^\d+$/.test(token) && !name.includes(token))) return 'phone';
  return 'name';
}

const NEVER_PAIRED: SyncStatus = {
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

function blankToNull(value: string | null | undefined): string | null {
  const trimmed = value?.trim() ?? '';
  return trimmed === '' ? null : trimmed;
}
