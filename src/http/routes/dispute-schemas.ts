import { DISPUTE_OUTCOMES, GROUNDS_MAX_CHARACTERS } from '../../domain/disputes/dispute.js';
import { EVIDENCE_MEDIA_TYPES } from '../../domain/disputes/evidence.js';
import { listAnswerSchema } from './list-answer-schema.js';
import { withExample } from './with-example.js';

/**
 * JSON Schemas of the disputes API (a dispute as its parties see it, its evidence), with examples
 * from the demo pack.
 */

const time = { type: 'string', format: 'date-time' } as const;

/** A subject's dispute of a fare-evasion record, just filed: what every dispute example starts from. */
const FILED = {
  id: '01JQ4B7N2XK8D5R3T6V9W1Y4ZA',
  subjectId: '01JQ3Z8K6J5V4T2N9M7B5X1C3D',
  target: { kind: 'record', recordId: '01JQ3ZA4M7P2R5T8V1X4Z7B0C3' },
  institution: 'sh-transport',
  grounds: '我误用了儿子的交通卡，已当场补票。',
  statement: '交通卡为儿子所有，票款已补。',
  suspends: true,
  filedAt: '2026-03-22T09:00:00.000Z',
  deadline: '2026-04-21T09:00:00.000Z',
  answer: null,
  decision: null,
  status: 'open',
} as const;
const ANSWERED = {
  ...FILED,
  answer: { kind: 'verify', reason: '闸机记录显示该卡当日未刷卡进站。', answeredAt: '2026-03-30T02:15:00.000Z' },
  status: 'answered',
} as const;
const DECIDED = {
  ...ANSWERED,
  decision: {
    outcome: 'rejected',
    reasons: '闸机记录可信，申诉理由不成立。',
    reviewer: 'reviewer-chen',
    decidedAt: '2026-04-08T06:40:00.000Z',
  },
  status: 'decided',
} as const;

/** A dispute with the status it has now (disputeView). */
export const disputeSchema = {
  type: 'object',
  required: [
    'id',
    'subjectId',
    'target',
    'institution',
    'grounds',
    'statement',
    'suspends',
    'filedAt',
    'deadline',
    'answer',
    'decision',
    'status',
  ],
  additionalProperties: false,
  properties: {
    id: { type: 'string' },
    subjectId: { type: 'string' },
    target: {
      type: 'object',
      required: ['kind', 'recordId'],
      description: 'the disputed record, or list entry with the record behind it',
      additionalProperties: false,
      properties: {
        kind: { enum: ['record', 'list_entry'] },
        recordId: { type: 'string' },
        entryId: { type: 'string' },
      },
    },
    institution: { type: 'string', description: 'the source institution, which must answer' },
    grounds: { type: 'string' },
    statement: { type: ['string', 'null'], description: 'shown beside the record while it stands' },
    suspends: { type: 'boolean', description: 'whether the item stops counting while the dispute is open' },
    filedAt: time,
    deadline: time,
    answer: {
      type: ['object', 'null'],
      required: ['kind', 'reason', 'answeredAt'],
      additionalProperties: false,
      properties: { kind: { enum: ['verify', 'correct', 'withdraw'] }, reason: { type: 'string' }, answeredAt: time },
    },
    decision: {
      type: ['object', 'null'],
      required: ['outcome', 'reasons', 'reviewer', 'decidedAt'],
      additionalProperties: false,
      properties: {
        outcome: { enum: [...DISPUTE_OUTCOMES] },
        reasons: { type: 'string' },
        reviewer: { type: 'string' },
        decidedAt: time,
      },
    },
    status: { enum: ['open', 'answered', 'lapsed', 'decided'] },
  },
} as const;

export const filedDisputeSchema = withExample(disputeSchema, FILED);
export const answeredDisputeSchema = withExample(disputeSchema, ANSWERED);
export const decidedDisputeSchema = withExample(disputeSchema, DECIDED);

export const disputeListSchema = listAnswerSchema('disputes', disputeSchema, { disputes: [ANSWERED] });

export const addedEvidenceSchema = listAnswerSchema(
  'evidence',
  {
    type: 'object',
    required: ['id', 'disputeId', 'subjectId', 'mediaType', 'size', 'sha256', 'addedAt'],
    additionalProperties: false,
    properties: {
      id: { type: 'string' },
      disputeId: { type: 'string' },
      subjectId: { type: 'string' },
      mediaType: { enum: [...EVIDENCE_MEDIA_TYPES], description: 'as the content shows, never as the name says' },
      size: { type: 'integer', description: 'bytes' },
      sha256: { type: 'string', description: 'hex SHA-256 of the content, as stored and logged' },
      addedAt: time,
    },
  },
  {
    evidence: [
      {
        id: '01JQ4B9C3D5F7H9K1M3P5R7T9V',
        disputeId: FILED.id,
        subjectId: FILED.subjectId,
        mediaType: 'application/pdf',
        size: 48213,
        sha256: '56c2ac043c28d3543275a6f50b593a6beb0b6888ed8159ac02e3e7f4a32ccb26',
        addedAt: '2026-03-22T09:03:00.000Z',
      },
    ],
  },
);

/** A file as sent back: its bytes, of the checked type (the example is the start of a PDF). */
export const evidenceFileSchema = {
  type: 'string',
  format: 'binary',
  description: 'The file exactly as the subject added it, as an attachment; Content-Type is its checked type.',
  examples: ['%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n'],
} as const;

/** POST /v1/me/disputes: the disputed record or entry, and why. */
export const disputeBodySchema = {
  type: 'object',
  required: ['grounds'],
  additionalProperties: false,
  properties: {
    recordId: { type: 'string', maxLength: 64 },
    entryId: { type: 'string', maxLength: 64 },
    grounds: { type: 'string', minLength: 1, maxLength: GROUNDS_MAX_CHARACTERS },
    statement: {
      type: 'string',
      maxLength: 2_000,
      description: 'shown beside the record while it stands; at most 100 words',
    },
  },
  examples: [{ recordId: FILED.target.recordId, grounds: FILED.grounds, statement: FILED.statement }],
} as const;

/** POST /v1/institution/disputes/{id}:answer (DisputeAnswerRequest). */
export const answerBodySchema = {
  type: 'object',
  required: ['kind', 'reason'],
  additionalProperties: false,
  properties: {
    kind: { type: 'string', enum: ['verify', 'correct', 'withdraw'] },
    reason: { type: 'string', minLength: 1, maxLength: 2_000 },
    payload: { type: 'object' },
    effectiveAt: { type: 'string', format: 'date-time' },
  },
  examples: [{ kind: ANSWERED.answer.kind, reason: ANSWERED.answer.reason }],
} as const;

/** POST /v1/disputes/{id}:decide. */
export const decisionBodySchema = {
  type: 'object',
  required: ['outcome', 'reasons'],
  additionalProperties: false,
  properties: {
    outcome: { type: 'string', enum: DISPUTE_OUTCOMES },
    reasons: { type: 'string', minLength: 1, maxLength: 4_000 },
  },
  examples: [{ outcome: DECIDED.decision.outcome, reasons: DECIDED.decision.reasons }],
} as const;
