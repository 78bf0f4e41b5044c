import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { SchemaTypeProvider } from '../schema-type-provider.js';
import type { AuditActor } from '../../domain/audit/audit-entry.js';
import type { Registry } from '../../registry.js';
import type { KeyExpiry } from '../../services/key-lifetime.js';
import type { ApiKeyRole } from '../../store/store.js';
import { callerOf, requireRole } from '../authenticate.js';
import { listAnswerSchema } from './list-answer-schema.js';
import { withExample } from './with-example.js';

const ROLES: readonly ApiKeyRole[] = ['institution', 'relying_party', 'auditor', 'reviewer', 'admin'];
const problems = { 400: { $ref: 'Problem#' }, 401: { $ref: 'Problem#' }, 403: { $ref: 'Problem#' } } as const;
const keyProblems = { ...problems, 404: { $ref: 'Problem#' }, 409: { $ref: 'Problem#' } } as const;
const time = { type: ['string', 'null'], format: 'date-time' } as const;
const expiryProperties = {
  expiresIn: {
    type: 'string',
    maxLength: 32,
    description: 'the key stops after this long: a number and a unit, e.g. 90d, 12h, 30m',
    examples: ['90d'],
  },
  expiresAt: {
    type: 'string',
    maxLength: 64,
    description: 'the key stops at this RFC 3339 date-time (give this or expiresIn, not both)',
  },
} as const;
const keySchema = {
  type: 'object',
  required: ['id', 'role', 'principal', 'createdAt', 'expiresAt', 'revokedAt', 'lastUsedAt', 'status'],
  additionalProperties: false,
  properties: {
    id: { type: 'string' },
    role: { type: 'string', enum: ROLES },
    principal: { type: 'string', description: 'institution or relying-party code, or staff name' },
    createdAt: { type: 'string', format: 'date-time' },
    expiresAt: time,
    revokedAt: time,
    lastUsedAt: { ...time, description: 'noted at most once a minute per server' },
    status: { type: 'string', enum: ['active', 'revoked', 'expired'] },
  },
} as const;
const issuedSchema = {
  type: 'object',
  required: ['key', 'secret'],
  additionalProperties: false,
  properties: {
    key: keySchema,
    secret: { type: 'string', description: 'the bearer secret: shown this once, never stored' },
  },
} as const;
const idParams = { type: 'object', required: ['id'], properties: { id: { type: 'string' } } } as const;

// Examples: air-china's screening key, issued for 90 days, then rotated.
const KEY_EXAMPLE = {
  id: '01JQ5C2E4G6J8K0M2P4R6T8V0X',
  role: 'relying_party',
  principal: 'air-china',
  createdAt: '2026-03-22T09:00:00.000Z',
  expiresAt: '2026-06-20T09:00:00.000Z',
  revokedAt: null,
  lastUsedAt: '2026-04-01T07:42:00.000Z',
  status: 'active',
} as const;
const NEW_KEY_EXAMPLE = {
  ...KEY_EXAMPLE,
  id: '01JQ7H3K5M7P9R1T3V5X7Z9B1D',
  createdAt: '2026-04-02T08:00:00.000Z',
  expiresAt: '2026-07-01T08:00:00.000Z',
  lastUsedAt: null,
} as const;
const ISSUED_EXAMPLE = {
  key: { ...KEY_EXAMPLE, lastUsedAt: null },
  secret: 'pbt_p4roUIKgZrC1tsdsJjMEvp8VRi-Dp-FJONFk0Zu9PTc',
} as const;
const KEY_ID = ':id(^[0-9A-Za-z]{1,64})';

/** Rotation and expiry take optional settings: a POST without a body means none. */
async function noBodyIsEmpty(request: FastifyRequest): Promise<void> {
  request.body ??= {};
}

/**
 * Key management for staff with an `admin` key: list, issue, revoke, rotate, expire. Each step
 * is an audit entry naming the admin key's holder. Only an admin key can issue another admin
 * key; the first one comes from `probity keys issue --admin NAME`.
 */
