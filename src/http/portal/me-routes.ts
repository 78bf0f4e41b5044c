import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { SchemaTypeProvider } from '../schema-type-provider.js';
import type { Registry } from '../../registry.js';
import type { Subject } from '../../store/store.js';
import { sendProblem } from '../problem.js';
import { assessmentSchema, personAssessmentExample } from '../routes/assessment-routes.js';
import { withExample } from '../routes/with-example.js';
import { accessLogSchema, subjectListEntriesSchema, subjectRecordsSchema } from './me-schemas.js';
import { actingIndex, portalCallerOf, type PortalAuth, type PortalCaller } from './portal-caller.js';

const asQuery = {
  type: 'object',
  properties: {
    as: {
      type: 'integer',
      minimum: 0,
      description: 'which of the caller’s identifiers (0: their own; 1: a company they represent)',
    },
  },
  additionalProperties: false,
} as const;
const problems = { 401: { $ref: 'Problem#' }, 404: { $ref: 'Problem#' } } as const;
const identifier = { type: 'object', properties: { scheme: { type: 'string' }, value: { type: 'string' } } } as const;

/** A request of a route whose querystring is asQuery. */
type AsRequest = FastifyRequest & { query: { as?: number } };

/**
 * The subject API: what the portal pages show, for apps. Authenticated by the portal
 * session cookie or an access token from the identity provider; a caller only ever
 * reaches the subjects their own claims name.
 */
export function meRoutes(untyped: FastifyInstance, registry: Registry, auth: PortalAuth): void {
  const app = untyped.withTypeProvider<SchemaTypeProvider>();
  const { subjectData } = registry;
  const common = { tags: ['subject portal'], security: [{ oidc: [] }], querystring: asQuery };

  /** The caller and the subject they act as; answers 401 itself when nobody is signed in. */
  async function resolve(
    request: AsRequest,
    reply: FastifyReply,
  ): Promise<{ caller: PortalCaller; subject: Subject | undefined } | undefined> {
    const caller = await portalCallerOf(request, auth);
    if (!caller) {
      await sendProblem(
        request,
        reply,
        'unauthorized',
        'sign in to the portal, or send an access token from the identity provider as Authorization: Bearer <token>',
      );
      return undefined;
    }
    const identifier = caller.identity.identities[actingIndex(caller, request.query.as)];
    return { caller, subject: identifier && (await subjectData.subjectOf(identifier)) };
  }

  const needSubject = async (request: AsRequest, reply: FastifyReply) => {
    const resolved = await resolve(request, reply);
    if (!resolved) return undefined;
    if (!resolved.subject) {
      await sendProblem(request, reply, 'not_found', 'Probity holds nothing about this identifier');
      return undefined;
    }
    return resolved.subject;
  };

  app.get(
    '/v1/me',
    {
      schema: {
        ...common,
        summary:
          'Who is signed in: name, identifiers they may act as, ' +
          'staff roles, and whether Probity holds anything about each',
        response: {
          200: {
            type: 'object',
            required: ['name', 'roles', 'identities'],
            additionalProperties: false,
            properties: {
              name: { type: ['string', 'null'] },
              roles: { type: 'array', items: { type: 'string' } },
              identities: {
                type: 'array',
                items: {
                  type: 'object',
                  required: ['scheme', 'value', 'subjectId', 'kind'],
                  additionalProperties: false,
                  properties: {
                    ...identifier.properties,
                    subjectId: { type: ['string', 'null'] },
                    kind: { type: ['string', 'null'] },
                  },
                },
              },
            },
            examples: [
              {
                name: '张三',
                roles: [],
                identities: [
                  {
                    scheme: 'CN-RIC',
                    value: '11010519491231002X',
                    subjectId: '01JQ3Z8K6J5V4T2N9M7B5X1C3D',
                    kind: 'person',
                  },
                  {
                    scheme: 'CN-USCC',
                    value: '91350100M000100Y43',
                    subjectId: '01JQ3Z8M2P4R6T8V0X2Z4B6D8F',
                    kind: 'organization',
                  },
                ],
              },
            ],
          },
          ...problems,
        },
      },
    },
    async (request, reply) => {
      const resolved = await resolve(request, reply);
      if (!resolved) return reply;
      const { identity } = resolved.caller;
      const identities = await Promise.all(
        identity.identities.map(async (id) => {
          const subject = await subjectData.subjectOf(id);
          return { ...id, subjectId: subject?.id ?? null, kind: subject?.kind ?? null };
        }),
      );
      return { name: identity.name, roles: identity.roles, identities };
    },
  );

  app.get(
    '/v1/me/assessment',
    {
      schema: {
        ...common,
        summary: 'My rating now, with the factors that moved it',
        response: { 200: withExample(assessmentSchema, personAssessmentExample), ...problems },
      },
    },
    async (request, reply) => {
      const subject = await needSubject(request, reply);
      if (!subject) return reply;
      const assessment = await subjectData.assessment(subject);
      if (!assessment)
        return sendProblem(request, reply, 'not_found', `no rulebook in effect rates ${subject.kind} subjects`);
      return { subjectId: subject.id, subjectKind: subject.kind, ...assessment };
    },
  );

  app.get(
    '/v1/me/records',
    {
      schema: {
        ...common,
        summary: 'Every record held about me, with its versions and status',
        response: { 200: subjectRecordsSchema, ...problems },
      },
    },
    async (request, reply) => {
      const subject = await needSubject(request, reply);
      if (!subject) return reply;
      const { records } = await subjectData.records(subject);
      return {
        records: records.map(({ record, recordType, status }) => ({
          ...record,
          status,
          category: recordType?.category ?? null,
          legalBasis: recordType?.legalBasis ?? null,
        })),
      };
    },
  );

  app.get(
    '/v1/me/lists',
    {
      schema: {
        ...common,
        summary: 'My list entries, their state and the restrictions they carry',
        response: { 200: subjectListEntriesSchema, ...problems },
      },
    },
    async (request, reply) => {
      const subject = await needSubject(request, reply);
      if (!subject) return reply;
      const entries = await subjectData.listEntries(subject);
      return {
        entries: entries.map(({ entry, list, status }) => ({
          ...entry,
          status,
          restrictions: list?.restrictions ?? [],
          removedByRecordTypes: list?.removedBy ?? [],
        })),
      };
    },
  );

  app.get(
    '/v1/me/access-log',
    {
      schema: {
        ...common,
        summary: 'Who looked at my data, newest first, with the audit-log position of each',
        response: { 200: accessLogSchema, ...problems },
      },
    },
    async (request, reply) => {
      const subject = await needSubject(request, reply);
      if (!subject) return reply;
      return { entries: await subjectData.accessLog(subject) };
    },
  );
}
