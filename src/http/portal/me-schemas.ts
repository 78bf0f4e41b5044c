import { SUBJECT_KINDS } from '../../domain/subject-kind.js';
import { legalBasisSchema } from '../routes/legal-basis-schema.js';
import { listAnswerSchema } from '../routes/list-answer-schema.js';
import { recordExample, recordSchema } from '../routes/record-schemas.js';

/** JSON Schemas of what the subject API answers about the subject's own data, with examples from the demo pack. */

const time = { type: 'string', format: 'date-time' } as const;
const LISTING_BASIS = {
  citation:
    "Provisions of the Supreme People's Court on Publishing the List of Dishonest Judgment " +
    'Debtors (Fa Shi [2013] No. 17, amended by Fa Shi [2017] No. 7), Arts. 1, 2, 5 and 6; ' +
    "Civil Procedure Law of the People's Republic of China (2023 amendment), Art. 266",
} as const;

/**
 * GET /v1/me/records: each record with its status, and its type's category and legal basis (null
 * for a type the pack no longer has).
 */
export const subjectRecordsSchema = listAnswerSchema(
  'records',
  {
    type: 'object',
    required: [...recordSchema.required, 'subjectKind', 'category', 'legalBasis'],
    additionalProperties: false,
    properties: {
      ...recordSchema.properties,
      status: {
        enum: [...recordSchema.properties.status.enum, 'expired'],
        description: 'expired once the record type’s retention is over',
      },
      subjectKind: { enum: [...SUBJECT_KINDS] },
      category: { type: ['string', 'null'], description: 'the record type’s category in the catalog' },
      legalBasis: { ...legalBasisSchema, type: ['object', 'null'] },
    },
  },
  { records: [{ ...recordExample, subjectKind: 'person', category: 'judicial', legalBasis: LISTING_BASIS }] },
);

/**
 * GET /v1/me/lists: each list entry with its state, the restrictions its list carries and the
 * record types that remove it.
 */
export const subjectListEntriesSchema = listAnswerSchema(
  'entries',
  {
    type: 'object',
    required: [
      'id',
      'listCode',
      'subjectId',
      'basisRecordId',
      'listedAt',
      'activeFrom',
      'until',
      'matchKey',
      'recordedAt',
      'removedAt',
      'removedBy',
      'status',
      'restrictions',
      'removedByRecordTypes',
    ],
    additionalProperties: false,
    properties: {
      id: { type: 'string' },
      listCode: { type: 'string' },
      subjectId: { type: 'string' },
      basisRecordId: { type: 'string' },
      listedAt: { ...time, description: 'the basis decision took effect: the notice period starts' },
      activeFrom: { ...time, description: 'the notice period ends and the restrictions apply' },
      until: { ...time, description: 'the term ends' },
      matchKey: { type: ['string', 'null'], description: 'the case number a removing record must carry' },
      recordedAt: time,
      removedAt: { type: ['string', 'null'], format: 'date-time' },
      removedBy: { type: ['string', 'null'], description: 'the removing record, or the withdrawn basis record' },
      status: { enum: ['pending', 'active', 'suspended', 'removed', 'expired'] },
      restrictions: { type: 'array', items: { type: 'string' }, description: 'restriction codes of the list' },
      removedByRecordTypes: {
        type: 'array',
        items: { type: 'string' },
        description: 'record types that end the entry',
      },
    },
  },
  {
    entries: [
      {
        id: '01JQ3Z9A2C4E6G8J0K2M4P6R8W',
        listCode: 'dishonest-judgment-debtors',
        subjectId: recordExample.subjectId,
        basisRecordId: recordExample.id,
        listedAt: '2026-03-01T00:00:00.000Z',
        activeFrom: '2026-03-01T00:00:00.000Z',
        until: '2028-02-29T00:00:00.000Z',
        matchKey: recordExample.sourceRef,
        recordedAt: '2026-03-02T09:00:00.000Z',
        removedAt: null,
        removedBy: null,
        status: 'active',
        restrictions: [
          'court_ban.premium_transport',
          'court_ban.star_hotel_club_golf',
          'court_ban.high_speed_rail',
          'joint_2016.soe_senior_post',
        ],
        removedByRecordTypes: [
          'court.judgment_performed',
          'court.settlement_agreement_performed',
          'court.listing_revoked',
        ],
      },
    ],
  },
);

/** GET /v1/me/access-log: who read the subject's data, newest first, each at its place in the audit log. */
export const accessLogSchema = listAnswerSchema(
  'entries',
  {
    type: 'object',
    required: ['seq', 'time', 'action', 'actor'],
    additionalProperties: false,
    properties: {
      seq: { type: 'integer', description: 'the audit entry’s position in the log' },
      time,
      action: { type: 'string' },
      actor: {
        type: 'object',
        required: ['kind', 'id'],
        additionalProperties: false,
        properties: { kind: { type: 'string' }, id: { type: 'string' } },
      },
      detail: {
        type: 'object',
        additionalProperties: { type: ['string', 'number', 'null'] },
        description: 'flat facts of the entry, e.g. what a check asked',
      },
    },
  },
  {
    entries: [
      {
        seq: 37,
        time: '2026-03-30T02:15:00.000Z',
        action: 'dispute.read',
        actor: { id: 'sh-transport', kind: 'institution' },
      },
      {
        seq: 29,
        time: '2026-03-22T11:04:00.000Z',
        action: 'list.searched',
        actor: { id: 'anonymous', kind: 'public' },
      },
      {
        seq: 25,
        time: '2026-03-22T09:00:00.000Z',
        action: 'check.performed',
        actor: { id: 'air-china', kind: 'relying_party' },
        detail: {
          action: 'air.ticket.any',
          decision: 'deny',
          purpose: 'ticket_sale',
          reference: '75b398316a27e33e29df3a9c485eeab7',
        },
      },
    ],
  },
);
