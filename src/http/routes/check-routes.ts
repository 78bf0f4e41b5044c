import type { FastifyInstance } from 'fastify';
import { Readable } from 'node:stream';
import { ProbityError, problemType } from '../../errors.js';
import type { Registry } from '../../registry.js';
import type { SourceLine } from '../../services/bulk-ingest.js';
import type { CheckOutcome } from '../../services/screening.js';
import { checkRequestSchema, type CheckRequest } from '../../domain/checks/check-request.js';
import { callerOf, requireRole } from '../authenticate.js';
import { ndjsonBody } from '../ndjson-body.js';
import { problemFields } from '../problem.js';
import { legalBasisSchema } from './legal-basis-schema.js';
import { localisedSchema } from './localised-schema.js';
import { withExample } from './with-example.js';

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
const CHECK_EXAMPLE = { subject: { scheme: 'CN-RIC', value: '11010519491231002X' }, action: 'air.ticket.any', purpose: 'ticket_sale', reference: 'PNR-4411' } as const;
const DENIAL_EXAMPLE = {
  checkId: '01JQ6D4F6H8K0M2P4R6T8V0X2Z',
  decision: 'deny',
  restrictions: [{
    code: 'court_ban.premium_transport',
    title: { en: 'No air travel, soft-sleeper berths, or second-class or higher cabins on ships', zh: '不得乘坐飞机、列车软卧、轮船二等以上舱位' },
    list: 'dishonest-judgment-debtors',
    entryId: '01JQ3Z9A2C4E6G8J0K2M4P6R8W',
    legalBasis: {
      citation: "Several Provisions of the Supreme People's Court on Restricting High Consumption and Related Consumption of Judgment Debtors " +
        '(Fa Shi [2010] No. 8, amended by Fa Shi [2015] No. 17), Art. 3, item (1)',
    },
    since: '2026-03-01T00:00:00.000Z',
    until: '2028-02-29T00:00:00.000Z',
    contest: 'https://probity.example.cn/me/lists/01JQ3Z9A2C4E6G8J0K2M4P6R8W',
  }],
  asOfSequence: 14,
} as const;

/** The body of POST /v1/checks:batch: NDJSON text, described line by line (OpenAPI 3.1 has no schema for a sequence). */
const batchAnswerSchema = {
  type: 'string',
  description:
    'One JSON object per line, in the order of the request: `{"line": N, ...answer as POST /v1/checks}`, or `{"line": N, "error": {problem}}`; ' +
    'last `{"summary": {"checks", "allowed", "denied", "errors"}}`, with `"error": {problem}` when the stream stopped early.',
  examples: [
    `${JSON.stringify({ line: 1, ...DENIAL_EXAMPLE })}\n` +
      `${JSON.stringify({ line: 2, checkId: '01JQ6D4F6H8K0M2P4R6T8V0X30', decision: 'allow', restrictions: [], asOfSequence: 14 })}\n` +
      '{"line":3,"error":{"type":"/problems/invalid_request","title":"The request does not match its schema","status":400,"detail":"/subject is required"}}\n' +
      '{"summary":{"checks":3,"allowed":1,"denied":1,"errors":1}}\n',
  ],
} as const;

