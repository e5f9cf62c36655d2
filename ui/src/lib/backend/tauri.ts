import { invoke } from '@tauri-apps/api/core';
import { listen } from '@tauri-apps/api/event';
import { BackendError, type Reminder } from './backend';
import type { Transport } from './commands';

/**
 * The desktop app's transport: Tauri's IPC to the counter's command list
 * (src-tauri/ipc.rs), and the `reminder` events its notifier emits.
 */
export const tauriTransport: Transport = {
  async call<T>(command: string, args: Record<string, unknown>): Promise<T> {
    try {
      return await invoke<T>(command, args);
    } catch (err) {
      throw BackendError.from(err);
    }
  },

  onReminder(listener: (reminder: Reminder) => void): () => void {
    // `listen` answers once the web view is subscribed; a stop asked before
    // then unsubscribes as soon as it is.
    let unlisten: (() => void) | null = null;
    let stopped = false;
    listen<Reminder>(REMINDER_EVENT, (event) => listener(event.payload)).then(
      (stop) => {
        if (stopped) stop();
        else unlisten = stop;
      },
      (err: unknown) => {
        // Without events the list still fills from `reminders` at each sign-in.
        console.warn('reminders: cannot listen to the app', err);
      },
    );
    return () => {
      stopped = true;
      unlisten?.();
    };
  },
};

/** The event src-tauri/notify.rs emits (`notify::EVENT`). */
const REMINDER_EVENT = 'reminder';

/** True inside the Tauri webview (the IPC bridge is injected before our code runs). */
export function insideTauri(): boolean {
  return typeof window !== 'undefined' && '__TAURI_INTERNALS__' in window;
}
