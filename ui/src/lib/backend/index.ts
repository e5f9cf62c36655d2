import type { Backend } from './backend';
import { insideTauri, TauriBackend } from './tauri';
import { WebBackend, type WebBackendOptions } from './web';

export * from './backend';

/**
 * The fake's starting state that an end-to-end test (ui/e2e) may set: plain
 * data only, since it is written into the page from the test's process.
 * Time is not here: the tests fix the page's clock themselves.
 */
export type FakeSeed = Pick<
  WebBackendOptions,
  'customers' | 'staff' | 'signedIn' | 'idleLockMinutes' | 'sync' | 'conflicts' | 'reminders' | 'latencyMs' | 'checkout' | 'manager' | 'printing'
>;

const SEED_KEYS = [
  'customers',
  'staff',
  'signedIn',
  'idleLockMinutes',
  'sync',
  'conflicts',
  'reminders',
  'latencyMs',
  'checkout',
  'manager',
  'printing',
] as const;

declare global {
  interface Window {
    /** Set by an end-to-end test before the page's scripts run; read only outside Tauri. */
    __CAREDESK_FAKE__?: unknown;
  }
}

/** The fake's options out of `window.__CAREDESK_FAKE__`; nothing else from it. */
export function fakeSeed(value: unknown): FakeSeed {
  if (typeof value !== 'object' || value === null) return {};
  const seed: Record<string, unknown> = {};
  for (const key of SEED_KEYS) {
    if (key in value) seed[key] = (value as Record<string, unknown>)[key];
  }
  return seed as FakeSeed;
}

/**
 * The real store inside the desktop app; the in-memory fake in a plain
 * browser, started from the state a test put in the page, if any. Inside
 * Tauri that state is never looked at.
 */
export function createBackend(): Backend {
  if (insideTauri()) return new TauriBackend();
  return new WebBackend({ latencyMs: 40, ...fakeSeed(window.__CAREDESK_FAKE__) });
}
