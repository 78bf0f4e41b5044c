import type { FastifyInstance } from 'fastify';
import type { Registry } from '../../registry.js';
import type { CheckRequest } from '../../services/screening.js';
import { callerOf, requireRole } from '../authenticate.js';

const localised = { type: 'object', properties: { en: { type: 'string' }, zh: { type: 'string' } } } as const;
export const checkRequestSchema = {
  type: 'object',
  required: ['subject', 'action', 'purpose'],
  additionalProperties: false,
  properties: {
    subject: {
      type: 'object',
      required: ['scheme', 'value'],
      additionalProperties: false,
      properties: { scheme: { type: 'string', maxLength: 32 }, value: { type: 'string', maxLength: 64 } },
    },
    action: { type: 'string', minLength: 1, maxLength: 128 },
    purpose: { type: 'string', minLength: 1, maxLength: 128 },
    reference: { type: 'string', maxLength: 128 },
  },
} as const;
const checkAnswerSchema = {
  type: 'object',
  properties: {
    checkId: { type: 'string' },
    decision: { enum: ['allow', 'deny'] },
    restrictions: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          code: { type: 'string' },
          title: localised,
          list: { type: 'string' },
          entryId: { type: 'string' },
          legalBasis: { type: 'object', properties: { citation: { type: 'string' }, url: { type: 'string' } } },
          since: { type: 'string' },
          until: { type: 'string' },
          contest: { type: 'string' },
        },
      },
    },
    asOfSequence: { type: 'integer' },
  },
} as const;

/** Screening for relying parties: may this subject do this action? */
export function checkRoutes(app: FastifyInstance, registry: Registry): void {
  app.post<{ Body: CheckRequest }>('/v1/checks', {
    preHandler: requireRole(registry.apiKeys, 'relying_party'),
    schema: {
      summary: 'Screen one subject for one action',
      description:
        'Answers allow or deny with the restrictions that deny, each with the entry behind it and where the subject can contest it. ' +
        'An allow reveals nothing else, not even whether the subject is known. Only actions and purposes the relying party is ' +
        'registered for may be asked (403 otherwise); every check, answered or refused, is in the audit log before the answer.',
      tags: ['screening'],
      security: [{ apiKey: [] }],
      body: checkRequestSchema,
      response: {
        200: checkAnswerSchema,
        400: { $ref: 'Problem#' }, 401: { $ref: 'Problem#' }, 403: { $ref: 'Problem#' }, 503: { $ref: 'Problem#' },
      },
    },
  }, async (request) => registry.screening.check(callerOf(request).principal, request.body));
}
