import type { FastifyInstance } from 'fastify';
import type { SchemaTypeProvider } from '../schema-type-provider.js';
import { Readable } from 'node:stream';
import { ProbityError, problemType } from '../../errors.js';
import type { Registry } from '../../registry.js';
import type { BatchLineAnswer } from '../../services/batch-screening.js';
import { checkRequestSchema } from '../../domain/checks/check-request.js';
import { callerOf, requireRole } from '../authenticate.js';
import { ndjsonBody } from '../ndjson-body.js';
import { problemFields } from '../problem.js';
import { legalBasisSchema } from './legal-basis-schema.js';
import { localisedSchema } from './localised-schema.js';
import { withExample } from './with-example.js';

// No `required`: a replayed answer (Idempotency-Key) is the JSON kept when it was first given.
const checkAnswerSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    checkId: { type: 'string' },
    decision: { enum: ['allow', 'deny'] },
    restrictions: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        properties: {
          code: { type: 'string' },
          title: localisedSchema,
          list: { type: 'string' },
          entryId: { type: 'string' },
          legalBasis: legalBasisSchema,
          since: { type: 'string' },
          until: { type: 'string' },
          contest: { type: 'string' },
        },
      },
    },
    asOfSequence: { type: 'integer' },
  },
} as const;

// Examples: air-china asks about a listed debtor before selling a ticket.
const CHECK_EXAMPLE = {
  subject: { scheme: 'CN-RIC', value: '11010519491231002X' },
  action: 'air.ticket.any',
  purpose: 'ticket_sale',
  reference: 'PNR-4411',
} as const;
const DENIAL_EXAMPLE = {
  checkId: '01JQ6D4F6H8K0M2P4R6T8V0X2Z',
  decision: 'deny',
  restrictions: [
    {
      code: 'court_ban.premium_transport',
      title: {
        en: 'No air travel, soft-sleeper berths, or second-class or higher cabins on ships',
        zh: '不得乘坐飞机、列车软卧、轮船二等以上舱位',
      },
      list: 'dishonest-judgment-debtors',
      entryId: '01JQ3Z9A2C4E6G8J0K2M4P6R8W',
      legalBasis: {
        citation:
          "Several Provisions of the Supreme People's Court on Restricting High Consumption and Related " +
          'Consumption of Judgment Debtors (Fa Shi [2010] No. 8, amended by Fa Shi [2015] No. 17), Art. 3, item (1)',
      },
      since: '2026-03-01T00:00:00.000Z',
      until: '2028-02-29T00:00:00.000Z',
      contest: 'https://probity.example.cn/me/lists/01JQ3Z9A2C4E6G8J0K2M4P6R8W',
    },
  ],
  asOfSequence: 14,
} as const;

/**
 * The body of POST /v1/checks:batch: NDJSON text, described line by line (OpenAPI 3.1 has no schema
 * for a sequence).
 */
const batchAnswerSchema = {
  type: 'string',
  description:
    'One JSON object per line, in the order of the request: `{"line": N, ...answer as POST /v1/checks}`, ' +
    'or `{"line": N, "error": {problem}}`; last `{"summary": {"checks", "allowed", "denied", "errors"}}`, ' +
    'with `"error": {problem}` when the stream stopped early.',
  examples: [
    `${JSON.stringify({ line: 1, ...DENIAL_EXAMPLE })}\n` +
      JSON.stringify({
        line: 2,
        checkId: '01JQ6D4F6H8K0M2P4R6T8V0X30',
        decision: 'allow',
        restrictions: [],
        asOfSequence: 14,
      }) +
      '\n' +
      '{"line":3,"error":{"type":"/problems/invalid_request",' +
      '"title":"The request does not match its schema","status":400,"detail":"/subject is required"}}\n' +
      '{"summary":{"checks":3,"allowed":1,"denied":1,"errors":1}}\n',
  ],
} as const;

