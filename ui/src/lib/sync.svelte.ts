import { BackendError, type Backend, type Conflict, type SyncStatus } from './backend/backend';

// What the sync indicator and the conflicts inbox show, read from the backend
// and shared by both, so the inbox lists exactly what the badge counts. The
// sync itself runs in the app's own thread (crates/counter/src/sync.rs); this only
// reads where it stands.

/**
 * How often the status is read: twice per round of the app's sync thread
 * (every 30 s), so the header is at most a quarter of a minute behind it.
 */
export const SYNC_POLL_MS = 15_000;

/** What the indicator says, in order of what matters most. */
export type SyncPhase =
  /** The first read has not answered yet. */
  | 'checking'
  /** The status could not be read, and never was. */
  | 'unknown'
  | 'unpaired'
  /** Paired, but no round has run yet. */
  | 'waiting'
  /** The last round did not reach the server or did not finish. */
  | 'offline'
  /** Online, with changes made here still to send. */
  | 'pending'
  | 'synced';

export function syncPhase(status: SyncStatus | null, readFailed: boolean): SyncPhase {
  if (!status) return readFailed ? 'unknown' : 'checking';
  if (!status.paired) return 'unpaired';
  if (!status.online) return status.last_attempt === null ? 'waiting' : 'offline';
  return status.pending > 0 ? 'pending' : 'synced';
}

/** Since when rounds have failed; the last attempt when the store did not say. */
export function failingSince(status: SyncStatus): string | null {
  return status.failing_since ?? status.last_attempt;
}

export class SyncWatch {
  /** The last status read; kept when a later read fails. */
  status = $state<SyncStatus | null>(null);
  /** The last list read; kept when a later read fails. */
  conflicts = $state<Conflict[] | null>(null);
  /** Why the last read of the status failed; null when it worked. */
  statusError = $state<BackendError | null>(null);
  conflictsError = $state<BackendError | null>(null);
  /** When the backend was last asked: what "2 minutes ago" counts from. */
  readAt = $state(new Date());

  private readonly backend: Backend;
  private asked = 0;
  private applied = 0;

  constructor(backend: Backend) {
    this.backend = backend;
  }

  async refresh(): Promise<void> {
    const mine = ++this.asked;
    const [status, conflicts] = await Promise.allSettled([this.backend.syncStatus(), this.backend.conflicts()]);
    // A focus and a tick can overlap; an older answer arriving late must
    // not replace a newer one.
    if (mine < this.applied) return;
    this.applied = mine;
    this.readAt = new Date();
    if (status.status === 'fulfilled') {
      this.status = status.value;
      this.statusError = null;
    } else {
      this.statusError = BackendError.from(status.reason);
    }
    if (conflicts.status === 'fulfilled') {
      this.conflicts = conflicts.value;
      this.conflictsError = null;
    } else {
      this.conflictsError = BackendError.from(conflicts.reason);
    }
  }

  /**
   * Reads now, every `every` ms, and whenever the window gets the focus back
   * (someone returning to the counter looks at the header first). Returns
   * the function that stops it.
   */
  watch(target: Window = window, every = SYNC_POLL_MS): () => void {
    const read = () => void this.refresh();
    read();
    const timer = setInterval(read, every);
    target.addEventListener('focus', read);
    return () => {
      clearInterval(timer);
      target.removeEventListener('focus', read);
    };
  }
}
