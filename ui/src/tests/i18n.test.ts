import { describe, expect, test } from 'vitest';
import { ERROR_CODES } from '../lib/backend/backend';
import { dictionary, LOCALES } from '../lib/i18n.svelte';

describe('translation files', () => {
  const reference = Object.keys(dictionary('vi')).sort();

  test.each(LOCALES)('%s has exactly the keys of vi.json', (locale) => {
    expect(Object.keys(dictionary(locale)).sort()).toEqual(reference);
  });

  test.each(LOCALES)('%s has no empty message', (locale) => {
    const empty = Object.entries(dictionary(locale)).filter(([, text]) => text.trim() === '');
    expect(empty).toEqual([]);
  });

  test.each(LOCALES)('%s translates every error code', (locale) => {
    const missing = ERROR_CODES.filter((code) => !(`error.${code}` in dictionary(locale)));
    expect(missing).toEqual([]);
  });
});
