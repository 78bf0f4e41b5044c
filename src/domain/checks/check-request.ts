import { createAjv, schemaViolations } from '../json-schema.js';

/** One screening question from a relying party. */
export interface CheckRequest {
  readonly subject: { readonly scheme: string; readonly value: string };
  readonly action: string;
  readonly purpose: string;
  /** The relying party's own reference (a booking number), kept in the log. */
  readonly reference?: string | undefined;
}

/** The JSON Schema of a check: the body of POST /v1/checks and each line of /v1/checks:batch. */
export const checkRequestSchema = {
  type: 'object',
  required: ['subject', 'action', 'purpose'],
  additionalProperties: false,
  properties: {
    subject: {
      type: 'object',
      required: ['scheme', 'value'],
      additionalProperties: false,
      properties: { scheme: { type: 'string', maxLength: 32 }, value: { type: 'string', maxLength: 64 } },
    },
    action: { type: 'string', minLength: 1, maxLength: 128 },
    purpose: { type: 'string', minLength: 1, maxLength: 128 },
    reference: { type: 'string', maxLength: 128 },
  },
} as const;

const validate = createAjv().compile(checkRequestSchema);

/** A raw value as a check request, or the first violation of the schema (`/subject/value is required`). */
export function parseCheckRequest(raw: unknown): { ok: true; request: CheckRequest } | { ok: false; message: string } {
  if (validate(raw)) return { ok: true, request: raw as CheckRequest };
  const [first] = schemaViolations(validate.errors);
  return { ok: false, message: first ? `${first.pointer || '/'} ${first.message}` : 'is not a check request' };
}
