import cookie from '@fastify/cookie';
import csrf from '@fastify/csrf-protection';
import formBody from '@fastify/formbody';
import multipart from '@fastify/multipart';
import { EVIDENCE_MAX_BYTES, EVIDENCE_MAX_FILES } from '../../domain/disputes/evidence.js';
import type { FastifyInstance } from 'fastify';
import { randomBytes } from 'node:crypto';
import type { OidcConfig } from '../../config.js';
import type { Registry } from '../../registry.js';
import { OidcSignIn } from '../../services/oidc-sign-in.js';
import { disputeRoutes } from '../routes/dispute-routes.js';
import { attestationRoutes } from './attestation-routes.js';
import type { RateLimit } from '../rate-limit.js';
import { lookupRoutes } from './lookup-routes.js';
import { meRoutes } from './me-routes.js';
import { mailboxRoutes } from './mailbox-routes.js';
import type { DemoMail } from '../../demo/demo-mailbox.js';
import { PageKit } from './page-kit.js';
import { SESSION_COOKIE, type PortalAuth } from './portal-caller.js';
import { ProbityError } from '../../errors.js';
import { portalRoutes } from './portal-routes.js';
import { publicRoutes } from './public-routes.js';
import { reviewRoutes } from './review-routes.js';

export interface PortalSettings {
  readonly publicUrl: string;
  readonly oidc?: OidcConfig | undefined;
  /** Signs the sign-in attempt and CSRF cookies; a random one per process when absent. */
  readonly cookieSecret?: string | undefined;
  /** The demo's mailbox, shown at /demo/mailbox (only `probity demo` has one). */
  readonly demoMails?: () => readonly DemoMail[];
}

/**
 * The subject portal: sign-in through OpenID Connect, server-side sessions, the pages and
 * the /v1/me API. Forms are CSRF-protected (a signed secret cookie and a token in the form).
 */
export async function registerPortal(app: FastifyInstance, registry: Registry, settings: PortalSettings, rateLimit: RateLimit): Promise<void> {
  const url = new URL(settings.publicUrl);
  const secureCookies = !(url.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname));
  await app.register(cookie, { secret: settings.cookieSecret ?? randomBytes(32).toString('hex') });
  await app.register(formBody, { bodyLimit: 64 * 1024 });
  // Evidence comes as multipart (the dispute form, and apps): files in memory, each size-limited.
  await app.register(multipart, { attachFieldsToBody: 'keyValues', limits: { fileSize: EVIDENCE_MAX_BYTES, files: EVIDENCE_MAX_FILES, fields: 20 } });
  await app.register(csrf, { cookieOpts: { path: '/', sameSite: 'lax', httpOnly: true, secure: secureCookies, signed: true } });
  const auth: PortalAuth = {
    sessions: registry.sessions,
    catalog: registry.catalog,
    oidc: settings.oidc && { config: settings.oidc, signIn: new OidcSignIn(settings.oidc, `${settings.publicUrl}/signin/callback`) },
  };
  // A write to the API carried by the session cookie must be JSON: a page on another site can
  // post a form with the cookie, but cannot send JSON without a CORS preflight (which fails).
  app.addHook('preValidation', async (request) => {
    if (request.method === 'GET' || request.method === 'HEAD' || !request.url.startsWith('/v1/')) return;
    if (request.headers.authorization || request.cookies[SESSION_COOKIE] === undefined) return;
    if (!(request.headers['content-type'] ?? '').startsWith('application/json')) {
      throw new ProbityError('csrf_token_invalid', 'a request carried by the session cookie must send JSON (content-type: application/json)');
    }
  });
  const kit = new PageKit(registry, auth, { path: '/', httpOnly: true, sameSite: 'lax', secure: secureCookies });
  meRoutes(app, registry, auth);
  disputeRoutes(app, registry, auth);
  portalRoutes(app, registry, auth, kit, { publicUrl: settings.publicUrl });
  attestationRoutes(app, registry, auth, kit, settings.publicUrl);
  publicRoutes(app, registry, kit, rateLimit);
  reviewRoutes(app, registry, auth, kit);
  if (settings.demoMails) mailboxRoutes(app, kit, settings.demoMails);
  lookupRoutes(app, registry, kit, rateLimit);
}
