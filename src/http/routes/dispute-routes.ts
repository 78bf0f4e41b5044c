import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { SchemaTypeProvider } from '../schema-type-provider.js';
import { disputeStatus, type Dispute } from '../../domain/disputes/dispute.js';
import type { Registry } from '../../registry.js';
import { EVIDENCE_MEDIA_TYPES, type Evidence } from '../../domain/disputes/evidence.js';
import { reviewRefusal, type Reviewer } from '../../domain/disputes/review-conflict.js';
import { ProbityError } from '../../errors.js';
import type { Subject } from '../../store/store.js';
import { callerOf, requireRole } from '../authenticate.js';
import { actingIndex, portalCallerOf, signedInBeforeBody, type PortalAuth } from '../portal/portal-caller.js';
import { sendProblem } from '../problem.js';
import {
  addedEvidenceSchema,
  answerBodySchema,
  answeredDisputeSchema,
  decidedDisputeSchema,
  decisionBodySchema,
  disputeBodySchema,
  disputeListSchema,
  evidenceFileSchema,
  filedDisputeSchema,
} from './dispute-schemas.js';

const problems = {
  400: { $ref: 'Problem#' },
  401: { $ref: 'Problem#' },
  403: { $ref: 'Problem#' },
  404: { $ref: 'Problem#' },
  409: { $ref: 'Problem#' },
} as const;
const idParams = { type: 'object', required: ['id'], properties: { id: { type: 'string', maxLength: 64 } } } as const;

/**
 * The signed-in reviewer, as the conflict rule needs them, or undefined when the caller is not one.
 * Throws `unknown_staff_institution` for a reviewer whose institution claim names no institution
 * of the pack: the conflict rule could not be applied to them.
 */
export async function reviewerOf(
  request: FastifyRequest,
  registry: Registry,
  auth: PortalAuth,
): Promise<Reviewer | undefined> {
  const caller = await portalCallerOf(request, auth);
  if (!caller || !caller.identity.roles.includes('reviewer')) return undefined;
  const { identity } = caller;
  const subjects = await registry.subjectData.subjectIdsOf(identity.identities);
  const reviewer: Reviewer = {
    // The provider's stable subject id, never the display name: the id goes into the audit log.
    id: identity.staffId ?? 'reviewer',
    subjectIds: subjects.filter((id): id is string => id !== undefined),
    institution: identity.institution,
  };
  const refusal = reviewRefusal(reviewer, (code) => registry.catalog.institution(code) !== undefined);
  if (refusal) throw new ProbityError('unknown_staff_institution', refusal);
  return reviewer;
}

/** The non-empty files of a multipart field (a browser sends an empty part when no file was chosen). */
export function uploadedFiles(field: Buffer | Buffer[] | string | undefined): Buffer[] {
  const values = Array.isArray(field) ? field : field === undefined ? [] : [field];
  return values.filter((value): value is Buffer => Buffer.isBuffer(value) && value.byteLength > 0);
}

/**
 * Sends a piece of evidence so that no browser runs it: its checked type (PDF or image,
 * never HTML or a script), as an attachment, no sniffing, and a sandbox if it is opened.
 */
export function sendEvidence(reply: FastifyReply, found: { evidence: Evidence; content: Uint8Array }) {
  const extension = found.evidence.mediaType.split('/')[1];
  return reply
    .type(found.evidence.mediaType)
    .header('content-disposition', `attachment; filename="evidence-${found.evidence.sha256.slice(0, 16)}.${extension}"`)
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "sandbox; default-src 'none'")
    .send(Buffer.from(found.content));
}

/** A dispute as its parties see it: everything, with where it stands now. */
export function disputeView(dispute: Dispute, at: string) {
  return { ...dispute, status: disputeStatus(dispute, at) };
}

/**
 * Disputes: the subject files (`/v1/me/disputes`), the source institution answers
 * (`/v1/institution/disputes`), a reviewer decides (`/v1/disputes/{id}:decide`).
 */
