import { BackendError, roleMay, type Action, type Approval, type Role, type Staff } from './backend';

// The fake's staff accounts and sign-in, close to crates/store/src/access.rs:
// PINs are checked per person, the fifth wrong PIN in a row locks the account
// for five minutes (even the right PIN is refused meanwhile), a right PIN
// resets the count, and inactive or PIN-less accounts cannot sign in. PINs
// are kept in clear: this is a test double, never a store.

export const MAX_PIN_FAILURES = 5;
export const PIN_LOCKOUT_MS = 5 * 60_000;

export interface SeedStaff {
  name: string;
  role: Role;
  pin: string | null;
  active?: boolean;
}

/** The same people and PINs as the desktop app's first start (src-tauri/database.rs). */
export const DEMO_STAFF: readonly SeedStaff[] = [
  { name: 'Hoa', role: 'owner', pin: '1234' },
  { name: 'Tuấn', role: 'manager', pin: '3333' },
  { name: 'Lan', role: 'receptionist', pin: '1111' },
  { name: 'Minh', role: 'therapist', pin: '2222' },
];

interface Account extends Staff {
  pin: string | null;
  active: boolean;
  failures: number;
  lockedUntil: number | null;
}

export class StaffDesk {
  private readonly accounts: Account[];
  private signedIn: string | null = null;

  constructor(
    seed: readonly SeedStaff[],
    private readonly now: () => Date,
  ) {
    this.accounts = seed.map((s, i) => ({
      id: `0190d5a0-0000-7000-b000-${String(i + 1).padStart(12, '0')}`,
      name: s.name,
      role: s.role,
      has_pin: s.pin !== null,
      pin: s.pin,
      active: s.active ?? true,
      failures: 0,
      lockedUntil: null,
    }));
  }

  /** Active staff by name, as the store lists them. */
  list(): Staff[] {
    return this.accounts
      .filter((a) => a.active)
      .sort((a, b) => a.name.localeCompare(b.name, 'vi'))
      .map(card);
  }

  /** Everyone, active or not, by name: the Settings tab's list (web-setup.ts). */
  everyone(): Array<Staff & { active: boolean }> {
    return [...this.accounts]
      .sort((a, b) => a.name.localeCompare(b.name, 'vi'))
      .map((a) => ({ ...card(a), active: a.active }));
  }

  /** A new account; the caller has checked the name, role and PIN as the store does. */
  add(name: string, role: Role, pin: string | null): Staff {
    const account: Account = {
      id: `0190d5a0-0000-7000-b000-${String(this.accounts.length + 1).padStart(12, '0')}`,
      name,
      role,
      has_pin: pin !== null,
      pin,
      active: true,
      failures: 0,
      lockedUntil: null,
    };
    this.accounts.push(account);
    return card(account);
  }

  /** Changes an account as a manager's command does (`role`, a new `pin`, `active`). */
  update(id: string, change: { role?: Role; pin?: string; active?: boolean }): void {
    const account = this.accounts.find((a) => a.id === id);
    if (!account) return;
    if (change.role !== undefined) account.role = change.role;
    if (change.active !== undefined) account.active = change.active;
    if (change.pin !== undefined) {
      account.pin = change.pin;
      account.has_pin = true;
      account.failures = 0;
      account.lockedUntil = null;
    }
  }

  byName(name: string): Staff | undefined {
    const account = this.accounts.find((a) => a.name === name);
    return account && card(account);
  }

  nameOf(id: string): string {
    return this.accounts.find((a) => a.id === id)?.name ?? '(?)';
  }

  signIn(id: string, pin: string): Staff {
    // Someone new is at the keyboard: whoever was signed in is not any more.
    this.signedIn = null;
    const staff = this.checkPin(id, pin);
    this.signedIn = staff.id;
    return staff;
  }

