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
      return async (...args: unknown[]) => {
        try {
          return await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
        } catch (err) {
          if (BackendError.from(err).code === 'signed_out') onSignedOut();
          throw err;
        }
      };
    },
  });
}
