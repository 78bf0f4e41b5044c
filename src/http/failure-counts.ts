import { Redis } from 'ioredis';

/**
 * A Redis client for counts: it answers fast or fails fast (no queue while disconnected, one
 * retry), since a request must never wait on its rate limit; it reconnects by itself.
 */
export function sharedCountsRedis(url: string): Redis {
  const redis = new Redis(url, { connectTimeout: 500, maxRetriesPerRequest: 1, enableOfflineQueue: false });
  // Connection errors are retried by ioredis; a command that fails meanwhile is handled where it is sent.
  redis.on('error', () => {});
  return redis;
}

/** Failed authentications per client address in fixed windows, as the throttle reads and counts them. */
export interface FailureCounts {
  /** Counts one failure of `key`; a key's window starts with its first failure. */
  add(key: string, windowMs: number): Promise<void>;
  /** Failures of `key` in its current window, and the time left in it. */
  read(key: string): Promise<{ readonly failures: number; readonly leftMs: number }>;
}

/** Resolves once the client is connected, or rejects after `ms`. */
export function untilConnected(redis: Redis, ms: number): Promise<void> {
  if (redis.status === 'ready') return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      redis.off('ready', ready);
      reject(new Error(`Redis did not answer within ${ms} ms`));
    }, ms);
    const ready = () => {
      clearTimeout(timer);
      resolve();
    };
    redis.once('ready', ready);
  });
}

/** Addresses remembered at once by one process; past this the oldest windows are forgotten first. */
const TRACKED_ADDRESSES = 100_000;

/** Counts kept in this process: right for one node; with N nodes an address gets N times the limit. */
export class ProcessFailureCounts implements FailureCounts {
  private readonly windows = new Map<string, { start: number; windowMs: number; failures: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  async add(key: string, windowMs: number): Promise<void> {
    const at = this.now();
    let window = this.windows.get(key);
    if (!window || at - window.start >= window.windowMs) {
      this.windows.delete(key);
      if (this.windows.size >= TRACKED_ADDRESSES) this.windows.delete(this.windows.keys().next().value!);
      window = { start: at, windowMs, failures: 0 };
      this.windows.set(key, window);
    }
    window.failures += 1;
  }

  async read(key: string): Promise<{ failures: number; leftMs: number }> {
    const window = this.windows.get(key);
    const leftMs = window ? window.start + window.windowMs - this.now() : 0;
    return leftMs > 0 ? { failures: window!.failures, leftMs } : { failures: 0, leftMs: 0 };
  }
}

/** Counts kept in Redis, shared by every node of a deployment; the window is the key's expiry. */
export class RedisFailureCounts implements FailureCounts {
  constructor(
    private readonly redis: Redis,
    private readonly prefix = 'probity:auth-failures:',
  ) {}

  async add(key: string, windowMs: number): Promise<void> {
    // The expiry is set by the window's first failure only (NX), so the window does not slide.
    await this.redis
      .multi()
      .incr(this.prefix + key)
      .pexpire(this.prefix + key, windowMs, 'NX')
      .exec();
  }

  async read(key: string): Promise<{ failures: number; leftMs: number }> {
    const results = await this.redis
      .multi()
      .get(this.prefix + key)
      .pttl(this.prefix + key)
      .exec();
    const failures = Number(results?.[0]?.[1] ?? 0);
    const leftMs = Number(results?.[1]?.[1] ?? 0);
    return leftMs > 0 ? { failures, leftMs } : { failures: 0, leftMs: 0 };
  }
}
