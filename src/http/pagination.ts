import type { FastifyReply, FastifyRequest } from 'fastify';
import { ProbityError } from '../errors.js';

/**
 * The one way pages are asked for: `cursor` (where the page starts; the `next` of the page before,
 * 0 for the first) and `limit`. Each page answers `next` (null at the end) and a `Link` header
 * with rel="next" (RFC 8288). The names used before (`after` on the feed, `start` and `end` on
 * the log's entries, `from` on a subject's entries) are accepted as aliases until version 2.
 */
export const cursorProperties = (maxLimit: number) =>
  ({
    cursor: {
      type: 'integer',
      minimum: 0,
      maximum: Number.MAX_SAFE_INTEGER,
      description: 'Where the page starts: the `next` of the page before (0 for the first)',
    },
    limit: {
      type: 'integer',
      minimum: 1,
      maximum: maxLimit,
      description: `At most this many items (up to ${maxLimit})`,
    },
  }) as const;

/** A deprecated alias of `cursor`, for the query schema. */
export const cursorAlias = (name: string) =>
  ({
    [name]: {
      type: 'integer',
      minimum: 0,
      maximum: Number.MAX_SAFE_INTEGER,
      deprecated: true,
      description: `Alias of \`cursor\` until version 2`,
    },
  }) as const;

/** The page's start: `cursor`, else the route's old name for it, else 0; both given and different is a 400. */
export function cursorOf(query: Readonly<Record<string, unknown>>, alias: string): number {
  const cursor = query['cursor'] as number | undefined;
  const old = query[alias] as number | undefined;
  if (cursor !== undefined && old !== undefined && cursor !== old) {
    throw new ProbityError('invalid_request', `give cursor or ${alias} (its old name), not both`);
  }
  return cursor ?? old ?? 0;
}

/** Sets the `Link: <…>; rel="next"` of a page: the same request with `cursor` moved to `next` (old names dropped). */
export function linkNext(
  request: FastifyRequest,
  reply: FastifyReply,
  next: number | null,
  aliases: readonly string[],
): void {
  if (next === null) return;
  const url = new URL(request.url, 'http://probity.invalid');
  for (const alias of aliases) url.searchParams.delete(alias);
  url.searchParams.set('cursor', String(next));
  reply.header('link', `<${url.pathname}${url.search}>; rel="next"`);
}
