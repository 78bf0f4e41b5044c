import type { FastifyInstance } from 'fastify';
import type { AuditEntry } from '../../domain/audit/audit-entry.js';
import { ProbityError } from '../../errors.js';
import type { Registry } from '../../registry.js';
import { accessProof } from '../../services/access-proof.js';
import type { AccessView } from '../../services/subject-data.js';
import { page } from './page-layout.js';
import type { PageKit } from './page-kit.js';
import { accessProofBody } from './proof-pages.js';

/** A log position as a path segment: digits only, within a safe integer. */
const INDEX = /^[0-9]{1,15}$/;

/**
 * The proof page "who looked" links each access to: for the signed-in subject's own accesses
 * only. Any other entry, someone else's or none, is a 404 like any page that does not exist.
 */
export function proofRoutes(app: FastifyInstance, registry: Registry, kit: PageKit): void {
  app.get<{ Params: { index: string }; Querystring: { as?: string } }>(
    '/me/access-log/:index/proof',
    { schema: { hide: true } },
    async (request, reply) => {
      const signedIn = await kit.signedIn(request, reply, request.query.as);
      if (!signedIn) return reply;
      const { params } = request;
      const ids = await registry.subjectData.subjectIdsOf(signedIn.caller.identity.identities);
      const own = ids.filter((id): id is string => id !== undefined);
      const proof =
        INDEX.test(params.index) && registry.signer && own.length > 0
          ? await accessProof(registry.audit, registry.signer.verifier(), Number(params.index), own)
          : undefined;
      if (!proof) throw new ProbityError('not_found', 'no access to your data has this log entry');
      const entry = JSON.parse(proof.entry) as AuditEntry;
      const view: AccessView = {
        seq: entry.seq,
        time: entry.time,
        action: entry.action,
        actor: entry.actor,
        detail: entry.detail,
      };
      const { context } = signedIn;
      return kit.send(
        reply,
        page(context, context.words.t('proofTitle'), accessProofBody(context.words, registry.catalog, proof, view)),
      );
    },
  );
}
