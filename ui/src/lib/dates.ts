import { intlTag, locale, translate, type Locale } from './i18n.svelte';

// Dates on the counter's screen, typed and shown, in one form: day, month,
// year, `07/12/2026` for 7 December 2026. The business is in Vietnam or
// Indonesia, where receipts, ID cards and people write the day first; the
// English screen is for the same staff and customers, so it writes dates
// the same way rather than as the United States does. Numeric dates are put
// together here by hand, never by the browser: WebKitGTK's date fields (and
// the ICU data of older systems) follow the computer's locale, often en-US,
// whatever language the screen is in. Only words (weekday names) and the
// time of day come from Intl. Inside the code a day is always ISO 8601,
// `YYYY-MM-DD`, as the backend reads and writes it.

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})/;

/**
 * A date as the counter writes it, `07/12/2026`, from a day (`2026-12-07`)
 * or the wall-clock day of an RFC 3339 string (`2026-12-07T23:30:00+07:00`).
 * `year: false` leaves the year out (`07/12`) where room is scarce. The one
 * function every date on screen goes through.
 */
export function formatDay(day: string, { year = true }: { year?: boolean } = {}): string {
  const match = ISO_DAY.exec(day);
  if (!match) return day;
  const [, y, m, d] = match;
  return year ? `${d}/${m}/${y}` : `${d}/${m}`;
}

/** The day of an instant on this computer's clock, written as `formatDay` writes it. */
export function formatInstantDay(rfc3339: string): string {
  const date = new Date(rfc3339);
  return Number.isNaN(date.getTime()) ? rfc3339 : formatDay(localDay(date));
}

