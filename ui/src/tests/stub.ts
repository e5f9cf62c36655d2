import { BackendError, type Backend, type Reminder } from '../lib/backend';
import { CommandBackend, type Transport } from '../lib/backend/commands';
import type { Command } from '../lib/backend/bindings/Command';

/**
 * A component test's backend: the real `CommandBackend` over a transport
 * that answers only the commands the test gives answers for. No rule lives
 * here: a test that needs a refusal answers it (`refuse(...)`), one that
 * needs a changed answer changes `answers`. The real rules are Rust's, and
 * the browser tests (ui/e2e) run them through `caredesk serve-ui`.
 */
export type Answer = unknown | ((args: Record<string, unknown>) => unknown);
export type Answers = Partial<Record<Command, Answer>>;

export interface Stub {
  backend: Backend;
  /** Every call so far, in order, with its arguments. */
  calls: Array<{ command: Command; args: Record<string, unknown> }>;
  /** The arguments of the calls to `command`. */
  callsTo(command: Command): Array<Record<string, unknown>>;
  /** What the next calls answer (a test's later state). */
  answers: Answers;
  /** Sends a reminder as the desktop app's notifier would. */
  remind(reminder: Reminder): void;
}

export function stubBackend(answers: Answers = {}): Stub {
  const calls: Stub['calls'] = [];
  const listeners = new Set<(reminder: Reminder) => void>();
  const stub: Stub = {
    backend: null as unknown as Backend,
    calls,
    callsTo: (command) => calls.filter((call) => call.command === command).map((call) => call.args),
    answers,
    remind: (reminder) => listeners.forEach((listener) => listener(reminder)),
  };
  const transport: Transport = {
    async call<T>(command: Command, args: Record<string, unknown>): Promise<T> {
      calls.push({ command, args });
      if (!(command in stub.answers)) throw new BackendError('unknown_command', `the test gives no answer for ${command}`);
      const answer = stub.answers[command];
      const value = typeof answer === 'function' ? await (answer as (a: Record<string, unknown>) => unknown)(args) : answer;
      return structuredClone(value) as T;
    },
    onReminder(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  stub.backend = new CommandBackend(transport);
  return stub;
}

/** An answer that refuses, as the store does: `code` and its English message. */
export function refuse(code: string, message = code, field: string | null = null, details: Record<string, string | number> = {}) {
  return () => {
    throw new BackendError(code, message, field, details);
  };
}
