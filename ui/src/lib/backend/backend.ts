// The one door between the UI and the Rust counter. Components only see this
// interface; its one implementation (commands.ts) sends each call through
// Tauri's IPC inside the app (tauri.ts) or over HTTP to `caredesk serve-ui`
// in a plain browser (web.ts). Component tests stub that transport.

// The types that cross IPC are generated from the Rust types themselves
// (crates/counter/src/bindings.rs, ts-rs) into ./bindings, and a Rust test fails when
// they are stale; only the UI's own types are written here.
import type { Action } from './bindings/Action';
import type { Approval } from './bindings/Approval';
import type { AuditEntry } from './bindings/AuditEntry';
import type { AuditQuery } from './bindings/AuditQuery';
import type { BookingStatus } from './bindings/BookingStatus';
import type { Conflict } from './bindings/Conflict';
import type { ConflictKind } from './bindings/ConflictKind';
import type { CounterSettings } from './bindings/CounterSettings';
import type { Customer } from './bindings/Customer';
import type { Customer360 } from './bindings/Customer360';
import type { CustomerHit } from './bindings/CustomerHit';
import type { NewCustomerInput } from './bindings/NewCustomerInput';
import type { Reminder } from './bindings/Reminder';
import type { Role } from './bindings/Role';
import type { StaffCard } from './bindings/StaffCard';
import type { SyncStatus } from './bindings/SyncStatus';
import type { TicketStatus } from './bindings/TicketStatus';
import type { Tender } from './bindings/Tender';
import type { TreatmentStatus } from './bindings/TreatmentStatus';

