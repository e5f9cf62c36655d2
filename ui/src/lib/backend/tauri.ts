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
} from './backend';

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

  walletStatement(customer: string): Promise<WalletView> {
    return call('wallet_statement', { customer });
  }

  depositWallet(input: DepositInput): Promise<WalletView> {
    return call('deposit_wallet', { input });
  }

  issueCredit(input: CreditInput): Promise<WalletView> {
    return call('issue_credit', { input });
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
