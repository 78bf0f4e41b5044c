import type { FastifyInstance } from 'fastify';
import type { SchemaTypeProvider } from '../schema-type-provider.js';
import type { Registry } from '../../registry.js';
import type { RateLimit } from '../rate-limit.js';
import { localisedSchema } from './localised-schema.js';

const publicEntrySchema = {
  type: 'object',
  required: ['entryId', 'list', 'name', 'identifiers', 'decidingBody', 'caseReference', 'obligation', 'since', 'until'],
  additionalProperties: false,
  properties: {
    entryId: { type: 'string' },
    list: { type: 'string' },
    name: { type: ['string', 'null'] },
    identifiers: {
      type: 'array',
      items: {
        type: 'object',
        required: ['scheme', 'value'],
        additionalProperties: false,
        properties: { scheme: { type: 'string' }, value: { type: 'string' } },
      },
    },
    decidingBody: {
      type: 'object',
      required: ['code', 'name'],
      additionalProperties: false,
      properties: { code: { type: 'string' }, name: { anyOf: [localisedSchema, { type: 'null' }] } },
    },
    caseReference: { type: ['string', 'null'] },
    obligation: { type: ['string', 'null'] },
    since: { type: 'string' },
    until: { type: 'string' },
  },
} as const;

/** The published lists, searchable by anyone, as the court's own query site allows. */
export function publicListRoutes(untyped: FastifyInstance, registry: Registry, rateLimit: RateLimit): void {
  const app = untyped.withTypeProvider<SchemaTypeProvider>();
  app.get(
    '/v1/public/lists/:code/entries',
    {
      config: { rateLimit },
      schema: {
        summary: 'Search a published list by name (prefix) or identifier',
        description:
          'Only lists the pack publishes, only entries in force (removed and expired entries ' +
          "disappear at once), and only what the court's list shows: name, masked identifier " +
          '(persons), deciding body, case reference, obligation, since, until. At most 50.',
        tags: ['lists'],
        params: {
          type: 'object',
          required: ['code'],
          properties: { code: { type: 'string', maxLength: 64 } },
        } as const,
        querystring: {
          type: 'object',
          required: ['q'],
          additionalProperties: false,
          properties: { q: { type: 'string', maxLength: 64 } },
        } as const,
        response: {
          200: {
            type: 'object',
            required: ['entries'],
            additionalProperties: false,
            properties: { entries: { type: 'array', items: publicEntrySchema } },
            examples: [
              {
                entries: [
                  {
                    entryId: '01JQ3Z9A2C4E6G8J0K2M4P6R8W',
                    list: 'dishonest-judgment-debtors',
                    name: '张三',
                    identifiers: [{ scheme: 'CN-RIC', value: '1101**********002X' }],
                    decidingBody: {
                      code: 'sh-pudong-court',
                      name: { en: "Shanghai Pudong New Area People's Court", zh: '上海市浦东新区人民法院' },
                    },
                    caseReference: '(2026)沪0115执123号',
                    obligation: '支付货款人民币100,000元',
                    since: '2026-03-01T00:00:00.000Z',
                    until: '2028-02-29T00:00:00.000Z',
                  },
                ],
              },
            ],
          },
          400: { $ref: 'Problem#' },
          404: { $ref: 'Problem#' },
          429: { $ref: 'Problem#' },
        },
      },
    },
    async (request) => ({ entries: await registry.publicLists.search(request.params.code, request.query.q) }),
  );
}
