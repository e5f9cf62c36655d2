// The one door between the UI and the Rust store. Components only see this
// interface, so the same screens run inside Tauri (tauri.ts) and in a plain
// browser or a test against an in-memory fake (web.ts).

import type { Conflict, SyncStatus } from './sync-types';
export type { Conflict, ConflictKind, SyncStatus } from './sync-types';

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
  'drawer_not_open',
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
  // Home visits'.
  'first_visit_required',
  'not_home_visit',
  'address_missing',
  // The shell's own (src-tauri/error.rs, transport.rs).
  'signed_out',
  'invalid_id',
  'invalid_language',
  // The UI's: a failure that did not come from the backend as {code, message}.
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** What a failed command sends across IPC: `{code, message}`. */
export interface IpcError {
  code: string;
  message: string;
  /** The input field at fault, when the store knows it (e.g. `too_long` on `address`). */
  field?: string | null;
  /**
   * Values a translated message needs, e.g. `{name, attempts_left}` with
   * `wrong_pin`, `{name, until}` (RFC 3339) with `account_locked`.
   */
  details?: Record<string, string | number> | null;
}

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

function isIpcError(value: unknown): value is IpcError {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as IpcError).code === 'string' &&
    typeof (value as IpcError).message === 'string'
  );
}

/** One line of a search result. `phone` is E.164. */
export interface CustomerHit {
  id: string;
  name: string;
  phone: string;
  /** As written at the counter, e.g. 0912 345 678 */
  phone_display: string;
  code: string;
  /** What the query matched. */
  matched?: 'code' | 'phone' | 'name' | 'ticket';
}

export interface Note {
  id: string;
  text: string;
  /** RFC 3339 */
  at: string;
  /** Staff id */
  by: string;
  by_name: string | null;
}

export interface Customer {
  id: string;
  code: string;
  name: string;
  /** E.164, e.g. +84912345678 */
  phone: string;
  /** As written at the counter, e.g. 0912 345 678 */
  phone_display: string;
  email: string | null;
  address: string | null;
  tags: string[];
  notes: Note[];
  /** RFC 3339 */
  created_at: string;
  created_by?: string;
  created_by_name?: string | null;
}

// The sections below are filled by later work; the UI only needs a label and a
// status to list them, and treats anything missing as "none yet".
/** One grant of virtual credit (Rust `CreditView`). */
export interface CreditSummary {
  id: string;
  amount: number;
  used: number;
  /** What can still be spent now. */
  remaining: number;
  /** RFC 3339 in the business's zone. */
  expires_at: string;
  status: 'ACTIVE' | 'USED' | 'EXPIRED';
}

export interface WalletSummary {
  balance: number;
  virtual?: number;
  currency?: string;
  /** Soonest expiry first; used-up and expired ones after. */
  credits?: CreditSummary[];
}

export const BOOKING_STATUSES = [
  'PENDING',
  'CONFIRMED',
  'CHECKED_IN',
  'IN_PROGRESS',
  'COMPLETED',
  'CANCELLED',
  'NO_SHOW',
  'FORFEITED',
] as const;
export type BookingStatus = (typeof BOOKING_STATUSES)[number];

/** One service of a booking (`ItemView`, the part the UI uses). */
export interface BookingItemSummary {
  service_name: string;
  staff_name: string;
  /** Where a home visit takes place (its treatment's address); absent at the spa. */
  address?: string;
}

/** A booking as the 360 view lists it (the store sends more). Times are
 * RFC 3339 with the business's offset. */
export interface BookingSummary {
  id: string;
  status: BookingStatus;
  start: string;
  end: string;
  items: BookingItemSummary[];
}

export const TREATMENT_STATUSES = ['ACTIVE', 'COMPLETED', 'EXPIRED'] as const;
export type TreatmentStatus = (typeof TREATMENT_STATUSES)[number];

