import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import Negotiator from 'negotiator';
import { ERROR_CODES, ProbityError, problemType, type ErrorCode } from '../errors.js';
import { schemaViolations } from '../domain/json-schema.js';

/** An RFC 9457 problem details object, as every API error is answered. */
export interface Problem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly instance: string;
  readonly requestId: string;
  readonly [extension: string]: unknown;
}

/** Renders a problem as an HTML page for a person in a browser; the portal provides one. */
export type ProblemPage = (request: FastifyRequest, reply: FastifyReply, problem: Problem) => Promise<FastifyReply>;

declare module 'fastify' {
  interface FastifyInstance {
    /** How a browser is answered a problem outside the API (see answerProblem); absent without the portal. */
    problemPage?: ProblemPage;
  }
}

/** JSON Schema of a problem body, for the OpenAPI document. */
export const problemSchema = {
  $id: 'Problem',
  type: 'object',
  description: 'RFC 9457 problem details; `type` is stable per error kind and documented in docs/errors.md',
  required: ['type', 'title', 'status', 'detail'],
  properties: {
    type: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    instance: { type: 'string' },
    requestId: { type: 'string' },
  },
  additionalProperties: true,
} as const;

/** The problem fields of an error code (an answer adds where and which request; a line of a batch does not). */
export function problemFields(code: ErrorCode, detail: string, extensions: Readonly<Record<string, unknown>> = {}) {
  const { status, title } = ERROR_CODES[code];
  return { ...extensions, type: problemType(code), title, status, detail };
}

export function sendProblem(
  request: FastifyRequest,
  reply: FastifyReply,
  code: ErrorCode,
  detail: string,
  extensions: Readonly<Record<string, unknown>> = {},
): FastifyReply {
  const problem = problemAnswer(request, reply, code, detail, extensions);
  return reply.code(problem.status).type('application/problem+json').send(problem);
}

/**
 * Like sendProblem, but a person's browser asking for a page outside the API gets an HTML
 * page with the same status and headers. API clients, and any path of the API, keep problem+json.
 */
export async function answerProblem(
  request: FastifyRequest,
  reply: FastifyReply,
  code: ErrorCode,
  detail: string,
  extensions: Readonly<Record<string, unknown>> = {},
): Promise<FastifyReply> {
  const page = request.server.problemPage;
  if (!page || !prefersPage(request)) return sendProblem(request, reply, code, detail, extensions);
  const problem = problemAnswer(request, reply, code, detail, extensions);
  try {
    return await page(request, reply, problem);
  } catch (error) {
    // A page that cannot be drawn (its session store is down, say) must not hide the problem itself.
    request.log.error({ err: error }, 'problem page not rendered');
    if (reply.sent) return reply;
    return reply.code(problem.status).type('application/problem+json').send(problem);
  }
}

/** The problem body of an answer, with the headers its code calls for set on the reply. */
function problemAnswer(
  request: FastifyRequest,
  reply: FastifyReply,
  code: ErrorCode,
  detail: string,
  extensions: Readonly<Record<string, unknown>>,
): Problem {
  if (code === 'unauthorized') reply.header('www-authenticate', 'Bearer realm="probity"');
  if (RETRY_AFTER_SECONDS[code] !== undefined && !reply.hasHeader('retry-after'))
    reply.header('retry-after', String(RETRY_AFTER_SECONDS[code]));
  return { ...problemFields(code, detail, extensions), instance: request.url, requestId: request.id };
}

/**
 * Paths that are the API whatever the client: /v1, the OpenAPI document and its UI, health
 * and metrics, and the transparency log's C2SP tiles and checkpoint.
 */
const API_PATH = /^\/(?:v1|openapi\.json|healthz|readyz|metrics|docs)(?:\/|$)|(?:^|\/)(?:tile\/|checkpoint$)/;

/**
 * A browser: its Accept ranks text/html above JSON (browsers send `text/html,…,*\/*;q=0.8`).
 * A client that sends no Accept, or `*\/*` alone, is taken for an API client.
 */
export function prefersPage(request: FastifyRequest): boolean {
  if (API_PATH.test(request.url.split('?')[0] ?? '')) return false;
  const preferred = new Negotiator({ headers: { accept: request.headers.accept ?? '*/*' } }).mediaType([
    'application/json',
    'application/problem+json',
    'text/html',
  ]);
  return preferred === 'text/html';
}

/** When to try again after a passing unavailability: a database restart or failover takes seconds. */
const RETRY_AFTER_SECONDS: Readonly<Partial<Record<ErrorCode, number>>> = {
  store_unavailable: 2,
  not_ready: 2,
  idempotency_in_progress: 1,
};

/** Fastify's own errors that have a problem type of their own. */
const FASTIFY_CODES: Readonly<Record<string, ErrorCode>> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload_too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_REQ_FILE_TOO_LARGE: 'payload_too_large',
  FST_FILES_LIMIT: 'evidence_refused',
  FST_CSRF_INVALID_TOKEN: 'csrf_token_invalid',
  FST_CSRF_MISSING_SECRET: 'csrf_token_invalid',
};

const MULTIPART_PARSE_ERROR =
  /^(Multipart: |Malformed part header|Unexpected end of (form|multipart)|Part terminated early)/;

/**
 * Maps any error to problem+json: typed errors keep their code, schema failures
 * list every field, client errors from Fastify keep their message, and anything
 * else is logged with the request id and answered with a generic 500.
 */
export function handleError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
  const answer = (code: ErrorCode, detail: string, extensions?: Readonly<Record<string, unknown>>) =>
    answerProblem(request, reply, code, detail, extensions);
  if (error instanceof ProbityError) return answer(error.code, error.message, error.extensions);
  if (error.validation) {
    // Pointers at the field itself (an unknown or missing field, not its parent object).
    const errors = schemaViolations(error.validation).map((v) => ({ path: v.pointer, message: v.message }));
    return answer('invalid_request', error.message, { errors });
  }
  if (error.statusCode === 429) return answer('rate_limited', error.message);
  // Busboy throws plain errors for a multipart body it cannot read (no boundary, say).
  if (MULTIPART_PARSE_ERROR.test(error.message)) return answer('invalid_request', error.message);
  const mapped = FASTIFY_CODES[error.code];
  if (mapped) return answer(mapped, error.message);
  if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500) {
    return answer('invalid_request', error.message);
  }
  request.log.error({ err: error }, 'unhandled error');
  return answer('internal', `internal error; quote request id ${request.id} when reporting it`);
}
