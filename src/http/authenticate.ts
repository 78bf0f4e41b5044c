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

/** A pre-handler that admits only bearer keys of the given roles. */
export function requireRole(apiKeys: ApiKeys, ...roles: ApiKeyRole[]): preHandlerAsyncHookHandler {
  return async function authenticate(request: FastifyRequest, reply: FastifyReply) {
    const header = request.headers.authorization ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    const key = match ? await apiKeys.authenticate(match[1]!) : undefined;
    if (!key) {
      return sendProblem(request, reply, 'unauthorized', match ? 'the API key is not valid' : 'send an API key as Authorization: Bearer <key>');
    }
    if (!roles.includes(key.role)) {
      return sendProblem(request, reply, 'forbidden', `this endpoint is for ${roles.join(' or ')} keys, not ${key.role}`);
    }
    request.caller = key;
  };
}

/** The authenticated caller; only valid after requireRole ran. */
export function callerOf(request: FastifyRequest): ApiKey {
  if (!request.caller) throw new Error('route has no requireRole pre-handler');
  return request.caller;
}
