import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AuditActor } from '../../domain/audit/audit-entry.js';
import type { Registry } from '../../registry.js';
import type { KeyExpiry } from '../../services/key-lifetime.js';
import type { ApiKeyRole } from '../../store/store.js';
import { callerOf, requireRole } from '../authenticate.js';

const ROLES: readonly ApiKeyRole[] = ['institution', 'relying_party', 'auditor', 'reviewer', 'admin'];
const problems = { 400: { $ref: 'Problem#' }, 401: { $ref: 'Problem#' }, 403: { $ref: 'Problem#' } } as const;
const keyProblems = { ...problems, 404: { $ref: 'Problem#' }, 409: { $ref: 'Problem#' } } as const;
const time = { type: ['string', 'null'], format: 'date-time' } as const;
const expiryProperties = {
  expiresIn: { type: 'string', maxLength: 32, description: 'the key stops after this long: a number and a unit, e.g. 90d, 12h, 30m', examples: ['90d'] },
  expiresAt: { type: 'string', maxLength: 64, description: 'the key stops at this RFC 3339 date-time (give this or expiresIn, not both)' },
} as const;
const keySchema = {
  type: 'object',
  required: ['id', 'role', 'principal', 'createdAt', 'expiresAt', 'revokedAt', 'lastUsedAt', 'status'],
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
  properties: { key: keySchema, secret: { type: 'string', description: 'the bearer secret: shown this once, never stored' } },
} as const;
const idParams = { type: 'object', required: ['id'], properties: { id: { type: 'string' } } } as const;
const KEY_ID = ':id(^[0-9A-Za-z]{1,64})';

type ExpiryBody = { expiresIn?: string; expiresAt?: string } | undefined;

/** Rotation and expiry take optional settings: a POST without a body means none. */
async function noBodyIsEmpty(request: FastifyRequest): Promise<void> {
  request.body ??= {};
}

/**
 * Key management for staff with an `admin` key: list, issue, revoke, rotate, expire. Each step
 * is an audit entry naming the admin key's holder. Only an admin key can issue another admin
 * key; the first one comes from `probity keys issue --admin NAME`.
 */
export function adminKeyRoutes(app: FastifyInstance, registry: Registry): void {
  const { apiKeys } = registry;
  const adminOnly = requireRole(apiKeys, 'admin');
  const actorOf = (request: FastifyRequest): AuditActor => ({ kind: 'staff', id: callerOf(request).principal });
  const common = { tags: ['admin'], security: [{ apiKey: [] }] };

  app.get('/v1/admin/keys', {
    preHandler: adminOnly,
    schema: {
      ...common,
      summary: 'Every API key, oldest first, without secrets',
      response: { 200: { type: 'object', required: ['keys'], properties: { keys: { type: 'array', items: keySchema } } }, ...problems },
    },
  }, async () => ({ keys: await apiKeys.list() }));

  app.post<{ Body: { role: ApiKeyRole; principal: string } & ExpiryBody }>('/v1/admin/keys', {
    preHandler: adminOnly,
    schema: {
      ...common,
      summary: 'Issue a key; its secret is in this answer only',
      body: {
        type: 'object',
        required: ['role', 'principal'],
        additionalProperties: false,
        properties: { role: { type: 'string', enum: ROLES }, principal: { type: 'string', minLength: 1, maxLength: 64 }, ...expiryProperties },
      },
      response: { 201: issuedSchema, ...problems },
    },
  }, async (request, reply) => {
    const { role, principal } = request.body;
    return reply.code(201).send(await apiKeys.issue(role, principal, { expiry: expiryOf(request.body), actor: actorOf(request) }));
  });

  app.post<{ Params: { id: string } }>(`/v1/admin/keys/${KEY_ID}::revoke`, {
    preHandler: adminOnly,
    schema: {
      ...common,
      summary: 'Revoke a key: every server refuses it within a second',
      params: idParams,
      response: { 200: keySchema, ...keyProblems },
    },
  }, async (request) => apiKeys.revoke(request.params.id, actorOf(request)));

  app.post<{ Params: { id: string }; Body: ({ overlap?: string } & ExpiryBody) | undefined }>(`/v1/admin/keys/${KEY_ID}::rotate`, {
    preHandler: adminOnly,
    preValidation: noBodyIsEmpty,
    schema: {
      ...common,
      summary: 'Issue a new key for the same role and holder; the old one works for the overlap (default 24h), then stops',
      params: idParams,
      body: {
        type: 'object',
        additionalProperties: false,
        properties: { overlap: { type: 'string', maxLength: 32, description: 'how long the old key keeps working: 0, or e.g. 24h', examples: ['24h'] }, ...expiryProperties },
      },
      response: { 201: { ...issuedSchema, required: ['key', 'secret', 'previous'], properties: { ...issuedSchema.properties, previous: keySchema } }, ...keyProblems },
    },
  }, async (request, reply) => {
    const overlap = request.body?.overlap;
    const rotated = await apiKeys.rotate(request.params.id, {
      ...(overlap === undefined ? {} : { overlap }), expiry: expiryOf(request.body), actor: actorOf(request),
    });
    return reply.code(201).send(rotated);
  });

  app.post<{ Params: { id: string }; Body: ExpiryBody }>(`/v1/admin/keys/${KEY_ID}::expire`, {
    preHandler: adminOnly,
    preValidation: noBodyIsEmpty,
    schema: {
      ...common,
      summary: 'Set when a key stops (expiresIn or expiresAt), or with neither, clear its expiry',
      params: idParams,
      body: { type: 'object', additionalProperties: false, properties: expiryProperties },
      response: { 200: keySchema, ...keyProblems },
    },
  }, async (request) => apiKeys.setExpiry(request.params.id, expiryOf(request.body), actorOf(request)));
}

function expiryOf(body: ExpiryBody): KeyExpiry {
  return {
    ...(body?.expiresIn === undefined ? {} : { expiresIn: body.expiresIn }),
    ...(body?.expiresAt === undefined ? {} : { expiresAt: body.expiresAt }),
  };
}
