// The one door between the UI and the Rust store. Components only see this
// interface, so the same screens run inside Tauri (tauri.ts) and in a plain
// browser or a test against an in-memory fake (web.ts).

/** Error codes the backend reports. Keep in step with `StoreError::code()`. */
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
  'not_a_caredesk_database',
  'database_too_new',
  'corrupt',
  'storage',
  // The shell's own (src-tauri/transport.rs).
  'invalid_id',
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
}

/** A rejected command. `code` may be one the UI does not know yet. */
export class BackendError extends Error {
  readonly code: ErrorCode | (string & {});
  readonly field: string | null;

  constructor(code: string, message: string, field: string | null = null) {
    super(message);
    this.name = 'BackendError';
    this.code = code;
    this.field = field;
  }

  static from(err: unknown): BackendError {
    if (err instanceof BackendError) return err;
    if (isIpcError(err)) return new BackendError(err.code, err.message, err.field ?? null);
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
  matched?: 'code' | 'phone' | 'name';
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
export interface WalletSummary {
  balance: number;
  virtual?: number;
  currency?: string;
}

export interface Listed {
  id: string;
  name?: string;
  code?: string;
  status?: string;
}

export interface Customer360 {
  customer: Customer;
  wallet: WalletSummary | null;
  treatments: Listed[] | null;
  bookings: Listed[] | null;
  tickets: Listed[] | null;
}

export interface NewCustomerInput {
  name: string;
  phone: string;
  email: string | null;
  address: string | null;
}

export interface Backend {
  findCustomers(query: string, limit: number): Promise<CustomerHit[]>;
  customer360(id: string): Promise<Customer360>;
  addCustomer(input: NewCustomerInput): Promise<Customer>;
}