export function disputeRoutes(untyped: FastifyInstance, registry: Registry, auth: PortalAuth): void {
  const app = untyped.withTypeProvider<SchemaTypeProvider>();
  const { disputes, clock } = registry;
  const now = () => clock.now().toISOString();

  /** The subject the signed-in caller acts as; answers 401/404 itself. */
  async function subjectOf(
    request: FastifyRequest & { query: { as?: number } },
    reply: FastifyReply,
  ): Promise<Subject | undefined> {
    const caller = await portalCallerOf(request, auth);
    if (!caller) {
      await sendProblem(
        request,
        reply,
        'unauthorized',
        'sign in to the portal, or send an access token from the identity provider',
      );
      return undefined;
    }
    const identifier = caller.identity.identities[actingIndex(caller, request.query.as)];
    const subject = identifier && (await registry.subjectData.subjectOf(identifier));
    if (!subject) await sendProblem(request, reply, 'not_found', 'Probity holds nothing about this identifier');
    return subject;
  }
  const asQuery = {
    type: 'object',
    properties: { as: { type: 'integer', minimum: 0 } },
    additionalProperties: false,
  } as const;

  app.post(
    '/v1/me/disputes',
    {
      schema: {
        summary: 'Dispute one of my records or list entries; the answer is the receipt, with the deadline',
        description:
          'The source institution must answer by the deadline; a dispute without ' +
          'a decision at its deadline resolves in the subject\u2019s favour.',
        tags: ['disputes'],
        security: [{ oidc: [] }],
        querystring: asQuery,
        body: disputeBodySchema,
        response: { 201: filedDisputeSchema, ...problems },
      },
    },
    async (request, reply) => {
      const subject = await subjectOf(request, reply);
      if (!subject) return reply;
      const dispute = await disputes.file(subject, request.body);
      return reply.code(201).send(disputeView(dispute, now()));
    },
  );

  app.get(
    '/v1/me/disputes',
    {
      schema: {
        summary: 'My disputes and where each stands',
        tags: ['disputes'],
        security: [{ oidc: [] }],
        querystring: asQuery,
        response: { 200: disputeListSchema },
      },
    },
    async (request, reply) => {
      const subject = await subjectOf(request, reply);
      if (!subject) return reply;
      const at = now();
      return { disputes: (await disputes.ofSubject(subject)).map((d) => disputeView(d, at)) };
    },
  );

  // Typed by hand: a multipart body (the files) has no JSON Schema.
  app.post<{ Params: { id: string }; Querystring: { as?: number }; Body: { file?: Buffer | Buffer[] } }>(
    '/v1/me/disputes/:id/evidence',
    {
      schema: {
        summary:
          'Add files to one of my disputes (multipart/form-data, field ' +
          '"file"): PDF or image by content, at most 5 MiB and 5 files',
        description: 'Apps send an access token; a browser posts files with the dispute form.',
        tags: ['disputes'],
        security: [{ oidc: [] }],
        params: { type: 'object', required: ['id'], properties: { id: { type: 'string' } } } as const,
        querystring: asQuery,
        consumes: ['multipart/form-data'],
        response: { 201: addedEvidenceSchema },
      },
      onRequest: signedInBeforeBody(auth, (request, reply) =>
        sendProblem(
          request,
          reply,
          'unauthorized',
          'sign in to the portal, or send an access token from the identity provider',
        ),
      ),
    },
    async (request, reply) => {
      const subject = await subjectOf(request, reply);
      if (!subject) return reply;
      const files = uploadedFiles(request.body?.file);
      // An upload with no file added nothing: saying 201 would tell the subject it did.
      if (files.length === 0)
        throw new ProbityError('evidence_missing', 'send at least one non-empty file in the multipart field "file"');
      const checked = [];
      for (const file of files) checked.push(await disputes.checkEvidence(file));
      const added = [];
      for (const file of checked) added.push(await disputes.addEvidence(subject, request.params.id, file));
      return reply.code(201).send({ evidence: added });
    },
  );

  const institutionOnly = requireRole(registry.apiKeys, 'institution');
  app.get(
    '/v1/institution/evidence/:id',
    {
      preHandler: institutionOnly,
      schema: {
        params: idParams,
        summary: "A file a subject added to a dispute about my institution's record (always as an attachment)",
        tags: ['disputes'],
        security: [{ apiKey: [] }],
        produces: [...EVIDENCE_MEDIA_TYPES],
        response: { 200: evidenceFileSchema },
      },
    },
    async (request, reply) =>
      sendEvidence(
        reply,
        await registry.reads.evidence({ institution: callerOf(request).principal }, request.params.id),
      ),
  );
  app.get(
    '/v1/institution/disputes',
    {
      preHandler: institutionOnly,
      schema: {
        summary: 'Disputes about my institution\u2019s records still without a decision, soonest deadline first',
        tags: ['disputes'],
        security: [{ apiKey: [] }],
        response: { 200: disputeListSchema },
      },
    },
    async (request) => {
      const at = now();
      return {
        disputes: (await registry.reads.institutionDisputes(callerOf(request).principal)).map((d) =>
          disputeView(d, at),
        ),
      };
    },
  );

  app.post(
    '/v1/institution/disputes/:id(^[0-9A-Za-z]{1,64})::answer',
    {
      preHandler: institutionOnly,
      schema: {
        summary: 'Answer a dispute: verify (with a reason), correct (the corrected payload) or withdraw the record',
        tags: ['disputes'],
        security: [{ apiKey: [] }],
        params: idParams,
        body: answerBodySchema,
        response: { 200: answeredDisputeSchema, ...problems },
      },
    },
    async (request) =>
      disputeView(await disputes.answer(callerOf(request).principal, request.params.id, request.body), now()),
  );

  app.post(
    '/v1/disputes/:id(^[0-9A-Za-z]{1,64})::decide',
    {
      schema: {
        description:
          'For staff signed in with the reviewer role (portal session or access ' +
          "token): never about themselves or their own institution's records.",
        summary:
          'A reviewer\u2019s decision: upheld (the record is withdrawn ' +
          'unless the source corrected it), rejected, or partially upheld',
        tags: ['disputes'],
        security: [{ oidc: [] }],
        params: idParams,
        body: decisionBodySchema,
        response: { 200: decidedDisputeSchema, ...problems },
      },
    },
    async (request, reply) => {
      // Nobody signed in is told to sign in (401); somebody who is not a reviewer is refused (403).
      if (!(await portalCallerOf(request, auth)))
        return sendProblem(
          request,
          reply,
          'unauthorized',
          'sign in to the portal, or send an access token from the identity provider',
        );
      const reviewer = await reviewerOf(request, registry, auth);
      if (!reviewer) return sendProblem(request, reply, 'forbidden', 'sign in as staff with the reviewer role');
      return disputeView(
        await disputes.decide(reviewer, request.params.id, request.body.outcome, request.body.reasons),
        now(),
      );
    },
  );
}
