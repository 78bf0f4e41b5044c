import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validSubmission } from '../support/catalog.js';
import { runCli, serveCli } from '../support/cli.js';
import { freshStoreUrl } from '../support/stores.js';
import { testTempDir } from '../support/temp-dir.js';

const DEBTOR = '11010519491231002X';

/** Issues a key with the CLI and returns its bearer header. */
async function key(db: string, option: string, code: string): Promise<Record<string, string>> {
  const result = await runCli(['keys', 'issue', option, code, '--db', db]);
  expect(result.code).toBe(0);
  return { authorization: `Bearer ${result.stdout.trim()}`, 'content-type': 'application/json' };
}

describe('screening on two server processes sharing one PostgreSQL', () => {
  const servers: ChildProcess[] = [];
  let a: string;
  let b: string;
  let court: Record<string, string>;
  let airline: Record<string, string>;

  beforeAll(async () => {
    const db = await freshStoreUrl('postgres');
    const auditKey = join(testTempDir('probity-two-'), 'audit-log.key');
    expect((await runCli(['audit', 'keygen', '--out', auditKey])).code).toBe(0);
    court = await key(db, '--institution', 'sh-pudong-court');
    airline = await key(db, '--relying-party', 'air-china');
    const [first, second] = await Promise.all([serveCli(db, auditKey), serveCli(db, auditKey)]);
    servers.push(first.child, second.child);
    a = first.url;
    b = second.url;
  }, 60_000);
  afterAll(() => {
    for (const child of servers) child.kill('SIGTERM');
  });

  const post = (url: string, headers: Record<string, string>, body: unknown) =>
    fetch(url, { method: 'POST', headers, body: JSON.stringify(body) }).then(async (r) => ({
      status: r.status,
      body: (await r.json()) as Record<string, unknown>,
    }));
  const decisionOn = async (url: string) =>
    (
      await post(`${url}/v1/checks`, airline, {
        subject: { scheme: 'CN-RIC', value: DEBTOR },
        action: 'air.ticket.any',
        purpose: 'ticket_sale',
      })
    ).body['decision'];
  /** Milliseconds until the check on `url` answers `decision` (gives up after 5 s). */
  const timeUntil = async (url: string, decision: string, since: number) => {
    while ((await decisionOn(url)) !== decision) {
      if (Date.now() - since > 5000) throw new Error(`still not ${decision} after 5 s`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    return Date.now() - since;
  };

  it('reflects a listing committed through one process in the other within a second, and a removal the other way', async () => {
    expect(await decisionOn(b)).toBe('allow');
    const listed = Date.now();
    const listing = await post(`${a}/v1/records`, court, [
      validSubmission({
        type: 'court.dishonest_debtor_listing',
        sourceRef: 'L-1',
        effectiveAt: new Date(Date.now() - 60_000).toISOString(),
        payload: { caseNumber: 'c-1', decisionReference: 'c-1-1', obligation: 'pay', ground: 'able_but_refuses' },
      }),
    ]);
    expect(listing.body['accepted']).toBe(1);
    expect(await timeUntil(b, 'deny', listed)).toBeLessThan(1000);

    const paid = Date.now();
    const performance = await post(`${b}/v1/records`, court, [
      validSubmission({
        type: 'court.judgment_performed',
        sourceRef: 'P-1',
        effectiveAt: new Date().toISOString(),
        payload: {
          caseNumber: 'c-1',
          performedDate: '2026-01-01',
          performance: 'performed_by_debtor',
          amount: 1,
          currency: 'CNY',
        },
      }),
    ]);
    expect(performance.body['accepted']).toBe(1);
    expect(await timeUntil(a, 'allow', paid)).toBeLessThan(1000);
  });
});
