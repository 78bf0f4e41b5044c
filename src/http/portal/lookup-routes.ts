import type {} from '@fastify/rate-limit';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ProbityError } from '../../errors.js';
import type { Registry } from '../../registry.js';
import { handleError } from '../problem.js';
import { listSearchBody, lookupBody, profileBody, tooManyRequestsBody, type Searched } from './lookup-pages.js';
import { page } from './page-layout.js';
import type { PageKit } from './page-kit.js';
import type { RateLimit } from '../rate-limit.js';

type Query = { Querystring: { q?: string; page?: string; lang?: string } };

/**
 * The public lookup pages (no sign-in), rate-limited per client: organizations and
 * government bodies by name or code, and the published lists. A client over the limit
 * gets a page saying how long to wait, not a bare error.
 */
/** A search's results, or the reason it could not run (too short a query), for the page to say. */
async function searched<T>(search: () => Promise<readonly T[]>): Promise<Searched<T>> {
  try {
    return { results: await search() };
  } catch (error) {
    if (error instanceof ProbityError && error.code === 'invalid_request') return { problem: error.message };
    throw error;
  }
}

export function lookupRoutes(app: FastifyInstance, registry: Registry, kit: PageKit, rateLimit: RateLimit): void {
  app.register(async (scope) => {
    scope.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
      if (error.statusCode !== 429) return handleError(error, request, reply);
      const retryAfter = Number(reply.getHeader('retry-after') ?? Math.ceil(rateLimit.timeWindow / 1000));
      const words = kit.wordsOf(request, reply);
      return kit.send(
        reply,
        page(
          { words, path: kit.pathOf(request), csrfToken: '' },
          words.t('tooManyTitle'),
          tooManyRequestsBody(words, retryAfter),
        ),
        429,
      );
    });
    const config = { rateLimit };

    scope.get<Query>('/lookup', { schema: { hide: true }, config }, async (request, reply) => {
      const q = request.query.q?.trim() ?? '';
      let next: string | undefined;
      const found =
        q === ''
          ? undefined
          : await searched(async () => {
              const page = await registry.publicLookup.search(q, request.query.page);
              next = page.next;
              return page.results;
            });
      return kit.sendPublic(
        request,
        reply,
        ({ t }) => t('lookupTitle'),
        ({ words }) => lookupBody(words, registry.catalog, q, found, next),
      );
    });

    scope.get<{ Params: { scheme: string; value: string } } & Query>(
      '/lookup/:scheme/:value',
      { schema: { hide: true }, config },
      async (request, reply) => {
        const profile = await registry.publicLookup.profile(request.params.scheme, request.params.value);
        return kit.sendPublic(
          request,
          reply,
          () => profile.subject.name ?? request.params.value,
          ({ words }) => profileBody(words, registry.catalog, profile),
        );
      },
    );

    scope.get<{ Params: { code: string } } & Query>(
      '/lookup/lists/:code',
      { schema: { hide: true }, config },
      async (request, reply) => {
        const list = registry.catalog.list(request.params.code);
        if (!list || list.publication !== 'public')
          throw new ProbityError('not_found', `no published list "${request.params.code}"`);
        const q = request.query.q?.trim() ?? '';
        const entries = q === '' ? undefined : await searched(() => registry.publicLists.search(list.code, q));
        const holds = await registry.publicLists.count(list.code);
        return kit.sendPublic(
          request,
          reply,
          ({ local }) => local(list.title),
          ({ words }) => listSearchBody(words, registry.catalog, list, { query: q, holds }, entries),
        );
      },
    );
  });
}
