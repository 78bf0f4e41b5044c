import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import fresh from 'fresh';

/**
 * How a public answer may be cached, set as a route's `config.cache`. Only for answers that
 * are the same for everyone and change rarely (a key, a checkpoint): never for personal data,
 * which keeps Fastify's default of no caching headers.
 */
export interface CachePolicy {
  /** How long any cache may reuse the answer without asking; 0: ask every time (answered 304 while unchanged). */
  readonly maxAgeSeconds: number;
}

/** Published keys: a rotated attestation key reaches every verifier within five minutes. */
export const KEY_MAX_AGE_S = 300;

declare module 'fastify' {
  interface FastifyContextConfig {
    cache?: CachePolicy;
  }
}

/**
 * Gives the answers of routes with a cache policy `Cache-Control` and a strong `ETag` (a hash
 * of the body), and answers a request whose `If-None-Match` still matches with 304 and no body.
 */
export function registerCacheHeaders(app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply, payload) => {
    const policy = request.routeOptions.config.cache;
    if (policy === undefined || reply.statusCode !== 200 || (typeof payload !== 'string' && !Buffer.isBuffer(payload)))
      return payload;
    const etag = `"${createHash('sha256').update(payload).digest('base64url').slice(0, 27)}"`;
    reply.header('etag', etag);
    // A handler may say more of one answer than the route's policy can (a full log tile is immutable).
    if (!reply.hasHeader('cache-control'))
      reply.header(
        'cache-control',
        policy.maxAgeSeconds > 0 ? `public, max-age=${policy.maxAgeSeconds}` : 'public, no-cache',
      );
    // Only If-None-Match: a request's `Cache-Control: no-cache` (fetch sends it with every
    // conditional request) tells caches to revalidate, which this is (RFC 9110, 13.2.1).
    if (!fresh({ 'if-none-match': request.headers['if-none-match'] }, { etag })) return payload;
    reply.code(304);
    return '';
  });
}
