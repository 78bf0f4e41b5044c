import type { FastifyRequest, FastifyServerOptions } from 'fastify';
import type { IncomingMessage } from 'node:http';
import { maskIdentifier } from '../domain/lists/mask-identifier.js';

/** Where log lines go instead of standard output (tests read them). */
export interface LogStream {
  write(line: string): void;
}

/** A client's `x-request-id` is kept only when it is short and plain; anything else could forge or break log lines. */
const PLAIN_REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/** Query parameters whose values say nothing about a person, kept in request logs as sent. */
const PLAIN_QUERY = new Set([
  'lang',
  'as',
  'limit',
  'after',
  'cursor',
  'category',
  'status',
  'kind',
  'page',
  'size',
  'index',
  'from',
  'to',
  'start',
  'end',
  'wait',
]);

/** Route parameters that hold an identifier value (a resident identity number, say). */
const IDENTIFIER_PARAMS = new Set(['value']);
/** A long run of digits anywhere else in a path (a route that did not match, say) is masked too. */
const DIGIT_RUN = /\d{8,}[Xx]?/g;

/**
 * The request id of a request: the client's own when it is plain, else a new one, so a
 * caller can follow a request through a load balancer but cannot put 3,000 characters or a
 * newline into every log line and answer.
 */
export function requestIdGenerator(): (raw: IncomingMessage) => string {
  let next = 0;
  return (raw) => {
    const given = raw.headers['x-request-id'];
    if (typeof given === 'string' && PLAIN_REQUEST_ID.test(given)) return given;
    return `req-${Date.now().toString(36)}-${(next++).toString(36)}`;
  };
}

/**
 * The URL of a request as the log shows it: identifiers in the path masked the way the
 * public lists mask them, and every query value that could name or find a person (`?q=`)
 * replaced, so request logs hold nothing personal.
 */
export function loggedUrl(request: FastifyRequest): string {
  const [path = '', query] = request.url.split('?', 2) as [string, string | undefined];
  const params = (request.params ?? {}) as Record<string, unknown>;
  let shown = path;
  for (const [name, value] of Object.entries(params)) {
    if (!IDENTIFIER_PARAMS.has(name) || typeof value !== 'string' || value === '') continue;
    shown = shown
      .split(encodeURIComponent(value))
      .join(maskIdentifier(value, 'person'))
      .split(value)
      .join(maskIdentifier(value, 'person'));
  }
  shown = shown.replace(DIGIT_RUN, (run) => maskIdentifier(run, 'person'));
  if (query === undefined) return shown;
  const kept = new URLSearchParams(query);
  for (const name of [...kept.keys()]) if (!PLAIN_QUERY.has(name)) kept.set(name, '***');
  return `${shown}?${kept.toString()}`;
}

/** Pino options of the server's logger: masked URLs, and credentials redacted should anything log headers. */
export function loggerOptions(level: string, stream?: LogStream): FastifyServerOptions['logger'] {
  return {
    level,
    ...(stream ? { stream } : {}),
    serializers: {
      req: (request: FastifyRequest) => ({
        method: request.method,
        url: loggedUrl(request),
        remoteAddress: request.ip,
      }),
    },
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        'res.headers["set-cookie"]',
        'headers.authorization',
        'headers.cookie',
      ],
      censor: '[redacted]',
    },
  };
}
