import type { RatingCursorMove } from './store.js';
import type { MaterialisedRating } from '../domain/rulebooks/materialised-rating.js';

/** Materialised ratings and the feed position they are current to. Each method is one transaction. */
export interface RatingStore {
  /**
   * Saves ratings in one transaction: each unless the stored one reflects a later feed
   * position, with a rating.band_changed feed event where the band differs from the stored
   * one (or none was stored). With `move`, does nothing unless the rating cursor is at
   * `move.from`, and leaves it at `move.to`. Resolves with the number of band changes,
   * or undefined when the cursor had moved on (another node did the work).
   */
  saveRatings(ratings: readonly MaterialisedRating[], move?: RatingCursorMove): Promise<number | undefined>;
  /** The feed position up to which ratings are current. */
  ratingCursor(): Promise<number>;
  rating(subjectId: string): Promise<MaterialisedRating | undefined>;
}
