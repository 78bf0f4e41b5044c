import { CREDENTIAL_KINDS, type CredentialKind } from '../support/credential-kinds.js';
import type { RequestBody } from '../support/request-body.js';
import { fareEvasion, ORGANIZATION, PDF, type SeededIds } from './authorization-seed.js';

/**
 * What a caller gets from a route: `ok` (2xx or a redirect other than to sign-in), `signin`
 * (a page's redirect to sign-in: a page's 401), or the status of a refusal. 404 is also how a
 * route answers a caller who may use it about data that is not theirs.
 */
export type Outcome = 'ok' | 'signin' | 401 | 403 | 404;

export interface RouteExpectation {
  /** The path to request, with ids of seeded data; the registered URL when absent. */
  readonly path?: (ids: SeededIds) => string;
  readonly body?: (ids: SeededIds) => RequestBody;
  readonly expect: Readonly<Record<CredentialKind, Outcome>>;
}

/** The key of a route in the table; the stylesheet's content hash is left out, so a change of style needs no new entry. */
export function routeKey(route: { readonly method: string; readonly url: string }): string {
  return `${route.method} ${route.url.replace(/^\/assets\/portal-[0-9a-f]+\.css$/, '/assets/portal-{hash}.css')}`;
}

type Row = Record<CredentialKind, Outcome>;
const row = (base: (kind: CredentialKind) => Outcome, overrides: Partial<Row> = {}): Row =>
  ({ ...Object.fromEntries(CREDENTIAL_KINDS.map((kind) => [kind, base(kind)])), ...overrides }) as Row;

/** Anyone, signed in or not. */
const everyone = (outcome: Outcome = 'ok') => row(() => outcome);
/** API-key routes: no key is 401 (a session cookie is no key), a key of another role 403. */
const keyOnly = (allowed: Partial<Row>) => row((kind) => (kind.startsWith('key:') ? 403 : 401), allowed);
/** NDJSON bodies: a session cookie alone may send only JSON (CSRF), so sessions are refused before the key is looked for. */
const ndjsonKeyOnly = (allowed: Partial<Row>) => row((kind) => (kind === 'none' ? 401 : 403), allowed);
/** /v1/me: a session (or the provider's access token, not an API key); staff hold no subject. */
const subjectApi = (overrides: Partial<Row> = {}) =>
  row(
    (kind) =>
      kind === 'session:citizen' || kind === 'session:second-citizen' ? 'ok' : kind.startsWith('session:') ? 404 : 401,
    overrides,
  );
/** Portal pages: without a session, a redirect to sign-in. */
const signedInPage = (overrides: Partial<Row> = {}) =>
  row((kind) => (kind.startsWith('session:') ? 'ok' : 'signin'), overrides);
/** The reviewer console: other people signed in get a 403 page. */
const reviewerPage = () =>
  row((kind) => (kind === 'session:reviewer' ? 'ok' : kind.startsWith('session:') ? 403 : 'signin'));
/** The citizen's own data by id: the second citizen and staff are told it does not exist. */
const ownedByCitizen = {
  'session:second-citizen': 404,
  'session:reviewer': 404,
  'session:auditor': 404,
  'session:admin': 404,
} as const;

const json = (value: unknown) => () => ({ json: value });
const correction = {
  payload: { decisionReference: '沪交执M-CORRECT', station: '徐家汇', fareAmount: 4 },
  reason: 'station corrected',
};

