import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Registry } from '../../registry.js';
import { csrfTokenFor } from '../csrf-guard.js';
import type { Subject } from '../../store/store.js';
import { page, renderPage, type Fragment, type PageContext } from './page-layout.js';
import { actingIndex, portalCallerOf, type PortalAuth, type PortalCaller } from './portal-caller.js';
import { languageOf, wordsFor, type Words } from './portal-messages.js';

const LANGUAGE_COOKIE = 'lang';

/** Query parameters every portal page understands. */
export type PageQuery = { Querystring: { as?: string; lang?: string; category?: string; status?: string } };

export interface CookieBase {
  readonly path: '/';
  readonly httpOnly: true;
  readonly sameSite: 'lax';
  readonly secure: boolean;
}

/** A signed-in page request: who, in which words, and the subject they act as (undefined: nothing held). */
export interface SignedInPage {
  readonly caller: PortalCaller;
  readonly context: PageContext;
  readonly identifier: { readonly scheme: string; readonly value: string } | undefined;
  readonly subject: Subject | undefined;
}

/** What every portal page handler does: pick the language, find the caller, render and send. */
export class PageKit {
  constructor(
    private readonly registry: Registry,
    private readonly auth: PortalAuth,
    readonly cookieBase: CookieBase,
  ) {}

  /** The words of this request's language; `?lang=` also remembers the choice. */
  wordsOf(request: FastifyRequest, reply: FastifyReply): Words {
    const chosen = (request.query as { lang?: string } | undefined)?.lang;
    if (chosen === 'en' || chosen === 'zh')
      reply.setCookie(LANGUAGE_COOKIE, chosen, { ...this.cookieBase, maxAge: 365 * 86_400 });
    const language = languageOf(chosen, request.cookies[LANGUAGE_COOKIE], request.headers['accept-language']);
    return wordsFor(language, this.registry.catalog.timeZone);
  }

  /** The path of this request without `lang`, for the language switch. */
  pathOf(request: FastifyRequest): string {
    const url = new URL(request.url, 'http://x');
    url.searchParams.delete('lang');
    return url.pathname + url.search;
  }

  async send(reply: FastifyReply, fragment: Fragment, status = 200): Promise<FastifyReply> {
    const text = await renderPage(fragment);
    return reply.code(status).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(text);
  }

  /** A page anyone may see, signed in or not. */
  async sendPublic(
    request: FastifyRequest,
    reply: FastifyReply,
    title: (words: Words) => string,
    body: (context: PageContext) => Fragment | Promise<Fragment>,
    status = 200,
  ) {
    const words = this.wordsOf(request, reply);
    const caller = await portalCallerOf(request, this.auth);
    const context: PageContext = caller
      ? this.signedInContext(caller, request, reply, words, 0)
      : { words, path: this.pathOf(request), csrfToken: csrfTokenFor(request, reply) };
    return this.send(reply, page(context, title(words), await body(context)), status);
  }

  /**
   * A page drawn without asking who is signed in, for when the store that holds sessions may be
   * the very thing that failed. It has no forms, so it carries no CSRF token.
   */
  async sendWithoutSession(
    request: FastifyRequest,
    reply: FastifyReply,
    title: (words: Words) => string,
    body: (context: PageContext) => Fragment,
    status: number,
  ) {
    const words = this.wordsOf(request, reply);
    const context: PageContext = { words, path: this.pathOf(request), csrfToken: '' };
    return this.send(reply, page(context, title(words), body(context)), status);
  }

  /** The signed-in person behind a page request, or undefined after redirecting to sign-in. */
  async signedIn(request: FastifyRequest, reply: FastifyReply, as: unknown): Promise<SignedInPage | undefined> {
    const words = this.wordsOf(request, reply);
    const caller = await portalCallerOf(request, this.auth);
    if (!caller) {
      await reply.redirect(`/signin?returnTo=${encodeURIComponent(request.url)}`, 303);
      return undefined;
    }
    const context = this.signedInContext(caller, request, reply, words, actingIndex(caller, as));
    const identifier = caller.identity.identities[context.signedIn!.acting];
    const subject = identifier && (await this.registry.subjectData.subjectOf(identifier));
    return { caller, context, identifier, subject };
  }

  private signedInContext(
    caller: PortalCaller,
    request: FastifyRequest,
    reply: FastifyReply,
    words: Words,
    acting: number,
  ): PageContext {
    const csrfToken = csrfTokenFor(request, reply);
    return {
      words,
      path: this.pathOf(request),
      csrfToken,
      signedIn: {
        name: caller.identity.name,
        identities: caller.identity.identities,
        acting,
        roles: caller.identity.roles,
      },
    };
  }
}
