import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { SchemaTypeProvider } from '../schema-type-provider.js';
import type { Registry } from '../../registry.js';
import { KEY_MAX_AGE_S } from '../cache-headers.js';
import { cursorAlias, cursorOf, cursorProperties, linkNext } from '../pagination.js';
import { callerOf, requireRole } from '../authenticate.js';
import { withExample } from './with-example.js';

const MAX_PAGE = 1000;
const problems = { 400: { $ref: 'Problem#' }, 401: { $ref: 'Problem#' }, 403: { $ref: 'Problem#' } } as const;
const size = { type: 'integer', minimum: 0, maximum: Number.MAX_SAFE_INTEGER } as const;
const proofSchema = {
  type: 'object',
  required: ['hashes'],
  additionalProperties: false,
  properties: { hashes: { type: 'array', items: { type: 'string', contentEncoding: 'base64' } } },
} as const;
const entrySchema = {
  type: 'string',
  description:
    'The audit entry exactly as hashed into the tree: RFC 8785 canonical ' +
    'JSON text (seq, time, actor, action, subject, object, objectHash)',
} as const;

// Examples from a demo log: a checkpoint of 43 entries and entries 9 and 10, about one subject.
/** A checkpoint of the demo log, for the API documentation. */
export const CHECKPOINT_EXAMPLE =
  'probity.localhost/demo-audit-log\n43\nOpfuIiMBLSo3XGcvNvv+izUKAzlHxGld0vgPeobuwOo=\n\n' +
  '\u2014 probity.localhost/demo-audit-log ' +
  'jT46DNrvS3B1qqNEpJV2+VnEYZ/w6zaH5GV0W9olj1WIrv07GKqt5Kdmkd0uVwlmWnXPwCJ3VV4q2ZquVxiXSQqzfw4=\n';
const SUBJECT_ID = '01JQ3Z8K6J5V4T2N9M7B5X1C3D';
const ENTRY_EXAMPLES = [
  {
    seq: 9,
    entry:
      `{"action":"subject.created","actor":{"id":"sh-pudong-court","kind":"institution"},` +
      `"object":{"id":"${SUBJECT_ID}","kind":"subject"},` +
      `"objectHash":"4d67f73e2d7cc0d1864d723b7d6e77855a702123e8f00f5e69c5eb91ceff839d",` +
      `"seq":9,"subject":"${SUBJECT_ID}","time":"2026-03-02T09:00:00.000Z"}`,
  },
  {
    seq: 10,
    entry:
      '{"action":"record.accepted","actor":{"id":"sh-pudong-court","kind":"institution"},' +
      '"object":{"id":"01JQ3Z9A2C4E6G8J0K2M4P6R8T","kind":"record","version":1},' +
      `"objectHash":"0b4476aadb0517ac85c32cfc7821a5b4881b8e249570dc7977e9f88db7577921",` +
      `"seq":10,"subject":"${SUBJECT_ID}","time":"2026-03-02T09:00:00.000Z"}`,
  },
] as const;
// Entries 9 and 10 are siblings in the tree: their proofs differ in the first two hashes only.
const PROOF_TAIL = [
  'C30rbGw0EaZ7NUI+BkQsl6jzOAozW/hWbFkPzECcl9w=',
  'wBsE9jxQf3NaQxbZtvV5PJhbaCwZLNT1K+tKNUwyxKg=',
  'mh8DtM5Tm22ZSJYL40D623TERekl9op8NLwHX5RaJJ4=',
  '+tHvzWzxJety9trMwxExYc4Vru2b2bGv919cE/B89cA=',
] as const;
const PROOF_HEADS = [
  ['3fCMmJQG6qEcmmbDhqiT93ayVJW38wFiHSEmPlNG0S8=', '5Yn27Wai1vafu/XnmfwxNilk3BtuCuW3jth9Ovxx4T0='],
  ['ptS6KdbITwvMKwJIk+SvOPHHhkHO+mar/M+hlP1RqW0=', 'TLnGgeKKrDr52yDcXtI2Ilw3bWQyElpukl2WsCODIGI='],
] as const;

/** The latest signed checkpoint as text, signing a fresh one if the log has grown since. */
export function sendCheckpoint(registry: Registry) {
  return async (_request: FastifyRequest, reply: FastifyReply) =>
    reply.type('text/plain; charset=utf-8').send((await registry.audit.publishCheckpoint()).note);
}

/**
 * The audit log for outside verification: the signed checkpoint and proofs are
 * public (they hold hashes only); entries are for auditor keys.
 */
