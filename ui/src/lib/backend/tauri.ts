import { invoke } from '@tauri-apps/api/core';
import { listen } from '@tauri-apps/api/event';
import {
  BackendError,
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

// Command names are the generated `Command` (src-tauri/commands/list.rs);
// argument keys match the #[tauri::command] functions' parameters (Tauri
// maps camelCase keys to snake_case ones).
async function call<T>(command: Command, args: Record<string, unknown> = {}): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (err) {
    throw BackendError.from(err);
  }
}

export class TauriBackend implements Backend {
  findCustomers(query: string, limit: number): Promise<CustomerHit[]> {
    return call('find_customers', { query, limit });
  }

  customer360(id: string): Promise<Customer360> {
    return call('customer_360', { id });
  }

  addCustomer(input: NewCustomerInput): Promise<Customer> {
    return call('add_customer', { input });
  }

  listStaff(): Promise<Staff[]> {
    return call('list_staff');
  }

  signIn(staffId: string, pin: string): Promise<Staff> {
    return call('sign_in', { staffId, pin });
  }

  signOut(): Promise<void> {
    return call('sign_out');
  }

  currentStaff(): Promise<Staff | null> {
    return call('current_staff');
  }

  keepAlive(): Promise<void> {
    return call('keep_alive');
  }

  audit(query: AuditQuery, lang: AuditLang): Promise<AuditEntry[]> {
    return call('audit', { filter: query, lang });
  }

  counterSettings(): Promise<CounterSettings> {
    return call('counter_settings');
  }

  setCounterSettings(settings: CounterSettings, approval?: Approval | null): Promise<CounterSettings> {
    return call('set_counter_settings', { settings, approval: approval ?? null });
  }

  syncStatus(): Promise<SyncStatus> {
    return call('sync_status');
  }

  conflicts(): Promise<Conflict[]> {
    return call('conflicts');
  }

  quoteSale(input: SaleInput): Promise<Quote> {
    return call('quote_sale', { input });
  }

  recordSale(input: SaleInput, approval?: Approval | null): Promise<SaleView> {
    return call('record_sale', { input, approval: approval ?? null });
  }

  packagesForSale(): Promise<PackageInfo[]> {
    return call('packages_for_sale');
  }

  reminders(lang: AuditLang): Promise<Reminder[]> {
    return call('reminders', { lang });
  }

  // The Settings tab (src-tauri/commands/setup/ipc.rs).
  setupBusiness = (): Promise<Setup.BusinessView> => call('setup_business');
  setBusiness: Backend['setBusiness'] = (input, approval) => call('set_business', { input, ...approved(approval) });
  setupServices = (): Promise<Setup.ServiceView[]> => call('setup_services');
  addService: Backend['addService'] = (input, approval) => call('add_service', { input, ...approved(approval) });
  editService: Backend['editService'] = (id, edit, approval) => call('edit_service', { id, edit, ...approved(approval) });
  setupRooms = (): Promise<Setup.RoomView[]> => call('setup_rooms');
  addRoom: Backend['addRoom'] = (input, approval) => call('add_room', { input, ...approved(approval) });
  editRoom: Backend['editRoom'] = (id, edit, approval) => call('edit_room', { id, edit, ...approved(approval) });
  setupPackages = (): Promise<PackageInfo[]> => call('setup_packages');
  addPackage: Backend['addPackage'] = (input, approval) => call('add_package', { input, ...approved(approval) });
  editPackage: Backend['editPackage'] = (id, edit, approval) => call('edit_package', { id, edit, ...approved(approval) });
  setupStaff = (): Promise<Setup.StaffView[]> => call('setup_staff');
  addStaff: Backend['addStaff'] = (input, approval) => call('add_staff', { input, ...approved(approval) });
  setStaffRole: Backend['setStaffRole'] = (id, role, approval) => call('set_staff_role', { id, role, ...approved(approval) });
  resetStaffPin: Backend['resetStaffPin'] = (id, pin, approval) => call('reset_staff_pin', { id, pin, ...approved(approval) });
  setStaffActive: Backend['setStaffActive'] = (id, active, approval) =>
    call('set_staff_active', { id, active, ...approved(approval) });
  setStaffServices: Backend['setStaffServices'] = (id, services, approval) =>
    call('set_staff_services', { id, services, ...approved(approval) });
  setStaffWeek: Backend['setStaffWeek'] = (id, days, approval) => call('set_staff_week', { id, days, ...approved(approval) });
  bookingPolicies = (): Promise<Setup.BookingPolicies> => call('booking_policies');
  setBookingPolicies: Backend['setBookingPolicies'] = (policies, approval) =>
    call('set_booking_policies', { policies, ...approved(approval) });
  salePolicies = (): Promise<Setup.SalePolicies> => call('sale_policies');
  setSalePolicies: Backend['setSalePolicies'] = (policies, approval) =>
    call('set_sale_policies', { policies, ...approved(approval) });
  setupPrinters = (): Promise<Setup.PrintersView> => call('setup_printers');
  setPrinters: Backend['setPrinters'] = (settings, approval) => call('set_printers', { settings, ...approved(approval) });
  pairCounter: Backend['pairCounter'] = (server, code, approval) =>
    call('pair_counter', { server, code, ...approved(approval) });
  walletStatement(customer: string): Promise<WalletView> {
    return call('wallet_statement', { customer });
  }

