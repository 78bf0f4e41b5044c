import { POLARITIES, PUBLICATION_LEVELS, RETENTION_STARTS } from './pack.js';
import { SUBJECT_KINDS } from '../subject-kind.js';

/**
 * JSON Schemas (draft 2020-12) for the files of a jurisdiction pack.
 * Objects are closed (`additionalProperties: false`) so that a pack cannot carry
 * fields the core does not understand, e.g. a rule reaching relatives.
 */

const DOTTED_CODE = '^[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)+$';
const PLAIN_CODE = '^[a-z][a-z0-9_-]*$';

const localisedText = {
  type: 'object',
  required: ['en', 'zh'],
  additionalProperties: false,
  properties: { en: { type: 'string', minLength: 1 }, zh: { type: 'string', minLength: 1 } },
} as const;

const legalBasis = {
  type: 'object',
  required: ['citation'],
  additionalProperties: false,
  properties: { citation: { type: 'string', minLength: 3 }, url: { type: 'string', format: 'uri' } },
} as const;

const subjectKinds = {
  type: 'array',
  minItems: 1,
  uniqueItems: true,
  items: { enum: SUBJECT_KINDS },
} as const;

const codeList = (pattern: string) => ({ type: 'array', uniqueItems: true, items: { type: 'string', pattern } }) as const;

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
  required: ['id', 'version', 'title', 'identifierSchemes', 'disputes'],
  additionalProperties: false,
  properties: {
    id: { type: 'string', pattern: PLAIN_CODE },
    version: { type: 'string', minLength: 1 },
    title: localisedText,
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
      name: localisedText,
      sector: { type: 'string', pattern: PLAIN_CODE },
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
      'code', 'title', 'category', 'subjectKinds', 'polarity', 'payloadSchema',
      'legalBasis', 'retention', 'publication', 'disputeSuspends',
    ],
    additionalProperties: false,
    properties: {
      code: { type: 'string', pattern: DOTTED_CODE },
      title: localisedText,
      description: localisedText,
      // Allowed categories are a policy rule, reported with the principle by checkPackPolicy.
      category: { type: 'string' },
      subjectKinds,
      polarity: { enum: POLARITIES },
      payloadSchema,
      legalBasis,
      retention: {
        type: 'object',
        required: ['years', 'from'],
        additionalProperties: false,
        properties: {
          years: { type: 'integer', minimum: 1, maximum: 100 },
          from: { enum: RETENTION_STARTS },
          endedBy: {
            type: 'object',
            required: ['recordTypes'],
            additionalProperties: false,
            properties: {
              recordTypes: { type: 'array', minItems: 1, items: { type: 'string', minLength: 1 } },
              matchOn: { type: 'string', minLength: 1 },
            },
          },
        },
      },
      publication: { enum: PUBLICATION_LEVELS },
      disputeSuspends: { type: 'boolean' },
    },
  },
} as const;

export const actionsSchema = {
  type: 'array',
  items: {
    type: 'object',
    required: ['code', 'title'],
    additionalProperties: false,
    properties: { code: { type: 'string', pattern: DOTTED_CODE }, title: localisedText },
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
      title: localisedText,
      actions: { ...codeList(DOTTED_CODE), minItems: 1 },
      legalBasis,
    },
  },
} as const;

export const listsSchema = {
  type: 'array',
  items: {
    type: 'object',
    required: [
      'code', 'title', 'legalBasis', 'subjectKinds', 'addedBy', 'removedBy', 'noticeDays',
      'term', 'publication', 'disputeSuspends', 'restrictions',
    ],
    additionalProperties: false,
    properties: {
      code: { type: 'string', pattern: PLAIN_CODE },
      title: localisedText,
      legalBasis,
      subjectKinds,
      addedBy: { ...codeList(DOTTED_CODE), minItems: 1 },
      removedBy: codeList(DOTTED_CODE),
      matchOn: { type: 'string', pattern: '^[a-zA-Z][a-zA-Z0-9_]*$' },
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
          defaultDays: { type: 'integer', minimum: 1 },
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
      name: localisedText,
      sector: { type: 'string', pattern: PLAIN_CODE },
      actions: { ...codeList(DOTTED_CODE), minItems: 1 },
      purposes: { ...codeList(PLAIN_CODE), minItems: 1 },
    },
  },
} as const;

/** One rulebook per file of `rulebooks/`; CEL and references are checked by check-rulebooks. */
export const rulebookSchema = {
  type: 'object',
  required: ['code', 'title', 'subjectKind', 'version', 'effectiveFrom', 'baseScore', 'range', 'bands', 'rules'],
  additionalProperties: false,
  properties: {
    code: { type: 'string', pattern: PLAIN_CODE },
    title: localisedText,
    subjectKind: { enum: SUBJECT_KINDS },
    version: { type: 'string', minLength: 1 },
    effectiveFrom: { type: 'string', format: 'date' },
    baseScore: { type: 'number' },
    range: {
      type: 'object',
      required: ['min', 'max'],
      additionalProperties: false,
      properties: { min: { type: 'number' }, max: { type: 'number' } },
    },
    bands: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        required: ['code', 'min', 'label'],
        additionalProperties: false,
        properties: { code: { type: 'string', pattern: PLAIN_CODE }, min: { type: 'number' }, label: localisedText },
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
          recordTypes: { ...codeList(DOTTED_CODE), minItems: 1 },
          when: { type: 'string', minLength: 1 },
          points: { oneOf: [{ type: 'number' }, { type: 'string', minLength: 1 }] },
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
          cap: { type: 'number', exclusiveMinimum: 0 },
          reason: {
            type: 'object',
            required: ['code', 'text'],
            additionalProperties: false,
            properties: { code: { type: 'string', pattern: '^[A-Z][A-Z0-9_]*$' }, text: localisedText },
          },
        },
      },
    },
  },
} as const;
