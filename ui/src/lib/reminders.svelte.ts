import type { AuditLang, Backend, Reminder } from './backend/backend';
import { formatClock } from './format';
import { formatDay } from './dates';
import { hasMessage, pluralForm, t } from './i18n.svelte';

// Reminders as the counter shows them: the app's notifier (src-tauri/notify.rs)
// sends each one once, as it comes due, as an event; the list keeps what came
// for as long as the page lives (locking does not empty it) until the
// receptionist clears it, and the newest one is also shown as a toast.

/** A reminder as it arrived here. */
export interface Received {
  reminder: Reminder;
  /** When this counter's screen got it. */
  at: Date;
}

/** How long a toast stays unless someone moves to it or closes it. */
export const TOAST_MS = 12_000;

export class ReminderBoard {
  /** Newest first. */
  items = $state<Received[]>([]);
  /** How many came since the list was last opened. */
  unread = $state(0);
  /** The newest that came while listening, for the toast; `toastSeq` counts them. */
  toast = $state<Received | null>(null);
  toastSeq = $state(0);

  private readonly cleared = new Set<string>();
  private readonly now: () => Date;

  constructor(now: () => Date = () => new Date()) {
    this.now = now;
  }

  /** Listens to the backend's reminders from now on; returns the way to stop. */
  listen(backend: Backend): () => void {
    return backend.onReminder((reminder) => {
      const received = this.add(reminder);
      if (received) {
        this.toast = received;
        this.toastSeq += 1;
      }
    });
  }

  /**
   * Adds what the backend already sent (a sign-in after a lock, a reload),
   * without a toast. `lang` tells the desktop notifications which language
   * the screen is in.
   */
  async catchUp(backend: Backend, lang: AuditLang): Promise<void> {
    const sent = await backend.reminders(lang);
    // The backend lists the most pressing first; the list keeps that order.
    for (const reminder of [...sent].reverse()) this.add(reminder);
  }

  /** The list was looked at. */
  markRead(): void {
    this.unread = 0;
  }

  /** Empties the list; what was in it does not come back this session. */
  clear(): void {
    for (const item of this.items) this.cleared.add(item.reminder.key);
    this.items = [];
    this.unread = 0;
    this.toast = null;
  }

  dismissToast(): void {
    this.toast = null;
  }

  private add(reminder: Reminder): Received | null {
    if (this.cleared.has(reminder.key) || this.items.some((i) => i.reminder.key === reminder.key)) return null;
    const received = { reminder, at: this.now() };
    this.items = [received, ...this.items];
    this.unread += 1;
    return received;
  }
}

/** What a reminder says, in the UI's language. */
export function reminderWords(reminder: Reminder): { title: string; detail: string } {
  const subject = reminder.subject;
  switch (subject.kind) {
    case 'booking_soon':
      return {
        title: t('reminder.booking_soon.title', { time: formatClock(subject.start), customer: subject.customer_name }),
        detail: t('reminder.booking_soon.detail', {
          services: subject.services.join(', '),
          staff: subject.staff.join(', '),
        }),
      };
    case 'treatment_expiring':
      return {
        title: t('reminder.treatment_expiring.title', { customer: subject.customer_name }),
        detail: t(`reminder.treatment_expiring.detail.${pluralForm(subject.remaining)}`, {
          name: subject.name,
          date: formatDay(subject.expires_on),
          remaining: subject.remaining,
        }),
      };
    case 'sync_failing':
      return {
        title: t('reminder.sync_failing.title', { time: formatClock(subject.since) }),
        detail: t('reminder.sync_failing.detail'),
      };
    case 'conflict': {
      const key = `conflict.${subject.conflict_kind}`;
      return {
        title: t('reminder.conflict.title'),
        detail: hasMessage(key) ? t(key) : t('conflicts.unknownKind', { kind: subject.conflict_kind }),
      };
    }
    default:
      // A kind a newer app sends that this screen does not know yet.
      return { title: t('reminder.unknown.title'), detail: '' };
  }
}
