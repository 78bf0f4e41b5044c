import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validSubmission } from '../support/catalog.js';
import { STORE_KINDS } from '../support/stores.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

const USCC = '91350100M000100Y43';
const RIC = '11010519491231002X';

describe.each(STORE_KINDS)('assessment API on %s', (kind) => {
  let server: TestServer;
  let auditor: { authorization: string };
  let submittedAt: string;

  const get = (url: string, headers: Record<string, string> = {}) => server.app.inject({ method: 'GET', url, headers });

  beforeAll(async () => {
    server = await startTestServer(kind);
    const court = await server.institutionAuth('sh-pudong-court');
    auditor = await server.auditorAuth('auditor-zhao');
    const now = new Date().toISOString();
    submittedAt = now;
    const judgment = (sourceRef: string, scheme: string, value: string) =>
      validSubmission({
        sourceRef,
        subject: { scheme, value },
        effectiveAt: now,
        payload: { caseNumber: sourceRef, amount: 1, currency: 'CNY' },
      });
    const response = await server.app.inject({
      method: 'POST',
      url: '/v1/records',
      headers: court,
      payload: [
        judgment('org-1', 'CN-USCC', USCC),
        judgment('org-2', 'CN-USCC', USCC),
        judgment('person-1', 'CN-RIC', RIC),
      ],
    });
    expect(response.json().accepted).toBe(3);
  });
  afterAll(async () => {
    await server.close();
  });

  it('rates a subject for staff, naming the rulebook and the factors, and logs the read', async () => {
    const response = await get(`/v1/subjects/CN-USCC/${USCC}/assessment`, auditor);
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({
      subjectKind: 'organization',
      rulebookCode: 'organizations',
      score: 80 - 30,
      band: { code: 'c' },
    });
    expect(body.adverse[0]).toMatchObject({
      ruleId: 'judgment-unperformed',
      reasonCode: 'JUDGMENT_UNPERFORMED',
      points: -30,
    });
    expect(body.adverse[0].recordIds).toHaveLength(2);
    const { entries } = (
      await get(`/v1/audit/entries?start=${(await server.registry.audit.size()) - 1}`, auditor)
    ).json();
    expect(JSON.parse(entries[0].entry)).toMatchObject({
      action: 'assessment.read',
      actor: { kind: 'staff', id: 'auditor-zhao' },
      subject: body.subjectId,
    });
  });

  it('shows what was known before the records arrived', async () => {
    const before = new Date(Date.parse(submittedAt) - 60_000).toISOString();
    const body = (
      await get(`/v1/subjects/CN-USCC/${USCC}/assessment?knownAt=${encodeURIComponent(before)}`, auditor)
    ).json();
    expect(body).toMatchObject({ score: 80, band: { code: 'b' }, knownAt: before, adverse: [] });
  });

  it('keeps ratings from institutions and relying parties', async () => {
    const court = await server.institutionAuth('sh-pudong-court');
    expect((await get(`/v1/subjects/CN-USCC/${USCC}/assessment`, court)).statusCode).toBe(403);
    expect((await get(`/v1/subjects/CN-USCC/${USCC}/assessment`)).statusCode).toBe(401);
  });

  it('publishes organization ratings, never person ratings', async () => {
    const org = await get(`/v1/public/ratings/CN-USCC/${USCC}`);
    expect(org.statusCode).toBe(200);
    expect(org.json().band.code).toBe('c');
    const person = await get(`/v1/public/ratings/CN-RIC/${RIC}`);
    const unknown = await get('/v1/public/ratings/CN-RIC/110105194912310029');
    expect(person.statusCode).toBe(404);
    expect(person.json().detail.replace(RIC, 'X')).toBe(unknown.json().detail.replace('110105194912310029', 'X'));
  });

  it("updates the stored rating within a second of a record's acceptance", async () => {
    const court = await server.institutionAuth('sh-pudong-court');
    const value = '91310115591693856A';
    const posted = Date.now();
    const response = await server.app.inject({
      method: 'POST',
      url: '/v1/records',
      headers: court,
      payload: [
        validSubmission({
          sourceRef: 'late-1',
          subject: { scheme: 'CN-USCC', value },
          effectiveAt: new Date().toISOString(),
          payload: { caseNumber: 'late-1', amount: 1, currency: 'CNY' },
        }),
      ],
    });
    expect(response.json().accepted).toBe(1);
    const subject = (await server.registry.store.subjectByIdentifier('CN-USCC', value))!;
    let rating = await server.registry.store.rating(subject.id);
    while (!rating && Date.now() - posted < 2000) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      rating = await server.registry.store.rating(subject.id);
    }
    expect(rating).toMatchObject({ score: 65, band: 'c' });
    expect(Date.now() - posted).toBeLessThan(1000);
  });

  it('answers an unknown subject with 404 and a bad time with 400', async () => {
    expect((await get('/v1/subjects/CN-USCC/91350100M000100Y43X/assessment', auditor)).statusCode).toBe(404);
    expect((await get(`/v1/subjects/CN-USCC/${USCC}/assessment?asOf=yesterday`, auditor)).statusCode).toBe(400);
  });
});
