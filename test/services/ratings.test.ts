import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openRegistry, type Registry } from '../../src/registry.js';
import type { Clock } from '../../src/services/clock.js';
import type { ItemResult } from '../../src/services/record-ingest.js';
import type { FeedEvent } from '../../src/domain/feed/feed-event.js';
import { validSubmission } from '../support/catalog.js';
import { DEMO_PACK, editedPack } from '../support/pack-fixture.js';
import { freshStoreUrl, STORE_KINDS } from '../support/stores.js';

const NOW = '2026-06-01T00:00:00.000Z';
let now = NOW;
const clock: Clock = { now: () => new Date(now) };
const USCC = '91350100M000100Y43';
const COURT = 'sh-pudong-court';

/** A judgment the organization has not performed (organizations rulebook: -15 each, undecayed today). */
const judgment = (sourceRef: string) => ({
  index: 0,
  institution: COURT,
  raw: validSubmission({
    sourceRef,
    subject: { scheme: 'CN-USCC', value: USCC },
    effectiveAt: NOW,
    payload: { caseNumber: sourceRef, amount: 1, currency: 'CNY' },
  }),
});

function acceptedId(result: ItemResult | undefined): string {
  if (result?.status !== 'accepted') throw new Error(`not accepted: ${JSON.stringify(result)}`);
  return result.id;
}

describe.each(STORE_KINDS)('Ratings on %s', (kind) => {
  let url: string;
  let registry: Registry;

  beforeEach(async () => {
    now = NOW;
    url = await freshStoreUrl(kind);
    registry = await openRegistry({ db: url, pack: DEMO_PACK, clock });
  });
  afterEach(async () => {
    await registry.close();
  });

  const bandChanges = async (after: number): Promise<FeedEvent['detail'][]> =>
    (await registry.store.feed(after, 1000)).filter((e) => e.type === 'rating.band_changed').map((e) => e.detail);
  const subjectId = async () => (await registry.store.subjectByIdentifier('CN-USCC', USCC))!.id;

  describe('when records are accepted, corrected and withdrawn', () => {
    it('keeps the rating current and puts each change of band on the feed', async () => {
      const [first, second] = await registry.ingest.ingest([judgment('J-1'), judgment('J-2')]);
      expect(await registry.ratings.catchUp()).toBe(1);
      const id = await subjectId();
      expect(await registry.store.rating(id)).toMatchObject({ score: 50, band: 'c', assessedAt: NOW });
      expect(await bandChanges(0)).toEqual([{ from: null, to: 'c', score: 50, rulebookId: expect.any(String) }]);

      const mark = (await registry.store.counts()).feedSeq;
      await registry.changes.withdraw(COURT, acceptedId(first), 'entered in error');
      await registry.ratings.catchUp();
      expect(await registry.store.rating(id)).toMatchObject({ score: 65, band: 'c' });
      expect(await bandChanges(mark)).toEqual([]); // a new score in the same band is no event

      await registry.changes.withdraw(COURT, acceptedId(second), 'entered in error');
      await registry.ratings.catchUp();
      expect(await registry.store.rating(id)).toMatchObject({ score: 80, band: 'b' });
      expect(await bandChanges(mark)).toEqual([{ from: 'c', to: 'b', score: 80, rulebookId: expect.any(String) }]);
      expect(await registry.store.ratingCursor()).toBe((await registry.store.counts()).feedSeq);
    });

    it('follows a correction', async () => {
      const [result] = await registry.ingest.ingest([judgment('J-1')]);
      await registry.ratings.catchUp();
      const id = acceptedId(result);
      // Three years older, the judgment has decayed from -15 to -5.3 points: 75, band b.
      await registry.changes.correct(COURT, id, {
        effectiveAt: '2023-06-01T00:00:00Z',
        payload: { caseNumber: 'J-1', amount: 1, currency: 'CNY' },
        reason: 'the enforcement notice was served in 2023',
      });
      await registry.ratings.catchUp();
      expect(await registry.store.rating(await subjectId())).toMatchObject({ score: 75, band: 'b' });
    });
  });

  describe('when a list entry the rulebook ties a band ceiling to comes into force', () => {
    it('reassesses the subject when the notice ends, and the band drops to the ceiling', async () => {
      // A major tax violation (-40: 80 falls to 40, band c) lists the organization after a 15-day notice.
      await registry.ingest.ingest([
        {
          index: 0,
          institution: 'sh-tax',
          raw: validSubmission({
            type: 'tax.major_violation',
            sourceRef: 'T-1',
            subject: { scheme: 'CN-USCC', value: USCC },
            effectiveAt: NOW,
            payload: {
              decisionReference: '沪税稽罚〔2026〕1号',
              violationType: 'tax_evasion',
              amount: 1,
              currency: 'CNY',
            },
          }),
        },
      ]);
      await registry.ratings.catchUp();
      const id = await subjectId();
      expect(await registry.store.rating(id)).toMatchObject({ score: 40, band: 'c' });

      now = '2026-06-17T00:00:00.000Z';
      expect(await registry.store.announceListTransitions(now, 100)).toBe(1);
      const mark = (await registry.store.counts()).feedSeq - 1;
      expect(await registry.ratings.catchUp()).toBe(1);
      // Ceiling D: the top of D is 39, one below where C starts.
      expect(await registry.store.rating(id)).toMatchObject({ score: 39, band: 'd' });
      expect(await bandChanges(mark)).toEqual([{ from: 'c', to: 'd', score: 39, rulebookId: expect.any(String) }]);
    });
  });

  describe('assess --all', () => {
    it('rates every subject and leaves nothing for the follower to redo', async () => {
      await registry.ingest.ingest([
        judgment('J-1'),
        { ...judgment('P-1'), raw: validSubmission({ sourceRef: 'P-1' }) },
      ]);
      const { feedSeq } = await registry.store.counts();
      const result = await registry.ratings.recomputeAll();
      expect(result).toMatchObject({ done: 2, total: 2, bandChanges: 2 });
      expect(await registry.store.ratingCursor()).toBe(feedSeq);
      expect(await registry.ratings.catchUp()).toBe(0);
      expect((await registry.ratings.recomputeAll()).bandChanges).toBe(0);
    });

    it('moves subjects between bands when a new rulebook is published', async () => {
      await registry.ingest.ingest([judgment('J-1')]);
      await registry.ratings.recomputeAll();
      await registry.close();
      // A stricter rulebook: an unperformed judgment costs 45 points, so 80 falls to 35 (band d).
      const stricter = editedPack('rulebooks/organizations.yaml', (text) =>
        text.replace('points: -15', 'points: -45').replace('version: 1.0.0', 'version: 1.1.0'),
      );
      registry = await openRegistry({ db: url, pack: stricter, clock });
      const mark = (await registry.store.counts()).feedSeq;
      expect((await registry.ratings.recomputeAll()).bandChanges).toBe(1);
      expect(await bandChanges(mark)).toEqual([{ from: 'c', to: 'd', score: 35, rulebookId: expect.any(String) }]);
    });
  });
});
