import type { FastifyInstance, FastifyRequest } from 'fastify';
import { SESSION_COOKIE } from './portal/portal-caller.js';
import { sendProblem } from './problem.js';

/** How many failed authentications a client address may make per window before it is turned away. */
export interface AuthFailureLimit {
  readonly maxFailures: number;
  readonly windowMs: number;
}

export const DEFAULT_AUTH_FAILURE_LIMIT: AuthFailureLimit = { maxFailures: 20, windowMs: 60_000 };

/** Addresses remembered at once; past this the oldest windows are forgotten first (a flood of addresses cannot exhaust memory). */
const TRACKED_ADDRESSES = 100_000;

/**
 * Throttles guessing of API keys, access tokens and sign-ins: every answer 401 counts as a
 * failure of the client's address (`request.ip`, which honours `trustProxy`, so behind a
 * load balancer it is the real client), and an address over the limit gets 429 with
 * `Retry-After` for the rest of its window on every request that presents credentials,
 * before any credential is looked at. Counting is per process; a cluster of N nodes lets
 * an address make at most N times the limit.
 */
export function registerAuthFailureThrottle(app: FastifyInstance, limit: AuthFailureLimit, now: () => number = Date.now): void {
  const windows = new Map<string, { start: number; failures: number }>();

  app.addHook('onRequest', async (request, reply) => {
    if (!presentsCredentials(request)) return;
    const window = windows.get(request.ip);
    if (!window || window.failures < limit.maxFailures) return;
    const left = window.start + limit.windowMs - now();
    if (left <= 0) return;
    reply.header('retry-after', String(Math.ceil(left / 1000)));
    return sendProblem(request, reply, 'rate_limited', 'too many failed sign-ins or keys from this address; wait and try again');
  });

  app.addHook('onResponse', async (request, reply) => {
    if (reply.statusCode !== 401) return;
    const at = now();
    let window = windows.get(request.ip);
    if (!window || at - window.start >= limit.windowMs) {
      windows.delete(request.ip);
      if (windows.size >= TRACKED_ADDRESSES) windows.delete(windows.keys().next().value!);
      window = { start: at, failures: 0 };
      windows.set(request.ip, window);
    }
    window.failures += 1;
  });
}

function presentsCredentials(request: FastifyRequest): boolean {
  return request.headers.authorization !== undefined
    || request.routeOptions.url === '/signin/callback'
    || (request.headers.cookie ?? '').includes(`${SESSION_COOKIE}=`);
}
