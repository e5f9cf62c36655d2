import { invoke } from '@tauri-apps/api/core';
import { listen } from '@tauri-apps/api/event';
import {
  BackendError,
  type Approval,
  type AuditEntry,
  type AuditLang,
  type AuditQuery,
  type Backend,
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
  type SyncStatus,
} from './backend';
import type { BookingView, Count, DayReport, DrawerView, RegisterDrawer } from './backend';

// Command names and argument keys match the #[tauri::command] functions in
// src-tauri/commands/ (Tauri maps camelCase keys to snake_case parameters).
async function call<T>(command: string, args: Record<string, unknown> = {}): Promise<T> {
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

  conflictBookings(conflict: string): Promise<BookingView[]> {
    return call('conflict_bookings', { conflict });
  }

  cancelBooking(booking: string, note: string): Promise<BookingView> {
    return call('cancel_booking', { booking, note });
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
}

/** The event src-tauri/notify.rs emits (`notify::EVENT`). */
const REMINDER_EVENT = 'reminder';

/** True inside the Tauri webview (the IPC bridge is injected before our code runs). */
export function insideTauri(): boolean {
  return typeof window !== 'undefined' && '__TAURI_INTERNALS__' in window;
}