/** Screening for relying parties: may this subject do this action? */
export function checkRoutes(untyped: FastifyInstance, registry: Registry, maxLineBytes: number): void {
  const app = untyped.withTypeProvider<SchemaTypeProvider>();
  app.post(
    '/v1/checks',
    {
      preHandler: requireRole(registry.apiKeys, 'relying_party'),
      schema: {
        summary: 'Screen one subject for one action',
        description:
          'Answers allow or deny with the restrictions that deny, each with the entry behind it and where the ' +
          'subject can contest it. An allow reveals nothing else, not even whether the subject is known. Only ' +
          'actions and purposes the relying party is registered for may be asked (403 otherwise); every check, ' +
          'answered or refused, is in the audit log before the answer. With an `Idempotency-Key` header, a ' +
          'retry of the same check within 24 hours gets the first answer (marked `Idempotent-Replayed: true`) ' +
          'and is not logged again; the same key with another check is refused (422).',
        tags: ['screening'],
        security: [{ apiKey: [] }],
        headers: {
          type: 'object',
          properties: {
            'idempotency-key': {
              type: 'string',
              minLength: 1,
              maxLength: 255,
              pattern: '^[\\x21-\\x7e]+$',
              description: 'Any visible ASCII text, new for each check',
            },
          },
        } as const,
        body: withExample(checkRequestSchema, CHECK_EXAMPLE),
        response: {
          200: withExample(checkAnswerSchema, DENIAL_EXAMPLE),
          400: { $ref: 'Problem#' },
          401: { $ref: 'Problem#' },
          403: { $ref: 'Problem#' },
          409: { $ref: 'Problem#' },
          422: { $ref: 'Problem#' },
          503: { $ref: 'Problem#' },
        },
      },
    },
    async (request, reply) => {
      const relyingParty = callerOf(request).principal;
      const key = request.headers['idempotency-key'];
      if (key === undefined) return registry.screening.check(relyingParty, request.body);
      const { answer, replayed } = await registry.checkReplays.check(relyingParty, request.body, key);
      if (replayed) reply.header('idempotent-replayed', 'true');
      return answer;
    },
  );

  // NDJSON in and out: the body is a stream, and the answer a stream its schema describes only as text.
  untyped.post(
    '/v1/checks::batch',
    {
      preHandler: requireRole(registry.apiKeys, 'relying_party'),
      schema: {
        summary: 'Screen many subjects: one check per NDJSON line',
        description:
          'Send `application/x-ndjson`, one check (as for POST /v1/checks) per line, any number of lines. The ' +
          'answer streams one NDJSON line per check in order, `{"line": N, ...answer}` or ' +
          '`{"line": N, "error": {problem}}` for a bad or refused line (the rest go on), and ends with ' +
          '`{"summary": {"checks", "allowed", "denied", "errors"}}`. Each check is logged before its answer is sent.',
        tags: ['screening'],
        security: [{ apiKey: [] }],
        consumes: ['application/x-ndjson'],
        produces: ['application/x-ndjson'],
        response: { 200: batchAnswerSchema },
      },
    },
    async (request, reply) => {
      if (!request.headers['content-type']?.startsWith('application/x-ndjson')) {
        throw new ProbityError(
          'unsupported_media_type',
          'send the checks as application/x-ndjson, one JSON object per line',
        );
      }
      const { lines, drain } = ndjsonBody(request.body as Readable, maxLineBytes);
      const parts = registry.screening.checkLines(callerOf(request).principal, lines, drain);
      async function* answer(): AsyncGenerator<string> {
        for await (const part of parts) {
          if ('answers' in part) {
            yield part.answers.map((one) => JSON.stringify(batchLine(one))).join('\n') + '\n';
            continue;
          }
          if (part.failure === undefined) {
            yield JSON.stringify({ summary: part.summary }) + '\n';
            continue;
          }
          request.log.error({ err: part.failure }, 'check batch failed');
          const { failure } = part;
          const problem =
            failure instanceof ProbityError
              ? problemFields(failure.code, failure.message, failure.extensions)
              : { type: problemType('internal'), requestId: request.id };
          yield JSON.stringify({ summary: part.summary, error: problem }) + '\n';
        }
      }
      return reply.type('application/x-ndjson').send(Readable.from(answer()));
    },
  );
}

/** The answer line of one batch line. */
function batchLine(one: BatchLineAnswer): object {
  // Unreadable lines keep their own code: not JSON (malformed_line), over the line limit
  // (line_too_long), a refused key (with its pointer).
  if ('unreadable' in one) {
    const { code, message, path } = one.unreadable;
    return { line: one.line, error: problemFields(code, message, path === '' ? {} : { path }) };
  }
  if ('refused' in one)
    return { line: one.line, error: problemFields(one.refused.code, one.refused.message, one.refused.extensions) };
  return { line: one.line, ...one.answer };
}
