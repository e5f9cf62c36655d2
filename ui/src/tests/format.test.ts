import { describe, expect, test } from 'vitest';
import { formatAgo, formatMoney, formatPercent } from '../lib/format';

// Tests run on a Vietnamese clock (vite.config.ts: TZ=Asia/Ho_Chi_Minh):
// 07:30 UTC is 14:30 at the counter.
const NOW = new Date('2026-11-21T07:30:00Z');

describe('formatAgo', () => {
  test('minutes, hours and days ago in each language', () => {
    expect(formatAgo('2026-11-21T07:28:00Z', NOW, 'vi-VN')).toBe('2 phút trước');
    expect(formatAgo('2026-11-21T07:29:00Z', NOW, 'en-GB')).toBe('1 minute ago');
    expect(formatAgo('2026-11-21T07:28:00Z', NOW, 'en-GB')).toBe('2 minutes ago');
    expect(formatAgo('2026-11-21T04:00:00Z', NOW, 'vi-VN')).toBe('3 giờ trước');
    expect(formatAgo('2026-11-19T07:00:00Z', NOW, 'id-ID')).toBe('2 hari yang lalu');
    // A day, not "yesterday": the numbers read the same in every sentence.
    expect(formatAgo('2026-11-20T07:00:00Z', NOW, 'vi-VN')).toBe('1 ngày trước');
  });

  test('under a minute, and a clock slightly ahead, is left to the sentence', () => {
    expect(formatAgo('2026-11-21T07:29:01Z', NOW, 'vi-VN')).toBeNull();
    expect(formatAgo('2026-11-21T07:30:20Z', NOW, 'vi-VN')).toBeNull();
  });

  test('reads the fractions of a second jiff may write', () => {
    expect(formatAgo('2026-11-21T07:25:00.123Z', NOW, 'en-GB')).toBe('4 minutes ago');
  });

  test('text that is not a time comes back as it was', () => {
    expect(formatAgo('soon', NOW, 'vi-VN')).toBe('soon');
  });
});

describe('formatMoney', () => {
  test("as the store's Money writes it, whatever the UI's language", () => {
    expect(formatMoney(1_250_000)).toBe('1.250.000 ₫');
    expect(formatMoney(0, 'VND')).toBe('0 ₫');
    expect(formatMoney(-50_000, 'VND')).toBe('-50.000 ₫');
    expect(formatMoney(1_250_000, 'IDR')).toBe('Rp1.250.000');
  });

  test('rates in basis points read as percentages in the language', () => {
    expect(formatPercent(800, 'vi-VN')).toBe('8 %');
    expect(formatPercent(1_250, 'vi-VN')).toBe('12,5 %');
    expect(formatPercent(1_250, 'en-GB')).toBe('12.5 %');
  });
});
