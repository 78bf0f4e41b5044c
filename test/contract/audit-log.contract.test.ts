import { describe, expect, it } from 'vitest';
import type { AuditDraft } from '../../src/domain/audit/audit-entry.js';
import { apiKeyChanged } from '../../src/domain/audit/write-drafts.js';
import { CompactTree } from '../../src/domain/merkle/compact-tree.js';
import { hashLeaf } from '../../src/domain/merkle/merkle-hash.js';
import { hashRange, nodeIdsFor } from '../../src/domain/merkle/subtree-range.js';
import { ulidFactory } from '../../src/services/clock.js';
import { openStore } from '../../src/store/open-store.js';
import type { Store } from '../../src/store/store.js';
import { freshStorePerTest, submission } from '../support/store-fixture.js';
import { freshStoreUrl, STORE_KINDS } from '../support/stores.js';

const T0 = '2026-01-02T03:04:05.000Z';
const RIC = '11010519491231002X';

const readDraft = (n: number): AuditDraft => ({
  time: T0,
  actor: { kind: 'relying_party', id: 'china-eastern' },
  action: 'record.read',
  subject: `subject-${n % 3}`,
  object: { kind: 'record', id: `record-${n}` },
  objectHash: 'ab'.repeat(32),
});

/** The root recomputed from the entry texts, and the root the store's subtrees give. */
async function roots(log: Store): Promise<{ recomputed: string; stored: string; size: number }> {
  const size = await log.auditSize();
  const tree = new CompactTree();
  for (const entry of await log.auditEntries(0, size)) tree.append(hashLeaf(Buffer.from(entry.text)));
  const range = { start: 0, end: size };
  const stored = size === 0 ? tree.root() : hashRange(range, await log.auditNodes(nodeIdsFor([range])));
  return { recomputed: Buffer.from(tree.root()).toString('hex'), stored: Buffer.from(stored).toString('hex'), size };
}

