import type { FastifyInstance } from 'fastify';
import type { Registry } from '../../registry.js';

/** Liveness (the process answers) and readiness (the store answers). */
export function healthRoutes(app: FastifyInstance, registry: Registry): void {
  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { schema: { hide: true } }, async (request, reply) => {
    try {
      const counts = await registry.store.counts();
      return { status: 'ready', pack: registry.catalog.pack.manifest.id, feedSeq: counts.feedSeq };
    } catch (error) {
      request.log.warn({ err: error }, 'store not ready');
      return reply.code(503).type('application/problem+json').send({
        type: '/problems/not_ready',
        title: 'The service is not ready',
        status: 503,
        detail: 'the store does not answer',
      });
    }
  });
}
