import type pg from 'pg';
import type { OutboxMessage, QueuedMessage } from '../../domain/notifications/outbox-message.js';
import { copyRows } from './copy-rows.js';
import { messageStateFromRow, oldestFirst, OUTBOX_COLUMNS, outboxValues, queuedFromRow } from '../outbox-rows.js';
import { contactKey } from '../store.js';

/** The outbox, subjects' contacts and relying parties' webhooks of the PostgreSQL store. */

/** In the caller's transaction: the messages go with the event they tell of. */
export async function insertMessages(client: pg.PoolClient, messages: readonly OutboxMessage[]): Promise<void> {
  if (messages.length > 0) await copyRows(client, 'outbox', [...OUTBOX_COLUMNS], messages.map(outboxValues));
}

/** See Store.claimDueMessages; SKIP LOCKED lets several workers share the queue. */
export async function claimDueMessages(
  pool: pg.Pool,
  at: string,
  leaseUntil: string,
  limit: number,
): Promise<QueuedMessage[]> {
  const { rows } = await pool.query<Record<string, unknown>>(
    'UPDATE outbox SET next_attempt_at = $2 WHERE id IN (SELECT id FROM outbox ' +
      'WHERE delivered_at IS NULL AND dead_at IS NULL AND next_attempt_at <= $1 ' +
      'ORDER BY next_attempt_at, id LIMIT $3 FOR UPDATE SKIP LOCKED) RETURNING *',
    [at, leaseUntil, limit],
  );
  return oldestFirst(rows.map(queuedFromRow));
}

export async function messageDelivered(pool: pg.Pool, id: string, at: string): Promise<void> {
  await pool.query('UPDATE outbox SET delivered_at = $1, attempts = attempts + 1 WHERE id = $2', [at, id]);
}

export async function messageFailed(
  pool: pg.Pool,
  id: string,
  error: string,
  retryAt: string | null,
  at: string,
): Promise<void> {
  await pool.query(
    'UPDATE outbox SET attempts = attempts + 1, last_error = $1, next_attempt_at = coalesce($2, next_attempt_at), ' +
      'dead_at = $3 WHERE id = $4',
    [error, retryAt, retryAt === null ? at : null, id],
  );
}

export async function messageState(pool: pg.Pool, id: string) {
  const { rows } = await pool.query<Record<string, unknown>>(
    'SELECT attempts, delivered_at, dead_at, last_error FROM outbox WHERE id = $1',
    [id],
  );
  return rows[0] && messageStateFromRow(rows[0]);
}

type Identifier = { readonly scheme: string; readonly value: string };

export async function saveContact(
  pool: pg.Pool,
  identifiers: readonly Identifier[],
  email: string,
  at: string,
): Promise<void> {
  await pool.query(
    'INSERT INTO contacts (scheme, value, email, updated_at) SELECT w.scheme, w.value, $3, $4 ' +
      'FROM unnest($1::text[], $2::text[]) AS w(scheme, value) ' +
      'ON CONFLICT (scheme, value) DO UPDATE SET email = excluded.email, updated_at = excluded.updated_at',
    [identifiers.map((i) => i.scheme), identifiers.map((i) => i.value), email, at],
  );
}

export async function contactsOf(pool: pg.Pool, identifiers: readonly Identifier[]): Promise<Map<string, string>> {
  if (identifiers.length === 0) return new Map();
  const { rows } = await pool.query<{ scheme: string; value: string; email: string }>(
    'SELECT c.scheme, c.value, c.email FROM contacts c JOIN unnest($1::text[], $2::text[]) AS w(scheme, value) ' +
      'ON w.scheme = c.scheme AND w.value = c.value',
    [identifiers.map((i) => i.scheme), identifiers.map((i) => i.value)],
  );
  return new Map(rows.map((row) => [contactKey(row), row.email]));
}

export async function saveWebhook(
  pool: pg.Pool,
  relyingParty: string,
  url: string,
  secret: string,
  at: string,
): Promise<void> {
  await pool.query(
    'INSERT INTO webhooks (relying_party, url, secret, created_at) VALUES ($1, $2, $3, $4) ' +
      'ON CONFLICT (relying_party) DO UPDATE SET url = excluded.url, ' +
      'secret = excluded.secret, created_at = excluded.created_at',
    [relyingParty, url, secret, at],
  );
}

export async function webhookOf(
  pool: pg.Pool,
  relyingParty: string,
): Promise<{ url: string; secret: string } | undefined> {
  const { rows } = await pool.query<{ url: string; secret: string }>(
    'SELECT url, secret FROM webhooks WHERE relying_party = $1',
    [relyingParty],
  );
  return rows[0];
}
