import { getContext, setContext } from 'svelte';
import { BackendError, type Action, type Approval } from './backend/backend';

// A manager's approval on the spot (crates/counter/src/approval.rs). A command the
// person signed in may not make comes back `permission_denied`; `run` then
// asks a manager for their PIN (ApprovalDialog shows `pending`) and sends
// the same command again with it. A wrong PIN, a locked account or someone
// who may not approve asks again; cancelling gives back the first refusal,
// which the screen shows as it would without approvals.

/** What the dialog shows while a manager is asked. */
export interface ApprovalRequest {
  /** What needs approving, when the backend said (`details.action`). */
  action: Action | null;
  /** Who asked: the person signed in. */
  asker: string | null;
  /** Why the last approval was refused (a wrong PIN...), to show in the dialog. */
  failure: BackendError | null;
  answer: (approval: Approval | null) => void;
}

/** Refusals of the approval itself: the dialog asks again rather than give up. */
const ASK_AGAIN = new Set(['wrong_pin', 'account_locked', 'cannot_approve', 'staff_inactive', 'no_pin', 'invalid_pin']);

export class Approvals {
  pending = $state<ApprovalRequest | null>(null);

  /**
   * Runs `command` without an approval, and again with a manager's when the
   * backend refuses it with `permission_denied`.
   */
  async run<T>(command: (approval: Approval | null) => Promise<T>): Promise<T> {
    try {
      return await command(null);
    } catch (err) {
      const refusal = BackendError.from(err);
      if (refusal.code !== 'permission_denied') throw err;
      let failure: BackendError | null = null;
      for (;;) {
        const approval = await this.ask(refusal, failure);
        if (!approval) throw refusal;
        try {
          return await command(approval);
        } catch (again) {
          failure = BackendError.from(again);
          if (!ASK_AGAIN.has(failure.code)) throw again;
        }
      }
    }
  }

  /** Shows the dialog; resolves with the manager's approval, or null when cancelled. */
  private ask(refusal: BackendError, failure: BackendError | null): Promise<Approval | null> {
    const action = refusal.details.action;
    const asker = refusal.details.name;
    return new Promise((resolve) => {
      this.pending = {
        action: typeof action === 'string' ? (action as Action) : null,
        asker: typeof asker === 'string' ? asker : null,
        failure,
        answer: (approval) => {
          this.pending = null;
          resolve(approval);
        },
      };
    });
  }
}

const KEY = Symbol('approvals');

export function provideApprovals(approvals: Approvals): void {
  setContext(KEY, approvals);
}

export function useApprovals(): Approvals {
  const approvals = getContext<Approvals | undefined>(KEY);
  if (!approvals) throw new Error('no approvals: Counter must call provideApprovals()');
  return approvals;
}
