import { createLocalJWKSet, jwtVerify } from 'jose';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validSubmission } from '../support/catalog.js';
import { runCli } from '../support/cli.js';
import { startPortalServer, type PortalClient, type PortalServer } from '../support/portal-fixture.js';
import { STORE_KINDS } from '../support/stores.js';
import { testTempDir } from '../support/temp-dir.js';

const MOTHER = '110101199003074477';

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
  const published = async () =>
    createLocalJWKSet((await (await fetch(`${server.url}/v1/attestations/keys`)).json()) as { keys: [] });

  beforeAll(async () => {
    server = await startPortalServer(kind);
    const { secret } = await server.registry.apiKeys.issue('institution', 'sh-pudong-court');
    await fetch(`${server.url}/v1/records`, {
      method: 'POST',
      headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
      body: JSON.stringify([
        validSubmission({ sourceRef: 'j-mother', subject: { scheme: 'CN-RIC', value: MOTHER, name: '王芳' } }),
      ]),
    });
    mother = await server.signIn('mother');
  }, 60_000);
  afterAll(() => server?.close());

  it('issues a rating-only report: a compact EdDSA JWS with the band and its date, nothing more', async () => {
    const { status, body } = await issue(mother, 'rating');
    expect(status).toBe(201);
    expect(body.token.split('.')).toHaveLength(3);
    const { payload, protectedHeader } = await jwtVerify(body.token, await published(), { issuer: server.url });
    expect(protectedHeader).toMatchObject({ alg: 'EdDSA', typ: 'probity-attestation+jwt' });
    expect(payload).toMatchObject({ sub: `CN-RIC:${MOTHER}`, disclosure: 'rating', jti: body.id });
    expect(payload.exp! - payload.iat!).toBe(30 * 86_400);
    expect(Object.keys(payload['rating'] as object).sort()).toEqual(['asOf', 'band', 'label']);
    expect(payload['records']).toBeUndefined();
  });

  it('issues a full report with the score, every record and every list entry', async () => {
    const { body } = await issue(mother, 'full');
    const { payload } = await jwtVerify(body.token, await published());
    expect(payload['rating']).toHaveProperty('score');
    expect(payload['records']).toEqual([
      expect.objectContaining({ type: 'court.judgment_unperformed', institution: 'sh-pudong-court', status: 'active' }),
    ]);
    expect(payload['listEntries']).toEqual([]);
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
    expect(page).toContain(`CN-RIC:${MOTHER}`);
    const log = (await (await mother.get('/v1/me/access-log')).json()) as {
      entries: { action: string; actor: { kind: string } }[];
    };
    expect(log.entries[0]).toMatchObject({ action: 'attestation.verified', actor: { kind: 'public' } });
  });

  it('prints a rating-only report with a QR code (SVG) of the token itself, for checking offline', async () => {
    const page = await (
      await mother.postForm('/me/attestations', { _csrf: await mother.csrfToken(), disclosure: 'rating', as: '0' })
    ).text();
    expect(page).toContain('<h1>Your signed report</h1>');
    expect(page).toMatch(
      /<span role="img" aria-label="The signed report itself, to scan and check offline[^"]*"><svg /,
    );
    expect(page).toMatch(new RegExp(`${server.url}/verify/[0-9A-Z]{26}`));
  });

  it('prints a full report, too long for a QR code, with a QR code of its verification link', async () => {
    await fetch(`${server.url}/v1/records`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${(await server.registry.apiKeys.issue('institution', 'sh-pudong-court')).secret}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify(
        Array.from({ length: 8 }, (_, i) =>
          validSubmission({ sourceRef: `j-more-${i}`, subject: { scheme: 'CN-RIC', value: MOTHER, name: '王芳' } }),
        ),
      ),
    });
    const page = await (
      await mother.postForm('/me/attestations', { _csrf: await mother.csrfToken(), disclosure: 'full', as: '0' })
    ).text();
    expect(page).toMatch(/<span role="img" aria-label="Scan to check this report online"><svg /);
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
    expect(ok.stdout).toContain(`subject:    CN-RIC:${MOTHER}`);
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