describe.each(STORE_KINDS)('Audit log contract on %s', (kind) => {
  const t = freshStorePerTest(kind);
  const newId = ulidFactory();

  describe('when records are ingested', () => {
    it('appends subject.created and record.accepted entries in the same transaction, numbered from 0', async () => {
      const outcomes = await t.store.ingest({ items: [submission('A'), submission('B')], recordedAt: T0, newId });
      const entries = await t.store.auditEntries(0, 10);
      const parsed = entries.map((e) => JSON.parse(e.text));
      expect(entries.map((e) => e.seq)).toEqual([0, 1, 2]);
      expect(parsed.map((p) => p.seq)).toEqual([0, 1, 2]);
      expect(parsed.map((p) => p.action).sort()).toEqual(['record.accepted', 'record.accepted', 'subject.created']);
      const accepted = parsed.filter((p) => p.action === 'record.accepted');
      expect(accepted.map((p) => p.object.id).sort()).toEqual(outcomes.map((o) => o.id).sort());
      expect(accepted[0]).toMatchObject({ actor: { kind: 'institution', id: 'shanghai-pudong-court' }, time: T0 });
      expect(await t.store.auditSize()).toBe(3);
    });

    it('writes no name or identifier number into the log', async () => {
      await t.store.ingest({ items: [submission('A')], recordedAt: T0, newId });
      const text = (await t.store.auditEntries(0, 10)).map((e) => e.text).join('\n');
      expect(text).not.toContain(RIC);
      expect(text).not.toContain('Zhang San');
    });

    it('appends nothing for a resubmission', async () => {
      await t.store.ingest({ items: [submission('A')], recordedAt: T0, newId });
      await t.store.ingest({ items: [submission('A')], recordedAt: T0, newId });
      expect(await t.store.auditSize()).toBe(2);
    });
  });

  describe('when a record gets a new version', () => {
    it('appends its entry, and none when the decision is an error', async () => {
      const [outcome] = await t.store.ingest({ items: [submission('A')], recordedAt: T0, newId });
      await t.store.appendVersion(outcome!.id, () => ({
        ok: true,
        version: { action: 'withdrawn', effectiveAt: T0, recordedAt: T0, payload: {}, reason: 'entered in error' },
      }));
      await expect(t.store.appendVersion(outcome!.id, () => ({ ok: false, error: new Error('no') }))).rejects.toThrow(
        'no',
      );
      const last = JSON.parse((await t.store.auditEntries(2, 3))[0]!.text);
      expect(last).toMatchObject({
        seq: 2,
        action: 'record.withdrawn',
        object: { kind: 'record', id: outcome!.id, version: 2 },
      });
      expect(await t.store.auditSize()).toBe(3);
    });
  });

  describe('Merkle subtrees', () => {
    it('give the same root as rehashing every entry, at every size', async () => {
      for (let batch = 0; batch < 6; batch++) {
        await t.store.appendAudit(Array.from({ length: batch * 3 + 1 }, (_, i) => readDraft(batch * 100 + i)));
        const { recomputed, stored } = await roots(t.store);
        expect(stored).toBe(recomputed);
      }
    });

    it('stay gap-free and consistent under concurrent appends and ingests', async () => {
      await Promise.all([
        ...Array.from({ length: 8 }, (_, n) => t.store.appendAudit([readDraft(n), readDraft(n + 50)])),
        ...Array.from({ length: 4 }, (_, n) => t.store.ingest({ items: [submission(`C${n}`)], recordedAt: T0, newId })),
      ]);
      const { recomputed, stored, size } = await roots(t.store);
      expect(stored).toBe(recomputed);
      const seqs = (await t.store.auditEntries(0, size)).map((e) => JSON.parse(e.text).seq);
      expect(seqs).toEqual(Array.from({ length: size }, (_, i) => i));
      expect(size).toBe(16 + 4 + 1);
    });

    it('stay consistent when two processes append to one store in turn', async () => {
      const url = await freshStoreUrl(kind);
      const [one, two] = [await openStore(url), await openStore(url)];
      try {
        // Each store remembers the edge after its own appends; the other's appends make that stale.
        for (let round = 0; round < 5; round++) {
          await one.appendAudit([readDraft(round), readDraft(round + 10)]);
          await one.appendAudit([readDraft(round + 20)]);
          await two.appendAudit([]);
          await two.appendAudit(Array.from({ length: round + 1 }, (_, i) => readDraft(round * 7 + i)));
        }
        const { recomputed, stored, size } = await roots(one);
        expect(stored).toBe(recomputed);
        expect(size).toBe(5 * 3 + (1 + 2 + 3 + 4 + 5));
        const seqs = (await one.auditEntries(0, size)).map((e) => JSON.parse(e.text).seq);
        expect(seqs).toEqual(Array.from({ length: size }, (_, i) => i));
      } finally {
        await Promise.all([one.close(), two.close()]);
      }
    });
  });

  it('logs each API key issued, without its holder or secret in the entry', async () => {
    const key = {
      id: 'key-1',
      secretHash: 'f'.repeat(64),
      role: 'auditor',
      principal: 'auditor-wang',
      createdAt: T0,
      expiresAt: null,
      revokedAt: null,
      lastUsedAt: null,
    } as const;
    await t.store.saveApiKeys(
      [key],
      [apiKeyChanged({ action: 'key.issued' }, key, { kind: 'operator', id: 'cli' }, T0)],
    );
    const [entry] = await t.store.auditEntries(0, 1);
    expect(JSON.parse(entry!.text)).toMatchObject({
      action: 'key.issued',
      subject: null,
      object: { kind: 'api_key', id: 'key-1' },
    });
    expect(entry!.text).not.toContain('auditor-wang');
    expect(entry!.text).not.toContain('f'.repeat(64));
  });

  it('lists the entries about one subject from a position on', async () => {
    await t.store.appendAudit(Array.from({ length: 9 }, (_, i) => readDraft(i)));
    const about = await t.store.auditEntriesAbout('subject-1', 2, 10);
    expect(about.map((e) => e.seq)).toEqual([4, 7]);
  });

  it('publishes a pack or rulebook once per change of its content, series by series', async () => {
    const pack = (hash: string): AuditDraft => ({
      ...readDraft(0),
      action: 'pack.published',
      subject: null,
      objectHash: hash,
    });
    expect(await t.store.publish('pack:x', pack('a'))).toBe(true);
    expect(await t.store.publish('pack:x', pack('a'))).toBe(false);
    expect(await t.store.publish('rulebook:y', pack('a'))).toBe(true);
    expect(await t.store.publish('pack:x', pack('b'))).toBe(true);
    expect(await t.store.publish('pack:x', pack('a'))).toBe(true);
    expect(await t.store.auditSize()).toBe(4);
  });

  it('keeps checkpoints by size, once each', async () => {
    expect(await t.store.latestCheckpoint()).toBeUndefined();
    await t.store.saveCheckpoint({ size: 1, note: 'one', createdAt: T0 });
    await t.store.saveCheckpoint({ size: 3, note: 'three', createdAt: T0 });
    await t.store.saveCheckpoint({ size: 3, note: 'again', createdAt: T0 });
    expect(await t.store.latestCheckpoint()).toEqual({ size: 3, note: 'three', createdAt: T0 });
    expect((await t.store.checkpoints(10)).map((c) => c.size)).toEqual([1, 3]);
  });

  it('lists an even spread of checkpoints and the latest when there are more than asked for', async () => {
    for (let size = 1; size <= 25; size++) await t.store.saveCheckpoint({ size, note: `n${size}`, createdAt: T0 });
    expect((await t.store.checkpoints(5)).map((c) => c.size)).toEqual([5, 10, 15, 20, 25]);
    expect((await t.store.checkpoints(4)).map((c) => c.size)).toEqual([7, 14, 21, 25]);
  });
});
