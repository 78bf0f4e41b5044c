import type { FastifyInstance } from 'fastify';
import { html } from 'hono/html';
import type { DemoMail } from '../../demo/demo-mailbox.js';
import type { PageKit } from './page-kit.js';

/** The demo's mailbox page: every notice the demo sent, newest first (only `probity demo` serves it). */
export function mailboxRoutes(app: FastifyInstance, kit: PageKit, mails: () => readonly DemoMail[]): void {
  app.get('/demo/mailbox', { schema: { hide: true } }, (request, reply) =>
    kit.sendPublic(
      request,
      reply,
      ({ t }) => t('mailboxTitle'),
      ({ words: { t, minute } }) => {
        const list = mails();
        return html`<p>${t('mailboxIntro')}</p>${
          list.length === 0
            ? html`<p>${t('mailboxEmpty')}</p>`
            : list.map(
                (mail) => html`<article class="mail">
<h2>${mail.subject}</h2><p class="muted">${t('mailTo')} ${mail.to} · ${minute(mail.receivedAt)}</p><pre>${mail.text}</pre></article>`,
              )
        }`;
      },
    ),
  );
}
