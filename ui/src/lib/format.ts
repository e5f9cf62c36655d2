/** Whole đồng / rupiah with the locale's grouping; no decimals exist in these currencies. */
export function formatAmount(amount: number, intlTag: string, currency?: string): string {
  const number = new Intl.NumberFormat(intlTag, { maximumFractionDigits: 0 }).format(amount);
  return currency ? `${number} ${currency}` : number;
}

/** Initials for the avatar: first letters of the first and last word. */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const first = words[0]?.[0] ?? '';
  const last = words.length > 1 ? (words[words.length - 1]?.[0] ?? '') : '';
  return (first + last).toUpperCase();
}

/**
 * The wall-clock time written in an RFC 3339 string, `14:05`. The backend
 * writes times in the business's zone, which is the time on the counter's
 * wall even if the computer is set to another zone.
 */
export function formatClock(rfc3339: string): string {
  const match = /T(\d{2}):(\d{2})/.exec(rfc3339);
  return match ? `${match[1]}:${match[2]}` : rfc3339;
}

/**
 * How long ago an instant was, in words: `2 phút trước`, `3 hours ago`,
 * `4 hari yang lalu`. Null under a minute, because "just now" is worded
 * differently in each sentence that uses it. A time slightly ahead of
 * `now` (another computer's clock) counts as just now.
 */
export function formatAgo(rfc3339: string, now: Date, intlTag: string): string | null {
  const then = new Date(rfc3339).getTime();
  if (Number.isNaN(then)) return rfc3339;
  const minutes = Math.floor((now.getTime() - then) / 60_000);
  if (minutes < 1) return null;
  const words = new Intl.RelativeTimeFormat(intlTag, { numeric: 'always' });
  if (minutes < 60) return words.format(-minutes, 'minute');
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return words.format(-hours, 'hour');
  return words.format(-Math.floor(hours / 24), 'day');
}

/**
 * Money as a receipt writes it, in every language of the UI, the way the
 * store's `Money` does in its sentences: `1.250.000 ₫`, `Rp1.250.000`.
 * Whole units only: đồng and rupiah have none smaller in use.
 */
export function formatMoney(amount: number, currency: string = 'VND'): string {
  const digits = String(Math.abs(Math.trunc(amount))).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  const sign = amount < 0 ? '-' : '';
  return currency === 'IDR' ? `${sign}Rp${digits}` : `${sign}${digits} ₫`;
}

/** A rate in basis points as a percentage: `800` → `8 %`, `1250` → `12,5 %` (in vi and id). */
export function formatPercent(basisPoints: number, intlTag: string): string {
  const number = new Intl.NumberFormat(intlTag, { maximumFractionDigits: 2 }).format(basisPoints / 100);
  return `${number} %`;
}
