import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validSubmission } from '../support/catalog.js';
import { PortalClient, startPortalServer, type PortalServer } from '../support/portal-fixture.js';
import { STORE_KINDS } from '../support/stores.js';

const MOTHER = '110101199003074477';
const DEBTOR = '11010519491231002X';
const COMPANY = '91350100M000100Y43';

describe.each(STORE_KINDS)('subject portal on %s', (kind) => {
  let server: PortalServer;
  let mother: PortalClient;
  let debtor: PortalClient;
  const bearer = async (code: string) => {
    const { secret } = await server.registry.apiKeys.issue(
      code === 'air-china' ? 'relying_party' : 'institution',
      code,
    );
    return { authorization: `Bearer ${secret}`, 'content-type': 'application/json' };
  };
  const submit = async (records: Record<string, unknown>[]) => {
    const response = await fetch(`${server.url}/v1/records`, {
      method: 'POST',
      headers: await bearer('sh-pudong-court'),
      body: JSON.stringify(records),
    });
    expect(((await response.json()) as { rejected: number }).rejected).toBe(0);
  };
  // Answers are checked field by field below.
  const json = async (client: PortalClient, path: string): Promise<{ status: number; body: any }> => {
    const response = await client.get(path);
    return { status: response.status, body: await response.json() };
  };

  beforeAll(async () => {
    server = await startPortalServer(kind);
    await submit([
      validSubmission({ sourceRef: 'j-mother', subject: { scheme: 'CN-RIC', value: MOTHER, name: '王芳' } }),
      validSubmission({
        type: 'court.dishonest_debtor_listing',
        sourceRef: 'L-1',
        subject: { scheme: 'CN-RIC', value: DEBTOR, name: '张三' },
        payload: {
          caseNumber: 'c-1',
          decisionReference: 'c-1-1',
          obligation: 'pay 100,000 yuan',
          ground: 'able_but_refuses',
        },
      }),
      validSubmission({ sourceRef: 'j-company', subject: { scheme: 'CN-USCC', value: COMPANY, name: '某某有限公司' } }),
    ]);
    mother = await server.signIn('mother');
    debtor = await server.signIn('debtor');
  }, 60_000);
  afterAll(() => server?.close());

  describe('signing in through the OpenID provider', () => {
    it('ends on the rating page with a session cookie that is HttpOnly and SameSite=Lax', async () => {
      const client = server.anonymous();
      const final = await client.signIn('mother');
      expect(final.status).toBe(200);
      expect(await final.text()).toContain('<h1>My rating</h1>');
      const cookies = await client.jar.getCookies(server.url);
      const session = cookies.find((c) => c.key === 'probity_session')!;
      expect(session.httpOnly).toBe(true);
      expect(session.sameSite).toBe('lax');
    });

    it('tells who is signed in and which subject each identifier is', async () => {
      const { status, body } = await json(mother, '/v1/me');
      expect(status).toBe(200);
      expect(body.name).toBe('王芳');
      expect(body.identities).toEqual([expect.objectContaining({ scheme: 'CN-RIC', value: MOTHER, kind: 'person' })]);
      expect(body.identities[0].subjectId).toMatch(/^[0-9A-Z]{26}$/);
    });

    it('refuses a callback whose state this browser did not start (401 sign_in_failed)', async () => {
      const client = server.anonymous();
      const response = await client.get('/signin/callback?code=x&state=forged');
      expect(response.status).toBe(401);
      expect(((await response.json()) as { type: string }).type).toBe('/problems/sign_in_failed');
    });

    it('sends a visitor who is not signed in to sign in, and answers the API with 401', async () => {
      const client = server.anonymous();
      const page = await client.get('/me/records');
      expect(page.status).toBe(303);
      expect(page.headers.get('location')).toBe('/signin?returnTo=%2Fme%2Frecords');
      const api = await client.get('/v1/me/records');
      expect(api.status).toBe(401);
      expect(api.headers.get('content-type')).toContain('application/problem+json');
    });

    it('logs each sign-in in the audit log against the subject', async () => {
      const { body } = await json(mother, '/v1/me/access-log');
      expect(body.entries.some((e: { action: string }) => e.action === 'portal.signed_in')).toBe(true);
    });
  });

  describe('what a signed-in person sees', () => {
    it('shows the rating with its band and reasons', async () => {
      const page = await (await mother.get('/me')).text();
      expect(page).toMatch(/class="band">[^<]+</);
      expect(page).toContain('What lowered your score');
      const { body } = await json(mother, '/v1/me/assessment');
      expect(body.adverse.length).toBeGreaterThan(0);
      // The reason in words, linked to the records behind it; the score on its scale; no reason codes.
      expect(page).toContain(body.adverse[0].reasonText.en);
      expect(page).not.toContain(body.adverse[0].reasonCode);
      for (const id of body.adverse[0].recordIds) expect(page).toContain(`href="/me/records#record-${id}"`);
      expect(page).toMatch(/<dd>\d+ on a scale from 350 to 950<\/dd>/);
      expect(page).toContain('>Credit rating of persons 1.0.0</a>');
    });

    it('names the list that caps the band first, with the listing behind it and a link to the entry', async () => {
      const page = await (await debtor.get('/me')).text();
      const { body } = await json(debtor, '/v1/me/assessment');
      expect(body.ceiling).toMatchObject({ listCode: 'dishonest-judgment-debtors', band: { code: 'bad' } });
      const notice = page.indexOf('While you are on the list of dishonest judgment debtors your rating is at most Bad');
      expect(notice).toBeGreaterThan(0);
      expect(notice).toBeLessThan(page.indexOf('What lowered your score'));
      expect(page).toContain(`href="/me/records#record-${body.ceiling.recordIds[0]}"`);
      expect(page).toContain('<a href="/me/lists">See your list entries</a>');
      // What to do: the act that takes the debtor off the list, matched on the case number, in words.
      expect(page).toContain('<h2 id="next-steps-title">What you can do</h2>');
      expect(page).toContain(
        'List of dishonest judgment debtors: you come off it at once when one of these is recorded for c-1:\n<ul><li>Obligation under an effective judgment performed</li>',
      );
      // The mother is on no list: no ceiling, and no notice.
      expect((await json(mother, '/v1/me/assessment')).body.ceiling).toBeUndefined();
    });

    it('lists every record with its source institution, legal basis and status', async () => {
      const { body } = await json(mother, '/v1/me/records');
      expect(body.records).toHaveLength(1);
      expect(body.records[0]).toMatchObject({
        type: 'court.judgment_unperformed',
        institution: 'sh-pudong-court',
        status: 'active',
      });
      expect(body.records[0].legalBasis.citation).toBeTruthy();
      const page = await (await mother.get('/me/records')).text();
      expect(page).toContain(body.records[0].legalBasis.citation.replaceAll("'", '&#39;'));
      expect(page).toContain('j-mother');
    });

    it('filters records by status', async () => {
      const page = await (await mother.get('/me/records?status=withdrawn')).text();
      expect(page).not.toContain('j-mother');
      expect(page).toContain('No records.');
    });

    it('shows a list entry with what it forbids and how to be removed', async () => {
      const { body } = await json(debtor, '/v1/me/lists');
      expect(body.entries).toHaveLength(1);
      expect(body.entries[0]).toMatchObject({ listCode: 'dishonest-judgment-debtors' });
      const page = await (await debtor.get(`/me/lists/${body.entries[0].id}`)).text();
      expect(page).toContain('How to be removed');
      expect(page).toMatch(/<h3>Restrictions<\/h3><ul><li>[^<]+<\/li>/);
      // Dates in words that say what they are; the decision linked by name, not by its id.
      expect(page).toMatch(/<dt>Listed on<\/dt><dd>\d{4}-\d{2}-\d{2}<\/dd>/);
      expect(page).toMatch(/<dt>Until<\/dt><dd>\d{4}-\d{2}-\d{2}<\/dd>/);
      expect(page).toContain(
        `<a href="/me/records#record-${body.entries[0].basisRecordId}">The decision that put you on the list</a>`,
      );
    });

    it('shows a screening check in "who looked" as a sentence with the relying party, action and decision', async () => {
      const check = await fetch(`${server.url}/v1/checks`, {
        method: 'POST',
        headers: await bearer('air-china'),
        body: JSON.stringify({
          subject: { scheme: 'CN-RIC', value: MOTHER },
          action: 'air.ticket.any',
          purpose: 'ticket_sale',
          reference: 'PNR-4411',
        }),
      });
      expect(check.status).toBe(200);
      const { body } = await json(mother, '/v1/me/access-log');
      expect(body.entries[0]).toMatchObject({
        action: 'check.performed',
        actor: { kind: 'relying_party', id: 'air-china' },
        detail: {
          action: 'air.ticket.any',
          purpose: 'ticket_sale',
          decision: 'allow',
          reference: server.registry.audit.tagReference('PNR-4411'),
        },
      });
      const page = await (await mother.get('/me/access-log')).text();
      // A sentence in the pack's words, not codes; the reference is kept only as a keyed tag, so it is not shown.
      expect(page).toContain('Air China checked whether you may buy an air ticket of any class: allowed.');
      expect(page).not.toContain(server.registry.audit.tagReference('PNR-4411'));
      expect(page).toContain('Times are China Standard Time.');
    });

    it('says so when nothing is held about the person', async () => {
      const stranger = await server.signIn('stranger');
      expect((await stranger.get('/v1/me/records')).status).toBe(404);
      expect(await (await stranger.get('/me/records')).text()).toContain(
        'Probity holds no records about this identifier',
      );
    });

    it('tells a staff member signed in without an identifier which roles they have', async () => {
      const reviewer = await server.signIn('reviewer');
      const { body } = await json(reviewer, '/v1/me');
      expect(body).toMatchObject({ roles: ['reviewer'], identities: [] });
      expect(await (await reviewer.get('/me')).text()).toContain('Your roles: reviewer.');
    });

    it('lets a company representative switch to the company’s data', async () => {
      const representative = await server.signIn('representative');
      const { body: me } = await json(representative, '/v1/me');
      expect(me.identities.map((i: { scheme: string }) => i.scheme)).toEqual(['CN-RIC', 'CN-USCC']);
      const { body } = await json(representative, '/v1/me/records?as=1');
      expect(body.records.map((r: { sourceRef: string }) => r.sourceRef)).toEqual(['j-company']);
    });
  });

  describe('a signed-in subject never sees another subject’s data', () => {
    it('has no way to name another subject: as= beyond their own identifiers falls back to their own', async () => {
      for (const path of ['/v1/me/records', '/v1/me/records?as=1', '/v1/me/records?as=99']) {
        const { body } = await json(mother, path);
        expect(body.records.map((r: { sourceRef: string }) => r.sourceRef)).toEqual(['j-mother']);
      }
      const { body } = await json(mother, '/v1/me/lists');
      expect(body.entries).toEqual([]);
      const page = await (await mother.get('/me/lists')).text();
      expect(page).not.toContain('L-1');
    });

    it('shows nothing of another subject’s entry through the contest link', async () => {
      const { body } = await json(debtor, '/v1/me/lists');
      const page = await (await mother.get(`/me/lists/${body.entries[0].id}`)).text();
      expect(page).not.toContain(`id="entry-${body.entries[0].id}"`);
      expect(page).toContain('You are not on any enforcement list.');
    });
  });

  describe('languages', () => {
    it('follows Accept-Language, and the switch remembers the choice', async () => {
      const chinese = await (await mother.get('/me', { 'accept-language': 'zh-CN,zh;q=0.9' })).text();
      expect(chinese).toContain('<html lang="zh-Hans">');
      expect(chinese).toContain('我的评级');
      await mother.get('/me?lang=en', { 'accept-language': 'zh-CN' });
      const english = await (await mother.get('/me', { 'accept-language': 'zh-CN' })).text();
      expect(english).toContain('<html lang="en">');
    });
  });

  describe('an app with an access token from the provider', () => {
    it('reads /v1/me with the token as a bearer credential', async () => {
      const token = await server.accessToken('mother');
      const me = await fetch(`${server.url}/v1/me/records`, { headers: { authorization: `Bearer ${token}` } });
      expect(me.status).toBe(200);
      expect(((await me.json()) as { records: { sourceRef: string }[] }).records.map((r) => r.sourceRef)).toEqual([
        'j-mother',
      ]);
      const forged = await fetch(`${server.url}/v1/me`, { headers: { authorization: 'Bearer not-a-token' } });
      expect(forged.status).toBe(401);
    });
  });

  it('has no mailbox page outside the demo', async () => {
    expect((await server.anonymous().get('/demo/mailbox')).status).toBe(404);
  });

  describe('cross-site requests', () => {
    it('refuses an API write carried by the session cookie unless it is JSON (a form from another site cannot send JSON)', async () => {
      const forged = await mother.postForm('/v1/me/attestations', { disclosure: 'full' });
      expect(forged.status).toBe(403);
      expect(((await forged.json()) as { type: string }).type).toBe('/problems/csrf_token_invalid');
    });
  });

  describe('expired sessions', () => {
    it('are purged from the store', async () => {
      const client = await server.signIn('stranger');
      expect((await client.get('/v1/me')).status).toBe(200);
      const purged = await server.registry.store.purgeSessions(new Date(Date.now() + 13 * 3_600_000).toISOString());
      expect(purged).toBeGreaterThan(0);
      expect((await client.get('/v1/me')).status).toBe(401);
    });
  });

  describe('signing out', () => {
    it('needs the form’s CSRF token, and then ends the session everywhere', async () => {
      const client = await server.signIn('mother');
      const refused = await client.postForm('/signout', { next: '/' });
      expect(refused.status).toBe(403);
      expect(((await refused.json()) as { type: string }).type).toBe('/problems/csrf_token_invalid');
      expect((await client.get('/v1/me')).status).toBe(200);
      const out = await client.postForm('/signout', { _csrf: await client.csrfToken() });
      expect(out.status).toBe(303);
      expect((await client.get('/v1/me')).status).toBe(401);
    });
  });
});
