// What the sync indicator and the conflicts inbox read: the shell's
// `sync_status` and `conflicts` commands (src-tauri/commands/sync.rs), which
// send `caredesk_store::SyncStatus` and `Conflict` (crates/store/src/sync.rs,
// conflicts.rs) as serde writes them: snake_case fields, timestamps as
// RFC 3339 in UTC ("2026-11-21T08:30:00Z", possibly with fractions of a
// second). Unlike the business's wall-clock times elsewhere, these are
// instants: show them on this computer's clock.

/** Where this counter's sync stands, as the background thread last wrote it. */
export interface SyncStatus {
  paired: boolean;
  /** The server's URL; null until paired. */
  server: string | null;
  /** This counter's device id on the server; null until paired. */
  device: string | null;
  /** Ops made here that the server has not acknowledged. */
  pending: number;
  pushed: number;
  cursor: number;
  /** Whether the last attempt reached the server and finished. */
  online: boolean;
  /** RFC 3339 UTC, or null before the first attempt. */
  last_attempt: string | null;
  last_success: string | null;
  /** Since when every attempt failed; null while sync works. */
  failing_since: string | null;
  /** The last failure, in English (the sync client's message). */
  last_error: string | null;
}

/** `ConflictKind` (serde snake_case), in the order `Store::conflicts` lists them. */
export const CONFLICT_KINDS = [
  'staff_double_booked',
  'room_overbooked',
  'treatment_overused',
  'wallet_overdrawn',
  'duplicate_phone',
  'merged_file_active',
] as const;
export type ConflictKind = (typeof CONFLICT_KINDS)[number];

/** What two counters did offline that one counter would have refused. */
export interface Conflict {
  /** The same on every replica (a UUIDv5 of the kind and `about`). */
  id: string;
  /** A newer backend may send a kind this UI does not know yet. */
  kind: ConflictKind | (string & {});
  /** The entities it is about: the staff member or room then the bookings,
   * a treatment, a customer, customers. */
  about: string[];
  /** English, with names and times, for a manager; the UI words the title from `kind`. */
  detail: string;
}