export function auditRoutes(untyped: FastifyInstance, registry: Registry): void {
  const app = untyped.withTypeProvider<SchemaTypeProvider>();
  const { audit } = registry;
  const auditorOnly = requireRole(registry.apiKeys, 'auditor');

  // A checkpoint changes as the log grows: caches ask each time, and get a 304 while it has not.
  app.get(
    '/v1/audit/checkpoint',
    {
      config: { cache: { maxAgeSeconds: 0 } },
      schema: {
        summary: 'The latest signed checkpoint (C2SP tlog-checkpoint, Ed25519 signed note)',
        tags: ['audit'],
        produces: ['text/plain'],
        response: { 200: { type: 'string', examples: [CHECKPOINT_EXAMPLE] } },
      },
    },
    sendCheckpoint(registry),
  );

  app.get(
    '/v1/audit/key',
    {
      config: { cache: { maxAgeSeconds: KEY_MAX_AGE_S } },
      schema: {
        summary: "The log's verifier key (signed-note vkey)",
        tags: ['audit'],
        produces: ['text/plain'],
        response: {
          200: {
            type: 'string',
            examples: ['probity.localhost/demo-audit-log+8d3e3a0c+AYqI4910CfGV/VLbLTy6XXLKZwm/HZQSG/N0iAG0D29c\n'],
          },
        },
      },
    },
    async (_request, reply) =>
      reply.type('text/plain; charset=utf-8').send(`${registry.signer!.verifier().encode()}\n`),
  );

  app.get(
    '/v1/audit/proof/inclusion',
    {
      schema: {
        summary: 'Inclusion proof of entry `index` in the tree of `size` entries (RFC 9162 order)',
        tags: ['audit'],
        querystring: {
          type: 'object',
          required: ['index', 'size'],
          properties: { index: size, size },
          additionalProperties: false,
        } as const,
        response: { 200: withExample(proofSchema, { hashes: [...PROOF_HEADS[1], ...PROOF_TAIL] }), 400: problems[400] },
      },
    },
    async (request) => audit.inclusionProof(request.query.index, request.query.size),
  );

  app.get(
    '/v1/audit/proof/consistency',
    {
      schema: {
        summary: 'Consistency proof from tree size `from` to tree size `to` (RFC 9162 order)',
        tags: ['audit'],
        querystring: {
          type: 'object',
          required: ['from', 'to'],
          properties: { from: size, to: size },
          additionalProperties: false,
        } as const,
        response: { 200: withExample(proofSchema, { hashes: PROOF_TAIL.slice(0, 2) }), 400: problems[400] },
      },
    },
    async (request) => audit.consistencyProof(request.query.from, request.query.to),
  );

  app.get(
    '/v1/audit/entries',
    {
      preHandler: auditorOnly,
      schema: {
        summary: 'Entries from seq `cursor` on, at most `limit` (1,000) per page',
        description:
          'Entries hold no names or identifier numbers. Pass `next` as the following ' +
          '`cursor` (or follow the `Link` header); it is null at the end. `start` and ' +
          '`end` (entries start <= seq < end) are the old names, accepted until version 2.',
        tags: ['audit'],
        security: [{ apiKey: [] }],
        querystring: {
          type: 'object',
          properties: {
            ...cursorProperties(MAX_PAGE),
            ...cursorAlias('start'),
            end: { ...size, deprecated: true, description: 'Old bound: entries before this seq; use limit' },
          },
          additionalProperties: false,
        } as const,
        response: {
          200: {
            type: 'object',
            required: ['entries', 'next'],
            additionalProperties: false,
            properties: {
              entries: {
                type: 'array',
                items: {
                  type: 'object',
                  required: ['seq', 'entry'],
                  additionalProperties: false,
                  properties: { seq: { type: 'integer' }, entry: entrySchema },
                },
              },
              next: { type: ['integer', 'null'] },
            },
            examples: [{ entries: ENTRY_EXAMPLES, next: 11 }],
          },
          ...problems,
        },
      },
    },
    async (request, reply) => {
      const start = cursorOf(request.query, 'start');
      const { end, limit = end === undefined ? MAX_PAGE : Math.min(MAX_PAGE, Math.max(0, end - start)) } =
        request.query;
      const page = await audit.entries(start, limit);
      linkNext(request, reply, page.next, ['start', 'end']);
      return page;
    },
  );

  app.get(
    '/v1/audit/subjects/:subjectId',
    {
      preHandler: auditorOnly,
      schema: {
        summary: 'The entries about one subject, each with its inclusion proof in the enclosed checkpoint',
        description:
          'Viewing them is itself logged (audit.subject_viewed), as every read of ' +
          'personal data is. Pages as /v1/audit/entries: `cursor` and `limit` (100 by ' +
          'default), `next` and a `Link` header; `from` is the old name of `cursor`.',
        tags: ['audit'],
        security: [{ apiKey: [] }],
        params: {
          type: 'object',
          required: ['subjectId'],
          properties: { subjectId: { type: 'string', pattern: '^[0-9A-Za-z]{1,64}$' } },
        } as const,
        querystring: {
          type: 'object',
          properties: { ...cursorProperties(MAX_PAGE), ...cursorAlias('from') },
          additionalProperties: false,
        } as const,
        response: {
          200: {
            type: 'object',
            required: ['checkpoint', 'size', 'entries', 'next'],
            additionalProperties: false,
            properties: {
              checkpoint: { type: 'string' },
              size: { type: 'integer' },
              entries: {
                type: 'array',
                items: {
                  type: 'object',
                  required: ['seq', 'entry', 'inclusionProof'],
                  additionalProperties: false,
                  properties: {
                    seq: { type: 'integer' },
                    entry: entrySchema,
                    inclusionProof: { type: 'array', items: { type: 'string' } },
                  },
                },
              },
              next: { type: ['integer', 'null'] },
            },
            examples: [
              {
                checkpoint: CHECKPOINT_EXAMPLE,
                size: 43,
                entries: ENTRY_EXAMPLES.map((entry, i) => ({
                  ...entry,
                  inclusionProof: [...PROOF_HEADS[i]!, ...PROOF_TAIL],
                })),
                next: 16,
              },
            ],
          },
          ...problems,
        },
      },
    },
    async (request, reply) => {
      const from = cursorOf(request.query, 'from');
      const trail = await registry.reads.auditTrail(
        callerOf(request).principal,
        request.params.subjectId,
        from,
        request.query.limit ?? 100,
      );
      linkNext(request, reply, trail.next, ['from']);
      return trail;
    },
  );
}
