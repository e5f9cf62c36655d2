import en from '../../../words/en.json';
import id from '../../../words/id.json';
import vi from '../../../words/vi.json';
import { BackendError, type ErrorDetails } from './backend/backend';
import { formatClock } from './format';

/** Every message key. Vietnamese is the reference: the other files must match it. */
export type MessageKey = keyof typeof vi;
type Messages = Record<MessageKey, string>;

// Typed as complete dictionaries, so a key missing from en.json or id.json
// fails `npm run build` rather than showing a raw key at the counter.
const dictionaries: Record<Locale, Messages> = { vi, en, id };

export const LOCALES = ['vi', 'en', 'id'] as const;
export type Locale = (typeof LOCALES)[number];

/** BCP 47 tags for Intl formatting of dates and numbers. */
const INTL_TAGS: Record<Locale, string> = { vi: 'vi-VN', en: 'en-GB', id: 'id-ID' };

const STORAGE_KEY = 'caredesk.locale';

function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

function initialLocale(): Locale {
  try {
    const saved = globalThis.localStorage?.getItem(STORAGE_KEY);
    if (isLocale(saved)) return saved;
  } catch {
    // Storage can be unavailable (private mode); Vietnamese is the default anyway.
  }
  return 'vi';
}

/**
 * Tells the page which language it is in (`<html lang>`), for screen readers,
 * hyphenation and the fonts a language picks. index.html says `vi`.
 */
function tagDocument(which: Locale): void {
  if (typeof document !== 'undefined') document.documentElement.lang = which;
}

let current = $state<Locale>(initialLocale());
// The saved language, from before the first render: not only after a switch.
tagDocument(current);

export function locale(): Locale {
  return current;
}

export function setLocale(next: Locale): void {
  current = next;
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, next);
  } catch {
    // Not remembering the choice is harmless.
  }
  tagDocument(next);
}

/** The BCP 47 tag of `which` language, the screen's by default. */
export function intlTag(which?: Locale): string {
  return INTL_TAGS[which ?? current];
}

/** The message for `key` in the current language, with `{name}` placeholders filled. */
export function t(key: MessageKey, params: Record<string, string | number> = {}): string {
  return translate(current, key, params);
}

/** The message for `key` in `which` language, whatever the screen's is. */
export function translate(which: Locale, key: MessageKey, params: Record<string, string | number> = {}): string {
  return dictionaries[which][key].replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

/**
 * Which form of a counted message (`key.one` / `key.other`) the language
 * uses for `count`: English says "1 change" but "3 changes"; Vietnamese and
 * Indonesian never inflect the noun, so their two forms are the same text.
 */
export function pluralForm(count: number): 'one' | 'other' {
  return new Intl.PluralRules(INTL_TAGS[current]).select(count) === 'one' ? 'one' : 'other';
}

export function hasMessage(key: string): key is MessageKey {
  return key in dictionaries[current];
}

/**
 * A translated message for a backend error: the field-specific text when there
 * is one (`error.empty_field.name`), else the code's (`error.empty_field`),
 * else the backend's own English text for a code the UI does not know yet.
 * The error's details fill the message's placeholders (`{attempts_left}`).
 */
export function errorMessage(err: unknown): string {
  const error = BackendError.from(err);
  const keys = error.field ? [`error.${error.code}.${error.field}`, `error.${error.code}`] : [`error.${error.code}`];
  for (const key of keys) {
    if (hasMessage(key)) return t(key, messageParams(error.details));
  }
  return error.message;
}

// Times arrive as RFC 3339; a message shows the clock time ("until 14:05").
const TIME_DETAILS = new Set(['until']);

function messageParams(details: ErrorDetails): Record<string, string | number> {
  const params: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(details)) {
    params[key] = TIME_DETAILS.has(key) && typeof value === 'string' ? formatClock(value) : value;
  }
  return params;
}

export function dictionary(which: Locale): Readonly<Messages> {
  return dictionaries[which];
}
