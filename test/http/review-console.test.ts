import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { landingPath } from '../../src/http/portal/page-layout.js';
import { validSubmission } from '../support/catalog.js';
import {
  PORTAL_USERS,
  startPortalServer,
  submitRecords,
  type PortalClient,
  type PortalServer,
} from '../support/portal-fixture.js';

type Json = Record<string, any>;

/** The links of the signed-in menu (the first nav), as text. */
function menuOf(page: string): string {
  return /<nav aria-label="Probity"><ul>([\s\S]*?)<\/ul><\/nav>/.exec(page)?.[1] ?? '';
}

describe('the reviewer console', () => {
  let server: PortalServer;
  let mother: PortalClient;
  let reviewer: PortalClient;

  /** A judgment record about the mother, disputed by her with a statement; resolves with the dispute's id. */
  const disputedRecord = async (sourceRef: string): Promise<string> => {
    const [recordId] = await submitRecords(server, 'sh-pudong-court', [
      validSubmission({
        sourceRef,
        subject: { scheme: 'CN-RIC', value: PORTAL_USERS.mother.claims.national_id, name: '王芳' },
        payload: { caseNumber: sourceRef, amount: 125000, currency: 'CNY' },
      }),
    ]);
    const filed = await mother.request(`${server.url}/v1/me/disputes`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ recordId, grounds: 'Paid in full.', statement: 'I paid on 2025-12-01.' }),
    });
    return ((await filed.json()) as Json)['id'] as string;
  };

  const decide = async (disputeId: string, outcome: string) =>
    reviewer.postForm(`/review/${disputeId}`, {
      _csrf: await reviewer.csrfToken(),
      outcome,
      reasons: 'The court has no record of payment.',
    });

  beforeAll(async () => {
    server = await startPortalServer('sqlite');
    mother = await server.signIn('mother');
    reviewer = await server.signIn('reviewer');
  }, 60_000);
  afterAll(() => server?.close());

  it('sends a staff member without an identifier of their own to their console, a person to their rating', async () => {
    const staffHome = await reviewer.get('/');
    expect(staffHome.status).toBe(303);
    expect(staffHome.headers.get('location')).toBe('/review');
    expect((await mother.get('/')).headers.get('location')).toBe('/me');
  });

  it('shows a visitor what Probity is, how to see their own data, and what anyone can read, in both languages', async () => {
    const home = await (await server.anonymous().get('/')).text();
    expect(home).toContain('<h1>The public credit-information registry</h1>');
    expect(home).toContain('<a class="button" href="/signin">Sign in with the national identity service</a>');
    expect(home).toContain('<a href="/lookup/lists/dishonest-judgment-debtors">List of dishonest judgment debtors</a>');
    expect(home).toContain('<a href="/lookup#lists">Published lists</a>');
    const zh = await (await server.anonymous().get('/?lang=zh')).text();
    expect(zh).toContain('<h1>公共信用信息登记系统</h1>');
    expect(zh).toContain('>失信被执行人名单</a>');
  });

  describe('when a reviewer opens a dispute', () => {
    let page: string;
    beforeAll(async () => {
      const id = await disputedRecord('(2025)沪0115执901号');
      page = await (await reviewer.get(`/review/${id}`)).text();
    });

    it('labels the statement as the person’s, not as the reader’s own', () => {
      expect(page).toContain('The person&#39;s statement');
      expect(page).not.toContain('Your statement');
    });

    it('shows the record’s payload under titles in words, not as JSON', () => {
      expect(page).toMatch(/<dt>Case number<\/dt><dd>\(2025\)沪0115执901号<\/dd>/);
      expect(page).toMatch(/<dt>Amount<\/dt><dd>125,000<\/dd>/);
      expect(page).not.toContain('{&quot;');
      expect(page).not.toContain('"caseNumber"');
    });

    it('says who the dispute is about and offers each outcome from the person’s side', () => {
      expect(page).toMatch(
        /<dt>Who it is about<\/dt><dd><span class="muted">person<\/span><br>CN-RIC 1101\*{10}4477<\/dd>/,
      );
      expect(page).not.toContain(PORTAL_USERS.mother.claims.national_id);
      expect(page).toContain('In the person&#39;s favour: the record stops counting');
      expect(page).toContain('Against the person: the record stands and counts');
      expect(page).not.toMatch(/<label for="outcome-rejected">rejected<\/label>/);
    });

    it('says the same in Chinese', async () => {
      const id = await disputedRecord('(2025)沪0115执902号');
      const zh = await (await reviewer.get(`/review/${id}?lang=zh`)).text();
      expect(zh).toContain('当事人的说明');
      expect(zh).toContain('不利于当事人：该记录维持并计入');
      expect(zh).toContain('<dt>Case number</dt>');
      expect(zh).toMatch(/<dt>Amount<\/dt><dd>125,000<\/dd>/);
      await reviewer.get('/review?lang=en');
    });
  });

  describe('when a reviewer records a decision', () => {
    let disputeId: string;
    let answer: Response;
    beforeAll(async () => {
      disputeId = await disputedRecord('(2025)沪0115执903号');
      answer = await decide(disputeId, 'rejected');
    });

    it('goes back to the dispute, which confirms the decision and says what happens next', async () => {
      expect(answer.status).toBe(303);
      expect(answer.headers.get('location')).toBe(`/review/${disputeId}?decided`);
      const page = await (await reviewer.get(answer.headers.get('location')!)).text();
      const status = /<div role="status"[^>]*>([\s\S]*?)<\/div>/.exec(page)?.[1] ?? '';
      expect(status).toContain('Your decision is recorded: against the person.');
      expect(status).toContain('The record counts again.');
      expect(status).toContain('The person and the institution are told by e-mail');
      expect(page).toMatch(/Decided on \d{4}-\d{2}-\d{2}: against the person\./);
      expect(page).not.toContain('<form method="post" action="/review/');
    });

    it('shows the decided dispute without the confirmation when opened later', async () => {
      const page = await (await reviewer.get(`/review/${disputeId}`)).text();
      expect(page).not.toContain('role="status"');
      expect(page).toContain('against the person');
    });

    it('tells the person on their disputes page that it went against them, in both languages', async () => {
      const en = await (await mother.get('/me/disputes?lang=en')).text();
      expect(en).toContain('Decided against you: The court has no record of payment.');
      expect(en).not.toMatch(/>rejected:/);
      const zh = await (await mother.get('/me/disputes?lang=zh')).text();
      expect(zh).toContain('已作出不利于您的决定（异议不成立）');
      await mother.get('/me?lang=en');
    });
  });
});

