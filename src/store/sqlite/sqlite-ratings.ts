import type Database from 'better-sqlite3';
import { ratingWrites, type StoredBand } from '../../domain/rulebooks/rating-writes.js';
import { ratingFromRow } from '../store-rows.js';
import type { RatingCursorMove } from '../store.js';
import type { MaterialisedRating } from '../../domain/rulebooks/materialised-rating.js';
import type { SqliteWriteContext } from './sqlite-write-context.js';

type Row = Record<string, unknown>;

/** The materialised-rating tables of the SQLite store; `save` runs inside the caller's transaction. */
export class SqliteRatings {
  private readonly sql;

  constructor(
    db: Database.Database,
    private readonly context: SqliteWriteContext,
  ) {
    this.sql = {
      rating: db.prepare(
        'SELECT subject_id, rulebook_id, score, band, assessed_at, feed_seq FROM ratings WHERE subject_id = ?',
      ),
      upsertRating: db.prepare(
        'INSERT INTO ratings (subject_id, rulebook_id, score, band, assessed_at, feed_seq) VALUES (?, ?, ?, ?, ?, ?) ' +
          'ON CONFLICT (subject_id) DO UPDATE SET rulebook_id = excluded.rulebook_id, ' +
          'score = excluded.score, band = excluded.band, ' +
          'assessed_at = excluded.assessed_at, feed_seq = excluded.feed_seq',
      ),
      ratingCursor: db.prepare('SELECT feed_seq FROM rating_cursor'),
      moveRatingCursor: db.prepare('UPDATE rating_cursor SET feed_seq = ?'),
    };
  }

  /** See Store.saveRatings. */
  save(ratings: readonly MaterialisedRating[], move?: RatingCursorMove): number | undefined {
    const { sql } = this;
    if (move && this.cursor() !== move.from) return undefined;
    const stored = new Map<string, StoredBand>();
    for (const rating of ratings) {
      const row = sql.rating.get(rating.subjectId) as Row | undefined;
      if (row) stored.set(rating.subjectId, ratingFromRow(row));
    }
    const { upserts, events } = ratingWrites(stored, ratings);
    for (const r of upserts) sql.upsertRating.run(r.subjectId, r.rulebookId, r.score, r.band, r.assessedAt, r.feedSeq);
    for (const e of events)
      this.context.appendFeed({
        type: 'rating.band_changed',
        subjectId: e.subjectId,
        recordId: null,
        recordedAt: e.recordedAt,
        detail: e.detail,
      });
    if (move) sql.moveRatingCursor.run(move.to);
    return events.length;
  }

  cursor(): number {
    return (this.sql.ratingCursor.get() as { feed_seq: number }).feed_seq;
  }

  of(subjectId: string): MaterialisedRating | undefined {
    const row = this.sql.rating.get(subjectId) as Row | undefined;
    return row && ratingFromRow(row);
  }
}
