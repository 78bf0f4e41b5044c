import type {} from '@fastify/csrf-protection';
import { html } from 'hono/html';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { EVIDENCE_MAX_BYTES } from '../../domain/disputes/evidence.js';
import { signInIdentity } from '../../domain/portal/sign-in-identity.js';
import { ProbityError } from '../../errors.js';
import type { Registry } from '../../registry.js';
import { safeReturnPath, type SignInAttempt } from '../../services/oidc-sign-in.js';
import { SESSION_HOURS } from '../../services/portal-sessions.js';
import type { Subject } from '../../store/store.js';
import { attestationForm } from './attestation-pages.js';
import {
  disputeForm,
  disputesBody,
  fileError,
  typedFieldErrors,
  type FormError,
  type RefusedFiling,
} from './dispute-pages.js';
import { sendEvidence, uploadedFiles } from '../routes/dispute-routes.js';
import { forgetCsrfSecret } from '../csrf-guard.js';
import { landingPath, page, type Fragment, type PageContext } from './page-layout.js';
import type { PageKit, PageQuery, SignedInPage } from './page-kit.js';
import { portalCallerOf, SESSION_COOKIE, signedInBeforeBody, type PortalAuth } from './portal-caller.js';
import type { MessageKey } from './portal-messages.js';
import { accessBody, homeBody, listsBody, ratingBody, recordsBody } from './portal-pages.js';
import { nextStepsSection } from './next-steps-section.js';
import { ratingChart } from './rating-chart.js';

const ATTEMPT_COOKIE = 'probity_signin';
/** Multipart options of the dispute form (busboy's, plus the plugin's throwFileSizeLimit). */
const EVIDENCE_PARTS = { limits: { fileSize: EVIDENCE_MAX_BYTES + 1 }, throwFileSizeLimit: false };
const ATTEMPT_MINUTES = 10;

export interface PortalOptions {
  /** Where people reach this deployment; the provider redirects back under it. */
  readonly publicUrl: string;
}

type SubjectBody = (subject: Subject, request: FastifyRequest<PageQuery>, page: SignedInPage) => Promise<Fragment>;

