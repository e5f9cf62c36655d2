import type { Backend } from './backend';
import { CommandBackend } from './commands';
import { insideTauri, tauriTransport } from './tauri';
import { httpTransport } from './web';

export * from './backend';

/**
 * The counter's commands through Tauri's IPC inside the desktop app; in a
 * plain browser, through HTTP to `caredesk serve-ui` (the browser tests and
 * development). Either way the same Rust answers.
 */
export function createBackend(): Backend {
  return new CommandBackend(insideTauri() ? tauriTransport : httpTransport());
}
