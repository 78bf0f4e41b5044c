import { monotonicFactory } from 'ulid';

/** Where services get the time from; tests pass a fixed or stepping clock. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** Makes opaque, time-ordered ids (ULID); monotonic, so ids made in one millisecond still sort. */
export function ulidFactory(): () => string {
  const next = monotonicFactory();
  return () => next();
}