  depositWallet(input: DepositInput): Promise<WalletView> {
    return call('deposit_wallet', { input });
  }

  issueCredit(input: CreditInput, approval?: Approval | null): Promise<WalletView> {
    return call('issue_credit', { input, approval: approval ?? null });
  }

  adjustWallet(input: AdjustInput, approval?: Approval | null): Promise<WalletView> {
    return call('adjust_wallet', { input, approval: approval ?? null });
  }

  tickets(query: TicketQuery): Promise<TicketLine[]> {
    return call('tickets', { query });
  }

  ticket(code: string): Promise<TicketView> {
    return call('ticket', { ticket: code });
  }

  ticketTypes(): Promise<TicketSettings> {
    return call('ticket_types');
  }

  openTicket(input: NewTicketInput): Promise<TicketView> {
    return call('open_ticket', { input });
  }

  moveTicket(input: TicketMoveInput): Promise<TicketView> {
    return call('move_ticket', { input });
  }

  resolveTicket(input: ResolveInput, approval?: Approval | null): Promise<TicketView> {
    return call('resolve_ticket', { input, approval: approval ?? null });
  }

  treatmentStatement(id: string): Promise<TreatmentView> {
    return call('treatment_statement', { treatment: id });
  }

  extendTreatment(input: ExtendInput, approval?: Approval | null): Promise<TreatmentView> {
    return call('extend_treatment', { input, approval: approval ?? null });
  }

  dayReport(date: string | null, approval?: Approval | null): Promise<DayReport> {
    return call('day_report', { date, approval: approval ?? null });
  }

  registerDrawer(): Promise<RegisterDrawer> {
    return call('register_drawer');
  }

  openDrawer(float: number): Promise<DrawerView> {
    return call('open_drawer', { float });
  }

  moveCash(amount: number, reason: string): Promise<DrawerView> {
    return call('move_cash', { amount, reason });
  }

  closeDrawer(counted: Count[], note: string): Promise<DrawerView> {
    return call('close_drawer', { counted, note });
  }

  closeDay(approval?: Approval | null): Promise<string> {
    return call('close_day', { approval: approval ?? null });
  }

  printReceipt(sale: string): Promise<PrintOutcome> {
    return call('print_receipt', { sale });
  }

  printStatement(treatment: string): Promise<PrintOutcome> {
    return call('print_statement', { treatment });
  }

  printDayReport(date: string | null, approval?: Approval | null): Promise<PrintOutcome> {
    return call('print_day_report', { date, approval: approval ?? null });
  }

  conflictBookings(conflict: string): Promise<BookingView[]> {
    return call('conflict_bookings', { conflict });
  }

  reverseTicket(ticket: string, note: string, approval?: Approval | null): Promise<TicketView> {
    return call('reverse_ticket', { ticket, note, ...approved(approval) });
  }

  adjustStaffPay(staff: string, amount: number, note: string, approval?: Approval | null): Promise<StaffPay> {
    return call('adjust_staff_pay', { staff, amount, note, ...approved(approval) });
  }

  onReminder(listener: (reminder: Reminder) => void): () => void {
    // `listen` answers once the web view is subscribed; a stop asked before
    // then unsubscribes as soon as it is.
    let unlisten: (() => void) | null = null;
    let stopped = false;
    listen<Reminder>(REMINDER_EVENT, (event) => listener(event.payload)).then(
      (stop) => {
        if (stopped) stop();
        else unlisten = stop;
      },
      (err: unknown) => {
        // Without events the list still fills from `reminders` at each sign-in.
        console.warn('reminders: cannot listen to the app', err);
      },
    );
    return () => {
      stopped = true;
      unlisten?.();
    };
  }

  calendarDay(date: string): Promise<CalendarView> {
    return call('calendar_day', { date });
  }

  calendarWeek(date: string): Promise<CalendarView> {
    return call('calendar_week', { date });
  }

  bookingSlots(service: string, date: string, staff: string | null): Promise<SlotView[]> {
    return call('booking_slots', { service, date, staff });
  }

  servicesForBooking(): Promise<BookableService[]> {
    return call('services_for_booking');
  }

  booking(id: string): Promise<BookingView> {
    return call('booking', { id });
  }

  addBooking(input: BookingInput): Promise<BookingView> {
    return call('add_booking', { input });
  }

  bookingStatus(booking: string, action: BookingAction, note?: string | null, approval?: Approval | null): Promise<BookingView> {
    return call('booking_status', { booking, action, note: note ?? null, ...approved(approval) });
  }

  rescheduleBooking(input: RescheduleInput): Promise<BookingView> {
    return call('reschedule_booking', { input });
  }
}

/** The `approval` argument of a command that may take a manager's (src-tauri/approval.rs). */
function approved(approval: Approval | null | undefined): { approval: Approval | null } {
  return { approval: approval ?? null };
}

/** The event src-tauri/notify.rs emits (`notify::EVENT`). */
const REMINDER_EVENT = 'reminder';

/** True inside the Tauri webview (the IPC bridge is injected before our code runs). */
export function insideTauri(): boolean {
  return typeof window !== 'undefined' && '__TAURI_INTERNALS__' in window;
}
