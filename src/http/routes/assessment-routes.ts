import type { FastifyInstance } from 'fastify';
import type { SchemaTypeProvider } from '../schema-type-provider.js';
import { ProbityError } from '../../errors.js';
import type { Registry } from '../../registry.js';
import type { RateLimit } from '../rate-limit.js';
import { callerOf, requireRole } from '../authenticate.js';
import { localisedSchema } from './localised-schema.js';
import { withExample } from './with-example.js';

const factor = {
  type: 'object',
  required: ['ruleId', 'reasonCode', 'reasonText', 'points', 'recordIds'],
  additionalProperties: false,
  properties: {
    ruleId: { type: 'string' },
    reasonCode: { type: 'string' },
    reasonText: localisedSchema,
    points: { type: 'number' },
    recordIds: { type: 'array', items: { type: 'string' } },
  },
} as const;
const band = {
  type: 'object',
  required: ['code', 'min', 'label'],
  additionalProperties: false,
  properties: { code: { type: 'string' }, min: { type: 'number' }, label: localisedSchema },
} as const;
export const assessmentSchema = {
  type: 'object',
  required: [
    'subjectId',
    'subjectKind',
    'score',
    'band',
    'rulebookId',
    'rulebookCode',
    'rulebookVersion',
    'asOf',
    'knownAt',
    'adverse',
    'positive',
    'excluded',
  ],
  additionalProperties: false,
  properties: {
    subjectId: { type: 'string' },
    subjectKind: { type: 'string' },
    score: { type: 'number' },
    band,
    rulebookId: { type: 'string' },
    rulebookCode: { type: 'string' },
    rulebookVersion: { type: 'string' },
    asOf: { type: 'string' },
    knownAt: { type: 'string' },
    adverse: { type: 'array', items: factor },
    positive: { type: 'array', items: factor },
    ceiling: {
      description:
        'A band ceiling in force: while the subject is on this list its band is at most `band` (its score at most the ' +
        'top of that band), whatever the factors add up to. `points` is what it took off the score (0 if nothing).',
      type: 'object',
      required: ['listCode', 'band', 'reasonCode', 'reasonText', 'points', 'entryIds', 'recordIds'],
      additionalProperties: false,
      properties: {
        listCode: { type: 'string' },
        band,
        reasonCode: { type: 'string' },
        reasonText: localisedSchema,
        points: { type: 'number' },
        entryIds: { type: 'array', items: { type: 'string' } },
        recordIds: { type: 'array', items: { type: 'string' } },
      },
    },
    excluded: {
      type: 'array',
      items: {
        type: 'object',
        required: ['recordId', 'reason'],
        additionalProperties: false,
        properties: {
          recordId: { type: 'string' },
          version: { type: 'integer' },
          reason: { type: 'string' },
          detail: { type: 'string' },
        },
      },
    },
  },
} as const;

