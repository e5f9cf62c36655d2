import { describe, expect, test } from 'vitest';
import {
  addDays,
  formatDay,
  formatInstantDay,
  formatLongDay,
  formatMoment,
  formatShortDay,
  formatWallClock,
  localDay,
  maskDayTyping,
  readDay,
} from '../lib/dates';
import { LOCALES } from '../lib/i18n.svelte';

// Dates as the business writes them, day first, in every language of the
// screen: 7 December 2026 is 07/12/2026, never 12/07/2026. Nothing here
// reads today's date: every moment is pinned.
// Tests run on a Vietnamese clock (vite.config.ts: TZ=Asia/Ho_Chi_Minh):
// 07:30 UTC is 14:30 at the counter.
const NOW = new Date('2026-11-21T07:30:00Z');

describe('formatDay: the one way a date is written', () => {
  test('day, month, year: the same in vi, en and id', () => {
    expect(formatDay('2026-12-07')).toBe('07/12/2026');
    expect(formatDay('2026-01-31')).toBe('31/01/2026');
  });

  test("the wall-clock day of an RFC 3339 string, not this computer's", () => {
    // 23:30 in Vietnam is already the 8th in UTC+8 and still the 7th in UTC.
    expect(formatDay('2026-12-07T23:30:00+07:00')).toBe('07/12/2026');
  });

  test('without the year where room is scarce', () => {
    expect(formatDay('2026-12-07', { year: false })).toBe('07/12');
  });

  test('text that is not a date comes back as it was', () => {
    expect(formatDay('')).toBe('');
    expect(formatDay('soon')).toBe('soon');
  });

  test("an instant's day on this computer's clock", () => {
    // 18:00 UTC on the 20th is 01:00 on the 21st in Vietnam.
    expect(formatInstantDay('2026-11-20T18:00:00Z')).toBe('21/11/2026');
    expect(formatInstantDay('nope')).toBe('nope');
  });
});

describe('readDay: what a receptionist types', () => {
  test('dd/mm/yyyy is the 7th of December, not the 12th of July', () => {
    expect(readDay('07/12/2026')).toEqual({ kind: 'day', day: '2026-12-07' });
  });

  test('one-digit days and months, other separators, digits alone, and ISO', () => {
    expect(readDay('7/12/2026')).toEqual({ kind: 'day', day: '2026-12-07' });
    expect(readDay('7.12.2026')).toEqual({ kind: 'day', day: '2026-12-07' });
    expect(readDay(' 07-12-2026 ')).toEqual({ kind: 'day', day: '2026-12-07' });
    expect(readDay('07122026')).toEqual({ kind: 'day', day: '2026-12-07' });
    expect(readDay('2026-12-07')).toEqual({ kind: 'day', day: '2026-12-07' });
  });

  test('29 February only in a leap year', () => {
    expect(readDay('29/02/2028')).toEqual({ kind: 'day', day: '2028-02-29' });
    expect(readDay('29/02/2026')).toEqual({ kind: 'impossible' });
    expect(readDay('29/02/2100')).toEqual({ kind: 'impossible' });
    expect(readDay('29/02/2000')).toEqual({ kind: 'day', day: '2000-02-29' });
  });

  test('days that do not exist are refused, not rolled over', () => {
    expect(readDay('31/02/2026')).toEqual({ kind: 'impossible' });
    expect(readDay('31/04/2026')).toEqual({ kind: 'impossible' });
    expect(readDay('00/12/2026')).toEqual({ kind: 'impossible' });
    expect(readDay('12/13/2026')).toEqual({ kind: 'impossible' });
    expect(readDay('2026-13-01')).toEqual({ kind: 'impossible' });
    expect(readDay('2026-02-30')).toEqual({ kind: 'impossible' });
    expect(readDay('01/01/0000')).toEqual({ kind: 'impossible' });
  });

  test('what is not yet a whole date is incomplete; nothing at all is empty', () => {
    for (const text of ['0', '07/', '07/12', '07/12/', '07/12/202', '07/12/26', '2026-12-7', 'hôm nay']) {
      expect(readDay(text), text).toEqual({ kind: 'incomplete' });
    }
    expect(readDay('')).toEqual({ kind: 'empty' });
    expect(readDay('   ')).toEqual({ kind: 'empty' });
  });
});

