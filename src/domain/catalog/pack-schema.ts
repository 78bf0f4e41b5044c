import { POLARITIES, PUBLICATION_LEVELS, RETENTION_STARTS } from './pack.js';
import { SUBJECT_KINDS } from '../subject-kind.js';

/**
 * JSON Schemas (draft 2020-12) for the files of a jurisdiction pack, and the source of the
 * pack's types (pack.ts reads them with json-schema-to-ts).
 * Objects are closed (`additionalProperties: false`) so that a pack cannot carry
 * fields the core does not understand, e.g. a rule reaching relatives.
 */

const DOTTED_CODE = '^[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)+$';
const PLAIN_CODE = '^[a-z][a-z0-9_-]*$';

/** Text in the languages every page and message is offered in. */
export const localisedTextSchema = {
  type: 'object',
  required: ['en', 'zh'],
  additionalProperties: false,
  properties: { en: { type: 'string', minLength: 1 }, zh: { type: 'string', minLength: 1 } },
} as const;

/** The law, regulation or decision that allows something. */
export const legalBasisSchema = {
  type: 'object',
  required: ['citation'],
  additionalProperties: false,
  properties: {
    citation: { type: 'string', minLength: 3 },
    // The citation in each language, in that language's official form (the Chinese one quotes the
    // title in 《》 and numbers articles 第…条). `citation` stays the text for readers of no other language.
    localCitation: localisedTextSchema,
    url: { type: 'string', format: 'uri' },
  },
} as const;

const subjectKinds = {
  type: 'array',
  minItems: 1,
  uniqueItems: true,
  items: { enum: SUBJECT_KINDS },
} as const;

const codeList = (pattern: string) =>
  ({ type: 'array', uniqueItems: true, items: { type: 'string', pattern } }) as const;

/** A payload schema must describe a closed object, so every field it allows is named and policy-checked. */
const payloadSchema = {
  type: 'object',
  required: ['type', 'properties', 'additionalProperties'],
  properties: {
    type: { const: 'object' },
    properties: { type: 'object' },
    additionalProperties: { const: false },
  },
} as const;

export const manifestSchema = {
  type: 'object',
  required: ['id', 'version', 'title', 'languages', 'identifierSchemes', 'disputes'],
  additionalProperties: false,
  properties: {
    id: { type: 'string', pattern: PLAIN_CODE },
    version: { type: 'string', minLength: 1 },
    title: localisedTextSchema,
    // The languages the jurisdiction speaks (BCP 47 tags), the first its default: e-mails are written
    // in each, in this order; each needs a message catalog (src/messages).
    languages: {
      type: 'array',
      minItems: 1,
      uniqueItems: true,
      items: { type: 'string', pattern: '^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$' },
    },
    identifierSchemes: { type: 'array', minItems: 1, uniqueItems: true, items: { type: 'string' } },
    disputes: {
      type: 'object',
      required: ['deadlineDays', 'dayCount'],
      additionalProperties: false,
      properties: {
        deadlineDays: { type: 'integer', minimum: 1, maximum: 365 },
        dayCount: { enum: ['calendar', 'working'] },
      },
    },
    calendar: {
      type: 'object',
      required: ['timeZone'],
      additionalProperties: false,
      properties: {
        /** The jurisdiction's time zone, an IANA name (`Asia/Shanghai`): pages show times in it. UTC when absent. */
        timeZone: { type: 'string', minLength: 1 },
      },
    },
  },
} as const;

export const institutionsSchema = {
  type: 'array',
  items: {
    type: 'object',
    required: ['code', 'name', 'sector', 'recordTypes'],
    additionalProperties: false,
    properties: {
      code: { type: 'string', pattern: PLAIN_CODE },
      name: localisedTextSchema,
      sector: { type: 'string', pattern: PLAIN_CODE },
      // Record types this institution is authorised to submit (principle 1, provenance).
      recordTypes: { ...codeList(DOTTED_CODE), minItems: 1 },
      // Where disputes about its records are sent (the institution must answer them).
      contactEmail: { type: 'string', format: 'email' },
    },
  },
} as const;

