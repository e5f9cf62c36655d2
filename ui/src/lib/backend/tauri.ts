import { invoke } from '@tauri-apps/api/core';
import {
  BackendError,
  type Backend,
  type Customer,
  type Customer360,
  type CustomerHit,
  type NewCustomerInput,
} from './backend';

// Command names and argument keys match the #[tauri::command] functions in
// src-tauri/commands.rs (Tauri maps camelCase keys to snake_case parameters).
async function call<T>(command: string, args: Record<string, unknown>): Promise<T> {
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
}

/** True inside the Tauri webview (the IPC bridge is injected before our code runs). */
export function insideTauri(): boolean {
  return typeof window !== 'undefined' && '__TAURI_INTERNALS__' in window;
}
