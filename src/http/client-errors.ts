import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import { ERROR_CODES, type ErrorCode } from '../errors.js';
import { problemFields, sendProblem } from './problem.js';

/**
 * Requests that never reach a route still get a problem+json answer. Fastify hands a path
 * that is not valid percent-encoding to `frameworkErrors`.
 */
export function frameworkErrors(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  void sendProblem(request, reply, 'invalid_request', error.message);
}

const PARSER_DETAILS: Readonly<Partial<Record<ErrorCode, string>>> = {
  headers_too_large: 'the request line and headers are over 16 KiB',
  request_timeout: 'the request did not arrive in time',
  invalid_request: 'the request is not valid HTTP (a header with a forbidden character, a malformed length, …)',
};

/**
 * Node's HTTP parser refuses some requests before Fastify sees them (oversized or malformed
 * headers, a timeout): this answers them on the socket as problem+json, then closes it, as
 * Node itself does.
 */
export function clientErrorHandler(this: FastifyInstance, error: Error & { code?: string }, socket: Socket): void {
  // A reset connection has nobody left to answer.
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const code: ErrorCode =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? 'headers_too_large'
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? 'request_timeout'
        : 'invalid_request';
  const { status } = ERROR_CODES[code];
  const body = JSON.stringify(problemFields(code, PARSER_DETAILS[code] ?? code));
  this.log.debug({ err: error }, 'client error');
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
        `Content-Type: application/problem+json\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy();
}
