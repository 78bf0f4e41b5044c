import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../src/http/server.js';
import { openRegistry } from '../../src/registry.js';
import type { Clock } from '../../src/services/clock.js';
import { validSubmission } from '../support/catalog.js';
import { DEMO_PACK } from '../support/pack-fixture.js';
import { freshStoreUrl, STORE_KINDS } from '../support/stores.js';
import { startTestServer, TEST_LOG_KEY, type TestServer } from '../support/test-server.js';

const DEBTOR = '11010519491231002X';
const CLEAN = '110101199003074477';
const UNKNOWN = '110101199003070038';
const USCC = '91350100M000100Y43';
const TAX_VIOLATOR = '91310115591693856A';
const REPRESENTATIVE = '360426199101010071';
const START = Date.parse('2026-06-01T00:00:00.000Z');

describe.each(STORE_KINDS)('screening API on %s', (kind) => {
  let server: TestServer;
  let airline: { authorization: string };
  let court: { authorization: string };
  let now = START;
  const clock: Clock = { now: () => new Date(now) };

  const check = (value: string, overrides: Record<string, unknown> = {}, auth = airline) =>
    server.app.inject({
      method: 'POST',
      url: '/v1/checks',
      headers: auth,
      payload: {
        subject: { scheme: value.length === 18 && /^9/.test(value) ? 'CN-USCC' : 'CN-RIC', value },
        action: 'air.ticket.any',
        purpose: 'ticket_sale',
        reference: 'PNR-4411',
        ...overrides,
      },
    });
  const submit = async (auth: { authorization: string }, records: Record<string, unknown>[]) => {
    const response = await server.app.inject({ method: 'POST', url: '/v1/records', headers: auth, payload: records });
    expect(response.json().rejected).toBe(0);
    return response.json().results.map((r: { id: string }) => r.id) as string[];
  };
  const listing = (value: string, caseNumber: string, extra: Record<string, unknown> = {}) =>
    validSubmission({
      type: 'court.dishonest_debtor_listing',
      sourceRef: `L-${caseNumber}`,
      subject: { scheme: value.startsWith('9') ? 'CN-USCC' : 'CN-RIC', value },
      effectiveAt: new Date(START).toISOString(),
      payload: {
        caseNumber,
        decisionReference: `${caseNumber}-1`,
        obligation: 'pay 100,000 yuan',
        ground: 'able_but_refuses',
        ...extra,
      },
    });
  /** Waits until the index has followed the feed up to now (the server follows every 100 ms). */
  const caughtUp = async () => {
    const { feedSeq } = await server.registry.store.counts();
    const started = Date.now();
    while (server.registry.screeningIndex.sequence < feedSeq && Date.now() - started < 2000)
      await new Promise((r) => setTimeout(r, 10));
    return Date.now() - started;
  };
  const lastAudit = async () => {
    const size = await server.registry.audit.size();
    return JSON.parse((await server.registry.store.auditEntries(size - 1, size))[0]!.text);
  };

  beforeAll(async () => {
    server = await startTestServer(kind, { clock });
    airline = await server.relyingPartyAuth('air-china');
    court = await server.institutionAuth('sh-pudong-court');
    await submit(court, [
      listing(DEBTOR, 'c-1'),
      listing(USCC, 'c-9', { legalRepresentative: { scheme: 'CN-RIC', value: REPRESENTATIVE, name: '王五' } }),
      validSubmission({ sourceRef: 'j-1', subject: { scheme: 'CN-RIC', value: CLEAN } }),
    ]);
    await caughtUp();
  });
  afterAll(async () => {
    await server.close();
  });

  it('denies a listed debtor a ticket, naming each restriction, its entry, legal basis, term and where to contest it', async () => {
    const response = await check(DEBTOR);
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({ decision: 'deny', checkId: expect.any(String), asOfSequence: expect.any(Number) });
    expect(body.restrictions).toHaveLength(1);
    const [hit] = body.restrictions;
    expect(hit).toMatchObject({
      code: 'court_ban.premium_transport',
      list: 'dishonest-judgment-debtors',
      since: '2026-06-01T00:00:00.000Z',
      until: '2028-05-31T00:00:00.000Z',
      legalBasis: { citation: expect.stringContaining('Fa Shi [2015] No. 17') },
    });
    expect(hit.contest).toBe(`http://localhost:8080/me/lists/${hit.entryId}`);
    const subject = await server.registry.store.subjectByIdentifier('CN-RIC', DEBTOR);
    expect(await lastAudit()).toMatchObject({
      action: 'check.performed',
      actor: { kind: 'relying_party', id: 'air-china' },
      subject: subject!.id,
      object: { kind: 'check', id: body.checkId },
    });
  });

  it('answers an allow the same way for a known subject and an unknown one: it reveals nothing else', async () => {
    const known = (await check(CLEAN)).json();
    const unknown = (await check(UNKNOWN)).json();
    const { checkId: _a, ...knownRest } = known;
    const { checkId: _b, ...unknownRest } = unknown;
    expect(knownRest).toEqual({ decision: 'allow', restrictions: [], asOfSequence: expect.any(Number) });
    expect(unknownRest).toEqual(knownRest);
    expect(await lastAudit()).toMatchObject({ action: 'check.performed', subject: null });
  });

  it('restricts the subjects the decision names, the organization and its named representative, and nobody else', async () => {
    expect(
      (
        await check(
          USCC,
          { action: 'procurement.tender.participate', purpose: 'tender_evaluation' },
          await server.relyingPartyAuth('sh-gpc-tender'),
        )
      ).json().decision,
    ).toBe('deny');
    expect((await check(REPRESENTATIVE)).json().restrictions[0]).toMatchObject({
      code: 'court_ban.premium_transport',
      list: 'dishonest-judgment-debtors',
    });
    expect((await check(CLEAN)).json().decision).toBe('allow');
  });

  it('refuses an action or purpose the relying party is not registered for, with 403, and logs the attempt', async () => {
    const action = await check(DEBTOR, { action: 'rail.g_train.any' });
    expect(action.statusCode).toBe(403);
    expect(action.headers['content-type']).toContain('application/problem+json');
    expect(action.json()).toMatchObject({ type: '/problems/action_not_permitted', checkId: expect.any(String) });
    expect(await lastAudit()).toMatchObject({
      action: 'check.refused',
      object: { kind: 'check', id: action.json().checkId },
    });
    const purpose = await check(DEBTOR, { purpose: 'marketing' });
    expect(purpose.statusCode).toBe(403);
    expect(purpose.json().type).toBe('/problems/purpose_not_permitted');
  });

  it('rejects an invalid identifier and keeps checks from other roles', async () => {
    const invalid = await check('110105194912310021');
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().type).toBe('/problems/invalid_identifier');
    expect((await check(DEBTOR, {}, court)).statusCode).toBe(403);
  });

  it('answers a batch line by line, in order, with an error line for each bad line, and a summary', async () => {
    const line = (value: string, overrides: Record<string, unknown> = {}) =>
      JSON.stringify({
        subject: { scheme: 'CN-RIC', value },
        action: 'air.ticket.any',
        purpose: 'ticket_sale',
        ...overrides,
      });
    const body = [
      line(DEBTOR),
      line(CLEAN),
      '{"subject": ',
      line('110105194912310021'),
      line(DEBTOR, { action: 'rail.g_train.any' }),
      '',
      line(UNKNOWN),
    ].join('\n');
    const response = await server.app.inject({
      method: 'POST',
      url: '/v1/checks:batch',
      headers: { ...airline, 'content-type': 'application/x-ndjson' },
      payload: body,
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('application/x-ndjson');
    const answers = response.body
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(answers.map((a) => [a.line, a.decision ?? a.error?.type])).toEqual([
      [1, 'deny'],
      [2, 'allow'],
      [3, '/problems/malformed_line'],
      [4, '/problems/invalid_identifier'],
      [5, '/problems/action_not_permitted'],
      [7, 'allow'],
      [undefined, undefined],
    ]);
    expect(answers.at(-1)).toEqual({ summary: { checks: 6, allowed: 2, denied: 1, errors: 3 } });
    expect(answers[0].restrictions[0].code).toBe('court_ban.premium_transport');
  });

  it('frees the debtor within a second of the performance being recorded', async () => {
    const started = Date.now();
    await submit(court, [
      validSubmission({
        type: 'court.judgment_performed',
        sourceRef: 'P-c-1',
        subject: { scheme: 'CN-RIC', value: DEBTOR },
        effectiveAt: new Date(START).toISOString(),
        payload: {
          caseNumber: 'c-1',
          performedDate: '2026-06-01',
          performance: 'performed_by_debtor',
          amount: 100000,
          currency: 'CNY',
        },
      }),
    ]);
    await caughtUp();
    const answer = (await check(DEBTOR)).json();
    expect(answer.decision).toBe('allow');
    expect(Date.now() - started).toBeLessThan(1000);
    const removal = (await server.registry.store.feed(0, 1000)).find((e) => e.type === 'list_entry.removed');
    expect(answer.asOfSequence).toBeGreaterThanOrEqual(removal!.seq);
  });

  it('allows during the notice period and denies once it ends, with no job run in between', async () => {
    const tax = await server.institutionAuth('sh-tax');
    await submit(tax, [
      validSubmission({
        type: 'tax.major_violation',
        sourceRef: 'T-1',
        subject: { scheme: 'CN-USCC', value: TAX_VIOLATOR },
        effectiveAt: new Date(START).toISOString(),
        payload: { decisionReference: 'T-1', violationType: 'tax_evasion', amount: 1000000, currency: 'CNY' },
      }),
    ]);
    await caughtUp();
    expect((await check(TAX_VIOLATOR)).json().decision).toBe('allow');
    now = START + 15 * 86_400_000; // 15 days' notice
    expect((await check(TAX_VIOLATOR)).json().restrictions.map((r: { list: string }) => r.list)).toEqual([
      'major-tax-violators',
    ]);
    now = START + (15 + 1095) * 86_400_000; // the term has ended
    expect((await check(TAX_VIOLATOR)).json().decision).toBe('allow');
    now = START;
  });

  describe('the relying-party feed', () => {
    const feed = (query: string, auth = airline) =>
      server.app.inject({ method: 'GET', url: `/v1/feed?${query}`, headers: auth });

    it('gives the entry events of the lists whose restrictions bind the caller, with the named subject only', async () => {
      const page = (await feed('after=0&limit=100')).json();
      const debtor = page.events.filter((e: { identifiers: { value: string }[] }) =>
        e.identifiers.some((i) => i.value === DEBTOR),
      );
      expect(debtor.map((e: { type: string }) => e.type)).toEqual(['listed', 'removed']);
      expect(debtor[0]).toMatchObject({
        list: 'dishonest-judgment-debtors',
        actions: ['air.ticket.any'],
        identifiers: [{ scheme: 'CN-RIC', value: DEBTOR }],
      });
      expect(page.events.some((e: { list: string }) => e.list === 'major-tax-violators')).toBe(true);
      expect(
        page.events.some((e: { identifiers: { value: string }[] }) => e.identifiers.some((i) => i.value === CLEAN)),
      ).toBe(false);
      expect(page.next).toBeGreaterThanOrEqual(page.events.at(-1).seq);
      expect(await lastAudit()).toMatchObject({
        action: 'feed.read',
        actor: { id: 'air-china' },
        object: { kind: 'list_entry' },
      });
    });

    it('pages by cursor and limit like every list, with after as the old name of cursor', async () => {
      const first = await feed('cursor=0&limit=1');
      expect(first.json().events).toHaveLength(1);
      const { next } = first.json();
      expect(first.headers['link']).toBe(`</v1/feed?cursor=${next}&limit=1>; rel="next"`);
      expect((await feed(`after=0&limit=1`)).json()).toEqual(first.json());
      expect((await feed(`cursor=${next}&limit=1`)).json().events[0].seq).toBeGreaterThan(first.json().events[0].seq);
    });

    it("leaves out lists that restrict none of the caller's actions", async () => {
      const civilService = await server.relyingPartyAuth('sh-civil-service-bureau');
      const lists = new Set((await feed('after=0', civilService)).json().events.map((e: { list: string }) => e.list));
      expect([...lists]).toEqual(['dishonest-judgment-debtors']);
    });

    it('waits for the next event with wait=N (long poll)', async () => {
      const { next } = (await feed('after=0&limit=1000')).json();
      const started = Date.now();
      const waiting = feed(`after=${next}&wait=5`);
      setTimeout(() => void submit(court, [listing(UNKNOWN, 'c-late')]), 300);
      const page = (await waiting).json();
      expect(page.events.map((e: { type: string; list: string }) => `${e.type} ${e.list}`)).toEqual([
        'listed dishonest-judgment-debtors',
      ]);
      expect(Date.now() - started).toBeGreaterThanOrEqual(250);
      expect(Date.now() - started).toBeLessThan(3000);
    });
  });
});

describe('a server whose screening index is still loading', () => {
  it('listens, answers checks and /readyz 503, and screens once the index is loaded', async () => {
    const registry = await openRegistry({ db: await freshStoreUrl('sqlite'), pack: DEMO_PACK, signer: TEST_LOG_KEY });
    // Hold the index's first page back, as a store with a million open entries would.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const openListingsPage = registry.store.openListingsPage.bind(registry.store);
    registry.store.openListingsPage = async (page) => (await held, openListingsPage(page));
    const app = await buildServer(registry, { logLevel: 'silent' });
    try {
      await app.ready();
      const { secret } = await registry.apiKeys.issue('relying_party', 'air-china');
      const check = () =>
        app.inject({
          method: 'POST',
          url: '/v1/checks',
          headers: { authorization: `Bearer ${secret}` },
          payload: { subject: { scheme: 'CN-RIC', value: DEBTOR }, action: 'air.ticket.any', purpose: 'ticket_sale' },
        });
      const [loadingCheck, loadingReady] = [await check(), await app.inject({ method: 'GET', url: '/readyz' })];
      expect(loadingCheck.statusCode).toBe(503);
      expect(loadingCheck.json().type).toBe('/problems/not_ready');
      expect(loadingReady.statusCode).toBe(503);
      release();
      await registry.screeningIndex.whenReady();
      expect((await check()).json().decision).toBe('allow');
      expect((await app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(200);
    } finally {
      await app.close();
      await registry.close();
    }
  });

  it('stops loading when the server closes, instead of reading every page first', async () => {
    const registry = await openRegistry({ db: await freshStoreUrl('sqlite'), pack: DEMO_PACK, signer: TEST_LOG_KEY });
    // An index that never ends: each page read hands back the same listed subject.
    let pages = 0;
    const page = [{ subjectId: 'S1', identifiers: [{ scheme: 'CN-RIC', value: DEBTOR }], entries: [] }];
    registry.store.openListingsPage = async () => (
      pages++,
      await new Promise((resolve) => setTimeout(resolve, 5)),
      page
    );
    const app = await buildServer(registry, { logLevel: 'silent' });
    await app.ready();
    while (pages < 3) await new Promise((resolve) => setTimeout(resolve, 5));
    await app.close();
    const read = pages;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(pages).toBe(read);
    expect(registry.screeningIndex.ready).toBe(false);
    await registry.close();
  });
});
