import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../src/http/server.js';
import { openRegistry, type Registry } from '../../src/registry.js';
import { DEMO_PACK } from '../support/pack-fixture.js';
import { startRedis } from '../support/redis-server.js';
import { freshStoreUrl } from '../support/stores.js';
import { TEST_LOG_KEY } from '../support/test-server.js';

describe('limits shared by two nodes through Redis', () => {
  let redis: Awaited<ReturnType<typeof startRedis>>;
  let registries: Registry[];
  let nodes: FastifyInstance[];

  beforeAll(async () => {
    redis = await startRedis();
    const db = await freshStoreUrl('sqlite');
    registries = [
      await openRegistry({ db, pack: DEMO_PACK, signer: TEST_LOG_KEY }),
      await openRegistry({ db, pack: DEMO_PACK, signer: TEST_LOG_KEY }),
    ];
    nodes = await Promise.all(
      registries.map(async (registry) => {
        const app = await buildServer(registry, {
          logLevel: 'silent',
          redisUrl: redis.url,
          publicRateLimit: { max: 3, timeWindow: 60_000 },
          authFailureLimit: { maxFailures: 4, windowMs: 60_000 },
        });
        await app.ready();
        return app;
      }),
    );
  });
  afterAll(async () => {
    for (const app of nodes) await app.close();
    for (const registry of registries) await registry.close();
    await redis.stop();
  });

  it("counts a client's public requests across both nodes: N nodes do not allow N times the limit", async () => {
    const statuses = [];
    for (let i = 0; i < 5; i++) {
      const node = nodes[i % 2]!;
      statuses.push(
        (
          await node.inject({
            method: 'GET',
            url: '/v1/public/transparency/institutions',
            remoteAddress: '203.0.113.50',
          })
        ).statusCode,
      );
    }
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
  });

  it('counts failed authentications across both nodes', async () => {
    const guess = (node: FastifyInstance, i: number) =>
      node.inject({
        method: 'GET',
        url: '/v1/feed',
        headers: { authorization: `Bearer pbt_guess-${i}` },
        remoteAddress: '203.0.113.60',
      });
    const statuses = [];
    for (let i = 0; i < 6; i++) statuses.push((await guess(nodes[i % 2]!, i)).statusCode);
    expect(statuses).toEqual([401, 401, 401, 401, 429, 429]);
  });

  it('lets requests through when Redis is gone: a limit slows abuse, it does not decide access', async () => {
    await redis.stop();
    const answer = await nodes[0]!.inject({
      method: 'GET',
      url: '/v1/public/transparency/institutions',
      remoteAddress: '203.0.113.70',
    });
    expect(answer.statusCode).toBe(200);
    const guess = await nodes[1]!.inject({
      method: 'GET',
      url: '/v1/feed',
      headers: { authorization: 'Bearer pbt_x' },
      remoteAddress: '203.0.113.71',
    });
    expect(guess.statusCode).toBe(401);
  });
});
