import type {} from '@fastify/cookie';
import type { FastifyReply, FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import type { Catalog } from '../../domain/catalog/catalog.js';
import { signInIdentity, type SignInIdentity } from '../../domain/portal/sign-in-identity.js';
import type { OidcConfig } from '../../config.js';
import type { OidcSignIn } from '../../services/oidc-sign-in.js';
import type { PortalSessions } from '../../services/portal-sessions.js';

export const SESSION_COOKIE = 'probity_session';

/** The person behind a portal or /v1/me request: from the session cookie, or from an OIDC access token. */
export interface PortalCaller {
  readonly identity: SignInIdentity;
}

export interface PortalAuth {
  readonly sessions: PortalSessions;
  readonly catalog: Catalog;
  readonly oidc: { readonly config: OidcConfig; readonly signIn: OidcSignIn } | undefined;
}

/** Who is asking, or undefined when nobody is signed in (no cookie, an ended session, a token the provider rejects). */
export async function portalCallerOf(request: FastifyRequest, auth: PortalAuth): Promise<PortalCaller | undefined> {
  const session = await auth.sessions.find(request.cookies[SESSION_COOKIE]);
  if (session) return { identity: { ...session, email: null } };
  const bearer = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '');
  if (!bearer || !auth.oidc) return undefined;
  const claims = await auth.oidc.signIn.claimsOfAccessToken(bearer[1]!);
  if (!claims) return undefined;
  const identity = signInIdentity(claims, auth.oidc.config, (scheme, value) =>
    auth.catalog.checkIdentifier(scheme, value),
  );
  return { identity };
}

/**
 * An onRequest hook for routes that take uploads: a request with nobody signed in is turned
 * away (by `refuse`) before its body is read, so nobody's files are ever buffered.
 */
export function signedInBeforeBody(
  auth: PortalAuth,
  refuse: (request: FastifyRequest, reply: FastifyReply) => FastifyReply | Promise<FastifyReply>,
): onRequestAsyncHookHandler {
  return async (request, reply) => {
    if (!(await portalCallerOf(request, auth))) return refuse(request, reply);
  };
}

/** Which of the caller's identifiers to show: `?as=N`, their own (the first) by default. */
export function actingIndex(caller: PortalCaller, as: unknown): number {
  const index = Number(as ?? 0);
  return Number.isInteger(index) && index >= 0 && index < caller.identity.identities.length ? index : 0;
}