export const recordTypesSchema = {
  type: 'array',
  items: {
    type: 'object',
    required: [
      'code',
      'title',
      'category',
      'subjectKinds',
      'polarity',
      'payloadSchema',
      'legalBasis',
      'retention',
      'publication',
      'disputeSuspends',
    ],
    additionalProperties: false,
    properties: {
      code: { type: 'string', pattern: DOTTED_CODE },
      title: localisedTextSchema,
      description: localisedTextSchema,
      // Allowed categories are a policy rule, reported with the principle by checkPackPolicy.
      category: { type: 'string' },
      subjectKinds,
      polarity: { enum: POLARITIES },
      payloadSchema,
      legalBasis: legalBasisSchema,
      retention: {
        type: 'object',
        required: ['years', 'from'],
        additionalProperties: false,
        properties: {
          years: { type: 'integer', minimum: 1, maximum: 100 },
          from: { enum: RETENTION_STARTS },
          // For `obligation_end`: the later records of the same subject that end the obligation (a
          // judgment performed ends a judgment unperformed); retention counts from the first of them.
          endedBy: {
            type: 'object',
            required: ['recordTypes'],
            additionalProperties: false,
            properties: {
              recordTypes: { type: 'array', minItems: 1, items: { type: 'string', minLength: 1 } },
              // A payload field both records carry that must be equal (a case number), so that
              // performing one judgment does not end another. Without it, any such record does.
              matchOn: { type: 'string', minLength: 1 },
            },
          },
        },
      },
      publication: { enum: PUBLICATION_LEVELS },
      // Whether an open dispute stops the record counting (false: it stays in force, marked disputed).
      disputeSuspends: { type: 'boolean' },
    },
  },
} as const;

/** Something a relying party asks permission for, e.g. `air.ticket.any`. */
export const actionsSchema = {
  type: 'array',
  items: {
    type: 'object',
    required: ['code', 'title'],
    additionalProperties: false,
    properties: {
      code: { type: 'string', pattern: DOTTED_CODE },
      title: localisedTextSchema,
      /** The end of "… checked whether you may …", for the subject's page of who looked (the title when absent). */
      asked: localisedTextSchema,
    },
  },
} as const;

export const restrictionsSchema = {
  type: 'array',
  items: {
    type: 'object',
    required: ['code', 'title', 'actions', 'legalBasis'],
    additionalProperties: false,
    properties: {
      code: { type: 'string', pattern: DOTTED_CODE },
      title: localisedTextSchema,
      actions: { ...codeList(DOTTED_CODE), minItems: 1 },
      legalBasis: legalBasisSchema,
    },
  },
} as const;

export const listsSchema = {
  type: 'array',
  items: {
    type: 'object',
    required: [
      'code',
      'title',
      'legalBasis',
      'subjectKinds',
      'addedBy',
      'removedBy',
      'noticeDays',
      'term',
      'publication',
      'disputeSuspends',
      'restrictions',
    ],
    additionalProperties: false,
    properties: {
      code: { type: 'string', pattern: PLAIN_CODE },
      title: localisedTextSchema,
      legalBasis: legalBasisSchema,
      subjectKinds,
      addedBy: { ...codeList(DOTTED_CODE), minItems: 1 },
      removedBy: codeList(DOTTED_CODE),
      // A payload field the listing and the removing record both carry that must be equal (the
      // case number), so that performing one judgment does not lift another's listing. Without
      // it, a removing record removes every entry of its subject on the list.
      matchOn: { type: 'string', pattern: '^[a-zA-Z][a-zA-Z0-9_]*$' },
      // For an organization listed: the payload field (an object with scheme, value and name) in
      // which the listing decision itself names its legal representative, who then gets an entry
      // of their own (the bans of Fa Shi [2015] No. 17, Art. 3 extend to them). Nobody the
      // decision does not name is ever reached.
      representative: {
        type: 'object',
        required: ['payloadField'],
        additionalProperties: false,
        properties: { payloadField: { type: 'string', pattern: '^[a-zA-Z][a-zA-Z0-9_]*$' } },
      },
      noticeDays: { type: 'integer', minimum: 0, maximum: 365 },
      term: {
        type: 'object',
        required: ['defaultDays'],
        additionalProperties: false,
        properties: {
          // The term applied when the listing record does not set one.
          defaultDays: { type: 'integer', minimum: 1 },
          // A payload field of the listing record that may set the term in days.
          payloadField: { type: 'string', pattern: '^[a-zA-Z][a-zA-Z0-9_]*$' },
        },
      },
      publication: { enum: PUBLICATION_LEVELS },
      disputeSuspends: { type: 'boolean' },
      restrictions: codeList(DOTTED_CODE),
    },
  },
} as const;

