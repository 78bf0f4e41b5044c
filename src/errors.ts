/**
 * The registry of error codes. Each code is stable and never reused; its problem
 * type URI is `/problems/<code>` (RFC 9457 §3.1.1) and it is documented in
 * docs/errors.md (a test keeps the two in step).
 */
export const ERROR_CODES = {
  // HTTP and request level
  unauthorized: { status: 401, title: 'Missing or invalid credentials' },
  forbidden: { status: 403, title: 'Not allowed for these credentials' },
  not_found: { status: 404, title: 'No such resource' },
  invalid_request: { status: 400, title: 'The request does not match its schema' },
  payload_too_large: { status: 413, title: 'The request body is too large' },
  unsupported_media_type: { status: 415, title: 'Unsupported content type' },
  record_withdrawn: { status: 409, title: 'The record has been withdrawn' },
  not_ready: { status: 503, title: 'The service is not ready' },
  store_unavailable: { status: 503, title: "The registry's database is unavailable; retry later" },
  rate_limited: { status: 429, title: 'Too many requests from this client' },
  internal: { status: 500, title: 'Internal error' },
  headers_too_large: { status: 431, title: 'The request headers are too large' },
  request_timeout: { status: 408, title: 'The request was not received in time' },
  // Record items (reported per item in a batch, with a JSON pointer to the field)
  malformed_line: { status: 400, title: 'The line is not a JSON object' },
  missing_field: { status: 400, title: 'A required field is missing' },
  unknown_record_type: { status: 400, title: 'The record type is not in the catalog' },
  record_type_not_authorised: { status: 403, title: 'The institution may not submit this record type' },
  unknown_identifier_scheme: { status: 400, title: 'The identifier scheme is not enabled in this jurisdiction' },
  invalid_identifier: { status: 400, title: 'The identifier is not valid for its scheme' },
  subject_kind_not_allowed: { status: 400, title: 'The record type does not apply to this kind of subject' },
  invalid_payload: { status: 400, title: 'The payload does not match the record type schema' },
  invalid_timestamp: { status: 400, title: 'The timestamp is not an RFC 3339 date-time' },
  source_ref_conflict: { status: 409, title: 'The source reference was already used for a different record' },
  institution_mismatch: { status: 403, title: 'The record names another institution than the caller' },
  invalid_field: { status: 400, title: 'A field has the wrong type or form' },
  unknown_field: { status: 400, title: 'A field is not one the record or request defines' },
  line_too_long: { status: 413, title: 'A bulk line is longer than the line limit' },
  // Screening
  action_not_permitted: { status: 403, title: 'The relying party is not registered for this action' },
  purpose_not_permitted: { status: 403, title: 'The relying party is not registered for this purpose' },
  // Portal sign-in
  sign_in_failed: { status: 401, title: 'Signing in with the identity provider failed' },
  sign_in_unavailable: { status: 503, title: 'The identity provider cannot be reached' },
  sign_in_not_configured: { status: 404, title: 'This deployment has no identity provider configured' },
  attestations_unavailable: { status: 503, title: 'This deployment has no attestation signing key' },
  csrf_token_invalid: { status: 403, title: 'The form is missing its CSRF token, or the token does not match' },
  // Disputes
  dispute_exists: { status: 409, title: 'A dispute about this item is still undecided' },
  dispute_closed: { status: 409, title: 'The dispute has been decided' },
  evidence_refused: { status: 415, title: 'The file is not accepted as evidence' },
  evidence_missing: { status: 400, title: 'The evidence upload carries no file' },
  review_conflict: {
    status: 403,
    title: 'A reviewer may not decide a dispute about themselves or their own institution',
  },
  unknown_staff_institution: {
    status: 403,
    title: "The staff member's institution claim names no institution of the pack",
  },
  // Audit log
  invalid_tree_size: { status: 400, title: 'The log has no such entry or tree size' },
  malformed_note: { status: 400, title: 'The signed note or checkpoint is malformed' },
  invalid_signature: { status: 400, title: 'No signature on the note verifies with a known key' },
  invalid_note_key: { status: 400, title: 'The signed-note key is malformed' },
  // Operator level
  invalid_config: { status: 500, title: 'The configuration is invalid' },
  invalid_pack: { status: 500, title: 'The jurisdiction pack is invalid' },
  unknown_institution: { status: 400, title: 'No such institution in the pack' },
  unknown_relying_party: { status: 400, title: 'No such relying party in the pack' },
  key_not_active: { status: 409, title: 'The API key is revoked or expired' },
  idempotency_key_reused: { status: 422, title: 'The Idempotency-Key was already used for a different request' },
  idempotency_in_progress: {
    status: 409,
    title: 'A request with this Idempotency-Key is still being answered; retry later',
  },
} as const satisfies Record<string, { status: number; title: string }>;

export type ErrorCode = keyof typeof ERROR_CODES;

/** The problem type URI of an error code. */
export function problemType(code: ErrorCode): string {
  return `/problems/${code}`;
}

/** An error with a stable code; HTTP maps it to problem+json, the CLI to a one-line message. */
export class ProbityError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly extensions: Readonly<Record<string, unknown>>;

  constructor(code: ErrorCode, detail?: string, extensions: Record<string, unknown> = {}) {
    super(detail ?? ERROR_CODES[code].title);
    this.name = 'ProbityError';
    this.code = code;
    this.status = ERROR_CODES[code].status;
    this.extensions = extensions;
  }
}
