import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { SchemaTypeProvider } from '../schema-type-provider.js';
import type { Disclosure } from '../../domain/attestations/attestation-claims.js';
import { ProbityError } from '../../errors.js';
import type { Registry } from '../../registry.js';
import type { Attestations, AttestationVerdict } from '../../services/attestations.js';
import type { StoredAttestation } from '../../store/store.js';
import { KEY_MAX_AGE_S } from '../cache-headers.js';
import type { RateLimit } from '../rate-limit.js';
import { sendProblem } from '../problem.js';
import { issuedAttestationBody, verifyBody as verifyPageBody } from './attestation-pages.js';
import {
  disclosureBody,
  issuedAttestationSchema,
  jwksSchema,
  verdictSchema,
  verifyBody,
} from './attestation-schemas.js';
import { page } from './page-layout.js';
import type { PageKit } from './page-kit.js';
import { actingIndex, portalCallerOf, type PortalAuth } from './portal-caller.js';

/**
 * Signed reports: a subject issues one about themselves (API and portal form), anyone
 * verifies one (API, public page, or offline with the published key). The verification
 * link is anonymous and writes to the log: it is rate-limited per client like the public pages.
 */
export function attestationRoutes(
  untyped: FastifyInstance,
  registry: Registry,
  auth: PortalAuth,
  kit: PageKit,
  publicUrl: string,
  rateLimit: RateLimit,
): void {
  const app = untyped.withTypeProvider<SchemaTypeProvider>();
  const attestations = (): Attestations => {
    if (!registry.attestations) throw new ProbityError('attestations_unavailable');
    return registry.attestations;
  };
  const verifyUrl = (id: string) => `${publicUrl}/verify/${id}`;

  app.get(
    '/v1/attestations/keys',
    {
      config: { cache: { maxAgeSeconds: KEY_MAX_AGE_S } },
      schema: {
        summary: 'The public keys (JWK set) that verify attestations',
        tags: ['attestations'],
        response: { 200: jwksSchema },
      },
    },
    async () => attestations().jwks(),
  );

  app.post(
    '/v1/attestations::verify',
    {
      schema: {
        summary: 'Checks an attestation: signature, issuer, expiry; answers what it says',
        tags: ['attestations'],
        body: verifyBody,
        response: { 200: verdictSchema },
      },
    },
    async (request) => attestations().verify(request.body.token),
  );

  app.post(
    '/v1/me/attestations',
    {
      schema: {
        summary: 'Issues a signed report about me (compact JWS, EdDSA), valid 30 days; logged as an export',
        description: 'Only the subject can ask: the subject is the one the session or access token names.',
        tags: ['subject portal', 'attestations'],
        security: [{ oidc: [] }],
        body: disclosureBody,
        querystring: {
          type: 'object',
          properties: { as: { type: 'integer', minimum: 0 } },
          additionalProperties: false,
        } as const,
        response: { 201: issuedAttestationSchema },
      },
    },
    async (request, reply) => {
      const caller = await portalCallerOf(request, auth);
      if (!caller)
        return sendProblem(
          request,
          reply,
          'unauthorized',
          'sign in to the portal, or send an access token from the identity provider',
        );
      const identifier = caller.identity.identities[actingIndex(caller, request.query.as)];
      const subject = identifier && (await registry.subjectData.subjectOf(identifier));
      if (!identifier || !subject)
        return sendProblem(request, reply, 'not_found', 'Probity holds nothing about this identifier');
      const holder = { ...identifier, name: caller.identity.name };
      const issued = await attestations().issue(subject, holder, request.body.disclosure);
      return reply.code(201).send({
        id: issued.id,
        disclosure: issued.disclosure,
        token: issued.token,
        issuedAt: issued.issuedAt,
        expiresAt: issued.expiresAt,
        verifyUrl: verifyUrl(issued.id),
      });
    },
  );

  // Issuing is a write (a new signed token, logged as an export): a GET of the form's address (a reload, a typed
  // address) never repeats it, and goes back to the form.
  app.get('/me/attestations', { schema: { hide: true } }, async (_request, reply) =>
    reply.redirect('/me#attest-title', 303),
  );

  // The portal form issues, then redirects (303) to the report's own page: a reload shows the same report again
  // instead of issuing another. Hidden page routes, with form bodies no schema describes.
  app.post<{ Body: { disclosure?: string; as?: string } | undefined }>(
    '/me/attestations',
    { schema: { hide: true }, preHandler: app.csrfProtection },
    async (request, reply) => {
      // A POST without a body (no form fields at all) is answered like an empty form.
      const form = request.body ?? {};
      const signedIn = await kit.signedIn(request, reply, form.as);
      if (!signedIn) return reply;
      const { subject, identifier, caller, context } = signedIn;
      if (!subject || !identifier) return reply.redirect('/me', 303);
      const disclosure: Disclosure = form.disclosure === 'full' ? 'full' : 'rating';
      const issued = await attestations().issue(subject, { ...identifier, name: caller.identity.name }, disclosure);
      const acting = context.signedIn?.acting ?? 0;
      return reply.redirect(`/me/attestations/${issued.id}${acting > 0 ? `?as=${acting}` : ''}`, 303);
    },
  );

  // The printable page of one report, for its own subject only; to anyone else it does not exist.
  app.get<{ Params: { id: string }; Querystring: { as?: string } }>(
    '/me/attestations/:id',
    { schema: { hide: true } },
    async (request, reply) => {
      const signedIn = await kit.signedIn(request, reply, request.query.as);
      if (!signedIn) return reply;
      const stored = await ownStored(signedIn.caller.identity.identities, request.params.id);
      const { context } = signedIn;
      return kit.send(
        reply,
        page(
          context,
          context.words.t('attestIssuedTitle'),
          await issuedAttestationBody(
            context.words,
            attestations().claimsOf(stored),
            stored.token,
            verifyUrl(stored.id),
          ),
        ),
      );
    },
  );

  app.get<{ Params: { id: string } }>(
    '/me/attestations/:id/token',
    { schema: { hide: true } },
    async (request, reply) => {
      const signedIn = await kit.signedIn(request, reply, 0);
      if (!signedIn) return reply;
      const stored = await ownStored(signedIn.caller.identity.identities, request.params.id);
      return reply
        .type('application/jose')
        .header('content-disposition', `attachment; filename="attestation-${stored.id}.jws"`)
        .send(stored.token);
    },
  );

  const verifyPage = (request: FastifyRequest, reply: FastifyReply, verdict: AttestationVerdict | undefined) =>
    kit.sendPublic(
      request,
      reply,
      ({ t }) => t('verifyTitle'),
      ({ words, csrfToken }) => verifyPageBody(words, csrfToken, verdict),
    );
  app.get('/verify', { schema: { hide: true } }, (request, reply) => verifyPage(request, reply, undefined));
  // A POST without a body is answered like an empty form (a token that is not one).
  app.post<{ Body: { token?: string } | undefined }>(
    '/verify',
    { schema: { hide: true }, preHandler: app.csrfProtection },
    async (request, reply) => verifyPage(request, reply, await attestations().verify(request.body?.token ?? '')),
  );
  // The QR code's link: the stored report, verified; opening it is logged as a read of the
  // subject's data (once an hour).
  app.get<{ Params: { id: string } }>(
    '/verify/:id',
    { schema: { hide: true }, config: { rateLimit } },
    async (request, reply) => {
      const stored = await registry.reads.verificationLink(request.params.id);
      if (!stored)
        return verifyPage(request, reply, {
          valid: false,
          reason: 'no report has this link: check that it was copied whole',
        });
      return verifyPage(request, reply, await attestations().verify(stored.token));
    },
  );

  /** A stored report about one of the subjects the signed-in person may act as; to anyone else it does not exist. */
  async function ownStored(
    identities: readonly { scheme: string; value: string }[],
    id: string,
  ): Promise<StoredAttestation> {
    const [stored, mine] = await Promise.all([
      attestations().stored(id),
      Promise.all(identities.map((identifier) => registry.subjectData.subjectOf(identifier))),
    ]);
    if (!stored || !mine.some((subject) => subject?.id === stored.subjectId))
      throw new ProbityError('not_found', 'no such attestation');
    return stored;
  }
}