  /**
   * Who acts, and who approved (`Session::acting_approved`): an approval's
   * PIN is checked first, and a wrong one counts towards that manager's
   * lockout whether or not the command needed it.
   */
  authority(approval?: Approval | null): Authority {
    const actor = this.actor();
    const approver = approval ? this.checkPin(approval.manager, approval.pin) : null;
    return { actor, approver };
  }

  /** Checks `id`'s PIN with the store's lockout (`Store::check_pin`), signing nobody in. */
  private checkPin(id: string, pin: string): Staff {
    const account = this.accounts.find((a) => a.id === id);
    if (!account) throw new BackendError('not_found', `no staff member "${id}": expected a staff id or name`);
    const name = account.name;
    if (!account.active) throw new BackendError('staff_inactive', `${name} is no longer active`, null, { name });
    const now = this.now().getTime();
    if (account.lockedUntil !== null && account.lockedUntil > now) throw locked(account);
    if (account.pin === null) {
      throw new BackendError('no_pin', `${name} has no PIN yet: a manager sets one with \`caredesk staff pin\``, null, {
        name,
      });
    }
    if (pin === account.pin) {
      account.failures = 0;
      account.lockedUntil = null;
      return card(account);
    }
    // A lock that has run out starts a fresh count.
    account.failures = account.lockedUntil !== null ? 1 : account.failures + 1;
    account.lockedUntil = account.failures >= MAX_PIN_FAILURES ? now + PIN_LOCKOUT_MS : null;
    if (account.lockedUntil !== null) throw locked(account);
    const left = MAX_PIN_FAILURES - account.failures;
    throw new BackendError('wrong_pin', `wrong PIN for ${name}: ${left} attempts left before the account locks`, null, {
      name,
      attempts_left: left,
    });
  }

  signOut(): void {
    this.signedIn = null;
  }

  current(): Staff | null {
    const account = this.accounts.find((a) => a.id === this.signedIn && a.active);
    return account ? card(account) : null;
  }

  /** The person signed in, for a command; `signed_out` when nobody is. */
  actor(): Staff {
    const staff = this.current();
    if (!staff) {
      throw new BackendError('signed_out', 'nobody is signed in at this counter: sign in with your PIN first');
    }
    return staff;
  }
}

/** The person acting and the manager who approved, if one did. */
export interface Authority {
  actor: Staff;
  approver: Staff | null;
}

/**
 * The store's `authorize`: the actor's role may do `action`, or the approver's
 * may; else `permission_denied` (nobody approved) or `cannot_approve`.
 * Answers with whose authority it is (who may appoint whom, for staff).
 */
export function authorize({ actor, approver }: Authority, action: Action): Staff {
  if (roleMay(actor.role, action)) return actor;
  if (!approver) {
    throw new BackendError(
      'permission_denied',
      `${actor.name} (${actor.role}) may not ${action} without a manager's approval`,
      null,
      { name: actor.name, action },
    );
  }
  if (!roleMay(approver.role, action)) {
    throw new BackendError('cannot_approve', `${approver.name} (${approver.role}) may not approve ${action}`, null, {
      name: approver.name,
      action,
    });
  }
  return approver;
}

function card(account: Account): Staff {
  return { id: account.id, name: account.name, role: account.role, has_pin: account.has_pin };
}

function locked(account: Account): BackendError {
  const until = localRfc3339(new Date(account.lockedUntil ?? 0));
  return new BackendError(
    'account_locked',
    `${account.name}'s account is locked after repeated wrong PINs until ${until}`,
    null,
    { name: account.name, until },
  );
}

/** RFC 3339 with this machine's offset, the way the store writes the business's local time. */
export function localRfc3339(date: Date): string {
  const pad = (n: number, width = 2) => String(Math.abs(n)).padStart(width, '0');
  const offset = -date.getTimezoneOffset();
  const sign = offset >= 0 ? '+' : '-';
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}` +
    `T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}` +
    `${sign}${pad(Math.trunc(offset / 60))}:${pad(offset % 60)}`
  );
}
