import type pg from 'pg';
import { ratingWrites, type StoredBand } from '../../domain/rulebooks/rating-writes.js';
import { ratingFromRow, subjectRecordsFromRows, type RecordVersionRow } from '../store-rows.js';
import type { RatingCursorMove, Subject, SubjectPage, SubjectRecords } from '../store.js';
import type { MaterialisedRating } from '../../domain/rulebooks/materialised-rating.js';
import { appendFeed } from './postgres-feed.js';

const RATING_COLUMNS = 'subject_id, rulebook_id, score, band, assessed_at, feed_seq';

/**
 * One page of subjects in id order with every record they have: two queries, the second a range
 * scan of the subject-keyed tables.
 */
export async function subjectsWithRecords(
  pool: pg.Pool,
  versionsSql: string,
  page: SubjectPage,
): Promise<SubjectRecords[]> {
  const { rows: subjects } = await pool.query<Subject>(
    'SELECT id, kind FROM subjects WHERE id > $1 AND ($2::text IS NULL OR kind = $2) ORDER BY id LIMIT $3',
    [page.after ?? '', page.kind ?? null, page.limit],
  );
  if (subjects.length === 0) return [];
  const { rows } = await pool.query<RecordVersionRow>(
    `${versionsSql} WHERE r.subject_id BETWEEN $1 AND $2 ORDER BY r.subject_id, r.id, v.version`,
    [subjects[0]!.id, subjects.at(-1)!.id],
  );
  return subjectRecordsFromRows(subjects, rows);
}

/** Saves ratings and their band-change events in the caller's transaction (see Store.saveRatings). */
export async function saveRatings(
  client: pg.PoolClient,
  ratings: readonly MaterialisedRating[],
  move?: RatingCursorMove,
): Promise<number | undefined> {
  if (move) {
    const { rows } = await client.query<{ feed_seq: string }>('SELECT feed_seq FROM rating_cursor FOR UPDATE');
    if (Number(rows[0]!.feed_seq) !== move.from) return undefined;
  }
  // Rows are locked in id order, so concurrent saves (a follower and a full recompute) cannot deadlock.
  const { rows } = await client.query<Record<string, unknown>>(
    `SELECT ${RATING_COLUMNS} FROM ratings WHERE subject_id = ANY($1) ORDER BY subject_id FOR UPDATE`,
    [ratings.map((r) => r.subjectId)],
  );
  const stored = new Map<string, StoredBand>(rows.map((row) => [row['subject_id'] as string, ratingFromRow(row)]));
  const { upserts, events } = ratingWrites(stored, ratings);
  if (upserts.length > 0) {
    await client.query(
      `INSERT INTO ratings (${RATING_COLUMNS}) ` +
        `SELECT * FROM unnest($1::text[], $2::text[], $3::int[], $4::text[], $5::timestamptz[], $6::bigint[]) ` +
        'ON CONFLICT (subject_id) DO UPDATE SET rulebook_id = excluded.rulebook_id, ' +
        'score = excluded.score, band = excluded.band, ' +
        'assessed_at = excluded.assessed_at, feed_seq = excluded.feed_seq',
      [
        upserts.map((r) => r.subjectId),
        upserts.map((r) => r.rulebookId),
        upserts.map((r) => r.score),
        upserts.map((r) => r.band),
        upserts.map((r) => r.assessedAt),
        upserts.map((r) => r.feedSeq),
      ],
    );
  }
  if (move) await client.query('UPDATE rating_cursor SET feed_seq = $1', [move.to]);
  // Last: appendFeed holds the feed lock until commit.
  await appendFeed(
    client,
    events.map((e) => ({
      type: 'rating.band_changed',
      subjectId: e.subjectId,
      recordId: null,
      recordedAt: e.recordedAt,
      detail: e.detail,
    })),
  );
  return events.length;
}

export async function ratingCursor(pool: pg.Pool): Promise<number> {
  const { rows } = await pool.query<{ feed_seq: string }>('SELECT feed_seq FROM rating_cursor');
  return Number(rows[0]!.feed_seq);
}

export async function rating(pool: pg.Pool, subjectId: string): Promise<MaterialisedRating | undefined> {
  const { rows } = await pool.query<Record<string, unknown>>(
    `SELECT ${RATING_COLUMNS} FROM ratings WHERE subject_id = $1`,
    [subjectId],
  );
  return rows[0] && ratingFromRow(rows[0]);
}
