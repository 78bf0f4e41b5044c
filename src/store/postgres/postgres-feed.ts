import type pg from 'pg';
import type { NewFeedEvent } from '../../domain/feed/feed-event.js';
import { copyRows } from './copy-rows.js';

/**
 * Takes the feed's row lock until commit (appendFeed takes it too; taking it early serialises a
 * writer from its start).
 */
export async function lockFeed(client: pg.PoolClient): Promise<void> {
  await client.query('SELECT last_seq FROM feed_head FOR UPDATE');
}

/**
 * Appends events with the next sequence numbers. Call it last in a transaction:
 * the feed_head row lock is held until commit, so feed rows commit in sequence order.
 */
export async function appendFeed(client: pg.PoolClient, events: readonly NewFeedEvent[]): Promise<void> {
  if (events.length === 0) return;
  const head = await client.query<{ last_seq: string }>(
    'UPDATE feed_head SET last_seq = last_seq + $1 RETURNING last_seq',
    [events.length],
  );
  const first = Number(head.rows[0]!.last_seq) - events.length + 1;
  await copyRows(
    client,
    'change_feed',
    ['seq', 'type', 'subject_id', 'record_id', 'recorded_at', 'detail'],
    events.map((e, i) => [
      first + i,
      e.type,
      e.subjectId,
      e.recordId,
      e.recordedAt,
      e.detail ? JSON.stringify(e.detail) : null,
    ]),
  );
}
