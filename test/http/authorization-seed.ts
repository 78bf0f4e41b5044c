import { expect } from 'vitest';
import type { PortalServer } from '../support/portal-fixture.js';
import { PORTAL_USERS } from '../support/portal-fixture.js';
import { OWNING_INSTITUTION } from '../support/credential-kinds.js';
import { validSubmission } from '../support/catalog.js';

/** A minimal PDF: evidence is judged by its content. */
export const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

type Identifier = { readonly scheme: string; readonly value: string };
const MOTHER: Identifier = { scheme: 'CN-RIC', value: PORTAL_USERS.mother.claims.national_id };
const DEBTOR: Identifier = { scheme: 'CN-RIC', value: PORTAL_USERS.debtor.claims.national_id };
/** An organization with a record: its rating and profile are public. */
export const ORGANIZATION = { scheme: 'CN-USCC', value: PORTAL_USERS.representative.claims.uscc };

/**
 * Ids of data that belong to the first citizen (the mother), for the paths of the matrix, so
 * that "allowed" is exercised for real and a second citizen is asked about someone else's data.
 * Each write that changes state for good has its own target, so the routes do not disturb each other.
 */
export interface SeededIds {
  readonly subjectId: string;
  /** The record behind the main dispute (which has evidence and stays open). */
  readonly recordId: string;
  readonly disputeId: string;
  readonly evidenceId: string;
  readonly entryId: string;
  readonly attestationId: string;
  readonly attestationToken: string;
  /** The log entry of that attestation's issue: an access to the citizen's data, with a proof page. */
  readonly accessIndex: number;
  /** Disputes to answer, decide through the API and decide through the review form. */
  readonly answerDisputeId: string;
  readonly decideDisputeId: string;
  readonly reviewDisputeId: string;
  readonly withdrawRecordId: string;
  readonly correctRecordId: string;
  /** Records with no dispute yet: one to dispute through the API, one through the form. */
  readonly apiFilingRecordId: string;
  readonly formFilingRecordId: string;
  /** API keys for the admin routes to revoke, rotate and expire (one each: a revoked key cannot be rotated). */
  readonly keyIds: { readonly revoke: string; readonly rotate: string; readonly expire: string };
}

/** A fare-evasion record from the owning institution, valid for the demo pack. */
export function fareEvasion(sourceRef: string, subject = MOTHER) {
  return {
    type: 'transport.fare_evasion',
    sourceRef,
    subject: { ...subject, name: subject === MOTHER ? '王芳' : '张三' },
    effectiveAt: '2026-01-10T08:00:00.000Z',
    payload: { decisionReference: `沪交执${sourceRef}`, station: '人民广场', fareAmount: 4 },
  };
}

async function submit(server: PortalServer, institution: string, records: readonly object[]): Promise<string[]> {
  const { secret } = await server.registry.apiKeys.issue('institution', institution);
  const response = await server.app.inject({
    method: 'POST',
    url: '/v1/records',
    headers: { authorization: `Bearer ${secret}` },
    payload: records,
  });
  expect(response.json().rejected, response.body).toBe(0);
  return response.json().results.map((r: { id: string }) => r.id);
}

export async function seedMatrixData(server: PortalServer): Promise<SeededIds> {
  const refs = ['MAIN', 'ANSWER', 'DECIDE', 'REVIEW', 'WITHDRAW', 'CORRECT', 'FILE-API', 'FILE-FORM'];
  const [
    recordId,
    answerRecord,
    decideRecord,
    reviewRecord,
    withdrawRecordId,
    correctRecordId,
    apiFilingRecordId,
    formFilingRecordId,
  ] = (await submit(server, OWNING_INSTITUTION, [
    ...refs.map((ref) => fareEvasion(`M-${ref}`)),
    fareEvasion('D-1', DEBTOR),
  ])) as [string, string, string, string, string, string, string, string];
  await submit(server, 'sh-pudong-court', [
    validSubmission({ sourceRef: 'ORG-1', subject: { ...ORGANIZATION, name: '某科技有限公司' } }),
    validSubmission({
      type: 'court.dishonest_debtor_listing',
      sourceRef: 'L-MATRIX',
      subject: { ...MOTHER, name: '王芳' },
      effectiveAt: '2026-01-10T00:00:00.000Z',
      payload: {
        caseNumber: '(2026)沪0115执1号',
        decisionReference: '(2026)沪0115执1号-1',
        obligation: 'pay 1,000 yuan',
        ground: 'able_but_refuses',
      },
    }),
  ]);
  const { registry } = server;
  const subject = (await registry.subjectData.subjectOf(MOTHER))!;
  const file = (id: string) => registry.disputes.file(subject, { recordId: id, grounds: 'This is not mine.' });
  const [dispute, answer, decide, review] = (
    await Promise.all([recordId, answerRecord, decideRecord, reviewRecord].map(file))
  ).map((d) => d.id) as [string, string, string, string];
  const evidence = await registry.disputes.addEvidence(subject, dispute, await registry.disputes.checkEvidence(PDF));
  const [entry] = await registry.subjectData.listEntries(subject);
  const attestation = await registry.attestations!.issue(subject, MOTHER, 'rating');
  const [issuedAccess] = await registry.subjectData.accessLog(subject);
  const [revoke, rotate, expire] = await Promise.all(
    ['revoke', 'rotate', 'expire'].map(
      async (step) => (await registry.apiKeys.issue('auditor', `matrix-${step}`)).key.id,
    ),
  );
  return {
    subjectId: subject.id,
    recordId,
    disputeId: dispute,
    evidenceId: evidence.id,
    entryId: entry!.entry.id,
    attestationId: attestation.id,
    attestationToken: attestation.token,
    accessIndex: issuedAccess!.seq,
    answerDisputeId: answer,
    decideDisputeId: decide,
    reviewDisputeId: review,
    withdrawRecordId,
    correctRecordId,
    apiFilingRecordId,
    formFilingRecordId,
    keyIds: { revoke: revoke!, rotate: rotate!, expire: expire! },
  };
}