/** A person's rating under the demo pack's rulebook: what the subject and reviewers see. */
export const personAssessmentExample = {
  subjectId: '01JQ3Z8K6J5V4T2N9M7B5X1C3D',
  subjectKind: 'person',
  score: 452,
  band: { code: 'bad', min: 350, label: { en: 'Bad', zh: '较差' } },
  rulebookId: '96d7701400296516088a2250616d79c31fbe4eb12ecf06f7078b5b466b94e6e3',
  rulebookCode: 'persons',
  rulebookVersion: '1.0.0',
  asOf: '2026-03-22T09:00:00.000Z',
  knownAt: '2026-03-22T09:00:00.000Z',
  adverse: [
    {
      ruleId: 'dishonest-debtor-listed',
      reasonCode: 'DISHONEST_DEBTOR_LISTED',
      reasonText: { en: 'You were listed as a dishonest judgment debtor', zh: '被纳入失信被执行人名单' },
      points: -148.24,
      recordIds: ['01JQ3Z9A2C4E6G8J0K2M4P6R8T'],
    },
    {
      ruleId: 'judgment-unperformed',
      reasonCode: 'JUDGMENT_UNPERFORMED',
      reasonText: { en: 'A court judgment against you has not been performed', zh: '存在未履行的生效法律文书确定义务' },
      points: -50.24,
      recordIds: ['01JQ3ZB6D8F0H2K4M6P8R0T2V4'],
    },
  ],
  positive: [],
  excluded: [{ recordId: '01JQ3ZB6D8F0H2K4M6P8R0T2V4', version: 1, reason: 'superseded' }],
  ceiling: {
    listCode: 'dishonest-judgment-debtors',
    band: { code: 'bad', min: 350, label: { en: 'Bad', zh: '较差' } },
    reasonCode: 'LISTED_DISHONEST_DEBTOR',
    reasonText: {
      en: 'While you are on the list of dishonest judgment debtors your rating is at most Bad',
      zh: '被列入失信被执行人名单期间，信用评价最高为较差',
    },
    points: 0,
    entryIds: ['01JQ3Z9A3D5F7H9K1M3P5R7T9V'],
    recordIds: ['01JQ3Z9A2C4E6G8J0K2M4P6R8T'],
  },
} as const;
const organizationAssessmentExample = {
  subjectId: '01JQ3Z8M2P4R6T8V0X2Z4B6D8F',
  subjectKind: 'organization',
  score: 55,
  band: { code: 'c', min: 40, label: { en: 'C', zh: 'C级' } },
  rulebookId: 'ebf3be81d81cac48fbb5979aa8f37912a11483bfe4d6815e641c11ab43676dff',
  rulebookCode: 'organizations',
  rulebookVersion: '1.0.0',
  asOf: '2026-03-22T09:00:00.000Z',
  knownAt: '2026-03-22T09:00:00.000Z',
  adverse: [
    {
      ruleId: 'dishonest-or-restricted',
      reasonCode: 'DISHONEST_DEBTOR_LISTED',
      reasonText: {
        en: 'The organization was listed as a dishonest judgment debtor, restricted, or convicted of refusing to perform a judgment',
        zh: '被纳入失信被执行人名单、被限制高消费或因拒不执行判决裁定被定罪',
      },
      points: -24.71,
      recordIds: ['01JQ3Z9A2C4E6G8J0K2M4P6R8V'],
    },
  ],
  positive: [],
  excluded: [],
} as const;
const identifierParams = {
  type: 'object',
  required: ['scheme', 'value'],
  properties: { scheme: { type: 'string', maxLength: 32 }, value: { type: 'string', maxLength: 64 } },
} as const;
const problems = {
  400: { $ref: 'Problem#' },
  401: { $ref: 'Problem#' },
  403: { $ref: 'Problem#' },
  404: { $ref: 'Problem#' },
} as const;

/** Ratings with their reasons: any subject for staff (logged), organizations and government bodies for everyone. */
export function assessmentRoutes(untyped: FastifyInstance, registry: Registry, rateLimit: RateLimit): void {
  const app = untyped.withTypeProvider<SchemaTypeProvider>();
  app.get(
    '/v1/subjects/:scheme/:value/assessment',
    {
      preHandler: requireRole(registry.apiKeys, 'reviewer', 'auditor'),
      schema: {
        summary:
          'A subject’s rating, the factors behind it and the records left out, as of a valid time and a known time',
        description:
          'asOf (valid time) and knownAt (recorded time) default to now. Reading it is logged in the audit log.',
        tags: ['assessments'],
        security: [{ apiKey: [] }],
        params: identifierParams,
        querystring: {
          type: 'object',
          properties: {
            asOf: { type: 'string', format: 'date-time' },
            knownAt: { type: 'string', format: 'date-time' },
          },
          additionalProperties: false,
        } as const,
        response: { 200: withExample(assessmentSchema, personAssessmentExample), ...problems },
      },
    },
    async (request) => {
      const { scheme, value } = request.params;
      return registry.reads.assessment(callerOf(request).principal, scheme, value, request.query);
    },
  );

  app.get(
    '/v1/public/ratings/:scheme/:value',
    {
      config: { rateLimit },
      schema: {
        summary: 'The current public rating of an organization or government body',
        description: 'Ratings of persons are never public: the subject portal shows a person their own.',
        tags: ['assessments'],
        params: identifierParams,
        response: {
          200: withExample(assessmentSchema, organizationAssessmentExample),
          404: { $ref: 'Problem#' },
          429: { $ref: 'Problem#' },
        },
      },
    },
    async (request) => {
      const { scheme, value } = request.params;
      const { subject, assessment } = await registry.assessments.ofIdentifier(scheme, value);
      // Same answer as for an unknown identifier: whether a person is registered is not public either.
      if (subject.kind === 'person')
        throw new ProbityError('not_found', `no subject with ${scheme} identifier ${value}`);
      return { subjectId: subject.id, subjectKind: subject.kind, ...assessment };
    },
  );
}
