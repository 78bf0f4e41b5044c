import cookie from '@fastify/cookie';
import csrf from '@fastify/csrf-protection';
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import { createHmac, hash } from 'node:crypto';
import { ProbityError } from '../errors.js';
import { SESSION_COOKIE } from './portal/portal-caller.js';

/** The cookie holding the CSRF secret (signed); cleared at sign-in and sign-out so each session gets its own. */
export const CSRF_SECRET_COOKIE = '_csrf';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Protects every state-changing route against cross-site request forgery, deciding per
 * route when it is registered, never from the request URL (a router decodes `%76` to `v`,
 * so a URL prefix test can be walked around). A route is either
 * - a form route: it names `app.csrfProtection` among its pre-handlers and checks the
 *   form's token, which is bound to the session (a token from another session, or from
 *   before sign-in, does not verify); or
 * - any other write: when carried by the session cookie alone it must send JSON, which a
 *   page on another site cannot do without a CORS preflight (which this server never grants).
 * Writes with an `Authorization` header carry their own proof and are not affected.
 * Must be registered before any route.
 */
export async function registerCsrfGuard(
  app: FastifyInstance,
  options: { readonly cookieSecret: string; readonly secureCookies: boolean },
): Promise<void> {
  await app.register(cookie, { secret: options.cookieSecret });
  await app.register(csrf, {
    cookieKey: CSRF_SECRET_COOKIE,
    cookieOpts: { path: '/', sameSite: 'lax', httpOnly: true, secure: options.secureCookies, signed: true },
    getUserInfo: sessionBinding,
    csrfOpts: { hmacKey: createHmac('sha256', options.cookieSecret).update('probity csrf token').digest() },
  });
  app.addHook('onRoute', (route: RouteOptions) => {
    if ([route.method].flat().every((method) => SAFE_METHODS.has(method))) return;
    if ([route.preHandler ?? []].flat().includes(app.csrfProtection)) return;
    route.preValidation = [...[route.preValidation ?? []].flat(), requireJsonForCookieWrites];
  });
}

/** The form token for this request's page: bound to its session (or to "no session"). */
export function csrfTokenFor(request: FastifyRequest, reply: FastifyReply): string {
  return reply.generateCsrf({ userInfo: sessionBinding(request) });
}

/** Called when a session starts or ends: the next page makes a new CSRF secret. */
export function forgetCsrfSecret(reply: FastifyReply): void {
  reply.clearCookie(CSRF_SECRET_COOKIE, { path: '/' });
}

/** What a token is bound to: a digest of the session cookie, so the token proves nothing about another session. */
function sessionBinding(request: FastifyRequest): string {
  const session = request.cookies[SESSION_COOKIE];
  // Never empty: @fastify/csrf refuses every token bound to an empty value.
  return session === undefined ? 'no session' : hash('sha256', session, 'base64url');
}

async function requireJsonForCookieWrites(request: FastifyRequest): Promise<void> {
  if (request.headers.authorization !== undefined || request.cookies[SESSION_COOKIE] === undefined) return;
  const mediaType = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (mediaType !== 'application/json') {
    throw new ProbityError(
      'csrf_token_invalid',
      'a request carried by the session cookie must send JSON (content-type: application/json)',
    );
  }
}
