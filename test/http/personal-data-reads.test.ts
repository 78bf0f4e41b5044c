import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../src/domain/audit/audit-entry.js';
import type { Clock } from '../../src/services/clock.js';
import { validSubmission } from '../support/catalog.js';
import { startPortalServer, type PortalClient, type PortalServer } from '../support/portal-fixture.js';
import { STORE_KINDS } from '../support/stores.js';

const MOTHER = '110101199003074477';
const DEBTOR = '11010519491231002X';
const START = Date.parse('2026-06-01T09:10:00.000Z');
const HOUR = 3_600_000;
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

describe.each(STORE_KINDS)('every read of personal data leaves an audit entry, on %s', (kind) => {
  let server: PortalServer;
  let mother: PortalClient;
  let reviewer: PortalClient;
  let now = START;
  const clock: Clock = { now: () => new Date(now) };
  let motherId: string;
  let disputeId: string;
  let evidenceId: string;
  const bearer = async (role: 'institution' | 'relying_party', code: string) => ({
    authorization: `Bearer ${(await server.registry.apiKeys.issue(role, code)).secret}`,
  });
  /** The entries appended while `read` ran. */
  const appendedBy = async (read: () => Promise<unknown>): Promise<AuditEntry[]> => {
    await server.registry.audit.drain();
    const before = await server.registry.audit.size();
    await read();
    await server.registry.audit.drain();
    const after = await server.registry.audit.size();
    return (await server.registry.store.auditEntries(before, after)).map((row) => JSON.parse(row.text) as AuditEntry);
  };
  const ok = async (response: Promise<Response>) => {
    const answered = await response;
    expect(answered.status).toBe(200);
    await answered.arrayBuffer();
  };
  const whoLooked = async () =>
    (
      (await (await mother.get('/v1/me/access-log')).json()) as {
        entries: { action: string; actor: { kind: string; id: string } }[];
      }
    ).entries;

  beforeAll(async () => {
    server = await startPortalServer(kind, { clock });
    mother = await server.signIn('mother');
    reviewer = await server.signIn('reviewer');
    const transport = { ...(await bearer('institution', 'sh-transport')), 'content-type': 'application/json' };
    const submitted = await fetch(`${server.url}/v1/records`, {
      method: 'POST',
      headers: transport,
      body: JSON.stringify([
        {
          type: 'transport.fare_evasion',
          sourceRef: 'F-1',
          subject: { scheme: 'CN-RIC', value: MOTHER, name: '王芳' },
          effectiveAt: new Date(START - 86_400_000).toISOString(),
          payload: { decisionReference: '沪交执F-1', station: '人民广场', fareAmount: 4 },
        },
      ]),
    });
    const recordId = ((await submitted.json()) as { results: { id: string }[] }).results[0]!.id;
    const form = new FormData();
    form.set('_csrf', await mother.csrfToken());
    form.set('recordId', recordId);
    form.set('grounds', 'The receipt shows I paid.');
    form.set('evidence', new Blob([PDF], { type: 'application/pdf' }), 'receipt.pdf');
    const filed = await mother.postMultipart('/me/disputes', form);
    const page = await (await mother.get(filed.headers.get('location')!)).text();
    evidenceId = /href="\/me\/evidence\/([0-9A-Z]{26})"/.exec(page)![1]!;
    const [dispute] = await server.registry.disputes.undecided('sh-transport');
    disputeId = dispute!.id;
    motherId = dispute!.subjectId;
  }, 60_000);
  afterAll(() => server?.close());

  it("GET /v1/institution/evidence/{id}: the source institution opening a file (evidence.read, the file's hash)", async () => {
    const headers = await bearer('institution', 'sh-transport');
    const entries = await appendedBy(() =>
      ok(fetch(`${server.url}/v1/institution/evidence/${evidenceId}`, { headers })),
    );
    expect(entries).toEqual([
      expect.objectContaining({
        action: 'evidence.read',
        actor: { kind: 'institution', id: 'sh-transport' },
        subject: motherId,
        object: { kind: 'dispute', id: disputeId },
        objectHash: createHash('sha256').update(PDF).digest('hex'),
      }),
    ]);
    expect((await whoLooked())[0]).toMatchObject({
      action: 'evidence.read',
      actor: { kind: 'institution', id: 'sh-transport' },
    });
  });

  it('GET /v1/institution/disputes: each dispute listed (dispute.read)', async () => {
    const headers = await bearer('institution', 'sh-transport');
    const entries = await appendedBy(() => ok(fetch(`${server.url}/v1/institution/disputes`, { headers })));
    expect(entries).toEqual([
      expect.objectContaining({
        action: 'dispute.read',
        actor: { kind: 'institution', id: 'sh-transport' },
        subject: motherId,
        object: { kind: 'dispute', id: disputeId },
      }),
    ]);
    expect((await whoLooked())[0]).toMatchObject({ action: 'dispute.read' });
  });

  it('GET /review: each dispute in the queue (dispute.read by the reviewer)', async () => {
    const entries = await appendedBy(() => ok(reviewer.get('/review')));
    expect(entries).toEqual([
      expect.objectContaining({ action: 'dispute.read', actor: { kind: 'staff', id: 'reviewer' }, subject: motherId }),
    ]);
  });

  it('GET /review/{id}: the dispute and its record (dispute.read, record.read)', async () => {
    const entries = await appendedBy(() => ok(reviewer.get(`/review/${disputeId}`)));
    expect(entries.map((e) => [e.action, e.actor.id, e.subject])).toEqual([
      ['dispute.read', 'reviewer', motherId],
      ['record.read', 'reviewer', motherId],
    ]);
  });

  it('GET /review/evidence/{id}: a reviewer opening a file (evidence.read)', async () => {
    const entries = await appendedBy(() => ok(reviewer.get(`/review/evidence/${evidenceId}`)));
    expect(entries).toEqual([
      expect.objectContaining({ action: 'evidence.read', actor: { kind: 'staff', id: 'reviewer' }, subject: motherId }),
    ]);
  });

  it('GET /v1/feed: each event delivered (feed.read under its subject)', async () => {
    const court = { ...(await bearer('institution', 'sh-pudong-court')), 'content-type': 'application/json' };
    const listing = validSubmission({
      type: 'court.dishonest_debtor_listing',
      sourceRef: 'L-1',
      subject: { scheme: 'CN-RIC', value: DEBTOR },
      effectiveAt: new Date(START).toISOString(),
      payload: {
        caseNumber: 'c-1',
        decisionReference: 'c-1-1',
        obligation: 'pay 100,000 yuan',
        ground: 'able_but_refuses',
      },
    });
    expect(
      (await fetch(`${server.url}/v1/records`, { method: 'POST', headers: court, body: JSON.stringify([listing]) }))
        .status,
    ).toBe(200);
    const headers = await bearer('relying_party', 'air-china');
    let events: unknown[] = [];
    const entries = await appendedBy(async () => {
      events = (
        (await (await fetch(`${server.url}/v1/feed?after=0&limit=100`, { headers })).json()) as { events: unknown[] }
      ).events;
    });
    expect(events.length).toBeGreaterThan(0);
    expect(entries.filter((e) => e.action === 'feed.read' && e.actor.id === 'air-china')).toHaveLength(events.length);
  });

  describe('GET /verify/{id}, the anonymous link of a signed report', () => {
    it('is logged once per report and hour however often it is opened, and again the next hour', async () => {
      const issued = await mother.request(`${server.url}/v1/me/attestations`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ disclosure: 'rating' }),
      });
      const { id } = (await issued.json()) as { id: string };
      const verifications = async (times: number) =>
        appendedBy(async () => {
          for (let i = 0; i < times; i++) await ok(fetch(`${server.url}/verify/${id}`));
        });
      expect((await verifications(20)).map((e) => [e.action, e.object.id])).toEqual([['attestation.verified', id]]);
      now = START + HOUR;
      expect((await verifications(3)).map((e) => e.action)).toEqual(['attestation.verified']);
      expect((await whoLooked()).filter((e) => e.action === 'attestation.verified')).toHaveLength(2);
      now = START;
    });
  });
});

describe('GET /verify/{id} under load', () => {
  it('is rate-limited per client like the public pages (429)', async () => {
    const server = await startPortalServer('sqlite', { publicRateLimit: { max: 3, timeWindow: 60_000 } });
    try {
      const statuses = [];
      for (let i = 0; i < 5; i++)
        statuses.push((await fetch(`${server.url}/verify/01JAAAAAAAAAAAAAAAAAAAAAAA`)).status);
      expect(statuses).toEqual([200, 200, 200, 429, 429]);
    } finally {
      await server.close();
    }
  });
});
