import { BackendError, type Backend } from './backend';

/**
 * The backend as the counter's screens use it: any answer `signed_out` (the
 * backend's session ended: idle, deactivated, or the app restarted) calls
 * `onSignedOut`, so the app shows the sign-in screen wherever it happened.
 * The error still reaches the caller.
 */
export function lockOnSignedOut(backend: Backend, onSignedOut: () => void): Backend {
  return new Proxy(backend, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        const result: unknown = (value as (...a: unknown[]) => unknown).apply(target, args);
        // Only answers are watched; `onReminder` hands back its stop as is.
        if (!(result instanceof Promise)) return result;
        return result.catch((err: unknown) => {
          if (BackendError.from(err).code === 'signed_out') onSignedOut();
          throw err;
        });
      };
    },
  });
}
