import type { Backend } from './backend';
import { insideTauri, TauriBackend } from './tauri';
import { WebBackend } from './web';

export * from './backend';

/** The real store inside the desktop app; the in-memory fake in a plain browser. */
export function createBackend(): Backend {
  return insideTauri() ? new TauriBackend() : new WebBackend({ latencyMs: 40 });
}
