import type {} from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import { ProbityError } from '../../errors.js';
import type { Registry } from '../../registry.js';
import type { PageKit } from './page-kit.js';
import { catalogBody, rulebookBody, rulebooksBody } from './public-pages.js';
import type { RateLimit } from '../rate-limit.js';
import type { SchemaTypeProvider } from '../schema-type-provider.js';
import { transparencyBody } from './transparency-pages.js';

const count = { type: 'integer', minimum: 0 } as const;
const transparencySchema = {
  type: 'object',
  required: ['asOf', 'institutions'],
  additionalProperties: false,
  properties: {
    asOf: { type: 'string', format: 'date-time' },
    institutions: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        properties: {
          institution: { type: 'string' },
          received: count,
          upheld: count,
          partiallyUpheld: count,
          rejected: count,
          autoResolved: {
            ...count,
            description: 'deadline passed without a decision: resolved in the subject’s favour',
          },
          pending: { ...count, description: 'neither decided nor past the deadline yet' },
          medianDaysToAnswer: {
            type: ['number', 'null'],
            description: 'over the answered disputes; null when none was answered',
          },
        },
      },
    },
  },
  examples: [
    {
      asOf: '2026-04-30T16:00:00.000Z',
      institutions: [
        {
          institution: 'sh-pudong-court',
          received: 12,
          upheld: 3,
          partiallyUpheld: 1,
          rejected: 6,
          autoResolved: 0,
          pending: 2,
          medianDaysToAnswer: 6.5,
        },
        {
          institution: 'sh-transport',
          received: 4,
          upheld: 1,
          partiallyUpheld: 0,
          rejected: 1,
          autoResolved: 1,
          pending: 1,
          medianDaysToAnswer: 11,
        },
      ],
    },
  ],
} as const;

/** Pages anyone may read without signing in: the rulebooks, the catalog, the institutions' dispute figures. */
export function publicRoutes(app: FastifyInstance, registry: Registry, kit: PageKit, rateLimit: RateLimit): void {
  const { catalog } = registry;
  app.withTypeProvider<SchemaTypeProvider>().get(
    '/v1/public/transparency/institutions',
    {
      config: { rateLimit },
      schema: {
        summary:
          'Per source institution: disputes received, upheld, partly upheld, ' +
          'rejected, resolved at the deadline, pending, median days to answer',
        tags: ['disputes'],
        response: { 200: transparencySchema },
      },
    },
    async () => ({
      asOf: registry.clock.now().toISOString(),
      institutions: await registry.disputes.institutionFigures(),
    }),
  );

  app.get('/transparency', { schema: { hide: true }, config: { rateLimit } }, async (request, reply) => {
    const figures = await registry.disputes.institutionFigures();
    return kit.sendPublic(
      request,
      reply,
      ({ t }) => t('transparencyTitle'),
      ({ words }) => transparencyBody(words, catalog, figures),
    );
  });

  app.get('/rulebooks', { schema: { hide: true } }, (request, reply) =>
    kit.sendPublic(
      request,
      reply,
      ({ t }) => t('rulebooksTitle'),
      ({ words }) => rulebooksBody(words, catalog),
    ),
  );

  app.get<{ Params: { code: string; version: string } }>(
    '/rulebooks/:code/:version',
    { schema: { hide: true } },
    (request, reply) => {
      const rulebook = catalog.pack.rulebooks.find(
        (r) => r.code === request.params.code && r.version === request.params.version,
      );
      if (!rulebook)
        throw new ProbityError('not_found', `no rulebook ${request.params.code} ${request.params.version}`);
      return kit.sendPublic(
        request,
        reply,
        ({ local }) => `${local(rulebook.title)} ${rulebook.version}`,
        ({ words }) => rulebookBody(words, catalog, rulebook),
      );
    },
  );

  app.get('/catalog', { schema: { hide: true } }, (request, reply) =>
    kit.sendPublic(
      request,
      reply,
      ({ t }) => t('catalogTitle'),
      ({ words }) => catalogBody(words, catalog),
    ),
  );
}
