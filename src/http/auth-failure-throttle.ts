import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { FailureCounts } from './failure-counts.js';
import { SESSION_COOKIE } from './portal/portal-caller.js';
import { sendProblem } from './problem.js';

/** How many failed authentications a client address may make per window before it is turned away. */
export interface AuthFailureLimit {
  readonly maxFailures: number;
  readonly windowMs: number;
}

export const DEFAULT_AUTH_FAILURE_LIMIT: AuthFailureLimit = { maxFailures: 20, windowMs: 60_000 };

/**
 * Throttles guessing of API keys, access tokens and sign-ins: every answer 401 counts as a
 * failure of the client's address (`request.ip`, which honours `trustProxy`, so behind a
 * load balancer it is the real client), and an address over the limit gets 429 with
 * `Retry-After` for the rest of its window on every request that presents credentials,
 * before any credential is looked at. The counts are shared by every node when they are in
 * Redis; if the counts cannot be read, the request goes on (the throttle fails open: it slows
 * guessing, it does not decide access).
 */
export function registerAuthFailureThrottle(
  app: FastifyInstance,
  limit: AuthFailureLimit,
  counts: FailureCounts,
): void {
  app.addHook('onRequest', async (request, reply) => {
    if (!presentsCredentials(request)) return;
    const window = await counts.read(request.ip).catch((error: unknown) => {
      request.log.warn({ err: error }, 'failed-authentication counts unavailable');
      return { failures: 0, leftMs: 0 };
    });
    if (window.failures < limit.maxFailures) return;
    reply.header('retry-after', String(Math.ceil(window.leftMs / 1000)));
    return sendProblem(
      request,
      reply,
      'rate_limited',
      'too many failed sign-ins or keys from this address; wait and try again',
    );
  });

  app.addHook('onResponse', async (request, reply) => {
    if (reply.statusCode !== 401) return;
    await counts
      .add(request.ip, limit.windowMs)
      .catch((error: unknown) => request.log.warn({ err: error }, 'failed authentication not counted'));
  });
}

function presentsCredentials(request: FastifyRequest): boolean {
  return (
    request.headers.authorization !== undefined ||
    request.routeOptions.url === '/signin/callback' ||
    (request.headers.cookie ?? '').includes(`${SESSION_COOKIE}=`)
  );
}
