import formBody from '@fastify/formbody';
import multipart from '@fastify/multipart';
import { EVIDENCE_MAX_BYTES, EVIDENCE_MAX_FILES } from '../../domain/disputes/evidence.js';
import type { FastifyInstance } from 'fastify';
import type { OidcConfig } from '../../config.js';
import type { Registry } from '../../registry.js';
import { OidcSignIn } from '../../services/oidc-sign-in.js';
import { disputeRoutes } from '../routes/dispute-routes.js';
import { attestationRoutes } from './attestation-routes.js';
import { proofRoutes } from './proof-routes.js';
import type { RateLimit } from '../rate-limit.js';
import { lookupRoutes } from './lookup-routes.js';
import { meRoutes } from './me-routes.js';
import { mailboxRoutes } from './mailbox-routes.js';
import type { DemoMail } from '../../demo/demo-mailbox.js';
import { PageKit } from './page-kit.js';
import type { PortalAuth } from './portal-caller.js';
import { portalRoutes } from './portal-routes.js';
import { publicRoutes } from './public-routes.js';
import { reviewRoutes } from './review-routes.js';
import { stylesheetRoute } from './stylesheet.js';
import { problemRoutes } from './problem-pages.js';

export interface PortalSettings {
  readonly publicUrl: string;
  readonly oidc?: OidcConfig | undefined;
  /** Signs the sign-in attempt and CSRF cookies; a random one per process when absent (see csrf-guard). */
  readonly cookieSecret?: string | undefined;
  /** The demo's mailbox, shown at /demo/mailbox (only `probity demo` has one). */
  readonly demoMails?: () => readonly DemoMail[];
}

/** Cookies are Secure except on plain-HTTP localhost, where a browser would not send them back. */
export function usesSecureCookies(publicUrl: string): boolean {
  const url = new URL(publicUrl);
  return !(url.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname));
}

/**
 * The subject portal: sign-in through OpenID Connect, server-side sessions, the pages and
 * the /v1/me API. Forms are CSRF-protected by the server's csrf-guard.
 */
export async function registerPortal(
  app: FastifyInstance,
  registry: Registry,
  settings: PortalSettings,
  rateLimit: RateLimit,
): Promise<void> {
  const secureCookies = usesSecureCookies(settings.publicUrl);
  await app.register(formBody, { bodyLimit: 64 * 1024 });
  // Evidence comes as multipart (the dispute form, and apps): files in memory, each size-limited.
  await app.register(multipart, {
    attachFieldsToBody: 'keyValues',
    limits: { fileSize: EVIDENCE_MAX_BYTES, files: EVIDENCE_MAX_FILES, fields: 20 },
  });
  const auth: PortalAuth = {
    sessions: registry.sessions,
    catalog: registry.catalog,
    oidc: settings.oidc && {
      config: settings.oidc,
      signIn: new OidcSignIn(settings.oidc, `${settings.publicUrl}/signin/callback`),
    },
  };
  const kit = new PageKit(registry, auth, { path: '/', httpOnly: true, sameSite: 'lax', secure: secureCookies });
  stylesheetRoute(app);
  meRoutes(app, registry, auth);
  disputeRoutes(app, registry, auth);
  portalRoutes(app, registry, auth, kit, { publicUrl: settings.publicUrl });
  attestationRoutes(app, registry, auth, kit, settings.publicUrl, rateLimit);
  proofRoutes(app, registry, kit);
  publicRoutes(app, registry, kit, rateLimit);
  reviewRoutes(app, registry, auth, kit);
  if (settings.demoMails) mailboxRoutes(app, kit, settings.demoMails);
  lookupRoutes(app, registry, kit, rateLimit);
  problemRoutes(app, kit);
}