describe('staff in the portal', () => {
  let server: PortalServer;
  beforeAll(async () => {
    server = await startPortalServer('sqlite');
  }, 60_000);
  afterAll(() => server?.close());

  it('land on their console when they hold no identity of their own', () => {
    expect(landingPath({ identities: [], roles: ['reviewer'] })).toBe('/review');
    expect(landingPath({ identities: [], roles: ['auditor', 'reviewer'] })).toBe('/review');
    expect(landingPath({ identities: [{ scheme: 'CN-RIC', value: 'x' }], roles: ['reviewer'] })).toBe('/me');
    expect(landingPath({ identities: [], roles: ['auditor'] })).toBe('/me');
    expect(landingPath({ identities: [{ scheme: 'CN-RIC', value: 'x' }], roles: [] })).toBe('/me');
  });

  it('see staff items, not the citizen menu, when they hold no identity of their own', async () => {
    const reviewer = await server.signIn('reviewer');
    const menu = menuOf(await (await reviewer.get('/review')).text());
    expect(menu).toContain('href="/review"');
    expect(menu).not.toContain('My rating');
    expect(menu).not.toContain('/me/records');
    const auditor = await server.signIn('auditor');
    const auditorMenu = menuOf(await (await auditor.get('/me')).text());
    expect(auditorMenu).toContain('href="/docs"');
    expect(auditorMenu).not.toContain('My rating');
    expect(auditorMenu).not.toContain('href="/review"');
  });

  it('who are also subjects keep their own pages beside the console', async () => {
    const both = await server.signIn('reviewingMother');
    const menu = menuOf(await (await both.get('/me')).text());
    expect(menu).toContain('My rating');
    expect(menu).toContain('href="/review"');
    expect(menu).not.toContain('href="/docs"');
  });
});