/** A punch card on the customer's file (`TreatmentView` without its statement). */
export interface TreatmentSummary {
  id: string;
  name: string;
  status: TreatmentStatus;
  total: number;
  used: number;
  remaining: number;
  /** Sessions that can still be booked today: 0 once the card has expired
   * or a home visit's booking window has closed. */
  available: number;
  /** Home-visit sessions that lapsed because nobody booked them by `home.schedule_by`. */
  lapsed: number;
  /** YYYY-MM-DD, the last day a session can be used. */
  expires_on: string;
  /** Present only for a home visit. */
  home?: HomeVisitSummary;
}

/** A home visit's lock (`HomeView`): who goes, where, and until when to book. */
export interface HomeVisitSummary {
  /** Staff id of the therapist every session is locked to. */
  staff: string;
  staff_name: string;
  address: string;
  /** YYYY-MM-DD, the last day a session can be booked; unbooked ones lapse after it. */
  schedule_by: string;
}

export const TICKET_STATUSES = ['NEW', 'IN_PROGRESS', 'WAITING', 'COMPLETED', 'CANCELLED'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

/** A ticket in a list (`TicketLine`): open ones first, overdue first among them. */
export interface TicketSummary {
  id: string;
  /** `TV-2026-A7K-00001`: prefix, year, register, number. */
  code: string;
  status: TicketStatus;
  type: string;
  subject: string;
  customer_name: string;
  assignee_name: string | null;
  priority: 'low' | 'normal' | 'high' | 'urgent';
  /** RFC 3339, or null without a deadline. */
  deadline: string | null;
  overdue: boolean;
  opened_at: string;
}

export interface Customer360 {
  customer: Customer;
  wallet: WalletSummary | null;
  treatments: TreatmentSummary[] | null;
  bookings: BookingSummary[] | null;
  tickets: TicketSummary[] | null;
}

export interface NewCustomerInput {
  name: string;
  phone: string;
  email: string | null;
  address: string | null;
}

export const ROLES = ['owner', 'manager', 'receptionist', 'therapist'] as const;
export type Role = (typeof ROLES)[number];

/** Roles that may change settings without an approval (`Role::may` in crates/domain). */
export function mayEditSettings(role: Role): boolean {
  return role === 'owner' || role === 'manager';
}

/** A staff member as the sign-in screen and the header show them. */
export interface Staff {
  id: string;
  name: string;
  role: Role;
  /** Without a PIN nobody can sign in as them; a manager sets one. */
  has_pin: boolean;
}

/** The languages the store writes activity sentences in. */
export type AuditLang = 'vi' | 'en' | 'id';

/** Which activity to read; nothing set means everything (newest first). */
export interface AuditQuery {
  /** What this staff member did or approved (staff id). */
  staff?: string | null;
  /** What concerns this customer (customer id). */
  customer?: string | null;
  /** A local day of the business, YYYY-MM-DD. */
  date?: string | null;
  limit?: number | null;
}

/** One thing that happened, as a sentence. */
export interface AuditEntry {
  /** RFC 3339 in the business's zone. */
  at: string;
  staff: string;
  approved_by: string | null;
  /** "Lan đã thêm khách hàng Nguyễn Văn An (0912 345 678)" */
  text: string;
  kind: string;
  entity: string;
}

/** This counter's own settings (a file next to the database, not the op log). */
export interface CounterSettings {
  /** Minutes without keyboard or mouse activity before the counter locks, 1-240. */
  idle_lock_minutes: number;
}

export const IDLE_LOCK_RANGE = { min: 1, max: 240, default: 5 } as const;

export interface Backend {
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
  /** A manager's or owner's change; `invalid_settings` on `idle_lock_minutes` out of range. */
  setCounterSettings(settings: CounterSettings): Promise<CounterSettings>;

  // Sync: both work while the counter is locked (they read, nobody acts).
  /** Where this counter's sync stands. */
  syncStatus(): Promise<SyncStatus>;
  /** Every open conflict, in the store's canonical order. */
  conflicts(): Promise<Conflict[]>;
}