export const relyingPartiesSchema = {
  type: 'array',
  items: {
    type: 'object',
    required: ['code', 'name', 'sector', 'actions', 'purposes'],
    additionalProperties: false,
    properties: {
      code: { type: 'string', pattern: PLAIN_CODE },
      name: localisedTextSchema,
      sector: { type: 'string', pattern: PLAIN_CODE },
      actions: { ...codeList(DOTTED_CODE), minItems: 1 },
      purposes: { ...codeList(PLAIN_CODE), minItems: 1 },
    },
  },
} as const;

/** A reason a subject reads: a stable code (upper case) and its words in each language. */
const reasonSchema = {
  type: 'object',
  required: ['code', 'text'],
  additionalProperties: false,
  properties: { code: { type: 'string', pattern: '^[A-Z][A-Z0-9_]*$' }, text: localisedTextSchema },
} as const;

/** One rulebook per file of `rulebooks/`; CEL and references are checked by check-rulebooks. */
export const rulebookSchema = {
  type: 'object',
  required: ['code', 'title', 'subjectKind', 'version', 'effectiveFrom', 'baseScore', 'range', 'bands', 'rules'],
  additionalProperties: false,
  properties: {
    code: { type: 'string', pattern: PLAIN_CODE },
    title: localisedTextSchema,
    subjectKind: { enum: SUBJECT_KINDS },
    version: { type: 'string', minLength: 1 },
    // The first day (YYYY-MM-DD) the rulebook applies to.
    effectiveFrom: { type: 'string', format: 'date' },
    baseScore: { type: 'number' },
    range: {
      type: 'object',
      required: ['min', 'max'],
      additionalProperties: false,
      properties: { min: { type: 'number' }, max: { type: 'number' } },
    },
    // Highest band first; a subject is in the first band whose `min` its score reaches.
    bands: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        required: ['code', 'min', 'label'],
        additionalProperties: false,
        properties: {
          code: { type: 'string', pattern: PLAIN_CODE },
          min: { type: 'number' },
          label: localisedTextSchema,
        },
      },
    },
    rules: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'recordTypes', 'points', 'reason'],
        additionalProperties: false,
        properties: {
          id: { type: 'string', pattern: PLAIN_CODE },
          // What the rule adds or takes and when, as a sentence a citizen reads on the rulebook page
          // ("−10 points if the payment was 90 or more days late, otherwise −4, halving every two years").
          // Plain words only: the `when` and `points` CEL below stay the authority.
          description: localisedTextSchema,
          recordTypes: { ...codeList(DOTTED_CODE), minItems: 1 },
          // CEL over `type`, `payload`, `ageDays` and `status`; the rule applies when true.
          when: { type: 'string', minLength: 1 },
          // Points a matching record adds (negative: adverse), or a CEL expression giving them.
          points: { oneOf: [{ type: 'number' }, { type: 'string', minLength: 1 }] },
          // How the points fade as the record ages: by half-life, or linearly to zero when the
          // record type's retention ends.
          decay: {
            oneOf: [
              {
                type: 'object',
                required: ['halfLifeDays'],
                additionalProperties: false,
                properties: { halfLifeDays: { type: 'number', exclusiveMinimum: 0 } },
              },
              {
                type: 'object',
                required: ['linearToRetentionEnd'],
                additionalProperties: false,
                properties: { linearToRetentionEnd: { const: true } },
              },
            ],
          },
          // The largest absolute total the rule may contribute over all of a subject's records.
          cap: { type: 'number', exclusiveMinimum: 0 },
          reason: reasonSchema,
        },
      },
    },
    // Band ceilings: while the subject has an entry in force on `list`, its band is at most `band`
    // (its score at most the top of that band), whatever its records add up to. The ceiling is the
    // first reason the subject reads; checked by check-rulebooks.
    ceilings: {
      type: 'array',
      items: {
        type: 'object',
        required: ['list', 'band', 'reason'],
        additionalProperties: false,
        properties: {
          list: { type: 'string', pattern: PLAIN_CODE },
          band: { type: 'string', pattern: PLAIN_CODE },
          // A sentence for the rulebook page ("While listed as a dishonest judgment debtor the rating is at most Bad").
          description: localisedTextSchema,
          reason: reasonSchema,
        },
      },
    },
  },
} as const;
