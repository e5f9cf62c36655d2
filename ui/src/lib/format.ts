/**
 * A date as the counter writes it: `18/11/2024` in all three locales (the
 * day-first numeric form receipts and ID cards use in Vietnam and Indonesia).
 */
export function formatDate(rfc3339: string, intlTag: string): string {
  const date = new Date(rfc3339);
  if (Number.isNaN(date.getTime())) return rfc3339;
  return new Intl.DateTimeFormat(intlTag, { day: '2-digit', month: '2-digit', year: 'numeric' }).format(date);
}

/** Day and time as the business's clock reads them: the wall-clock part of
 * an RFC 3339 string with offset, whatever zone this computer is set to. */
export function formatWallClock(rfc3339: string, intlTag: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(rfc3339);
  if (!match) return rfc3339;
  const [y, mo, d, h, mi] = match.slice(1).map(Number) as [number, number, number, number, number];
  const wall = new Date(Date.UTC(y, mo - 1, d, h, mi));
  return new Intl.DateTimeFormat(intlTag, {
    weekday: 'short',
    day: '2-digit',
    month: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone: 'UTC',
  }).format(wall);
}

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

/** Today on this computer, as `YYYY-MM-DD` (what a date input holds). */
export function localDay(date: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** The wall-clock day written in an RFC 3339 string, `18/11/2024`. */
export function formatWallDate(rfc3339: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(rfc3339);
  return match ? `${match[3]}/${match[2]}/${match[1]}` : rfc3339;
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
 * An instant on this computer's clock: `10:42` on the day of `now`, else
 * with the date in the locale's order (`10:42 20/11/2026`, `20/11/2026, 10:42`).
 * `short` leaves out the year of `now` (`10:42 20/11`), where room is scarce.
 * For UTC instants (sync times); the business's wall-clock strings use
 * `formatClock` and `formatWallClock`.
 */
export function formatMoment(rfc3339: string, now: Date, intlTag: string, { short = false } = {}): string {
  const date = new Date(rfc3339);
  if (Number.isNaN(date.getTime())) return rfc3339;
  const time = { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' } as const;
  const sameDay = localDay(date) === localDay(now);
  const options: Intl.DateTimeFormatOptions = sameDay
    ? time
    : { ...time, day: '2-digit', month: '2-digit', year: 'numeric' };
  const format = new Intl.DateTimeFormat(intlTag, options);
  if (!short || sameDay || date.getFullYear() !== now.getFullYear()) return format.format(date);
  // Without the year, and the separator that joined it to the date. Not a
  // format without `year`, which changes the separators (`20-11` in vi-VN).
  const parts = format.formatToParts(date);
  const year = parts.findIndex((part) => part.type === 'year');
  const joint = year > 0 && parts[year - 1]?.type === 'literal' ? year - 1 : year + 1;
  return parts
    .filter((_, index) => index !== year && !(index === joint && parts[joint]?.type === 'literal'))
    .map((part) => part.value)
    .join('');
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
