/**
 * The counter's commands as the screens call them: one method per command
 * of the Rust list (crates/counter/src/commands/list.rs), each handing its
 * arguments to a transport. The desktop app's transport is Tauri's IPC
 * (tauri.ts); a plain browser's is HTTP to `caredesk serve-ui` (web.ts).
 * Both reach the same Rust, so no rule is implemented here.
 */
import {
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
  type PrintOutcome,
} from './backend';
import type * as Setup from './setup';

import type { Command } from './bindings/Command';

/** How a command reaches the Rust counter, and how reminders come back. */
export interface Transport {
  /** Resolves with the command's answer; rejects with a `BackendError`. */
  call<T>(command: Command, args: Record<string, unknown>): Promise<T>;
  /** Calls `listener` with each reminder as it comes due; returns the way to stop. */
  onReminder(listener: (reminder: Reminder) => void): () => void;
}

export class CommandBackend implements Backend {
  constructor(private readonly transport: Transport) {}

  /** Command `command` with its arguments, keyed by the Rust function's parameter names in camelCase. */
  private call<T>(command: Command, args: Record<string, unknown> = {}): Promise<T> {
    return this.transport.call<T>(command, args);
  }

  findCustomers(query: string, limit: number): Promise<CustomerHit[]> {
    return this.call('find_customers', { query, limit });
  }

  customer360(id: string): Promise<Customer360> {
    return this.call('customer_360', { id });
  }

  addCustomer(input: NewCustomerInput): Promise<Customer> {
    return this.call('add_customer', { input });
  }

  listStaff(): Promise<Staff[]> {
    return this.call('list_staff');
  }

  signIn(staffId: string, pin: string): Promise<Staff> {
    return this.call('sign_in', { staffId, pin });
  }

  signOut(): Promise<void> {
    return this.call('sign_out');
  }

  currentStaff(): Promise<Staff | null> {
    return this.call('current_staff');
  }

  keepAlive(): Promise<void> {
    return this.call('keep_alive');
  }

  audit(query: AuditQuery, lang: AuditLang): Promise<AuditEntry[]> {
    return this.call('audit', { filter: query, lang });
  }

  counterSettings(): Promise<CounterSettings> {
    return this.call('counter_settings');
  }

  setCounterSettings(settings: CounterSettings, approval?: Approval | null): Promise<CounterSettings> {
    return this.call('set_counter_settings', { settings, approval: approval ?? null });
  }

  syncStatus(): Promise<SyncStatus> {
    return this.call('sync_status');
  }

  conflicts(): Promise<Conflict[]> {
    return this.call('conflicts');
  }

  quoteSale(input: SaleInput): Promise<Quote> {
    return this.call('quote_sale', { input });
  }

  recordSale(input: SaleInput, approval?: Approval | null): Promise<SaleView> {
    return this.call('record_sale', { input, approval: approval ?? null });
  }

  packagesForSale(): Promise<PackageInfo[]> {
    return this.call('packages_for_sale');
  }

  reminders(lang: AuditLang): Promise<Reminder[]> {
    return this.call('reminders', { lang });
  }

  // The Settings tab (src-tauri/commands/setup/ipc.rs).
  setupBusiness = (): Promise<Setup.BusinessView> => this.call('setup_business');
  setBusiness: Backend['setBusiness'] = (input, approval) => this.call('set_business', { input, ...approved(approval) });
  setupServices = (): Promise<Setup.ServiceView[]> => this.call('setup_services');
  addService: Backend['addService'] = (input, approval) => this.call('add_service', { input, ...approved(approval) });
  editService: Backend['editService'] = (id, edit, approval) => this.call('edit_service', { id, edit, ...approved(approval) });
  setupRooms = (): Promise<Setup.RoomView[]> => this.call('setup_rooms');
  addRoom: Backend['addRoom'] = (input, approval) => this.call('add_room', { input, ...approved(approval) });
  editRoom: Backend['editRoom'] = (id, edit, approval) => this.call('edit_room', { id, edit, ...approved(approval) });
  setupPackages = (): Promise<PackageInfo[]> => this.call('setup_packages');
  addPackage: Backend['addPackage'] = (input, approval) => this.call('add_package', { input, ...approved(approval) });
  editPackage: Backend['editPackage'] = (id, edit, approval) => this.call('edit_package', { id, edit, ...approved(approval) });
  setupStaff = (): Promise<Setup.StaffView[]> => this.call('setup_staff');
  addStaff: Backend['addStaff'] = (input, approval) => this.call('add_staff', { input, ...approved(approval) });
  setStaffRole: Backend['setStaffRole'] = (id, role, approval) => this.call('set_staff_role', { id, role, ...approved(approval) });
  resetStaffPin: Backend['resetStaffPin'] = (id, pin, approval) => this.call('reset_staff_pin', { id, pin, ...approved(approval) });
  setStaffActive: Backend['setStaffActive'] = (id, active, approval) =>
    this.call('set_staff_active', { id, active, ...approved(approval) });
  setStaffServices: Backend['setStaffServices'] = (id, services, approval) =>
    this.call('set_staff_services', { id, services, ...approved(approval) });
  setStaffWeek: Backend['setStaffWeek'] = (id, days, approval) => this.call('set_staff_week', { id, days, ...approved(approval) });
  bookingPolicies = (): Promise<Setup.BookingPolicies> => this.call('booking_policies');
  setBookingPolicies: Backend['setBookingPolicies'] = (policies, approval) =>
    this.call('set_booking_policies', { policies, ...approved(approval) });
  salePolicies = (): Promise<Setup.SalePolicies> => this.call('sale_policies');
  setSalePolicies: Backend['setSalePolicies'] = (policies, approval) =>
    this.call('set_sale_policies', { policies, ...approved(approval) });
  setupPrinters = (): Promise<Setup.PrintersView> => this.call('setup_printers');
  setPrinters: Backend['setPrinters'] = (settings, approval) => this.call('set_printers', { settings, ...approved(approval) });
  pairCounter: Backend['pairCounter'] = (server, code, approval) =>
    this.call('pair_counter', { server, code, ...approved(approval) });
  walletStatement(customer: string): Promise<WalletView> {
    return this.call('wallet_statement', { customer });
  }

