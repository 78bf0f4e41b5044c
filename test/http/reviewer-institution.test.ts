import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validSubmission } from '../support/catalog.js';
import { PORTAL_USERS, startPortalServer, type PortalServer } from '../support/portal-fixture.js';
import { STORE_KINDS } from '../support/stores.js';

// Answers are read field by field, so they are typed loosely here.
type Json = Record<string, any>;

/** Issue 14, defect 7: the reviewer-conflict rule failed open on an institution claim it did not recognise. */
describe.each(STORE_KINDS)('a reviewer\u2019s institution claim on %s', (kind) => {
  let server: PortalServer;
  let disputeId: string;

  const decide = async (as: keyof typeof PORTAL_USERS) => {
    const reviewer = await server.signIn(as);
    const response = await reviewer.request(`${server.url}/v1/disputes/${disputeId}:decide`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ outcome: 'upheld', reasons: 'No evidence.' }),
    });
    return { status: response.status, body: (await response.json()) as Json };
  };

  beforeAll(async () => {
    server = await startPortalServer(kind);
    const { secret } = await server.registry.apiKeys.issue('institution', 'sh-pudong-court');
    const submitted = await fetch(`${server.url}/v1/records`, {
      method: 'POST',
      headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
      body: JSON.stringify([
        validSubmission({ subject: { scheme: 'CN-RIC', value: PORTAL_USERS.mother.claims.national_id, name: '王芳' } }),
      ]),
    });
    const recordId = ((await submitted.json()) as Json)['results'][0]['id'] as string;
    const mother = await server.signIn('mother');
    const filed = await mother.request(`${server.url}/v1/me/disputes`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ recordId, grounds: 'Paid in full.' }),
    });
    disputeId = ((await filed.json()) as Json)['id'] as string;
  }, 60_000);
  afterAll(() => server?.close());

  it('in capitals (SH-PUDONG-COURT) still names the court: its staff may not decide about the court\u2019s record', async () => {
    const answer = await decide('shoutingCourtReviewer');
    expect(answer.status).toBe(403);
    expect(answer.body['type']).toBe('/problems/review_conflict');
  });

  it('naming no institution of the pack refuses review rights, with the reason, on the API and the console', async () => {
    const answer = await decide('strayReviewer');
    expect(answer.status).toBe(403);
    expect(answer.body['type']).toBe('/problems/unknown_staff_institution');
    const stray = await server.signIn('strayReviewer');
    const queue = await stray.get('/review');
    expect(queue.status).toBe(403);
    expect(await queue.text()).toContain('names no institution');
    expect((await stray.get(`/review/${disputeId}`)).status).toBe(403);
    // Signing in itself still works: the person sees their own (empty) page.
    expect((await stray.get('/me')).status).toBe(200);
  });

  it('leaves a reviewer of another institution free to decide', async () => {
    expect((await decide('transportReviewer')).status).toBe(200);
  });
});
