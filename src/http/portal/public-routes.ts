import type { FastifyInstance } from 'fastify';
import { ProbityError } from '../../errors.js';
import type { Registry } from '../../registry.js';
import type { PageKit } from './page-kit.js';
import { catalogBody, rulebookBody, rulebooksBody } from './public-pages.js';

/** Pages anyone may read without signing in: the rulebooks and the catalog. */
export function publicRoutes(app: FastifyInstance, registry: Registry, kit: PageKit): void {
  const { catalog } = registry;
  app.get('/rulebooks', { schema: { hide: true } }, (request, reply) =>
    kit.sendPublic(request, reply, ({ t }) => t('rulebooksTitle'), ({ words }) => rulebooksBody(words, catalog)));

  app.get<{ Params: { code: string; version: string } }>('/rulebooks/:code/:version', { schema: { hide: true } }, (request, reply) => {
    const rulebook = catalog.pack.rulebooks.find((r) => r.code === request.params.code && r.version === request.params.version);
    if (!rulebook) throw new ProbityError('not_found', `no rulebook ${request.params.code} ${request.params.version}`);
    return kit.sendPublic(request, reply, ({ local }) => `${local(rulebook.title)} ${rulebook.version}`, ({ words }) => rulebookBody(words, catalog, rulebook));
  });

  app.get('/catalog', { schema: { hide: true } }, (request, reply) =>
    kit.sendPublic(request, reply, ({ t }) => t('catalogTitle'), ({ words }) => catalogBody(words, catalog)));
}
