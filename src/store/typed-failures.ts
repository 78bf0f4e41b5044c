import { ProbityError } from '../errors.js';

/**
 * The store with every failure of its database that means "unavailable, retry later" (a
 * restart, a failover, a hung server past its timeout, a full disk) turned into
 * ProbityError('store_unavailable'), at the one boundary every caller passes. Above the
 * store, HTTP answers it 503 with Retry-After and the CLI exits 2 with one line, so a caller
 * can tell an unavailable registry from a bug. Other errors pass unchanged.
 */
export function withTypedFailures<S extends object>(store: S, isUnavailable: (error: unknown) => boolean): S {
  const typed = (error: unknown): unknown =>
    !(error instanceof ProbityError) && isUnavailable(error)
      ? new ProbityError(
          'store_unavailable',
          `the database cannot be reached or cannot write now (${(error as Error).message}); retry later`,
        )
      : error;
  return new Proxy(store, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]): unknown => {
        try {
          const result: unknown = Reflect.apply(value, target, args);
          return result instanceof Promise ? result.catch((error: unknown) => Promise.reject(typed(error))) : result;
        } catch (error) {
          throw typed(error);
        }
      };
    },
  });
}
