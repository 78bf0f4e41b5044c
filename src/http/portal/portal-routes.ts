import type {} from '@fastify/csrf-protection';
import { html } from 'hono/html';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { signInIdentity } from '../../domain/portal/sign-in-identity.js';
import { ProbityError } from '../../errors.js';
import type { Registry } from '../../registry.js';
import { safeReturnPath, type SignInAttempt } from '../../services/oidc-sign-in.js';
import { SESSION_HOURS } from '../../services/portal-sessions.js';
import { page, renderPage, type Fragment, type PageContext } from './page-layout.js';
import { actingIndex, portalCallerOf, SESSION_COOKIE, type PortalAuth, type PortalCaller } from './portal-caller.js';
import { languageOf, wordsFor, type MessageKey } from './portal-messages.js';
import { accessBody, listsBody, ratingBody, recordsBody } from './portal-pages.js';

const ATTEMPT_COOKIE = 'probity_signin';
const LANGUAGE_COOKIE = 'lang';
const ATTEMPT_MINUTES = 10;

export interface PortalOptions {
  /** Where people reach this deployment; the provider redirects back under it. */
  readonly publicUrl: string;
  /** Secure cookies everywhere except on plain-HTTP localhost (the demo). */
  readonly secureCookies: boolean;
}

type PageQuery = { Querystring: { as?: string; lang?: string; category?: string; status?: string } };

