import type { FastifyInstance } from 'fastify';
import { inject } from 'vitest';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../src/http/server.js';
import { openRegistry, type Registry } from '../../src/registry.js';
import { DatabaseLink } from '../support/database-link.js';
import { createDatabase } from '../support/embedded-postgres.js';
import { DEMO_PACK } from '../support/pack-fixture.js';
import { TEST_LOG_KEY } from '../support/test-server.js';

const CHECK = {
  subject: { scheme: 'CN-RIC', value: '110101199003074477' },
  action: 'air.ticket.any',
  purpose: 'ticket_sale',
};
const BUDGET_MS = 500;

describe('PostgreSQL failing under a running server', () => {
  let link: DatabaseLink;
  let registry: Registry;
  let app: FastifyInstance;
  let airline: { authorization: string };

  const check = () => app.inject({ method: 'POST', url: '/v1/checks', headers: airline, payload: CHECK });
  const timed = async <T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> => {
    const start = performance.now();
    const value = await work();
    return { value, ms: performance.now() - start };
  };

  beforeAll(async () => {
    const opened = await DatabaseLink.open(await createDatabase(inject('postgresAdminUrl')));
    link = opened.link;
    registry = await openRegistry({ db: opened.url, pack: DEMO_PACK, signer: TEST_LOG_KEY, checkBudgetMs: BUDGET_MS });
    app = await buildServer(registry, { logLevel: 'silent' });
    await app.ready();
    await registry.screeningIndex.whenReady();
    const { secret } = await registry.apiKeys.issue('relying_party', 'air-china');
    airline = { authorization: `Bearer ${secret}` };
    expect((await check()).statusCode).toBe(200);
  });
  afterEach(async () => {
    await link.up();
  });
  afterAll(async () => {
    await app.close();
    await registry.close();
    await link.close();
  });

  it('outlives its pooled connections being dropped (a database restart), and answers again by itself', async () => {
    for (let restart = 0; restart < 3; restart++) {
      link.dropConnections();
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect((await check()).statusCode).toBe(200);
  });

  it('answers 503 store_unavailable with Retry-After while the database is down, never a 500, and recovers', async () => {
    await link.down();
    const { value: answer, ms } = await timed(check);
    expect(answer.statusCode).toBe(503);
    expect(answer.headers['retry-after']).toMatch(/^\d+$/);
    expect(answer.json()).toMatchObject({ type: '/problems/store_unavailable' });
    expect(ms).toBeLessThan(BUDGET_MS + 1_500);
    const keyed = await app.inject({
      method: 'POST',
      url: '/v1/checks',
      headers: { ...airline, 'idempotency-key': 'down-1' },
      payload: CHECK,
    });
    expect(keyed.statusCode).toBe(503);
    expect(keyed.json()).toMatchObject({ type: '/problems/store_unavailable' });
    const ready = await timed(() => app.inject({ method: 'GET', url: '/readyz' }));
    expect(ready.value.statusCode).toBe(503);
    expect(ready.ms).toBeLessThan(1_000);
    await link.up();
    expect((await check()).statusCode).toBe(200);
  });

  // Under the full suite's load the recovery poll can outlast the test's time once; a retry keeps every bound.
  it(
    'bounds every wait on a hung database: a check answers 503 within its budget, /readyz within a second',
    async () => {
      link.hang();
      // With an Idempotency-Key the key's claim waits on the database too, within the same budget.
      // Both at once, while the server still trusts the key it read (a key read would wait too).
      const [answer, keyed] = await Promise.all([
        timed(check),
        timed(() =>
          app.inject({
            method: 'POST',
            url: '/v1/checks',
            headers: { ...airline, 'idempotency-key': 'hung-1' },
            payload: CHECK,
          }),
        ),
      ]);
      expect(answer.value.statusCode).toBe(503);
      expect(answer.value.json()).toMatchObject({ type: '/problems/store_unavailable' });
      expect(answer.ms).toBeLessThan(BUDGET_MS + 500);
      expect(keyed.value.statusCode).toBe(503);
      expect(keyed.ms).toBeLessThan(BUDGET_MS + 500);
      const ready = await timed(() => app.inject({ method: 'GET', url: '/readyz' }));
      expect(ready.value.statusCode).toBe(503);
      expect(ready.ms).toBeLessThan(1_100);
      await link.up();
      await expect.poll(async () => (await check()).statusCode, { timeout: 10_000, interval: 200 }).toBe(200);
    },
    { retry: 1 },
  );
});
