import { html } from 'hono/html';
import type { FastifyInstance } from 'fastify';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ERROR_CODES, ProbityError, type ErrorCode } from '../../errors.js';
import { packageRoot } from '../../package-root.js';
import type { Problem, ProblemPage } from '../problem.js';
import type { Fragment, PageContext } from './page-layout.js';
import type { PageKit } from './page-kit.js';

/** The meaning of each error code, as docs/errors.md states it (the one place it is written). */
function documentedMeanings(): ReadonlyMap<string, string> {
  const doc = readFileSync(join(packageRoot(), 'docs', 'errors.md'), 'utf8');
  return new Map([...doc.matchAll(/^\| `([a-z_]+)` \| \d{3} \| (.*) \|$/gm)].map((row) => [row[1]!, row[2]!]));
}

/** Markdown code spans as <code>; everything else as escaped text. */
function withCodeSpans(text: string): Fragment {
  const parts = text.split('`');
  return html`${parts.map((part, i) => (i % 2 === 1 ? html`<code>${part}</code>` : part))}`;
}

/**
 * Each problem `type` URI (`/problems/<code>`, RFC 9457 §3.1.1) is a page saying what the
 * error means, so a developer who follows the link from an answer lands on its documentation.
 */
export function problemRoutes(app: FastifyInstance, kit: PageKit): void {
  // From here on the server's not-found and error handlers answer a browser with a page.
  app.decorate('problemPage', problemPage(kit));
  const meanings = documentedMeanings();
  app.get<{ Params: { code: string } }>('/problems/:code', { schema: { hide: true } }, (request, reply) => {
    const code = request.params.code;
    const meaning = meanings.get(code);
    if (!Object.hasOwn(ERROR_CODES, code) || meaning === undefined)
      throw new ProbityError('not_found', `no problem type ${code}`);
    const { status, title } = ERROR_CODES[code as ErrorCode];
    return kit.sendPublic(
      request,
      reply,
      () => title,
      ({ words: { t } }) => html`<dl><dt>type</dt><dd><code>/problems/${code}</code></dd>
<dt>${t('problemStatus')}</dt><dd>${status}</dd></dl>
<p>${t('problemIntro')}</p><p lang="en">${withCodeSpans(meaning)}</p>`,
    );
  });
}

/**
 * The page a person's browser gets for a problem outside the API, with the problem's status:
 * not found, with where to go; briefly unavailable, with when to try again; our fault, with
 * the reference to quote; anything else, with the reason given.
 */
function problemPage(kit: PageKit): ProblemPage {
  return async (request, reply, problem) => {
    if (problem.status === 404) {
      return kit.sendPublic(request, reply, ({ t }) => t('pageNotFoundTitle'), notFoundBody, 404);
    }
    // The store may be what failed: these pages do not look up the session.
    if (problem.status === 503) {
      const seconds = Number(reply.getHeader('retry-after') ?? 2);
      return kit.sendWithoutSession(
        request,
        reply,
        ({ t }) => t('unavailableTitle'),
        ({ words: { t } }) => html`<p>${t('unavailableText', { seconds })}</p>`,
        problem.status,
      );
    }
    if (problem.status >= 500) {
      return kit.sendWithoutSession(
        request,
        reply,
        ({ t }) => t('internalTitle'),
        ({ words: { t } }) =>
          html`<p>${t('internalText')}</p><p>${t('internalReference')} <strong><code>${problem.requestId}</code></strong></p>`,
        problem.status,
      );
    }
    return kit.sendPublic(
      request,
      reply,
      ({ t }) => t('requestProblemTitle'),
      (context) => requestProblemBody(context, problem),
      problem.status,
    );
  };
}

function notFoundBody({ words: { t }, signedIn }: PageContext): Fragment {
  return html`<p>${t('notFoundText')}</p><p>${t('notFoundWhereTo')}</p>
<ul><li><a href="/">${t('notFoundHome')}</a></li>${signedIn ? html`<li><a href="/me">${t('navRating')}</a></li>` : ''}
<li><a href="/lookup">${t('lookupTitle')}</a></li><li><a href="/rulebooks">${t('rulebooksTitle')}</a></li></ul>`;
}

function requestProblemBody({ words: { t } }: PageContext, problem: Problem): Fragment {
  return html`<p>${t('requestProblemText')}</p><p lang="en">${problem.detail}</p>
<p><a href="/">${t('notFoundHome')}</a></p>`;
}
