import type { FastifyInstance } from 'fastify';
import type { Registry } from '../../registry.js';
import { sendProblem } from '../problem.js';

/** Liveness (the process answers) and readiness (the store answers and the screening index is loaded). */
export function healthRoutes(app: FastifyInstance, registry: Registry): void {
  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { schema: { hide: true } }, async (request, reply) => {
    const readiness = await registry.readiness.check();
    if (readiness.ready)
      return { status: 'ready', pack: registry.catalog.pack.manifest.id, feedSeq: readiness.feedSeq };
    if (readiness.cause !== undefined) request.log.warn({ err: readiness.cause }, 'store not ready');
    return sendProblem(request, reply, 'not_ready', readiness.reason);
  });
}