/** The portal's pages and its sign-in through the identity provider. */
export function portalRoutes(
  app: FastifyInstance,
  registry: Registry,
  auth: PortalAuth,
  kit: PageKit,
  options: PortalOptions,
): void {
  app.get<PageQuery>('/', { schema: { hide: true } }, async (request, reply) => {
    const caller = await portalCallerOf(request, auth);
    // Staff without an identifier of their own land on their console, everyone else on their rating.
    if (caller) return reply.redirect(landingPath(caller.identity), 303);
    return kit.sendPublic(
      request,
      reply,
      ({ t }) => t('homeTitle'),
      ({ words }) => homeBody(words, registry.catalog, auth.oidc !== undefined),
    );
  });

  app.get<{ Querystring: { returnTo?: string } }>('/signin', { schema: { hide: true } }, async (request, reply) => {
    if (!auth.oidc) throw new ProbityError('sign_in_not_configured');
    const { url, attempt } = await auth.oidc.signIn.start(request.query.returnTo ?? '/');
    reply.setCookie(ATTEMPT_COOKIE, JSON.stringify(attempt), {
      ...kit.cookieBase,
      signed: true,
      maxAge: ATTEMPT_MINUTES * 60,
    });
    return reply.redirect(url, 303);
  });

  app.get('/signin/callback', { schema: { hide: true } }, async (request, reply) => {
    if (!auth.oidc) throw new ProbityError('sign_in_not_configured');
    const attempt = signedAttempt(request);
    reply.clearCookie(ATTEMPT_COOKIE, { path: '/' });
    const callbackUrl = new URL(request.url, options.publicUrl);
    const claims = await auth.oidc.signIn.finish(callbackUrl, attempt);
    const identity = signInIdentity(claims, auth.oidc.config, (scheme, value) =>
      registry.catalog.checkIdentifier(scheme, value),
    );
    if (identity.identities.length === 0 && identity.roles.length === 0) {
      throw new ProbityError(
        'sign_in_failed',
        'the identity provider sent no identifier this registry knows' +
          `${identity.rejected.length ? ` (${identity.rejected.join('; ')})` : ''}`,
      );
    }
    const { cookieValue } = await registry.sessions.start(identity);
    reply.setCookie(SESSION_COOKIE, cookieValue, { ...kit.cookieBase, maxAge: SESSION_HOURS * 3600 });
    forgetCsrfSecret(reply);
    return reply.redirect(safeReturnPath(attempt.returnTo), 303);
  });

  // Signing out by GET would let any page sign a visitor out: a GET (a reload, a typed address) offers the button.
  app.get('/signout', { schema: { hide: true } }, async (request, reply) =>
    kit.sendPublic(request, reply, ({ t }) => t('signOutTitle'), signOutBody),
  );

  app.post('/signout', { schema: { hide: true }, preHandler: app.csrfProtection }, async (request, reply) => {
    await registry.sessions.end(request.cookies[SESSION_COOKIE]);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    forgetCsrfSecret(reply);
    return reply.redirect('/', 303);
  });

  /** A signed-in page about the subject the caller acts as. */
  function subjectPage(path: string, titleKey: MessageKey, body: SubjectBody) {
    app.get<PageQuery>(path, { schema: { hide: true } }, async (request, reply) => {
      const signedIn = await kit.signedIn(request, reply, request.query.as);
      if (!signedIn) return reply;
      const { t } = signedIn.context.words;
      const { roles } = signedIn.caller.identity;
      const content = signedIn.subject
        ? await body(signedIn.subject, request, signedIn)
        : signedIn.identifier
          ? html`<p>${t('noSubject')}</p>`
          : roles.length > 0
            ? html`<p>${t('staffOnly')} ${roles.join(', ')}.</p>`
            : html`<p>${t('noIdentity')}</p>`;
      return kit.send(reply, page(signedIn.context, t(titleKey), content));
    });
  }

  subjectPage('/me', 'ratingTitle', async (subject, _request, { context }) => {
    const [{ history, steps }, { records }] = await Promise.all([
      registry.subjectData.ratingHistory(subject),
      registry.subjectData.records(subject),
    ]);
    const current = history.at(-1);
    const rulebook = current && registry.catalog.rulebookOf(current);
    const acting = context.signedIn!.acting;
    const rated = {
      byId: new Map(records.map((view) => [view.record.id, view])),
      href: (id: string) => `/me/records${acting > 0 ? `?as=${acting}` : ''}#record-${id}`,
    };
    return html`${ratingBody(context.words, registry.catalog, current, rated)}
${steps ? nextStepsSection(context.words, registry.catalog, steps, acting) : ''}
${rulebook ? html`<h2>${context.words.t('historyTitle')}</h2>${ratingChart(context.words, history, rulebook.range, rulebook.bands)}` : ''}
${registry.attestations ? attestationForm(context) : ''}`;
  });
  subjectPage('/me/records', 'recordsTitle', async (subject, request, { context }) => {
    const { records } = await registry.subjectData.records(subject);
    const { category, status } = request.query;
    return recordsBody(
      context.words,
      registry.catalog,
      records,
      { category, status },
      context.signedIn!.acting > 0 ? String(context.signedIn!.acting) : '',
    );
  });
  subjectPage('/me/lists', 'listsTitle', async (subject, _request, { context }) =>
    listsBody(context.words, registry.catalog, await registry.subjectData.listEntries(subject)),
  );
  // The contest link of a screening answer names one entry.
  subjectPage('/me/lists/:entryId', 'listsTitle', async (subject, request, { context }) => {
    const { entryId } = request.params as { entryId: string };
    const entries = await registry.subjectData.listEntries(subject);
    return listsBody(
      context.words,
      registry.catalog,
      entries.filter((view) => view.entry.id === entryId),
    );
  });
  /** A subject's disputes with the files of each. */
  const disputesWithEvidence = async (subject: Subject) => {
    const [disputes, { records }, entries] = await Promise.all([
      registry.disputes.ofSubject(subject),
      registry.subjectData.records(subject),
      registry.subjectData.listEntries(subject),
    ]);
    const evidence = new Map(
      await Promise.all(disputes.map(async (d) => [d.id, await registry.disputes.evidenceOf(d.id)] as const)),
    );
    return { disputes, evidence, targets: { records, entries } };
  };
  // `filed`: the dispute just filed, whose receipt heads the page (the form posts, then comes here).
  subjectPage('/me/disputes', 'navDisputes', async (subject, request, { context }) => {
    const held = await disputesWithEvidence(subject);
    const { filed } = request.query as { filed?: string };
    const justFiled = held.disputes.find((d) => d.id === filed);
    return disputesBody(context.words, registry.catalog, held, registry.clock.now().toISOString(), justFiled);
  });
  app.get<{ Params: { id: string } }>('/me/evidence/:id', { schema: { hide: true } }, async (request, reply) => {
    const signedIn = await kit.signedIn(request, reply, 0);
    if (!signedIn) return reply;
    // Any subject the person may act as: their own, or a company they represent.
    const subjects = await registry.subjectData.subjectIdsOf(signedIn.caller.identity.identities);
    for (const subjectId of subjects) {
      if (subjectId === undefined) continue;
      const found = await registry.disputes.evidenceFor({ subjectId }, request.params.id).catch(() => undefined);
      if (found) return sendEvidence(reply, found);
    }
    throw new ProbityError('not_found', `no file ${request.params.id}`);
  });
  /** The dispute form about one of the subject's own records or list entries; anything else is as if it did not exist. */
  async function disputeFormFor(
    subject: Subject,
    { context }: SignedInPage,
    wanted: { recordId?: string | undefined; entryId?: string | undefined },
    refused?: RefusedFiling,
  ): Promise<Fragment> {
    const found = await registry.subjectData.disputable(subject, wanted);
    if (!found) throw new ProbityError('not_found', 'no such record or list entry about you');
    const { record, entry } = found;
    const target = entry ? { entryId: entry.id } : { recordId: record.id };
    const { words, csrfToken, signedIn } = context;
    return disputeForm(words, registry.catalog, csrfToken, target, record, signedIn!.acting, refused);
  }
  subjectPage('/me/disputes/new', 'disputeTitle', async (subject, request, signedIn) => {
    const { record: recordId, entry: entryId } = request.query as { record?: string; entry?: string };
    return disputeFormFor(subject, signedIn, { recordId, entryId });
  });
  app.post<{
    Body: {
      recordId?: string;
      entryId?: string;
      grounds?: string;
      statement?: string;
      as?: string;
      evidence?: Buffer | Buffer[];
    };
  }>(
    '/me/disputes',
    {
      schema: { hide: true },
      // A file over the limit is cut one byte past it rather than failing the whole body, so the
      // dispute service refuses it like any other file and the form comes back with what was typed.
      config: { multipartOptions: EVIDENCE_PARTS },
      preHandler: app.csrfProtection,
      onRequest: signedInBeforeBody(auth, (_request, reply) =>
        reply.redirect('/signin?returnTo=%2Fme%2Fdisputes', 303),
      ),
    },
    async (request, reply) => {
      const signedIn = await kit.signedIn(request, reply, request.body.as);
      if (!signedIn) return reply;
      const { context, subject } = signedIn;
      const { t } = context.words;
      if (!subject) return reply.redirect('/me', 303);
      const { recordId, entryId, grounds = '', statement = '' } = request.body;
      const files = uploadedFiles(request.body.evidence);
      /** The form again, with what was typed and what to put right. */
      const refuse = async (errors: FormError[], status: number) =>
        kit.send(
          reply,
          page(
            context,
            t('errorTitle', { title: t('disputeTitle') }),
            await disputeFormFor(
              subject,
              signedIn,
              { recordId: recordId || undefined, entryId: entryId || undefined },
              { grounds, statement, errors, hadFiles: files.length > 0 },
            ),
          ),
          status,
        );
      // Every file is checked before anything is stored: a refused file files nothing.
      const checked = [];
      for (const file of files) {
        const result = await refusedAs(registry.disputes.checkEvidence(file), (e) => fileError(e.code) !== undefined);
        if (result instanceof ProbityError)
          return refuse([...typedFieldErrors(grounds, statement), fileError(result.code)!], result.status);
        checked.push(result);
      }
      const typed = typedFieldErrors(grounds, statement);
      if (typed.length > 0) return refuse(typed, 400);
      const filing = { recordId: recordId || undefined, entryId: entryId || undefined, grounds, statement };
      const filed = await refusedAs(registry.disputes.file(subject, filing), (e) => e.code === 'dispute_exists');
      if (filed instanceof ProbityError)
        return refuse([{ field: undefined, message: 'disputeExistsError' }], filed.status);
      for (const file of checked) await registry.disputes.addEvidence(subject, filed.id, file);
      // Post/redirect/get: reloading the receipt must not file the form again.
      const acting = signedIn.context.signedIn!.acting;
      return reply.redirect(
        `/me/disputes?filed=${filed.id}${acting > 0 ? `&as=${acting}` : ''}#dispute-${filed.id}`,
        303,
      );
    },
  );
  subjectPage('/me/access-log', 'accessTitle', async (subject, _request, { context }) => {
    const [views, checkpoint] = await Promise.all([
      registry.subjectData.accessLog(subject),
      registry.audit.latestCheckpoint(),
    ]);
    return accessBody(context.words, registry.catalog, views, checkpoint?.size ?? 0);
  });
}

/** What `work` gives, or the typed error it failed with when `expected` says the form can say it; others are thrown. */
async function refusedAs<T>(work: Promise<T>, expected: (error: ProbityError) => boolean): Promise<T | ProbityError> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof ProbityError && expected(error)) return error;
    throw error;
  }
}

function signedAttempt(request: FastifyRequest): SignInAttempt {
  const raw = request.cookies[ATTEMPT_COOKIE];
  const unsigned = raw === undefined ? undefined : request.unsignCookie(raw);
  if (!unsigned?.valid || unsigned.value === null)
    throw new ProbityError(
      'sign_in_failed',
      'no sign-in was started from this browser, or it took too long: start again',
    );
  return JSON.parse(unsigned.value) as SignInAttempt;
}

function signOutBody({ words: { t }, signedIn, csrfToken }: PageContext): Fragment {
  if (!signedIn) return html`<p>${t('signedOutAlready')}</p><p><a href="/">${t('notFoundHome')}</a></p>`;
  return html`<p>${t('signOutConfirm')}</p>
<form method="post" action="/signout"><input type="hidden" name="_csrf" value="${csrfToken}"><p><button type="submit" class="button">${t('signOut')}</button></p></form>`;
}