export type { Action, Approval };
export type { AuditEntry, AuditQuery, BookingStatus, Conflict, ConflictKind, CounterSettings, Customer };
export type { Customer360, CustomerHit, NewCustomerInput, Role, StaffCard, SyncStatus, TicketStatus, TreatmentStatus };
export type { BookingView } from './bindings/BookingView';
export type { CreditView } from './bindings/CreditView';
export type { CustomerNote } from './bindings/CustomerNote';
export type { HomeView } from './bindings/HomeView';
export type { IpcError } from './bindings/IpcError';
export type { ItemView } from './bindings/ItemView';
export type { Reminder } from './bindings/Reminder';
export type { ReminderSubject } from './bindings/ReminderSubject';
export type { StaffPay } from './bindings/StaffPay';
export type { TicketLine } from './bindings/TicketLine';
export type { TreatmentView } from './bindings/TreatmentView';
export type { WalletView } from './bindings/WalletView';
// Checkout's (crates/counter/src/commands/checkout.rs, sale_input.rs).
import type { PackageInfo } from './bindings/PackageInfo';
import type { Quote } from './bindings/Quote';
import type { SaleInput } from './bindings/SaleInput';
import type { SaleView } from './bindings/SaleView';
export type { PackageInfo, Quote, SaleInput, SaleView };
export type { Discount } from './bindings/Discount';
export type { PaymentInput } from './bindings/PaymentInput';
export type { PaymentLine } from './bindings/PaymentLine';
export type { SaleLine } from './bindings/SaleLine';
export type { SaleLineInput } from './bindings/SaleLineInput';
export type { TaxRule } from './bindings/TaxRule';
export type { Tender } from './bindings/Tender';
// The calendar's (crates/counter/src/commands/calendar.rs, booking_input.rs).
import type { BookableService } from './bindings/BookableService';
import type { BookingAction } from './bindings/BookingAction';
import type { BookingInput } from './bindings/BookingInput';
import type { BookingView } from './bindings/BookingView';
import type { CalendarView } from './bindings/CalendarView';
import type { RescheduleInput } from './bindings/RescheduleInput';
import type { SlotView } from './bindings/SlotView';
export type { BookableService, BookingAction, BookingInput, CalendarView, RescheduleInput, SlotView };
export type { CalendarDay } from './bindings/CalendarDay';
export type { SheetEntry } from './bindings/SheetEntry';
export type { SlotGrid } from './bindings/SlotGrid';
export type { StaffDay } from './bindings/StaffDay';
// The Settings tab's (crates/counter/src/commands/setup/, ./setup.ts).
import type { SetupBackend } from './setup';
export * from './setup';
// Wallets, tickets and treatments (crates/counter/src/commands/wallet.rs, tickets.rs, treatments.rs, ledger_input.rs).
import type { AdjustInput } from './bindings/AdjustInput';
import type { CompensationKind } from './bindings/CompensationKind';
import type { CreditInput } from './bindings/CreditInput';
import type { DepositInput } from './bindings/DepositInput';
import type { DepositMethod } from './bindings/DepositMethod';
import type { ExtendInput } from './bindings/ExtendInput';
import type { NewTicketInput } from './bindings/NewTicketInput';
import type { ResolveInput } from './bindings/ResolveInput';
import type { TicketLine } from './bindings/TicketLine';
import type { TicketMoveInput } from './bindings/TicketMoveInput';
import type { TicketQuery } from './bindings/TicketQuery';
import type { TicketSettings } from './bindings/TicketSettings';
import type { TicketView } from './bindings/TicketView';
import type { StaffPay } from './bindings/StaffPay';
import type { TreatmentView } from './bindings/TreatmentView';
import type { WaitingOn } from './bindings/WaitingOn';
import type { WalletView } from './bindings/WalletView';
export type { AdjustInput, CompensationKind, CreditInput, DepositInput, DepositMethod, ExtendInput, NewTicketInput };
export type { ResolveInput, TicketMoveInput, TicketQuery, TicketSettings, TicketView, WaitingOn };
export type { EntryView } from './bindings/EntryView';
export type { ResolutionView } from './bindings/ResolutionView';
export type { StatementLine } from './bindings/StatementLine';
export type { TicketStep } from './bindings/TicketStep';
export type { TicketType } from './bindings/TicketType';
import type { Count } from './bindings/Count';
import type { DayReport } from './bindings/DayReport';
import type { DrawerView } from './bindings/DrawerView';
import type { RegisterDrawer } from './bindings/RegisterDrawer';
export type { Count, DayReport, DrawerView, RegisterDrawer };
export type { HourFigures } from './bindings/HourFigures';
// Printing (crates/counter/src/commands/printing.rs).
import type { PrintOutcome } from './bindings/PrintOutcome';
export type { PrintOutcome };
export type { ReceiptPrinter } from './bindings/ReceiptPrinter';
export type { MoveView } from './bindings/MoveView';
export type { SessionCount } from './bindings/SessionCount';

/** A staff member as the sign-in screen and the header show them. */
export type Staff = StaffCard;

/**
 * The actor of what no person did: the timed jobs (credit and cards expiring,
 * tickets escalated). `StaffId::SYSTEM` in crates/domain/src/id.rs;
 * src/tests/system-actor.test.ts fails when the two differ. No one signs in as it.
 */
export const SYSTEM_ACTOR = '00000000-0000-7000-8000-53595354454d';

/**
 * Error codes the backend reports. Keep in step with `StoreError::code()` and
 * the shell's `IpcError::new` calls: src/tests/error-codes.test.ts reads the
 * Rust sources and fails when the two lists differ.
 */
