import type { FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import type { ApiKeys } from '../services/api-keys.js';
import type { ApiKey, ApiKeyRole } from '../store/store.js';
import { sendProblem } from './problem.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The API key the request was made with, once authenticated. */
    caller: ApiKey | null;
  }
}

/**
 * Why a bearer secret is refused. A revoked or expired key is told so (its holder then knows
 * to ask for a new one, and nothing about the key is revealed to someone who merely holds it).
 */
const REFUSALS = {
  unknown: 'the API key is not valid',
  revoked: 'the API key has been revoked',
  expired: 'the API key has expired',
} as const;

/** A pre-handler that admits only bearer keys of the given roles that are neither revoked nor expired. */
export function requireRole(apiKeys: ApiKeys, ...roles: ApiKeyRole[]): preHandlerAsyncHookHandler {
  return async function authenticate(request: FastifyRequest, reply: FastifyReply) {
    const header = request.headers.authorization ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) return sendProblem(request, reply, 'unauthorized', 'send an API key as Authorization: Bearer <key>');
    const recognised = await apiKeys.recognise(match[1]!);
    if (recognised.status !== 'valid') return sendProblem(request, reply, 'unauthorized', REFUSALS[recognised.status]);
    const { key } = recognised;
    if (!roles.includes(key.role)) {
      return sendProblem(
        request,
        reply,
        'forbidden',
        `this endpoint is for ${roles.join(' or ')} keys, not ${key.role}`,
      );
    }
    request.caller = key;
  };
}

/** The authenticated caller; only valid after requireRole ran. */
export function callerOf(request: FastifyRequest): ApiKey {
  if (!request.caller) throw new Error('route has no requireRole pre-handler');
  return request.caller;
}
