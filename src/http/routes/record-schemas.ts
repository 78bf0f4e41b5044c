/** JSON Schemas of the records API, for validation, fast serialisation and the OpenAPI document. */

const itemError = {
  type: 'object',
  required: ['code', 'path', 'message'],
  properties: {
    code: { type: 'string', description: 'stable reason code, see docs/errors.md' },
    path: { type: 'string', description: 'JSON pointer to the field (RFC 6901)' },
    message: { type: 'string' },
  },
} as const;

export const itemResultSchema = {
  type: 'object',
  required: ['index', 'status'],
  properties: {
    index: { type: 'integer', description: '0-based position of the item in the request' },
    line: { type: 'integer', description: '1-based line number (bulk requests only)' },
    status: { enum: ['accepted', 'duplicate', 'rejected'] },
    id: { type: 'string', description: 'record id: new when accepted, the original when duplicate or conflicting' },
    errors: { type: 'array', items: itemError },
  },
} as const;

/**
 * One record as an institution submits it. Documentation only: the fields carry no
 * constraints here, because each item is checked on its own and a bad item must not
 * fail the whole batch (the item's result lists its errors instead).
 */
export const submissionSchema = {
  description:
    'One record; checked item by item, never as a whole batch. A field not listed here is refused (unknown_field), not dropped; ' +
    'text is taken in Unicode NFC (sourceRef and name trimmed) and may not hold control, zero-width or bidirectional characters.',
  properties: {
    type: { description: 'record type code from the catalog (string)', examples: ['court.judgment_unperformed'] },
    sourceRef: { description: "the institution's own reference, unique per institution (string)", examples: ['(2025)沪0115执123号'] },
    subject: { description: 'identifier of the subject: { scheme, value, name? }', examples: [{ scheme: 'CN-RIC', value: '11010519491231002X', name: '张三' }] },
    effectiveAt: { description: 'valid time: RFC 3339 date-time with offset', examples: ['2025-03-01T00:00:00Z'] },
    payload: { description: "object matching the record type's payload schema" },
  },
} as const;

export const batchResponseSchema = {
  type: 'object',
  required: ['accepted', 'duplicates', 'rejected', 'results'],
  properties: {
    accepted: { type: 'integer' },
    duplicates: { type: 'integer' },
    rejected: { type: 'integer' },
    results: { type: 'array', items: itemResultSchema },
  },
} as const;

const version = {
  type: 'object',
  required: ['version', 'action', 'effectiveAt', 'recordedAt', 'payload'],
  properties: {
    version: { type: 'integer' },
    action: { enum: ['submitted', 'corrected', 'withdrawn'] },
    effectiveAt: { type: 'string', format: 'date-time', description: 'valid time' },
    recordedAt: { type: 'string', format: 'date-time', description: 'recorded time' },
    payload: { type: 'object', additionalProperties: true },
    reason: { type: 'string' },
  },
} as const;

export const recordSchema = {
  type: 'object',
  required: ['id', 'type', 'institution', 'sourceRef', 'subjectId', 'status', 'versions'],
  properties: {
    id: { type: 'string' },
    type: { type: 'string' },
    institution: { type: 'string' },
    sourceRef: { type: 'string' },
    subjectId: { type: 'string', description: 'opaque internal subject id' },
    status: { enum: ['active', 'corrected', 'withdrawn'] },
    versions: { type: 'array', items: version, description: 'every version, oldest first' },
  },
} as const;

export const recordIdParams = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string', pattern: '^[0-9A-Za-z]{1,64}$' } },
} as const;

export const correctionSchema = {
  type: 'object',
  required: ['payload', 'reason'],
  additionalProperties: false,
  properties: {
    payload: { type: 'object', description: 'the full corrected payload' },
    reason: { type: 'string', minLength: 1, maxLength: 2000 },
    effectiveAt: { type: 'string', format: 'date-time', description: 'corrected valid time, if that changed' },
  },
} as const;

export const withdrawalSchema = {
  type: 'object',
  required: ['reason'],
  additionalProperties: false,
  properties: { reason: { type: 'string', minLength: 1, maxLength: 2000 } },
} as const;
