import { describe, expect, it } from 'vitest';
import { objectHash, type AuditDraft } from '../../src/domain/audit/audit-entry.js';
import { CompactTree } from '../../src/domain/merkle/compact-tree.js';
import { hashLeaf } from '../../src/domain/merkle/merkle-hash.js';
import { nodeId } from '../../src/domain/merkle/tree-nodes.js';
import { ulidFactory } from '../../src/services/clock.js';
import type { StoredAttestation } from '../../src/store/store.js';
import { checkedSubmissions, organizationIdentifier } from '../support/checked-submissions.js';
import { judgmentUnperformed } from '../support/demo-records.js';
import { freshStorePerTest } from '../support/store-fixture.js';
import { STORE_KINDS } from '../support/stores.js';

const ISSUED = '2026-03-01T08:00:00.000Z';
const COMPANY = organizationIdentifier(1, '上海某某有限公司');
const hex = (bytes: Uint8Array | undefined) => (bytes ? Buffer.from(bytes).toString('hex') : undefined);

/** The audit entry of an issue, as the Attestations service writes it: the holder of the token can read the subject's data. */
const issued = (attestation: StoredAttestation): AuditDraft => ({
  time: attestation.issuedAt,
  actor: { kind: 'subject', id: attestation.subjectId },
  action: 'attestation.issued',
  subject: attestation.subjectId,
  object: { kind: 'attestation', id: attestation.id },
  objectHash: objectHash(attestation.token),
  detail: { disclosure: attestation.disclosure },
});

describe.each(STORE_KINDS)('Store contract on %s: attestations and the audit tree they extend', (kind) => {
  const t = freshStorePerTest(kind);
  const newId = ulidFactory();

  /** The subject an attestation is about (its ingest appends two audit entries). */
  const seed = async () => {
    await t.store.ingest({
      items: checkedSubmissions('sh-pudong-court', [judgmentUnperformed(COMPANY, 'C1')]),
      recordedAt: ISSUED,
      newId,
    });
    return (await t.store.subjectByIdentifier(COMPANY.scheme, COMPANY.value))!.id;
  };
  const attestation = (subjectId: string, disclosure: StoredAttestation['disclosure']): StoredAttestation => {
    const id = newId();
    return {
      id,
      subjectId,
      disclosure,
      token: `eyJhbGciOiJFZERTQSJ9.${Buffer.from(id).toString('base64url')}.c2lnbmF0dXJl`,
      issuedAt: ISSUED,
      expiresAt: '2026-03-31T08:00:00.000Z',
    };
  };

  describe('saveAttestation and attestation', () => {
    it('keep an attestation with the audit entry of its issue', async () => {
      const subjectId = await seed();
      const from = await t.store.auditSize();
      const [rating, full] = [attestation(subjectId, 'rating'), attestation(subjectId, 'full')];
      await t.store.saveAttestation(rating, issued(rating));
      await t.store.saveAttestation(full, issued(full));
      expect(await t.store.attestation(rating.id)).toEqual(rating);
      expect(await t.store.attestation(full.id)).toEqual(full);
      expect(await t.store.attestation('no-such-attestation')).toBeUndefined();
      const logged = (await t.store.auditEntriesAbout(subjectId, from, 10)).map((e) => JSON.parse(e.text));
      expect(logged).toMatchObject([
        {
          action: 'attestation.issued',
          object: { kind: 'attestation', id: rating.id },
          detail: { disclosure: 'rating' },
        },
        { action: 'attestation.issued', object: { kind: 'attestation', id: full.id }, detail: { disclosure: 'full' } },
      ]);
    });

    it('logs nothing of an attestation it cannot keep', async () => {
      const subjectId = await seed();
      const kept = attestation(subjectId, 'rating');
      await t.store.saveAttestation(kept, issued(kept));
      const size = await t.store.auditSize();
      await expect(t.store.saveAttestation({ ...kept, disclosure: 'full' }, issued(kept))).rejects.toThrow();
      expect(await t.store.auditSize()).toBe(size);
      expect(await t.store.attestation(kept.id)).toEqual(kept);
    });
  });

  describe('auditNodes', () => {
    it('gives the stored hash of each leaf and complete subtree asked for, and leaves the rest out', async () => {
      const subjectId = await seed();
      for (let n = 0; n < 7; n++) {
        const issuedOne = attestation(subjectId, 'rating');
        await t.store.saveAttestation(issuedOne, issued(issuedOne));
      }
      const entries = await t.store.auditEntries(0, 100);
      expect(entries).toHaveLength(9);
      const leaves = entries.map((e) => hashLeaf(Buffer.from(e.text)));
      const firstEight = new CompactTree();
      for (const leaf of leaves.slice(0, 8)) firstEight.append(leaf);

      const [eight, nextEight, pair] = [
        nodeId({ level: 3, index: 0 }),
        nodeId({ level: 3, index: 1 }),
        nodeId({ level: 1, index: 0 }),
      ];
      const nodes = await t.store.auditNodes([...leaves.keys(), 9, 10, eight, nextEight, pair]);
      // Leaves 9 and 10 are not appended yet, leaves 8 to 15 are no complete subtree yet, and level 1 is never stored.
      expect([...nodes.keys()].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, eight]);
      expect(leaves.map((_, seq) => hex(nodes.get(seq)))).toEqual(leaves.map(hex));
      expect(hex(nodes.get(eight))).toBe(hex(firstEight.root()));
      expect(await t.store.auditNodes([])).toEqual(new Map());
    });
  });
});
