import type { FastifyInstance } from 'fastify';
import { ProbityError } from '../../errors.js';
import type { Registry } from '../../registry.js';
import type { RateLimit } from '../rate-limit.js';
import { callerOf, requireRole } from '../authenticate.js';
import { localisedSchema } from './localised-schema.js';

const factor = {
  type: 'object',
  properties: {
    ruleId: { type: 'string' },
    reasonCode: { type: 'string' },
    reasonText: localisedSchema,
    points: { type: 'number' },
    recordIds: { type: 'array', items: { type: 'string' } },
  },
} as const;
export const assessmentSchema = {
  type: 'object',
  properties: {
    subjectId: { type: 'string' },
    subjectKind: { type: 'string' },
    score: { type: 'number' },
    band: { type: 'object', properties: { code: { type: 'string' }, min: { type: 'number' }, label: localisedSchema } },
    rulebookId: { type: 'string' },
    rulebookCode: { type: 'string' },
    rulebookVersion: { type: 'string' },
    asOf: { type: 'string' },
    knownAt: { type: 'string' },
    adverse: { type: 'array', items: factor },
    positive: { type: 'array', items: factor },
    excluded: {
      type: 'array',
      items: {
        type: 'object',
        properties: { recordId: { type: 'string' }, version: { type: 'integer' }, reason: { type: 'string' }, detail: { type: 'string' } },
      },
    },
  },
} as const;
const identifierParams = {
  type: 'object',
  required: ['scheme', 'value'],
  properties: { scheme: { type: 'string', maxLength: 32 }, value: { type: 'string', maxLength: 64 } },
} as const;
const problems = { 400: { $ref: 'Problem#' }, 401: { $ref: 'Problem#' }, 403: { $ref: 'Problem#' }, 404: { $ref: 'Problem#' } } as const;

type Params = { scheme: string; value: string };
type Times = { asOf?: string; knownAt?: string };

/** Ratings with their reasons: any subject for staff (logged), organizations and government bodies for everyone. */
export function assessmentRoutes(app: FastifyInstance, registry: Registry, rateLimit: RateLimit): void {
  app.get<{ Params: Params; Querystring: Times }>('/v1/subjects/:scheme/:value/assessment', {
    preHandler: requireRole(registry.apiKeys, 'reviewer', 'auditor'),
    schema: {
      summary: 'A subject’s rating, the factors behind it and the records left out, as of a valid time and a known time',
      description: 'asOf (valid time) and knownAt (recorded time) default to now. Reading it is logged in the audit log.',
      tags: ['assessments'],
      security: [{ apiKey: [] }],
      params: identifierParams,
      querystring: {
        type: 'object',
        properties: { asOf: { type: 'string', format: 'date-time' }, knownAt: { type: 'string', format: 'date-time' } },
        additionalProperties: false,
      },
      response: { 200: assessmentSchema, ...problems },
    },
  }, async (request) => {
    const { scheme, value } = request.params;
    return registry.reads.assessment(callerOf(request).principal, scheme, value, request.query);
  });

  app.get<{ Params: Params }>('/v1/public/ratings/:scheme/:value', {
    config: { rateLimit },
    schema: {
      summary: 'The current public rating of an organization or government body',
      description: 'Ratings of persons are never public: the subject portal shows a person their own.',
      tags: ['assessments'],
      params: identifierParams,
      response: { 200: assessmentSchema, 404: { $ref: 'Problem#' }, 429: { $ref: 'Problem#' } },
    },
  }, async (request) => {
    const { scheme, value } = request.params;
    const { subject, assessment } = await registry.assessments.ofIdentifier(scheme, value);
    // Same answer as for an unknown identifier: whether a person is registered is not public either.
    if (subject.kind === 'person') throw new ProbityError('not_found', `no subject with ${scheme} identifier ${value}`);
    return { subjectId: subject.id, subjectKind: subject.kind, ...assessment };
  });
}
