import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../src/http/server.js';
import { openRegistry, type Registry } from '../../src/registry.js';
import type { Clock } from '../../src/services/clock.js';
import { DEMO_PACK } from '../support/pack-fixture.js';
import { freshStoreUrl, STORE_KINDS } from '../support/stores.js';
import { TEST_LOG_KEY } from '../support/test-server.js';

// Answers are read field by field, so they are typed loosely here.
type Json = Record<string, any>;

const START = Date.parse('2026-07-01T08:00:00.000Z');
const MINUTE = 60_000;

/** Issue 14, defect 6: API keys that can be listed, revoked, rotated and expired, on every server of one store. */
describe.each(STORE_KINDS)('API key lifecycle on %s', (kind) => {
  let now = START;
  const clock: Clock = { now: () => new Date(now) };
  /** Two servers on one store, as behind a load balancer. */
  const servers: { app: FastifyInstance; registry: Registry }[] = [];
  let admin: { authorization: string };

  const call = async (
    server: number,
    method: 'GET' | 'POST',
    url: string,
    authorization?: { authorization: string },
    body?: unknown,
  ) => {
    const response = await servers[server]!.app.inject({
      method,
      url,
      headers: { ...authorization, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
    });
    return { status: response.statusCode, body: response.json<Json>() };
  };
  const bearer = (secret: string) => ({ authorization: `Bearer ${secret}` });
  /** A cheap read that any auditor key may make. */
  const asAuditor = (server: number, secret: string) =>
    call(server, 'GET', '/v1/audit/entries?start=0&end=1', bearer(secret));
  const issue = async (body: Json) => {
    const issued = await call(0, 'POST', '/v1/admin/keys', admin, body);
    expect(issued.status).toBe(201);
    return issued.body as { key: Json; secret: string };
  };

  beforeAll(async () => {
    const db = await freshStoreUrl(kind);
    for (let i = 0; i < 2; i++) {
      const registry = await openRegistry({ db, pack: DEMO_PACK, signer: TEST_LOG_KEY, clock });
      const app = await buildServer(registry, { logLevel: 'silent' });
      await app.ready();
      servers.push({ app, registry });
    }
    // The first admin, as `probity keys issue --admin` makes it.
    admin = bearer((await servers[0]!.registry.apiKeys.issue('admin', 'admin-li')).secret);
  }, 60_000);
  afterAll(async () => {
    for (const { app, registry } of servers) {
      await app.close();
      await registry.close();
    }
  });

  it('is for admin keys only', async () => {
    const auditor = await issue({ role: 'auditor', principal: 'auditor-wu' });
    expect((await call(0, 'GET', '/v1/admin/keys')).status).toBe(401);
    const refused = await call(0, 'POST', '/v1/admin/keys', bearer(auditor.secret), {
      role: 'admin',
      principal: 'mallory',
    });
    expect(refused.status).toBe(403);
    expect(refused.body['type']).toBe('/problems/forbidden');
  });

  it('issues a key whose secret is shown once, and lists keys without secrets or their hashes', async () => {
    const { key, secret } = await issue({ role: 'relying_party', principal: 'air-china', expiresIn: '90d' });
    expect(secret).toMatch(/^pbt_/);
    expect(key).toMatchObject({
      role: 'relying_party',
      principal: 'air-china',
      status: 'active',
      revokedAt: null,
      lastUsedAt: null,
    });
    expect(key['expiresAt']).toBe(new Date(now + 90 * 24 * 60 * MINUTE).toISOString());
    const listed = await call(1, 'GET', '/v1/admin/keys', admin);
    expect(listed.status).toBe(200);
    expect(listed.body['keys'].map((k: Json) => k['principal'])).toEqual(
      expect.arrayContaining(['admin-li', 'air-china']),
    );
    const text = JSON.stringify(listed.body);
    expect(text).not.toContain(secret);
    expect(text).not.toMatch(/secretHash|[0-9a-f]{64}/);
  });

  it('stops a revoked key on the other server within one second, saying it was revoked', async () => {
    const { key, secret } = await issue({ role: 'auditor', principal: 'auditor-zhao' });
    // The other server has recognised (and cached) the key before it is revoked.
    expect((await asAuditor(1, secret)).status).toBe(200);
    const revoked = await call(0, 'POST', `/v1/admin/keys/${key['id']}:revoke`, admin);
    expect(revoked.status).toBe(200);
    expect(revoked.body).toMatchObject({ id: key['id'], status: 'revoked' });
    const since = performance.now();
    let answer = await asAuditor(1, secret);
    while (answer.status === 200 && performance.now() - since < 2_000) {
      await new Promise((resolve) => setTimeout(resolve, 25));
      answer = await asAuditor(1, secret);
    }
    expect(performance.now() - since).toBeLessThan(1_000);
    expect(answer.status).toBe(401);
    expect(answer.body['detail']).toMatch(/revoked/);
    // The server that revoked it refuses it at once.
    expect((await asAuditor(0, secret)).status).toBe(401);
  });

  it('refuses an expired key, saying it expired', async () => {
    const { secret } = await issue({ role: 'auditor', principal: 'auditor-qian', expiresIn: '1h' });
    expect((await asAuditor(1, secret)).status).toBe(200);
    now += 61 * MINUTE;
    const answer = await asAuditor(1, secret);
    expect(answer.status).toBe(401);
    expect(answer.body['detail']).toMatch(/expired/);
  });

  it('rotates a key: the new one works, the old one until the overlap ends', async () => {
    const old = await issue({ role: 'auditor', principal: 'auditor-sun' });
    const rotated = await call(0, 'POST', `/v1/admin/keys/${old.key['id']}:rotate`, admin, { overlap: '10m' });
    expect(rotated.status).toBe(201);
    expect(rotated.body['key']).toMatchObject({ role: 'auditor', principal: 'auditor-sun', status: 'active' });
    expect(rotated.body['previous']).toMatchObject({
      id: old.key['id'],
      expiresAt: new Date(now + 10 * MINUTE).toISOString(),
    });
    expect((await asAuditor(1, old.secret)).status).toBe(200);
    expect((await asAuditor(1, rotated.body['secret'])).status).toBe(200);
    now += 11 * MINUTE;
    expect((await asAuditor(1, old.secret)).status).toBe(401);
    expect((await asAuditor(1, rotated.body['secret'])).status).toBe(200);
    const again = await call(0, 'POST', `/v1/admin/keys/${old.key['id']}:rotate`, admin);
    expect(again.status, JSON.stringify(again.body)).toBe(409);
    expect(again.body['type']).toBe('/problems/key_not_active');
  });

  it('sets and clears a key\u2019s expiry', async () => {
    const { key, secret } = await issue({ role: 'auditor', principal: 'auditor-li' });
    const at = new Date(now + 5 * MINUTE).toISOString();
    const set = await call(0, 'POST', `/v1/admin/keys/${key['id']}:expire`, admin, { expiresAt: at });
    expect(set.body).toMatchObject({ status: 'active', expiresAt: at });
    const cleared = await call(0, 'POST', `/v1/admin/keys/${key['id']}:expire`, admin, {});
    expect(cleared.body).toMatchObject({ status: 'active', expiresAt: null });
    now += 6 * MINUTE;
    expect((await asAuditor(0, secret)).status).toBe(200);
  });

  it('answers problems for an unknown key, a bad duration, a past time and an unknown field', async () => {
    expect((await call(0, 'POST', '/v1/admin/keys/NOSUCHKEY:revoke', admin)).body['type']).toBe('/problems/not_found');
    for (const body of [
      { role: 'auditor', principal: 'a', expiresIn: '5' },
      { role: 'auditor', principal: 'a', expiresIn: 'forever' },
      { role: 'auditor', principal: 'a', expiresAt: '2020-01-01T00:00:00Z' },
      { role: 'auditor', principal: 'a', expiresIn: '1d', expiresAt: '2099-01-01T00:00:00Z' },
      { role: 'auditor', principal: 'Li Wei <li@x>' },
    ]) {
      const answer = await call(0, 'POST', '/v1/admin/keys', admin, body);
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(answer.body['type']).toBe('/problems/invalid_field');
    }
    // A field the schema does not define (a caller choosing its own secret) is refused, never dropped.
    expect(
      (await call(0, 'POST', '/v1/admin/keys', admin, { role: 'auditor', principal: 'a', secret: 'pbt_mine' })).status,
    ).toBe(400);
  });

  it('notes a key\u2019s last use at most once a minute, not once per request', async () => {
    const { key, secret } = await issue({ role: 'auditor', principal: 'auditor-he' });
    const lastUsed = async () => (await servers[0]!.registry.store.apiKeyById(key['id']))?.lastUsedAt;
    await asAuditor(0, secret);
    const first = new Date(now).toISOString();
    expect(await lastUsed()).toBe(first);
    now += 30_000;
    await asAuditor(0, secret);
    expect(await lastUsed()).toBe(first);
    now += 31_000;
    await asAuditor(0, secret);
    expect(await lastUsed()).toBe(new Date(now).toISOString());
  });

  it('logs each step by the admin, naming the key but never its secret or hash', async () => {
    const { store } = servers[0]!.registry;
    const size = await servers[0]!.registry.audit.size();
    const keys = await store.apiKeys();
    const entries = (await store.auditEntries(0, size))
      .map((e) => e.text)
      .filter((text) => JSON.parse(text).object.kind === 'api_key');
    const actions = entries.map((text) => JSON.parse(text) as Json);
    expect(new Set(actions.map((e) => e['action']))).toEqual(
      new Set(['key.issued', 'key.revoked', 'key.rotated', 'key.expiry_changed']),
    );
    expect(
      actions
        .filter((e) => e['action'] !== 'key.issued' || e['actor']['id'] !== 'cli')
        .every((e) => e['actor']['kind'] === 'staff' && e['actor']['id'] === 'admin-li'),
    ).toBe(true);
    expect(actions.find((e) => e['action'] === 'key.rotated')?.['detail']).toMatchObject({
      role: 'auditor',
      replacedBy: expect.any(String),
    });
    for (const key of keys) for (const text of entries) expect(text).not.toContain(key.secretHash);
  });
});
