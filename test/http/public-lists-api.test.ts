import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maskIdentifier } from '../../src/domain/lists/mask-identifier.js';
import { validSubmission } from '../support/catalog.js';
import { STORE_KINDS } from '../support/stores.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

const ZHANG = '11010519491231002X';
const ZHANG_SANFENG = '110101199003074477';
const LI = '110101199003070038';
const USCC = '91350100M000100Y43';

describe('maskIdentifier', () => {
  it("masks a person's identifier as the court's list does, and shows an organization's in full", () => {
    expect(maskIdentifier('360402198001010071', 'person')).toBe('3604**********0071');
    expect(maskIdentifier(USCC, 'organization')).toBe(USCC);
    expect(maskIdentifier('AB1234', 'person')).toBe('****34');
  });
});

describe.each(STORE_KINDS)('published lists API on %s', (kind) => {
  let server: TestServer;
  let court: { authorization: string };
  const search = (q: string, list = 'dishonest-judgment-debtors') =>
    server.app.inject({ method: 'GET', url: `/v1/public/lists/${list}/entries?q=${encodeURIComponent(q)}` });
  const listing = (value: string, name: string, caseNumber: string) =>
    validSubmission({
      type: 'court.dishonest_debtor_listing',
      sourceRef: `L-${caseNumber}`,
      subject: { scheme: value.startsWith('9') ? 'CN-USCC' : 'CN-RIC', value, name },
      effectiveAt: new Date(Date.now() - 86_400_000).toISOString(),
      payload: {
        caseNumber,
        decisionReference: `${caseNumber}之一`,
        obligation: '支付人民币100,000元',
        ground: 'able_but_refuses',
        termDays: 730,
      },
    });

  beforeAll(async () => {
    server = await startTestServer(kind);
    court = await server.institutionAuth('sh-pudong-court');
    const response = await server.app.inject({
      method: 'POST',
      url: '/v1/records',
      headers: court,
      payload: [
        listing(ZHANG, '张三', '(2026)沪0115执1号'),
        listing(ZHANG_SANFENG, '张三丰', '(2026)沪0115执2号'),
        listing(LI, '李四', '(2026)沪0115执3号'),
        listing(USCC, '某某贸易有限公司', '(2026)沪0115执4号'),
      ],
    });
    expect(response.json().accepted).toBe(4);
  });
  afterAll(async () => {
    await server.close();
  });

  it('finds an entry by identifier and shows only what the court list shows, the identifier masked', async () => {
    const response = await search(ZHANG.toLowerCase());
    expect(response.statusCode).toBe(200);
    const { entries } = response.json();
    expect(entries).toHaveLength(1);
    expect(entries[0]).toEqual({
      entryId: expect.any(String),
      list: 'dishonest-judgment-debtors',
      name: '张三',
      identifiers: [{ scheme: 'CN-RIC', value: '1101**********002X' }],
      decidingBody: {
        code: 'sh-pudong-court',
        name: { en: "Shanghai Pudong New Area People's Court", zh: '上海市浦东新区人民法院' },
      },
      caseReference: '(2026)沪0115执1号',
      obligation: '支付人民币100,000元',
      since: expect.any(String),
      until: expect.any(String),
    });
    expect(JSON.stringify(entries)).not.toContain(ZHANG);
    const size = await server.registry.audit.size();
    expect(JSON.parse((await server.registry.store.auditEntries(size - 1, size))[0]!.text)).toMatchObject({
      action: 'list.searched',
      actor: { kind: 'public', id: 'anonymous' },
      object: { kind: 'list_entry', id: entries[0].entryId },
    });
  });

  it('finds entries by the start of a name, and shows an organization code in full', async () => {
    expect((await search('张三')).json().entries.map((e: { name: string }) => e.name)).toEqual(['张三', '张三丰']);
    expect((await search('某某')).json().entries[0].identifiers).toEqual([{ scheme: 'CN-USCC', value: USCC }]);
    expect((await search('王五')).json().entries).toEqual([]);
  });

  it('drops an entry from the public view as soon as the debtor performs', async () => {
    const paid = await server.app.inject({
      method: 'POST',
      url: '/v1/records',
      headers: court,
      payload: [
        validSubmission({
          type: 'court.judgment_performed',
          sourceRef: 'P-3',
          subject: { scheme: 'CN-RIC', value: LI },
          payload: {
            caseNumber: '(2026)沪0115执3号',
            performedDate: '2026-01-01',
            performance: 'performed_by_debtor',
            amount: 1,
            currency: 'CNY',
          },
          effectiveAt: new Date().toISOString(),
        }),
      ],
    });
    expect(paid.json().accepted).toBe(1);
    expect((await search(LI)).json().entries).toEqual([]);
    expect((await search('李四')).json().entries).toEqual([]);
  });

  it('answers 404 for a list that is not published and 400 for a query too short to search', async () => {
    expect((await search('张三', 'no-such-list')).statusCode).toBe(404);
    expect((await search('张')).statusCode).toBe(400);
    expect((await search('a%')).json().entries).toEqual([]);
  });
});
