import type { BandChange } from '../feed/feed-event.js';
import type { MaterialisedRating } from './materialised-rating.js';

/** A stored rating as far as a save needs it. */
export interface StoredBand {
  readonly band: string;
  readonly feedSeq: number;
}

/** A band change to append to the feed. */
export interface BandChangeEvent {
  readonly subjectId: string;
  readonly recordedAt: string;
  readonly detail: BandChange;
}

/**
 * Decides what a save of ratings writes, the same way on every store: a rating that is
 * not older (by feed position) than the stored one replaces it, and a different band,
 * or a first rating, is announced.
 */
export function ratingWrites(
  stored: ReadonlyMap<string, StoredBand>,
  ratings: readonly MaterialisedRating[],
): { upserts: MaterialisedRating[]; events: BandChangeEvent[] } {
  const current = new Map(stored);
  const upserts = new Map<string, MaterialisedRating>();
  const events: BandChangeEvent[] = [];
  for (const rating of ratings) {
    const before = current.get(rating.subjectId);
    if (before && before.feedSeq > rating.feedSeq) continue;
    upserts.set(rating.subjectId, rating);
    current.set(rating.subjectId, rating);
    if (before?.band === rating.band) continue;
    events.push({
      subjectId: rating.subjectId,
      recordedAt: rating.assessedAt,
      detail: { from: before?.band ?? null, to: rating.band, score: rating.score, rulebookId: rating.rulebookId },
    });
  }
  return { upserts: [...upserts.values()], events };
}
