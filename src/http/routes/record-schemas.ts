/**
 * JSON Schemas of the records API, for validation, fast serialisation and the OpenAPI document
 * (examples from the demo pack).
 */

/** A court's listing of a dishonest judgment debtor, as submitted: the first item of the examples. */
const LISTING = {
  type: 'court.dishonest_debtor_listing',
  sourceRef: '(2026)沪0115执123号',
  subject: { scheme: 'CN-RIC', value: '11010519491231002X', name: '张三' },
  effectiveAt: '2026-03-01T00:00:00Z',
  payload: {
    caseNumber: '(2026)沪0115执123号',
    decisionReference: '(2026)沪0115执123号之一',
    obligation: '支付货款人民币100,000元',
    ground: 'able_but_refuses',
  },
} as const;

/** Two records to submit: a listing of a person and one of a company. */
export const submissionsExample = [
  LISTING,
  {
    ...LISTING,
    sourceRef: '(2026)沪0115执456号',
    subject: { scheme: 'CN-USCC', value: '91350100M000100Y43', name: '福州某某贸易有限公司' },
    payload: { ...LISTING.payload, caseNumber: '(2026)沪0115执456号', decisionReference: '(2026)沪0115执456号之一' },
  },
] as const;

const itemError = {
  type: 'object',
  required: ['code', 'path', 'message'],
  additionalProperties: false,
  properties: {
    code: { type: 'string', description: 'stable reason code, see docs/errors.md' },
    path: { type: 'string', description: 'JSON pointer to the field (RFC 6901)' },
    message: { type: 'string' },
  },
} as const;

export const itemResultSchema = {
  type: 'object',
  required: ['index', 'status'],
  additionalProperties: false,
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
    'One record; checked item by item, never as a whole batch. A field not listed here ' +
    'is refused (unknown_field), not dropped; text is taken in Unicode NFC (sourceRef ' +
    'and name trimmed) and may not hold control, zero-width or bidirectional characters.',
  properties: {
    type: { description: 'record type code from the catalog (string)', examples: ['court.judgment_unperformed'] },
    sourceRef: {
      description: "the institution's own reference, unique per institution (string)",
      examples: ['(2025)沪0115执123号'],
    },
    subject: {
      description: 'identifier of the subject: { scheme, value, name? }',
      examples: [{ scheme: 'CN-RIC', value: '11010519491231002X', name: '张三' }],
    },
    effectiveAt: { description: 'valid time: RFC 3339 date-time with offset', examples: ['2025-03-01T00:00:00Z'] },
    payload: { description: "object matching the record type's payload schema" },
  },
} as const;

export const batchResponseSchema = {
  type: 'object',
  required: ['accepted', 'duplicates', 'rejected', 'results'],
  additionalProperties: false,
  properties: {
    accepted: { type: 'integer' },
    duplicates: { type: 'integer' },
    rejected: { type: 'integer' },
    results: { type: 'array', items: itemResultSchema },
  },
  examples: [
    {
      accepted: 1,
      duplicates: 1,
      rejected: 1,
      results: [
        { index: 0, status: 'accepted', id: '01JQ3Z9A2C4E6G8J0K2M4P6R8T' },
        { index: 1, status: 'duplicate', id: '01JQ3Z9A2C4E6G8J0K2M4P6R8V' },
        {
          index: 2,
          status: 'rejected',
          errors: [
            { code: 'missing_field', path: '/effectiveAt', message: 'is required' },
            { code: 'missing_field', path: '/payload', message: 'is required' },
          ],
        },
      ],
    },
  ],
} as const;

/**
 * The body of POST /v1/records:bulk: NDJSON text, described line by line (OpenAPI 3.1 has no schema
 * for a sequence).
 */
export const bulkAnswerSchema = {
  type: 'string',
  description:
    'One JSON object per line, in the order of the request: an item result (index, line, status, id, ' +
    'errors as in POST /v1/records), and last `{"summary": {"accepted", "duplicates", "rejected"}}`, ' +
    'with `"error": {"type", "requestId"}` when the stream stopped early.',
  examples: [
    '{"index":0,"status":"accepted","id":"01JQ3Z9A2C4E6G8J0K2M4P6R8T","line":1}\n' +
      '{"index":1,"status":"duplicate","id":"01JQ3Z9A2C4E6G8J0K2M4P6R8V","line":2}\n' +
      '{"index":2,"status":"rejected","errors":[{"code":"malformed_line","path":"",' +
      '"message":"not valid JSON: Unexpected end of JSON input"}],"line":3}\n' +
      '{"summary":{"accepted":1,"duplicates":1,"rejected":1}}\n',
  ],
} as const;

const version = {
  type: 'object',
  required: ['version', 'action', 'effectiveAt', 'recordedAt', 'payload'],
  additionalProperties: false,
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
  additionalProperties: false,
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

/** The listing above as stored: one version. */
export const recordExample = {
  id: '01JQ3Z9A2C4E6G8J0K2M4P6R8T',
  type: LISTING.type,
  institution: 'sh-pudong-court',
  sourceRef: LISTING.sourceRef,
  subjectId: '01JQ3Z8K6J5V4T2N9M7B5X1C3D',
  status: 'active',
  versions: [
    {
      version: 1,
      action: 'submitted',
      effectiveAt: '2026-03-01T00:00:00.000Z',
      recordedAt: '2026-03-02T09:00:00.000Z',
      payload: LISTING.payload,
    },
  ],
} as const;

const correctionExample = {
  payload: { ...LISTING.payload, obligation: '支付货款人民币98,000元' },
  reason: '被执行人已部分履行，金额更正',
} as const;
const withdrawalExample = { reason: '被执行人已履行全部义务' } as const;

/** The record after the correction below (`corrected` status, a second version). */
export const correctedRecordExample = {
  ...recordExample,
  status: 'corrected',
  versions: [
    ...recordExample.versions,
    {
      version: 2,
      action: 'corrected',
      effectiveAt: '2026-03-01T00:00:00.000Z',
      recordedAt: '2026-03-20T03:12:00.000Z',
      ...correctionExample,
    },
  ],
} as const;

/** The record after the withdrawal below. */
export const withdrawnRecordExample = {
  ...recordExample,
  status: 'withdrawn',
  versions: [
    ...recordExample.versions,
    {
      version: 2,
      action: 'withdrawn',
      effectiveAt: '2026-03-01T00:00:00.000Z',
      recordedAt: '2026-04-02T01:30:00.000Z',
      payload: LISTING.payload,
      ...withdrawalExample,
    },
  ],
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
  examples: [correctionExample],
} as const;

export const withdrawalSchema = {
  type: 'object',
  required: ['reason'],
  additionalProperties: false,
  properties: { reason: { type: 'string', minLength: 1, maxLength: 2000 } },
  examples: [withdrawalExample],
} as const;
