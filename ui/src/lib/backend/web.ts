import { BackendError, type Reminder } from './backend';
import type { Transport } from './commands';

/**
 * A plain browser's transport: each command is a `POST /api/{command}` to
 * `caredesk serve-ui` (crates/cli/src/commands/serve_ui.rs), which answers
 * through the same Rust command list as the desktop app, on a real
 * database. The UI's browser tests run this way, and so does `npm run dev`
 * (Vite passes /api on to a serve-ui). A refused command answers its error
 * as JSON (`{code, message, field, details}`), which becomes the same
 * `BackendError` the desktop app's transport throws.
 */
export function httpTransport(base = '/api'): Transport {
  return {
    async call<T>(command: string, args: Record<string, unknown>): Promise<T> {
      let response: Response;
      try {
        response = await fetch(`${base}/${command}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(args),
        });
      } catch (err) {
        throw new BackendError('unreachable', `serve-ui cannot be reached: ${String(err)}`);
      }
      const text = await response.text();
      let body: unknown;
      try {
        body = text === '' ? null : JSON.parse(text);
      } catch {
        throw new BackendError('internal', `${command}: the answer is not JSON (HTTP ${response.status})`);
      }
      if (!response.ok) throw BackendError.from(body);
      return body as T;
    },

    // serve-ui runs no notifier: the reminders list still fills from the
    // `reminders` command at each sign-in.
    onReminder(): () => void {
      return () => {};
    },
  };
}