/** Screening for relying parties: may this subject do this action? */
export function checkRoutes(app: FastifyInstance, registry: Registry, maxLineBytes: number): void {
  app.post<{ Body: CheckRequest; Headers: { 'idempotency-key'?: string } }>('/v1/checks', {
    preHandler: requireRole(registry.apiKeys, 'relying_party'),
    schema: {
      summary: 'Screen one subject for one action',
      description:
        'Answers allow or deny with the restrictions that deny, each with the entry behind it and where the subject can contest it. ' +
        'An allow reveals nothing else, not even whether the subject is known. Only actions and purposes the relying party is ' +
        'registered for may be asked (403 otherwise); every check, answered or refused, is in the audit log before the answer. ' +
        'With an `Idempotency-Key` header, a retry of the same check within 24 hours gets the first answer (marked ' +
        '`Idempotent-Replayed: true`) and is not logged again; the same key with another check is refused (422).',
      tags: ['screening'],
      security: [{ apiKey: [] }],
      headers: {
        type: 'object',
        properties: {
          'idempotency-key': { type: 'string', minLength: 1, maxLength: 255, pattern: '^[\\x21-\\x7e]+$', description: 'Any visible ASCII text, new for each check' },
        },
      },
      body: withExample(checkRequestSchema, CHECK_EXAMPLE),
      response: {
        200: withExample(checkAnswerSchema, DENIAL_EXAMPLE),
        400: { $ref: 'Problem#' }, 401: { $ref: 'Problem#' }, 403: { $ref: 'Problem#' }, 409: { $ref: 'Problem#' }, 422: { $ref: 'Problem#' },
        503: { $ref: 'Problem#' },
      },
    },
  }, async (request, reply) => {
    const relyingParty = callerOf(request).principal;
    const key = request.headers['idempotency-key'];
    if (key === undefined) return registry.screening.check(relyingParty, request.body);
    const { answer, replayed } = await registry.checkReplays.check(relyingParty, request.body, key);
    if (replayed) reply.header('idempotent-replayed', 'true');
    return answer;
  });

  app.post('/v1/checks::batch', {
    preHandler: requireRole(registry.apiKeys, 'relying_party'),
    schema: {
      summary: 'Screen many subjects: one check per NDJSON line',
      description:
        'Send `application/x-ndjson`, one check (as for POST /v1/checks) per line, any number of lines. The answer streams one NDJSON ' +
        'line per check in order, `{"line": N, ...answer}` or `{"line": N, "error": {problem}}` for a bad or refused line (the rest go on), ' +
        'and ends with `{"summary": {"checks", "allowed", "denied", "errors"}}`. Each check is logged before its answer is sent.',
      tags: ['screening'],
      security: [{ apiKey: [] }],
      consumes: ['application/x-ndjson'],
      produces: ['application/x-ndjson'],
      response: { 200: batchAnswerSchema },
    },
  }, async (request, reply) => {
    if (!request.headers['content-type']?.startsWith('application/x-ndjson')) {
      throw new ProbityError('unsupported_media_type', 'send the checks as application/x-ndjson, one JSON object per line');
    }
    const relyingParty = callerOf(request).principal;
    const { lines, drain } = ndjsonBody(request.body as Readable, maxLineBytes);
    const summary = { checks: 0, allowed: 0, denied: 0, errors: 0 };
    async function* answer(): AsyncGenerator<string> {
      // The next chunk is screened while the one before is being made durable (a PostgreSQL
      // commit is a wait, not work); answers still leave in order, each after its log entry.
      const inFlight: Promise<string>[] = [];
      try {
        for await (const chunk of chunks(lines, registry.store.readsPerAppend)) {
          const screened = registry.screening.checkMany(relyingParty, chunk.map((line) => ('error' in line ? undefined : line.value)));
          inFlight.push(screened.then((outcomes) => chunk.map((line, i) => JSON.stringify(batchLine(line, outcomes[i]!, summary))).join('\n') + '\n'));
          // Settled later in order; a failure is met there, not as an unhandled rejection now.
          inFlight.at(-1)!.catch(() => {});
          if (inFlight.length === CHUNKS_IN_FLIGHT) yield await inFlight.shift()!;
        }
        while (inFlight.length > 0) yield await inFlight.shift()!;
        yield JSON.stringify({ summary }) + '\n';
      } catch (error) {
        drain();
        // Chunks screened ahead of the failure were logged: they are answered too (each line
        // carries its number), then the stream says where it stopped.
        for (const ahead of inFlight) {
          const answered = await ahead.catch(() => undefined);
          if (answered !== undefined) yield answered;
        }
        request.log.error({ err: error }, 'check batch failed');
        const problem = error instanceof ProbityError ? problemFields(error.code, error.message, error.extensions) : { type: problemType('internal'), requestId: request.id };
        yield JSON.stringify({ summary, error: problem }) + '\n';
      }
    }
    return reply.type('application/x-ndjson').send(Readable.from(answer()));
  });
}

/** Chunks of a batch (each screened and logged in one call, as many checks as the store logs best at once) screened at a time. */
const CHUNKS_IN_FLIGHT = 2;

async function* chunks<T>(items: AsyncIterable<T>, size: number): AsyncGenerator<T[]> {
  let chunk: T[] = [];
  for await (const item of items) {
    chunk.push(item);
    if (chunk.length === size) {
      yield chunk;
      chunk = [];
    }
  }
  if (chunk.length > 0) yield chunk;
}

/** The answer line of one batch line, counted into the summary. */
function batchLine(line: SourceLine, outcome: CheckOutcome, summary: { checks: number; allowed: number; denied: number; errors: number }): object {
  summary.checks++;
  if ('error' in line) {
    summary.errors++;
    // Its own code: not JSON (malformed_line), over the line limit (line_too_long), a refused key (with its pointer).
    const { code, message, path } = line.error;
    return { line: line.line, error: problemFields(code, message, path === '' ? {} : { path }) };
  }
  if (!outcome.ok) {
    summary.errors++;
    return { line: line.line, error: problemFields(outcome.error.code, outcome.error.message, outcome.error.extensions) };
  }
  if (outcome.answer.decision === 'allow') summary.allowed++;
  else summary.denied++;
  return { line: line.line, ...outcome.answer };
}
