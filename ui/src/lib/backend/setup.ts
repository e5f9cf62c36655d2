// The Settings tab's part of the backend (crates/counter/src/commands/setup/): the
// business, its catalog, staff and their weeks, policies, this counter's
// printers and pairing. Reads need someone signed in; the store refuses the
// writes a role may not make (`permission_denied`) unless a manager's
// `approval` comes with them.
import type { Approval } from './bindings/Approval';
import type { BookingPolicies } from './bindings/BookingPolicies';
import type { BusinessInput } from './bindings/BusinessInput';
import type { BusinessView } from './bindings/BusinessView';
import type { DayInput } from './bindings/DayInput';
import type { PackageEditInput } from './bindings/PackageEditInput';
import type { PackageInfo } from './bindings/PackageInfo';
import type { PackageInput } from './bindings/PackageInput';
import type { Paper } from './bindings/Paper';
import type { PrinterSettings } from './bindings/PrinterSettings';
import type { PrintersView } from './bindings/PrintersView';
import type { Role } from './bindings/Role';
import type { RoomEditInput } from './bindings/RoomEditInput';
import type { RoomInput } from './bindings/RoomInput';
import type { RoomView } from './bindings/RoomView';
import type { SalePolicies } from './bindings/SalePolicies';
import type { ServiceEditInput } from './bindings/ServiceEditInput';
import type { ServiceInput } from './bindings/ServiceInput';
import type { ServiceView } from './bindings/ServiceView';
import type { SpanInput } from './bindings/SpanInput';
import type { StaffInput } from './bindings/StaffInput';
import type { StaffView } from './bindings/StaffView';
import type { SyncStatus } from './bindings/SyncStatus';

export type { BookingPolicies, BusinessInput, BusinessView, DayInput, PackageEditInput, PackageInput, Paper };
export type { PrinterSettings, PrintersView, RoomEditInput, RoomInput, RoomView, SalePolicies, ServiceEditInput };
export type { ServiceInput, ServiceView, SpanInput, StaffInput, StaffView };

/** `mon`..`sun`, the keys `DayInput.day` takes, Monday first like the store's week. */
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** The receipt rolls this counter can print on (counter_settings.rs). */
export const RECEIPT_WIDTHS_MM = [80, 58] as const;
export const PAPERS: readonly Paper[] = ['a5', 'a4'];

/** The zones a business of the countries served keeps (business settings). */
export const TIME_ZONES = ['Asia/Ho_Chi_Minh', 'Asia/Jakarta', 'Asia/Makassar', 'Asia/Jayapura'] as const;

export interface SetupBackend {
  setupBusiness(): Promise<BusinessView>;
  /**
   * `empty_field`/`too_long` on `name`, `invalid_settings` on `timezone`,
   * `customer_code_prefix`, `tax_code`, `bank_bin`, `bank_account` or
   * `qris`. The bank fields and `qris` left out mean none: send them all.
   */
  setBusiness(input: BusinessInput, approval?: Approval | null): Promise<BusinessView>;

  /** Every service, offered or retired, by name. */
  setupServices(): Promise<ServiceView[]>;
  /** `empty_field` on `name`, `invalid_value` on `price` (negative) or `minutes` (5 to 720)... */
  addService(input: ServiceInput, approval?: Approval | null): Promise<ServiceView>;
  /** Edits, retires (`active: false`) or offers again; `nothing_to_change` when nothing differs. */
  editService(id: string, edit: ServiceEditInput, approval?: Approval | null): Promise<ServiceView>;

  setupRooms(): Promise<RoomView[]>;
  addRoom(input: RoomInput, approval?: Approval | null): Promise<RoomView>;
  editRoom(id: string, edit: RoomEditInput, approval?: Approval | null): Promise<RoomView>;

  /** Every package, on sale or retired. */
  setupPackages(): Promise<PackageInfo[]>;
  addPackage(input: PackageInput, approval?: Approval | null): Promise<PackageInfo>;
  editPackage(id: string, edit: PackageEditInput, approval?: Approval | null): Promise<PackageInfo>;

  /** Everyone, active or not, with their services and week. */
  setupStaff(): Promise<StaffView[]>;
  /** `duplicate_staff` or `empty_field` on `name`, `cannot_appoint` on `role`, `invalid_pin` on `pin`. */
  addStaff(input: StaffInput, approval?: Approval | null): Promise<StaffView>;
  setStaffRole(id: string, role: Role, approval?: Approval | null): Promise<StaffView>;
  resetStaffPin(id: string, pin: string, approval?: Approval | null): Promise<StaffView>;
  setStaffActive(id: string, active: boolean, approval?: Approval | null): Promise<StaffView>;
  setStaffServices(id: string, services: string[], approval?: Approval | null): Promise<StaffView>;
  /** The whole week at once; `invalid_hours` on `hours.<day>` for a backwards or overlapping span. */
  setStaffWeek(id: string, days: DayInput[], approval?: Approval | null): Promise<StaffView>;

  bookingPolicies(): Promise<BookingPolicies>;
  setBookingPolicies(policies: BookingPolicies, approval?: Approval | null): Promise<BookingPolicies>;
  salePolicies(): Promise<SalePolicies>;
  setSalePolicies(policies: SalePolicies, approval?: Approval | null): Promise<SalePolicies>;

  /** This counter's choice and the system's print queues (`problem` when none could be listed). */
  setupPrinters(): Promise<PrintersView>;
  setPrinters(settings: PrinterSettings, approval?: Approval | null): Promise<PrinterSettings>;

  /**
   * Pairs this counter with the sync server: `invalid_server_url` on
   * `server`, `server_unreachable`, `pairing_code_refused` on `code`,
   * `pairing_refused`, `already_paired`. A refusal leaves it unpaired.
   */
  pairCounter(server: string, code: string, approval?: Approval | null): Promise<SyncStatus>;
}
