import type { Source } from './bindings/Source';
import type { CreditView } from './bindings/CreditView';
import type { EntryView } from './bindings/EntryView';
import type { Staff, WalletView } from './backend';
import { localRfc3339 } from './web-staff';

// The fake's wallets, one per customer, shared by the till (a top-up or a
// wallet payment at checkout) and the wallet screen (deposits, credit, a
// manager's adjustment), so what one writes the other shows. Like
// `domain::wallet`, every entry records the balances around it, credit is
// spent soonest expiry first, and a credit counts for nothing from its
// expiry on. The callers check amounts and permissions before writing.

const DEVICE = '0190d5a0-0000-7000-8000-00000000d0c0';

/** The most one entry may move (`wallet::MAX_ENTRY`). */
export const MAX_ENTRY = 1_000_000_000_000;
/** How long credit lasts unless the counter says otherwise (`wallet::DEFAULT_CREDIT_DAYS`). */
export const DEFAULT_CREDIT_DAYS = 15;
export const MAX_CREDIT_DAYS = 3_660;

interface Credit extends CreditView {
  issued: number;
}

interface Wallet {
  real: number;
  credits: Credit[];
  entries: EntryView[];
}

export class WalletBook {
  private readonly wallets = new Map<string, Wallet>();
  private ids = 0;

  constructor(private readonly now: () => Date) {}

  /** The customer's wallet as the 360 and the statement show it. */
  view(customer: string): WalletView {
    const wallet = this.wallets.get(customer);
    if (!wallet) {
      return { customer, currency: 'VND', balance: 0, virtual: 0, available: 0, credits: [], entries: [] };
    }
    const now = this.now();
    const available = this.available(customer, now);
    const credits = wallet.credits
      .map((c) => creditView(c, now))
      .sort((a, b) => Number(b.status === 'ACTIVE') - Number(a.status === 'ACTIVE') || a.expires_at.localeCompare(b.expires_at));
    return {
      customer,
      currency: 'VND',
      balance: wallet.real,
      virtual: available - wallet.real,
      available,
      credits,
      entries: structuredClone(wallet.entries),
    };
  }

  /** Real money and live credit at `now`. */
  available(customer: string, now: Date): number {
    const wallet = this.wallets.get(customer);
    if (!wallet) return 0;
    return wallet.real + wallet.credits.reduce((a, c) => a + creditView(c, now).remaining, 0);
  }

  real(customer: string): number {
    return this.wallets.get(customer)?.real ?? 0;
  }

  deposit(customer: string, amount: number, source: Source, by: Staff, reference = '', note = ''): void {
    const wallet = this.walletOf(customer);
    const head = this.head(customer, by);
    wallet.entries.push({ ...head, real_after: wallet.real + amount, change: 'deposited', amount, source, reference, note });
    wallet.real += amount;
  }

  /** A manager's correction of the real balance: negative takes money out. */
  adjust(customer: string, amount: number, note: string, by: Staff): void {
    const wallet = this.walletOf(customer);
    const head = this.head(customer, by);
    wallet.entries.push({ ...head, real_after: wallet.real + amount, change: 'adjusted', amount, note });
    wallet.real += amount;
  }

  /**
   * Virtual credit valid `days` counting today: gone at the start of the day
   * after the last one (this computer's midnight stands in for the business's).
   */
  credit(customer: string, amount: number, days: number, by: Staff, note: string, reference = ''): CreditView {
    const wallet = this.walletOf(customer);
    const now = this.now();
    const expires = new Date(now.getFullYear(), now.getMonth(), now.getDate() + days);
    this.ids += 1;
    const credit: Credit = {
      id: `0190d5a0-0000-7000-c4ed-${this.ids.toString(16).padStart(12, '0')}`,
      amount,
      used: 0,
      remaining: amount,
      expires_at: localRfc3339(expires),
      status: 'ACTIVE',
      issued: wallet.credits.length,
    };
    const head = this.head(customer, by);
    wallet.entries.push({
      ...head,
      virtual_after: head.virtual_before + amount,
      change: 'credit_issued',
      credit: credit.id,
      amount,
      expires_at: credit.expires_at,
      reference,
      note,
    });
    wallet.credits.push(credit);
    return creditView(credit, now);
  }

  /** Takes live credit expiring soonest first, then real money; returns what credit paid. */
  spend(customer: string, amount: number, reference: string, by: Staff): number {
    const wallet = this.walletOf(customer);
    const now = this.now();
    const head = this.head(customer, by);
    let left = amount;
    const used: Array<[string, number]> = [];
    const alive = wallet.credits
      .filter((c) => creditView(c, now).remaining > 0)
      .sort((a, b) => a.expires_at.localeCompare(b.expires_at) || a.issued - b.issued);
    for (const credit of alive) {
      const take = Math.min(left, credit.amount - credit.used);
      if (take <= 0) continue;
      credit.used += take;
      used.push([credit.id, take]);
      left -= take;
    }
    const fromVirtual = amount - left;
    wallet.entries.push({
      ...head,
      real_after: wallet.real - left,
      virtual_after: head.virtual_before - fromVirtual,
      change: 'spent',
      amount,
      from_virtual: fromVirtual,
      from_real: left,
      credits: used,
      reference,
      note: '',
    });
    wallet.real -= left;
    return fromVirtual;
  }

  private walletOf(customer: string): Wallet {
    let wallet = this.wallets.get(customer);
    if (!wallet) {
      wallet = { real: 0, credits: [], entries: [] };
      this.wallets.set(customer, wallet);
    }
    return wallet;
  }

  /** Who, when, and the balances before the entry (and after, until the entry says otherwise). */
  private head(customer: string, by: Staff) {
    const now = this.now();
    const real = this.real(customer);
    const virtual = this.available(customer, now) - real;
    return {
      at: localRfc3339(now),
      by: by.id,
      by_name: by.name,
      device: DEVICE,
      real_before: real,
      real_after: real,
      virtual_before: virtual,
      virtual_after: virtual,
    };
  }
}

function creditView(credit: Credit, now: Date): CreditView {
  const expired = Date.parse(credit.expires_at) <= now.getTime();
  const left = credit.amount - credit.used;
  return {
    id: credit.id,
    amount: credit.amount,
    used: credit.used,
    remaining: expired ? 0 : left,
    expires_at: credit.expires_at,
    status: expired ? 'EXPIRED' : left === 0 ? 'USED' : 'ACTIVE',
  };
}