export const ERROR_CODES = [
  // The store's (StoreError::code in crates/store/src/error.rs).
  'empty_field',
  'too_long',
  'control_character',
  'invalid_phone',
  'invalid_email',
  'invalid_code',
  'duplicate_phone',
  'duplicate_code',
  'not_found',
  'nothing_to_change',
  'invalid_time',
  'invalid_settings',
  'not_initialized',
  'already_initialized',
  'awaiting_sync',
  'not_paired',
  'already_paired',
  'sync_state',
  'restore_unsynced',
  'nothing_stuck',
  'not_a_caredesk_database',
  'database_too_new',
  'corrupt',
  'storage',
  'wrong_pin',
  'account_locked',
  'no_pin',
  'staff_inactive',
  'invalid_pin',
  'permission_denied',
  'cannot_approve',
  'cannot_appoint',
  'duplicate_staff',
  'last_owner',
  'changed_meanwhile',
  // Backups' and restores' (RestoreRefusal::code in crates/store/src/backup/restore.rs).
  'backup_failed',
  'restore_failed',
  'restore_file_missing',
  'restore_file_unreadable',
  'restore_not_sqlite',
  'restore_not_caredesk',
  'restore_too_new',
  'restore_corrupt',
  // The calendar's.
  'invalid_value',
  'invalid_hours',
  'invalid_date',
  'service_inactive',
  'staff_does_not_perform',
  'outside_hours',
  'in_the_past',
  'too_soon',
  'end_before_start',
  'double_booking',
  'room_full',
  'room_not_for_service',
  'invalid_transition',
  'too_early',
  'profile_incomplete',
  'class_cancelled',
  'class_started',
  'class_open',
  'not_on_class_list',
  'already_enrolled',
  'not_enrolled',
  'already_marked',
  'not_seated',
  'seats_taken',
  // Treatments'.
  'treatment_other_customer',
  'treatment_other_service',
  'treatment_expired',
  'treatment_expires_before',
  'treatment_exhausted',
  'treatment_other_staff',
  'treatment_quota_lapsed',
  'treatment_refunded',
  'package_inactive',
  // Wallets' (WalletRefusal::code in crates/domain/src/wallet.rs).
  'invalid_amount',
  'amount_overflow',
  'insufficient_funds',
  // Checkout's (SaleError, RefundRefusal, DrawerRefusal and StoreError).
  'underpaid',
  'overpaid',
  'customer_required',
  'refund_too_large',
  'no_wallet',
  'sale_voided',
  'sale_partly_refunded',
  'void_too_late',
  'drawer_open',
  'drawer_closed',
  'drawer_still_open',
  'drawer_short',
  'payout_above_balance',
  'day_closed',
  'booking_not_completed',
  'already_paid',
  'nothing_to_charge',
  'nothing_to_merge',
  'other_customer',
  // Tickets' (TicketRefusal::code in crates/domain/src/ticket/mod.rs, and StoreError).
  'invalid_waiting_on',
  'note_required',
  'unknown_ticket_type',
  'ticket_closed',
  'one_compensation',
  'invalid_sessions',
  'deadline_passed',
  'no_treatment',
  'which_treatment',
  'nothing_to_reverse',
  // Home visits'.
  'first_visit_required',
  'not_home_visit',
  'address_missing',
  // The counter crate's own (crates/counter/src/error.rs, transport.rs,
  // commands/args.rs: a call whose arguments the command does not take).
  'signed_out',
  'invalid_id',
  'invalid_language',
  'invalid_argument',
  'unknown_command',
  // Pairing's, from the Settings tab (crates/counter/src/commands/setup/pairing.rs).
  'invalid_server_url',
  'server_unreachable',
  'pairing_code_refused',
  'pairing_refused',
  // Printing's: the shell's (crates/counter/src/commands/printing.rs), the documents'
  // (PrintError::code in crates/print/src/error.rs) and the printers'
  // (DispatchError::code in crates/print/src/dispatch/error.rs).
  'no_printer',
  'invalid_paper',
  'invalid_logo',
  'invalid_payment_code',
  'printer_invalid',
  'print_job_invalid',
  'document_unprintable',
  'printer_unknown',
  'printer_unreachable',
  'printer_refused',
  'printer_timed_out',
  'printing_missing',
  'printing_unsupported',
  'print_failed',
  // The UI's: a failure that did not come from the backend as {code, message}.
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export type ErrorDetails = Readonly<Record<string, string | number>>;

/** A rejected command. `code` may be one the UI does not know yet. */
export class BackendError extends Error {
  readonly code: ErrorCode | (string & {});
  readonly field: string | null;
  readonly details: ErrorDetails;

  constructor(code: string, message: string, field: string | null = null, details: ErrorDetails = {}) {
    super(message);
    this.name = 'BackendError';
    this.code = code;
    this.field = field;
    this.details = details;
  }

  static from(err: unknown): BackendError {
    if (err instanceof BackendError) return err;
    if (isIpcError(err)) return new BackendError(err.code, err.message, err.field ?? null, err.details ?? {});
    const message = err instanceof Error ? err.message : String(err);
    return new BackendError('internal', message);
  }
}

function isIpcError(value: unknown): value is { code: string; message: string; field?: string; details?: ErrorDetails } {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { code?: unknown }).code === 'string' &&
    typeof (value as { message?: unknown }).message === 'string'
  );
}

