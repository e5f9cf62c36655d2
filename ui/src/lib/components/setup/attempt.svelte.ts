import type { Approvals } from '../../approval.svelte';
import { BackendError, type Approval } from '../../backend/backend';
import { errorMessage } from '../../i18n.svelte';

/**
 * One form's write to the backend: whether it is on its way, and how it was
 * refused. Every write here may be a manager's: refused with
 * `permission_denied`, it asks for a manager's PIN (`Approvals.run`) and is
 * sent again with it. A refusal about one of the form's `fields` is shown
 * under that field; any other (`permission_denied` when the approval was
 * cancelled, `nothing_to_change`) above the form's buttons.
 */
export class Attempt {
  failure = $state<BackendError | null>(null);
  busy = $state(false);

  constructor(
    private readonly fields: readonly string[],
    private readonly approvals: Approvals,
  ) {}

  /** Runs `call` once at a time; its answer, or null when refused (kept in `failure`). */
  async run<T>(call: (approval: Approval | null) => Promise<T>): Promise<T | null> {
    if (this.busy) return null;
    this.busy = true;
    this.failure = null;
    try {
      return await this.approvals.run(call);
    } catch (err) {
      this.failure = BackendError.from(err);
      return null;
    } finally {
      this.busy = false;
    }
  }

  /** A refusal found before calling (a number that is not one). */
  refuse(code: string, field: string): void {
    this.failure = new BackendError(code, code, field);
  }

  clear(): void {
    this.failure = null;
  }

  /** The translated message for `field`, if the refusal is about it. */
  on(field: string): string | null {
    return this.failure?.field === field ? errorMessage(this.failure) : null;
  }

  /** The translated message for a refusal that is about no field of the form. */
  get general(): string | null {
    const failure = this.failure;
    if (!failure) return null;
    return failure.field !== null && this.fields.includes(failure.field) ? null : errorMessage(failure);
  }
}

/** A whole number typed in a field, or NaN (`12`, not `12.5` or `1e3`). */
export function wholeNumber(text: string): number {
  const trimmed = text.trim();
  return /^-?\d{1,9}$/.test(trimmed) ? Number(trimmed) : NaN;
}
