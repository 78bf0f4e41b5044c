import { describe, expect, it } from 'vitest';
import type { Dispute } from '../../src/domain/disputes/dispute.js';
import type { OutboxMessage } from '../../src/domain/notifications/outbox-message.js';
import { ulidFactory } from '../../src/services/clock.js';
import type { CorrectionNotice } from '../../src/domain/feed/feed-event.js';
import { COURT, disputeDraft, disputeFixture, FILED, TAX } from '../support/dispute-fixture.js';
import { freshStorePerTest } from '../support/store-fixture.js';
import { STORE_KINDS } from '../support/stores.js';

describe.each(STORE_KINDS)('Store contract on %s: filing, answering and lapsing disputes', (kind) => {
  const t = freshStorePerTest(kind);
  const newId = ulidFactory();
  const disputes = disputeFixture(t, newId);
  const email = (recipient: string, topic: string, createdAt: string): OutboxMessage => ({
    id: newId(),
    channel: 'email',
    recipient,
    topic,
    payload: { subject: `Probity: ${topic}`, text: 'See your disputes.' },
    createdAt,
  });
  /** Everything due in the outbox at `at`, leased for good: what the dispute steps wrote there. */
  const outbox = (at: string) => t.store.claimDueMessages(at, '2099-01-01T00:00:00.000Z', 100);
  const ids = (items: readonly { readonly id: string }[]) => items.map((item) => item.id);

  describe('fileDispute', () => {
    it('stores a dispute with its feed event, its audit entry and its notices, in one write', async () => {
      const seeded = await disputes.seed();
      const filed = disputes.dispute(seeded, { statement: 'Paid on 1 March.' });
      const notice = email('zhang@example.com', 'dispute.filed', FILED);
      const { feedSeq } = await t.store.counts();
      const size = await t.store.auditSize();
      await t.store.fileDispute(filed, disputeDraft('dispute.filed', filed, FILED), [notice]);

      expect(await t.store.dispute(filed.id)).toEqual(filed);
      expect(await t.store.feed(feedSeq, 10)).toEqual([
        {
          seq: feedSeq + 1,
          type: 'dispute.filed',
          subjectId: seeded.subjectId,
          recordId: seeded.unperformed,
          recordedAt: FILED,
        },
      ]);
      expect(await t.store.auditSize()).toBe(size + 1);
      expect(await disputes.lastLogged()).toMatchObject({
        action: 'dispute.filed',
        subject: seeded.subjectId,
        object: { kind: 'dispute', id: filed.id },
      });
      expect(await outbox(FILED)).toMatchObject([{ ...notice, attempts: 0 }]);
      expect(await t.store.dispute('no-such-dispute')).toBeUndefined();
    });

    it('keeps a dispute about a list entry with the record behind it', async () => {
      const seeded = await disputes.seed();
      const aboutEntry = disputes.dispute(seeded, {
        target: { kind: 'list_entry', entryId: seeded.entryId, recordId: seeded.listing },
        suspends: true,
      });
      await disputes.file(aboutEntry);
      expect(await t.store.dispute(aboutEntry.id)).toEqual(aboutEntry);
    });

    it('writes nothing of a filing that fails', async () => {
      const seeded = await disputes.seed();
      const filed = disputes.dispute(seeded);
      await disputes.file(filed);
      const counts = await t.store.counts();
      const size = await t.store.auditSize();
      await expect(
        t.store.fileDispute({ ...filed, grounds: 'again' }, disputeDraft('dispute.filed', filed, FILED), [
          email('zhang@example.com', 'dispute.filed', FILED),
        ]),
      ).rejects.toThrow();
      expect(await t.store.counts()).toEqual(counts);
      expect(await t.store.auditSize()).toBe(size);
      expect(await outbox(FILED)).toEqual([]);
      expect(await t.store.dispute(filed.id)).toEqual(filed);
    });
  });

  describe('updateDispute', () => {
    it('replaces only the answer, then the decision, with their feed events and corrections', async () => {
      const seeded = await disputes.seed();
      const filed = disputes.dispute(seeded);
      await disputes.file(filed);
      const { feedSeq } = await t.store.counts();
      const answeredAt = '2026-02-05T10:00:00.000Z';
      const answered: Dispute = { ...filed, answer: { kind: 'withdraw', reason: 'entered in error', answeredAt } };
      const correction: CorrectionNotice = {
        disputeId: filed.id,
        change: 'withdrawn',
        relyingParties: { 'air-china': ['check-1', 'check-2'], 'china-eastern': ['check-3'] },
      };
      const hook: OutboxMessage = {
        id: newId(),
        channel: 'webhook',
        recipient: 'https://air-china.example/probity',
        topic: 'correction',
        payload: {
          relyingParty: 'air-china',
          event: { type: 'correction', change: 'withdrawn', checkIds: ['check-1'] },
        },
        createdAt: answeredAt,
      };
      const byCourt = { kind: 'institution', id: COURT } as const;
      // Grounds and statement are the subject's: an update that carries other ones does not change them.
      await t.store.updateDispute(
        { ...answered, grounds: 'rewritten', statement: 'rewritten' },
        'dispute.answered',
        disputeDraft('dispute.answered', answered, answeredAt, byCourt),
        [correction],
        [hook],
      );
      expect(await t.store.dispute(filed.id)).toEqual(answered);
      const about = { subjectId: seeded.subjectId, recordId: seeded.unperformed, recordedAt: answeredAt };
      expect(await t.store.feed(feedSeq, 10)).toEqual([
        { seq: feedSeq + 1, type: 'dispute.answered', ...about },
        { seq: feedSeq + 2, type: 'correction.issued', ...about, detail: correction },
      ]);
      expect(ids(await outbox(answeredAt))).toEqual([hook.id]);

      const decidedAt = '2026-02-10T10:00:00.000Z';
      const decided: Dispute = {
        ...answered,
        decision: { outcome: 'upheld', reasons: 'The court withdrew it.', reviewer: 'reviewer-1', decidedAt },
      };
      await t.store.updateDispute(
        decided,
        'dispute.decided',
        disputeDraft('dispute.decided', decided, decidedAt, { kind: 'staff', id: 'reviewer-1' }),
      );
      expect(await t.store.dispute(filed.id)).toEqual(decided);
      expect(await t.store.feed(feedSeq + 2, 10)).toEqual([
        { seq: feedSeq + 3, type: 'dispute.decided', ...about, recordedAt: decidedAt },
      ]);
      const actions = (await t.store.auditEntriesAbout(seeded.subjectId, 0, 100)).map((e) => JSON.parse(e.text).action);
      expect(actions.slice(-3)).toEqual(['dispute.filed', 'dispute.answered', 'dispute.decided']);
    });
  });

  describe('unannouncedLapses and announceLapse', () => {
    it('list undecided disputes past their deadline, soonest first, until each lapse is announced once', async () => {
      const seeded = await disputes.seed();
      const target = (recordId: string) => ({ target: { kind: 'record', recordId } as const });
      const early = disputes.dispute(seeded, { filedAt: '2026-01-05T09:00:00.000Z' });
      const late = disputes.dispute(seeded, { filedAt: '2026-01-12T09:00:00.000Z', ...target(seeded.listing) });
      const decided = disputes.dispute(seeded, {
        filedAt: '2026-01-05T09:00:00.000Z',
        ...target(seeded.taxed),
        institution: TAX,
        decision: {
          outcome: 'rejected',
          reasons: 'Correct.',
          reviewer: 'reviewer-1',
          decidedAt: '2026-01-20T09:00:00.000Z',
        },
      });
      const notYet = disputes.dispute(seeded, { filedAt: '2026-02-20T09:00:00.000Z' });
      await disputes.file(notYet, late, decided, early);
      const at = '2026-03-01T12:00:00.000Z';

      expect(ids(await t.store.unannouncedLapses(at, 10))).toEqual([early.id, late.id]);
      expect(await t.store.unannouncedLapses(at, 1)).toEqual([early]);
      expect(await t.store.unannouncedLapses(early.deadline, 10)).toEqual([early]);

      const correction: CorrectionNotice = {
        disputeId: early.id,
        change: 'lapsed',
        relyingParties: { 'air-china': ['c-1'] },
      };
      const sweeper = { kind: 'operator', id: 'dispute-sweeper' } as const;
      const told = email('zhang@example.com', 'dispute.lapsed', at);
      const { feedSeq } = await t.store.counts();
      expect(
        await t.store.announceLapse(early, disputeDraft('dispute.lapsed', early, at, sweeper), correction, [told]),
      ).toBe(true);
      const about = { subjectId: seeded.subjectId, recordId: seeded.unperformed, recordedAt: at };
      expect(await t.store.feed(feedSeq, 10)).toEqual([
        { seq: feedSeq + 1, type: 'dispute.lapsed', ...about },
        { seq: feedSeq + 2, type: 'correction.issued', ...about, detail: correction },
      ]);
      expect(await disputes.lastLogged()).toMatchObject({ action: 'dispute.lapsed', object: { id: early.id } });
      expect(ids(await t.store.unannouncedLapses(at, 10))).toEqual([late.id]);

      // Another node announcing the same lapse, or a lapse of a decided dispute, writes nothing.
      const counts = await t.store.counts();
      const size = await t.store.auditSize();
      const again = email('zhang@example.com', 'dispute.lapsed', at);
      expect(
        await t.store.announceLapse(early, disputeDraft('dispute.lapsed', early, at, sweeper), correction, [again]),
      ).toBe(false);
      expect(
        await t.store.announceLapse(decided, disputeDraft('dispute.lapsed', decided, at, sweeper), undefined),
      ).toBe(false);
      expect(await t.store.counts()).toEqual(counts);
      expect(await t.store.auditSize()).toBe(size);
      expect(ids(await outbox(at))).toEqual([told.id]);

      expect(await t.store.announceLapse(late, disputeDraft('dispute.lapsed', late, at, sweeper), undefined)).toBe(
        true,
      );
      expect((await t.store.feed(counts.feedSeq, 10)).map((e) => e.type)).toEqual(['dispute.lapsed']);
      expect(await t.store.unannouncedLapses(at, 10)).toEqual([]);
    });
  });
});