/**
 * Every value of a generated string union, in the order the UI lists them.
 * The compiler checks both ways: a value the union lacks is an error here,
 * and so is a union member the list forgets.
 */
function everyOf<T extends string>() {
  return <const A extends readonly T[]>(values: A & ([T] extends [A[number]] ? unknown : never)): A => values;
}

export const BOOKING_STATUSES = everyOf<BookingStatus>()([
  'PENDING',
  'CONFIRMED',
  'CHECKED_IN',
  'IN_PROGRESS',
  'COMPLETED',
  'CANCELLED',
  'NO_SHOW',
  'FORFEITED',
]);

export const TREATMENT_STATUSES = everyOf<TreatmentStatus>()(['ACTIVE', 'COMPLETED', 'EXPIRED', 'REFUNDED']);

export const TICKET_STATUSES = everyOf<TicketStatus>()(['NEW', 'IN_PROGRESS', 'WAITING', 'COMPLETED', 'CANCELLED']);

/** In the order the checkout screen offers them. */
export const TENDERS = everyOf<Tender>()(['cash', 'card', 'transfer', 'wallet']);

/** How money handed over at the counter came in, as the wallet's form offers them. */
export const DEPOSIT_METHODS = everyOf<DepositMethod>()(['cash', 'transfer', 'card']);

/** Who a WAITING ticket waits on. */
export const WAITING_ON = everyOf<WaitingOn>()(['customer', 'carrier', 'doctor']);

/** What resolving a ticket may give from the counter's form (free sessions are not offered there). */
export const COMPENSATIONS = ['none', 'refund', 'credit'] as const satisfies readonly CompensationKind[];

export const ROLES = everyOf<Role>()(['owner', 'manager', 'receptionist', 'therapist']);

/** What may need a manager's approval (who may is the counter's answer: `StaffCard.may`). */
export const ACTIONS = everyOf<Action>()([
  'refund',
  'discount_above_limit',
  'undo_completion',
  'adjust_wallet',
  'void_sale',
  'close_day',
  'edit_settings',
  'see_reports',
  'manage_staff',
  'extend_treatment',
  'swap_home_staff',
  'pay_staff',
  'compensate',
  'merge_customers',
  'rekey_counter',
  'issue_credit',
]);

/** In the order `Store::conflicts` lists them. */
export const CONFLICT_KINDS = everyOf<ConflictKind>()([
  'staff_double_booked',
  'room_overbooked',
  'treatment_overused',
  'wallet_overdrawn',
  'duplicate_phone',
  'merged_file_active',
  'ticket_resolved_twice',
  'payout_over_owed',
]);

/** The languages the store writes activity sentences in. */
export type AuditLang = 'vi' | 'en' | 'id';

export interface Backend extends SetupBackend {
  // Customers: every call fails with `signed_out` while the counter is locked.
  findCustomers(query: string, limit: number): Promise<CustomerHit[]>;
  customer360(id: string): Promise<Customer360>;
  addCustomer(input: NewCustomerInput): Promise<Customer>;

  // Who works at the counter.
  /** Active staff, for the sign-in screen (works while locked). */
  listStaff(): Promise<Staff[]>;
  /** Fails with `wrong_pin`, `account_locked`, `no_pin` or `staff_inactive`. */
  signIn(staffId: string, pin: string): Promise<Staff>;
  signOut(): Promise<void>;
  currentStaff(): Promise<Staff | null>;
  /** The person is still at the keyboard: keeps the backend's session from running out. */
  keepAlive(): Promise<void>;