export function adminKeyRoutes(untyped: FastifyInstance, registry: Registry): void {
  const app = untyped.withTypeProvider<SchemaTypeProvider>();
  const { apiKeys } = registry;
  const adminOnly = requireRole(apiKeys, 'admin');
  const actorOf = (request: FastifyRequest): AuditActor => ({ kind: 'staff', id: callerOf(request).principal });
  const common = { tags: ['admin'], security: [{ apiKey: [] }] };

  app.get(
    '/v1/admin/keys',
    {
      preHandler: adminOnly,
      schema: {
        ...common,
        summary: 'Every API key, oldest first, without secrets',
        response: {
          200: listAnswerSchema('keys', keySchema, {
            keys: [
              {
                ...KEY_EXAMPLE,
                id: '01JQ2A0B2C4D6E8F0G2H4J6K8M',
                role: 'institution',
                principal: 'sh-pudong-court',
                createdAt: '2026-01-05T02:00:00.000Z',
                expiresAt: null,
              },
              KEY_EXAMPLE,
            ],
          }),
          ...problems,
        },
      },
    },
    async () => ({ keys: await apiKeys.list() }),
  );

  app.post(
    '/v1/admin/keys',
    {
      preHandler: adminOnly,
      schema: {
        ...common,
        summary: 'Issue a key; its secret is in this answer only',
        body: {
          type: 'object',
          required: ['role', 'principal'],
          additionalProperties: false,
          properties: {
            role: { type: 'string', enum: ROLES },
            principal: { type: 'string', minLength: 1, maxLength: 64 },
            ...expiryProperties,
          },
          examples: [{ role: 'relying_party', principal: 'air-china', expiresIn: '90d' }],
        } as const,
        response: { 201: withExample(issuedSchema, ISSUED_EXAMPLE), ...problems },
      },
    },
    async (request, reply) => {
      const { role, principal } = request.body;
      return reply
        .code(201)
        .send(await apiKeys.issue(role, principal, { expiry: expiryOf(request.body), actor: actorOf(request) }));
    },
  );

  app.post(
    `/v1/admin/keys/${KEY_ID}::revoke`,
    {
      preHandler: adminOnly,
      schema: {
        ...common,
        summary: 'Revoke a key: every server refuses it within a second',
        params: idParams,
        response: {
          200: withExample(keySchema, { ...KEY_EXAMPLE, revokedAt: '2026-04-02T08:05:00.000Z', status: 'revoked' }),
          ...keyProblems,
        },
      },
    },
    async (request) => apiKeys.revoke(request.params.id, actorOf(request)),
  );

  app.post(
    `/v1/admin/keys/${KEY_ID}::rotate`,
    {
      preHandler: adminOnly,
      preValidation: noBodyIsEmpty,
      schema: {
        ...common,
        summary:
          'Issue a new key for the same role and holder; the old one works for the overlap (default 24h), then stops',
        params: idParams,
        body: {
          type: 'object',
          additionalProperties: false,
          properties: {
            overlap: {
              type: 'string',
              maxLength: 32,
              description: 'how long the old key keeps working: 0, or e.g. 24h',
              examples: ['24h'],
            },
            ...expiryProperties,
          },
          examples: [{ overlap: '24h', expiresIn: '90d' }],
        } as const,
        response: {
          201: withExample(
            {
              ...issuedSchema,
              required: ['key', 'secret', 'previous'],
              properties: { ...issuedSchema.properties, previous: keySchema },
            } as const,
            {
              key: NEW_KEY_EXAMPLE,
              secret: 'pbt_-pXd_du94iAqPGZvQaVLGdrekFmWfeftw0IK7Kq-wZE',
              previous: { ...KEY_EXAMPLE, expiresAt: '2026-04-03T08:00:00.000Z' },
            },
          ),
          ...keyProblems,
        },
      },
    },
    async (request, reply) => {
      const { overlap } = request.body;
      const rotated = await apiKeys.rotate(request.params.id, {
        ...(overlap === undefined ? {} : { overlap }),
        expiry: expiryOf(request.body),
        actor: actorOf(request),
      });
      return reply.code(201).send(rotated);
    },
  );

  app.post(
    `/v1/admin/keys/${KEY_ID}::expire`,
    {
      preHandler: adminOnly,
      preValidation: noBodyIsEmpty,
      schema: {
        ...common,
        summary: 'Set when a key stops (expiresIn or expiresAt), or with neither, clear its expiry',
        params: idParams,
        body: {
          type: 'object',
          additionalProperties: false,
          properties: expiryProperties,
          examples: [{ expiresAt: '2026-12-31T23:59:59+08:00' }],
        } as const,
        response: {
          200: withExample(keySchema, { ...KEY_EXAMPLE, expiresAt: '2026-12-31T15:59:59.000Z' }),
          ...keyProblems,
        },
      },
    },
    async (request) => apiKeys.setExpiry(request.params.id, expiryOf(request.body), actorOf(request)),
  );
}

function expiryOf(body: KeyExpiry): KeyExpiry {
  return {
    ...(body.expiresIn === undefined ? {} : { expiresIn: body.expiresIn }),
    ...(body.expiresAt === undefined ? {} : { expiresAt: body.expiresAt }),
  };
}
