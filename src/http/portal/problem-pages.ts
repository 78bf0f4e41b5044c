import { html } from 'hono/html';
import type { FastifyInstance } from 'fastify';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ERROR_CODES, ProbityError, type ErrorCode } from '../../errors.js';
import { packageRoot } from '../../package-root.js';
import type { Fragment } from './page-layout.js';
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