  /** The activity log, newest first, in `lang`. */
  audit(query: AuditQuery, lang: AuditLang): Promise<AuditEntry[]>;

  counterSettings(): Promise<CounterSettings>;
  /**
   * A manager's or owner's change (anyone else's with a manager's `approval`);
   * `invalid_settings` on `idle_lock_minutes` out of range.
   */
  setCounterSettings(settings: CounterSettings, approval?: Approval | null): Promise<CounterSettings>;

  // Sync: both work while the counter is locked (they read, nobody acts).
  /** Where this counter's sync stands. */
  syncStatus(): Promise<SyncStatus>;
  /** Every open conflict, in the store's canonical order. */
  conflicts(): Promise<Conflict[]>;

  // Checkout: all three need someone signed in.
  /**
   * What the cart comes to, priced exactly as `recordSale` would price it
   * (payments ignored); refuses what the sale would refuse and writes nothing.
   */
  quoteSale(input: SaleInput): Promise<Quote>;
  /** Rings up and pays a sale; `underpaid`, `overpaid`, `insufficient_funds`, `permission_denied`... */
  recordSale(input: SaleInput, approval?: Approval | null): Promise<SaleView>;
  /** The packages on sale now, for the cart's picker. */
  packagesForSale(): Promise<PackageInfo[]>;

  // Reminders (src-tauri/notify.rs): a booking about to start, a card about
  // to expire, sync failing, a conflict; each sent once, as it comes due.
  /**
   * The reminders already sent and still due, for a screen that opens after
   * they went out; `lang` is the UI's language, which the desktop
   * notifications follow from then on. Signed in only (they name customers).
   */
  reminders(lang: AuditLang): Promise<Reminder[]>;
  /** Calls `listener` with each reminder as it comes due; returns the way to stop. */
  onReminder(listener: (reminder: Reminder) => void): () => void;

