import { afterEach, describe, expect, test, vi } from 'vitest';
import { ERROR_CODES } from '../lib/backend/backend';
import { dictionary, LOCALES } from '../lib/i18n.svelte';

describe('the word catalogue (words/*.json)', () => {
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

  test.each(LOCALES)('%s: every counted message has both forms, one and other', (locale) => {
    const keys = new Set(Object.keys(dictionary(locale)));
    const halves = [...keys].filter((key) => /\.(one|other)$/.test(key));
    const stem = (key: string) => key.replace(/\.(one|other)$/, '');
    const unpaired = halves.filter((key) => !keys.has(`${stem(key)}.one`) || !keys.has(`${stem(key)}.other`));
    expect(unpaired).toEqual([]);
    // A counted message is only ever read through pluralForm(), never bare.
    const bare = halves.map(stem).filter((key) => keys.has(key));
    expect(bare).toEqual([]);
  });

  // English is the language here that inflects: "1 customers" is the bug
  // this guards against. A number followed by a word must come in two forms.
  test('en: a number followed by a noun is a counted message (.one / .other)', () => {
    const numbers = /\{(count|minutes|total)\} [a-z]/;
    // Always 30, the page size; "{remaining} of {total} left" has no noun.
    const alwaysPlural = new Set(['search.countMore', 'paper.sessions_line']);
    const single = Object.entries(dictionary('en'))
      .filter(([key, text]) => numbers.test(text) && !/\.(one|other)$/.test(key) && !alwaysPlural.has(key))
      .map(([key]) => key);
    expect(single).toEqual([]);
  });
});

describe("the document's language", () => {
  afterEach(() => {
    vi.resetModules();
    document.documentElement.lang = 'vi';
  });

  // The page starts as index.html wrote it (lang="vi"); the language saved
  // on this computer is read when the app's modules load, before the first render.
  test.each(LOCALES)('is the saved language (%s) from the start, not only after a switch', async (saved) => {
    document.documentElement.lang = 'vi';
    localStorage.setItem('caredesk.locale', saved);
    vi.resetModules();
    const i18n = await import('../lib/i18n.svelte');
    expect(i18n.locale()).toBe(saved);
    expect(document.documentElement.lang).toBe(saved);
  });

  test('is Vietnamese when nothing was saved', async () => {
    document.documentElement.lang = 'en';
    vi.resetModules();
    const i18n = await import('../lib/i18n.svelte');
    expect(i18n.locale()).toBe('vi');
    expect(document.documentElement.lang).toBe('vi');
  });
});
