import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src/domain/records/canonical-json.js';
import type { Clock } from '../../src/services/clock.js';
import { validSubmission } from '../support/catalog.js';
import { STORE_KINDS } from '../support/stores.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

const DEBTOR = '11010519491231002X';
const START = Date.parse('2026-06-01T00:00:00.000Z');

describe.each(STORE_KINDS)('POST /v1/checks with an Idempotency-Key on %s', (kind) => {
  let server: TestServer;
  let airline: { authorization: string };
  let now = START;
  const clock: Clock = { now: () => new Date(now) };
  const body = (reference: string) => ({
    subject: { scheme: 'CN-RIC', value: DEBTOR },
    action: 'air.ticket.any',
    purpose: 'ticket_sale',
    reference,
  });
  const check = (key: string | undefined, payload: object) =>
    server.app.inject({
      method: 'POST',
      url: '/v1/checks',
      headers: { ...airline, ...(key === undefined ? {} : { 'idempotency-key': key }) },
      payload,
    });
  /** The checks the debtor would see under "who looked". */
  const looked = async () => {
    const subjectId = (await server.registry.subjectData.subjectOf({ scheme: 'CN-RIC', value: DEBTOR }))!.id;
    return (await server.registry.store.auditEntriesAbout(subjectId, 0, 1_000)).filter(
      (e) => JSON.parse(e.text).action === 'check.performed',
    ).length;
  };

  beforeAll(async () => {
    server = await startTestServer(kind, { clock });
    airline = await server.relyingPartyAuth('air-china');
    const court = await server.institutionAuth('sh-pudong-court');
    await server.app.inject({
      method: 'POST',
      url: '/v1/records',
      headers: court,
      payload: [validSubmission({ sourceRef: 'idem-1', subject: { scheme: 'CN-RIC', value: DEBTOR } })],
    });
  });
  afterAll(async () => {
    await server.close();
  });

  it('answers a retry with the first answer, marked as replayed, and logs the check once', async () => {
    const before = await looked();
    const first = await check('retry-1', body('PNR-1'));
    expect(first.statusCode).toBe(200);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    now += 5_000;
    const retry = await check('retry-1', body('PNR-1'));
    expect(retry.statusCode).toBe(200);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.json()).toEqual(first.json());
    expect(await looked()).toBe(before + 1);
    // Without a key, every request is a check of its own.
    await check(undefined, body('PNR-1'));
    await check(undefined, body('PNR-1'));
    expect(await looked()).toBe(before + 3);
  });

  it('refuses the same key for another check with 422, and keys of other relying parties are their own', async () => {
    await check('reused', body('PNR-2'));
    const other = await check('reused', body('PNR-3'));
    expect(other.statusCode).toBe(422);
    expect(other.json().type).toBe('/problems/idempotency_key_reused');
    const eastern = await server.relyingPartyAuth('china-eastern');
    const theirs = await server.app.inject({
      method: 'POST',
      url: '/v1/checks',
      headers: { ...eastern, 'idempotency-key': 'reused' },
      payload: body('MU-1'),
    });
    expect(theirs.statusCode).toBe(200);
    expect(theirs.headers['idempotent-replayed']).toBeUndefined();
  });

  it('answers 409 with Retry-After while the first check is being answered, and takes over a key abandoned 30 s ago', async () => {
    const request = body('PNR-4');
    const tags = {
      relyingParty: 'air-china',
      keyTag: server.registry.audit.tagReference('busy'),
      requestTag: server.registry.audit.tagReference(canonicalJson(request)),
    };
    await server.registry.store.claimCheckReplay({ ...tags, claimedAt: new Date(now - 1_000).toISOString() });
    const busy = await check('busy', request);
    expect(busy.statusCode).toBe(409);
    expect(busy.json().type).toBe('/problems/idempotency_in_progress');
    expect(busy.headers['retry-after']).toBe('1');
    now += 31_000;
    const taken = await check('busy', request);
    expect(taken.statusCode).toBe(200);
    expect(taken.headers['idempotent-replayed']).toBeUndefined();
    expect((await check('busy', request)).headers['idempotent-replayed']).toBe('true');
  });

  it('lets a refused check be retried as a new one: only answers are kept', async () => {
    const refused = { ...body('PNR-5'), purpose: 'marketing' };
    expect((await check('refused', refused)).statusCode).toBe(403);
    expect((await check('refused', refused)).statusCode).toBe(403);
  });

  it('refuses a key that is not visible ASCII, and forgets keys after a day', async () => {
    expect((await check('has space', body('PNR-6'))).statusCode).toBe(400);
    expect((await check('x'.repeat(256), body('PNR-6'))).statusCode).toBe(400);
    await check('old', body('PNR-7'));
    now += 24 * 3_600_000 + 1;
    expect(await server.registry.checkReplays.purge()).toBeGreaterThan(0);
    const after = await check('old', body('PNR-7'));
    expect(after.headers['idempotent-replayed']).toBeUndefined();
  });
});
