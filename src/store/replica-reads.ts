import { ProbityError } from '../errors.js';
import type { Store } from './store.js';

export interface ReplicaReadsOptions {
  /** The most a read may lag behind the primary; a replica further behind is not read. */
  readonly maxLagMs: number;
  /** How often the replica's lag is measured. */
  readonly checkEveryMs: number;
}

/** A view of the store for reads that may lag, and the timer that measures the lag. */
export interface ReplicaReads {
  readonly store: Store;
  close(): Promise<void>;
}

/**
 * Reads that may lag (public pages, lookups, the relying parties' feed) go to a replica while
 * its lag, measured every `checkEveryMs`, is at most `maxLagMs`, so a reader is never shown
 * data older than that bound plus one measuring interval; otherwise, and whenever the replica
 * fails, they go to the primary. Use it for reads only: a write through it would reach a
 * replica, which refuses it.
 */
export function replicaReads(
  primary: Store,
  replica: Store,
  lagMs: () => Promise<number>,
  options: ReplicaReadsOptions,
): ReplicaReads {
  let fresh = false;
  const measure = async () => {
    fresh = await lagMs().then(
      (lag) => lag <= options.maxLagMs,
      () => false,
    );
  };
  void measure();
  const timer = setInterval(() => void measure(), options.checkEveryMs);
  timer.unref();
  const store = new Proxy(primary, {
    get(target, property) {
      const onPrimary: unknown = Reflect.get(target, property, target);
      if (typeof onPrimary !== 'function') return onPrimary;
      return async (...args: unknown[]): Promise<unknown> => {
        if (fresh) {
          try {
            return await (Reflect.get(replica, property, replica) as (...a: unknown[]) => Promise<unknown>).apply(
              replica,
              args,
            );
          } catch (error) {
            if (!(error instanceof ProbityError && error.code === 'store_unavailable')) throw error;
            fresh = false;
          }
        }
        return (onPrimary as (...a: unknown[]) => Promise<unknown>).apply(target, args);
      };
    },
  });
  return {
    store,
    async close() {
      clearInterval(timer);
      await replica.close();
    },
  };
}
