import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STORE_KINDS } from '../support/stores.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

const PERSONAL = '张三 110101199003074477';

describe.each(STORE_KINDS)("relying parties' free text and the audit log on %s", (kind) => {
  let server: TestServer;
  let airline: { authorization: string };
  const check = (overrides: Record<string, unknown>) =>
    server.app.inject({
      method: 'POST',
      url: '/v1/checks',
      headers: airline,
      payload: {
        subject: { scheme: 'CN-RIC', value: '110101199003074477' },
        action: 'air.ticket.any',
        purpose: 'ticket_sale',
        ...overrides,
      },
    });
  const allEntries = async () => {
    const size = await server.registry.audit.size();
    return (await server.registry.store.auditEntries(0, size)).map((row) => row.text);
  };

  beforeAll(async () => {
    server = await startTestServer(kind);
    airline = await server.relyingPartyAuth('air-china');
  });
  afterAll(() => server.close());

  it('keeps no trace of a reference, or of the action and purpose of a refused check, in any stored entry', async () => {
    expect((await check({ reference: PERSONAL })).statusCode).toBe(200);
    expect((await check({ action: PERSONAL, reference: PERSONAL })).statusCode).toBe(403);
    expect((await check({ purpose: PERSONAL })).statusCode).toBe(403);
    const entries = await allEntries();
    const checks = entries.map((text) => JSON.parse(text)).filter((entry) => entry.action.startsWith('check.'));
    expect(checks).toHaveLength(3);
    for (const text of entries) {
      for (const needle of ['张三', '\\u5f20', '110101199003074477']) expect(text).not.toContain(needle);
    }
    const tag = server.registry.audit.tagReference(PERSONAL);
    expect(checks.map((entry) => entry.detail)).toEqual([
      { action: 'air.ticket.any', decision: 'allow', purpose: 'ticket_sale', reference: tag },
      { action: 'unknown_action', purpose: 'ticket_sale', reference: tag, refusal: 'action_not_permitted' },
      { action: 'air.ticket.any', purpose: 'unknown_purpose', reference: null, refusal: 'purpose_not_permitted' },
    ]);
  });
});