/** Every route of the server, with what each kind of caller gets. A route missing here fails the matrix. */
export const EXPECTATIONS: Readonly<Record<string, RouteExpectation>> = {
  // Operations and the API's own description.
  'GET /healthz': { expect: everyone() },
  'GET /readyz': { expect: everyone() },
  'GET /openapi.json': { expect: everyone() },
  'GET /docs': { expect: everyone() },
  'GET /docs/static/index.html': { expect: everyone() },
  'GET /docs/static/swagger-initializer.js': { expect: everyone() },
  'GET /docs/json': { expect: everyone() },
  'GET /docs/yaml': { expect: everyone() },
  'GET /docs/static/*': { path: () => '/docs/static/swagger-ui.css', expect: everyone() },
  'GET /assets/portal-{hash}.css': { expect: everyone() },
  'GET /problems/:code': { path: () => '/problems/not_found', expect: everyone() },

  // Records: institutions only; a record is visible and changeable by its source alone.
  'POST /v1/records': {
    body: json([fareEvasion('M-MAIN')]),
    expect: keyOnly({ 'key:institution': 'ok', 'key:other-institution': 'ok' }),
  },
  'POST /v1/records::bulk': {
    body: () => ({ ndjson: `${JSON.stringify(fareEvasion('M-MAIN'))}\n` }),
    expect: ndjsonKeyOnly({ 'key:institution': 'ok', 'key:other-institution': 'ok' }),
  },
  'GET /v1/records/:id': {
    path: (ids) => `/v1/records/${ids.recordId}`,
    expect: keyOnly({ 'key:institution': 'ok', 'key:other-institution': 404 }),
  },
  'POST /v1/records/:id(^[0-9A-Za-z]{1,64})::correct': {
    path: (ids) => `/v1/records/${ids.correctRecordId}:correct`,
    body: json(correction),
    expect: keyOnly({ 'key:institution': 'ok', 'key:other-institution': 404 }),
  },
  'POST /v1/records/:id(^[0-9A-Za-z]{1,64})::withdraw': {
    path: (ids) => `/v1/records/${ids.withdrawRecordId}:withdraw`,
    body: json({ reason: 'entered in error' }),
    expect: keyOnly({ 'key:institution': 'ok', 'key:other-institution': 404 }),
  },

  // The audit log: proofs and checkpoints are public (hashes only), entries are for auditors.
  'GET /v1/audit/checkpoint': { expect: everyone() },
  'GET /v1/audit/key': { expect: everyone() },
  'GET /v1/audit/proof/inclusion': { path: () => '/v1/audit/proof/inclusion?index=0&size=2', expect: everyone() },
  'GET /v1/audit/proof/consistency': { path: () => '/v1/audit/proof/consistency?from=1&to=2', expect: everyone() },
  'GET /v1/audit/entries': { path: () => '/v1/audit/entries?start=0&end=2', expect: keyOnly({ 'key:auditor': 'ok' }) },
  // C2SP tlog-tiles: the checkpoint and hash tiles are public, entry bundles for auditors. The log
  // holds fewer than 256 entries here, so only a partial tile exists.
  'GET /log/checkpoint': { expect: everyone() },
  'GET /log/tile/:level/*': { path: () => '/log/tile/0/000.p/1', expect: everyone() },
  'GET /log/tile/entries/*': { path: () => '/log/tile/entries/000.p/1', expect: keyOnly({ 'key:auditor': 'ok' }) },
  'GET /v1/audit/subjects/:subjectId': {
    path: (ids) => `/v1/audit/subjects/${ids.subjectId}`,
    expect: keyOnly({ 'key:auditor': 'ok' }),
  },

  // Key management: admin keys only.
  'GET /v1/admin/keys': { expect: keyOnly({ 'key:admin': 'ok' }) },
  'POST /v1/admin/keys': {
    body: json({ role: 'auditor', principal: 'matrix-issued' }),
    expect: keyOnly({ 'key:admin': 'ok' }),
  },
  'POST /v1/admin/keys/:id(^[0-9A-Za-z]{1,64})::revoke': {
    path: (ids) => `/v1/admin/keys/${ids.keyIds.revoke}:revoke`,
    body: json({}),
    expect: keyOnly({ 'key:admin': 'ok' }),
  },
  'POST /v1/admin/keys/:id(^[0-9A-Za-z]{1,64})::rotate': {
    path: (ids) => `/v1/admin/keys/${ids.keyIds.rotate}:rotate`,
    body: json({ overlap: '1h' }),
    expect: keyOnly({ 'key:admin': 'ok' }),
  },
  'POST /v1/admin/keys/:id(^[0-9A-Za-z]{1,64})::expire': {
    path: (ids) => `/v1/admin/keys/${ids.keyIds.expire}:expire`,
    body: json({ expiresIn: '30d' }),
    expect: keyOnly({ 'key:admin': 'ok' }),
  },

  // Ratings: a person's rating for staff keys only, organizations' in public.
  'GET /v1/subjects/:scheme/:value/assessment': {
    path: () => `/v1/subjects/CN-RIC/110101199003074477/assessment`,
    expect: keyOnly({ 'key:reviewer': 'ok', 'key:auditor': 'ok' }),
  },
  'GET /v1/public/ratings/:scheme/:value': {
    path: () => `/v1/public/ratings/${ORGANIZATION.scheme}/${ORGANIZATION.value}`,
    expect: everyone(),
  },

  // Screening: relying parties only.
  'POST /v1/checks': {
    body: json({
      subject: { scheme: 'CN-RIC', value: '110101199003074477' },
      action: 'air.ticket.any',
      purpose: 'ticket_sale',
      reference: 'PNR-1',
    }),
    expect: keyOnly({ 'key:relying_party': 'ok' }),
  },
  'POST /v1/checks::batch': {
    body: () => ({
      ndjson: `${JSON.stringify({ subject: { scheme: 'CN-RIC', value: '110101199003074477' }, action: 'air.ticket.any', purpose: 'ticket_sale', reference: 'PNR-2' })}\n`,
    }),
    expect: ndjsonKeyOnly({ 'key:relying_party': 'ok' }),
  },
  'GET /v1/feed': { path: () => '/v1/feed?after=0&limit=10', expect: keyOnly({ 'key:relying_party': 'ok' }) },
  'PUT /v1/relying-party/webhook': {
    body: json({ url: 'http://127.0.0.1:9/hook' }),
    expect: keyOnly({ 'key:relying_party': 'ok' }),
  },

  // Published lists, attestations' keys and verification, transparency: public.
  'GET /v1/public/lists/:code/entries': {
    path: () => '/v1/public/lists/dishonest-judgment-debtors/entries?q=%E7%8E%8B%E8%8A%B3',
    expect: everyone(),
  },
  'GET /v1/attestations/keys': { expect: everyone() },
  'POST /v1/attestations::verify': { body: (ids) => ({ json: { token: ids.attestationToken } }), expect: everyone() },
  'GET /v1/public/transparency/institutions': { expect: everyone() },

  // The subject's own API: a session (or the provider's access token), never an API key.
  'GET /v1/me': { expect: subjectApi({ 'session:reviewer': 'ok', 'session:auditor': 'ok', 'session:admin': 'ok' }) },
  'GET /v1/me/assessment': { expect: subjectApi() },
  'GET /v1/me/records': { expect: subjectApi() },
  'GET /v1/me/lists': { expect: subjectApi() },
  'GET /v1/me/access-log': { expect: subjectApi() },
  'GET /v1/me/disputes': { expect: subjectApi() },
  'POST /v1/me/disputes': {
    body: (ids) => ({ json: { recordId: ids.apiFilingRecordId, grounds: 'I paid that fare.' } }),
    expect: subjectApi({ 'session:second-citizen': 404 }),
  },
  // For apps with the provider's access token: a session cookie alone may only send JSON, never a multipart form (CSRF).
  'POST /v1/me/disputes/:id/evidence': {
    path: (ids) => `/v1/me/disputes/${ids.disputeId}/evidence`,
    body: () => ({ multipart: { file: new Blob([PDF], { type: 'application/pdf' }) } }),
    expect: row((kind) => (kind.startsWith('session:') ? 403 : 401)),
  },
  'POST /v1/me/attestations': { body: json({ disclosure: 'rating' }), expect: subjectApi() },

  // Disputes: the source institution answers, a reviewer decides.
  'GET /v1/institution/evidence/:id': {
    path: (ids) => `/v1/institution/evidence/${ids.evidenceId}`,
    expect: keyOnly({ 'key:institution': 'ok', 'key:other-institution': 404 }),
  },
  'GET /v1/institution/disputes': { expect: keyOnly({ 'key:institution': 'ok', 'key:other-institution': 'ok' }) },
  'POST /v1/institution/disputes/:id(^[0-9A-Za-z]{1,64})::answer': {
    path: (ids) => `/v1/institution/disputes/${ids.answerDisputeId}:answer`,
    body: json({ kind: 'verify', reason: 'the gate log shows it' }),
    expect: keyOnly({ 'key:institution': 'ok', 'key:other-institution': 404 }),
  },
  'POST /v1/disputes/:id(^[0-9A-Za-z]{1,64})::decide': {
    path: (ids) => `/v1/disputes/${ids.decideDisputeId}:decide`,
    body: json({ outcome: 'upheld', reasons: 'no proof' }),
    expect: row((kind) => (kind === 'session:reviewer' ? 'ok' : kind.startsWith('session:') ? 403 : 401)),
  },

  // Portal pages and forms.
  'GET /': { expect: everyone() },
  'GET /signin': { expect: everyone() },
  // No sign-in was started from this client: refused the same for everyone.
  'GET /signin/callback': { path: () => '/signin/callback?code=x&state=y', expect: everyone(401) },
  'GET /signout': { expect: everyone() },
  'POST /signout': { body: () => ({ form: {} }), expect: everyone() },
  'GET /me': { expect: signedInPage() },
  'GET /me/records': { expect: signedInPage() },
  'GET /me/lists': { expect: signedInPage() },
  // Filtered to the caller's own entries: another person's entry id shows an empty list.
  'GET /me/lists/:entryId': { path: (ids) => `/me/lists/${ids.entryId}`, expect: signedInPage() },
  'GET /me/disputes': { expect: signedInPage() },
  'GET /me/evidence/:id': { path: (ids) => `/me/evidence/${ids.evidenceId}`, expect: signedInPage(ownedByCitizen) },
  'GET /me/disputes/new': {
    path: (ids) => `/me/disputes/new?record=${ids.recordId}`,
    expect: signedInPage({ 'session:second-citizen': 404 }),
  },
  'POST /me/disputes': {
    body: (ids) => ({ form: { recordId: ids.formFilingRecordId, grounds: 'I paid that fare.' } }),
    expect: signedInPage({ 'session:second-citizen': 404 }),
  },
  'GET /me/access-log': { expect: signedInPage() },
  // The proof of one access to the citizen's data: to anyone else that entry does not exist.
  'GET /me/access-log/:index/proof': {
    path: (ids) => `/me/access-log/${ids.accessIndex}/proof`,
    expect: signedInPage(ownedByCitizen),
  },
  'GET /me/attestations': { expect: everyone() },
  'POST /me/attestations': { body: () => ({ form: { disclosure: 'rating' } }), expect: signedInPage() },
  'GET /me/attestations/:id': {
    path: (ids) => `/me/attestations/${ids.attestationId}`,
    expect: signedInPage(ownedByCitizen),
  },
  'GET /me/attestations/:id/token': {
    path: (ids) => `/me/attestations/${ids.attestationId}/token`,
    expect: signedInPage(ownedByCitizen),
  },
  'GET /verify': { expect: everyone() },
  'POST /verify': { body: (ids) => ({ form: { token: ids.attestationToken } }), expect: everyone() },
  'GET /verify/:id': { path: (ids) => `/verify/${ids.attestationId}`, expect: everyone() },
  'GET /transparency': { expect: everyone() },
  'GET /rulebooks': { expect: everyone() },
  'GET /rulebooks/:code/:version': { path: () => '/rulebooks/persons/1.0.0', expect: everyone() },
  'GET /catalog': { expect: everyone() },
  'GET /lookup': { path: () => '/lookup?q=%E7%A7%91%E6%8A%80', expect: everyone() },
  'GET /lookup/:scheme/:value': {
    path: () => `/lookup/${ORGANIZATION.scheme}/${ORGANIZATION.value}`,
    expect: everyone(),
  },
  'GET /lookup/lists/:code': { path: () => '/lookup/lists/dishonest-judgment-debtors?q=%E7%8E%8B', expect: everyone() },

  // The reviewer console.
  'GET /review': { expect: reviewerPage() },
  'GET /review/:id': { path: (ids) => `/review/${ids.disputeId}`, expect: reviewerPage() },
  'GET /review/evidence/:id': { path: (ids) => `/review/evidence/${ids.evidenceId}`, expect: reviewerPage() },
  'POST /review/:id': {
    path: (ids) => `/review/${ids.reviewDisputeId}`,
    body: () => ({ form: { outcome: 'upheld', reasons: 'no proof' } }),
    expect: reviewerPage(),
  },
};
