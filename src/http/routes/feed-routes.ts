import type { FastifyInstance } from 'fastify';
import type { SchemaTypeProvider } from '../schema-type-provider.js';
import type { Registry } from '../../registry.js';
import { cursorAlias, cursorOf, cursorProperties, linkNext } from '../pagination.js';
import { callerOf, requireRole } from '../authenticate.js';
import { withExample } from './with-example.js';

const identifiers = {
  type: 'array',
  items: {
    type: 'object',
    additionalProperties: false,
    properties: { scheme: { type: 'string' }, value: { type: 'string' } },
  },
} as const;
const mirrorPageSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    events: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        properties: {
          seq: { type: 'integer' },
          type: {
            enum: ['listed', 'activated', 'removed', 'expired', 'reinstated', 'corrected', 'suspended', 'correction'],
          },
          recordedAt: { type: 'string' },
          entryId: { type: 'string' },
          list: { type: 'string' },
          identifiers,
          activeFrom: { type: 'string' },
          until: { type: 'string' },
          removedAt: { type: ['string', 'null'] },
          actions: { type: 'array', items: { type: 'string' } },
          // A correction (type "correction"): a dispute changed what earlier answers about this subject rested on.
          change: { enum: ['withdrawn', 'corrected', 'lapsed'] },
          disputeId: { type: 'string' },
          checkIds: { type: 'array', items: { type: 'string' } },
        },
      },
    },
    next: { type: 'integer' },
  },
} as const;

const LISTED_EXAMPLE = {
  seq: 7,
  type: 'listed',
  recordedAt: '2026-03-02T09:00:00.000Z',
  entryId: '01JQ3Z9A2C4E6G8J0K2M4P6R8W',
  list: 'dishonest-judgment-debtors',
  identifiers: [{ scheme: 'CN-RIC', value: '11010519491231002X' }],
  activeFrom: '2026-03-01T00:00:00.000Z',
  until: '2028-02-29T00:00:00.000Z',
  removedAt: null,
  actions: ['air.ticket.any'],
} as const;
const FEED_EXAMPLE = {
  events: [
    LISTED_EXAMPLE,
    {
      ...LISTED_EXAMPLE,
      seq: 8,
      entryId: '01JQ3Z9A2C4E6G8J0K2M4P6R8X',
      identifiers: [{ scheme: 'CN-USCC', value: '91350100M000100Y43' }],
    },
    {
      seq: 31,
      type: 'correction',
      recordedAt: '2026-04-21T09:00:00.000Z',
      change: 'lapsed',
      disputeId: '01JQ4B7N2XK8D5R3T6V9W1Y4ZA',
      checkIds: ['01JQ6D4F6H8K0M2P4R6T8V0X2Z'],
    },
  ],
  next: 32,
} as const;
const WEBHOOK_URL = 'https://screening.airchina.example/probity/corrections';

const MAX_WAIT_SECONDS = 30;

/** The list-entry change feed for relying parties' local mirrors. */
export function feedRoutes(untyped: FastifyInstance, registry: Registry): void {
  const app = untyped.withTypeProvider<SchemaTypeProvider>();
  app.get(
    '/v1/feed',
    {
      preHandler: requireRole(registry.apiKeys, 'relying_party'),
      schema: {
        summary:
          'List-entry events for the lists the caller may see, to ' +
          'keep a local mirror, and corrections of answers it received',
        description:
          'Events after `cursor` (a feed sequence; start at 0), at most `limit`. With `wait` (seconds, up to 30) ' +
          'the call waits for the first event (long poll). Pass `next` as the following `cursor` (or follow the ' +
          '`Link` header); `after` is its old name, accepted until version 2. Only lists published beyond the ' +
          'subject, carrying a restriction on an action the caller is registered for, and only that subject: each ' +
          'event delivered is logged. A `correction` event tells a caller that screened the subject in the last 180 ' +
          "days that a dispute withdrew or corrected a record, or lapsed, naming the caller's checks it concerns.",
        tags: ['screening'],
        security: [{ apiKey: [] }],
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            ...cursorProperties(1000),
            ...cursorAlias('after'),
            wait: { type: 'integer', minimum: 0, maximum: MAX_WAIT_SECONDS, default: 0 },
          },
        } as const,
        response: {
          200: withExample(mirrorPageSchema, FEED_EXAMPLE),
          400: { $ref: 'Problem#' },
          401: { $ref: 'Problem#' },
          403: { $ref: 'Problem#' },
        },
      },
    },
    async (request, reply) => {
      const { limit = 100, wait = 0 } = request.query;
      const page = await registry.reads.feedPage(
        callerOf(request).principal,
        cursorOf(request.query, 'after'),
        limit,
        wait * 1000,
      );
      linkNext(request, reply, page.next, ['after']);
      return page;
    },
  );

  app.put(
    '/v1/relying-party/webhook',
    {
      preHandler: requireRole(registry.apiKeys, 'relying_party'),
      schema: {
        summary:
          'Register the URL that receives corrections (POST, JSON, signed with the ' +
          'returned secret: x-probity-signature: sha256=<HMAC-SHA256 hex of the body>)',
        description:
          'Registering again replaces the URL and the secret. HTTPS only (plain HTTP to localhost for testing).',
        tags: ['screening'],
        security: [{ apiKey: [] }],
        body: {
          type: 'object',
          required: ['url'],
          additionalProperties: false,
          properties: { url: { type: 'string', maxLength: 2_000 } },
          examples: [{ url: WEBHOOK_URL }],
        } as const,
        response: {
          200: {
            type: 'object',
            required: ['url', 'secret'],
            additionalProperties: false,
            properties: {
              url: { type: 'string', description: 'the URL as registered (normalised)' },
              secret: {
                type: 'string',
                description: 'base64url HMAC-SHA256 key of the x-probity-signature header: shown this once',
              },
            },
            examples: [{ url: WEBHOOK_URL, secret: 'ng6zTsxeYfXXLlWmZaE39oxTq1L1fDEfmcSAK-hZ4gY' }],
          },
          400: { $ref: 'Problem#' },
          401: { $ref: 'Problem#' },
          403: { $ref: 'Problem#' },
        },
      },
    },
    async (request) => registry.webhooks.register(callerOf(request).principal, request.body.url),
  );
}
