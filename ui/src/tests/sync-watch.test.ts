import { describe, expect, test } from 'vitest';
import type { SyncStatus } from '../lib/backend/backend';
import { SyncWatch, syncPhase } from '../lib/sync.svelte';
import { refuse, stubBackend } from './stub';

const BASE: SyncStatus = {
  paired: true,
  server: 'https://sync.example',
  device: 'd1',
  pending: 0,
  pushed: 0,
  cursor: 0,
  online: true,
  last_attempt: '2026-11-21T07:28:00Z',
  last_success: '2026-11-21T07:28:00Z',
  failing_since: null,
  last_error: null,
};

describe('syncPhase', () => {
  test('what matters most wins', () => {
    expect(syncPhase(null, false)).toBe('checking');
    expect(syncPhase(null, true)).toBe('unknown');
    expect(syncPhase({ ...BASE, paired: false, online: false }, false)).toBe('unpaired');
    expect(syncPhase({ ...BASE, online: false, last_attempt: null, last_success: null }, false)).toBe('waiting');
    expect(syncPhase({ ...BASE, online: false, pending: 4 }, false)).toBe('offline');
    expect(syncPhase({ ...BASE, pending: 4 }, false)).toBe('pending');
    expect(syncPhase(BASE, false)).toBe('synced');
    // A status read earlier stays the one shown when a later read fails.
    expect(syncPhase(BASE, true)).toBe('synced');
  });
});

describe('SyncWatch', () => {
  test('an older read that answers late does not replace a newer one', async () => {
    const answers: Array<(status: SyncStatus) => void> = [];
    const stub = stubBackend({
      sync_status: () => new Promise<SyncStatus>((resolve) => answers.push(resolve)),
      conflicts: [],
    });
    const watch = new SyncWatch(stub.backend);
    const first = watch.refresh();
    const second = watch.refresh();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(answers).toHaveLength(2);
    answers[1]!({ ...BASE, pending: 2 });
    await second;
    answers[0]!({ ...BASE, pending: 1 });
    await first;
    expect(watch.status?.pending).toBe(2);
  });

  test('a failed conflicts read keeps the last list and says why', async () => {
    const stub = stubBackend({
      sync_status: BASE,
      conflicts: [{ id: 'c', kind: 'duplicate_phone', about: [], detail: 'd' }],
    });
    const watch = new SyncWatch(stub.backend);
    await watch.refresh();
    stub.answers.conflicts = refuse('storage', 'disk I/O error');
    await watch.refresh();
    expect(stub.callsTo('conflicts')).toHaveLength(2);
    expect(watch.conflicts).toHaveLength(1);
    expect(watch.conflictsError?.code).toBe('storage');
  });
});
