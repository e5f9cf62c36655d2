import { afterEach, describe, expect, test } from 'vitest';
import { createBackend, fakeSeed, type Conflict, type SyncStatus } from '../lib/backend';
import { TauriBackend } from '../lib/backend/tauri';
import { WebBackend } from '../lib/backend/web';

// The end-to-end tests (ui/e2e) start the fake in a known state through
// `window.__CAREDESK_FAKE__`; the desktop app must never read it.

const OFFLINE: Partial<SyncStatus> = {
  paired: true,
  server: 'https://sync.spa-hoa.vn',
  device: '0190d5a0-0000-7000-8000-00000000d001',
  pending: 3,
  online: false,
  last_attempt: '2026-11-21T07:29:30Z',
  failing_since: '2026-11-21T03:42:00Z',
};

const CONFLICT: Conflict = {
  id: '6a1f0000-0000-5000-8000-000000000001',
  kind: 'duplicate_phone',
  about: ['c1', 'c2'],
  detail: 'Customer 1 and Customer 2 share the phone +84912345671',
};

afterEach(() => {
  delete window.__CAREDESK_FAKE__;
  delete (window as { __TAURI_INTERNALS__?: unknown }).__TAURI_INTERNALS__;
});

describe('fakeSeed', () => {
  test('is empty for anything but an object', () => {
    expect(fakeSeed(undefined)).toEqual({});
    expect(fakeSeed(null)).toEqual({});
    expect(fakeSeed('offline')).toEqual({});
  });

  test('keeps the fake options a test may set and drops the rest', () => {
    const now = () => new Date(0);
    expect(fakeSeed({ signedIn: 'Lan', sync: OFFLINE, latencyMs: 0, now, evil: true })).toEqual({
      signedIn: 'Lan',
      sync: OFFLINE,
      latencyMs: 0,
    });
  });
});

describe('createBackend', () => {
  test('a plain browser without a seed gets the demo fake: locked and never paired', async () => {
    const backend = createBackend();
    expect(backend).toBeInstanceOf(WebBackend);
    expect(await backend.currentStaff()).toBeNull();
    expect((await backend.syncStatus()).paired).toBe(false);
    expect(await backend.conflicts()).toEqual([]);
  });

  test('a plain browser starts the fake from the seed the page was given', async () => {
    window.__CAREDESK_FAKE__ = { signedIn: 'Lan', sync: OFFLINE, conflicts: [CONFLICT], latencyMs: 0 };
    const backend = createBackend();
    expect((await backend.currentStaff())?.name).toBe('Lan');
    expect(await backend.syncStatus()).toMatchObject({ paired: true, online: false, pending: 3 });
    expect(await backend.conflicts()).toEqual([CONFLICT]);
  });

  test('inside Tauri the seed is ignored and the store is used', () => {
    window.__CAREDESK_FAKE__ = { signedIn: 'Lan', sync: OFFLINE };
    (window as { __TAURI_INTERNALS__?: unknown }).__TAURI_INTERNALS__ = {};
    expect(createBackend()).toBeInstanceOf(TauriBackend);
  });
});
