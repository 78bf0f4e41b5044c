import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Clock } from '../../src/services/clock.js';
import { validSubmission } from '../support/catalog.js';
import { PORTAL_USERS, startPortalServer, type PortalClient, type PortalServer } from '../support/portal-fixture.js';

type PortalUser = keyof typeof PORTAL_USERS;
import { STORE_KINDS } from '../support/stores.js';

const MOTHER = '110101199003074477';
const DEBTOR = '11010519491231002X';
const DAY = 86_400_000;
const START = Date.parse('2026-06-01T09:00:00.000Z');

// Answers are read field by field, so they are typed loosely here.
type Json = Record<string, any>;

describe.each(STORE_KINDS)('disputes on %s', (kind) => {
  let server: PortalServer;
  let mother: PortalClient;
  let now = START;
  const clock: Clock = { now: () => new Date(now) };
  const keys = new Map<string, string>();
  const key = async (role: 'institution' | 'relying_party' | 'reviewer', code: string) => {
    if (!keys.has(`${role}:${code}`))
      keys.set(`${role}:${code}`, (await server.registry.apiKeys.issue(role, code)).secret);
    return { authorization: `Bearer ${keys.get(`${role}:${code}`)}`, 'content-type': 'application/json' };
  };
  const call = async (
    method: string,
    path: string,
    headers: Record<string, string>,
    body?: unknown,
  ): Promise<{ status: number; body: Json }> => {
    const response = await fetch(`${server.url}${path}`, {
      method,
      headers,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: (await response.json()) as Json };
  };
  const asMother = async (method: string, path: string, body?: unknown) => {
    const response = await mother.request(`${server.url}${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: (await response.json()) as Json };
  };
  const fareEvasion = (sourceRef: string) => ({
    type: 'transport.fare_evasion',
    sourceRef,
    subject: { scheme: 'CN-RIC', value: MOTHER, name: '王芳' },
    effectiveAt: new Date(START - 10 * DAY).toISOString(),
    payload: { decisionReference: `沪交执${sourceRef}`, station: '人民广场', fareAmount: 4 },
  });
  const submit = async (institution: string, records: unknown[]) => {
    const { body } = await call('POST', '/v1/records', await key('institution', institution), records);
    expect(body['rejected']).toBe(0);
    return (body['results'] as { id: string }[]).map((r) => r.id);
  };
  const score = async () => (await asMother('GET', '/v1/me/assessment')).body;
  /** A reviewer signed in at the provider decides through the API with their session. */
  const decide = async (id: string, decision: { outcome: string; reasons: string }, as: PortalUser = 'reviewer') => {
    const reviewer = await server.signIn(as);
    const response = await reviewer.request(`${server.url}/v1/disputes/${id}:decide`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(decision),
    });
    return { status: response.status, body: (await response.json()) as Json };
  };

  beforeAll(async () => {
    server = await startPortalServer(kind, { clock });
    mother = await server.signIn('mother');
  }, 60_000);
  afterAll(() => server?.close());

  describe('the subway-card case', () => {
    it('suspends the record while the dispute is open, takes it out when the authority does not answer by the deadline, and tells the airline that checked her', async () => {
      const [recordId] = await submit('sh-transport', [fareEvasion('F-1')]);
      // The airline checked her last month (before the dispute).
      now = START - 30 * DAY;
      const checked = await call('POST', '/v1/checks', await key('relying_party', 'air-china'), {
        subject: { scheme: 'CN-RIC', value: MOTHER },
        action: 'air.ticket.any',
        purpose: 'ticket_sale',
        reference: 'PNR-SUBWAY',
      });
      expect(checked.status).toBe(200);
      now = START;
      const before = await score();
      expect(before['adverse'].map((f: Json) => f['reasonCode'])).toContain('FARE_EVASION');

      const filed = await asMother('POST', '/v1/me/disputes', {
        recordId,
        grounds: 'I used my son’s card by mistake and paid the fare at once; I am not a fare evader.',
        statement: 'The card was my son’s; the fare was paid.',
      });
      expect(filed.status).toBe(201);
      expect(filed.body).toMatchObject({
        status: 'open',
        suspends: true,
        institution: 'sh-transport',
        deadline: new Date(START + 30 * DAY).toISOString(),
      });

      const open = await score();
      expect(open['score']).toBeGreaterThan(before['score']);
      expect(open['excluded']).toContainEqual(expect.objectContaining({ recordId, reason: 'suspended' }));
      const queue = await call('GET', '/v1/institution/disputes', await key('institution', 'sh-transport'));
      expect(queue.body['disputes'].map((d: Json) => d['id'])).toEqual([filed.body['id']]);

      // Nobody answers. Thirty-one days later no job has run, and the record still does not count.
      now = START + 31 * DAY;
      mother = await server.signIn('mother'); // a month later her session has long ended
      const lapsed = await asMother('GET', '/v1/me/disputes');
      expect(lapsed.body['disputes'][0]).toMatchObject({ id: filed.body['id'], status: 'lapsed' });
      expect((await score())['excluded']).toContainEqual(expect.objectContaining({ recordId, reason: 'suspended' }));

      // The sweeper tells the airline: a correction on its feed naming the check it made.
      const started = Date.now();
      let corrections: Json[] = [];
      while (corrections.length === 0 && Date.now() - started < 3_000) {
        const feed = await call('GET', '/v1/feed?after=0&limit=1000', await key('relying_party', 'air-china'));
        corrections = (feed.body['events'] as Json[]).filter((e) => e['type'] === 'correction');
        if (corrections.length === 0) await new Promise((r) => setTimeout(r, 50));
      }
      expect(corrections).toEqual([
        expect.objectContaining({
          change: 'lapsed',
          disputeId: filed.body['id'],
          checkIds: [checked.body['checkId']],
          identifiers: [{ scheme: 'CN-RIC', value: MOTHER }],
        }),
      ]);
      // The transport authority's public figures show one dispute resolved at its deadline.
      const figures = await call('GET', '/v1/public/transparency/institutions', {});
      expect(figures.body['institutions']).toContainEqual(
        expect.objectContaining({
          institution: 'sh-transport',
          received: 1,
          autoResolved: 1,
          medianDaysToAnswer: null,
        }),
      );
      const page = await (await fetch(`${server.url}/transparency`)).text();
      expect(page).toContain('Shanghai Municipal Transportation Commission');
    });

    it('puts the record back only when the source verifies it and a reviewer accepts that', async () => {
      const [{ id }] = (await asMother('GET', '/v1/me/disputes')).body['disputes'];
      const verified = await call(
        'POST',
        `/v1/institution/disputes/${id}:answer`,
        await key('institution', 'sh-transport'),
        {
          kind: 'verify',
          reason: 'The gate camera shows the card was used twice that day.',
        },
      );
      expect(verified.body, JSON.stringify(verified.body)).toMatchObject({
        status: 'lapsed',
        answer: { kind: 'verify' },
      });
      expect((await score())['adverse'].map((f: Json) => f['reasonCode'])).not.toContain('FARE_EVASION');
      const decided = await decide(id, { outcome: 'rejected', reasons: 'The source showed the card was used twice.' });
      expect(decided.body).toMatchObject({
        status: 'decided',
        decision: { outcome: 'rejected', reviewer: 'reviewer' },
      });
      expect((await score())['adverse'].map((f: Json) => f['reasonCode'])).toContain('FARE_EVASION');
      expect((await decide(id, { outcome: 'upheld', reasons: 'again' })).status).toBe(409);
    });
  });

  describe('decisions and answers', () => {
    it('upheld: the record is withdrawn and stops counting', async () => {
      const [recordId] = await submit('sh-transport', [fareEvasion('F-2')]);
      const { body: dispute } = await asMother('POST', '/v1/me/disputes', { recordId, grounds: 'Not me.' });
      await decide(dispute['id'], { outcome: 'upheld', reasons: 'No evidence.' });
      const records = (await asMother('GET', '/v1/me/records')).body['records'] as Json[];
      expect(records.find((r) => r['id'] === recordId)).toMatchObject({ status: 'withdrawn' });
      // The airline screened her within 180 days: it hears of the withdrawal at once.
      const feed = await call('GET', '/v1/feed?after=0&limit=1000', await key('relying_party', 'air-china'));
      expect(feed.body['events']).toContainEqual(
        expect.objectContaining({ type: 'correction', change: 'withdrawn', disputeId: dispute['id'] }),
      );
    });

    it('the source withdraws the record in its answer', async () => {
      const [recordId] = await submit('sh-transport', [fareEvasion('F-3')]);
      const { body: dispute } = await asMother('POST', '/v1/me/disputes', { recordId, grounds: 'Not me.' });
      const answered = await call(
        'POST',
        `/v1/institution/disputes/${dispute['id']}:answer`,
        await key('institution', 'sh-transport'),
        { kind: 'withdraw', reason: 'Recorded against the wrong card holder.' },
      );
      expect(answered.body).toMatchObject({ status: 'answered', answer: { kind: 'withdraw' } });
      const records = (await asMother('GET', '/v1/me/records')).body['records'] as Json[];
      expect(records.find((r) => r['id'] === recordId)).toMatchObject({ status: 'withdrawn' });
    });

    it('partially upheld: the source’s correction stands and counts', async () => {
      const [recordId] = await submit('sh-transport', [fareEvasion('F-4')]);
      const { body: dispute } = await asMother('POST', '/v1/me/disputes', {
        recordId,
        grounds: 'The fare was 3 yuan, not 4.',
      });
      await call('POST', `/v1/institution/disputes/${dispute['id']}:answer`, await key('institution', 'sh-transport'), {
        kind: 'correct',
        reason: 'Fare corrected.',
        payload: { decisionReference: '沪交执F-4', station: '人民广场', fareAmount: 3 },
      });
      const decided = await decide(dispute['id'], {
        outcome: 'partially_upheld',
        reasons: 'The amount was wrong; the evasion stands.',
      });
      expect(decided.body['decision']['outcome']).toBe('partially_upheld');
      const records = (await asMother('GET', '/v1/me/records')).body['records'] as Json[];
      expect(records.find((r) => r['id'] === recordId)).toMatchObject({ status: 'corrected' });
      expect((await score())['excluded']).not.toContainEqual(
        expect.objectContaining({ recordId, reason: 'suspended' }),
      );
    });

    it('a court listing disputed stays in force (it has its own appeal)', async () => {
      const debtor = await server.signIn('debtor');
      await submit('sh-pudong-court', [
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
      ]);
      const entries = await debtor.request(`${server.url}/v1/me/lists`, { method: 'GET' });
      const [entry] = ((await entries.json()) as Json)['entries'] as Json[];
      const filed = await debtor.request(`${server.url}/v1/me/disputes`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ entryId: entry!['id'], grounds: 'I have paid.' }),
      });
      expect(filed.status).toBe(201);
      expect((await filed.json()) as Json).toMatchObject({
        suspends: false,
        target: { kind: 'list_entry', entryId: entry!['id'] },
        institution: 'sh-pudong-court',
      });
    });
  });

  describe('a list entry whose list lets a dispute suspend it', () => {
    const VIOLATOR = '360426199101010071';
    const check = async () =>
      (
        await call('POST', '/v1/checks', await key('relying_party', 'air-china'), {
          subject: { scheme: 'CN-RIC', value: VIOLATOR },
          action: 'air.ticket.any',
          purpose: 'ticket_sale',
        })
      ).body['decision'];
    /** Screening follows the feed every 100 ms: the answer changes within a second. */
    const becomes = async (decision: string) => {
      const started = Date.now();
      while ((await check()) !== decision && Date.now() - started < 2_000) await new Promise((r) => setTimeout(r, 25));
      return check();
    };

    it('stops denying checks while the dispute is open, and denies again once a reviewer rejects it', async () => {
      await submit('sh-tax', [
        validSubmission({
          type: 'tax.major_violation',
          sourceRef: 'T-1',
          subject: { scheme: 'CN-RIC', value: VIOLATOR, name: '赵六' },
          effectiveAt: new Date(now - 20 * DAY).toISOString(),
          payload: { decisionReference: 'T-1', violationType: 'tax_evasion', amount: 1000000, currency: 'CNY' },
        }),
      ]);
      expect(await becomes('deny')).toBe('deny');
      const violator = await server.signIn('representative');
      const [entry] = ((await (await violator.request(`${server.url}/v1/me/lists`, { method: 'GET' })).json()) as Json)[
        'entries'
      ] as Json[];
      const filed = await violator.request(`${server.url}/v1/me/disputes`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ entryId: entry!['id'], grounds: 'The determination was annulled on review.' }),
      });
      const dispute = (await filed.json()) as Json;
      expect(dispute).toMatchObject({ suspends: true, status: 'open' });
      expect(await becomes('allow')).toBe('allow');
      await decide(dispute['id'], { outcome: 'rejected', reasons: 'No annulment on file.' });
      expect(await becomes('deny')).toBe('deny');
    });
  });

  describe('evidence', () => {
    const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
    const fileForm = async (recordId: string, file: Blob, name: string) => {
      const form = new FormData();
      form.set('_csrf', await mother.csrfToken());
      form.set('recordId', recordId);
      form.set('grounds', 'The receipt shows I paid.');
      form.set('evidence', file, name);
      return mother.postMultipart('/me/disputes', form);
    };

    it('keeps a PDF with its SHA-256 and gives it back only as a PDF attachment, to the parties only', async () => {
      const [recordId] = await submit('sh-transport', [fareEvasion('F-8')]);
      const filed = await fileForm(recordId!, new Blob([PDF], { type: 'application/pdf' }), 'receipt.pdf');
      // Post/redirect/get: the receipt is a page of its own, so a reload files nothing twice.
      expect(filed.status).toBe(303);
      expect(filed.headers.get('location')).toMatch(/^\/me\/disputes\?filed=[0-9A-Z]{26}#dispute-/);
      const receipt = await mother.get(filed.headers.get('location')!);
      const page = await receipt.text();
      expect(page).toContain('Your dispute is filed.');
      const href = /href="(\/me\/evidence\/[0-9A-Z]{26})"/.exec(page)![1]!;
      const sha = createHash('sha256').update(PDF).digest('hex');
      expect(page).toContain(sha.slice(0, 16));
      const download = await mother.get(href);
      expect(download.headers.get('content-type')).toBe('application/pdf');
      expect(download.headers.get('content-disposition')).toMatch(/^attachment;/);
      expect(download.headers.get('x-content-type-options')).toBe('nosniff');
      expect(Buffer.from(await download.arrayBuffer()).equals(PDF)).toBe(true);
      const stranger = await server.signIn('stranger');
      expect((await stranger.get(href)).status).toBe(404);
      const evidenceId = href.split('/').at(-1);
      const institution = await fetch(`${server.url}/v1/institution/evidence/${evidenceId}`, {
        headers: await key('institution', 'sh-transport'),
      });
      expect(institution.status).toBe(200);
      const otherInstitution = await fetch(`${server.url}/v1/institution/evidence/${evidenceId}`, {
        headers: await key('institution', 'sh-tax'),
      });
      expect(otherInstitution.status).toBe(404);
    });

    it('judges a file by its content, not its name: an HTML page called receipt.pdf is refused, and nothing is filed', async () => {
      const [recordId] = await submit('sh-transport', [fareEvasion('F-9')]);
      const before = (await asMother('GET', '/v1/me/disputes')).body['disputes'].length;
      const html = new Blob(['<html><script>alert(1)</script></html>'], { type: 'application/pdf' });
      const refused = await fileForm(recordId!, html, 'receipt.pdf');
      expect(refused.status).toBe(415);
      expect(await refused.text()).toContain('only PDF, PNG, JPEG or WebP files are accepted');
      const executable = await fileForm(
        recordId!,
        new Blob([Buffer.from('4d5a90000300000004000000ffff0000', 'hex')], { type: 'image/png' }),
        'photo.png',
      );
      expect(executable.status).toBe(415);
      expect((await asMother('GET', '/v1/me/disputes')).body['disputes'].length).toBe(before);
    });
  });

  describe('hostile input (issue 14)', () => {
    it('refuses an evidence upload with no file (400 evidence_missing), not 201', async () => {
      const [recordId] = await submit('sh-transport', [fareEvasion('F-20')]);
      const { body: dispute } = await asMother('POST', '/v1/me/disputes', { recordId, grounds: 'Not me.' });
      const token = await server.accessToken('mother');
      const form = new FormData();
      form.set('note', 'no file here');
      const response = await fetch(`${server.url}/v1/me/disputes/${dispute['id']}/evidence`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}` },
        body: form,
      });
      expect(response.status).toBe(400);
      expect(((await response.json()) as Json)['type']).toBe('/problems/evidence_missing');
    });

    it('answers an institution correction with a number that overflows to Infinity with 400 invalid_payload, not 500', async () => {
      const [recordId] = await submit('sh-transport', [fareEvasion('F-21')]);
      const { body: dispute } = await asMother('POST', '/v1/me/disputes', { recordId, grounds: 'Not me.' });
      const response = await fetch(`${server.url}/v1/institution/disputes/${dispute['id']}:answer`, {
        method: 'POST',
        headers: await key('institution', 'sh-transport'),
        body: '{"kind":"correct","reason":"fare","payload":{"decisionReference":"x","station":"人民广场","fareAmount":1e309}}',
      });
      expect(response.status).toBe(400);
      expect((await response.json()) as Json).toMatchObject({
        type: '/problems/invalid_payload',
        errors: [{ path: '/payload/fareAmount' }],
      });
    });
  });

  describe('what cannot be done', () => {
    it('refuses a second undecided dispute about the same record (409), and a statement over 100 words (400)', async () => {
      const [recordId] = await submit('sh-transport', [fareEvasion('F-5')]);
      expect((await asMother('POST', '/v1/me/disputes', { recordId, grounds: 'Not me.' })).status).toBe(201);
      const again = await asMother('POST', '/v1/me/disputes', { recordId, grounds: 'Still not me.' });
      expect(again.status).toBe(409);
      expect(again.body['type']).toBe('/problems/dispute_exists');
      const [other] = await submit('sh-transport', [fareEvasion('F-6')]);
      const long = await asMother('POST', '/v1/me/disputes', {
        recordId: other,
        grounds: 'x',
        statement: Array.from({ length: 101 }, () => 'word').join(' '),
      });
      expect(long.status).toBe(400);
    });

    it('answers 404 for a record of another subject, and for another institution’s dispute', async () => {
      const [othersRecord] = await submit('sh-pudong-court', [validSubmission({ sourceRef: 'j-debtor' })]);
      expect((await asMother('POST', '/v1/me/disputes', { recordId: othersRecord, grounds: 'Not mine.' })).status).toBe(
        404,
      );
      const [{ id }] = (await asMother('GET', '/v1/me/disputes')).body['disputes'];
      expect(
        (
          await call('POST', `/v1/institution/disputes/${id}:answer`, await key('institution', 'sh-tax'), {
            kind: 'verify',
            reason: 'x',
          })
        ).status,
      ).toBe(404);
    });

    it('does not let a reviewer decide a dispute about themselves, or about their own institution’s record', async () => {
      const [recordId] = await submit('sh-transport', [fareEvasion('F-7')]);
      const { body: dispute } = await asMother('POST', '/v1/me/disputes', { recordId, grounds: 'Not me.' });
      const own = await decide(dispute['id'], { outcome: 'upheld', reasons: 'Mine.' }, 'reviewingMother');
      expect(own.status).toBe(403);
      expect(own.body['type']).toBe('/problems/review_conflict');
      const colleague = await decide(
        dispute['id'],
        { outcome: 'rejected', reasons: 'Ours is right.' },
        'transportReviewer',
      );
      expect(colleague.status).toBe(403);
      expect((await decide(dispute['id'], { outcome: 'upheld', reasons: 'No evidence.' })).status).toBe(200);
    });

    it('lets only staff with the reviewer role decide', async () => {
      const [{ id }] = (await asMother('GET', '/v1/me/disputes')).body['disputes'];
      const response = await mother.request(`${server.url}/v1/disputes/${id}:decide`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ outcome: 'upheld', reasons: 'I say so.' }),
      });
      expect(response.status).toBe(403);
    });

    it('logs filing, answering and deciding in the audit log', async () => {
      const size = await server.registry.audit.size();
      const entries = (await server.registry.store.auditEntries(0, size)).map((e) => JSON.parse(e.text) as Json);
      const actions = new Set(entries.map((e) => e['action']));
      for (const action of ['dispute.filed', 'dispute.answered', 'dispute.decided']) expect(actions).toContain(action);
    });
  });
});
