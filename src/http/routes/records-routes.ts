import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { SchemaTypeProvider } from '../schema-type-provider.js';
import { recordStatus, type StoredRecord } from '../../domain/records/record.js';
import { ProbityError } from '../../errors.js';
import type { Registry } from '../../registry.js';
import { bulkIngest, lineOf } from '../../services/bulk-ingest.js';
import { summarise, type IngestSummary } from '../../services/record-ingest.js';
import { callerOf, requireRole } from '../authenticate.js';
import { ndjsonBody } from '../ndjson-body.js';
import {
  batchResponseSchema,
  bulkAnswerSchema,
  correctedRecordExample,
  correctionSchema,
  recordExample,
  recordIdParams,
  recordSchema,
  submissionSchema,
  submissionsExample,
  withdrawalSchema,
  withdrawnRecordExample,
} from './record-schemas.js';
import { withExample } from './with-example.js';

export const MAX_BATCH = 1000;
/** Lines per transaction of a bulk request: small enough that results flow back steadily. */
const BULK_BATCH = 1000;

const problemResponses = {
  400: { $ref: 'Problem#' },
  401: { $ref: 'Problem#' },
  403: { $ref: 'Problem#' },
} as const;
/** The record id of a correction or withdrawal: the route's pattern already limits it. */
const idParams = { type: 'object', required: ['id'], properties: { id: { type: 'string' } } } as const;

/**
 * Records in (POST /v1/records, /v1/records:bulk), corrections, withdrawals and history; bulk lines
 * at most `maxLineBytes` long.
 */
export function recordsRoutes(untyped: FastifyInstance, registry: Registry, maxLineBytes: number): void {
  const app = untyped.withTypeProvider<SchemaTypeProvider>();
  const institutionOnly = requireRole(registry.apiKeys, 'institution');

  // Items are checked one by one (checksItemsOneByOne): the body schema documents an item, it does not type one.
  app.post<{ Body: unknown[] }>(
    '/v1/records',
    {
      preHandler: institutionOnly,
      config: { checksItemsOneByOne: true },
      schema: {
        summary: 'Submit up to 1,000 records',
        description:
          'Each item is checked on its own: valid items are stored in one transaction; the ' +
          'answer gives every item its status, id, or reasons with the field path. Resubmitting ' +
          'the same (institution, sourceRef) answers duplicate with the original id.',
        tags: ['records'],
        security: [{ apiKey: [] }],
        body: { type: 'array', maxItems: MAX_BATCH, items: submissionSchema, examples: [submissionsExample] },
        response: { 200: batchResponseSchema, ...problemResponses },
      },
    },
    async (request) => {
      const institution = callerOf(request).principal;
      const results = await registry.ingest.ingest(request.body.map((raw, index) => ({ index, institution, raw })));
      return { ...summarise(results), results };
    },
  );

  // NDJSON in and out: the body is a stream, and the answer a stream its schema describes only as text.
  untyped.post(
    '/v1/records::bulk',
    {
      preHandler: institutionOnly,
      schema: {
        summary: 'Submit any number of records as NDJSON',
        description:
          'Send `application/x-ndjson`, one record per line. The answer streams one NDJSON result ' +
          'per line, in order, each once its batch is durable, and ends with `{"summary": {...}}`. ' +
          'A bad line gets a rejected result with its line number; the rest go on.',
        tags: ['records'],
        security: [{ apiKey: [] }],
        consumes: ['application/x-ndjson'],
        produces: ['application/x-ndjson'],
        response: { 200: bulkAnswerSchema },
      },
    },
    async (request, reply) => {
      const institution = callerOf(request).principal;
      if (!request.headers['content-type']?.startsWith('application/x-ndjson')) {
        throw new ProbityError(
          'unsupported_media_type',
          'send the records as application/x-ndjson, one JSON object per line',
        );
      }
      const { lines, drain } = ndjsonBody(request.body as Readable, maxLineBytes);
      async function* answer(): AsyncGenerator<string> {
        let totals: IngestSummary = { accepted: 0, duplicates: 0, rejected: 0 };
        try {
          for await (const results of bulkIngest(registry.ingest, registry.catalog, lines, {
            institution,
            batchSize: BULK_BATCH,
          })) {
            totals = summarise(results, totals);
            yield results.map((result) => JSON.stringify({ ...result, line: lineOf(result) })).join('\n') + '\n';
          }
          yield JSON.stringify({ summary: totals }) + '\n';
        } catch (error) {
          drain();
          // Results already sent are durable; say where the stream stopped so the client can resume.
          request.log.error({ err: error }, 'bulk ingest failed');
          yield (
            JSON.stringify({ summary: totals, error: { type: '/problems/internal', requestId: request.id } }) + '\n'
          );
        }
      }
      return reply.type('application/x-ndjson').send(Readable.from(answer()));
    },
  );

  app.get(
    '/v1/records/:id',
    {
      preHandler: institutionOnly,
      schema: {
        summary: 'A record and its version history',
        tags: ['records'],
        security: [{ apiKey: [] }],
        params: recordIdParams,
        response: { 200: withExample(recordSchema, recordExample), 404: { $ref: 'Problem#' }, ...problemResponses },
      },
    },
    async (request) => {
      // A read of personal data: the answer leaves only once its audit entry is durable.
      return recordView(await registry.reads.record(callerOf(request).principal, request.params.id));
    },
  );

  app.post(
    '/v1/records/:id(^[0-9A-Za-z]{1,64})::correct',
    {
      preHandler: institutionOnly,
      schema: {
        summary: 'Correct a record (adds a version)',
        tags: ['records'],
        security: [{ apiKey: [] }],
        params: idParams,
        body: correctionSchema,
        response: {
          200: withExample(recordSchema, correctedRecordExample),
          404: { $ref: 'Problem#' },
          409: { $ref: 'Problem#' },
          ...problemResponses,
        },
      },
    },
    async (request) => {
      const { payload, reason, effectiveAt } = request.body;
      const corrected = await registry.changes.correct(callerOf(request).principal, request.params.id, {
        payload,
        reason,
        ...(effectiveAt === undefined ? {} : { effectiveAt: new Date(effectiveAt).toISOString() }),
      });
      return recordView(corrected);
    },
  );

  app.post(
    '/v1/records/:id(^[0-9A-Za-z]{1,64})::withdraw',
    {
      preHandler: institutionOnly,
      schema: {
        summary: 'Withdraw a record (adds a version)',
        tags: ['records'],
        security: [{ apiKey: [] }],
        params: idParams,
        body: withdrawalSchema,
        response: {
          200: withExample(recordSchema, withdrawnRecordExample),
          404: { $ref: 'Problem#' },
          409: { $ref: 'Problem#' },
          ...problemResponses,
        },
      },
    },
    async (request) =>
      recordView(await registry.changes.withdraw(callerOf(request).principal, request.params.id, request.body.reason)),
  );
}

function recordView(record: StoredRecord) {
  return {
    id: record.id,
    type: record.type,
    institution: record.institution,
    sourceRef: record.sourceRef,
    subjectId: record.subjectId,
    status: recordStatus(record),
    versions: record.versions,
  };
}
