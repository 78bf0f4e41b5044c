import { describe, expect, it } from 'vitest';
import { ulidFactory } from '../../src/services/clock.js';
import type { MaterialisedRating } from '../../src/domain/rulebooks/materialised-rating.js';
import { freshStorePerTest, submission } from '../support/store-fixture.js';
import { STORE_KINDS } from '../support/stores.js';

const T0 = '2026-01-02T03:04:05.000Z';
const ORG = { scheme: 'CN-USCC', value: '91350100M000100Y43', kind: 'organization' as const };

const rating = (subjectId: string, band: string, feedSeq: number, score = 600): MaterialisedRating => ({
  subjectId,
  rulebookId: 'rb',
  score,
  band,
  assessedAt: T0,
  feedSeq,
});

describe.each(STORE_KINDS)('Store contract on %s: ratings and scans', (kind) => {
  const t = freshStorePerTest(kind);
  const newId = ulidFactory();

  describe('subjectsWithRecords', () => {
    it('pages through subjects in id order, each with all its records, and filters by kind', async () => {
      await t.store.ingest({
        items: [
          submission('A'),
          submission('B'),
          submission('C', { subject: ORG }),
          submission('D', { subject: { ...ORG, value: '91110000100000000Q' } }),
        ],
        recordedAt: T0,
        newId,
      });
      const first = await t.store.subjectsWithRecords({ limit: 2 });
      const rest = await t.store.subjectsWithRecords({ after: first.at(-1)!.subject.id, limit: 2 });
      const all = [...first, ...rest];
      expect(all).toHaveLength(3);
      expect(all.map((s) => s.subject.id)).toEqual(all.map((s) => s.subject.id).sort());
      const person = all.find((s) => s.subject.kind === 'person')!;
      expect(person.records.map((r) => r.sourceRef).sort()).toEqual(['A', 'B']);
      expect(await t.store.subjectsWithRecords({ after: rest.at(-1)!.subject.id, limit: 2 })).toEqual([]);
      const orgs = await t.store.subjectsWithRecords({ kind: 'organization', limit: 10 });
      expect(orgs.flatMap((s) => s.records.map((r) => r.sourceRef)).sort()).toEqual(['C', 'D']);
      expect(orgs.map((s) => s.subject.kind)).toEqual(['organization', 'organization']);
    });
  });

  describe('saveRatings', () => {
    it('stores a first rating and announces it as a band change from none', async () => {
      const { feedSeq } = await t.store.counts();
      expect(await t.store.saveRatings([rating('S1', 'good', 5)])).toBe(1);
      expect(await t.store.rating('S1')).toEqual(rating('S1', 'good', 5));
      const [event] = await t.store.feed(feedSeq, 10);
      expect(event).toMatchObject({
        type: 'rating.band_changed',
        subjectId: 'S1',
        recordId: null,
        recordedAt: T0,
        detail: { from: null, to: 'good', score: 600, rulebookId: 'rb' },
      });
    });

    it('announces a change of band but not a new score in the same band', async () => {
      await t.store.saveRatings([rating('S1', 'good', 5)]);
      const { feedSeq } = await t.store.counts();
      expect(await t.store.saveRatings([rating('S1', 'good', 6, 590)])).toBe(0);
      expect((await t.store.rating('S1'))?.score).toBe(590);
      expect(await t.store.saveRatings([rating('S1', 'bad', 7, 400)])).toBe(1);
      const events = await t.store.feed(feedSeq, 10);
      expect(events.map((e) => e.detail)).toEqual([{ from: 'good', to: 'bad', score: 400, rulebookId: 'rb' }]);
    });

    it('never replaces a rating that reflects a later feed position', async () => {
      await t.store.saveRatings([rating('S1', 'bad', 9, 400)]);
      expect(await t.store.saveRatings([rating('S1', 'good', 8)])).toBe(0);
      expect(await t.store.rating('S1')).toEqual(rating('S1', 'bad', 9, 400));
    });

    it('moves the rating cursor only from where it is', async () => {
      expect(await t.store.ratingCursor()).toBe(0);
      expect(await t.store.saveRatings([rating('S1', 'good', 3)], { from: 0, to: 3 })).toBe(1);
      expect(await t.store.ratingCursor()).toBe(3);
      // Another follower still at 0 lost the race: nothing of its save is written.
      expect(await t.store.saveRatings([rating('S2', 'good', 3)], { from: 0, to: 3 })).toBeUndefined();
      expect(await t.store.rating('S2')).toBeUndefined();
      expect(await t.store.ratingCursor()).toBe(3);
    });
  });
});
