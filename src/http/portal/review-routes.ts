import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { html } from 'hono/html';
import { DISPUTE_OUTCOMES, type DisputeOutcome } from '../../domain/disputes/dispute.js';
import { ProbityError } from '../../errors.js';
import type { Registry } from '../../registry.js';
import { reviewerOf, sendEvidence } from '../routes/dispute-routes.js';
import { page } from './page-layout.js';
import type { PageKit } from './page-kit.js';
import type { PortalAuth } from './portal-caller.js';
import { reviewBody, reviewQueueBody } from './review-pages.js';

/** The reviewer console: the queue by deadline, one dispute with its record, and the decision form. */
export function reviewRoutes(app: FastifyInstance, registry: Registry, auth: PortalAuth, kit: PageKit): void {
  /** The signed-in reviewer, or undefined after answering (sign-in redirect, or a 403 page for others). */
  async function reviewerPage(request: FastifyRequest, reply: FastifyReply) {
    const signedIn = await kit.signedIn(request, reply, 0);
    if (!signedIn) return undefined;
    const reviewer = await reviewerOf(request, registry, auth).catch((error: unknown) => {
      if (error instanceof ProbityError && error.code === 'unknown_staff_institution') return error;
      throw error;
    });
    if (!reviewer || reviewer instanceof ProbityError) {
      const { t } = signedIn.context.words;
      const reason = reviewer ? reviewer.message : t('staffOnlyPage');
      await kit.send(reply, page(signedIn.context, t('reviewTitle'), html`<p role="alert">${reason}</p>`), 403);
      return undefined;
    }
    return { signedIn, reviewer };
  }
  const now = () => registry.clock.now().toISOString();

  app.get('/review', { schema: { hide: true } }, async (request, reply) => {
    const found = await reviewerPage(request, reply);
    if (!found) return reply;
    const { context } = found.signedIn;
    const queue = await registry.reads.reviewQueue(found.reviewer);
    return kit.send(
      reply,
      page(context, context.words.t('reviewTitle'), reviewQueueBody(context.words, registry.catalog, queue, now())),
    );
  });

  app.get<{ Params: { id: string }; Querystring: { decided?: string } }>(
    '/review/:id',
    { schema: { hide: true } },
    async (request, reply) => {
      const found = await reviewerPage(request, reply);
      if (!found) return reply;
      const { signedIn, reviewer } = found;
      const { dispute, conflict, record, identifiers, evidence } = await registry.reads.reviewCase(
        reviewer,
        request.params.id,
      );
      const subject = record && { kind: record.subjectKind, name: null, identifiers };
      const view = { dispute, conflict, record, evidence, subject, justDecided: 'decided' in request.query };
      const { context } = signedIn;
      const body = reviewBody(context.words, registry.catalog, view, now(), context.csrfToken);
      return kit.send(reply, page(context, context.words.t('reviewTitle'), body));
    },
  );

  app.get<{ Params: { id: string } }>('/review/evidence/:id', { schema: { hide: true } }, async (request, reply) => {
    const found = await reviewerPage(request, reply);
    if (!found) return reply;
    return sendEvidence(reply, await registry.reads.evidence({ reviewer: found.reviewer }, request.params.id));
  });

  app.post<{ Params: { id: string }; Body: { outcome?: string; reasons?: string } }>(
    '/review/:id',
    {
      schema: { hide: true },
      preHandler: app.csrfProtection,
    },
    async (request, reply) => {
      const found = await reviewerPage(request, reply);
      if (!found) return reply;
      const outcome = request.body.outcome as DisputeOutcome;
      if (!DISPUTE_OUTCOMES.includes(outcome))
        throw new ProbityError('invalid_field', 'choose a decision', { path: '/outcome' });
      await registry.disputes.decide(found.reviewer, request.params.id, outcome, request.body.reasons ?? '');
      // Back to the dispute, which confirms the decision and says what follows from it.
      return reply.redirect(`/review/${encodeURIComponent(request.params.id)}?decided`, 303);
    },
  );
}
