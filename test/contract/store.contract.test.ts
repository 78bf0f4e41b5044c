import { describe, expect, it } from 'vitest';
import { ProbityError } from '../../src/errors.js';
import { apiKeyChanged } from '../../src/domain/audit/write-drafts.js';
import { ulidFactory } from '../../src/services/clock.js';
import type { ApiKey } from '../../src/store/store.js';
import { freshStorePerTest, submission } from '../support/store-fixture.js';
import { STORE_KINDS } from '../support/stores.js';

const T0 = '2026-01-02T03:04:05.000Z';
const T1 = '2026-01-03T00:00:00.000Z';

describe.each(STORE_KINDS)('Store contract on %s', (kind) => {
  const t = freshStorePerTest(kind);
  const newId = ulidFactory();

  describe('ingest', () => {
    it('stores new records and creates each subject once', async () => {
      const outcomes = await t.store.ingest({ items: [submission('A'), submission('B')], recordedAt: T0, newId });
      expect(outcomes.map((o) => o.status)).toEqual(['inserted', 'inserted']);
      const counts = await t.store.counts();
      expect(counts).toEqual({ subjects: 1, records: 2, feedSeq: 3 });
      const subject = await t.store.subjectByIdentifier('CN-RIC', '11010519491231002X');
      expect(subject?.kind).toBe('person');
      const record = await t.store.record(outcomes[0]!.id);
      expect(record).toMatchObject({
        id: outcomes[0]!.id,
        subjectId: subject!.id,
        subjectKind: 'person',
        institution: 'shanghai-pudong-court',
        sourceRef: 'A',
        type: 'court.judgment_unperformed',
        versions: [
          {
            version: 1,
            action: 'submitted',
            effectiveAt: '2025-03-01T00:00:00.000Z',
            recordedAt: T0,
            payload: { amount: 125000, currency: 'CNY' },
          },
        ],
      });
    });

    it('reports an existing (institution, sourceRef) with the original id and body hash', async () => {
      const [first] = await t.store.ingest({ items: [submission('A')], recordedAt: T0, newId });
      const [again] = await t.store.ingest({ items: [submission('A', { bodyHash: 'other' })], recordedAt: T1, newId });
      expect(again).toEqual({ status: 'exists', id: first!.id, bodyHash: 'hash-A' });
      expect((await t.store.counts()).records).toBe(1);
    });

    it('stores a sourceRef repeated within one batch once', async () => {
      const outcomes = await t.store.ingest({ items: [submission('A'), submission('A')], recordedAt: T0, newId });
      expect(outcomes[0]!.status).toBe('inserted');
      expect(outcomes[1]).toEqual({ status: 'exists', id: outcomes[0]!.id, bodyHash: 'hash-A' });
    });

    it('keeps the same sourceRef from different institutions apart', async () => {
      const outcomes = await t.store.ingest({
        items: [submission('A'), submission('A', { institution: 'sta' })],
        recordedAt: T0,
        newId,
      });
      expect(outcomes.map((o) => o.status)).toEqual(['inserted', 'inserted']);
    });

    it('appends gap-free feed events in order: subject first, then its record', async () => {
      expect(await t.store.feedHead()).toBe(0);
      await t.store.ingest({
        items: [
          submission('A'),
          submission('B', { subject: { scheme: 'CN-USCC', value: '91350100M000100Y43', kind: 'organization' } }),
        ],
        recordedAt: T0,
        newId,
      });
      const feed = await t.store.feed(0, 100);
      expect(feed.map((e) => e.seq)).toEqual([1, 2, 3, 4]);
      expect(feed.filter((e) => e.type === 'subject.created')).toHaveLength(2);
      expect(feed.filter((e) => e.type === 'record.accepted')).toHaveLength(2);
      for (const event of feed.filter((e) => e.type === 'record.accepted')) {
        const created = feed.find((e) => e.type === 'subject.created' && e.subjectId === event.subjectId)!;
        expect(created.seq).toBeLessThan(event.seq);
      }
      expect(await t.store.feed(3, 100)).toEqual([feed[3]]);
      expect(await t.store.feedHead()).toBe(4);
    });

    it('runs batches concurrently without losing or doubling a record', async () => {
      const batches = Array.from({ length: 6 }, (_, b) =>
        Array.from({ length: 50 }, (_, i) =>
          submission(`R${(b * 37 + i) % 120}`, {
            subject: { scheme: 'CN-RIC', value: `S${i % 7}`, kind: 'person' },
            bodyHash: `hash-R${(b * 37 + i) % 120}`,
          }),
        ),
      );
      await Promise.all(batches.map((items) => t.store.ingest({ items, recordedAt: T0, newId })));
      const counts = await t.store.counts();
      const distinct = new Set(batches.flat().map((s) => s.sourceRef)).size;
      expect(counts.records).toBe(distinct);
      expect(counts.subjects).toBe(7);
      const feed = await t.store.feed(0, 10_000);
      expect(feed.map((e) => e.seq)).toEqual(feed.map((_, i) => i + 1));
      expect(feed.length).toBe(distinct + 7);
    });
  });

  describe('appendVersion', () => {
    it('adds versions and keeps the old ones readable with their recorded time', async () => {
      const [stored] = await t.store.ingest({ items: [submission('A')], recordedAt: T0, newId });
      const corrected = await t.store.appendVersion(stored!.id, () => ({
        ok: true,
        version: {
          action: 'corrected',
          effectiveAt: '2025-03-01T00:00:00.000Z',
          recordedAt: T1,
          payload: { amount: 100, currency: 'CNY' },
          reason: 'typo',
        },
      }));
      expect(corrected?.versions.map((v) => [v.version, v.action, v.recordedAt])).toEqual([
        [1, 'submitted', T0],
        [2, 'corrected', T1],
      ]);
      const reread = await t.store.record(stored!.id);
      expect(reread?.versions[0]?.payload).toEqual({ amount: 125000, currency: 'CNY' });
      expect(reread?.versions[1]).toMatchObject({ payload: { amount: 100, currency: 'CNY' }, reason: 'typo' });
      const feed = await t.store.feed(0, 100);
      expect(feed.at(-1)).toMatchObject({ type: 'record.corrected', recordId: stored!.id });
    });

    it('writes nothing when the decision is an error', async () => {
      const [stored] = await t.store.ingest({ items: [submission('A')], recordedAt: T0, newId });
      const before = await t.store.counts();
      await expect(
        t.store.appendVersion(stored!.id, () => ({ ok: false, error: new ProbityError('record_withdrawn') })),
      ).rejects.toMatchObject({ code: 'record_withdrawn' });
      expect(await t.store.counts()).toEqual(before);
      expect((await t.store.record(stored!.id))?.versions).toHaveLength(1);
    });

    it('answers undefined for an unknown record', async () => {
      expect(
        await t.store.appendVersion('NOPE', () => ({ ok: false, error: new Error('not called') })),
      ).toBeUndefined();
      expect(await t.store.record('NOPE')).toBeUndefined();
    });

    it('serialises concurrent corrections into consecutive versions', async () => {
      const [stored] = await t.store.ingest({ items: [submission('A')], recordedAt: T0, newId });
      await Promise.all(
        Array.from({ length: 5 }, (_, i) =>
          t.store.appendVersion(stored!.id, () => ({
            ok: true,
            version: {
              action: 'corrected',
              effectiveAt: T0,
              recordedAt: T1,
              payload: { amount: i, currency: 'CNY' },
              reason: `fix ${i}`,
            },
          })),
        ),
      );
      const record = await t.store.record(stored!.id);
      expect(record?.versions.map((v) => v.version)).toEqual([1, 2, 3, 4, 5, 6]);
    });
  });

  describe('subjectRecords', () => {
    it('gives every record of a subject with its versions, and none of another subject', async () => {
      const other = { scheme: 'CN-RIC', value: '110105194912310029', kind: 'person' as const };
      const [a] = await t.store.ingest({
        items: [submission('A'), submission('B'), submission('C', { subject: other })],
        recordedAt: T0,
        newId,
      });
      await t.store.appendVersion(a!.id, () => ({
        ok: true,
        version: { action: 'withdrawn', effectiveAt: T1, recordedAt: T1, payload: {} },
      }));
      const subject = await t.store.subjectByIdentifier('CN-RIC', '11010519491231002X');
      const records = await t.store.subjectRecords(subject!.id);
      expect(records.map((r) => r.sourceRef).sort()).toEqual(['A', 'B']);
      expect(records.find((r) => r.sourceRef === 'A')!.versions.map((v) => v.action)).toEqual([
        'submitted',
        'withdrawn',
      ]);
      expect(await t.store.subjectRecords('no-such-subject')).toEqual([]);
    });
  });

  describe('api keys', () => {
    const apiKey = (secretHash: string, createdAt = T0): ApiKey => ({
      id: newId(),
      secretHash,
      role: 'institution',
      principal: 'sta',
      createdAt,
      expiresAt: null,
      revokedAt: null,
      lastUsedAt: null,
    });
    const issued = (key: ApiKey) =>
      apiKeyChanged({ action: 'key.issued' }, key, { kind: 'operator', id: 'cli' }, key.createdAt);

    it('finds a key by the hash of its secret only, or by its id', async () => {
      const key = apiKey('abc');
      await t.store.saveApiKeys([key], [issued(key)]);
      expect(await t.store.apiKeyBySecretHash('abc')).toEqual(key);
      expect(await t.store.apiKeyBySecretHash('abd')).toBeUndefined();
      expect(await t.store.apiKeyById(key.id)).toEqual(key);
      expect(await t.store.apiKeyById('no-such-key')).toBeUndefined();
    });

    it("changes only a known key's expiry and revocation, with the step's audit entries in the same write", async () => {
      const key = apiKey('abc');
      await t.store.saveApiKeys([key], [issued(key)]);
      const revoked = {
        ...key,
        expiresAt: T1,
        revokedAt: T1,
        role: 'admin' as const,
        principal: 'mallory',
        secretHash: 'other',
      };
      const other = apiKey('def', T1);
      await t.store.saveApiKeys(
        [revoked, other],
        [apiKeyChanged({ action: 'key.revoked' }, revoked, { kind: 'operator', id: 'cli' }, T1), issued(other)],
      );
      expect(await t.store.apiKeys()).toEqual([{ ...key, expiresAt: T1, revokedAt: T1 }, other]);
      const actions = (await t.store.auditEntries(0, 10)).map((e) => JSON.parse(e.text).action);
      expect(actions).toEqual(['key.issued', 'key.revoked', 'key.issued']);
    });

    it("notes a key's last use, never moving it back", async () => {
      const key = apiKey('abc');
      await t.store.saveApiKeys([key], [issued(key)]);
      await t.store.noteApiKeyUse(key.id, T1);
      await t.store.noteApiKeyUse(key.id, T0);
      expect((await t.store.apiKeyById(key.id))?.lastUsedAt).toBe(T1);
    });
  });

  describe('check replays', () => {
    const claim = { relyingParty: 'air-china', keyTag: 'key-1', requestTag: 'request-1', claimedAt: T0 };

    it('claims a key once; a second claim sees the first, then its answer', async () => {
      expect(await t.store.claimCheckReplay(claim)).toBeUndefined();
      expect(await t.store.claimCheckReplay({ ...claim, requestTag: 'request-2', claimedAt: T1 })).toEqual({
        requestTag: 'request-1',
        claimedAt: T0,
        answer: null,
      });
      await t.store.answerCheckReplay('air-china', 'key-1', '{"decision":"allow"}');
      expect(await t.store.claimCheckReplay(claim)).toEqual({
        requestTag: 'request-1',
        claimedAt: T0,
        answer: '{"decision":"allow"}',
      });
      // Keys are per relying party.
      expect(await t.store.claimCheckReplay({ ...claim, relyingParty: 'china-eastern' })).toBeUndefined();
    });

    it('releases only the claim it names, and never an answered one', async () => {
      await t.store.claimCheckReplay(claim);
      await t.store.releaseCheckReplay('air-china', 'key-1', T1);
      expect(await t.store.claimCheckReplay(claim)).toMatchObject({ claimedAt: T0 });
      await t.store.releaseCheckReplay('air-china', 'key-1', T0);
      expect(await t.store.claimCheckReplay({ ...claim, claimedAt: T1 })).toBeUndefined();
      await t.store.answerCheckReplay('air-china', 'key-1', '{}');
      await t.store.releaseCheckReplay('air-china', 'key-1', T1);
      expect(await t.store.claimCheckReplay(claim)).toMatchObject({ answer: '{}' });
    });

    it('purges keys claimed before a time', async () => {
      await t.store.claimCheckReplay(claim);
      await t.store.claimCheckReplay({ ...claim, keyTag: 'key-2', claimedAt: T1 });
      expect(await t.store.purgeCheckReplays(T1)).toBe(1);
      expect(await t.store.claimCheckReplay(claim)).toBeUndefined();
      expect(await t.store.claimCheckReplay({ ...claim, keyTag: 'key-2' })).toMatchObject({ claimedAt: T1 });
    });
  });

  describe('migrate', () => {
    it('is idempotent', async () => {
      await t.store.migrate();
      await t.store.migrate();
      expect((await t.store.counts()).records).toBe(0);
    });
  });
});
