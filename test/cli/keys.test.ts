import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { withRegistry } from '../../src/registry.js';
import { runCli } from '../support/cli.js';
import { DEMO_PACK } from '../support/pack-fixture.js';
import { testTempDir } from '../support/temp-dir.js';

const db = `sqlite:${join(testTempDir('probity-keys-'), 'keys.db')}`;
const keys = async (...args: string[]) => runCli(['keys', ...args, '--db', db, '--pack', DEMO_PACK]);
const recognise = (secret: string) =>
  withRegistry({ db, pack: DEMO_PACK }, (registry) => registry.apiKeys.recognise(secret));
/** The rows of `keys list`, by id. */
const listed = async () => {
  const result = await keys('list');
  expect(result.code).toBe(0);
  const [header, ...rows] = result.stdout
    .trim()
    .split('\n')
    .map((line) => line.split('\t'));
  expect(header).toEqual(['id', 'role', 'principal', 'created', 'expires', 'last used', 'revoked', 'status']);
  return new Map(rows.map((row) => [row[0]!, row]));
};

describe('probity keys', () => {
  let adminSecret: string;

  beforeAll(async () => {
    const issued = await keys('issue', '--admin', 'root');
    expect(issued.code, issued.stderr).toBe(0);
    adminSecret = issued.stdout.trim();
  });

  it('issues the first admin key, and keys with an expiry', async () => {
    expect(await recognise(adminSecret)).toMatchObject({
      status: 'valid',
      key: { role: 'admin', principal: 'root', expiresAt: null },
    });
    const expiring = await keys('issue', '--auditor', 'auditor.wu', '--expires-in', '30d');
    expect(expiring.code).toBe(0);
    const recognised = await recognise(expiring.stdout.trim());
    expect(
      recognised.status === 'valid' && Date.parse(recognised.key.expiresAt!) - Date.parse(recognised.key.createdAt),
    ).toBe(30 * 86_400_000);
    const bad = await keys('issue', '--auditor', 'auditor.wu', '--expires-in', 'soon');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('invalid_field');
  });

  it('lists keys without secrets, then revokes, rotates and expires them', async () => {
    const secret = (await keys('issue', '--relying-party', 'air-china')).stdout.trim();
    const before = await listed();
    const row = [...before.values()].find((r) => r[2] === 'air-china')!;
    expect(row.slice(1, 3)).toEqual(['relying_party', 'air-china']);
    expect(row[7]).toBe('active');
    const text = (await keys('list')).stdout;
    expect(text).not.toContain(secret);
    expect(text).not.toContain(adminSecret);

    const rotated = await keys('rotate', row[0]!, '--overlap', '0');
    expect(rotated.code, rotated.stderr).toBe(0);
    const fresh = rotated.stdout.trim();
    expect(await recognise(secret)).toEqual({ status: 'expired' });
    expect(await recognise(fresh)).toMatchObject({
      status: 'valid',
      key: { role: 'relying_party', principal: 'air-china' },
    });

    const freshId = ((await recognise(fresh)) as { key: { id: string } }).key.id;
    const expired = await keys('expire', freshId, '--expires-in', '1h');
    expect(expired.code, expired.stderr).toBe(0);
    expect((await listed()).get(freshId)![4]).not.toBe('-');

    const revoked = await keys('revoke', freshId);
    expect(revoked.code, revoked.stderr).toBe(0);
    expect(await recognise(fresh)).toEqual({ status: 'revoked' });
    expect((await listed()).get(freshId)![7]).toBe('revoked');
    const again = await keys('rotate', freshId);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('key_not_active');
  });
});
