import { createLocalJWKSet, jwtVerify } from 'jose';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validSubmission } from '../support/catalog.js';
import { runCli } from '../support/cli.js';
import { PORTAL_USERS, startPortalServer, type PortalClient, type PortalServer } from '../support/portal-fixture.js';
import { STORE_KINDS } from '../support/stores.js';
import { testTempDir } from '../support/temp-dir.js';

const MOTHER = '110101199003074477';
/** The mother's number as a report shows it: the first and last four characters. */
const MASKED = '1101**********4477';

interface Issued {
  id: string;
  token: string;
  verifyUrl: string;
  disclosure: string;
}

describe.each(STORE_KINDS)('attestations on %s', (kind) => {
  let server: PortalServer;
  let mother: PortalClient;

  const issue = async (client: PortalClient, disclosure: string) => {
    const response = await client.request(`${server.url}/v1/me/attestations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ disclosure }),
    });
    return { status: response.status, body: (await response.json()) as Issued };
  };
  const submit = async (records: object[]) => {
    const { secret } = await server.registry.apiKeys.issue('institution', 'sh-pudong-court');
    const response = await fetch(`${server.url}/v1/records`, {
      method: 'POST',
      headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
      body: JSON.stringify(records),
    });
    return { secret, ids: ((await response.json()) as { results: { id: string }[] }).results.map((r) => r.id) };
  };
  const mothers = (sourceRef: string) =>
    validSubmission({ sourceRef, subject: { scheme: 'CN-RIC', value: MOTHER, name: '王芳' } });
  /** The portal form, as a browser posts it: answered with a redirect to the report's own page. */
  const issueByForm = async (disclosure: string) =>
    mother.postForm('/me/attestations', { _csrf: await mother.csrfToken(), disclosure, as: '0' });
  const issuedCount = async () => {
    const log = (await (await mother.get('/v1/me/access-log')).json()) as { entries: { action: string }[] };
    return log.entries.filter((e) => e.action === 'attestation.issued').length;
  };
  const published = async () =>
    createLocalJWKSet((await (await fetch(`${server.url}/v1/attestations/keys`)).json()) as { keys: [] });

  beforeAll(async () => {
    server = await startPortalServer(kind);
    await submit([mothers('j-mother')]);
    mother = await server.signIn('mother');
  }, 60_000);
  afterAll(() => server?.close());

  it('issues a rating-only report: a compact EdDSA JWS with the name, the masked number, the band and its date', async () => {
    const { status, body } = await issue(mother, 'rating');
    expect(status).toBe(201);
    expect(body.token.split('.')).toHaveLength(3);
    const { payload, protectedHeader } = await jwtVerify(body.token, await published(), { issuer: server.url });
    expect(protectedHeader).toMatchObject({ alg: 'EdDSA', typ: 'probity-attestation+jwt' });
    expect(payload).toMatchObject({ sub: `CN-RIC:${MASKED}`, name: '王芳', disclosure: 'rating', jti: body.id });
    expect(body.token).not.toContain(Buffer.from(MOTHER).toString('base64url').slice(0, 12));
    expect(JSON.stringify(payload)).not.toContain(MOTHER);
    expect(payload.exp! - payload.iat!).toBe(30 * 86_400);
    expect(Object.keys(payload['rating'] as object).sort()).toEqual(['asOf', 'band', 'label']);
    expect(payload['records']).toBeUndefined();
  });

  it('issues a full report with the score and each record that stands, with the pack’s words for it', async () => {
    const { body } = await issue(mother, 'full');
    const { payload } = await jwtVerify(body.token, await published());
    expect(payload['rating']).toHaveProperty('score');
    expect(payload['records']).toEqual([
      {
        type: 'court.judgment_unperformed',
        title: { en: expect.any(String), zh: expect.any(String) },
        institution: 'sh-pudong-court',
        institutionName: { en: expect.any(String), zh: expect.any(String) },
        effectiveAt: '2025-03-01T00:00:00.000Z',
        status: 'active',
        disputed: false,
      },
    ]);
    expect(payload['listEntries']).toEqual([]);
  });

  it('leaves a withdrawn record out of a full report, and the verification answer says the same', async () => {
    const { secret, ids } = await submit([mothers('j-withdrawn')]);
    const withdrawn = await fetch(`${server.url}/v1/records/${ids[0]}:withdraw`, {
      method: 'POST',
      headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
      body: JSON.stringify({ reason: 'entered in error' }),
    });
    expect(withdrawn.status).toBe(200);
    const { body } = await issue(mother, 'full');
    const verdict = (await (
      await fetch(`${server.url}/v1/attestations:verify`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ token: body.token }),
      })
    ).json()) as { valid: boolean; claims: { name: string; records: { status: string }[] } };
    expect(verdict.valid).toBe(true);
    expect(verdict.claims.name).toBe('王芳');
    expect(verdict.claims.records.map((r) => r.status)).toEqual(['active']);
  });

  it('names an organization by its registered name and keeps its code whole (a public register)', async () => {
    const uscc = PORTAL_USERS.representative.claims.uscc;
    await submit([
      validSubmission({ sourceRef: 'j-org', subject: { scheme: 'CN-USCC', value: uscc, name: '某科技有限公司' } }),
    ]);
    const representative = await server.signIn('representative');
    const response = await representative.request(`${server.url}/v1/me/attestations?as=1`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ disclosure: 'rating' }),
    });
    expect(response.status).toBe(201);
    const { payload } = await jwtVerify(((await response.json()) as Issued).token, await published());
    expect(payload).toMatchObject({ sub: `CN-USCC:${uscc}`, name: '某科技有限公司' });
  });

  it('logs each issue as an export the subject sees in who looked', async () => {
    await issue(mother, 'rating');
    const log = (await (await mother.get('/v1/me/access-log')).json()) as {
      entries: { action: string; detail?: { disclosure?: string } }[];
    };
    expect(log.entries[0]).toMatchObject({ action: 'attestation.issued', detail: { disclosure: 'rating' } });
  });

  it('is only for the signed-in subject: nobody else can ask for one', async () => {
    const anonymous = server.anonymous();
    expect((await issue(anonymous, 'rating')).status).toBe(401);
    const stranger = await server.signIn('stranger');
    expect((await issue(stranger, 'rating')).status).toBe(404);
    const { body } = await issue(mother, 'rating');
    const download = await stranger.get(`/me/attestations/${body.id}/token`);
    expect(download.status).toBe(404);
    const own = await mother.get(`/me/attestations/${body.id}/token`);
    expect(own.headers.get('content-type')).toBe('application/jose');
    expect(await own.text()).toBe(body.token);
  });

  it('verifies online, and says why an altered report is not valid', async () => {
    const { body } = await issue(mother, 'rating');
    const check = async (token: string) =>
      (await (
        await fetch(`${server.url}/v1/attestations:verify`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ token }),
        })
      ).json()) as { valid: boolean; reason?: string };
    expect(await check(body.token)).toMatchObject({ valid: true });
    const [header, payload, signature] = body.token.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
    const forged = `${header}.${Buffer.from(JSON.stringify({ ...claims, rating: { ...claims.rating, band: 'very_good' } })).toString('base64url')}.${signature}`;
    expect(await check(forged)).toEqual({ valid: false, reason: expect.stringContaining('signature does not verify') });
  });

  it('shows the report on the public page its QR code links to, and logs that it was opened', async () => {
    const { body } = await issue(mother, 'rating');
    expect(body.verifyUrl).toBe(`${server.url}/verify/${body.id}`);
    const page = await (await fetch(body.verifyUrl)).text();
    expect(page).toContain('Valid: this report was signed by the registry');
    expect(page).toContain('王芳');
    expect(page).toContain(MASKED);
    expect(page).not.toContain(MOTHER);
    const log = (await (await mother.get('/v1/me/access-log')).json()) as {
      entries: { action: string; actor: { kind: string } }[];
    };
    expect(log.entries[0]).toMatchObject({ action: 'attestation.verified', actor: { kind: 'public' } });
  });

  it('issues from the form with a redirect (303) to the report’s own page, so a reload issues nothing', async () => {
    const before = await issuedCount();
    const posted = await issueByForm('rating');
    expect(posted.status).toBe(303);
    const location = posted.headers.get('location')!;
    expect(location).toMatch(/^\/me\/attestations\/[0-9A-Z]{26}$/);
    const tokenOn = (page: string) => /<textarea id="token" readonly rows="6">([^<]+)<\/textarea>/.exec(page)?.[1];
    const first = tokenOn(await (await mother.get(location)).text());
    const reloaded = await mother.get(location);
    expect(reloaded.status).toBe(200);
    expect(first).toMatch(/^ey/);
    expect(tokenOn(await reloaded.text())).toBe(first);
    expect(await issuedCount()).toBe(before + 1);
  });

  it('shows a report to its own subject only: to anyone else its page does not exist', async () => {
    const location = (await issueByForm('rating')).headers.get('location')!;
    const stranger = await server.signIn('stranger');
    const refused = await stranger.get(location);
    expect(refused.status).toBe(404);
    expect(await refused.text()).not.toContain('王芳');
    expect((await server.anonymous().get(location)).status).toBe(303);
  });

  it('prints a rating-only report with the name and masked number, and a QR code (SVG) of the token itself', async () => {
    const page = await (await mother.get((await issueByForm('rating')).headers.get('location')!)).text();
    expect(page).toContain('<h1>Your signed report</h1>');
    expect(page).toMatch(/<dt>Name<\/dt><dd>王芳<\/dd>/);
    expect(page).toMatch(new RegExp(`<dt>ID number</dt><dd>${MASKED.replaceAll('*', '\\*')}</dd>`));
    expect(page).not.toContain(MOTHER);
    expect(page).toMatch(
      /<span role="img" aria-label="The signed report itself, to scan and check offline[^"]*"><svg /,
    );
    expect(page).toMatch(new RegExp(`${server.url}/verify/[0-9A-Z]{26}`));
  });

  it('prints a full report in words (titles, source, dates, status), no codes, and a QR code of its link', async () => {
    await submit(Array.from({ length: 8 }, (_, i) => mothers(`j-more-${i}`)));
    const location = (await issueByForm('full')).headers.get('location')!;
    const page = await (await mother.get(location)).text();
    expect(page).toMatch(/<span role="img" aria-label="Scan to check this report online"><svg /);
    const { catalog } = server.registry;
    const title = catalog.recordType('court.judgment_unperformed')!.title;
    const source = catalog.institution('sh-pudong-court')!.name;
    // As the page escapes it (the court's name has an apostrophe).
    const escaped = (text: string) => text.replaceAll("'", '&#39;');
    expect(page).toContain(escaped(`${title.en}, from ${source.en}, effective 2025-03-01: in force`));
    expect(page).not.toContain('court.judgment_unperformed');
    expect(page).not.toContain('>sh-pudong-court');
    expect(page).toContain('Withdrawn and expired records');
    const chinese = await (await mother.get(`${location}?lang=zh`)).text();
    expect(chinese).toContain(`${title.zh}，${source.zh}，2025-03-01 生效：有效`);
    expect(chinese).toMatch(/<dt>姓名\/名称<\/dt><dd>王芳<\/dd>/);
  });

  it('lets caches keep the published key set for five minutes, revalidating by ETag', async () => {
    const first = await fetch(`${server.url}/v1/attestations/keys`);
    expect(first.headers.get('cache-control')).toBe('public, max-age=300');
    const again = await fetch(`${server.url}/v1/attestations/keys`, {
      headers: { 'if-none-match': first.headers.get('etag')! },
    });
    expect(again.status).toBe(304);
  });

  it('verifies offline with `probity attestation verify` and the published key set (exit 0; 1 when altered)', async () => {
    const { body } = await issue(mother, 'full');
    const dir = testTempDir('probity-attest-');
    writeFileSync(join(dir, 'report.jws'), body.token);
    writeFileSync(join(dir, 'keys.json'), await (await fetch(`${server.url}/v1/attestations/keys`)).text());
    const ok = await runCli(['attestation', 'verify', join(dir, 'report.jws'), '--key', join(dir, 'keys.json')]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain(`subject:    CN-RIC:${MASKED}`);
    expect(ok.stdout).toContain('name:       王芳');
    expect(ok.stdout).toMatch(/records: +[1-9]/);
    writeFileSync(join(dir, 'altered.jws'), body.token.slice(0, -4) + (body.token.endsWith('AAAA') ? 'BBBB' : 'AAAA'));
    const bad = await runCli([
      'attestation',
      'verify',
      join(dir, 'altered.jws'),
      '--key',
      `${server.url}/v1/attestations/keys`,
    ]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('not valid');
  });
});