describe('maskDayTyping: the slashes come by themselves', () => {
  test('after the day and the month, once the digits cannot be a year', () => {
    expect(maskDayTyping('0')).toBe('0');
    expect(maskDayTyping('07')).toBe('07');
    expect(maskDayTyping('0712')).toBe('0712');
    expect(maskDayTyping('07122')).toBe('07/12/2');
    expect(maskDayTyping('07122026')).toBe('07/12/2026');
    expect(maskDayTyping('071220261')).toBe('07/12/2026');
  });

  test('typed slashes: one after a whole month comes by itself; a longer year is cut', () => {
    expect(maskDayTyping('07/')).toBe('07/');
    expect(maskDayTyping('07/1')).toBe('07/1');
    expect(maskDayTyping('07/12')).toBe('07/12/');
    expect(maskDayTyping('07/12/2026')).toBe('07/12/2026');
    expect(maskDayTyping('07/12/20261')).toBe('07/12/2026');
    expect(maskDayTyping('071/')).toBe('07/1/');
  });

  test('a one-digit day or month typed with its own slash stays as typed', () => {
    expect(maskDayTyping('7/')).toBe('7/');
    expect(maskDayTyping('7/12')).toBe('7/12/');
    expect(maskDayTyping('7/1/')).toBe('7/1/');
    expect(maskDayTyping('7//')).toBe('7/');
  });

  test('dots, dashes and spaces become slashes; letters are dropped', () => {
    expect(maskDayTyping('07.12.2026')).toBe('07/12/2026');
    expect(maskDayTyping('07 12')).toBe('07/12/');
    expect(maskDayTyping('07a')).toBe('07');
  });

  test('a year first is the ISO form, left as typed', () => {
    expect(maskDayTyping('2026')).toBe('2026');
    expect(maskDayTyping('2026-')).toBe('2026-');
    expect(maskDayTyping('2026-12-07')).toBe('2026-12-07');
    expect(maskDayTyping('2026-13-01')).toBe('2026-13-01');
  });
});

describe('days around a date', () => {
  test('by the calendar, not a clock', () => {
    expect(addDays('2026-11-30', 1)).toBe('2026-12-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
  });

  test("today on this computer's clock", () => {
    expect(localDay(NOW)).toBe('2026-11-21');
    expect(localDay(new Date('2026-11-20T18:00:00Z'))).toBe('2026-11-21');
  });
});

describe('dates with their weekday', () => {
  test('long: the calendar heading, day first in each language', () => {
    expect(formatLongDay('2026-12-07', 'vi')).toBe('Thứ Hai, 07/12/2026');
    expect(formatLongDay('2026-12-07', 'en')).toBe('Monday, 07/12/2026');
    expect(formatLongDay('2026-12-07', 'id')).toBe('Senin, 07/12/2026');
  });

  test("short: a week's column heading, without the year", () => {
    expect(formatShortDay('2026-12-07', 'vi')).toBe('Thứ 2, 07/12');
    expect(formatShortDay('2026-12-07', 'en')).toBe('Mon, 07/12');
    expect(formatShortDay('2026-12-07', 'id')).toBe('Sen, 07/12');
  });

  test("the business's wall clock: day and time, whatever this computer's zone", () => {
    expect(formatWallClock('2026-12-07T09:05:00+07:00', 'vi')).toBe('09:05 Thứ 2, 07/12');
    expect(formatWallClock('2026-12-07T09:05:00+07:00', 'en')).toBe('Mon, 07/12, 09:05');
    expect(formatWallClock('2026-12-07T09:05:00+07:00', 'id')).toBe('Sen, 07/12, 09.05');
    expect(formatWallClock('later', 'vi')).toBe('later');
  });

  test('no language writes the month first', () => {
    for (const lang of LOCALES) {
      expect(formatLongDay('2026-12-07', lang)).toContain('07/12/2026');
      expect(formatWallClock('2026-12-07T09:05:00+07:00', lang)).toContain('07/12');
    }
  });
});

describe('formatMoment', () => {
  test("today's instants show the counter's clock time, in the language's form", () => {
    expect(formatMoment('2026-11-21T03:42:00Z', NOW, { lang: 'vi' })).toBe('10:42');
    expect(formatMoment('2026-11-21T03:42:00Z', NOW, { lang: 'en' })).toBe('10:42');
    expect(formatMoment('2026-11-21T03:42:00Z', NOW, { lang: 'id' })).toBe('10.42');
  });

  test("the local day decides, not UTC's", () => {
    // 18:00 UTC on the 20th is 01:00 on the 21st in Vietnam: today.
    expect(formatMoment('2026-11-20T18:00:00Z', NOW, { lang: 'vi' })).toBe('01:00');
  });

  test('other days carry the date, day first', () => {
    expect(formatMoment('2026-11-20T03:42:00Z', NOW, { lang: 'vi' })).toBe('10:42 20/11/2026');
    expect(formatMoment('2026-11-20T03:42:00Z', NOW, { lang: 'en' })).toBe('20/11/2026, 10:42');
    expect(formatMoment('2026-11-20T03:42:00Z', NOW, { lang: 'id' })).toBe('20/11/2026, 10.42');
  });

  test('short: the date without the year of now', () => {
    expect(formatMoment('2026-11-20T03:42:00Z', NOW, { lang: 'vi', short: true })).toBe('10:42 20/11');
    expect(formatMoment('2026-11-20T03:42:00Z', NOW, { lang: 'en', short: true })).toBe('20/11, 10:42');
    expect(formatMoment('2026-11-20T03:42:00Z', NOW, { lang: 'id', short: true })).toBe('20/11, 10.42');
    expect(formatMoment('2026-11-21T03:42:00Z', NOW, { lang: 'vi', short: true })).toBe('10:42');
    // Another year keeps it.
    expect(formatMoment('2025-12-31T03:42:00Z', NOW, { lang: 'en', short: true })).toBe('31/12/2025, 10:42');
  });

  test('text that is not a time comes back as it was', () => {
    expect(formatMoment('never', NOW, { lang: 'vi' })).toBe('never');
  });
});