/** The portal's pages and its sign-in through the identity provider. */
export function portalRoutes(app: FastifyInstance, registry: Registry, auth: PortalAuth, options: PortalOptions): void {
  const cookieBase = { path: '/', httpOnly: true, sameSite: 'lax', secure: options.secureCookies } as const;

  /** The words of this request's language; `?lang=` also remembers the choice. */
  function wordsOf(request: FastifyRequest<PageQuery>, reply: FastifyReply) {
    const chosen = request.query.lang;
    if (chosen === 'en' || chosen === 'zh') reply.setCookie(LANGUAGE_COOKIE, chosen, { ...cookieBase, maxAge: 365 * 86_400 });
    return wordsFor(languageOf(chosen, request.cookies[LANGUAGE_COOKIE], request.headers['accept-language']));
  }

  function sendPage(reply: FastifyReply, fragment: Fragment, status = 200) {
    return renderPage(fragment).then((text) =>
      reply.code(status).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(text),
    );
  }

  /** The path of this request without `lang`, for the language switch. */
  const pathOf = (request: FastifyRequest) => {
    const url = new URL(request.url, 'http://x');
    url.searchParams.delete('lang');
    return url.pathname + url.search;
  };

  app.get<PageQuery>('/', { schema: { hide: true } }, async (request, reply) => {
    const words = wordsOf(request, reply);
    const caller = await portalCallerOf(request, auth);
    if (caller) return reply.redirect('/me', 303);
    const { t } = words;
    return sendPage(reply, page({ words, path: pathOf(request) }, t('signInTitle'), html`<p>${t('signInIntro')}</p>
${auth.oidc ? html`<p><a class="button" href="/signin">${t('signInWith')}</a></p>` : html`<p>${t('signInNotConfigured')}</p>`}`));
  });

  app.get<{ Querystring: { returnTo?: string } }>('/signin', { schema: { hide: true } }, async (request, reply) => {
    if (!auth.oidc) throw new ProbityError('sign_in_not_configured');
    const { url, attempt } = await auth.oidc.signIn.start(request.query.returnTo ?? '/me');
    reply.setCookie(ATTEMPT_COOKIE, JSON.stringify(attempt), { ...cookieBase, signed: true, maxAge: ATTEMPT_MINUTES * 60 });
    return reply.redirect(url, 303);
  });

  app.get('/signin/callback', { schema: { hide: true } }, async (request, reply) => {
    if (!auth.oidc) throw new ProbityError('sign_in_not_configured');
    const attempt = signedAttempt(request);
    reply.clearCookie(ATTEMPT_COOKIE, { path: '/' });
    const callbackUrl = new URL(request.url, options.publicUrl);
    const claims = await auth.oidc.signIn.finish(callbackUrl, attempt);
    const identity = signInIdentity(claims, auth.oidc.config, (scheme, value) => registry.catalog.checkIdentifier(scheme, value));
    if (identity.identities.length === 0 && identity.roles.length === 0) {
      throw new ProbityError('sign_in_failed', `the identity provider sent no identifier this registry knows${identity.rejected.length ? ` (${identity.rejected.join('; ')})` : ''}`);
    }
    const { cookieValue } = await registry.sessions.start(identity);
    reply.setCookie(SESSION_COOKIE, cookieValue, { ...cookieBase, maxAge: SESSION_HOURS * 3600 });
    return reply.redirect(safeReturnPath(attempt.returnTo), 303);
  });

  app.post('/signout', { schema: { hide: true }, preHandler: app.csrfProtection }, async (request, reply) => {
    await registry.sessions.end(request.cookies[SESSION_COOKIE]);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.redirect('/', 303);
  });

  /** A signed-in page: redirects to sign-in when nobody is, and shows the subject the caller acts as. */
  function subjectPage(path: string, titleKey: MessageKey, body: (subject: NonNullable<Awaited<ReturnType<Registry['subjectData']['subjectOf']>>>, request: FastifyRequest<PageQuery>, context: PageContext) => Promise<Fragment>) {
    app.get<PageQuery>(path, { schema: { hide: true } }, async (request, reply) => {
      const words = wordsOf(request, reply);
      const caller = await portalCallerOf(request, auth);
      if (!caller) return reply.redirect(`/signin?returnTo=${encodeURIComponent(request.url)}`, 303);
      const context = pageContext(caller, request, reply, words);
      const identifier = caller.identity.identities[context.signedIn!.acting];
      const subject = identifier && (await registry.subjectData.subjectOf(identifier));
      const { t } = words;
      const content = subject ? await body(subject, request, context) : html`<p>${identifier ? t('noSubject') : t('noIdentity')}</p>`;
      return sendPage(reply, page(context, t(titleKey), content));
    });
  }

  function pageContext(caller: PortalCaller, request: FastifyRequest<PageQuery>, reply: FastifyReply, words: ReturnType<typeof wordsFor>): PageContext {
    return {
      words,
      path: pathOf(request),
      signedIn: {
        name: caller.identity.name,
        csrfToken: reply.generateCsrf(),
        identities: caller.identity.identities,
        acting: actingIndex(caller, request.query.as),
      },
    };
  }

  subjectPage('/me', 'ratingTitle', async (subject, _request, { words }) => ratingBody(words, await registry.subjectData.assessment(subject)));
  subjectPage('/me/records', 'recordsTitle', async (subject, request, { words, signedIn }) => {
    const { records } = await registry.subjectData.records(subject);
    const { category, status } = request.query;
    return recordsBody(words, registry.catalog, records, { category, status }, signedIn!.acting > 0 ? String(signedIn!.acting) : '');
  });
  subjectPage('/me/lists', 'listsTitle', async (subject, _request, { words }) =>
    listsBody(words, registry.catalog, await registry.subjectData.listEntries(subject)));
  // The contest link of a screening answer names one entry.
  subjectPage('/me/lists/:entryId', 'listsTitle', async (subject, request, { words }) => {
    const { entryId } = request.params as { entryId: string };
    const entries = await registry.subjectData.listEntries(subject);
    return listsBody(words, registry.catalog, entries.filter((view) => view.entry.id === entryId));
  });
  subjectPage('/me/access-log', 'accessTitle', async (subject, _request, { words }) => {
    const [views, checkpoint] = await Promise.all([registry.subjectData.accessLog(subject), registry.store.latestCheckpoint()]);
    return accessBody(words, registry.catalog, views, checkpoint?.size ?? 0);
  });
}

function signedAttempt(request: FastifyRequest): SignInAttempt {
  const raw = request.cookies[ATTEMPT_COOKIE];
  const unsigned = raw === undefined ? undefined : request.unsignCookie(raw);
  if (!unsigned?.valid || unsigned.value === null) throw new ProbityError('sign_in_failed', 'no sign-in was started from this browser, or it took too long: start again');
  return JSON.parse(unsigned.value) as SignInAttempt;
}