/** Today on this computer, as `YYYY-MM-DD`. */
export function localDay(date: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** A day `n` days from `day` (`YYYY-MM-DD`), by the calendar, not a clock. */
export function addDays(day: string, n: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

/** What the text in a date field is. */
export type DayReading =
  | { kind: 'day'; day: string }
  | { kind: 'empty' }
  /** Not yet a whole date (`07/12/20`), or not a date at all. */
  | { kind: 'incomplete' }
  /** A whole date the calendar does not have (`31/02/2026`, `2026-13-01`). */
  | { kind: 'impossible' };

// Between day, month and year: `07/12/2026`, `7.12.2026`, `07-12-2026`, `07 12 2026`.
const DAY_FIRST = /^(\d{1,2})[/.\- ](\d{1,2})[/.\- ](\d{4})$/;
const DIGITS_ONLY = /^(\d{2})(\d{2})(\d{4})$/;
const YEAR_FIRST = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Reads what was typed in a date field: day first (`07/12/2026`, `7/12/2026`,
 * `7.12.2026`, `07122026`), or ISO 8601 (`2026-12-07`, which a year of four
 * digits first cannot be mistaken for). A date the calendar does not have
 * is impossible, never rolled over into the next month.
 */
export function readDay(text: string): DayReading {
  const typed = text.trim();
  if (typed === '') return { kind: 'empty' };
  const dayFirst = DAY_FIRST.exec(typed) ?? DIGITS_ONLY.exec(typed);
  const yearFirst = YEAR_FIRST.exec(typed);
  let parts: [number, number, number];
  if (dayFirst) parts = [Number(dayFirst[3]), Number(dayFirst[2]), Number(dayFirst[1])];
  else if (yearFirst) parts = [Number(yearFirst[1]), Number(yearFirst[2]), Number(yearFirst[3])];
  else return { kind: 'incomplete' };
  const [y, m, d] = parts;
  if (y < 1 || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return { kind: 'impossible' };
  const pad = (n: number, width: number) => String(n).padStart(width, '0');
  return { kind: 'day', day: `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}` };
}

function daysInMonth(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
}

/**
 * The text of a date field after a key typed at its end. Digits fall into
 * day, month and year (two, two and four at most) once there are more than
 * four of them, so `07122026` reads `07/12/2026`; four or fewer may still be
 * the year of an ISO date (`2026-12-07`) and stay as typed. Dots, dashes and
 * spaces count as slashes, a slash after a whole month comes by itself, and
 * other characters are dropped. Text that starts with a year and a dash is
 * the ISO form, left as it was typed.
 */
export function maskDayTyping(text: string): string {
  if (/^\s*\d{4}-/.test(text)) return text.trim();
  const kept = text.replace(/[^\d/.\- ]/g, '');
  if (/^\d{0,4}$/.test(kept)) return kept;
  const parts = ['', '', ''];
  let at = 0;
  for (const char of kept) {
    if (/\d/.test(char)) {
      if (at < 2 && parts[at]!.length === 2) at += 1;
      if (parts[at]!.length < (at === 2 ? 4 : 2)) parts[at] += char;
    } else if (at < 2 && parts[at] !== '') {
      at += 1;
    }
  }
  const typed = parts.slice(0, at + 1).join('/');
  return at === 1 && parts[1]!.length === 2 ? `${typed}/` : typed;
}

/** The name of the day of the week, `Thứ Hai` / `Thứ 2`, in `lang`. */
function weekdayName(day: string, lang: Locale, width: 'long' | 'short'): string {
  const match = ISO_DAY.exec(day);
  if (!match) return '';
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return new Intl.DateTimeFormat(intlTag(lang), { weekday: width, timeZone: 'UTC' }).format(date);
}

/** A day with its weekday, as the calendar's heading says it: `Thứ Hai, 07/12/2026`. */
export function formatLongDay(day: string, lang: Locale = locale()): string {
  if (!ISO_DAY.test(day)) return day;
  return translate(lang, 'date.weekday', { weekday: weekdayName(day, lang, 'long'), date: formatDay(day) });
}

/** A day of this week, shortly: `Thứ 2, 07/12`, `Mon, 07/12`. */
export function formatShortDay(day: string, lang: Locale = locale()): string {
  if (!ISO_DAY.test(day)) return day;
  return translate(lang, 'date.weekday', { weekday: weekdayName(day, lang, 'short'), date: formatDay(day, { year: false }) });
}

/**
 * Day and time as the business's clock reads them (`09:05 Thứ 2, 07/12`,
 * `Mon, 07/12, 09:05`): the wall-clock part of an RFC 3339 string with
 * offset, whatever zone this computer is set to.
 */
export function formatWallClock(rfc3339: string, lang: Locale = locale()): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(rfc3339);
  if (!match) return rfc3339;
  const [y, mo, d, h, mi] = match.slice(1).map(Number) as [number, number, number, number, number];
  const time = new Intl.DateTimeFormat(intlTag(lang), { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: 'UTC' }).format(
    new Date(Date.UTC(y, mo - 1, d, h, mi)),
  );
  return translate(lang, 'date.at', { date: formatShortDay(rfc3339.slice(0, 10), lang), time });
}

/**
 * An instant on this computer's clock: `10:42` on the day of `now`, else
 * with the date (`10:42 20/11/2026`, `20/11/2026, 10:42`). `short` leaves
 * out the year of `now` (`10:42 20/11`), where room is scarce. For UTC
 * instants (sync times); the business's wall-clock strings use
 * `formatClock` and `formatWallClock`.
 */
export function formatMoment(
  rfc3339: string,
  now: Date,
  { short = false, lang = locale() }: { short?: boolean; lang?: Locale } = {},
): string {
  const date = new Date(rfc3339);
  if (Number.isNaN(date.getTime())) return rfc3339;
  const time = new Intl.DateTimeFormat(intlTag(lang), { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(date);
  const day = localDay(date);
  if (day === localDay(now)) return time;
  const year = !short || date.getFullYear() !== now.getFullYear();
  return translate(lang, 'date.at', { date: formatDay(day, { year }), time });
}
