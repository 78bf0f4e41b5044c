import type { FastifyInstance } from 'fastify';
import type { Registry } from '../../registry.js';
import { withinBudget } from '../../services/within-budget.js';
import { sendProblem } from '../problem.js';

const READY_WITHIN_MS = 900;

/** Liveness (the process answers) and readiness (the store answers and the screening index is loaded). */
export function healthRoutes(app: FastifyInstance, registry: Registry): void {
  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { schema: { hide: true } }, async (request, reply) => {
    if (!registry.screeningIndex.ready) return sendProblem(request, reply, 'not_ready', 'the screening index is still loading');
    try {
      // A load balancer asks often and must hear back at once, also from a hung database.
      const counts = await withinBudget(registry.store.counts(), READY_WITHIN_MS, () => new Error(`no answer within ${READY_WITHIN_MS} ms`));
      return { status: 'ready', pack: registry.catalog.pack.manifest.id, feedSeq: counts.feedSeq };
    } catch (error) {
      request.log.warn({ err: error }, 'store not ready');
      return sendProblem(request, reply, 'not_ready', 'the store does not answer');
    }
  });
}
