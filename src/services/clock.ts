import { randomFillSync } from 'node:crypto';
import { monotonicFactory } from 'ulid';

/** Where services get the time from; tests pass a fixed or stepping clock. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** Makes opaque, time-ordered ids (ULID); monotonic, so ids made in one millisecond still sort. */
export function ulidFactory(): () => string {
  const next = monotonicFactory(pooledRandom());
  return () => next();
}

/**
 * A CSPRNG source for ulid that draws 4 KiB from node:crypto at a time: ulid's own asks
 * the kernel for one byte per character, which cost a screening check 37 µs. Each call
 * gives a float in [0, 1) from one byte, as ulid's own does (it takes floor(x * 32)).
 */
function pooledRandom(): () => number {
  const pool = Buffer.alloc(4096);
  let at = pool.length;
  return () => {
    if (at === pool.length) {
      randomFillSync(pool);
      at = 0;
    }
    return pool[at++]! / 256;
  };
}
