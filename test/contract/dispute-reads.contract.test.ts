import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Dispute } from '../../src/domain/disputes/dispute.js';
import type { Evidence, EvidenceMediaType } from '../../src/domain/disputes/evidence.js';
import { ulidFactory } from '../../src/services/clock.js';
import { personIdentifier } from '../support/checked-submissions.js';
import { COURT, disputeFixture, TAX } from '../support/dispute-fixture.js';
import { freshStorePerTest } from '../support/store-fixture.js';
import { STORE_KINDS } from '../support/stores.js';

const ZHANG = personIdentifier(1, '张三');
const LI = personIdentifier(2, '李四');

describe.each(STORE_KINDS)('Store contract on %s: dispute evidence and dispute queries', (kind) => {
  const t = freshStorePerTest(kind);
  const newId = ulidFactory();
  const disputes = disputeFixture(t, newId);
  const ids = (items: readonly { readonly id: string }[]) => items.map((item) => item.id);

  describe('evidence', () => {
    const evidenceOf = (d: Dispute, mediaType: EvidenceMediaType, content: Uint8Array, addedAt: string): Evidence => ({
      id: newId(),
      disputeId: d.id,
      subjectId: d.subjectId,
      mediaType,
      size: content.byteLength,
      sha256: createHash('sha256').update(content).digest('hex'),
      addedAt,
    });

    it('keeps the files of a dispute in the order added, each with its content and audit entry', async () => {
      const filed = disputes.dispute(await disputes.seed());
      await disputes.file(filed);
      const pdf = new TextEncoder().encode('%PDF-1.7\n%receipt of payment\n');
      const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0xff, 0x5c, 0x27]);
      const first = evidenceOf(filed, 'application/pdf', pdf, '2026-02-03T08:00:00.000Z');
      const second = evidenceOf(filed, 'image/png', png, '2026-02-03T09:00:00.000Z');
      for (const [evidence, content] of [
        [first, pdf],
        [second, png],
      ] as const) {
        await t.store.addEvidence(evidence, content, {
          time: evidence.addedAt,
          actor: { kind: 'subject', id: filed.subjectId },
          action: 'dispute.evidence_added',
          subject: filed.subjectId,
          object: { kind: 'dispute', id: filed.id },
          objectHash: evidence.sha256,
          detail: { mediaType: evidence.mediaType, size: evidence.size },
        });
        expect(await disputes.lastLogged()).toMatchObject({
          action: 'dispute.evidence_added',
          objectHash: evidence.sha256,
        });
      }

      expect(await t.store.evidenceOf(filed.id)).toEqual([first, second]);
      const found = await t.store.evidenceContent(second.id);
      expect(found?.evidence).toEqual(second);
      expect(Buffer.from(found!.content).toString('hex')).toBe(Buffer.from(png).toString('hex'));
      expect(await t.store.evidenceContent('no-such-file')).toBeUndefined();
      expect(await t.store.evidenceOf('no-such-dispute')).toEqual([]);
    });
  });

  describe('disputesPage', () => {
    it('pages through every dispute in id order, whatever the order filed', async () => {
      const seeded = await disputes.seed();
      const [a, b, c] = [seeded.unperformed, seeded.listing, seeded.taxed].map((recordId) =>
        disputes.dispute(seeded, { target: { kind: 'record', recordId } }),
      );
      await disputes.file(c!, a!, b!);
      const first = await t.store.disputesPage(undefined, 2);
      const rest = await t.store.disputesPage(first.at(-1)!.id, 2);
      expect([...ids(first), ...ids(rest)]).toEqual([a!.id, b!.id, c!.id].sort());
      expect(first).toHaveLength(2);
      expect([...first, ...rest].find((d) => d.id === c!.id)).toEqual(c);
      expect(await t.store.disputesPage(rest.at(-1)!.id, 2)).toEqual([]);
    });
  });

  describe('dispute and disputesOf', () => {
    it("give the disputes of several subjects, each subject's in filing order", async () => {
      const zhang = await disputes.seed(ZHANG);
      const li = await disputes.seed(LI);
      const later = disputes.dispute(zhang, { filedAt: '2026-02-03T09:00:00.000Z' });
      const earlier = disputes.dispute(zhang, {
        filedAt: '2026-02-02T09:00:00.000Z',
        target: { kind: 'record', recordId: zhang.listing },
      });
      const lis = disputes.dispute(li, { filedAt: '2026-02-01T09:00:00.000Z' });
      await disputes.file(later, lis, earlier);

      const found = await t.store.disputesOf([li.subjectId, zhang.subjectId]);
      expect(found).toHaveLength(3);
      expect(found.filter((d) => d.subjectId === zhang.subjectId)).toEqual([earlier, later]);
      expect(found.filter((d) => d.subjectId === li.subjectId)).toEqual([lis]);
      expect(await t.store.disputesOf([zhang.subjectId])).toEqual([earlier, later]);
      expect(await t.store.disputesOf(['no-such-subject'])).toEqual([]);
      expect(await t.store.disputesOf([])).toEqual([]);
      expect(await t.store.dispute(lis.id)).toEqual(lis);
    });
  });

  describe('undecidedDisputes', () => {
    it("gives an institution's undecided disputes, or everyone's, soonest deadline first, at most `limit`", async () => {
      const seeded = await disputes.seed();
      const court = disputes.dispute(seeded, { filedAt: '2026-02-04T09:00:00.000Z' });
      const courtSooner = disputes.dispute(seeded, {
        filedAt: '2026-02-02T09:00:00.000Z',
        target: { kind: 'record', recordId: seeded.listing },
      });
      const tax = disputes.dispute(seeded, {
        filedAt: '2026-02-03T09:00:00.000Z',
        target: { kind: 'record', recordId: seeded.taxed },
        institution: TAX,
      });
      const decided = disputes.dispute(seeded, {
        filedAt: '2026-01-20T09:00:00.000Z',
        decision: {
          outcome: 'rejected',
          reasons: 'Correct.',
          reviewer: 'reviewer-1',
          decidedAt: '2026-01-30T09:00:00.000Z',
        },
      });
      await disputes.file(court, decided, tax, courtSooner);

      expect(ids(await t.store.undecidedDisputes(COURT, 10))).toEqual([courtSooner.id, court.id]);
      expect(await t.store.undecidedDisputes(TAX, 10)).toEqual([tax]);
      expect(ids(await t.store.undecidedDisputes(undefined, 10))).toEqual([courtSooner.id, tax.id, court.id]);
      expect(ids(await t.store.undecidedDisputes(undefined, 2))).toEqual([courtSooner.id, tax.id]);
      expect(await t.store.undecidedDisputes('no-such-institution', 10)).toEqual([]);
    });
  });
});
