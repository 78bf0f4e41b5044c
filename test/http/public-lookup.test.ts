import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validSubmission } from '../support/catalog.js';
import { startPortalServer, type PortalServer } from '../support/portal-fixture.js';
import { STORE_KINDS } from '../support/stores.js';

const COMPANY = '91350100M000100Y43';
const PERSON = '11010519491231002X';

describe.each(STORE_KINDS)('public pages and lookup on %s', (kind) => {
  let server: PortalServer;
  const page = async (path: string, headers: Record<string, string> = {}) => {
    const response = await fetch(`${server.url}${path}`, { headers: { 'x-forwarded-for': 'ignored', ...headers } });
    return { status: response.status, text: await response.text(), headers: response.headers };
  };

  beforeAll(async () => {
    server = await startPortalServer(kind, { publicRateLimit: { max: 25, timeWindow: 60_000 } });
    const { secret } = await server.registry.apiKeys.issue('institution', 'sh-pudong-court');
    const response = await fetch(`${server.url}/v1/records`, {
      method: 'POST',
      headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
      body: JSON.stringify([
        validSubmission({
          sourceRef: 'j-company',
          subject: { scheme: 'CN-USCC', value: COMPANY, name: '上海诚信科技有限公司' },
        }),
        validSubmission({
          type: 'court.dishonest_debtor_listing',
          sourceRef: 'L-1',
          subject: { scheme: 'CN-RIC', value: PERSON, name: '张三' },
          payload: {
            caseNumber: 'c-1',
            decisionReference: 'c-1-1',
            obligation: 'pay 100,000 yuan',
            ground: 'able_but_refuses',
          },
        }),
      ]),
    });
    expect(((await response.json()) as { rejected: number }).rejected).toBe(0);
  }, 60_000);
  afterAll(() => server?.close());

  describe('rulebooks and catalog (no sign-in)', () => {
    it('publishes each rulebook rule by rule with its expression, decay and cap', async () => {
      const index = await page('/rulebooks');
      expect(index.status).toBe(200);
      const href = /href="(\/rulebooks\/persons\/[^"]+)"/.exec(index.text)![1]!;
      const rulebook = await page(href);
      expect(rulebook.text).toContain('id="rule-judgment-unperformed"');
      // The expressions as published, behind a disclosure; the words first.
      expect(rulebook.text).toContain('payload.amount / 10000.0');
      expect(rulebook.text).toMatch(/<summary>The rule as published<\/summary>/);
      expect(rulebook.text).toMatch(/Content hash<\/dt><dd><code class="hash">[0-9a-f:]+/);
      expect(rulebook.text).toContain('The points halve every 730 days.');
      expect(rulebook.text).toMatch(/At most \d+ points from all such records together\./);
    });

    it('publishes the catalog with legal basis, retention and who may submit each type', async () => {
      const catalog = await page('/catalog');
      expect(catalog.text).toContain('id="type-court.judgment_unperformed"');
      expect(catalog.text).toContain('Civil Procedure Law');
    });
  });

  describe('the lookup', () => {
    it('finds an organization by name and shows its rating with reasons and its public records', async () => {
      const results = await page(`/lookup?q=${encodeURIComponent('上海诚信')}`);
      expect(results.text).toContain('上海诚信科技有限公司');
      const profile = await page(`/lookup/CN-USCC/${COMPANY}`);
      expect(profile.status).toBe(200);
      expect(profile.text).toContain('What lowered the score');
      expect(profile.text).toContain('j-company');
      // Each reason links to the public record behind it, on the same page.
      const link = /Because of: <a href="#(record-[0-9A-Z]{26})">/.exec(profile.text);
      expect(link).not.toBeNull();
      expect(profile.text).toContain(`<tr id="${link![1]}">`);
    });

    it('finds it by its unified social credit code too', async () => {
      expect((await page(`/lookup?q=${COMPANY}`)).text).toContain('上海诚信科技有限公司');
    });

    it('says so on the page when the query is too short', async () => {
      const short = await page('/lookup?q=x');
      expect(short.status).toBe(200);
      expect(short.text).toContain('role="alert"');
    });

    it('never finds a person: not by name, not by identity number', async () => {
      expect((await page(`/lookup?q=${encodeURIComponent('张三')}`)).text).toContain('Nothing found.');
      expect((await page(`/lookup?q=${PERSON}`)).text).toContain('Nothing found.');
      expect((await page(`/lookup/CN-RIC/${PERSON}`)).status).toBe(404);
    });

    it('searches a published list and shows persons’ numbers masked', async () => {
      const found = await page(`/lookup/lists/dishonest-judgment-debtors?q=${encodeURIComponent('张三')}`);
      expect(found.text).toContain('张三');
      expect(found.text).not.toContain(PERSON);
      expect(found.text).toMatch(/110105\*+2X|1101\*+002X|\*{4,}/);
    });

    it('says what a list is before any search: how one gets on and off it, for how long, what it forbids', async () => {
      const about = (await page('/lookup/lists/dishonest-judgment-debtors')).text;
      expect(about).toContain('<dt>Put on the list by</dt><dd>Decision to list a dishonest judgment debtor</dd>');
      expect(about).toContain('From the decision for 730 days, unless the decision sets another term.');
      expect(about).toContain('<li>buy an air ticket of any class</li>');
      const zh = (await page('/lookup/lists/dishonest-judgment-debtors?lang=zh')).text;
      expect(zh).toContain('自决定之日起730日，决定另有期限的除外。');
      expect(zh).toContain('<li>乘坐民航飞机（任何舱位）</li>');
      // The legal basis in Chinese on the Chinese page.
      expect(zh).toContain('《最高人民法院关于公布失信被执行人名单信息的若干规定》');
      expect(about).not.toContain('《');
    });
  });

  describe('rate limiting per client', () => {
    it('answers a client over the limit with a 429 page that says how long to wait, and the API with problem+json', async () => {
      let last = { status: 200, text: '', headers: new Headers() };
      for (let i = 0; i < 30 && last.status !== 429; i++) last = await page('/lookup?q=%E4%B8%8A%E6%B5%B7');
      expect(last.status).toBe(429);
      expect(last.headers.get('content-type')).toContain('text/html');
      expect(last.text).toContain('<h1>Too many searches</h1>');
      expect(Number(last.headers.get('retry-after'))).toBeGreaterThan(0);
      let api = await fetch(`${server.url}/v1/public/ratings/CN-USCC/${COMPANY}`);
      for (let i = 0; i < 30 && api.status !== 429; i++)
        api = await fetch(`${server.url}/v1/public/ratings/CN-USCC/${COMPANY}`);
      expect(api.status).toBe(429);
      expect(((await api.json()) as { type: string }).type).toBe('/problems/rate_limited');
    });
  });
});