  depositWallet(input: DepositInput): Promise<WalletView> {
    return this.call('deposit_wallet', { input });
  }

  issueCredit(input: CreditInput, approval?: Approval | null): Promise<WalletView> {
    return this.call('issue_credit', { input, approval: approval ?? null });
  }

  adjustWallet(input: AdjustInput, approval?: Approval | null): Promise<WalletView> {
    return this.call('adjust_wallet', { input, approval: approval ?? null });
  }

  tickets(query: TicketQuery): Promise<TicketLine[]> {
    return this.call('tickets', { query });
  }

  ticket(code: string): Promise<TicketView> {
    return this.call('ticket', { ticket: code });
  }

  ticketTypes(): Promise<TicketSettings> {
    return this.call('ticket_types');
  }

  openTicket(input: NewTicketInput): Promise<TicketView> {
    return this.call('open_ticket', { input });
  }

  moveTicket(input: TicketMoveInput): Promise<TicketView> {
    return this.call('move_ticket', { input });
  }

  resolveTicket(input: ResolveInput, approval?: Approval | null): Promise<TicketView> {
    return this.call('resolve_ticket', { input, approval: approval ?? null });
  }

  treatmentStatement(id: string): Promise<TreatmentView> {
    return this.call('treatment_statement', { treatment: id });
  }

  extendTreatment(input: ExtendInput, approval?: Approval | null): Promise<TreatmentView> {
    return this.call('extend_treatment', { input, approval: approval ?? null });
  }

  dayReport(date: string | null, approval?: Approval | null): Promise<DayReport> {
    return this.call('day_report', { date, approval: approval ?? null });
  }

  registerDrawer(): Promise<RegisterDrawer> {
    return this.call('register_drawer');
  }

  openDrawer(float: number): Promise<DrawerView> {
    return this.call('open_drawer', { float });
  }

  moveCash(amount: number, reason: string): Promise<DrawerView> {
    return this.call('move_cash', { amount, reason });
  }

  closeDrawer(counted: Count[], note: string): Promise<DrawerView> {
    return this.call('close_drawer', { counted, note });
  }

  closeDay(approval?: Approval | null): Promise<string> {
    return this.call('close_day', { approval: approval ?? null });
  }

  printReceipt(sale: string): Promise<PrintOutcome> {
    return this.call('print_receipt', { sale });
  }

  printStatement(treatment: string): Promise<PrintOutcome> {
    return this.call('print_statement', { treatment });
  }

  printDayReport(date: string | null, approval?: Approval | null): Promise<PrintOutcome> {
    return this.call('print_day_report', { date, approval: approval ?? null });
  }

  conflictBookings(conflict: string): Promise<BookingView[]> {
    return this.call('conflict_bookings', { conflict });
  }

  reverseTicket(ticket: string, note: string, approval?: Approval | null): Promise<TicketView> {
    return this.call('reverse_ticket', { ticket, note, ...approved(approval) });
  }

  adjustStaffPay(staff: string, amount: number, note: string, approval?: Approval | null): Promise<StaffPay> {
    return this.call('adjust_staff_pay', { staff, amount, note, ...approved(approval) });
  }

  onReminder(listener: (reminder: Reminder) => void): () => void {
    return this.transport.onReminder(listener);
  }


  calendarDay(date: string): Promise<CalendarView> {
    return this.call('calendar_day', { date });
  }

  calendarWeek(date: string): Promise<CalendarView> {
    return this.call('calendar_week', { date });
  }

  bookingSlots(service: string, date: string, staff: string | null): Promise<SlotView[]> {
    return this.call('booking_slots', { service, date, staff });
  }

  servicesForBooking(): Promise<BookableService[]> {
    return this.call('services_for_booking');
  }

  booking(id: string): Promise<BookingView> {
    return this.call('booking', { id });
  }

  addBooking(input: BookingInput): Promise<BookingView> {
    return this.call('add_booking', { input });
  }

  bookingStatus(booking: string, action: BookingAction, note?: string | null, approval?: Approval | null): Promise<BookingView> {
    return this.call('booking_status', { booking, action, note: note ?? null, ...approved(approval) });
  }

  rescheduleBooking(input: RescheduleInput): Promise<BookingView> {
    return this.call('reschedule_booking', { input });
  }
}

/** The `approval` argument of a command that may take a manager's (crates/counter/src/approval.rs). */
function approved(approval: Approval | null | undefined): { approval: Approval | null } {
  return { approval: approval ?? null };
}