  // The calendar: signed in only. Dates are `YYYY-MM-DD` and times
  // `YYYY-MM-DDTHH:MM` on the business's wall clock; answers carry RFC 3339
  // with the business's offset. Every rule is the store's: `outside_hours`,
  // `double_booking`, `in_the_past`, `too_soon`, `invalid_transition`...
  /** One day: a column per staff member who serves, with hours and bookings. */
  calendarDay(date: string): Promise<CalendarView>;
  /** The week, Monday to Sunday, that holds `date`. */
  calendarWeek(date: string): Promise<CalendarView>;
  /** Free slots of a service on a day, with `staff` (an id) or anyone. */
  bookingSlots(service: string, date: string, staff: string | null): Promise<SlotView[]>;
  /** Active services with who performs each, for the booking form. */
  servicesForBooking(): Promise<BookableService[]>;
  booking(id: string): Promise<BookingView>;
  addBooking(input: BookingInput): Promise<BookingView>;
  /**
   * Check in, start, complete, cancel (free or forfeited by the cut-off),
   * no-show; undo a completion (a manager's: `permission_denied` for anyone
   * else without `approval`). The conflicts inbox cancels here too, with a
   * `note` that says why.
   */
  bookingStatus(booking: string, action: BookingAction, note?: string | null, approval?: Approval | null): Promise<BookingView>;
  /** A new start and/or staff member; refused as a new booking there would be. */
  rescheduleBooking(input: RescheduleInput): Promise<BookingView>;
  // Wallets, tickets and treatments: signed in only. Amounts are whole units.
  /** The wallet with every entry and the balances around it (oldest first), and its credits. */
  walletStatement(customer: string): Promise<WalletView>;
  /** Money handed over outside a sale; `invalid_amount` when not 1..10^12. */
  depositWallet(input: DepositInput): Promise<WalletView>;
  /** Virtual credit for `days` (15 by default), with a note (`empty_field` without); above the business's credit limit a manager's action (`issue_credit`). */
  issueCredit(input: CreditInput, approval?: Approval | null): Promise<WalletView>;
  /** A manager's correction (`adjust_wallet`); a debit needs a note and the funds. */
  adjustWallet(input: AdjustInput, approval?: Approval | null): Promise<WalletView>;
  /** Open tickets of every customer, most pressing first; with `customer`, all of theirs. */
  tickets(query: TicketQuery): Promise<TicketLine[]>;
  /** A ticket by code or id, with its history. */
  ticket(code: string): Promise<TicketView>;
  /** The business's ticket types and what each offers on resolving. */
  ticketTypes(): Promise<TicketSettings>;
  openTicket(input: NewTicketInput): Promise<TicketView>;
  /** `invalid_transition`, `invalid_waiting_on`, `note_required` (to cancel), `ticket_closed`... */
  moveTicket(input: TicketMoveInput): Promise<TicketView>;
  /** COMPLETED with what is given; a refund or a credit is a manager's (`compensate`). */
  resolveTicket(input: ResolveInput, approval?: Approval | null): Promise<TicketView>;
  /** The punch card with every session (date, service, staff), what is left and the expiry. */
  treatmentStatement(id: string): Promise<TreatmentView>;
  /** A manager moves the expiry later (`extend_treatment`), with a reason. */
  extendTreatment(input: ExtendInput, approval?: Approval | null): Promise<TreatmentView>;
  // The manager's screen: all need someone signed in.
  /**
   * The branch's report of `date` (`YYYY-MM-DD`, today when null): a
   * manager's (`permission_denied` for anyone else without `approval`).
   */
  dayReport(date: string | null, approval?: Approval | null): Promise<DayReport>;
  /** This register's drawer today: the session open, if any, and the last close. */
  registerDrawer(): Promise<RegisterDrawer>;
  /** `invalid_amount` (field `float`) below 0; `drawer_open`, `day_closed`. */
  openDrawer(float: number): Promise<DrawerView>;
  /** Cash in (> 0) or out (< 0) with a reason; `drawer_closed`, `drawer_short`, `empty_field`... */
  moveCash(amount: number, reason: string): Promise<DrawerView>;
  /** The blind count; the answer has `expected` and `difference` (over > 0, short < 0). */
  closeDrawer(counted: Count[], note: string): Promise<DrawerView>;
  /** Closes this register's day for good (a manager's): `drawer_still_open` first. */
  closeDay(approval?: Approval | null): Promise<string>;
  /** The bookings an open conflict is about (double booking, room); `not_found` once resolved. */
  conflictBookings(conflict: string): Promise<BookingView[]>;
  /**
   * Takes back what a ticket's later resolution gave (`ticket_resolved_twice`):
   * a manager's (`permission_denied` for anyone else without `approval`);
   * `nothing_to_reverse` once done.
   */
  reverseTicket(ticket: string, note: string, approval?: Approval | null): Promise<TicketView>;
  /**
   * Corrects what a staff member is owed, up or down (`payout_over_owed` is
   * settled by adding what was paid over): a manager's; a deduction beyond
   * what is owed is `payout_above_balance`.
   */
  adjustStaffPay(staff: string, amount: number, note: string, approval?: Approval | null): Promise<StaffPay>;

  // Printing on this counter's printers (Settings › Printers): signed in
  // only. `no_printer` (field `receipt_printer` or `sheet_printer`) when
  // none is chosen; the printer's own refusals as `printer_unreachable`,
  // `printer_refused`, `printer_timed_out`...
  /**
   * Sale `sale`'s receipt (its number or id) on the receipt printer; a copy
   * when it was printed before. Only a receipt that reached the printer
   * counts as printed.
   */
  printReceipt(sale: string): Promise<PrintOutcome>;
  /** Punch card `treatment`'s statement on the sheet printer. */
  printStatement(treatment: string): Promise<PrintOutcome>;
  /** The branch's report of `date` (today when null) on the sheet printer: a manager's, like `dayReport`. */
  printDayReport(date: string | null, approval?: Approval | null): Promise<PrintOutcome>;
}
